#!/bin/sh
# run.sh BUILD: every benchmark, one table. Figures only: nothing here fails
# on a timing. Each figure is printed beside a baseline taken in the same run.
set -u
build=${1:-build}
echo "invtop benchmarks on $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
"$build/bench/bench_decode"
echo
# Venues' own messages mapped by [source NAME] sections (issue 24): a Deribit
# perpetual ticker through sources/deribit.ini beside the native px decode.
"$build/bench/bench_srcmap"
echo
"$build/bench/bench_risk"
echo
# The stress matrix (issue 21's figure): 10,000 positions x 27 cells (9
# moves x 3 vols) per full grid, goal at most 20 ms, beside as many plain
# bs_price and bs_price_fast calls.
"$build/bench/bench_stress"
echo
# Implied volatility (issue 21's figure): solves per second on one core over
# a mixed set of quotes, beside bs_price's prices per second in the same run.
"$build/bench/bench_iv"
echo
# Hedging (issue 22's figures): the seeded closed loop with hedging off, a
# scripted trader taking the suggestion, and automatic hedging.
sh bench/hedging.sh "$build"
echo
# Ingest over ZeroMQ: invtop --headless beside a raw libzmq SUB, taking turns;
# first fed by bench_blast (pre-encoded, faster than either receiver), then by
# invtop-feed --rate max (which is slower than both: that figure is its own).
sh bench/ingest.sh "$build" wire feed
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
echo
# The state protocol (issue 13): update sizes and costs in process, v2
# (field-level, deflated) against v1 (changed instruments whole) and full
# documents; what one viewer receives from a live engine fed 1,000
# instruments (goal 150 KB/s); then the engine's CPU with 0, 1, 10 and 100
# viewers attached and what the updates carry.
"$build/bench/bench_state"
echo
/usr/bin/python3 bench/state_wire.py "$build"
echo
/usr/bin/python3 bench/state_viewers.py "$build" --rounds 2 --seconds 5
