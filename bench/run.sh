#!/bin/sh
# run.sh BUILD: every benchmark, one table. Figures only: nothing here fails
# on a timing. Each figure is printed beside a baseline taken in the same run.
set -u
build=${1:-build}
PY=/usr/bin/python3
echo "invtop benchmarks on $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
"$build/bench/bench_decode"
echo
"$build/bench/bench_risk"
echo
# Ingest over ZeroMQ: the same publisher (invtop-feed --rate max) into (a) a raw
# libzmq SUB that only counts and (b) invtop --headless (decode + book).
N=${BENCH_INGEST_MSGS:-1000000}
port=$(( 30000 + $$ % 20000 ))
"$build/bench/bench_rawsub" tcp://127.0.0.1:$port $N > /tmp/invtop-bench-raw.$$ &
sub=$!
sleep 0.3
"$build/invtop-feed" --connect tcp://127.0.0.1:$port --rate max --count $N --warmup-ms 300 --quiet
wait $sub
raw=$(awk '{print $4}' /tmp/invtop-bench-raw.$$)
"$build/invtop" --headless --bind tcp://127.0.0.1:$port --interval 100 > /tmp/invtop-bench-inv.$$ &
inv=$!
sleep 0.3
"$build/invtop-feed" --connect tcp://127.0.0.1:$port --rate max --count $N --warmup-ms 300 --quiet
# wait until invtop has drained everything, then stop it
for _ in $(seq 1 100); do
  last=$(tail -1 /tmp/invtop-bench-inv.$$ 2>/dev/null | $PY -c 'import json,sys; print(json.loads(sys.stdin.read())["feed"]["msgs"])' 2>/dev/null)
  [ "${last:-0}" -ge "$N" ] && break
  sleep 0.2
done
kill $inv 2>/dev/null; wait $inv 2>/dev/null
$PY - /tmp/invtop-bench-inv.$$ "$raw" $N <<'PYEOF'
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
raw, n = float(sys.argv[2]), int(sys.argv[3])
busy = [s for s in snaps if 0 < s["feed"]["msgs"] < n]
first = next(s for s in snaps if s["feed"]["msgs"] > 0)
done = next((s for s in snaps if s["feed"]["msgs"] >= n), snaps[-1])
rate = (done["feed"]["msgs"] - first["feed"]["msgs"]) / max(done["ts"] - first["ts"], 1e-9)
print("ingest over ZeroMQ (tcp loopback, invtop-feed --rate max, %d msgs, feed and receiver share the cores)" % n)
print("  %-34s %12.0f msg/s" % ("raw libzmq SUB, count only", raw))
print("  %-34s %12.0f msg/s   ratio to raw %.3f   target 0.8: %s   received %d, gaps %d" % (
    "invtop --headless (decode+book)", rate, rate / raw, "met" if rate / raw >= 0.8 else "NOT met",
    done["feed"]["msgs"], done["feed"]["gaps"]))
PYEOF
rm -f /tmp/invtop-bench-raw.$$ /tmp/invtop-bench-inv.$$
echo
"$build/bench/bench_tick2quote" "$build" 100000 10000
echo
"$build/bench/bench_render"
echo
/usr/bin/python3 bench/memory.py "$build"
echo
/usr/bin/python3 bench/keypress_latency.py "$build" 300
