#!/bin/sh
# lto_off: `make LTO= all` builds. Link-time optimisation (the default)
# defers the real compilation to the link, and with it the compiler's late
# warnings (-Wformat-truncation, -Wstringop-*): a build with LTO= met them
# as errors (-Werror) that the default build never showed. Every object
# `make all` and `make test` compile (the Makefile's build-objects) is
# compiled here with LTO= into a scratch directory: objects only, no link,
# which is where those warnings come.
. tests/e2e/lib.sh
out="$TMP/lto_off"
# the default configuration but LTO: nothing a calling make passes down
# (CFLAGS=-O0 would hide what is checked; its jobserver is not ours)
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u LTO \
  make -s -k -j2 LTO= BUILD="$out" build-objects > "$TMP/make.log" 2>&1
rc=$?
warnings=$(grep -c -E 'warning:|error:' "$TMP/make.log")
if [ "$rc" -ne 0 ] || [ "$warnings" -ne 0 ]; then
  grep -E 'warning:|error:' "$TMP/make.log" | head -20
  fail "compiling with LTO= failed (make exit $rc, $warnings warnings or errors)"
fi
n=$(find "$out" -name '*.o' | wc -l)
[ "$n" -gt 0 ] || fail "no objects compiled in $out"
echo "ok: $n objects compile with LTO off (-O2, -Werror), no warnings"
