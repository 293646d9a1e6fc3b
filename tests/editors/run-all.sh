#!/usr/bin/env bash
# Every editor test in turn, with a summary of results and wall times. Exit 0 when all pass.
# Same env as the scripts it runs (GAZETTE_BIN, GAZETTE_EDITORS_CACHE, ALLOW_SKIP).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
summary=() fails=0
for t in run-nvim.sh run-nvim-tui.sh run-emacs.sh run-vscode.sh; do
  echo "=== $t"
  s=$(date +%s.%N)
  out=$(bash "$HERE/$t" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -v 'npm warn'
  skips=$(printf '%s\n' "$out" | grep -c 'SKIP:')
  summary+=("$(printf '%-16s %s %6.1f s%s' "$t" "$([ $rc = 0 ] && echo PASS || echo FAIL)" \
    "$(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$([ "$skips" -gt 0 ] && echo "  ($skips SKIP)")")")
  [ $rc = 0 ] || fails=$((fails + 1))
done
echo "=== summary"; printf '%s\n' "${summary[@]}"
exit $((fails > 0))
