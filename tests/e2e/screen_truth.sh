# The screen says what its numbers are, at every size (issue 19), in tmux:
#  - 80x24, colour and NO_COLOR: READ-ONLY on the status line, FROZEN after Z;
#    --trader: TRADER; a manual override's flag keeps a blank before the symbol;
#    Tab refused (one panel fits) and the footer keeps Filter, Sort and Freeze;
#  - 160x48: '>' twelve times keeps a sort marker in the Positions header and
#    moves it over the columns shown; 'v' moves the '>' mark between methods;
#  - 35x8: the too-small message names the minimum, 40x10, whole.
. tests/e2e/lib.sh
tmux_session invtop-truth-$$
run() { # NAME COLS ROWS ENV ARGS...: invtop in its own session
  name=$1 c=$2 r=$3 e=$4; shift 4
  T new-session -d -s $name -x $c -y $r \
    "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$TMP XDG_CONFIG_HOME=$TMP $e $INV $*; echo EXITED-\$?; sleep 60"
}
on() { T capture-pane -p -t $1; }
# wait_on NAME PATTERN S: the pattern (grep -E) on NAME's screen within S seconds
wait_on() {
  for _ in $(seq 1 $(($3 * 10))); do on $1 | grep -Eq -- "$2" && return 0; sleep 0.1; done
  echo "--- $1:"; on $1; fail "$1: '$2' not on screen after $3 s"
}
status() { on $1 | head -1; }
# seen NAME PATTERN S: like wait_on, but returns 1 instead of failing
seen() { for _ in $(seq 1 $(($3 * 10))); do on $1 | grep -Eq -- "$2" && return 0; sleep 0.1; done; return 1; }
probs=""
problem() { probs="$probs
  $*"; }

# ---- 80x24: mode and freeze, colour and monochrome ----
run c80 80 24 "" --demo
run m80 80 24 NO_COLOR=1 --demo
run t80 80 24 NO_COLOR=1 --demo --trader --journal "$TMP/j.jsonl"
for s in c80 m80 t80; do wait_on $s "Positions [0-9]+" 15; done
for s in c80 m80; do
  status $s | grep -q "READ-ONLY" || problem "$s: no READ-ONLY on the status line: $(status $s)"
  T send-keys -t $s Z
  for _ in $(seq 1 30); do status $s | grep -q FROZEN && break; sleep 0.1; done
  status $s | grep -q FROZEN || problem "$s: no FROZEN on the status line after Z: $(status $s)"
done
status t80 | grep -q "TRADER" || problem "t80: no TRADER on the status line: $(status t80)"
# the footer keeps the most useful hints; Tab has nowhere to go
on c80 | tail -1 | grep -q "Filter.*Sort.*Freeze" || problem "80x24 footer lacks Filter, Sort, Freeze: $(on c80 | tail -1)"
on c80 | tail -1 | grep -q "Tab" && problem "80x24 footer offers Tab with one panel: $(on c80 | tail -1)"
T send-keys -t c80 Tab
seen c80 "only the positions panel fits" 3 || problem "80x24: Tab says nothing of the hidden panels: $(on c80 | tail -1)"
# a manual override: its flag M, then a blank, then the symbol
T send-keys -t t80 ']'
seen t80 "^. ?.M [A-Z]{3}-" 5 || problem "80x24: no override flag M apart from its symbol: $(on t80 | grep -E 'M ?[A-Z]{3}-' | head -1)"
on t80 | grep -Eq "M[A-Z]{3}-(PERP|FUT|USD)" && problem "the flag runs into the symbol: $(on t80 | grep -E 'M[A-Z]{3}-')"
for s in c80 m80 t80; do T kill-session -t $s; done

# ---- 160x48: the sort marker follows '>' over the columns shown ----
run w 160 48 "" --demo
wait_on w "Positions [0-9]+" 15
header() { on w | grep -E "Symbol.*Qty" | head -1; }
marks=""
for i in $(seq 0 12); do
  h=$(header)
  m=$(echo "$h" | grep -oE "[A-Za-z$]+( bp)?[\^v]( |$)" | head -1)
  [ -n "$m" ] || problem "after $i x '>': no sort marker in the header: $h"
  marks="$marks|$m"
  T send-keys -t w '>'
  for _ in $(seq 1 20); do [ "$(header)" != "$h" ] && break; sleep 0.1; done
done
n=$(echo "$marks" | tr '|' '\n' | sort -u | grep -c .)
[ "$n" -ge 5 ] || problem "'>' moved the marker over $n columns only: $marks"
# v: the '>' mark moves to the next VaR method
before=$(on w | grep -oE "> [a-z_]+ +VaR" | head -1)
[ -n "$before" ] || problem "160x48: no method marked '>' in the summary"
T send-keys -t w v
for _ in $(seq 1 20); do after=$(on w | grep -oE "> [a-z_]+ +VaR" | head -1); [ "$after" != "$before" ] && break; sleep 0.1; done
[ -n "$before" ] && [ "$after" = "$before" ] && problem "v did not move the mark ($before)"
T kill-session -t w

# ---- 35x8: too small, the minimum named whole ----
run tiny 35 8 "" --demo
wait_on tiny "too small" 10
on tiny | tr '\n' ' ' | grep -q "40x10" || problem "35x8 does not name 40x10: $(on tiny | tr '\n' ' ')"
T kill-session -t tiny
[ -z "$probs" ] || fail "what the screen does not say:$probs"
echo "ok: 80x24 says READ-ONLY, TRADER and FROZEN (colour and NO_COLOR), flag apart from symbol, footer keeps Filter/Sort/Freeze, Tab refused; 160x48 sort marker on 13 screens over $n columns, v moves the mark; 35x8 names 40x10"
