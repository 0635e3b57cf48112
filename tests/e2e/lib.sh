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
