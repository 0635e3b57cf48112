# Venue messages by configuration (issue 24), as a user runs it: mappings for
# venues invtop does not ship (a Bybit ticker with a topic, BitMEX executions
# as bare bodies) written with the grammar in a config file, a shipped one
# (dwx) changed by --set, the headless snapshot's feed.sources[] counters, a
# refused message that names its section and field and changes nothing, and
# --print-config read back to the same mapping.
#
# Expected values are the messages' own numbers: Bybit's v5 linear ticker
# sample (bid1Price 17215.50, ask1Price 17216.00), a BitMEX execution of 100
# at 9000.5, DWX's EURUSD 1.116400/1.116430.
. tests/e2e/lib.sh
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state"   # no user config, no journal in $HOME
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
cat > "$TMP/venues.ini" <<'EOF'
[source bybit-ticker]
topic = tickers.
kind = px
records = data
sym = symbol
venue = 'BYBIT'
bid = bid1Price
ask = ask1Price
ts = $.ts / 1000

[source bitmex-exec]
when = $.table == 'execution' and execType == 'Trade'
records = data
kind = fill
sym = symbol
venue = 'BITMEX'
side = side{Buy: 'buy', Sell: 'sell'}
qty = lastQty
px = lastPx
EOF

# --print-config holds every section with its keys, and reads back the same
"$INV" --config "$TMP/venues.ini" --sources dwx --set "source dwx:venue='MT4'" --print-config \
  > "$TMP/printed.ini" 2> "$TMP/print.err" || fail "--print-config: $(cat "$TMP/print.err")"
for want in '[source bybit-ticker]' '[source bitmex-exec]' '[source dwx]' "when = \$.table == 'execution' and execType == 'Trade'" \
            "side = side{Buy: 'buy', Sell: 'sell'}" "venue = 'MT4'"; do
  grep -qF -- "$want" "$TMP/printed.ini" || fail "--print-config lacks '$want': $(grep -A9 '^\[source' "$TMP/printed.ini")"
done
"$INV" --config "$TMP/printed.ini" --print-config > "$TMP/again.ini" 2> "$TMP/again.err" ||
  fail "the printed config does not read back: $(cat "$TMP/again.err")"
grep -v '^# invtop' "$TMP/printed.ini" > "$TMP/printed.body"
grep -v '^# invtop' "$TMP/again.ini" > "$TMP/again.body"
diff "$TMP/printed.body" "$TMP/again.body" > "$TMP/diff" ||
  fail "--print-config of the printed config differs: $(head -20 "$TMP/diff")"

# a bad expression or an unknown shipped mapping is a usage error that says why
timeout 10 "$INV" --headless --count 1 --set "source x:when=a ~ b" < /dev/null > /dev/null 2> "$TMP/bad.err"
[ $? = 2 ] || fail "a bad when: exit status not 2"
grep -q 'when' "$TMP/bad.err" || fail "a bad when: stderr does not name the key: $(cat "$TMP/bad.err")"
timeout 10 "$INV" --headless --count 1 --sources nosuchvenue < /dev/null > /dev/null 2> "$TMP/nosuch.err"
[ $? = 2 ] || fail "--sources nosuchvenue: exit status not 2"
grep -q 'nosuchvenue' "$TMP/nosuch.err" || fail "--sources nosuchvenue: $(cat "$TMP/nosuch.err")"

port=$(free_port)
"$INV" --headless --bind tcp://127.0.0.1:$port --interval 200 --stale-ms 600000 --config "$TMP/venues.ini" \
  --sources dwx --set "source dwx:venue='MT4'" > "$TMP/s.jsonl" 2> "$TMP/invtop.err" & inv=$!
PIDS="$inv"
$PY - $port "$TMP/s.jsonl" <<'PYEOF' || { echo "--- invtop stderr:"; cat "$TMP/invtop.err"; exit 1; }
import json, sys, time, zmq
from e2elines import complete_lines
port, snapfile = sys.argv[1], sys.argv[2]
pub = zmq.Context().socket(zmq.PUB)
pub.setsockopt(zmq.LINGER, 1000)
pub.connect("tcp://127.0.0.1:%s" % port)

def last():
    for l in reversed(complete_lines(snapfile)):
        try:
            return json.loads(l)
        except ValueError:
            pass
    return None

def wait(cond, what, secs=15):
    end, s = time.time() + secs, None
    while time.time() < end:
        s = last()
        if s is not None and cond(s):
            return s
        time.sleep(0.05)
    sys.exit("FAIL: %s; last feed: %s" % (what, json.dumps((s or {}).get("feed"))[:600]))

def inst(s, iid):
    return next((i for i in s.get("instruments", []) if i.get("id") == iid), None)

msgs = lambda s: s["feed"]["msgs"]
# heartbeats until one is counted: connected and subscribed
end = time.time() + 15
while time.time() < end:
    pub.send_multipart([b"hb", b"{}"])
    s = last()
    if s and msgs(s) >= 1:
        break
    time.sleep(0.1)
else:
    sys.exit("FAIL: no heartbeat counted")

# Bybit v5 public linear ticker (bybit-exchange.github.io/docs/v5/websocket/public/ticker), two frames
BYBIT = {"topic": "tickers.BTCUSDT", "type": "snapshot", "data": {"symbol": "BTCUSDT", "tickDirection": "PlusTick",
         "price24hPcnt": "0.017103", "lastPrice": "17216.00", "prevPrice24h": "16926.50", "highPrice24h": "17281.50",
         "lowPrice24h": "16915.00", "prevPrice1h": "17238.00", "markPrice": "17217.33", "indexPrice": "17227.36",
         "openInterest": "68744.761", "openInterestValue": "1183601235.91", "turnover24h": "1570383121.943499",
         "volume24h": "91705.276", "nextFundingTime": "1673280000000", "fundingRate": "-0.000212",
         "bid1Price": "17215.50", "bid1Size": "84.489", "ask1Price": "17216.00", "ask1Size": "83.020"},
         "cs": 24987956059, "ts": 1673272861686}
def execution(kind, qty):
    return {"table": "execution", "action": "insert", "data": [{"execID": "e1", "orderID": "o1", "symbol": "XBTUSD",
            "side": "Buy", "lastQty": qty, "lastPx": 9000.5, "execType": kind, "ordStatus": "Filled",
            "timestamp": "2020-05-05T10:00:00.000Z"}]}

s0 = last()
pub.send_multipart([b"tickers.BTCUSDT", json.dumps(BYBIT).encode()])
pub.send(json.dumps(execution("Funding", 0)).encode())          # when fails: ignored
pub.send(json.dumps(execution("Trade", 100)).encode())          # a buy of 100
pub.send(b"EURUSD:|:1.116400;1.116430")
s = wait(lambda s: inst(s, "BTCUSDT@BYBIT") and inst(s, "XBTUSD@BITMEX") and inst(s, "EURUSD@MT4"),
         "BTCUSDT@BYBIT, XBTUSD@BITMEX and EURUSD@MT4 all in the book")
b, x, e = inst(s, "BTCUSDT@BYBIT"), inst(s, "XBTUSD@BITMEX"), inst(s, "EURUSD@MT4")
assert (b["bid"], b["ask"], b["mid"]) == (17215.5, 17216.0, 17215.75), b
assert x["qty"] == 100 and x["avg_px"] == 9000.5, x
assert abs(e["mid"] - 1.116415) < 1e-12, e
assert s["feed"]["ignored"] >= s0["feed"]["ignored"] + 1, "the Funding execution was not counted as ignored"

# a ticker without bid1Price: refused, named, nothing changed
bad = json.loads(json.dumps(BYBIT))
del bad["data"]["bid1Price"]
bad["data"]["ask1Price"] = "17300.00"
r0 = s["feed"]["rejected"]["total"]
pub.send_multipart([b"tickers.BTCUSDT", json.dumps(bad).encode()])
s = wait(lambda s: s["feed"]["rejected"]["total"] >= r0 + 1, "the ticker without bid1Price rejected")
why = s["feed"]["rejected"]["last"][0]
assert "bybit-ticker" in why["excerpt"] and "bid1Price" in why["excerpt"], why
assert why["reason"] == "missing_field", why
b = inst(s, "BTCUSDT@BYBIT")
assert (b["bid"], b["ask"]) == (17215.5, 17216.0), b
src = {x["name"]: x for x in s["feed"]["sources"]}
assert set(src) == {"bybit-ticker", "bitmex-exec", "dwx"}, src
assert (src["bybit-ticker"]["matched"], src["bybit-ticker"]["applied"], src["bybit-ticker"]["rejected"]) == (2, 1, 1), src
assert src["bitmex-exec"]["applied"] == 1 and src["bitmex-exec"]["rejected"] == 0, src
assert src["dwx"]["applied"] == 1, src
print("ok: Bybit (topic, two frames), BitMEX (bare, when) and DWX (text, --set venue) booked; a ticker without "
      "bid1Price refused as %s (%s), counted per section %s" % (why["reason"], why["excerpt"][:60], json.dumps(src)))
PYEOF
