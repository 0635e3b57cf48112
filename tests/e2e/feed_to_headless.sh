# invtop-feed --count into invtop --headless --count over tcp loopback: every
# message arrives and is accepted; the recording replays to the same book,
# identically twice.
. tests/e2e/lib.sh
port=$(free_port)
N=6000
"$INV" --headless --bind tcp://127.0.0.1:$port --interval 250 --count 10 \
  --record "$TMP/rec.jsonl" > "$TMP/live.jsonl" 2> "$TMP/inv.err" & inv=$!
PIDS="$inv"
"$FEED" --connect tcp://127.0.0.1:$port --count $N --rate 20000 --seed 11 --warmup-ms 600 \
  --quiet 2> "$TMP/feed.err" || fail "invtop-feed failed: $(cat "$TMP/feed.err")"
wait $inv || fail "invtop exited $?: $(cat "$TMP/inv.err")"
for k in 1 2; do
  "$INV" --headless --replay "$TMP/rec.jsonl" --speed max --interval 250 > "$TMP/replay$k.jsonl" \
    || fail "replay $k failed"
done
cmp -s "$TMP/replay1.jsonl" "$TMP/replay2.jsonl" || fail "two replays differ"
$PY - "$TMP/live.jsonl" "$TMP/replay1.jsonl" $N <<'PYEOF' || exit 1
import json, sys
live = [json.loads(l) for l in open(sys.argv[1])]
rep = [json.loads(l) for l in open(sys.argv[2])]
n = int(sys.argv[3])
last = live[-1]
f = last["feed"]
assert len(live) == 10, "expected 10 snapshots, got %d" % len(live)
assert f["msgs"] == n and f["accepted"] == n, "received %s of %d" % (f["msgs"], n)
assert f["gaps"] == 0 and f["rejected"]["total"] == 0, f
assert len(last["instruments"]) == 8
assert any(i["qty"] != 0 for i in last["instruments"]), "no position moved"
kinds = {i["sym"]: i["kind"] for i in last["instruments"]}
assert kinds["BTC-PERP"] == "perp" and kinds["BTC-USD"] == "spot" and kinds["BTC-FUT"] == "future", kinds
# the replay ends in the same book as the live run
key = lambda i: (i["sym"], i["qty"], i["avg_px"], i["mid"], i["pnl_realized"], i["kind"])
assert sorted(map(key, rep[-1]["instruments"])) == sorted(map(key, last["instruments"])), "replay book differs"
assert rep[-1]["feed"]["accepted"] == n
print("ok: %d messages, 8 instruments, replay matches live" % n)
PYEOF
