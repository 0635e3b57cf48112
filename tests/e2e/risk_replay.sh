# The whole risk chain on a known price path: a hand-made recording is
# replayed at max speed; historical, parametric (EWMA) and Cornish-Fisher
# VaR/ES must equal an independent numpy computation from the same path, and
# two replays (Monte Carlo included) must print identical snapshots.
. tests/e2e/lib.sh
$PY -c 'import numpy, scipy' 2>/dev/null || fail "python3-numpy and python3-scipy needed"
$PY - "$TMP/rec.jsonl" <<'PYEOF'
import json, math, sys
with open(sys.argv[1], "w") as f:
    def rec(t, topic, body): f.write(json.dumps({"t": t, "topic": topic, "body": body}) + "\n")
    rec(1000.0, "inst.BTC", {"sym": "BTC", "kind": "spot", "lot": 0.01})
    rec(1000.0, "pos.BTC", {"sym": "BTC", "qty": 2, "avg_px": 100})
    s = 100.0
    for k in range(1, 301):            # a price every 0.5 s for 150 s
        t = 1000.0 + 0.5 * k
        s *= math.exp(0.004 * math.sin(k * 0.37) + 0.002 * math.cos(k * 1.91))
        rec(t, "px.BTC", {"sym": "BTC", "mid": round(s, 6)})
PYEOF
for k in 1 2; do
  "$INV" --headless --replay "$TMP/rec.jsonl" --speed max --interval 1000 --horizon-s 4 \
    --window 100 > "$TMP/out$k.jsonl" || fail "replay $k failed"
done
cmp -s "$TMP/out1.jsonl" "$TMP/out2.jsonl" || fail "two replays differ"
$PY - "$TMP/rec.jsonl" "$TMP/out1.jsonl" <<'PYEOF'
import json, math, sys
import numpy as np
from scipy.stats import norm
msgs = [json.loads(l) for l in open(sys.argv[1])]
last = [json.loads(l) for l in open(sys.argv[2])][-1]
px = [(m["t"], m["body"]["mid"]) for m in msgs if m["topic"] == "px.BTC"]
# a sample at each whole second b takes the last price received before the
# first message at or after b (the state the book had at b)
samples, b, price = [], 1001.0, None
for t, p in px:
    while t >= b:
        samples.append(price); b += 1.0
    price = p
samples = [p for p in samples if p is not None]
r = np.diff(np.log(samples))[-100:]            # window 100
D = 2 * samples[-1]                            # qty 2 at the last sampled mid
pnl = np.sort(D * np.expm1(r * math.sqrt(4.0)))  # horizon 4 s on 1 s samples
risk = last["risk"]
def close(a, b, what):
    assert abs(a - b) <= 0.006 + 1e-9 * abs(b), "%s: invtop %s, numpy %.4f" % (what, a, b)
q = lambda p: np.quantile(pnl, 1 - p)
close(risk["var"]["historical"]["p95"], -q(0.95), "historical VaR 95")
close(risk["var"]["historical"]["p99"], -q(0.99), "historical VaR 99")
close(risk["cvar"]["historical"]["p975"], -pnl[pnl < q(0.975)].mean(), "historical ES 97.5")
# EWMA: equal weights over the first 20 returns, then lambda 0.94
allr = np.diff(np.log(samples))
v = 0.0
for i, x in enumerate(allr, 1):
    v = v * (i - 1) / i + x * x / i if i <= 20 else 0.94 * v + 0.06 * x * x
sd = abs(D) * math.sqrt(v) * 2.0
close(risk["var"]["parametric"]["p99"], norm.ppf(0.99) * sd, "parametric VaR 99")
close(risk["cvar"]["parametric"]["p975"], sd * norm.pdf(norm.ppf(0.975)) / 0.025, "parametric ES")
m = pnl.mean(); d = pnl - m; m2 = (d**2).mean()
sk, ku = (d**3).mean() / m2**1.5, (d**4).mean() / m2**2 - 3
z = norm.ppf(0.05)
zcf = z + (z*z - 1)*sk/6 + (z**3 - 3*z)*ku/24 - (2*z**3 - 5*z)*sk*sk/36
close(risk["var"]["cornish_fisher"]["p95"], -(m + zcf * math.sqrt(m2)), "Cornish-Fisher VaR 95")
mc = risk["var"]["monte_carlo"]["p99"]
assert abs(mc / risk["var"]["parametric"]["p99"] - 1) < 0.1, "MC %s far from parametric" % mc
assert risk["returns"] == 100
u = {x["name"]: x for x in last["underlyings"]}
assert abs(u["BTC"]["delta"] - 2) < 1e-12 and abs(u["BTC"]["delta_usd"] - 2 * px[-1][1]) < 0.01
print("ok: historical, parametric, Cornish-Fisher match numpy; replays identical")
PYEOF
