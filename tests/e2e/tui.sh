# The dashboard as a person uses it, in a detached tmux session: panels on
# screen, a filter takes effect, a mouse click selects a row, sort takes
# effect, help opens and closes, resize to 80x24 and back, LANG=C + NO_COLOR
# on a vt100, q and SIGTERM give the terminal back. The demo's options sort
# before its perps and their symbols outrun the column: clicks and sorting
# are checked on the perps, filtered.
. tests/e2e/lib.sh
tmux_session invtop-e2e-$$
T new-session -d -s $S -x 160 -y 48 "env TERM=xterm-256color LANG=C.UTF-8 $INV --demo; echo EXITED-\$?; sleep 60"
wait_for "Positions [0-9]" 10
wait_for "CVaR" 5
for p in Portfolio Positions "Risk:" "Detail" "Events" "VaR" "PnL"; do
  screen | grep -q -- "$p" || fail "panel or label '$p' missing at 160x48"
done
# filter: the perps alone
T send-keys -t $S '/' P E R P Enter; wait_for "Positions 3 " 3
screen | grep -q "BTC-FUT" && fail "filter PERP still shows BTC-FUT"
# mouse: a click on a row selects it (SGR 1006 reports, as xterm sends them)
click() {
  T send-keys -t $S -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"
  T send-keys -t $S -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"
}
for line in 12 10; do
  sym=$(screen | sed -n "${line}p" | awk '{print $2}')
  screen | grep -q "Detail $sym " && fail "$sym already selected before the click"
  click 10 $line; wait_for "Detail $sym " 3
done
# sort: one step right is Qty ascending, I inverts it
T send-keys -t $S '>'; wait_for "Qty\^" 3
T send-keys -t $S 'I'; wait_for "Qtyv" 3
screen | $PY -c '
import re, sys
# a row: the border, two flags (stale, override) and a blank, the symbol, the quantity
rows = [m for m in (re.match(r"^.[ S][ PM] [A-Z]+-[A-Z]+ +(\S+)", l) for l in sys.stdin) if m]
qty = [float(m.group(1)) for m in rows]
assert len(qty) == 3, "rows: %r" % qty
assert qty == sorted(qty, reverse=True), "not sorted by qty descending: %r" % qty
' || fail "sort by Qty descending not on screen"
# no filter: every instrument again, the options too
T send-keys -t $S '/' Escape; wait_gone "filter: PERP" 3
n=$(screen | sed -n 's/.*Positions \([0-9]*\).*/\1/p' | head -1)
[ "${n:-0}" -gt 8 ] || fail "without the filter Positions shows ${n:-none}, not the demo's options too"
# help
T send-keys -t $S '?'; wait_for "Help: keys" 3
screen | grep -q "quit" || fail "help does not list quit"
T send-keys -t $S Escape; wait_gone "Help: keys" 3
# resize down and back (no key after: faults.sh checks the same under a flood,
# where a lost SIGWINCH shows reliably)
T resize-window -t $S -x 80 -y 24
wait_for "hidden" 3
screen | grep -q "VaR" || fail "80x24 lacks VaR"
T resize-window -t $S -x 160 -y 48; wait_for "Risk:" 3
# quit restores the terminal
T send-keys -t $S q; wait_for "EXITED-0" 3
[ "$(T display -p -t $S '#{alternate_on}')" = 0 ] || fail "still on the alternate screen after q"
T kill-session -t $S
# ASCII only under LANG=C, monochrome with NO_COLOR, on a vt100
T new-session -d -s $S -x 100 -y 30 "env LANG=C LC_ALL=C NO_COLOR=1 TERM=vt100 $INV --demo; echo EXITED-\$?; sleep 60"
wait_for "Positions [0-9]" 10
screen | LC_ALL=C grep -q "[^ -~]" && fail "non-ASCII on screen under LANG=C"
# SIGTERM in the middle of drawing restores the terminal too
pid=$(wait_pid "^$INV --demo") || exit 1
kill -TERM "$pid"; wait_for "EXITED-" 3
[ "$(T display -p -t $S '#{alternate_on}')" = 0 ] || fail "still on the alternate screen after SIGTERM"
echo "ok: panels, filter, mouse, sort, help, resize, LANG=C/NO_COLOR, q and SIGTERM restore"
