#!/bin/sh
# demo.sh BUILD: start the synthetic market and watch it with invtop.
set -u
build=${1:-build}
port=$(( 20000 + $$ % 20000 ))
"$build/invtop-feed" --bind tcp://127.0.0.1:$port --rate 2000 --quiet &
feed=$!
trap 'kill $feed 2>/dev/null' EXIT INT TERM
echo "demo: invtop-feed on tcp://127.0.0.1:$port; invtop --headless prints a snapshot a second" >&2
"$build/invtop" --headless --connect tcp://127.0.0.1:$port --interval 1000 --count 5
