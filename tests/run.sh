#!/bin/sh
# run.sh BUILD: run every unit test binary and end-to-end script, then print
# one closing line "N passed, N failed".
set -u
build=${1:-build}
pass=0; fail=0; failed=""
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if "$t" >"$build/tests/$name.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $name"
  else
    fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"; tail -30 "$build/tests/$name.log"
  fi
done
for t in tests/e2e/*.sh; do
  [ "$(basename "$t")" = lib.sh ] && continue
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  log="$build/tests/e2e-$name.log"
  if BUILD="$build" timeout 300 sh "$t" >"$log" 2>&1; then
    pass=$((pass + 1)); echo "ok   e2e/$name: $(tail -1 "$log")"
  else
    fail=$((fail + 1)); failed="$failed e2e/$name"; echo "FAIL e2e/$name"; tail -60 "$log"
  fi
done
[ -z "$failed" ] || echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
