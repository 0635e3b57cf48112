# CURVE + ZAP with real pyzmq peers: of four publishers only the one whose key
# is allowed gets data in (unknown key, no CURVE and a wrong server key are
# refused and counted); of four quote subscribers only the allowed one
# receives anything. invtop --keygen makes the server's keys. The peers start
# once invtop prints its first snapshot, and invtop is stopped once it reports
# every refusal, rather than after a fixed time.
. tests/e2e/lib.sh
K="$TMP/keys"
"$INV" --keygen "$K" --key-name server >/dev/null || fail "--keygen failed"
[ "$(stat -c %a "$K/server.key")" = 600 ] || fail "secret key not 0600"
"$INV" --keygen "$K" --key-name server >/dev/null 2>&1 && fail "--keygen overwrote a key"
$PY - "$K" <<'PYEOF'
import sys, zmq
for name in ("pub_ok", "pub_bad", "sub_ok", "sub_bad"):
    pub, sec = zmq.curve_keypair()
    open("%s/%s.pub" % (sys.argv[1], name), "wb").write(pub + b"\n")
    open("%s/%s.key" % (sys.argv[1], name), "wb").write(sec + b"\n")
PYEOF
mkdir -p "$TMP/allow_feed"; cp "$K/pub_ok.pub" "$TMP/allow_feed/"
fp=$(free_port); qp=$(free_port)
"$INV" --headless --bind tcp://127.0.0.1:$fp --curve-secret "$K/server.key" --allow-keys "$TMP/allow_feed" \
  --quotes tcp://127.0.0.1:$qp --quotes-curve-secret "$K/server.key" --quotes-allow-keys "$K/sub_ok.pub" \
  --interval 500 > "$TMP/s.jsonl" 2> "$TMP/inv.err" & inv=$!
PIDS="$inv"
wait_snap "$TMP/s.jsonl" 'True' 60 $inv  # both sockets are bound
$PY - "$K" $fp $qp > "$TMP/peers.txt" 2>&1 <<'PYEOF'
import sys, time, zmq
K, fp, qp = sys.argv[1], sys.argv[2], sys.argv[3]
key = lambda n, ext: open("%s/%s.%s" % (K, n, ext), "rb").read().strip()
server = key("server", "pub")
ctx = zmq.Context()
def client(kind, name, serverkey, port):
    s = ctx.socket(kind)
    if name:
        s.curve_secretkey = key(name, "key"); s.curve_publickey = key(name, "pub")
        s.curve_serverkey = serverkey
    if kind == zmq.SUB:
        s.setsockopt(zmq.SUBSCRIBE, b"")
    s.connect("tcp://127.0.0.1:%s" % port)
    return s
wrong = zmq.curve_keypair()[0]
pubs = {"A": client(zmq.PUB, "pub_ok", server, fp), "B": client(zmq.PUB, "pub_bad", server, fp),
        "C": client(zmq.PUB, None, None, fp), "D": client(zmq.PUB, "pub_ok", wrong, fp)}
subs = {"ok": client(zmq.SUB, "sub_ok", server, qp), "bad": client(zmq.SUB, "sub_bad", server, qp),
        "plain": client(zmq.SUB, None, None, qp), "wrong": client(zmq.SUB, "sub_ok", wrong, qp)}
got = {n: 0 for n in subs}
end = time.time() + 6
k = 0
while time.time() < end:
    k += 1
    for sym, p in pubs.items():
        p.send_multipart([b"px." + sym.encode(), b'{"mid":%d}' % (100 + k % 7)])
    for n, s in subs.items():
        while s.poll(0):
            s.recv_multipart(); got[n] += 1
    time.sleep(0.05)
print("received", got)
PYEOF
wait_snap "$TMP/s.jsonl" '[i["sym"] for i in s["instruments"]] == ["A"] and s["security"]["feed_handshakes_refused"] >= 3
  and s["security"]["quotes_handshakes_refused"] >= 3 and s["security"]["feed_keys_denied"] >= 1
  and s["security"]["feed_keys_allowed"] >= 1 and s["security"]["quotes_keys_denied"] >= 1' 60 $inv
kill -TERM $inv; wait $inv || fail "invtop failed: $(tail -2 "$TMP/inv.err")"
$PY - "$TMP/s.jsonl" "$TMP/peers.txt" <<'PYEOF' || exit 1
import ast, json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
syms = sorted(i["sym"] for i in last["instruments"])
assert syms == ["A"], "instruments from %s" % syms
sec = last["security"]
assert sec["feed_curve"] and sec["quotes_curve"], sec
assert sec["feed_handshakes_refused"] >= 3, sec   # B (key), C (no CURVE), D (server key)
assert sec["feed_keys_denied"] >= 1 and sec["feed_keys_allowed"] >= 1, sec
assert sec["quotes_handshakes_refused"] >= 3, sec
assert sec["quotes_keys_denied"] >= 1, sec
got = ast.literal_eval(open(sys.argv[2]).read().split("received ", 1)[1])
assert got["ok"] > 0, "the allowed quote subscriber got nothing: %s" % got
assert got["bad"] == got["plain"] == got["wrong"] == 0, "refused subscribers got data: %s" % got
print("ok: only the allowed publisher and subscriber get through; %d feed and %d quote handshakes refused"
      % (sec["feed_handshakes_refused"], sec["quotes_handshakes_refused"]))
PYEOF
