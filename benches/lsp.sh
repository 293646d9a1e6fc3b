#!/usr/bin/env bash
# End-to-end server timings with ../shared/tools/lspbench.py: the seed
# articles, then synthetic 1 MB and 10 MB documents made with its `gen`.
# Usage: benches/lsp.sh [OUT_DIR]   (writes OUT_DIR/lspbench-*.json; default bench-out/)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${1:-bench-out}
mkdir -p "$out"
cargo build --release --locked
bin=$PWD/target/release/gazette
bench="$shared/tools/lspbench.py"
seeds=("$shared"/corpus/seeds/0*.txt)
settings='{"gazette":{"debounceMs":0}}'

echo "== seeds: open->diagnostics, hover, edit->diagnostics"
python3 "$bench" --settings "$settings" --hover 20 --edits 20 --reopen 5 "${seeds[@]}" -- "$bin" lsp > "$out/lspbench-seeds.json"
echo "== synthetic 1 MB and 10 MB"
python3 "$bench" gen --size 1MB --out "$out/synth-1MB.txt" "${seeds[@]}" >/dev/null
python3 "$bench" gen --size 10MB --out "$out/synth-10MB.txt" "${seeds[@]}" >/dev/null
python3 "$bench" --settings "$settings" --hover 10 --edits 20 "$out/synth-1MB.txt" -- "$bin" lsp > "$out/lspbench-1MB.json"
python3 "$bench" --settings "$settings" --hover 5 --edits 5 "$out/synth-10MB.txt" -- "$bin" lsp > "$out/lspbench-10MB.json"
python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
for name in ("seeds", "1MB", "10MB"):
    d = json.load(open(os.path.join(out, f"lspbench-{name}.json")))
    t = d.get("totals", d)
    print(name, json.dumps(t, indent=None)[:600])
PY
