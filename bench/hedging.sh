#!/bin/sh
# hedging.sh BUILD: issue 22's figures. The same seeded closed loop (invtop's
# quotes against the synthetic market, 600 simulated seconds, no clock) run
# with hedging off, with a scripted trader taking the suggestion every 5 s,
# and with automatic hedging (cooldown 1 s and 0 s); band +-1,000 USD (delta
# limit 2,000). Net delta RMS (USD, per underlying), the P&L's standard
# deviation per second, the final P&L, and what hedging paid in spread and
# fees, beside the run without hedging (the baseline, ratio 1.00).
set -u
build=${1:-build}
sim="$build/invtop-sim"
common="--closed-loop --seconds 600 --seed 1"
engine="--limit-delta-usd 2000"
echo "hedging: closed loop, seed 1, 600 simulated s, band +-1000 USD (delta limit 2000), fees 5 bp"
printf '%-22s %12s %7s %10s %12s %7s %10s %10s\n' mode "delta rms" ratio "P&L sd/s" "final P&L" orders spread fees
base=""
run() {
  label=$1; shift
  line=$("$sim" $common "$@" | grep '^hedging ')
  rms=$(echo "$line" | sed 's/.*net delta rms \([0-9.]*\) USD.*/\1/')
  sd=$(echo "$line" | sed 's/.*P&L sd \([0-9.]*\) USD.*/\1/')
  fin=$(echo "$line" | sed 's/.*final P&L \(-*[0-9.]*\) USD.*/\1/')
  orders=$(echo "$line" | sed 's/.*; \([0-9]*\) hedge orders.*/\1/')
  spread=$(echo "$line" | sed 's/.*spread paid \([0-9.]*\) USD.*/\1/')
  fees=$(echo "$line" | sed 's/.*fees \([0-9.]*\) USD.*/\1/')
  [ -n "$base" ] || base=$rms
  ratio=$(awk -v a="$rms" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  printf '%-22s %8s USD %7s %10s %12s %7s %10s %10s\n' "$label" "$rms" "$ratio" "$sd" "$fin" "$orders" "$spread" "$fees"
}
run "off" --hedge off -- $engine
run "manual (every 5 s)" --hedge manual --manual-every-s 5 -- $engine
run "auto (cooldown 1 s)" --hedge auto -- $engine --hedge-cooldown-s 1
run "auto (cooldown 0 s)" --hedge auto -- $engine --hedge-cooldown-s 0
echo "(reproduce one row: $sim $common --hedge auto -- $engine --hedge-cooldown-s 0)"
