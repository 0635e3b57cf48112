# The Basel traffic light needs 250 observed horizons: a replayed tape (one
# perp held, its mid 1 bp either side of 65000 in turn every 0.1 s, so no 1 s
# horizon loses more than its VaR) must say zone "n/a" while fewer than 250
# horizons are observed (it said "yellow" with 0 exceptions in 1 to 5), then
# green, 0 of 250, once the window is full.
. tests/e2e/lib.sh
$PY - "$TMP/tape.jsonl" <<'PYEOF'
import json, sys
t0 = 1790000000.0
with open(sys.argv[1], "w") as out:
    def w(t, topic, body): out.write(json.dumps({"t": round(t, 3), "topic": topic, "body": body}) + "\n")
    w(t0, "inst.BTC-PERP", {"sym": "BTC-PERP", "kind": "perp", "underlying": "BTC", "mult": 1})
    w(t0 + 0.001, "pos.BTC-PERP", {"sym": "BTC-PERP", "qty": 1, "avg_px": 65000})
    for k in range(2800):                       # 280 s: more than 250 horizons of 1 s
        mid = 65000 * (1 + (0.0001 if k % 2 else -0.0001))
        w(t0 + 0.01 + 0.1 * k, "px.BTC-PERP", {"sym": "BTC-PERP", "bid": round(mid - 0.5, 2),
                                               "ask": round(mid + 0.5, 2)})
PYEOF
"$INV" --headless --replay "$TMP/tape.jsonl" --speed max --horizon-s 1 --sample-ms 100 --interval 500 \
  < /dev/null > "$TMP/out.jsonl" 2> "$TMP/err" || fail "replay failed: $(tail -2 "$TMP/err")"
$PY - "$TMP/out.jsonl" <<'PYEOF'
import json, sys
bts = [json.loads(l)["risk"]["backtest"] for l in open(sys.argv[1])]
assert bts, "no document"
few = [b for b in bts if b["n"] < 250]
assert any(b["n"] >= 1 for b in few), "no document with 1 to 249 horizons: %s" % bts[:3]
bad = [b for b in few if b["zone"] != "n/a"]
assert not bad, "a zone on %d horizons: %s" % (bad[0]["n"], bad[0])
full = [b for b in bts if b["n"] >= 250]
assert full, "the window never filled: n up to %d" % max(b["n"] for b in bts)
assert all(b["n"] == 250 and b["exceptions"] == 0 and b["zone"] == "green" for b in full), full[-1]
print("ok: n/a over %d documents up to n %d, then green 0/250 over %d"
      % (len(few), max(b["n"] for b in few), len(full)))
PYEOF
