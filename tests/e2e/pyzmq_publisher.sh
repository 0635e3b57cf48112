# A pyzmq publisher sends hand-written messages, good and bad, in every framing;
# the snapshot must show exactly the expected book and reject counts. The
# publisher sends once invtop has subscribed, and invtop is stopped once a
# snapshot has counted all 21 messages: no fixed time is involved.
. tests/e2e/lib.sh
port=$(free_port)
$PY - $port > "$TMP/pub.log" 2>&1 <<'PYEOF' & pub=$!
import json, sys, time, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.XPUB)  # a PUB that also hears subscriptions
s.bind("tcp://127.0.0.1:%s" % sys.argv[1])
if not s.poll(30000):  # send only once invtop has subscribed: nothing is lost
    sys.exit("invtop never subscribed")
s.recv()
def two(topic, body): s.send_multipart([topic.encode(), json.dumps(body).encode()])
def one(text): s.send(text.encode())
two("inst.BTC-PERP", {"sym": "BTC-PERP", "kind": "perp", "underlying": "BTC", "mult": 0.001,
                      "tick": 0.5, "lot": 1, "seq": 1, "src": "t"})
two("px.BTC-PERP", {"bid": 60000, "ask": 60010, "seq": 2, "src": "t"})
one('pos.BTC-PERP {"qty":100,"avg_px":59000,"seq":3,"src":"t"}')
two("fill.BTC-PERP", {"side": "sell", "qty": 40, "px": 60100, "fee": 1.5, "seq": 4, "src": "t"})
two("px.ETH", {"mid": 3000, "seq": 6, "src": "t"})            # seq 5 lost: one gap
two("px.ETH", {"mid": 3100, "seq": 6, "src": "t"})            # duplicate: rejected
one('px.ETH {"mid":-1}')                                      # bad_price
one('px.ETH {"bid":3002,"ask":3001}')                         # crossed
one('px.ETH {"mid":NaN}')                                     # bad_json (NaN is not JSON)
one('px.ETH {"mid":1e400}')                                   # bad_number
one('trade.ETH {"px":1}')                                     # unknown_kind
one('px {"sym":"ETH USD","mid":1}')                           # bad_symbol
one('fill.ETH {"side":"buy","qty":1}')                        # missing_field
one('px.ETH {"mid":"3000"}')                                  # bad_type
one('px.ETH {"sym":"BTC","mid":1}')                           # topic_mismatch
one('px.ETH' )                                                # bad_framing
s.send_multipart([b"px.ETH", b'{"mid":1}', b"x"])             # bad_framing
two("px.ETH", {"mid": 1, "pad": "x" * 70000})                 # oversize
one('COINBASE-ticker-SOL-USD {"symbol":"SOL-USD","bid":150,"ask":152,"timestamp":1700000000}')
one('COINBASE-trades-SOL-USD {"symbol":"SOL-USD","price":151,"amount":1}')  # ignored
one('COINBASE-fills-SOL-USD {"symbol":"SOL-USD","side":"buy","amount":2,"price":151,"timestamp":1700000000}')
time.sleep(60)  # stay connected until invtop has read everything (the test ends this)
PYEOF
PIDS="$pub"
"$INV" --headless --connect tcp://127.0.0.1:$port --interval 300 > "$TMP/s.jsonl" 2> "$TMP/inv.err" & inv=$!
PIDS="$pub $inv"
wait_snap "$TMP/s.jsonl" 's["feed"]["msgs"] >= 21' 60 $inv
kill -TERM $inv; wait $inv || fail "invtop failed: $(cat "$TMP/inv.err")"
$PY - "$TMP/s.jsonl" <<'PYEOF' || exit 1
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
f = last["feed"]
expect = {"bad_price": 1, "crossed": 1, "bad_json": 1, "bad_number": 1, "unknown_kind": 1,
          "bad_symbol": 1, "missing_field": 1, "bad_type": 1, "topic_mismatch": 1,
          "bad_framing": 2, "oversize": 1, "seq_duplicate": 1}
got = {k: v for k, v in f["rejected"]["by_reason"].items() if v}
assert got == expect, "rejects %s, expected %s" % (got, expect)
assert f["rejected"]["total"] == sum(expect.values())
assert f["ignored"] == 1 and f["gaps"] == 1, f
assert f["accepted"] == 7, f["accepted"]
assert len(f["rejected"]["last"]) == 8 and f["rejected"]["last"][0]["reason"] == "oversize"
ins = {i["sym"]: i for i in last["instruments"]}
assert sorted(ins) == ["BTC-PERP", "ETH", "SOL-USD"], sorted(ins)
b = ins["BTC-PERP"]
assert b["kind"] == "perp" and b["qty"] == 60 and b["avg_px"] == 59000, b
assert abs(b["pnl_realized"] - 42.5) < 1e-9, b      # 40*(60100-59000)*0.001 - 1.5
assert abs(b["pnl_unrealized"] - 60.3) < 1e-9, b    # 60*(60005-59000)*0.001
assert abs(b["notional_usd"] - 3600.3) < 1e-9, b    # 60*0.001*60005
assert ins["ETH"]["mid"] == 3000 and ins["ETH"]["qty"] == 0
s = ins["SOL-USD"]
assert s["mid"] == 151 and s["qty"] == 2 and s["avg_px"] == 151, s
p = last["portfolio"]
assert abs(p["gross_usd"] - (3600.3 + 302)) < 1e-6 and abs(p["pnl_realized"] - 42.5) < 1e-9, p
print("ok: exact book, %d rejects by reason, 1 gap, 1 ignored" % f["rejected"]["total"])
PYEOF
