# The engine on event time. A tape (BTC-PERP silent for 6.6 s while ETH-PERP
# ticks, a position over its limit and back) replayed at --speed max with
# --interval 100, 2500 and 10000 ends with the same events, each stamped with
# the event time it happened: BTC-PERP stale at its last price + --stale-ms,
# fresh again at the price that came back, the limit breach and its end at the
# messages that made them. Live, with no message at all, the loop's clock
# alone makes a price stale, stamped with its deadline.
. tests/e2e/lib.sh
T0=1795000000
$PY - "$TMP/tape.jsonl" $T0 <<'PYEOF'
import json, sys
out, t = sys.argv[1], float(sys.argv[2])
lines = []
def rec(x, topic, body):
    lines.append(json.dumps({"t": round(x, 6), "topic": topic, "body": body}))
rec(t, "inst.BTC-PERP", {"sym": "BTC-PERP", "kind": "perp", "underlying": "BTC"})
rec(t, "inst.ETH-PERP", {"sym": "ETH-PERP", "kind": "perp", "underlying": "ETH"})
rec(t, "pos.BTC-PERP", {"sym": "BTC-PERP", "qty": 1, "avg_px": 60000})
for i in range(120):
    x = t + 0.1 * i
    if i < 20 or i >= 85:          # BTC silent from t+1.9 to t+8.5
        rec(x, "px.BTC-PERP", {"sym": "BTC-PERP", "mid": 60000 + i})
    rec(x + 0.01, "px.ETH-PERP", {"sym": "ETH-PERP", "mid": 3000 + i})
    if i == 33:
        rec(x + 0.02, "pos.ETH-PERP", {"sym": "ETH-PERP", "qty": 80})   # over 50 lots
    if i == 77:
        rec(x + 0.02, "pos.ETH-PERP", {"sym": "ETH-PERP", "qty": 5})
open(out, "w").write("\n".join(lines) + "\n")
PYEOF
for iv in 100 2500 10000; do
  "$INV" --headless --replay "$TMP/tape.jsonl" --speed max --interval $iv --stale-ms 5000 --journal /dev/null \
    > "$TMP/ev.$iv" 2> "$TMP/ev.$iv.err" || fail "replay at --interval $iv: $(cat "$TMP/ev.$iv.err")"
done
$PY - "$TMP" $T0 <<'PYEOF' || exit 1
import json, sys
d, t0 = sys.argv[1], float(sys.argv[2])
runs = {}
for iv in (100, 2500, 10000):
    doc = json.loads(open("%s/ev.%d" % (d, iv)).read().splitlines()[-1])
    runs[iv] = [(round(e["ts"] - t0, 3), e["level"], e["text"]) for e in doc["events"]["last"]]
assert runs[100] == runs[2500] == runs[10000], "events differ by --interval: %s" % runs
want = [(3.32, "alert", "LIMIT ETH-PERP position at 160% of its limit"),
        (6.9, "warn", "BTC-PERP price stale (no update for 5.0s)"),
        (7.72, "info", "limit ETH-PERP position back within its limit"),
        (8.5, "info", "BTC-PERP price fresh again")]
assert runs[100] == want, "events %s, expected %s" % (runs[100], want)
PYEOF
# live: a publisher sends A's price until invtop has it, then nothing at all
port=$(free_port)
"$INV" --headless --connect tcp://127.0.0.1:$port --interval 100 --stale-ms 500 --journal /dev/null \
  > "$TMP/live.jsonl" 2> "$TMP/live.err" & inv=$!
PIDS="$inv"
$PY - tcp://127.0.0.1:$port "$TMP/live.jsonl" <<'PYEOF' || fail "invtop never saw the price"
import sys, time, zmq
from e2elines import complete_lines
s = zmq.Context().socket(zmq.PUB)
s.bind(sys.argv[1])
end = time.monotonic() + 30
while time.monotonic() < end:
    s.send_multipart([b"px.A", b'{"mid":100}'])
    time.sleep(0.05)
    if any(b'"sym":"A"' in l for l in complete_lines(sys.argv[2], 1 << 20)):
        break
else:
    sys.exit(1)
time.sleep(0.3)  # the last sends reach invtop; then silence
PYEOF
wait_snap "$TMP/live.jsonl" 'any("A price stale" in e["text"] for e in s["events"]["last"])' 30 $inv
kill -TERM $inv; wait $inv || fail "invtop exited $?: $(cat "$TMP/live.err")"
$PY - "$TMP/live.jsonl" <<'PYEOF' || exit 1
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
last = docs[-1]
ev = [e for e in last["events"]["last"] if "A price stale" in e["text"]]
assert len(ev) == 1, ev
# the last message's time is the last price's: the event carries it + 0.5 s
msg_t = last["ts"] - last["feed"]["last_msg_age_s"]
assert abs(ev[0]["ts"] - (msg_t + 0.5)) < 0.003, "stale stamped %.3f, last price at %.3f" % (ev[0]["ts"], msg_t)
print("ok: the same %d events at --interval 100, 2500, 10000, each at its event time; live, the clock "
      "alone made a price stale, stamped last price + 0.5 s" % 4)
PYEOF
