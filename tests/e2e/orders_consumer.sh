# The executing end of the order channel (issue 22), with a pyzmq stand-in
# for invtop: it binds the DEALER as invtop does and reads the fills.
#  1. invtop-feed --orders: an order is acknowledged and filled once at the
#     touch with --fee-bps' fee, its book and cl_ord_id; a resend is
#     acknowledged again and not filled; an unknown symbol is rejected; junk
#     is counted; the summary says so.
#  2. examples/orders_consumer.py: acknowledges, prints an order once, and
#     with --fill-pub publishes one fill per cl_ord_id.
# No fixed delays: each side waits on what the other reports.
. tests/e2e/lib.sh
fport=$(free_port); oport=$(free_port)
"$FEED" --bind tcp://127.0.0.1:$fport --orders tcp://127.0.0.1:$oport --rate 2000 --fee-bps 4 \
  --instruments 6 2> "$TMP/feed.err" & feed=$!
PIDS="$feed"
$PY - $fport $oport <<'PYEOF' || fail "invtop-feed --orders"
import json, sys, time, zmq
ctx = zmq.Context()
dealer = ctx.socket(zmq.DEALER)
dealer.bind("tcp://127.0.0.1:%s" % sys.argv[2])
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.SUBSCRIBE, b"fill.")
sub.setsockopt(zmq.SUBSCRIBE, b"px.BTC-PERP")
sub.connect("tcp://127.0.0.1:%s" % sys.argv[1])
last_px, fills = {}, []  # the last px by topic; the fills of orders (the market maker's have no id)
def pump(until, want_fills=0):
    """read the feed until `until` (monotonic) or want_fills fills of orders"""
    while time.monotonic() < until and (not want_fills or len(fills) < want_fills):
        if sub.poll(20):
            t, b = sub.recv_multipart()
            m = json.loads(b)
            if t.startswith(b"px."):
                last_px[t] = m
            elif "cl_ord_id" in m:
                fills.append(m)
def answer(limit=10):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        pump(time.monotonic() + 0.05)
        if dealer.poll(10):
            return json.loads(dealer.recv())
    sys.exit("no answer within %s s" % limit)
def order(cid, sym, side, qty):
    return json.dumps({"type": "order", "cl_ord_id": cid, "sym": sym, "venue": "", "underlying": "BTC",
                       "book": "hedge", "side": side, "qty": qty, "lots": qty * 1000, "px": 65000,
                       "ts": time.time(), "expires": time.time() + 30, "attempt": 1, "user": "e2e",
                       "auto": False}).encode()
end = time.monotonic() + 20
while b"px.BTC-PERP" not in last_px and time.monotonic() < end:  # subscribed: nothing lost now
    pump(time.monotonic() + 0.1)
assert b"px.BTC-PERP" in last_px, "no px from the feed"
dealer.send(order("E2E-1", "BTC-PERP", "sell", 5))
a = answer()
assert a == {"type": "ack", "cl_ord_id": "E2E-1"}, a
dealer.send(order("E2E-1", "BTC-PERP", "sell", 5))
a = answer()
assert a == {"type": "ack", "cl_ord_id": "E2E-1"}, a
dealer.send(order("E2E-2", "NOPE-PERP", "buy", 1))
a = answer()
assert a == {"type": "reject", "cl_ord_id": "E2E-2", "reason": "unknown symbol"}, a
dealer.send(b"not json")
dealer.send(order("E2E-3", "BTC-PERP", "buy", 0.5))
a = answer()
assert a == {"type": "ack", "cl_ord_id": "E2E-3"}, a
pump(time.monotonic() + 10, 2)
pump(time.monotonic() + 0.5)  # a second fill of E2E-1 would have come by now
assert [f["cl_ord_id"] for f in fills] == ["E2E-1", "E2E-3"], fills
s, b = fills
assert s["side"] == "sell" and s["qty"] == 5 and s["book"] == "hedge" and s["sym"] == "BTC-PERP", s
assert b["side"] == "buy" and b["qty"] == 0.5 and b["book"] == "hedge", b
for f in fills:
    assert abs(f["fee"] - 4e-4 * f["qty"] * f["px"]) < 1e-9 * f["px"], f
    assert abs(f["ts"] - time.time()) < 60, f  # the feed's clock: wall time at --speedup 1
# at the touch: the market's bid and ask, 1 bp either side of its mid
mid = (last_px[b"px.BTC-PERP"]["bid"] + last_px[b"px.BTC-PERP"]["ask"]) / 2
assert abs(s["px"] / mid - 1) < 0.01 and abs(b["px"] / mid - 1) < 0.01, (s, b, mid)
print("fills:", fills)
PYEOF
kill -TERM $feed; wait $feed || fail "invtop-feed exited $?"
grep -q "orders: 2 executed, 1 answered again, 1 rejected, 1 malformed, 0 sends refused" "$TMP/feed.err" \
  || fail "summary: $(cat "$TMP/feed.err")"
grep -q "order E2E-1: sold 5 BTC-PERP at" "$TMP/feed.err" || fail "no line for E2E-1: $(cat "$TMP/feed.err")"

# 2. the example stub
oport=$(free_port); pport=$(free_port)
$PY examples/orders_consumer.py --connect tcp://127.0.0.1:$oport --fill-pub tcp://127.0.0.1:$pport \
  > "$TMP/stub.out" 2>&1 & stub=$!
PIDS="$stub"
$PY - $oport $pport <<'PYEOF' || fail "examples/orders_consumer.py"
import json, sys, time, zmq
ctx = zmq.Context()
dealer = ctx.socket(zmq.DEALER)
dealer.bind("tcp://127.0.0.1:%s" % sys.argv[1])
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.SUBSCRIBE, b"fill.")
sub.connect("tcp://127.0.0.1:%s" % sys.argv[2])
def order(cid):
    return json.dumps({"type": "order", "cl_ord_id": cid, "sym": "ETH-PERP", "venue": "", "book": "hedge",
                       "side": "buy", "qty": 2, "lots": 2, "px": 3400.5, "attempt": 1, "user": "e2e",
                       "auto": True}).encode()
def ack(cid):
    if not dealer.poll(10000):
        sys.exit("no ack for %s" % cid)
    a = json.loads(dealer.recv())
    assert a == {"type": "ack", "cl_ord_id": cid}, a
# warm up: new orders until one's fill arrives (the stub's PUB then has our subscription)
for k in range(200):
    dealer.send(order("W-%d" % k))
    ack("W-%d" % k)
    if sub.poll(100):
        break
else:
    sys.exit("no fill from --fill-pub")
while sub.poll(300):
    sub.recv_multipart()
dealer.send(order("D-1"))
ack("D-1")
dealer.send(order("D-1"))  # a resend: acknowledged again, filled once
ack("D-1")
fills = []
while sub.poll(1000):
    t, b = sub.recv_multipart()
    fills.append((t, json.loads(b)))
assert len(fills) == 1, fills
t, f = fills[0]
assert t == b"fill.ETH-PERP" and f["cl_ord_id"] == "D-1" and f["px"] == 3400.5 and f["qty"] == 2 \
    and f["side"] == "buy" and f["book"] == "hedge", fills
PYEOF
kill $stub; wait $stub 2>/dev/null
[ "$(grep -c '^order D-1:' "$TMP/stub.out")" = 1 ] || fail "the stub printed D-1 not once: $(cat "$TMP/stub.out")"
echo "ok: invtop-feed --orders acks, fills once at the touch with its fee, rejects, counts; the example stub too"
