#!/usr/bin/env bash
# Loads the .ann files gazette writes (and the fixtures) in the real brat
# server and fails if brat reports any error. Skips (exit 0) when brat's
# helper scripts are not available, so CI without them stays green.
#
#   tests/brat/check-brat.sh            # from the repository root
#   BRAT_TOOLS=/path/to/shared/tools/brat BRAT_DIR=~/.cache/gazette-brat PORT=8011 tests/brat/check-brat.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS=${BRAT_TOOLS:-/work/shared/tools/brat}
BRAT_DIR=${BRAT_DIR:-$HOME/.cache/gazette-brat}
PORT=${PORT:-8011}
if [ ! -f "$TOOLS/install-brat.sh" ] || ! command -v python3 >/dev/null; then
  echo "SKIP: brat tools not found at $TOOLS (set BRAT_TOOLS)"; exit 0
fi
bash "$TOOLS/install-brat.sh" "$BRAT_DIR" >/dev/null || { echo "SKIP: brat could not be installed"; exit 0; }
COLL="$BRAT_DIR/data/gazette-check"
rm -rf "$COLL"; mkdir -p "$COLL/written" "$COLL/annotated" "$COLL/fixtures"
# 1. What gazette's decisions write (accept, reject, note, tag, link, multi-line tag).
( cd "$ROOT" && GAZETTE_BRAT_OUT="$COLL/written" cargo test -q --test review_cli write_brat_corpus >/dev/null )
# 2. What `annotate --format brat --write` writes: merged into the fixtures'
#    sidecars (with pending suggestions), and fresh for articles without one.
for n in brat_standoff crlf gazette_review inception_export unicode; do
  cp "$ROOT/tests/fixtures/brat/$n.txt" "$ROOT/tests/fixtures/brat/$n.ann" "$COLL/annotated/"
done
printf 'Iran and Iraq met in Oman on Monday.\nSergey Lavrov was not there.\n' > "$COLL/annotated/fresh.txt"
( cd "$ROOT" && cargo run -q -- annotate --format brat --write --include-suggestions "$COLL"/annotated/*.txt )
# 3. The hand-written fixtures (brat / INCEpTION conventions) that brat accepts.
for n in brat_standoff crlf gazette_review inception_export unicode; do
  cp "$ROOT/tests/fixtures/brat/$n.txt" "$ROOT/tests/fixtures/brat/$n.ann" "$COLL/fixtures/"
done
CONF='[entities]
PERSON
COUNTRY
DEMONYM
DATE
Organization
[relations]
Alias Arg1:PERSON, Arg2:PERSON
coref Arg1:<ENTITY>, Arg2:<ENTITY>
Equiv Arg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive
[events]
Meeting Participant1:PERSON, Participant2:<ENTITY>
[attributes]
Status Arg:<ENTITY>, Value:Accepted|Rejected|Suggested
Negated Arg:<EVENT>
Speculation Arg:<EVENT>
Confidence Arg:<ENTITY>, Value:High|Low
identifier Arg:<ENTITY>, Value:country:ir|person:masoud-pezeshkian'
printf '%s\n' "$CONF" > "$COLL/written/annotation.conf"
printf '%s\n' "$CONF" > "$COLL/fixtures/annotation.conf"
printf '%s\n' "$CONF" > "$COLL/annotated/annotation.conf"
pid=$(bash "$TOOLS/serve-brat.sh" "$BRAT_DIR" "$PORT")
trap 'kill "$pid" 2>/dev/null || true' EXIT
rc=0
python3 "$TOOLS/brat-check.py" "http://127.0.0.1:$PORT" /gazette-check/written/ || rc=1
python3 "$TOOLS/brat-check.py" "http://127.0.0.1:$PORT" /gazette-check/annotated/ || rc=1
python3 "$TOOLS/brat-check.py" "http://127.0.0.1:$PORT" /gazette-check/fixtures/ || rc=1
exit $rc
