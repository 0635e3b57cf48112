# Sourced by the end-to-end tests. BUILD is the build directory (tests/run.sh sets it).
set -u
BUILD=${BUILD:-build}
INV=$(pwd)/$BUILD/invtop
FEED=$(pwd)/$BUILD/invtop-feed
# Debian's python3 carries pyzmq (python3-zmq); another python3 earlier in PATH may not.
PY=
for cand in /usr/bin/python3 $(which -a python3 2>/dev/null); do
  "$cand" -c 'import zmq' 2>/dev/null && { PY=$cand; break; }
done
[ -n "$PY" ] || { echo "no python3 with pyzmq (apt-get install python3-zmq)"; exit 1; }
# the tests' Python reads files being written through e2elines.complete_lines
export PYTHONPATH="$(pwd)/tests/e2e${PYTHONPATH:+:$PYTHONPATH}"
TMP=$(mktemp -d -t invtop-e2e.XXXXXX)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
# wait_pid PATTERN: print the pid of the first process whose command line
# matches PATTERN (pgrep -f), waiting up to 10 s for it; else say so on
# stderr and return 1 (callers run it in $(...), so: pid=$(wait_pid P) || exit 1).
wait_pid() {
  for _ in $(seq 1 100); do
    found=$(pgrep -f "$1" | head -1)
    [ -n "$found" ] && { echo "$found"; return 0; }
    sleep 0.1
  done
  echo "FAIL: no process matching '$1' after 10 s" >&2
  return 1
}
# alive PID: the process runs (one that exited but was not waited for yet is
# a zombie, which kill -0 would still find)
alive() {
  _st=$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -d' ' -f1)
  [ -n "$_st" ] && [ "$_st" != Z ]
}
# wait_file PAT FILE S [PID]: wait up to S seconds for a line matching PAT
# (grep) in FILE, else fail; with PID, fail as soon as that process (the
# writer) has exited without writing it. For events a process reports (a log
# line), never a delay.
wait_file() {
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q -- "$1" "$2" 2>/dev/null && return 0
    if [ -n "${4:-}" ] && ! alive "$4"; then
      grep -q -- "$1" "$2" 2>/dev/null && return 0
      echo "--- $2:"; tail -5 "$2" 2>/dev/null; fail "process $4 exited before '$1' was in $2"
    fi
    sleep 0.1
  done
  echo "--- $2:"; tail -5 "$2" 2>/dev/null; fail "'$1' not in $2 after $3 s"
}
# wait_snap FILE COND S [PID]: wait up to S seconds for the JSON lines in FILE
# (headless snapshots, received quotes) to satisfy the Python expression
# COND, else fail; with PID, fail as soon as that process (the writer) has
# exited first. COND sees s, the last complete line parsed, and S, all of
# them (parsed only when COND names S). Tests wait on a state a program
# reports (every message counted, prices stale), then stop it, rather than
# giving it a fixed time; the time limit only bounds a failing run.
wait_snap() {
  $PY - "$1" "$2" "$3" "${4:-}" <<'PYEOF' || fail "no snapshot in $1 with $2 after $3 s${4:+ (or process $4 exited)}"
import json, re, sys, time
from e2elines import complete_lines
path, cond, limit, pid = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
def alive():
    try:
        return open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
expr = compile("(%s)" % cond, "COND", "eval")  # parenthesised: COND may span lines
needs_all = re.search(r"\bS\b", cond) is not None
end = time.monotonic() + limit
while True:
    running = not pid or alive()  # before reading: what it wrote last is then in
    try:  # without S, the last line is enough: read the tail only
        lines = [l.decode(errors="replace")
                 for l in complete_lines(path, None if needs_all else 16 << 20)]
    except OSError:
        lines = []
    if lines:
        try:
            S = [json.loads(l) for l in lines] if needs_all else None
            s = S[-1] if needs_all else json.loads(lines[-1])
        except ValueError as e:  # say which line, so a failure can be read
            bad = [(k, l) for k, l in enumerate(lines) if not l.strip() or l.strip()[0] != "{"]
            print("--- %s is not JSON lines (%s); %d odd lines, first: %r, before it: %r" % (
                path, e, len(bad), bad[0][1][:200] if bad else None,
                lines[bad[0][0] - 1][:300] if bad and bad[0][0] > 0 else None))
            sys.exit(1)
        if eval(expr, {"S": S, "s": s}):
            sys.exit(0)
    if time.monotonic() > end or not running:
        print("--- last snapshot in %s: %s" % (path, lines[-1][:800] if lines else "(none)"))
        if not running:
            print("--- process %s exited" % pid)
        sys.exit(1)
    time.sleep(0.1)
PYEOF
}
free_port() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# tmux_session NAME: a private tmux server for the test, with helpers
#   T ARGS...        tmux on that server
#   screen           the pane's text
#   wait_for PAT S   wait up to S seconds for PAT on screen, else fail
#   wait_gone PAT S  wait up to S seconds for PAT to leave the screen, else fail
tmux_session() {
  command -v tmux >/dev/null || fail "tmux needed (apt-get install tmux)"
  S=$1
  SOCK="$TMP/tmux.sock"
  trap 'T kill-server 2>/dev/null; cleanup' EXIT
  # tmux ends its server when the last session goes, and a new-session racing
  # that exit fails with "server exited unexpectedly"; an idle session keeps
  # the server up so tests can kill and recreate theirs freely.
  T new-session -d -s keeper "sleep 86400" || fail "tmux could not start a server"
}
T() { tmux -S "$SOCK" "$@"; }
screen() { T capture-pane -p -t $S; }
wait_for() {
  for _ in $(seq 1 $(($2 * 10))); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
  echo "--- screen:"; screen; fail "'$1' not on screen after $2 s"
}
# wait_gone PAT S: wait up to S seconds for PAT to leave the screen, else fail
wait_gone() {
  for _ in $(seq 1 $(($2 * 10))); do screen | grep -q -- "$1" || return 0; sleep 0.1; done
  echo "--- screen:"; screen; fail "'$1' still on screen after $2 s"
}
