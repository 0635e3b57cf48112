# security says what each feed endpoint is. An engine with --curve-secret
# that connects to a plaintext invtop-feed (no --server-key: nothing to
# authenticate the publisher by) takes its messages in plaintext, so it must
# not say feed_curve: feed_sockets names the connect "plain" and the warning
# (status bar, stderr) says so. With the publisher's key the connect is a
# CURVE client, a bind with --curve-secret a CURVE server, and then, only
# then, feed_curve is true.
. tests/e2e/lib.sh
"$INV" --keygen "$TMP/keys" --key-name eng >/dev/null || fail "--keygen failed"
# 1: a plaintext publisher
fp=$(free_port)
"$FEED" --bind tcp://127.0.0.1:$fp --quiet & feed=$!
PIDS="$feed"
timeout 30 "$INV" --headless --connect tcp://127.0.0.1:$fp --curve-secret "$TMP/keys/eng.key" \
  --count 10 --interval 200 < /dev/null > "$TMP/plain.jsonl" 2> "$TMP/plain.err" \
  || fail "invtop failed: $(tail -2 "$TMP/plain.err")"
kill $feed
$PY - "$TMP/plain.jsonl" "tcp://127.0.0.1:$fp" <<'PYEOF' || exit 1
import json, sys
ds = [json.loads(l) for l in open(sys.argv[1])]
ep = sys.argv[2]
took = [d for d in ds if d["feed"]["accepted"] > 0]
assert took, "took no message from the plaintext feed"
for d in took:
    sec = d["security"]
    assert sec["feed_curve"] is False, sec
    assert sec["feed_sockets"] == [{"endpoint": ep, "role": "connect", "mode": "plain"}], sec
    assert ep in sec["warning"] and "plaintext" in sec["warning"], sec
print("ok: %d plaintext messages, security %s" % (took[-1]["feed"]["accepted"], json.dumps(took[-1]["security"])[:160]))
PYEOF
grep -q "warning: feed connect tcp://127.0.0.1:$fp plaintext" "$TMP/plain.err" || fail "no warning on stderr: $(cat "$TMP/plain.err")"
# 2: a CURVE publisher (pyzmq, its key given with --server-key) and a CURVE bind
$PY -c "import zmq; p, s = zmq.curve_keypair(); open('$TMP/keys/pub.pub', 'wb').write(p); open('$TMP/keys/pub.key', 'wb').write(s)"
pp=$(free_port); bp=$(free_port)
$PY - "$TMP/keys" $pp <<'PYEOF' & pub=$!
import sys, time, zmq
k, port = sys.argv[1], sys.argv[2]
ctx = zmq.Context()
p = ctx.socket(zmq.PUB)
p.curve_server = True
p.curve_secretkey = open(k + "/pub.key", "rb").read().strip()
p.bind("tcp://127.0.0.1:%s" % port)
end = time.time() + 30   # until killed; bounded
n = 0
while time.time() < end:
    n += 1
    p.send_multipart([b"px.X", b'{"mid":%d}' % (100 + n % 7)])
    time.sleep(0.02)
PYEOF
PIDS="$PIDS $pub"
timeout 30 "$INV" --headless --bind tcp://127.0.0.1:$bp --connect tcp://127.0.0.1:$pp --server-key "$TMP/keys/pub.pub" \
  --curve-secret "$TMP/keys/eng.key" --count 10 --interval 200 < /dev/null > "$TMP/curve.jsonl" 2> "$TMP/curve.err" \
  || fail "invtop failed: $(tail -2 "$TMP/curve.err")"
kill $pub
$PY - "$TMP/curve.jsonl" $bp $pp <<'PYEOF' || exit 1
import json, sys
ds = [json.loads(l) for l in open(sys.argv[1])]
bind, conn = "tcp://127.0.0.1:" + sys.argv[2], "tcp://127.0.0.1:" + sys.argv[3]
took = [d for d in ds if d["feed"]["accepted"] > 0]
assert took, "took no message from the CURVE publisher"
sec = took[-1]["security"]
assert sec["feed_curve"] is True, sec
assert sec["feed_sockets"] == [{"endpoint": bind, "role": "bind", "mode": "curve"},
                               {"endpoint": conn, "role": "connect", "mode": "curve"}], sec
assert sec["warning"] == "", sec
print("ok: %d messages over CURVE, feed_curve true, no warning" % took[-1]["feed"]["accepted"])
PYEOF
