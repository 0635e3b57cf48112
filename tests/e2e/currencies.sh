# Every figure in the desk's currency (issue 24): a pyzmq publisher sends
# native messages to invtop --headless --bind and the JSON snapshots must
# show (a) an inverse perp's P&L in coin and in USD, (a2) its realized P&L
# from fills in coin and in USD, (b) a BTC-quoted spot
# left out of the totals until [currency BTC]'s instrument has a price, and
# priced by it alone, (c) a USDT-quoted spot at an assumed rate of 1.
# Every message but a fill is absolute (inst, px, pos), so the publisher
# resends them until a snapshot shows them: no fixed time is involved; the
# fills go once, after a snapshot shows the subscriber has joined.
. tests/e2e/lib.sh
printf '[currency BTC]\nprice = BTC-USD\n' > "$TMP/btc.ini"
$PY - "$INV" "$TMP" <<'PYEOF' || exit 1
import json, socket, subprocess, sys, time, zmq
inv, tmp = sys.argv[1], sys.argv[2]

def port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Run:
    def __init__(self, *extra):
        self.port = port()
        self.out = open("%s/s%d.jsonl" % (tmp, self.port), "w+")
        self.p = subprocess.Popen([inv, "--headless", "--bind", "tcp://127.0.0.1:%d" % self.port,
                                   "--interval", "200", "--stale-ms", "600000"] + list(extra),
                                  stdout=self.out, stderr=subprocess.PIPE)
        self.pub = zmq.Context.instance().socket(zmq.PUB)
        self.pub.connect("tcp://127.0.0.1:%d" % self.port)
        self.sent = []
    def send(self, topic, body):
        self.sent.append((topic, body))
        self.pub.send_multipart([topic.encode(), json.dumps(body).encode()])
    def until(self, cond, what, limit=20):
        end = time.monotonic() + limit
        resend = time.monotonic() + 1
        while time.monotonic() < end:
            if self.p.poll() is not None:
                sys.exit("invtop exited: %s" % self.p.stderr.read().decode())
            self.out.seek(0)
            lines = [l for l in self.out.read().split("\n") if l.strip()]
            if lines:
                try:
                    s = json.loads(lines[-1])
                except ValueError:
                    s = None
                if s is not None and cond(s):
                    return s
            if time.monotonic() > resend:  # a slow joiner lost them: all are absolute
                for t, b in self.sent:
                    self.pub.send_multipart([t.encode(), json.dumps(b).encode()])
                resend = time.monotonic() + 1
            time.sleep(0.1)
        sys.exit("FAIL: no snapshot with %s; last: %s" % (what, lines[-1][:1500] if lines else "(none)"))
    def once(self, topic, body):  # not absolute (a fill): never resent
        self.pub.send_multipart([topic.encode(), json.dumps(body).encode()])
    def stop(self):
        self.p.terminate(); self.p.wait(10); self.pub.close(0)

def inst(s, sym):
    return next((i for i in s.get("instruments", []) if i["sym"] == sym), None)

time.sleep(0.3)
# (a) inverse: long 10,000 USD of BTC-PERP at 50,000, now 55,000 (mid of 54999.5/55000.5):
# coin P&L 10000/50000 - 10000/55000 = 0.2 - 0.181818... = 0.0181818 BTC, x 55,000 = 1,000 USD;
# notional 10,000 USD (qty x mult of the quote currency), coin delta 10000/55000 = 0.181818 BTC
r = Run()
r.send("inst.BTC-PERP", {"kind": "perp", "underlying": "BTC", "mult": 1, "quote": "USD", "settle": "inverse"})
r.send("px.BTC-PERP", {"bid": 54999.5, "ask": 55000.5})
r.send("pos.BTC-PERP", {"qty": 10000, "avg_px": 50000})
s = r.until(lambda s: inst(s, "BTC-PERP") and inst(s, "BTC-PERP")["qty"] == 10000
            and inst(s, "BTC-PERP")["mid"] == 55000 and inst(s, "BTC-PERP")["settle"] == "inverse", "BTC-PERP held")
b = inst(s, "BTC-PERP")
assert abs(s["portfolio"]["pnl_unrealized"] - 1000) <= 0.5, s["portfolio"]
assert abs(b["pnl_unrealized"] - 1000) <= 0.5, b
assert abs(b["pnl_unrealized_coin"] - 0.0181818) < 1e-6, b
assert abs(b["notional_usd"] - 10000) < 1e-6 and b["quote_ccy"] == "USD", b
assert abs(b["delta"] - 10000 / 55000) < 1e-9 and abs(b["delta_usd"] - 10000) < 1e-6, b
assert s["portfolio"]["currency"] == "USD" and abs(s["portfolio"]["gross_usd"] - 10000) < 1e-6, s["portfolio"]
r.stop()
print("ok (a): inverse BTC-PERP 0.0181818 BTC = 1000 USD, notional 10000")

# (a2) inverse fills: buy 10,000 at 50,000, sell them at 55,000 with a 2 USD fee:
# 10000/50000 - 10000/55000 = 0.0181818 BTC realized, x mid 55,000 = 1,000 USD, less
# the fee (quote currency) = 998 USD
r = Run()
r.send("inst.BTC-PERP", {"kind": "perp", "underlying": "BTC", "mult": 1, "quote": "USD", "settle": "inverse"})
r.send("px.BTC-PERP", {"bid": 54999.5, "ask": 55000.5})
r.until(lambda s: inst(s, "BTC-PERP") and inst(s, "BTC-PERP")["mid"] == 55000
        and inst(s, "BTC-PERP")["settle"] == "inverse", "BTC-PERP priced")
r.once("fill.BTC-PERP", {"side": "buy", "qty": 10000, "px": 50000})
r.once("fill.BTC-PERP", {"side": "sell", "qty": 10000, "px": 55000, "fee": 2})
s = r.until(lambda s: inst(s, "BTC-PERP")["qty"] == 0 and inst(s, "BTC-PERP")["pnl_realized_coin"] != 0,
            "BTC-PERP bought and sold")
b = inst(s, "BTC-PERP")
assert abs(b["pnl_realized_coin"] - 0.0181818) < 1e-6, b
assert abs(b["pnl_realized"] - 998) < 1e-6, b
assert abs(s["portfolio"]["pnl_realized"] - 998) <= 0.005, s["portfolio"]
r.stop()
print("ok (a2): inverse fills realize 0.0181818 BTC = 998 USD after the fee")

# (b) ETH-BTC: 10 ETH at 0.05 BTC is 0.5 BTC; no BTC rate yet: out of the totals
r = Run("--config", "%s/btc.ini" % tmp)
r.send("inst.ETH-BTC", {"kind": "spot", "underlying": "ETH", "quote": "BTC"})
r.send("px.ETH-BTC", {"mid": 0.05})
r.send("pos.ETH-BTC", {"qty": 10, "avg_px": 0.05})
s = r.until(lambda s: inst(s, "ETH-BTC") and inst(s, "ETH-BTC")["qty"] == 10 and inst(s, "ETH-BTC")["mid"] == 0.05,
            "ETH-BTC held")
e, p = inst(s, "ETH-BTC"), s["portfolio"]
assert p.get("gross_usd") in (0, None) and p.get("net_usd") in (0, None), p
assert e["unconverted"] is True and e["notional_usd"] is None and e["rate"] is None, e
assert abs(e["notional_quote"] - 0.5) < 1e-12 and e["quote_ccy"] == "BTC", e
assert p["unconverted"] == 1 and p["unconverted_ccys"] == ["BTC"], p
# BTC-PERP at 61,000 must not price BTC: [currency BTC] names BTC-USD (60,000);
# ETH-BTC is then 10 x 0.05 x 60000 = 30,000 USD
r.send("inst.BTC-PERP", {"kind": "perp", "underlying": "BTC", "quote": "USD"})
r.send("px.BTC-PERP", {"mid": 61000})
r.send("inst.BTC-USD", {"kind": "spot", "underlying": "BTC", "quote": "USD"})
r.send("px.BTC-USD", {"mid": 60000})
s = r.until(lambda s: inst(s, "BTC-USD") and inst(s, "BTC-USD")["mid"] == 60000 and inst(s, "BTC-PERP")
            and inst(s, "BTC-PERP")["mid"] == 61000, "BTC-USD and BTC-PERP priced")
e, p = inst(s, "ETH-BTC"), s["portfolio"]
assert abs(e["notional_usd"] - 30000) <= 1 and e["rate"] == 60000 and e["unconverted"] is False, e
assert abs(p["gross_usd"] - 30000) <= 1 and p["currency"] == "USD" and p["unconverted"] == 0, p
assert e["quote_ccy"] == "BTC", e
r.stop()
print("ok (b): ETH-BTC out of the totals without a BTC rate, then 30000 USD at BTC-USD's 60000")

# (c) SOL-USDT without a USDT price: rate 1, assumed; 100 x 150 = 15,000
r = Run()
r.send("inst.SOL-USDT", {"kind": "spot", "underlying": "SOL", "quote": "USDT"})
r.send("px.SOL-USDT", {"mid": 150})
r.send("pos.SOL-USDT", {"qty": 100, "avg_px": 140})
s = r.until(lambda s: inst(s, "SOL-USDT") and inst(s, "SOL-USDT")["qty"] == 100 and inst(s, "SOL-USDT")["mid"] == 150,
            "SOL-USDT held")
o, p = inst(s, "SOL-USDT"), s["portfolio"]
assert abs(o["notional_usd"] - 15000) < 1e-6 and abs(p["gross_usd"] - 15000) < 1e-6, (o, p)
assert o["rate_assumed"] is True and o["rate"] == 1 and p["assumed_rates"] == ["USDT"], (o, p)
assert abs(o["pnl_unrealized"] - 1000) < 1e-6, o  # 100 x (150 - 140) USDT at 1
r.stop()
print("ok (c): SOL-USDT 15000 at an assumed rate of 1")
PYEOF
