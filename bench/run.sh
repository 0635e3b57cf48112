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
# libzmq SUB that only counts and (b) invtop --headless (decode + book). The
# two take turns, three times each, so that a slow stretch of this shared
# machine does not fall on one of them only; the best of each is compared.
N=${BENCH_INGEST_MSGS:-1000000}
ROUNDS=${BENCH_INGEST_ROUNDS:-3}
port=$(( 30000 + $$ % 20000 ))
out=/tmp/invtop-bench-ingest.$$
publish() {
  "$build/invtop-feed" --connect tcp://127.0.0.1:$port --rate max --count $N --warmup-ms 300 --quiet
}
ingest_raw() { # prints msg/s
  "$build/bench/bench_rawsub" tcp://127.0.0.1:$port $N > $out.raw &
  sub=$!
  sleep 0.3
  publish
  wait $sub
  awk '{print $4}' $out.raw
}
ingest_invtop() { # prints msg/s, messages received, gaps
  "$build/invtop" --headless --bind tcp://127.0.0.1:$port --interval 100 > $out.inv &
  inv=$!
  sleep 0.3
  publish
  # wait until invtop has drained everything, then stop it
  for _ in $(seq 1 100); do
    last=$(tail -1 $out.inv 2>/dev/null | $PY -c 'import json,sys; print(json.loads(sys.stdin.read())["feed"]["msgs"])' 2>/dev/null)
    [ "${last:-0}" -ge "$N" ] && break
    sleep 0.2
  done
  kill $inv 2>/dev/null; wait $inv 2>/dev/null
  $PY - $out.inv $N <<'PYEOF'
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
first = next(s for s in snaps if s["feed"]["msgs"] > 0)
done = next((s for s in snaps if s["feed"]["msgs"] >= n), snaps[-1])
rate = (done["feed"]["msgs"] - first["feed"]["msgs"]) / max(done["ts"] - first["ts"], 1e-9)
print("%.0f %d %d" % (rate, done["feed"]["msgs"], done["feed"]["gaps"]))
PYEOF
}
: > $out.all
for _ in $(seq 1 $ROUNDS); do
  echo "raw $(ingest_raw)" >> $out.all
  echo "inv $(ingest_invtop)" >> $out.all
done
$PY - $out.all $N <<'PYEOF'
import sys
raw, inv = [], []
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "raw" and len(f) > 1:
        raw.append(float(f[1]))
    elif f[0] == "inv" and len(f) > 3:
        inv.append((float(f[1]), int(f[2]), int(f[3])))
n = int(sys.argv[2])
print("ingest over ZeroMQ (tcp loopback, invtop-feed --rate max, %d msgs; raw and invtop take turns, best of %d each;" % (n, len(raw)))
print("feed and receiver share the cores)")
if not raw or not inv:
    print("  a run produced no figure")
    sys.exit(0)
best_raw, best = max(raw), max(inv)
print("  %-34s %12.0f msg/s   runs %s" % ("raw libzmq SUB, count only", best_raw, " ".join("%.0f" % r for r in raw)))
print("  %-34s %12.0f msg/s   runs %s" % ("invtop --headless (decode+book)", best[0], " ".join("%.0f" % r[0] for r in inv)))
print("  ratio of bests %.3f   target 0.8: %s   every run received %s, gaps %s" % (
    best[0] / best_raw, "met" if best[0] / best_raw >= 0.8 else "NOT met",
    "/".join(str(r[1]) for r in inv), "/".join(str(r[2]) for r in inv)))
PYEOF
rm -f $out.raw $out.inv $out.all
echo
"$build/bench/bench_tick2quote" "$build" 100000 10000
echo
"$build/bench/bench_render"
echo
/usr/bin/python3 bench/demo_traffic.py "$build"
echo
/usr/bin/python3 bench/memory.py "$build"
echo
/usr/bin/python3 bench/keypress_latency.py "$build" 300
