#!/usr/bin/env python3
"""A pyzmq producer of instruments, prices, positions and fills for invtop.

It waits for its first subscriber before sending, so invtop misses nothing:

    python3 examples/publish.py --bind tcp://127.0.0.1:5556 &
    invtop --connect tcp://127.0.0.1:5556

With CURVE (the publisher is the server; invtop connects as a client):
    invtop --keygen keys --key-name publisher; invtop --keygen keys --key-name invtop
    python3 examples/publish.py --curve-secret keys/publisher.key --allow-key keys/invtop.pub &
    invtop --connect tcp://127.0.0.1:5556 --server-key keys/publisher.pub --curve-secret keys/invtop.key
"""
import argparse, json, math, random, sys, time
import zmq

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--bind", default="tcp://127.0.0.1:5556")
ap.add_argument("--count", type=int, default=0, help="stop after N price updates (0: forever)")
ap.add_argument("--rate", type=float, default=20, help="price updates per second")
ap.add_argument("--curve-secret", help="this publisher's secret key file (Z85): CURVE server")
ap.add_argument("--allow-key", action="append", default=[], help="a subscriber public key file allowed in")
args = ap.parse_args()

ctx = zmq.Context()
pub = ctx.socket(zmq.XPUB)  # a PUB that also hears its subscribers' subscriptions
auth = None
if args.curve_secret:
    secret = open(args.curve_secret, "rb").read().strip()
    pub.curve_secretkey = secret
    pub.curve_publickey = zmq.curve_public(secret)
    pub.curve_server = True
    if args.allow_key:  # only these subscribers; without it CURVE encrypts but admits any key
        from zmq.auth.thread import ThreadAuthenticator
        auth = ThreadAuthenticator(ctx)
        auth.start()
        allowed = {open(f, "rb").read().strip() for f in args.allow_key}

        class Allowed:
            def callback(self, domain, key):  # pyzmq hands the client key in Z85
                return key in allowed
        auth.configure_curve_callback(domain="*", credentials_provider=Allowed())
pub.bind(args.bind)
# a PUB drops what it sends before a subscriber has joined: wait for one
print("publish.py: waiting for a subscriber on %s" % args.bind, file=sys.stderr, flush=True)
while pub.recv()[:1] != b"\x01":  # 1: subscribe, 0: unsubscribe
    pass

seq = 0
def send(topic_kind, sym, **fields):
    global seq
    seq += 1
    body = dict(sym=sym, ts=time.time(), seq=seq, src="publish.py", **fields)
    pub.send_multipart([("%s.%s" % (topic_kind, sym)).encode(), json.dumps(body).encode()])

send("inst", "XBT-PERP", kind="perp", underlying="XBT", mult=1, tick=0.5, lot=0.001)
send("inst", "XET-PERP", kind="perp", underlying="XET", mult=1, tick=0.01, lot=0.01)
send("pos", "XBT-PERP", qty=0.02, avg_px=64000)
send("pos", "XET-PERP", qty=-0.5, avg_px=3400)
px = {"XBT-PERP": 64000.0, "XET-PERP": 3400.0}
n = 0
while args.count == 0 or n < args.count:
    for sym in px:
        px[sym] *= math.exp(random.gauss(0, 0.0005))
        half = px[sym] * 1e-4
        send("px", sym, bid=round(px[sym] - half, 2), ask=round(px[sym] + half, 2))
    if n % 10 == 9:
        side = random.choice(["buy", "sell"])
        send("fill", "XBT-PERP", side=side, qty=0.001, px=round(px["XBT-PERP"], 1), fee=0.01)
    n += 1
    time.sleep(1 / args.rate)
time.sleep(0.5)
if auth:
    auth.stop()  # its thread would keep the process alive
pub.close()
ctx.term()
