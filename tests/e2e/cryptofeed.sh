# cryptofeed's exact ZeroMQ wire format, as its ZMQ backend sends it: one
# frame "EXCHANGE-KEY-SYMBOL json" with compact JSON (separators "," and ":"),
# from a socket that *connects* to invtop's --bind, bodies keyed as
# cryptofeed's to_dict emits them (plus the backend's receipt_timestamp).
# (The publisher is an XPUB, a PUB that also hears subscriptions, so that it
# sends only once invtop has subscribed; on the wire it is a PUB.)
#
# Covered: one-way positions (side "both", signed) and hedge-mode legs (long
# and short of one symbol on one venue), one symbol on two venues, a venue
# with numeric_type=str (every number a JSON string), fills with an account
# (the book) and without, a venue whose fees are in the base coin, and
# reference data inferred from cryptofeed's symbols: spot, perp, future and
# option (expiries computed now, in cryptofeed's YY + month code + DD form).
#
# The expected book is computed here from the messages themselves (average
# cost, fees, per-leg holdings), never from invtop's output, and the headless
# snapshot must equal it to the cent. Then hostile cryptofeed messages must be
# rejected, counted by reason, and change nothing.
. tests/e2e/lib.sh
port=$(free_port)
"$INV" --headless --bind tcp://127.0.0.1:$port --interval 200 --iv 0.6 \
  --set 'venue BINANCE:fee_unit=base' --journal "$TMP/journal.jsonl" \
  > "$TMP/s.jsonl" 2> "$TMP/invtop.err" & inv=$!
PIDS="$inv"
$PY - $port "$TMP/s.jsonl" <<'PYEOF' || { echo "--- invtop stderr:"; cat "$TMP/invtop.err"; exit 1; }
import datetime, json, math, sys, time, zmq
from e2elines import complete_lines
port, snapfile = sys.argv[1], sys.argv[2]

ctx = zmq.Context()
pub = ctx.socket(zmq.XPUB)
pub.setsockopt(zmq.LINGER, 2000)
pub.connect("tcp://127.0.0.1:%s" % port)   # cryptofeed's backend connects; invtop binds
if not pub.poll(30000):
    sys.exit("FAIL: invtop never subscribed")
pub.recv()

NOW = time.time()
MONTHS = "FGHJKMNQUVXZ"
def cf_expiry(days):
    """cryptofeed's expiry for a date `days` from today (UTC): YY, month code, DD."""
    d = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=days)
    epoch = datetime.datetime(d.year, d.month, d.day, 8, tzinfo=datetime.timezone.utc).timestamp()
    return "%02d%s%02d" % (d.year % 100, MONTHS[d.month - 1], d.day), epoch  # settles 08:00 UTC
FUT_EXP, _ = cf_expiry(60)
OPT_EXP, OPT_T = cf_expiry(45)
FUT = "BTC-USD-" + FUT_EXP
OPT = "BTC-USD-60000-%s-C" % OPT_EXP

seq = [0]
def frame(ex, key, sym, body, strnum):
    """One cryptofeed frame; with strnum every number is a JSON string
    (numeric_type=str), the timestamps included."""
    seq[0] += 1
    body["timestamp"] = NOW + 0.001 * seq[0]
    body["receipt_timestamp"] = body["timestamp"] + 0.0042
    if strnum:
        body = {k: (repr(v) if isinstance(v, float) else v) for k, v in body.items()}
    text = "%s-%s-%s %s" % (ex, key, sym, json.dumps(body, separators=(",", ":")))
    return text.encode()
def ticker(ex, sym, bid, ask, strnum=False):
    return frame(ex, "ticker", sym, dict(exchange=ex, symbol=sym, bid=bid, ask=ask), strnum)
def position(ex, sym, qty, entry, side, upnl, strnum=False):
    return frame(ex, "positions", sym, dict(exchange=ex, symbol=sym, position=qty, entry_price=entry,
                                            side=side, unrealised_pnl=upnl), strnum)
def fill(ex, sym, side, amount, price, fee, account, strnum=False):
    return frame(ex, "fills", sym, dict(exchange=ex, symbol=sym, price=price, amount=amount, side=side,
                                        fee=fee, id="t%d" % (seq[0] + 1), order_id="o%d" % (seq[0] + 1),
                                        liquidity="maker", type="limit", account=account), strnum)

GOOD = [
    # ETH-USDT-PERP on two venues. OKX: one-way (signed), then a fill with no account
    ticker("OKX", "ETH-USDT-PERP", 3099.9, 3100.1),
    position("OKX", "ETH-USDT-PERP", -1.0, 3040.0, "both", -60.0),
    position("OKX", "ETH-USDT-PERP", -1.5, 3050.0, "both", -75.0),        # last wins
    fill("OKX", "ETH-USDT-PERP", "buy", 0.5, 3090.0, 0.31, None),          # closes 0.5 at a loss
    # BYBIT: numeric_type=str, hedge mode (long 2.25 and short 0.75 legs)
    ticker("BYBIT", "ETH-USDT-PERP", 3100.4, 3100.6, strnum=True),
    position("BYBIT", "ETH-USDT-PERP", 2.25, 3080.5, "long", 45.0, strnum=True),
    position("BYBIT", "ETH-USDT-PERP", 0.75, 3120.25, "short", 14.8125, strnum=True),
    ticker("BYBIT", "SOL-USDT-PERP", 150.25, 150.35, strnum=True),
    position("BYBIT", "SOL-USDT-PERP", -40.0, 148.5, "both", -72.0, strnum=True),
    fill("BYBIT", "SOL-USDT-PERP", "buy", 5.0, 150.3, 0.1, "alpha", strnum=True),
    # BTC: spot on COINBASE, the perp on OKX (hedge mode) and BINANCE (fees in BTC)
    ticker("COINBASE", "BTC-USDT", 64990.0, 64991.0),
    fill("COINBASE", "BTC-USDT", "buy", 0.5, 64980.0, 0.65, "spot-desk"),
    fill("COINBASE", "BTC-USDT", "sell", 0.2, 65010.0, 0.26, "spot-desk"),
    ticker("OKX", "BTC-USDT-PERP", 65000.0, 65001.0),
    position("OKX", "BTC-USDT-PERP", 3.0, 64000.0, "long", 3001.5),
    position("OKX", "BTC-USDT-PERP", 1.0, 65500.0, "short", 499.5),       # unsigned short leg
    ticker("BINANCE", "BTC-USDT-PERP", 65010.0, 65011.0),
    fill("BINANCE", "BTC-USDT-PERP", "buy", 0.4, 65000.0, 0.0002, "perp-desk"),
    fill("BINANCE", "BTC-USDT-PERP", "sell", 0.1, 65020.0, 0.00005, "perp-desk"),
    # DERIBIT: a future and a call, both known only by their cryptofeed symbols
    ticker("DERIBIT", FUT, 65400.0, 65410.0),
    position("DERIBIT", FUT, -0.5, 65300.0, "both", -52.5),
    ticker("DERIBIT", OPT, 7100.0, 7150.0),
    position("DERIBIT", OPT, 2.0, 6900.5, "both", 449.0),
]
FEE_BASE = {"BINANCE"}   # --set 'venue BINANCE:fee_unit=base': fee in BTC, worth fee * price

# ---- the expected book, from the frames above ----
def parse(msg):
    topic, body = msg.decode().split(" ", 1)
    ex, key, sym = topic.split("-", 2)
    b = json.loads(body)
    assert b["exchange"] == ex and b["symbol"] == sym, topic
    return ex, key, sym, b
num = float   # a JSON number or a numeric string reads the same
order, mids, hold, books = [], {}, {}, []
for m in GOOD:
    ex, key, sym, b = parse(m)
    inst = (ex, sym)
    if inst not in order:
        order.append(inst)
    if key == "ticker":
        mids[inst] = (num(b["bid"]) + num(b["ask"])) / 2
        continue
    bk = (b.get("account") or "") if key == "fills" else ""
    if bk not in books:
        books.append(bk)
    if key == "positions":
        # one-way: "both", signed size; hedge mode: a "long" or "short" leg, unsigned
        leg = {"both": "net", "long": "long", "short": "short"}[b["side"]]
        q = num(b["position"])
        q = {"net": q, "long": abs(q), "short": -abs(q)}[leg]
        h = hold.setdefault((inst, bk, leg), {"qty": 0.0, "avg": 0.0, "real": 0.0})
        assert num(b["entry_price"]) > 0   # every position here states its entry
        h["qty"], h["avg"] = q, num(b["entry_price"])   # absolute: the last one wins
        # (no venue here mixes a one-way net leg with hedge legs in one book)
        assert leg == "net" or (inst, bk, "net") not in hold
    else:   # a fill: average cost on the book's net leg
        h = hold.setdefault((inst, bk, "net"), {"qty": 0.0, "avg": 0.0, "real": 0.0})
        q = num(b["amount"]) * (1 if b["side"] == "buy" else -1)
        px, fee = num(b["price"]), num(b["fee"])
        if ex in FEE_BASE:
            fee *= px
        h["real"] -= fee
        if h["qty"] == 0 or (h["qty"] > 0) == (q > 0):
            h["avg"] = (abs(h["qty"]) * h["avg"] + abs(q) * px) / (abs(h["qty"]) + abs(q))
            h["qty"] += q
        else:
            closed = min(abs(q), abs(h["qty"]))
            h["real"] += closed * (px - h["avg"]) * (1 if h["qty"] > 0 else -1)
            if abs(q) > abs(h["qty"]):
                h["avg"] = px
            h["qty"] += q

def kind_of(sym):
    p = sym.split("-")
    return {2: "spot", 5: "option"}.get(len(p)) or ("perp" if p[2] == "PERP" else "future")
E = {}
for inst in order:
    hs = [h for (i, _, _), h in hold.items() if i == inst]
    mid = mids[inst]
    E[inst] = {"qty": sum(h["qty"] for h in hs), "mid": mid,
               "pnl_realized": sum(h["real"] for h in hs),
               "pnl_unrealized": sum((mid - h["avg"]) * h["qty"] for h in hs),
               "kind": kind_of(inst[1]), "underlying": inst[1].split("-")[0]}
    E[inst]["notional_usd"] = E[inst]["qty"] * mid
EB = {}
for (inst, bk, _), h in hold.items():
    EB[bk] = EB.get(bk, 0.0) + h["qty"] * mids[inst]
net = sum(e["notional_usd"] for e in E.values())
gross = sum(abs(e["notional_usd"]) for e in E.values())
# underlyings: delta-one names are summed quantities; BTC also holds the call,
# priced Black-Scholes (rate 0) off BTC's price, the spot's mid (a spot
# outranks perps and futures as an underlying's price source), at the vol its
# own mid implies (that wins over --iv 0.6), solved here by bisection
S = mids[("COINBASE", "BTC-USDT")]
def ncdf(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))
def bs_call(T, v):
    d1 = (math.log(S / 60000.0) + 0.5 * v * v * T) / (v * math.sqrt(T))
    return S * ncdf(d1) - 60000.0 * ncdf(d1 - v * math.sqrt(T))
def call_delta(now):
    T = (OPT_T - now) / (365 * 86400.0)
    lo, hi = 1e-4, 10.0
    for _ in range(200):
        v = 0.5 * (lo + hi)
        lo, hi = (v, hi) if bs_call(T, v) < mids[("DERIBIT", OPT)] else (lo, v)
    v = 0.5 * (lo + hi)
    d1 = (math.log(S / 60000.0) + 0.5 * v * v * T) / (v * math.sqrt(T))
    return ncdf(d1), d1, T
D1 = {}
for inst, e in E.items():
    if e["kind"] != "option":
        D1[e["underlying"]] = D1.get(e["underlying"], 0.0) + e["qty"]

# ---- snapshots ----
def snaps():
    return [json.loads(l) for l in complete_lines(snapfile)]
def wait_msgs(n, what):
    end = time.time() + 60
    while time.time() < end:
        s = snaps()
        if s and s[-1]["feed"]["msgs"] >= n:
            return s[-1]
        time.sleep(0.05)
    sys.exit("FAIL: %s: invtop counted %s of %d messages in 60 s"
             % (what, s[-1]["feed"]["msgs"] if s else "no snapshot, none", n))

errors = []
def check(ok, msg):
    if not ok:
        errors.append(msg)
def cent(got, want):
    return isinstance(got, (int, float)) and abs(got - want) <= 0.005 + 1e-9
def exact(got, want, tol=1e-9):
    return isinstance(got, (int, float)) and abs(got - want) <= tol

def check_book(s, label):
    rows = {(i["venue"], i["sym"]): i for i in s["instruments"]}
    check(list(rows) == order, "%s: instruments %s, expected %s" % (label, list(rows), order))
    for inst, e in E.items():
        r = rows.get(inst)
        if r is None:
            continue
        for k in ("qty", "mid"):
            check(exact(r[k], e[k]), "%s: %s@%s %s %s, expected %r" % (label, inst[1], inst[0], k, r[k], e[k]))
        for k in ("pnl_realized", "pnl_unrealized", "notional_usd"):
            check(cent(r[k], e[k]), "%s: %s@%s %s %s, expected %.4f" % (label, inst[1], inst[0], k, r[k], e[k]))
        for k in ("kind", "underlying"):
            check(r[k] == e[k], "%s: %s@%s %s %r, expected %r" % (label, inst[1], inst[0], k, r[k], e[k]))
        check(r["ref_inferred"] is True, "%s: %s@%s ref_inferred %r" % (label, inst[1], inst[0], r["ref_inferred"]))
    p = s["portfolio"]
    check(cent(p["net_usd"], net), "%s: net_usd %s, expected %.4f" % (label, p["net_usd"], net))
    check(cent(p["gross_usd"], gross), "%s: gross_usd %s, expected %.4f" % (label, p["gross_usd"], gross))
    real = sum(e["pnl_realized"] for e in E.values())
    unreal = sum(e["pnl_unrealized"] for e in E.values())
    check(cent(p["pnl_realized"], real), "%s: pnl_realized %s, expected %.4f" % (label, p["pnl_realized"], real))
    check(cent(p["pnl_unrealized"], unreal),
          "%s: pnl_unrealized %s, expected %.4f" % (label, p["pnl_unrealized"], unreal))
    B = [(b["name"], b["net_usd"]) for b in s["books"]]
    check([n for n, _ in B] == books, "%s: books %s, expected %s" % (label, [n for n, _ in B], books))
    for n, v in B:
        check(n in EB and cent(v, EB[n]), "%s: book %r net_usd %s, expected %s" % (label, n, v, EB.get(n)))
    U = {u["name"]: u for u in s["underlyings"]}
    check(sorted(U) == sorted(D1), "%s: underlyings %s, expected %s" % (label, sorted(U), sorted(D1)))
    opt = rows.get(("DERIBIT", OPT))
    cd, d1, T = call_delta(s["ts"])
    if opt:
        check(opt["greeks"] == "ok", "%s: the call's greeks %r (its mid should price it)" % (label, opt["greeks"]))
        check(opt.get("iv_source") == "implied", "%s: the call's iv_source %r, expected implied (from its mid)"
              % (label, opt.get("iv_source")))
        check(exact(opt["delta"], E[("DERIBIT", OPT)]["qty"] * cd, 1e-7),
              "%s: the call's delta %s, expected %.9f (expiry %s 08:00 UTC)" % (label, opt["delta"],
                                                                            E[("DERIBIT", OPT)]["qty"] * cd, OPT_EXP))
        vega = E[("DERIBIT", OPT)]["qty"] * S * math.exp(-d1 * d1 / 2) / math.sqrt(2 * math.pi) * math.sqrt(T) / 100
        check(exact(opt["vega"], vega, 0.0002), "%s: the call's vega %s, expected %.4f" % (label, opt["vega"], vega))
    for name, d in D1.items():
        u = U.get(name)
        if not u:
            continue
        want = d + (E[("DERIBIT", OPT)]["qty"] * cd if name == "BTC" else 0)
        check(exact(u["delta"], want, 1e-7), "%s: underlying %s delta %s, expected %.9f" % (label, name, u["delta"], want))
    check(exact(U.get("BTC", {}).get("price"), S), "%s: BTC's price %s, expected the spot's mid %s"
          % (label, U.get("BTC", {}).get("price"), S))

for m in GOOD:
    pub.send(m)
s = wait_msgs(len(GOOD), "good messages")
f = s["feed"]
check(f["accepted"] == len(GOOD) and f["rejected"]["total"] == 0 and f["ignored"] == 0,
      "accepted %d, rejected %d (%s), ignored %d of %d cryptofeed messages"
      % (f["accepted"], f["rejected"]["total"], [(r["reason"], r["excerpt"][:60]) for r in f["rejected"]["last"]],
         f["ignored"], len(GOOD)))
check_book(s, "book")
if errors:
    sys.exit("FAIL:\n  " + "\n  ".join(errors))
before = s

# ---- hostile cryptofeed messages: rejected whole, counted by reason ----
def raw(topic, body):
    return ("%s %s" % (topic, json.dumps(body, separators=(",", ":")))).encode()
ts = NOW + 1
HOSTILE = [
    ("bad_value", raw("OKX-positions-DOGE-USDT-PERP", dict(exchange="OKX", symbol="DOGE-USDT-PERP", position=1000.0,
        entry_price=0.15, side="sideways", unrealised_pnl=0.0, timestamp=ts, receipt_timestamp=ts))),
    ("bad_value", raw("COINBASE-fills-BTC-USDT", dict(exchange="COINBASE", symbol="BTC-USDT", price=65000.0,
        amount=1.0, side="sideways", fee=0.0, id="x1", order_id="y1", liquidity="maker", type="limit",
        account="spot-desk", timestamp=ts, receipt_timestamp=ts))),
    ("bad_number", raw("BYBIT-ticker-SOL-USDT-PERP", dict(exchange="BYBIT", symbol="SOL-USDT-PERP", bid="150.0",
        ask="1e999", timestamp=repr(ts), receipt_timestamp=repr(ts)))),
    ("bad_number", raw("BYBIT-positions-ETH-USDT-PERP", dict(exchange="BYBIT", symbol="ETH-USDT-PERP",
        position="1e999", entry_price="3000.0", side="long", unrealised_pnl="0", timestamp=repr(ts),
        receipt_timestamp=repr(ts)))),
    ("topic_mismatch", raw("OKX-ticker-ETH-USDT-PERP", dict(exchange="BYBIT", symbol="ETH-USDT-PERP", bid=1.0,
        ask=2.0, timestamp=ts, receipt_timestamp=ts))),
    ("topic_mismatch", raw("BINANCE-fills-BTC-USDT-PERP", dict(exchange="OKX", symbol="BTC-USDT-PERP",
        price=70000.0, amount=3.0, side="sell", fee=0.0, id="x2", order_id="y2", liquidity="taker",
        type="market", account="perp-desk", timestamp=ts, receipt_timestamp=ts))),
]
for _, m in HOSTILE:
    pub.send(m)
s = wait_msgs(len(GOOD) + len(HOSTILE), "hostile messages")
f = s["feed"]
want = {}
for reason, _ in HOSTILE:
    want[reason] = want.get(reason, 0) + 1
got = {k: v for k, v in f["rejected"]["by_reason"].items() if v}
check(got == want, "hostile: rejects by reason %s, expected %s (last: %s)"
      % (got, want, [(r["reason"], r["excerpt"][:50]) for r in f["rejected"]["last"]]))
check(f["rejected"]["total"] == len(HOSTILE) and f["accepted"] == len(GOOD) and f["ignored"] == 0,
      "hostile: accepted %d, rejected %d, ignored %d" % (f["accepted"], f["rejected"]["total"], f["ignored"]))
check_book(s, "after the hostile messages")
# nothing moved: the book's own figures are as they were before them
keep = ("sym", "venue", "qty", "avg_px", "mid", "bid", "ask", "notional_usd", "pnl_realized",
        "pnl_unrealized", "kind", "underlying", "holdings")
strip = lambda x: [{k: i[k] for k in keep} for i in x["instruments"]]
check(strip(before) == strip(s), "hostile messages changed the instruments")
money = ("gross_usd", "net_usd", "pnl_realized", "pnl_unrealized")
check([before["portfolio"][k] for k in money] == [s["portfolio"][k] for k in money],
      "hostile messages changed the portfolio")
check([[b["name"]] + [b[k] for k in money] for b in before["books"]] ==
      [[b["name"]] + [b[k] for k in money] for b in s["books"]], "hostile messages changed the books")
if errors:
    sys.exit("FAIL:\n  " + "\n  ".join(errors))
print("ok: %d cryptofeed messages booked to the cent (%d instruments on 5 venues, %d books, "
      "numeric strings, hedge legs, base-coin fees, inferred spot/perp/future/option); "
      "%d hostile ones rejected by reason, book unchanged" % (len(GOOD), len(E), len(EB), len(HOSTILE)))
PYEOF
