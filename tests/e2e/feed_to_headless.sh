# invtop-feed --count into invtop --headless over tcp loopback: every message
# arrives and is accepted; the recording replays to the same book, identically
# twice, and --count ends a run after that many snapshots. Nothing is left to
# timing: the feed sends once invtop has subscribed (--wait-subscriber), and
# invtop is stopped once a snapshot counts every message.
. tests/e2e/lib.sh
port=$(free_port)
N=6000
"$INV" --headless --bind tcp://127.0.0.1:$port --interval 250 \
  --record "$TMP/rec.jsonl" > "$TMP/live.jsonl" 2> "$TMP/inv.err" & inv=$!
PIDS="$inv"
wait_snap "$TMP/live.jsonl" 'True' 60 $inv  # its socket is bound: the feed connects to a listener
"$FEED" --connect tcp://127.0.0.1:$port --count $N --rate 20000 --seed 11 --wait-subscriber 60 \
  --quiet 2> "$TMP/feed.err" || fail "invtop-feed failed: $(cat "$TMP/feed.err")"
wait_snap "$TMP/live.jsonl" "s['feed']['msgs'] >= $N" 60 $inv
kill -TERM $inv; wait $inv || fail "invtop exited $?: $(cat "$TMP/inv.err")"
for k in 1 2; do
  "$INV" --headless --replay "$TMP/rec.jsonl" --speed max --interval 50 > "$TMP/replay$k.jsonl" \
    || fail "replay $k failed"
done
cmp -s "$TMP/replay1.jsonl" "$TMP/replay2.jsonl" || fail "two replays differ"
"$INV" --headless --replay "$TMP/rec.jsonl" --speed max --interval 50 --count 3 > "$TMP/count.jsonl" \
  || fail "replay with --count failed"
$PY - "$TMP/live.jsonl" "$TMP/replay1.jsonl" $N "$TMP/count.jsonl" <<'PYEOF' || exit 1
import json, sys
live = [json.loads(l) for l in open(sys.argv[1])]
rep = [json.loads(l) for l in open(sys.argv[2])]
n = int(sys.argv[3])
last = live[-1]
f = last["feed"]
counted = [json.loads(l) for l in open(sys.argv[4])]
assert len(counted) == 3, "--count 3 printed %d snapshots" % len(counted)
assert len(rep) > 3 and counted == rep[:3], "--count 3 did not stop the replay after its first 3 snapshots"
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
