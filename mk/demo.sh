#!/bin/sh
# demo.sh BUILD: the dashboard on the bundled synthetic market. Without a
# terminal (CI, a pipe) it prints a few headless snapshots of the same market.
set -u
build=${1:-build}
if [ -t 0 ] && [ -t 1 ]; then
  exec "$build/invtop" --demo
fi
echo "demo: no terminal here; five headless snapshots of the demo market instead" >&2
exec "$build/invtop" --demo --headless --interval 1000 --count 5
