#!/bin/sh
# deps.sh: install the Debian packages invtop builds, tests and benchmarks with.
# Quiet and quick when everything is there; as root it runs apt-get, otherwise
# it prints the exact command and fails.
set -u
missing=""
need_pkg() { missing="$missing $1"; }

for pc in ncursesw:libncurses-dev libzmq:libzmq3-dev cmocka:libcmocka-dev gsl:libgsl-dev inih:libinih-dev zlib:zlib1g-dev; do
  mod=${pc%%:*}; deb=${pc#*:}
  pkg-config --exists "$mod" 2>/dev/null || need_pkg "$deb"
done
[ -f /usr/include/jsmn.h ] || need_pkg libjsmn-dev
command -v tmux >/dev/null 2>&1 || need_pkg tmux
command -v clang >/dev/null 2>&1 || need_pkg clang
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need_pkg libclang-rt-14-dev
command -v valgrind >/dev/null 2>&1 || need_pkg valgrind
command -v man >/dev/null 2>&1 || need_pkg man-db      # the install test renders invtop(1)
command -v pgrep >/dev/null 2>&1 || need_pkg procps    # end-to-end tests find their processes
# end-to-end tests drive invtop with Debian's python3 and pyzmq
/usr/bin/python3 -c 'import zmq, numpy, scipy' >/dev/null 2>&1 || need_pkg "python3-zmq python3-numpy python3-scipy"

[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "deps: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "deps: apt-get install failed:$missing" >&2; exit 1; }
else
  echo "deps: missing packages; run: sudo apt-get install$missing" >&2
  exit 1
fi
