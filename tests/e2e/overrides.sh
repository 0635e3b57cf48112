# Overrides as a trader uses them: in tmux, ] three times and p on the selected
# instrument; a pyzmq subscriber sees src=manual quotes with +3 bp then
# paused; after quit and restart the override is active and republished;
# kill -9 in the middle of a burst loses no change the screen showed; in
# read-only mode the same keys change and publish nothing. A subscriber
# listens until the test ends; the test waits for the quotes it expects in
# its output (wait_snap), not for a fixed time.
. tests/e2e/lib.sh
tmux_session invtop-ovr-$$
subscribe() { # subscribe PORT OUT: quote bodies as JSON lines into OUT
  $PY - "$1" > "$2" <<'PYEOF' &
import json, sys, time, zmq
s = zmq.Context().socket(zmq.SUB)
s.connect("tcp://127.0.0.1:%s" % sys.argv[1]); s.setsockopt(zmq.SUBSCRIBE, b"quote.")
end = time.time() + 600  # a bound in case the test's cleanup never comes
while time.time() < end:
    if s.poll(100):
        print(s.recv_multipart()[1].decode(), flush=True)
PYEOF
  PIDS="$PIDS $!"
}
J="$TMP/journal.jsonl"
port=$(free_port)
subscribe $port "$TMP/q1.jsonl"
start() { T new-session -d -s $S -x 160 -y 48 "env TERM=xterm-256color LANG=C.UTF-8 $INV --demo $* --journal $J; echo EXITED-\$?; sleep 60"; }
start --trader --quotes tcp://127.0.0.1:$port
# the model needs two volatility samples before it quotes; the Detail panel
# shows the selected instrument's half spread once it does
wait_for "half spread" 15
wait_snap "$TMP/q1.jsonl" 'len(S) >= 1' 60  # the subscriber hears invtop: the changes below reach it
for k in 1 2 3; do T send-keys -t $S ']'; sleep 0.3; done
T send-keys -t $S p; wait_for "pause: paused" 3 # the log line names what changed, only that
wait_snap "$TMP/q1.jsonl" 'any(q["src"] == "manual" and q["paused"] for q in S)' 30
T send-keys -t $S q; wait_for "EXITED-0" 3
T kill-session -t $S
$PY - "$TMP/q1.jsonl" "$J" <<'PYEOF' || exit 1
import json, sys
qs = [json.loads(l) for l in open(sys.argv[1])]
man = [q for q in qs if q["src"] == "manual"]
assert man, "no manual quote among %d" % len(qs)
sym = man[0]["sym"]
skews = []
for q in man:  # each change once: quotes repeat it while prices tick
    if q["sym"] == sym and (not skews or skews[-1] != q["override"]["skew_bps"]):
        skews.append(q["override"]["skew_bps"])
assert skews[:3] == [1, 2, 3], "manual skews %s" % skews[:5]
three = [q for q in man if q["override"]["skew_bps"] == 3 and not q["paused"]][0]
d = three["skew_bps"] - three["model_quote"]["skew_bps"]
assert abs(d - 3) < 1e-6, "effective skew is model + %.3f bp" % d
paused = [q for q in man if q["paused"]]
assert paused and paused[0]["bid"] is None and paused[0]["ask"] is None, "no paused quote"
assert all(q["user"] for q in man), "manual quotes carry no user"
seqs = [q["seq"] for q in qs]
assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), "seq not increasing"
lines = [json.loads(l) for l in open(sys.argv[2])]
assert [l["action"] for l in lines] == ["skew+", "skew+", "skew+", "pause"], [l["action"] for l in lines]
print("first run ok:", sym)
PYEOF
# restart: the override comes back and is republished within a refresh
port2=$(free_port)
subscribe $port2 "$TMP/q2.jsonl"
start --trader --quotes tcp://127.0.0.1:$port2 --quotes-refresh-s 2
wait_snap "$TMP/q2.jsonl" 'sum(q["src"] == "manual" and q["paused"] and q["override"]["skew_bps"] == 3 for q in S) >= 2' 60
T send-keys -t $S q; wait_for "EXITED-0" 3
T kill-session -t $S
$PY - "$TMP/q2.jsonl" <<'PYEOF' || exit 1
import json, sys
qs = [json.loads(l) for l in open(sys.argv[1])]
man = [q for q in qs if q["src"] == "manual" and q["paused"] and q["override"]["skew_bps"] == 3]
assert len(man) >= 2, "override not restored and republished (%d manual quotes)" % len(man)
PYEOF
"$INV" --overrides --journal "$J" | grep -q "skew +3.00 bp PAUSED" || fail "--overrides does not list it"
# kill -9 in the middle of a burst: every change the screen showed is in the journal
start --trader
wait_for "half spread" 15
T send-keys -t $S c; sleep 0.3
for k in $(seq 1 25); do T send-keys -t $S '}'; done
wait_for "skew+: skew .* -> +" 3
shown=$(screen | sed -n "s/.*skew+: skew .* -> +\([0-9.]*\) bp.*/\1/p" | tail -1)
pid=$(wait_pid "^$INV --demo --trader --journal") || exit 1
kill -9 "$pid"
[ -n "$shown" ] || fail "no applied change on screen before kill -9"
got=$("$INV" --overrides --journal "$J" | grep -o "skew [+-][0-9.]* bp" | head -1 | grep -o "[0-9.]*" | head -1)
$PY -c "import sys; sys.exit(0 if float('$got') >= float('$shown') else 1)" \
  || fail "screen showed +$shown bp applied, journal has +$got"
T kill-session -t $S 2>/dev/null
# read-only: keys say why, nothing changes, nothing manual is published
J2="$TMP/ro.jsonl"; port3=$(free_port)
subscribe $port3 "$TMP/q3.jsonl"
T new-session -d -s $S -x 160 -y 48 "env TERM=xterm-256color $INV --demo --quotes tcp://127.0.0.1:$port3 --journal $J2; echo EXITED-\$?; sleep 60"
wait_for "READ-ONLY" 10
wait_snap "$TMP/q3.jsonl" 'any(q["src"] == "model" for q in S)' 60  # quoting, so a manual quote would show
T send-keys -t $S ']'; wait_for "start invtop with --trader" 3
T send-keys -t $S p K; sleep 2
T send-keys -t $S q; wait_for "EXITED-0" 3
[ -s "$J2" ] && fail "read-only mode wrote the journal"
grep -q '"src": *"manual"' "$TMP/q3.jsonl" && fail "read-only mode published a manual quote"
[ -s "$TMP/q3.jsonl" ] || fail "read-only mode published no model quotes at all"
T kill-session -t $S 2>/dev/null
# a journal on a full disk: the override is refused on screen, nothing manual goes out
port4=$(free_port)
subscribe $port4 "$TMP/q4.jsonl"
T new-session -d -s $S -x 160 -y 48 "env TERM=xterm-256color $INV --demo --trader --quotes tcp://127.0.0.1:$port4 --journal /dev/full; echo EXITED-\$?; sleep 60"
wait_for "half spread" 15
T send-keys -t $S ']'; wait_for "OVERRIDE REFUSED" 3
sleep 1
T send-keys -t $S q; wait_for "EXITED-0" 3
grep -q '"src": *"manual"' "$TMP/q4.jsonl" && fail "an unjournaled override was published"
echo "ok: manual +1/+2/+3 bp then paused on the wire, restored after restart, kill -9 kept +$shown bp, read-only inert, full disk refused"
