#!/bin/sh
# layers: the lower layers reference nothing above them (risk <- feed <-
# state <- engine <- views), and risk/ and feed/ nothing of ncurses; risk/ nothing of
# ZeroMQ either. Checked on the symbols the build's objects leave undefined.
. "$(dirname "$0")/lib.sh"
NM=gcc-nm
command -v $NM > /dev/null || NM=nm
defined() { for o in "$@"; do $NM --defined-only -g "$o" 2>/dev/null; done | awk 'NF >= 3 {print $3}' | sort -u; }
undefined() { for o in "$1"/*.o; do $NM -u "$o" 2>/dev/null | awk -v f="$o" '{print $NF " " f}'; done | sort -u; }
objs() { ls "$BUILD/$1"/*.o 2>/dev/null | grep -v -e '_main\.o$'; }
for d in risk feed state engine tui; do [ -n "$(objs $d)" ] || fail "no objects in $BUILD/$d (build first)"; done
defined $(objs feed) > "$TMP/feed.def"
defined $(objs state) > "$TMP/state.def"
defined $(objs engine) > "$TMP/engine.def"
defined $(objs tui) > "$TMP/view.def"
cat "$TMP/feed.def" "$TMP/state.def" "$TMP/engine.def" "$TMP/view.def" | sort -u > "$TMP/above_risk"
cat "$TMP/state.def" "$TMP/engine.def" "$TMP/view.def" | sort -u > "$TMP/above_feed"
cat "$TMP/engine.def" "$TMP/view.def" | sort -u > "$TMP/above_state"
# check DIR ABOVE_LIST FORBIDDEN_REGEX: undefined symbols of DIR's objects
check() {
  undefined "$BUILD/$1" | grep -v '_main\.o$' > "$TMP/$1.undef"
  bad=$(awk 'NR == FNR {above[$1] = 1; next} ($1 in above) {print $1 " in " $2}' "$2" "$TMP/$1.undef" | head -5)
  [ -z "$bad" ] || fail "$1/ uses symbols of a layer above it: $bad"
  bad=$(grep -E "$3" "$TMP/$1.undef" | head -5)
  [ -z "$bad" ] || fail "$1/ uses what it must not: $bad"
}
check risk "$TMP/above_risk" '^(zmq_|initscr|newterm|endwin|wattr|mvw?add|getch|wgetch|keypad|curs_set|has_colors|start_color|init_pair|COLS|LINES|stdscr)'
check state "$TMP/above_state" '^(initscr|newterm|endwin|wattr|mvw?add|getch|wgetch|keypad|curs_set|has_colors|start_color|init_pair|COLS|LINES|stdscr)'
check feed "$TMP/above_feed" '^(initscr|newterm|endwin|wattr|mvw?add|getch|wgetch|keypad|curs_set|has_colors|start_color|init_pair|COLS|LINES|stdscr)'
# engine/ uses nothing of the views (the command line, the dashboard) nor
# ncurses: checked on the libraries the programs link (one pass, no group)
[ -f "$BUILD/libinvtop-engine.a" ] && [ -f "$BUILD/libinvtop-view.a" ] || fail "no libraries in $BUILD (build first)"
$NM --defined-only -g "$BUILD/libinvtop-view.a" 2>/dev/null | awk 'NF >= 3 {print $3}' | sort -u > "$TMP/view.lib.def"
$NM -u "$BUILD/libinvtop-engine.a" 2>/dev/null | awk 'NF >= 2 {print $NF}' | sort -u > "$TMP/engine.undef"
bad=$(comm -12 "$TMP/view.lib.def" "$TMP/engine.undef" | head -5 | tr '\n' ' ')
[ -z "$bad" ] || fail "engine/ uses symbols of the views: $bad"
bad=$(grep -E '^(initscr|newterm|endwin|wattr|mvw?add|getch|wgetch|keypad|curs_set|has_colors|start_color|init_pair|COLS|LINES|stdscr)' "$TMP/engine.undef" | head -5)
[ -z "$bad" ] || fail "engine/ uses ncurses: $bad"
nrisk=$(wc -l < "$TMP/risk.undef"); nfeed=$(wc -l < "$TMP/feed.undef"); nstate=$(wc -l < "$TMP/state.undef")
echo "ok: risk/ ($nrisk undefined references), feed/ ($nfeed), state/ ($nstate) and engine/ reference nothing above them, nor ncurses; risk/ no ZeroMQ"
