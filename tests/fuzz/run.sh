#!/bin/sh
# run.sh DIR SECONDS: run every fuzz target in DIR for SECONDS each, starting
# from the seed corpus in tests/fuzz/corpus/NAME (new inputs go to a work
# corpus under DIR, kept between runs). Fails when a target finds a crash.
set -u
dir=$1; secs=$2; rc=0
for t in "$dir"/fuzz_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t"); seeds=tests/fuzz/corpus/${name#fuzz_}
  work="$dir/corpus-${name#fuzz_}"; mkdir -p "$work"
  echo "fuzz: $name for ${secs}s (seeds $seeds)"
  if ! "$t" -max_total_time="$secs" -max_len=70000 -timeout=10 -artifact_prefix="$dir/$name-" \
       -print_final_stats=1 "$work" "$seeds" > "$dir/$name.log" 2>&1; then
    echo "fuzz: $name FOUND A PROBLEM:"; tail -30 "$dir/$name.log"; rc=1
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$dir/$name.log" | sed "s/^/  /"
  fi
done
exit $rc
