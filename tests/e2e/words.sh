# Words on the command line (issue 19, items 13, 14, 17): what the program
# says, and its exit status, when an option misses its companion, a value is
# out of range, a replay file holds nothing or cannot be read, and the
# journal --overrides reads does not exist. Every run is bounded by timeout:
# a usage error must come at once, not after running an engine.
. tests/e2e/lib.sh
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state"   # no user config, no journal in $HOME
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
# run NAME ARGS...: invtop ARGS with stdin closed, within 10 s; its stdout in
# $TMP/NAME.out, stderr in $TMP/NAME.err, exit status in RC
run() {
  n=$1; shift
  timeout 10 "$INV" "$@" < /dev/null > "$TMP/$n.out" 2> "$TMP/$n.err"; RC=$?
}
# said NAME TEXT: stderr of run NAME holds TEXT (fixed string)
said() { grep -qF -- "$2" "$TMP/$1.err" || fail "$1: stderr lacks '$2': $(cat "$TMP/$1.err")"; }

# 13: an option that does nothing without its companion is a usage error
run exec --exec 'skew BTC-PERP +1' --headless --count 1
[ $RC = 2 ] || fail "--exec without --attach: exit $RC, not 2 ($(cat "$TMP/exec.err"))"
said exec "invtop: --exec needs --attach ENDPOINT"
[ -s "$TMP/exec.out" ] && fail "--exec without --attach ran an engine: $(head -c 200 "$TMP/exec.out")"
port=$(free_port)
run apub --attach-pub tcp://127.0.0.1:$port --headless --count 1
[ $RC = 2 ] || fail "--attach-pub without --attach: exit $RC, not 2"
said apub "invtop: --attach-pub needs --attach ENDPOINT"
run speed --speed max --headless --count 1 --demo
[ $RC = 2 ] || fail "--speed without --replay: exit $RC, not 2"
said speed "--speed needs --replay FILE"

# 14: a value out of range gives the range and the default
run fps --fps 0
[ $RC = 2 ] || fail "--fps 0: exit $RC, not 2"
said fps "invtop: --fps 0 is out of range: 0.5 to 120 (default 10)"
printf '[risk]\nhorizon_s = 0\n' > "$TMP/bad.ini"
run ini --config "$TMP/bad.ini" --headless --count 1
[ $RC = 2 ] || fail "horizon_s = 0 in a config file: exit $RC, not 2"
said ini "bad.ini:2: horizon_s = 0 in [risk] is out of range: 0.001 to 100000000 (default 60)"

# 17: a replay file with no message, or one that cannot be read, is a failure
# that says what was found
: > "$TMP/empty.jsonl"
run empty --headless --replay "$TMP/empty.jsonl" --speed max
[ $RC = 1 ] || fail "an empty replay file: exit $RC, not 1"
said empty "invtop: replay file $TMP/empty.jsonl is empty: 0 messages"
[ -s "$TMP/empty.out" ] && fail "an empty replay printed snapshots"
printf 'not json\n{"no":"topic"}\n' > "$TMP/junk.jsonl"
run junk --headless --replay "$TMP/junk.jsonl" --speed max
[ $RC = 1 ] || fail "a replay file of unreadable lines: exit $RC, not 1"
said junk "has 0 messages: its 2 line(s) are all unreadable"
run dir --headless --replay "$TMP" --speed max
[ $RC = 1 ] || fail "a directory as replay file: exit $RC, not 1"
said dir "cannot read replay file $TMP"
run missing --headless --replay "$TMP/no-such.jsonl" --speed max
[ $RC = 1 ] || fail "a missing replay file: exit $RC, not 1"
said missing "cannot open replay file $TMP/no-such.jsonl: No such file or directory"
# a recording with one message is replayed as before
printf '{"t":1790000000.0,"topic":"px.BTC-PERP","body":{"mid":65000}}\n' > "$TMP/one.jsonl"
run one --headless --replay "$TMP/one.jsonl" --speed max
[ $RC = 0 ] || fail "a one-message replay: exit $RC ($(cat "$TMP/one.err"))"
grep -q '"BTC-PERP"' "$TMP/one.out" || fail "a one-message replay printed no snapshot with BTC-PERP"

# 17: --overrides on a journal that does not exist says so and fails; an
# existing journal with nothing active is "no active overrides", exit 0
run nojournal --overrides --journal "$TMP/no-journal.jsonl"
[ $RC = 1 ] || fail "--overrides on a missing journal: exit $RC, not 1 ($(cat "$TMP/nojournal.out"))"
said nojournal "journal $TMP/no-journal.jsonl does not exist"
grep -q "no active overrides" "$TMP/nojournal.out" && fail "a missing journal reads as 'no active overrides'"
: > "$TMP/j.jsonl"
run journal --overrides --journal "$TMP/j.jsonl"
[ $RC = 0 ] || fail "--overrides on an empty journal: exit $RC ($(cat "$TMP/journal.err"))"
grep -q "no active overrides" "$TMP/journal.out" || fail "an empty journal: $(cat "$TMP/journal.out")"
echo "ok: options without their companion, values out of range, empty and unreadable replays, a missing journal: each said, with its exit status"
