#!/bin/sh
# ingest.sh BUILD [wire] [feed]: ingest over ZeroMQ (tcp loopback), invtop
# --headless (decode + book) beside a raw libzmq SUB that only counts
# (bench_rawsub), both bound, the publisher connecting. The two take turns,
# BENCH_INGEST_ROUNDS (3) times each, so that a slow stretch of this shared
# machine does not fall on one of them only; the best of each is compared.
# Figures only: nothing fails on a timing. run.sh runs both sections; this
# script alone runs the ones named (default both).
#   wire  the publisher is bench_blast: pre-encoded messages, faster than any
#         receiver, so the figures are the receivers'. BENCH_WIRE_MSGS (2000000)
#   feed  the publisher is invtop-feed --rate max, which formats every message
#         and is slower than either receiver: the figures are the publisher's.
#         BENCH_INGEST_MSGS (1000000)
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
sections=${*:-wire feed}
PY=/usr/bin/python3
ROUNDS=${BENCH_INGEST_ROUNDS:-3}
WIRE_N=${BENCH_WIRE_MSGS:-2000000}
FEED_N=${BENCH_INGEST_MSGS:-1000000}
# the wire-speed target, ratio of bests: 0.85 where the publisher shares two
# cores with the receiver, 0.95 where it has a core of its own
[ "$(nproc)" -le 2 ] && target=0.85 || target=0.95
WIRE_TARGET=${BENCH_WIRE_TARGET:-$target}
tmp=$(mktemp -d /tmp/invtop-bench-ingest.XXXXXX)
sub='' inv=''
cleanup() {
  [ -n "$sub" ] && kill $sub 2>/dev/null
  [ -n "$inv" ] && kill $inv 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The turns run in this shell (not in $(...)), so that cleanup can stop what
# they started. raw_turn OUT N PUBLISHER...: bench_rawsub bound on a free port,
# PUBLISHER PORT N in the foreground; appends "raw MSG/S" to OUT
raw_turn() {
  o=$1 n=$2; shift 2
  port=$(free_port)
  timeout 120 "$build/bench/bench_rawsub" tcp://127.0.0.1:$port $n > $tmp/raw &
  sub=$!
  "$@" $port $n
  wait $sub; sub=
  echo "raw $(awk '{print $4}' $tmp/raw)" >> $o
}

# inv_turn OUT N PUBLISHER...: invtop --headless bound on a free port, one
# snapshot every 100 ms, PUBLISHER PORT N in the foreground; waits until
# invtop has counted N (polling with tail and sed, which cost next to nothing
# beside invtop while it drains), stops it, and appends "inv MSG/S RECEIVED
# GAPS REJECTED" to OUT from its snapshots: the messages between the first
# snapshot that has any and the first that has all N, over the time between.
inv_turn() {
  o=$1 n=$2; shift 2
  port=$(free_port)
  XDG_CONFIG_HOME=$tmp/cfg XDG_STATE_HOME=$tmp/state \
    "$build/invtop" --headless --bind tcp://127.0.0.1:$port --interval 100 > $tmp/inv 2> $tmp/inv.err &
  inv=$!
  if "$@" $port $n; then tries=150; else tries=0; fi   # no publisher, nothing to wait for
  for _ in $(seq 1 $tries); do
    kill -0 $inv 2>/dev/null || break
    got=$(tail -n 1 $tmp/inv 2>/dev/null | sed -n 's/.*"feed":{[^{}]*"msgs":\([0-9]*\).*/\1/p')
    [ "${got:-0}" -ge "$n" ] && break
    sleep 0.2
  done
  kill $inv 2>/dev/null
  for _ in $(seq 1 50); do kill -0 $inv 2>/dev/null || break; sleep 0.1; done
  kill -KILL $inv 2>/dev/null   # it did not stop on SIGTERM within 5 s
  wait $inv 2>/dev/null; inv=
  printf 'inv ' >> $o
  $PY - $tmp/inv $n >> $o <<'PYEOF'
import json, sys
snaps = []
for line in open(sys.argv[1]):
    try:
        snaps.append(json.loads(line))
    except ValueError:
        pass  # a torn last line
n = int(sys.argv[2])
live = [s for s in snaps if s["feed"]["msgs"] > 0]
if not live:
    print("0 0 0 0")
    sys.exit()
first = live[0]
done = next((s for s in live if s["feed"]["msgs"] >= n), live[-1])
rate = (done["feed"]["msgs"] - first["feed"]["msgs"]) / max(done["ts"] - first["ts"], 1e-9)
print("%.0f %d %d %d" % (rate, done["feed"]["msgs"], done["feed"]["gaps"], done["feed"]["rejected"]["total"]))
PYEOF
}

# report TITLE N FILE [TARGET]: the runs, the best of each, the ratio of bests
report() {
  $PY - "$@" <<'PYEOF'
import sys
title, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
target = float(sys.argv[4]) if len(sys.argv) > 4 else None
raw, inv, pub = [], [], []
for line in open(path):
    f = line.split()
    if f[0] == "raw" and len(f) > 1:
        raw.append(float(f[1]))
    elif f[0] == "inv" and len(f) > 4:
        inv.append((float(f[1]), int(f[2]), int(f[3]), int(f[4])))
    elif f[0] == "pub" and len(f) > 5:  # pub TURN blast|feed N SECONDS RATE FLUSH
        pub.append((f[1], float(f[5])))
print(title % {"n": n, "rounds": len(raw)})
if not raw or not inv:
    print("  a run produced no figure")
    sys.exit(0)
# a run counts only when every message arrived, none missing by seq, none rejected
ok = [r for r in inv if r[1] >= n and r[2] == 0 and r[3] == 0]
best_raw = max(raw)
best = max(r[0] for r in ok) if ok else 0.0
print("  %-34s %12.0f msg/s   runs %s" % ("raw libzmq SUB, count only", best_raw, " ".join("%.0f" % r for r in raw)))
print("  %-34s %12.0f msg/s   runs %s" % ("invtop --headless (decode+book)", best,
      " ".join("%.0f%s" % (r[0], "" if r in ok else "!") for r in inv)))
ratio = best / best_raw if best_raw > 0 else 0.0
verdict = ("   target %.2f: %s" % (target, "met" if ratio >= target else "NOT met")) if target else ""
print("  ratio of bests %.3f%s   every run received %s, gaps %s, rejected %s%s" % (
    ratio, verdict, "/".join(str(r[1]) for r in inv), "/".join(str(r[2]) for r in inv),
    "/".join(str(r[3]) for r in inv), "" if len(ok) == len(inv) else "   (! left out)"))
if pub:
    rates = [r for _, r in pub]
    print("  %-34s %12.0f msg/s   runs %s   slowest %.2fx the raw SUB's best" % (
        "publisher's own rate (send loop)", max(rates),
        " ".join("%.0f" % r for r in rates), min(rates) / best_raw if best_raw > 0 else 0))
PYEOF
}

# ---- ingest at wire speed: bench_blast ----
blast() { # PORT N: the tag of the turn is in $turn
  timeout 120 "$build/bench/bench_blast" --connect tcp://127.0.0.1:$1 $2 > $tmp/blast \
    && sed "s/^/pub $turn /" $tmp/blast >> $tmp/wire
}
wire() {
  : > $tmp/wire
  for _ in $(seq 1 $ROUNDS); do
    turn=raw; raw_turn $tmp/wire $WIRE_N blast
    turn=inv; inv_turn $tmp/wire $WIRE_N blast
  done
  report "ingest at wire speed (bench_blast: 1,024 pre-encoded px messages, two frames, SNDHWM 0; %(n)d msgs
over tcp loopback; raw and invtop take turns, best of %(rounds)d each; publisher and receiver share the cores)" \
    $WIRE_N $tmp/wire $WIRE_TARGET
}

# ---- ingest fed by invtop-feed --rate max: the publisher's rate ----
feed_pub() { # PORT N; its summary on stderr gives its rate
  sleep 0.3
  "$build/invtop-feed" --connect tcp://127.0.0.1:$1 --rate max --count $2 --warmup-ms 300 2> $tmp/feedpub
  rc=$?
  sed -n "s/^invtop-feed: sent \([0-9]*\) messages in \([0-9.]*\) s (\([0-9]*\)\/s).*/pub $turn feed \1 \2 \3 0/p" \
    $tmp/feedpub >> $tmp/feed
  return $rc
}
feed() {
  : > $tmp/feed
  for _ in $(seq 1 $ROUNDS); do
    turn=raw; raw_turn $tmp/feed $FEED_N feed_pub
    turn=inv; inv_turn $tmp/feed $FEED_N feed_pub
  done
  report "ingest fed by invtop-feed --rate max (measures the publisher: it formats every message and is slower
than either receiver, which both get what it can send; %(n)d msgs; raw and invtop take turns, best of %(rounds)d each)" \
    $FEED_N $tmp/feed
}

first=1
for s in $sections; do
  [ $first = 1 ] || echo
  first=0
  case $s in
  wire) wire ;;
  feed) feed ;;
  *) echo "ingest.sh: unknown section $s (wire, feed)" >&2; exit 2 ;;
  esac
done
