# A new user's first hour: every example runs, CURVE with the example
# publisher, the recorded session replays, the example config is current and
# loads, --help/--version/exit codes, and make install/uninstall into a
# DESTDIR installs exactly what it says and the installed binaries run.
# Live runs end on what invtop reports (wait_snap), never after a fixed time.
. tests/e2e/lib.sh
# the example publisher into invtop (it waits for its subscriber)
port=$(free_port)
$PY examples/publish.py --bind tcp://127.0.0.1:$port --count 60 --rate 40 & p=$!
PIDS="$p"
"$INV" --headless --connect tcp://127.0.0.1:$port --interval 250 > "$TMP/a.jsonl" & inv=$!
PIDS="$p $inv"
wait_snap "$TMP/a.jsonl" 'len(s["instruments"]) == 2 and s["feed"]["msgs"] >= 130' 60 $inv
wait $p || fail "publish.py failed"
kill -TERM $inv; wait $inv || fail "invtop failed"
$PY -c '
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
syms = {i["sym"]: i for i in last["instruments"]}
assert set(syms) == {"XBT-PERP", "XET-PERP"}, syms.keys()
assert syms["XBT-PERP"]["kind"] == "perp" and syms["XET-PERP"]["qty"] == -0.5, syms
' "$TMP/a.jsonl" || fail "publish.py data not in invtop"
# the same with CURVE: the publisher is the server, invtop its allowed client
K="$TMP/k"
"$INV" --keygen "$K" --key-name publisher >/dev/null && "$INV" --keygen "$K" --key-name invtop >/dev/null
port=$(free_port)
$PY examples/publish.py --bind tcp://127.0.0.1:$port --count 60 --rate 40 \
  --curve-secret "$K/publisher.key" --allow-key "$K/invtop.pub" & p=$!
PIDS="$p"
"$INV" --headless --connect tcp://127.0.0.1:$port --server-key "$K/publisher.pub" \
  --curve-secret "$K/invtop.key" --interval 250 > "$TMP/c.jsonl" & inv=$!
PIDS="$p $inv"
wait_snap "$TMP/c.jsonl" 'len(s["instruments"]) == 2 and s["feed"]["msgs"] >= 130' 60 $inv
wait $p || fail "publish.py (CURVE) failed"
kill -TERM $inv; wait $inv || fail "invtop (CURVE) failed"
grep -q XBT-PERP "$TMP/c.jsonl" || fail "nothing arrived over CURVE"
# the quote consumer on the demo's quote channel: until it prints a quote
qport=$(free_port)
"$INV" --demo --headless --quotes tcp://127.0.0.1:$qport --interval 1000 > /dev/null & inv=$!
PIDS="$inv"
$PY examples/quotes_consumer.py --connect tcp://127.0.0.1:$qport > "$TMP/q.txt" & qc=$!
PIDS="$inv $qc"
wait_file "skew" "$TMP/q.txt" 60 $qc
kill $qc; kill -TERM $inv; wait $inv || fail "invtop --demo --quotes failed"
# the recorded session
"$INV" --headless --replay examples/replay/session.jsonl --speed max --interval 5000 > "$TMP/r.jsonl" \
  || fail "the example replay failed"
[ "$(wc -l < "$TMP/r.jsonl")" -ge 8 ] || fail "the example replay printed too little"
# the example config is what the program generates, and loads with every key set
"$INV" --example-config | cmp -s - docs/invtop.ini.example || fail "docs/invtop.ini.example is out of date"
sed '/^# Per instrument/q' docs/invtop.ini.example \
  | sed -n 's/^# \([a-z_]*\) = \(..*\)$/\1 = \2/p; s/^\(\[.*\]\)$/\1/p' > "$TMP/all.ini"
printf '\n[instrument BTC-PERP]\ngamma = 0.1\nmax_pos_lots = 20\n' >> "$TMP/all.ini"
"$INV" --config "$TMP/all.ini" --print-config > "$TMP/eff.ini" || fail "the example config does not load"
grep -q "^\[instrument BTC-PERP\]" "$TMP/eff.ini" || fail "--print-config lost the instrument section"
printf '[risk]\nhorizon = 5\n' > "$TMP/bad.ini"
"$INV" --config "$TMP/bad.ini" --headless 2> "$TMP/bad.err"; [ $? -eq 2 ] || fail "a bad config key is not a usage error"
grep -q "bad.ini:2: unknown key 'horizon' in \[risk\]" "$TMP/bad.err" || fail "config error does not name file, line and key"
# command line basics
"$INV" --help | grep -q "Exit status" || fail "--help"
"$INV" --version | grep -q "^invtop [0-9]" || fail "--version"
"$INV" --no-such-flag 2>/dev/null; [ $? -eq 2 ] || fail "an unknown flag does not exit 2"
# install into a DESTDIR, run the installed binaries, uninstall exactly that
D="$TMP/dest"
make -s install PREFIX=/usr DESTDIR="$D" > /dev/null || fail "make install failed"
for f in bin/invtop bin/invtop-feed bin/invtop-sim bin/invtop-relay share/man/man1/invtop.1 \
         share/man/man1/invtop-feed.1 share/man/man1/invtop-sim.1 share/man/man1/invtop-relay.1 \
         share/doc/invtop/invtop.ini.example; do
  [ -e "$D/usr/$f" ] || fail "not installed: $f"
done
"$D/usr/bin/invtop" --version > /dev/null || fail "the installed invtop does not run"
"$D/usr/bin/invtop-sim" --paths 50 | grep -q "62.94" || fail "the installed invtop-sim does not run"
man -l "$D/usr/share/man/man1/invtop.1" 2>/dev/null | grep -q "kill switch" || fail "invtop(1) lacks the key list"
make -s uninstall PREFIX=/usr DESTDIR="$D" > /dev/null || fail "make uninstall failed"
left=$(find "$D" -type f | wc -l)
[ "$left" -eq 0 ] || fail "uninstall left $left files: $(find "$D" -type f | head -3)"
echo "ok: examples (plain and CURVE), quote consumer, recorded replay, example config, CLI, install/uninstall"
