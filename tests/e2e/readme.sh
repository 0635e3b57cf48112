# What the README says of the build, the options and Python (issue 19, item
# 18) against the Makefile and the option table: `make all` names every
# program the Makefile builds; every option --help marks as needing another
# ("with --X:") is named in the README's exit-status list with the one it
# needs; the examples' pyzmq and which python3 has it are explained.
. tests/e2e/lib.sh
progs=$(sed -n 's/^PROGS *:= *//p' Makefile | tr ' ' '\n' | sed 's|.*/||' | grep .)
[ -n "$progs" ] || fail "no PROGS in the Makefile"
all=$($PY - README.md <<'PYEOF'
import re, sys
text = " ".join(open(sys.argv[1]).read().split())
m = re.search(r"`make all` \(([^)]*)\)", text)
print(m.group(1) if m else "")
PYEOF
)
[ -n "$all" ] || fail "the README has no \`make all\` (...) sentence"
for p in $progs; do
  echo "$all" | grep -q "\`build/$p\`" || fail "README: \`make all\` ($all) does not name build/$p"
done
"$INV" --help > "$TMP/help" || fail "invtop --help failed"
n=0
while read -r opt need; do
  n=$((n + 1))
  $PY - README.md "$opt" "$need" <<'PYEOF' || exit 1
import re, sys
text = " ".join(open(sys.argv[1]).read().split())
opt, need = sys.argv[2], sys.argv[3]
i = text.find("Exit status:")
j = text.find("Every option and key is one row", i)
part = text[i:j] if i >= 0 and j > i else ""
if "`%s`" % opt not in part or "`%s`" % need not in part:
    sys.exit("FAIL: README's exit-status list does not say %s needs %s" % (opt, need))
PYEOF
done <<EOF
$(sed -n 's/^  \(--[a-z-]*\) .*with \(--[a-z-]*\): .*/\1 \2/p' "$TMP/help")
EOF
[ $n -ge 10 ] || fail "--help marks only $n options as needing another"
grep -q "python3-zmq" README.md && grep -q "/usr/bin/python3 examples/publish.py" README.md \
  || fail "README does not say which python3 runs examples/ (python3-zmq, /usr/bin/python3)"
grep -q "make bench.*about two minutes\|table in about two minutes" README.md && fail "README: make bench in two minutes"
echo "ok: README names the $(echo $progs | wc -w) programs of make all, the $n options that need another, and the python3 with pyzmq"
