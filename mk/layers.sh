#!/bin/sh
# layers.sh: `make layers`. The source tree's layering, checked on what the
# compiler will read, before anything is built:
#   risk/ < feed/ < state/ < engine/ < tui/ (the views) < main/ (programs)
#  - no file of a layer (its .c files, and the public headers it implements)
#    includes a header of a higher layer;
#  - every header has a layer: a public header include/invtop/X.h belongs to
#    the layer whose folder holds X.c, a private one to its folder, and the
#    few that have no X.c are named in HEADER_ONLY below;
#  - a program's main() lives in main/, never in a library layer.
# tests/e2e/layers.sh checks the same order on the built objects' symbols.
# Prints one line per violation and fails, or one summary line.
set -u
cd "$(dirname "$0")/.." || exit 2
LAYERS="risk feed state engine tui main"
# header-only contracts: header layer
HEADER_ONLY="version:risk event:risk frontend:engine alerts:engine"

rank() { # rank LAYER -> 1..6, 0 when not a layer
  r=0; n=0
  for l in $LAYERS; do n=$((n + 1)); [ "$l" = "$1" ] && r=$n; done
  echo $r
}

# header_layer "invtop/X.h" | "tui/X.h" -> its layer, or "" when unknown
header_layer() {
  case "$1" in
    invtop/*.h)
      b=$(basename "$1" .h)
      for l in $LAYERS; do [ -f "$l/$b.c" ] && { echo "$l"; return; }; done
      for p in $HEADER_ONLY; do [ "${p%%:*}" = "$b" ] && { echo "${p#*:}"; return; }; done
      echo "" ;;
    */*.h)
      d=${1%%/*}
      [ "$(rank "$d")" -gt 0 ] && [ -f "$1" ] && echo "$d" || echo "" ;;
    *) echo "" ;;
  esac
}

bad=0; files=0
complain() { echo "layers: $1"; bad=$((bad + 1)); }

# check FILE LAYER: every quoted include of FILE is of LAYER or below
check() {
  files=$((files + 1))
  fr=$(rank "$2")
  for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"); do
    case "$inc" in */*) ;; *) inc="$(dirname "$1")/$inc" ;; esac
    hl=$(header_layer "$inc")
    if [ -z "$hl" ]; then
      complain "$1 includes $inc, a header of no layer (add its .c, or name it in mk/layers.sh HEADER_ONLY)"
    elif [ "$(rank "$hl")" -gt "$fr" ]; then
      complain "$1 ($2) includes $inc, a header of $hl/ above it"
    fi
  done
}

for l in $LAYERS; do
  for f in $l/*.c $l/*.h; do
    [ -f "$f" ] && check "$f" "$l"
  done
done
for h in include/invtop/*.h; do
  hl=$(header_layer "invtop/$(basename "$h")")
  if [ -z "$hl" ]; then
    complain "$h has no layer (no $(basename "$h" .h).c in $LAYERS; name it in HEADER_ONLY)"
  else
    check "$h" "$hl"
  fi
done

for l in $LAYERS; do
  [ "$l" = main ] && continue
  for f in $(grep -l -E '^(int|static int)[[:space:]]+main[[:space:]]*\(' $l/*.c 2>/dev/null); do
    complain "$f defines main(): a program's main belongs in main/, not in the $l/ library"
  done
done

[ $bad -eq 0 ] || { echo "layers: $bad violations"; exit 1; }
echo "layers: ok ($files files; $LAYERS; mains in main/)"
