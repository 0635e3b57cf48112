#!/usr/bin/env python3
"""An execution-gateway stub for invtop's hedge orders (docs/PROTOCOL.md,
"Order channel (hedge orders)").

invtop binds a DEALER socket at --orders ENDPOINT and sends each order as one
JSON frame, again every second until it is acknowledged or expires. This stub
connects a DEALER, acknowledges every order it receives (a resend too, so the
resends stop), deduplicates by cl_ord_id (the last 4096 ids) and prints each
order once. It executes nothing, unless --fill-pub: then it binds a PUB there
and publishes each new order's fill at the order's px with its book and
cl_ord_id, as a venue's execution comes back on the feed; invtop subscribes to
it as to any publisher (--connect).

    invtop-feed --bind tcp://127.0.0.1:5555 &
    invtop --connect tcp://127.0.0.1:5555 --connect tcp://127.0.0.1:5561 \\
           --orders tcp://127.0.0.1:5560 &
    python3 examples/orders_consumer.py --connect tcp://127.0.0.1:5560 \\
           --fill-pub tcp://127.0.0.1:5561

(invtop-feed --orders ENDPOINT is the same gateway in C, executing at its
synthetic market's touch.)
"""
import argparse, collections, json, time
import zmq

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--connect", default="tcp://127.0.0.1:5560", help="invtop's --orders endpoint")
ap.add_argument("--fill-pub", help="bind a PUB here and publish a fill for each new order")
ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: forever)")
args = ap.parse_args()

ctx = zmq.Context()
dealer = ctx.socket(zmq.DEALER)
dealer.connect(args.connect)
pub = None
if args.fill_pub:
    pub = ctx.socket(zmq.PUB)
    pub.bind(args.fill_pub)

seen, order_of_seen = set(), collections.deque()  # the last 4096 ids
end = time.time() + args.seconds if args.seconds else float("inf")
while time.time() < end:
    if not dealer.poll(200):
        continue
    frames = dealer.recv_multipart()
    try:
        o = json.loads(frames[0]) if len(frames) == 1 else None
        cid = o["cl_ord_id"] if isinstance(o, dict) and o.get("type") == "order" else None
    except ValueError:
        cid = None
    if not isinstance(cid, str) or not cid:
        print("malformed, dropped:", frames[0][:200], flush=True)
        continue
    dealer.send(json.dumps({"type": "ack", "cl_ord_id": cid}).encode())
    if cid in seen:
        continue  # a resend: acknowledged again, never executed twice
    seen.add(cid)
    order_of_seen.append(cid)
    if len(order_of_seen) > 4096:
        seen.discard(order_of_seen.popleft())
    print("order %s: %s %s %s (%s lots) ref px %s, book %s, attempt %s, by %s%s" % (
        cid, o.get("side"), o.get("qty"), o.get("sym"), o.get("lots"), o.get("px"), o.get("book"),
        o.get("attempt"), o.get("user"), " (auto)" if o.get("auto") else ""), flush=True)
    if pub is not None:
        fill = {"sym": o["sym"], "side": o["side"], "qty": o["qty"], "px": o["px"],
                "cl_ord_id": cid, "ts": time.time()}
        for k in ("venue", "book"):
            if o.get(k):
                fill[k] = o[k]
        pub.send_multipart([("fill." + o["sym"]).encode(), json.dumps(fill).encode()])
