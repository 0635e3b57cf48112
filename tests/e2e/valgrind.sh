# invtop under valgrind, end to end: a live headless run fed over ZeroMQ with
# risk, quotes and a journal, then a replay of what it recorded. No invalid
# access and no definite leak may be reported. The feed waits for invtop's
# subscription and invtop is stopped (SIGTERM, a clean exit) once a snapshot
# counts every message, so valgrind's slowness cannot cut the run short.
. tests/e2e/lib.sh
command -v valgrind >/dev/null || fail "valgrind needed (apt-get install valgrind)"
case "$BUILD" in *san*) echo "skip: ASan binaries cannot run under valgrind (the plain build runs this)"; exit 0;; esac
VG="valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite --quiet"
port=$(free_port); qport=$(free_port)
$VG --log-file="$TMP/vg-live.txt" "$INV" --headless --connect tcp://127.0.0.1:$port \
  --quotes tcp://127.0.0.1:$qport --journal "$TMP/j.jsonl" --mc-paths 500 --interval 1000 \
  --record "$TMP/rec.jsonl" > "$TMP/live.jsonl" & inv=$!
PIDS="$inv"
"$FEED" --bind tcp://127.0.0.1:$port --rate 2000 --count 8000 --wait-subscriber 120 --quiet || fail "feed failed"
wait_snap "$TMP/live.jsonl" 's["feed"]["msgs"] >= 8000' 120 $inv
kill -TERM $inv; wait $inv; rc=$?
[ $rc -eq 0 ] || { cat "$TMP/vg-live.txt"; fail "valgrind (live) exit $rc"; }
[ -s "$TMP/rec.jsonl" ] || fail "nothing recorded"
$VG --log-file="$TMP/vg-replay.txt" "$INV" --headless --replay "$TMP/rec.jsonl" --speed max \
  --mc-paths 500 --journal "$TMP/j.jsonl" > "$TMP/replay.jsonl"; rc=$?
[ $rc -eq 0 ] || { cat "$TMP/vg-replay.txt"; fail "valgrind (replay) exit $rc"; }
echo "ok: live and replay runs clean under valgrind ($(wc -l < "$TMP/rec.jsonl") messages)"
