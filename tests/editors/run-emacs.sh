#!/usr/bin/env bash
# Emacs + eglot, batch mode, against a gazette binary. Needs Debian's emacs-nox + elpa-eglot
# (installed with apt-get when missing and running as root). Exit 0 = pass.
# Env: GAZETTE_BIN (default <repo>/target/debug/gazette; built when absent).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
start=$(date +%s.%N)
if ! command -v emacs >/dev/null || ! ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "apt-get install -y emacs-nox elpa-eglot (as root) first" >&2; exit 1; }
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q emacs-nox elpa-eglot
fi
BIN=${GAZETTE_BIN:-$ROOT/target/debug/gazette}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --locked --quiet)
ws=$(mktemp -d "${TMPDIR:-/tmp}/gazette-emacs-XXXXXX")
cp "$HERE/fixtures/article.txt" "$ws/"
rc=0
HOME=$ws GAZETTE_BIN=$BIN TEST_FILE=$ws/article.txt emacs --batch -l "$HERE/emacs_test.el" || rc=$?
[ $rc = 0 ] && rm -rf "$ws" || echo "workspace kept: $ws"
printf 'run-emacs.sh: %s in %.1f s\n' "$([ $rc = 0 ] && echo PASS || echo FAIL)" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')"
exit $rc
