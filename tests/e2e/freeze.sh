# Freeze keeps one snapshot (issue 13): in tmux at 160x48, --demo, Z, then
# j two seconds later. The frozen screen redraws for the key from the copy
# it kept: every Positions row keeps its numbers, only the selection moves
# (the Detail title names the next row), and Notional equals Delta$ on the
# delta-one rows of both pictures (the defect: live positions drawn beside
# stale exposures, "BTC-FUT notional 1953 with Delta$ 0"). Z again shows the
# live market, which moved on meanwhile. The table is filtered to the perps:
# the demo's options sort before them, and their symbols outrun the column.
. tests/e2e/lib.sh
tmux_session invtop-freeze-$$
T new-session -d -s $S -x 160 -y 48 \
  "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$TMP XDG_CONFIG_HOME=$TMP $INV --demo; echo EXITED-\$?; sleep 60"
# positions.py FILE...: the Positions rows of each capture as JSON lines
# {sym: {column: text}}, read by the header's column edges
cat > "$TMP/positions.py" <<'PYEOF'
import json, re, sys
def rows(text):
    lines = text.split("\n")
    head = next((k for k, l in enumerate(lines) if "Symbol" in l and "Notional" in l and "Delta$" in l), None)
    if head is None:
        return {}
    h = lines[head]
    names = [(m.group().rstrip("^v"), m.end()) for m in re.finditer(r"Symbol\S*|Venue\S*|Qty\S*|Mid\S*|Notional\S*|Delta\$\S*|PnL\S*|Inventory\S*|Bid\S*|Ask\S*|Skew bp\S*|Model\S*", h)]
    width = {"Symbol": 13, "Venue": 10, "Inventory": 14, "Model": 6}  # the left-aligned columns
    out = {}
    for l in lines[head + 1:]:
        m = re.match(r"^.(..) ([A-Z][A-Z0-9._-]*(?:@[A-Z0-9]+)?)\s", l)
        if not m:
            break
        cells, prev = {}, 0
        for name, end in names:
            if name in width:  # from the header's start, its width
                at = h.index(name)
                cells[name], prev = l[at:at + width[name]].strip(), at + width[name]
            else:  # right-aligned: up to the header's end
                cells[name], prev = l[prev:end].strip(), end
        out[m.group(2)] = cells
    return out
for path in sys.argv[1:]:
    print(json.dumps(rows(open(path, errors="replace").read())))
PYEOF
pos() { $PY "$TMP/positions.py" "$@"; }
wait_for "Positions [0-9]" 10
T send-keys -t $S '/' P E R P Enter; wait_for "Positions 3 " 3
# wait for a table with every row and some position held (the demo fills within seconds)
for _ in $(seq 1 150); do
  screen > "$TMP/s0.txt"
  pos "$TMP/s0.txt" | $PY -c 'import json,sys; r=json.loads(sys.stdin.read()); sys.exit(0 if len(r) == 3 and any(float(c["Qty"] or 0) != 0 for c in r.values()) else 1)' && break
  sleep 0.1
done
pos "$TMP/s0.txt" | $PY -c 'import json,sys; sys.exit(0 if len(json.loads(sys.stdin.read())) == 3 else 1)' \
  || { cat "$TMP/s0.txt"; fail "no Positions table with 3 perps and a position"; }
T send-keys -t $S Z; wait_for "FROZEN (Z)" 3
screen > "$TMP/frozen1.txt"
detail1=$(sed -n 's/.*Detail \([A-Z][A-Z0-9@._-]*\).*/\1/p' "$TMP/frozen1.txt")
[ -n "$detail1" ] || fail "no Detail panel naming the selection"
sleep 2 # the market moves on meanwhile (a time to let pass, not a wait for something)
T send-keys -t $S j; wait_gone "Detail $detail1 " 3
screen > "$TMP/frozen2.txt"
pos "$TMP/frozen1.txt" "$TMP/frozen2.txt" > "$TMP/rows.jsonl"
$PY - "$TMP/rows.jsonl" "$TMP/frozen1.txt" "$TMP/frozen2.txt" <<'PYEOF' || exit 1
import json, re, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
assert len(a) == 3, "frozen table has %d rows" % len(a)
assert a == b, "frozen rows changed after j: %s" % [(s, a[s], b.get(s)) for s in a if a[s] != b.get(s)][:2]
def num(t):
    m = re.match(r"^([+-]?[\d.]+)([kMBT])?$", t)
    return float(m.group(1)) * {"k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(m.group(2), 1) if m else None
for sym, c in a.items():  # the perps are delta-one
    n, d = num(c["Notional"]), num(c["Delta$"])
    assert n is not None and d is not None and abs(n - d) <= 1, "%s: Notional %s, Delta$ %s" % (sym, c["Notional"], c["Delta$"])
t1, t2 = open(sys.argv[2]).read().split("\n"), open(sys.argv[3]).read().split("\n")
top = next(k for k, l in enumerate(t1) if "Positions 3 " in l)
bottom = next(k for k in range(top + 1, len(t1)) if "\u2514" in t1[k][:2])
left = [l[:t1[top].index("\u2510") + 1] for l in t1[top:bottom + 1]]
assert left == [l[:t1[top].index("\u2510") + 1] for l in t2[top:bottom + 1]], "the Positions panel's text changed"
order = list(a)
d1 = re.search(r"Detail (\S+)", "\n".join(t1)).group(1)
d2 = re.search(r"Detail (\S+)", "\n".join(t2)).group(1)
assert order.index(d2) == order.index(d1) + 1, "j moved the selection from %s to %s" % (d1, d2)
print("frozen: 3 rows identical before and after j, Notional == Delta$, selection %s -> %s" % (d1, d2))
PYEOF
# Z again: the live market, which moved while the screen was frozen
T send-keys -t $S Z; wait_gone "FROZEN" 3
for _ in $(seq 1 30); do
  screen > "$TMP/live.txt"
  pos "$TMP/frozen2.txt" "$TMP/live.txt" | $PY -c '
import json, sys
a, b = [json.loads(l) for l in sys.stdin]
sys.exit(0 if any(a[s].get("Mid") != b.get(s, {}).get("Mid") for s in a) else 1)' && break
  sleep 0.1
done
pos "$TMP/frozen2.txt" "$TMP/live.txt" | $PY -c '
import json, sys
a, b = [json.loads(l) for l in sys.stdin]
sys.exit(0 if any(a[s].get("Mid") != b.get(s, {}).get("Mid") for s in a) else 1)' \
  || fail "after Z the prices are the frozen ones: the freeze did not hold back a moving market"
T send-keys -t $S q; wait_for "EXITED-0" 3
echo "ok: Z keeps one snapshot: j redraws it with only the selection moved, Notional == Delta\$, Z shows the live market again"
