# --clock ts on a tape dated a year back: the event clock is the publishers'
# timestamp, so risk sampling follows the tape's time, not the wall clock.
# The same tape (one cryptofeed position, then 60 tickers one second apart) is
# fed (a) one message at a time, each acknowledged by a snapshot before the
# next, and (b) in one burst; then (c) what (a) and (b) recorded is replayed
# with --replay --speed max --clock ts. All must give the same risk.returns,
# the number worked out below from the ts values alone. (d) A sparser tape,
# tickers 2.5 s apart in one burst, has messages that each cross two or three
# boundaries: every one of them is a sample.
#
# The contract (include/invtop/riskrun.h, include/invtop/history.h): the
# sampling grid starts at the first ts; every boundary of the 1 s grid that a
# message's ts reaches or passes is one sample, taken before that message
# changes the book; a sample with no known price samples nothing; the first
# sample that knows a price primes the history (no return yet) and every
# later one appends one return. So with the first price at ts p and the last
# message at ts z, the boundaries b with p < b <= z each see a price, and
#     risk.returns = #{integers b : p < b <= z} - 1 = floor(z) - floor(p) - 1
# (the boundaries between the position and the first price, if any, sample
# nothing), at most --window (500). Here 60 prices one second apart: 59
# boundaries, minus 1 = 58; 2.5 s apart (position at X+0.25, tickers from
# X+2.75 to X+150.25): the 148 boundaries X+3 .. X+150, minus 1 = 147.
. tests/e2e/lib.sh
cat > "$TMP/tape.py" <<'PYEOF'
import json, math, sys, time, zmq
from e2elines import complete_lines
cmd = sys.argv[1]
if cmd == "make":   # the tape: one frame per line, cryptofeed's ZeroMQ format
    step = float(sys.argv[3])   # seconds between tickers
    X = math.floor(time.time()) - 365 * 86400     # a year back
    T0 = X + 0.25
    def cf(key, **b):
        b = dict(exchange="OKX", symbol="BTC-USDT-PERP", **b)
        b["receipt_timestamp"] = b["timestamp"] + 0.003
        return "OKX-%s-BTC-USDT-PERP %s" % (key, json.dumps(b, separators=(",", ":")))
    with open(sys.argv[2], "w") as f:
        f.write(cf("positions", position=0.5, entry_price=60000.0, side="both", unrealised_pnl=0.0,
                   timestamp=T0) + "\n")
        for i in range(60):
            p = round(60000 * math.exp(0.002 * math.sin(1.7 * i)), 1)
            f.write(cf("ticker", bid=round(p - 0.5, 1), ask=round(p + 0.5, 1), timestamp=T0 + step * (i + 1)) + "\n")
    sys.exit(0)
tape = [l.rstrip("\n") for l in open(sys.argv[2])]
ts = [json.loads(l.split(" ", 1)[1])["timestamp"] for l in tape]
first_px = min(t for l, t in zip(tape, ts) if "-ticker-" in l.split(" ", 1)[0])
expect = min(500, math.floor(ts[-1]) - math.floor(first_px) - 1)   # see clock_ts.sh, at the top
def last_snapshot(path):
    s = [json.loads(l) for l in complete_lines(path)]
    return s[-1] if s else None
def verdict(s, what):
    if s is None:
        sys.exit("FAIL: %s: no snapshot" % what)
    r = s["risk"]["returns"]
    if s["feed"]["accepted"] != len(tape) or s["feed"]["rejected"]["total"]:
        sys.exit("FAIL: %s: %d of %d accepted, %d rejected" % (what, s["feed"]["accepted"], len(tape),
                                                               s["feed"]["rejected"]["total"]))
    if r != expect:
        sys.exit("FAIL: %s: risk.returns %d, expected %d (ts %.3f .. %.3f, first price %.3f)"
                 % (what, r, expect, ts[0], ts[-1], first_px))
    if abs(s["ts"] - ts[-1]) > 0.0015:
        sys.exit("FAIL: %s: snapshot ts %.3f, expected the tape's last ts %.3f" % (what, s["ts"], ts[-1]))
    if s["risk"]["var"]["parametric"]["p95"] is None:
        sys.exit("FAIL: %s: %d returns but no parametric VaR" % (what, r))
    print("%s: risk.returns %d, as expected" % (what, r))
if cmd == "check":   # a replay's output
    verdict(last_snapshot(sys.argv[3]), sys.argv[4])
    sys.exit(0)
# cmd == "send": publish to invtop's --bind, one|burst, and check its snapshots
mode, port, snapfile = sys.argv[3], sys.argv[4], sys.argv[5]
pub = zmq.Context().socket(zmq.XPUB)   # a PUB that hears invtop's subscription
pub.setsockopt(zmq.LINGER, 2000)
pub.connect("tcp://127.0.0.1:%s" % port)
if not pub.poll(30000):
    sys.exit("FAIL: invtop never subscribed")
pub.recv()
def wait_msgs(n):
    end = time.time() + 60
    while time.time() < end:
        s = last_snapshot(snapfile)
        if s and s["feed"]["msgs"] >= n:
            return s
        time.sleep(0.02)
    sys.exit("FAIL: %s: invtop counted %d of %d messages in 60 s" % (mode, s["feed"]["msgs"] if s else 0, n))
if mode != "one":
    for l in tape:
        pub.send(l.encode())
    s = wait_msgs(len(tape))
else:   # one at a time: each in its own turn of invtop's loop
    for k, l in enumerate(tape):
        pub.send(l.encode())
        s = wait_msgs(k + 1)
verdict(s, "live, " + ("one by one" if mode == "one" else "in one burst") + ", %d messages" % len(tape))
PYEOF
$PY "$TMP/tape.py" make "$TMP/one.txt" 1 && cp "$TMP/one.txt" "$TMP/burst.txt" \
  && $PY "$TMP/tape.py" make "$TMP/sparse.txt" 2.5 || fail "cannot make the tapes"
for mode in one burst sparse; do
  port=$(free_port)
  "$INV" --headless --bind tcp://127.0.0.1:$port --clock ts --interval 200 --journal "$TMP/journal.jsonl" \
    --record "$TMP/$mode.rec" > "$TMP/$mode.jsonl" 2> "$TMP/$mode.err" & inv=$!
  PIDS="$inv"
  $PY "$TMP/tape.py" send "$TMP/$mode.txt" $mode $port "$TMP/$mode.jsonl" \
    || { echo "--- invtop stderr:"; cat "$TMP/$mode.err"; exit 1; }
  kill "$inv"; wait "$inv" 2>/dev/null; PIDS=""   # closes the recording
  [ "$(wc -l < "$TMP/$mode.rec")" -eq "$(wc -l < "$TMP/$mode.txt")" ] \
    || fail "$mode: recorded $(wc -l < "$TMP/$mode.rec") of $(wc -l < "$TMP/$mode.txt") messages"
  timeout 60 "$INV" --headless --replay "$TMP/$mode.rec" --speed max --clock ts --interval 200 \
    --journal "$TMP/journal.jsonl" > "$TMP/$mode.replay.jsonl" 2> "$TMP/$mode.replay.err" \
    || { cat "$TMP/$mode.replay.err"; fail "$mode: the replay failed"; }
  $PY "$TMP/tape.py" check "$TMP/$mode.txt" "$TMP/$mode.replay.jsonl" "replay of the $mode run" || exit 1
done
echo "ok: --clock ts on a year-old tape: risk.returns as the ts values imply, one by one, in a burst and replayed"
