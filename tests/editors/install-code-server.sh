#!/usr/bin/env bash
# Install code-server (real VS Code, served to a browser) from the npm registry WITHOUT its
# download-from-GitHub install scripts, plus playwright-core to drive Debian's chromium. Idempotent.
# Usage: tests/editors/install-code-server.sh [DIR]   (default: ${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors})
# Result: DIR/bin/code-server, DIR/code-server/node_modules/playwright-core
# Needs: Node 20 (code-server 4.100 refuses other majors), root for the apt packages.
set -euo pipefail
DIR=${1:-${GAZETTE_EDITORS_CACHE:-$HOME/.cache/gazette-editors}}
VER=${CODE_SERVER_VERSION:-4.100.3}
PW=${PLAYWRIGHT_CORE_VERSION:-1.65.1}
APT_PKGS="build-essential python3 pkg-config libkrb5-dev ripgrep chromium"

node -v | grep -q '^v20\.' || { echo "need Node 20, have $(node -v)" >&2; exit 1; }
missing=$(for p in $APT_PKGS; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || { echo "apt-get install -y" $missing " (as root) first" >&2; exit 1; }
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi

mkdir -p "$DIR/bin" "$DIR/code-server"
DIR=$(cd "$DIR" && pwd)
CS="$DIR/code-server"
STAMP="$CS/.installed-$VER-$PW"
if [ -f "$STAMP" ] && [ -x "$DIR/bin/code-server" ]; then echo "code-server $VER already in $DIR/bin"; exit 0; fi

export npm_config_yes=true        # node-pty's script runs `npx node-gyp`; ~/.npmrc may say yes=false
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp must not try to download Node headers (no internet): use the system's.
[ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr
cd "$CS"
[ -f package.json ] || echo '{"private": true}' > package.json
npm install --save-exact --ignore-scripts "code-server@$VER" "playwright-core@$PW"
npm rebuild argon2                 # native; its prebuilt download fails, falls back to node-gyp

cd "$CS/node_modules/code-server/lib/vscode"   # what code-server's postinstall.sh would do:
npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin    # @vscode/ripgrep's postinstall downloads rg from GitHub
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild kerberos @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog node-pty
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev)    # built-in extensions' shared deps (typescript)

ln -sfn "$CS/node_modules/code-server/out/node/entry.js" "$DIR/bin/code-server"
chmod +x "$CS/node_modules/code-server/out/node/entry.js"
# --version with a throwaway config (plain `code-server` writes ~/.config/code-server/config.yaml)
cfg=$(mktemp); "$DIR/bin/code-server" --config "$cfg" --version; rm -f "$cfg"
touch "$STAMP"
echo "installed: $DIR/bin/code-server   (playwright-core $PW in $CS/node_modules)"
