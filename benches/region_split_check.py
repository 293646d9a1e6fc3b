#!/usr/bin/env python3
"""What cutting a large document into regions costs in accuracy.

Documents over 256 KB are analysed region by region, so a person named
in full before a region boundary and by surname after it is linked
without that context. This builds one large document from articles
(shuffled copies, blank lines between them), annotates it, and compares
the entities of every copy with those of the article annotated alone
(DATE values are left out: the large document has one document date).

    python3 benches/region_split_check.py target/release/gazette ../shared/corpus/seeds/0*.txt
"""
import bisect
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter


def annotate(binary, path):
    out = subprocess.run([binary, "annotate", "--format", "jsonl", path],
                         capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit("annotate %s failed: %s" % (path, out.stderr.strip()))
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def key(e, base=0):
    return (e["start"] - base, e["end"] - base, e["label"],
            None if e["label"] == "DATE" else e.get("id"))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, paths = sys.argv[1], sys.argv[2:]
    texts = [open(p, encoding="utf-8").read().strip("\n") + "\n\n" for p in paths]
    alone = [{key(e) for e in annotate(binary, p)} for p in paths]
    rng = random.Random(7)
    order = []
    while sum(len(texts[i]) for i in order) < 1_500_000:
        batch = list(range(len(texts)))
        rng.shuffle(batch)
        order += batch
    starts, off = [], 0
    for i in order:
        starts.append(off)
        off += len(texts[i])
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write("".join(texts[i] for i in order))
        big = f.name
    got = [set() for _ in order]
    for e in annotate(binary, big):
        k = bisect.bisect_right(starts, e["start"]) - 1
        got[k].add(key(e, starts[k]))
    total = lost = added = 0
    changes = Counter()
    for k, i in enumerate(order):
        a, g = alone[i], got[k]
        total += len(a)
        lost += len(a - g)
        added += len(g - a)
        for sign, diff in (("-", a - g), ("+", g - a)):
            for s, e, label, ident in diff:
                changes[(sign, label, ident, texts[i][s:e])] += 1
    print("%d chars, %d article copies, %d entities alone: %d lost (%.2f%%), %d added (%.2f%%)"
          % (off, len(order), total, lost, 100 * lost / max(total, 1), added,
             100 * added / max(total, 1)))
    for (sign, label, ident, text), n in changes.most_common(10):
        print("  %4d %s %s %s %r" % (n, sign, label, ident, text))


if __name__ == "__main__":
    main()
