#!/usr/bin/env python3
"""A quoting-engine stub: prints invtop's quote channel (docs/PROTOCOL.md).

    invtop --demo --quotes tcp://127.0.0.1:5557 &
    python3 examples/quotes_consumer.py --connect tcp://127.0.0.1:5557

With CURVE (invtop is the server):
    invtop ... --quotes-curve-secret keys/invtop.key --quotes-allow-keys keys/engine.pub
    python3 examples/quotes_consumer.py --server-key keys/invtop.pub --curve-secret keys/engine.key
"""
import argparse, json, time
import zmq

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--connect", default="tcp://127.0.0.1:5557")
ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: forever)")
ap.add_argument("--server-key", help="invtop's quote channel public key file")
ap.add_argument("--curve-secret", help="this engine's secret key file")
args = ap.parse_args()

sub = zmq.Context().socket(zmq.SUB)
if args.server_key:
    secret = open(args.curve_secret, "rb").read().strip()
    sub.curve_secretkey = secret
    sub.curve_publickey = zmq.curve_public(secret)
    sub.curve_serverkey = open(args.server_key, "rb").read().strip()
sub.setsockopt(zmq.SUBSCRIBE, b"quote.")
sub.setsockopt(zmq.SUBSCRIBE, b"hb")
sub.connect(args.connect)
end = time.time() + args.seconds if args.seconds else float("inf")
last_hb = time.time()
while time.time() < end:
    if not sub.poll(500):
        if time.time() - last_hb > 3:
            print("no quotes or heartbeats for 3 s: a real engine would pull its quotes now", flush=True)
            last_hb = time.time()
        continue
    topic, body = sub.recv_multipart()
    q = json.loads(body)
    last_hb = time.time()
    if topic == b"hb":
        continue
    if q["paused"]:
        print("%-10s PAUSED (%s) seq %d" % (q["sym"], q["user"] or "kill switch", q["seq"]), flush=True)
    else:
        print("%-10s bid %-12s ask %-12s skew %+7.2f bp  %-6s seq %d" % (
            q["sym"], q["bid"], q["ask"], q["skew_bps"], q["src"], q["seq"]), flush=True)
