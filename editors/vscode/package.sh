#!/usr/bin/env bash
# Build editors/vscode into gazette.vsix: npm ci (or install), tsc, vsce package.
# Usage: editors/vscode/package.sh [OUT.vsix]     (default: editors/vscode/gazette.vsix)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${1:-gazette.vsix}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >/dev/null; else npm install >/dev/null; fi
npx tsc -p .
# vsce runs `npm list --production` to pick node_modules; devDependencies stay out (.vscodeignore)
npm_config_yes=true npx --yes @vscode/vsce@3.9.2 package --out "$OUT" 2>&1 | grep -v '^npm warn' || true
[ -f "$OUT" ] || { echo "package.sh: vsce produced no $OUT" >&2; exit 1; }
echo "package.sh: $OUT ($(du -k "$OUT" | cut -f1) KB)"
