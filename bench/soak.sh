#!/bin/sh
# soak.sh BUILD SECONDS: invtop-feed at full speed against invtop --headless
# with risk and quotes on, for SECONDS; prints messages/s sustained, RSS at
# start and end, growth, and rejected or lost messages. Not part of make test.
set -u
build=${1:-build}; secs=${2:-180}
port=$(( 31000 + $$ % 20000 )); qport=$((port + 1))
tmp=$(mktemp -d)
"$build/invtop" --headless --bind tcp://127.0.0.1:$port --quotes tcp://127.0.0.1:$qport \
  --journal "$tmp/j.jsonl" --interval 5000 > "$tmp/s.jsonl" &
inv=$!
sleep 0.5
"$build/invtop-feed" --connect tcp://127.0.0.1:$port --quotes tcp://127.0.0.1:$qport --rate max \
  --instruments 50 --warmup-ms 500 --quiet &
feed=$!
rss() { awk '/VmRSS/ {print $2}' /proc/$inv/status; }
sleep 10
r0=$(rss); t0=$(date +%s)
samples="$r0"
while [ $(( $(date +%s) - t0 )) -lt "$secs" ]; do sleep 10; samples="$samples $(rss)"; done
r1=$(rss)
kill $feed; sleep 1; kill $inv; wait $inv 2>/dev/null
/usr/bin/python3 - "$tmp/s.jsonl" "$r0" "$r1" "$secs" "$samples" <<'PYEOF'
import json, sys
s = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
f0, f1 = s[2]["feed"], s[-1]["feed"]
dt = s[-1]["ts"] - s[2]["ts"]
r0, r1 = int(sys.argv[2]), int(sys.argv[3])
print("soak: %s s of invtop-feed --rate max (50 instruments) into invtop --headless with risk and quotes" % sys.argv[4])
print("  messages/s sustained   %.0f (received %d in %.0f s)" % ((f1["msgs"] - f0["msgs"]) / dt, f1["msgs"] - f0["msgs"], dt))
print("  RSS start / end        %d kB / %d kB (growth %+d kB); samples every 10 s: %s" % (r0, r1, r1 - r0, sys.argv[5]))
print("  rejected               %d" % f1["rejected"]["total"])
print("  lost (seq gaps)        %d" % f1["gaps"])
print("  quotes published       %d" % f1["quotes_published"])
PYEOF
rm -rf "$tmp"
