#!/usr/bin/env bash
# The ten-line init.lua of editors/README.md (the ```lua block after the
# "nvim-minimal-init" marker), in the real Neovim TUI inside tmux: waits for gazette's
# virtual-text diagnostic on "Congo", puts the cursor on "Russia", presses K and looks for
# the hover card on screen. `gazette` is found on PATH as in the snippet (a shim dir points
# at GAZETTE_BIN). Exit 0 = pass. Installs tmux from apt when missing (as root).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors}
start=$(date +%s.%N)
if ! command -v tmux >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "apt-get install -y tmux (as root) first" >&2; exit 1; }
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q tmux
fi
bash "$HERE/install-nvim.sh" "$CACHE"
BIN=${GAZETTE_BIN:-$ROOT/target/debug/gazette}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --locked --quiet)
ws=$(mktemp -d "${TMPDIR:-/tmp}/gazette-nvim-tui-XXXXXX")
sess="gazette-tui-$$"
trap 'tmux kill-session -t "$sess" 2>/dev/null || true' EXIT
mkdir -p "$ws/bin" "$ws/config/nvim" "$ws/.git"
ln -s "$BIN" "$ws/bin/gazette"
cp "$HERE/fixtures/article.txt" "$ws/"
awk '/nvim-minimal-init/ {f=1; next} f && /^```lua/ {p=1; next} p && /^```/ {exit} p' \
  "$ROOT/editors/README.md" > "$ws/config/nvim/init.lua"
[ -s "$ws/config/nvim/init.lua" ] || { echo "FAIL: no nvim-minimal-init block in editors/README.md"; exit 1; }
echo "--- init.lua from editors/README.md ($(wc -l < "$ws/config/nvim/init.lua") lines)"
screen() { tmux capture-pane -p -t "$sess"; }
wait_for() { for _ in $(seq "${2:-75}"); do screen | grep -qF -- "$1" && return 0; sleep 0.2; done; return 1; }
rc=0
tmux new-session -d -s "$sess" -x 140 -y 32 -c "$ws" \
  "env PATH=$ws/bin:\$PATH XDG_CONFIG_HOME=$ws/config XDG_STATE_HOME=$ws/state XDG_DATA_HOME=$ws/data $CACHE/bin/nvim article.txt"
if ! wait_for 'Congo" can name'; then echo "FAIL: no gazette diagnostic on screen"; rc=1; fi
if [ $rc = 0 ]; then
  tmux send-keys -t "$sess" '/\<Russia\>' Enter
  sleep 0.3
  tmux send-keys -t "$sess" K
  wait_for 'Official name: Russian Federation' 25 || { echo "FAIL: hover card not on screen"; rc=1; }
fi
screen | sed 's/[[:space:]]*$//' | grep -v '^~$'
tmux send-keys -t "$sess" Escape ':qa!' Enter
[ $rc = 0 ] && rm -rf "$ws" || echo "workspace kept: $ws"
printf 'run-nvim-tui.sh: %s in %.1f s\n' "$([ $rc = 0 ] && echo PASS || echo FAIL)" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')"
exit $rc
