# Hostile input over the wire, each rejected or handled as documented, counted,
# and nothing else changes: 10,000 distinct symbols into a 5,000-instrument
# book, oversize frames, deep nesting, NaN/Inf, zero and negative prices,
# duplicated and reordered seq, binary junk. The publisher sends once invtop
# has subscribed, and invtop is stopped once a snapshot has counted all
# 10,025 messages: no fixed time is involved.
. tests/e2e/lib.sh
port=$(free_port)
"$INV" --headless --connect tcp://127.0.0.1:$port --max-instruments 5000 --interval 500 \
  > "$TMP/s.jsonl" 2> "$TMP/err" & inv=$!
PIDS="$inv"
$PY - $port <<'PYEOF' & pub=$!
import os, sys, time, zmq
s = zmq.Context().socket(zmq.XPUB); s.sndhwm = 0  # a PUB that also hears subscriptions
s.bind("tcp://127.0.0.1:%s" % sys.argv[1])
if not s.poll(30000):  # send only once invtop has subscribed: nothing is lost
    sys.exit("invtop never subscribed")
s.recv()
send = lambda t, b: s.send_multipart([t, b])
send(b"pos.KEEP", b'{"qty":7,"avg_px":100,"seq":1,"src":"h"}')
for k in range(2, 13):
    send(b"px.KEEP", b'{"mid":101,"seq":%d,"src":"h"}' % k)
for k in range(10000):                                   # 5000 fit, 5000 book_full
    send(b"px.S%05d" % k, b'{"mid":1}')
send(b"px.KEEP", b'{"mid":1,"pad":"' + b"x" * 70000 + b'"}')      # oversize
send(b"px.KEEP", b'{"mid":1,"x":' + b"[" * 5000 + b"]" * 5000 + b"}")  # deep nesting
for bad in (b"NaN", b"Infinity", b"-Infinity", b"1e999", b"0", b"-5"):
    send(b"px.KEEP", b'{"mid":' + bad + b"}")
send(b"fill.KEEP", b'{"side":"buy","qty":1e13,"px":1}')  # absurd qty
send(b"px.KEEP", b'{"mid":500,"seq":12,"src":"h"}')      # duplicated seq
send(b"px.KEEP", b'{"mid":500,"seq":9,"src":"h"}')       # reordered seq
send(b"px.KEEP", b"\x00\x01" + os.urandom(200))        # binary junk
s.send(b"\xff\xfe\x00 junk")
time.sleep(60)  # stay connected until invtop has read everything (the test ends this)
PYEOF
PIDS="$inv $pub"
wait_snap "$TMP/s.jsonl" 's["feed"]["msgs"] >= 10025' 60 $inv
kill -TERM $inv; wait $inv || fail "invtop died: $(tail -2 "$TMP/err")"
$PY - "$TMP/s.jsonl" <<'PYEOF' || exit 1
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
r = {k: v for k, v in last["feed"]["rejected"]["by_reason"].items() if v}
expect = {"book_full": 5001,     # KEEP takes one of the 5000 places
          "oversize": 1, "bad_json": 4,   # deep nesting, NaN, Infinity, binary junk
          "bad_type": 1,                  # -Infinity: not a JSON number
          "bad_number": 1, "bad_price": 2, "bad_qty": 1,
          "seq_duplicate": 1, "seq_old": 1, "unknown_kind": 1}
assert r == expect, "rejects %s, expected %s" % (r, expect)
assert len(last["instruments"]) == 5000, len(last["instruments"])
keep = [i for i in last["instruments"] if i["sym"] == "KEEP"][0]
assert keep["qty"] == 7 and keep["mid"] == 101 and keep["avg_px"] == 100, keep
print("ok: %d hostile messages rejected by reason, the book untouched: %s" % (sum(r.values()), r))
PYEOF
