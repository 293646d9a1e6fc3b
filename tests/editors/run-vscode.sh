#!/usr/bin/env bash
# Real VS Code (code-server 4.100.3 = VS Code 1.100.3) with the packaged extension, driven by
# headless chromium: installs code-server + playwright-core (npm) and chromium (apt) if missing,
# packages editors/vscode into a .vsix, builds gazette if missing, runs vscode_test.mjs on a temp
# copy of the sample article. Screenshots go to tests/editors/artifacts/ (git-ignored).
# Env: GAZETTE_BIN (default <repo>/target/debug/gazette), GAZETTE_EDITORS_CACHE
#      (default ~/.cache/gazette-editors), ALLOW_SKIP=1, KEEP=1. Needs Node 20; root for apt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors}
ART=$HERE/artifacts
start=$(date +%s.%N)
lap() { printf '[%5.1fs] %s\n' "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$1"; }
bash "$HERE/install-code-server.sh" "$CACHE" | tail -1
lap "code-server ready"
mkdir -p "$ART"
bash "$ROOT/editors/vscode/package.sh" "$ART/gazette.vsix" | tail -1
lap "extension packaged"
BIN=${GAZETTE_BIN:-$ROOT/target/debug/gazette}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  [ "$BIN" = "$ROOT/target/debug/gazette" ] || { echo "GAZETTE_BIN=$BIN is not executable" >&2; exit 1; }
  (cd "$ROOT" && cargo build --locked --quiet)
  lap "gazette built"
fi
ws=$(mktemp -d "${TMPDIR:-/tmp}/gazette-vscode-ws-XXXXXX")
cp "$HERE/fixtures/article.txt" "$ws/"
rm -f "$ART"/*.png
extra=()
[ -n "${KEEP:-}" ] && extra+=(--keep)
[ "${ALLOW_SKIP:-}" = 1 ] && extra+=(--allow-skip)
rc=0
node "$HERE/vscode_test.mjs" --workspace "$ws" --file article.txt --vsix "$ART/gazette.vsix" \
  --server-path "$BIN" --install-dir "$CACHE" --shots "$ART" "${extra[@]}" || rc=$?
if [ $rc = 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$ws"; else echo "workspace kept: $ws"; fi
lap "run-vscode.sh: $([ $rc = 0 ] && echo PASS || echo FAIL)"
exit $rc
