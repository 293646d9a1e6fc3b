#!/usr/bin/env python3
"""Validate data/people/*.tsv. Exits non-zero on failure; prints counts by country and source."""
import os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ISO2 = set("""AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE
GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP
KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF
NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN
SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE
YT ZA ZM ZW""".split())  # ISO 3166-1 alpha-2 plus XK (Kosovo, user-assigned, widely used)
errors = []


def err(msg):
    errors.append(msg)
    if len(errors) < 50:
        print("ERROR:", msg)


def read(name, ncols):
    path = os.path.join(HERE, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("#"):
        err("%s: first line is not a # header" % name)
    if lines[-1] != "":
        err("%s: missing final newline" % name)
    header = lines[0].lstrip("#").split("\t")
    if ncols and len(header) != ncols:
        err("%s: header has %d columns, want %d" % (name, len(header), ncols))
    for i, line in enumerate(lines[1:-1], 2):
        if "\r" in line:
            err("%s:%d: carriage return" % (name, i))
        cols = line.split("\t")
        if len(cols) != len(header):
            err("%s:%d: %d columns, want %d" % (name, i, len(cols), len(header)))
            continue
        rows.append(cols)
    return header, rows


def check_people():
    _, rows = read("people.tsv", 6)
    seen = set()
    by_country, by_source = Counter(), Counter()
    for r in rows:
        qid, canon, aliases, country, roles, source = r
        if not re.fullmatch(r"Q[1-9][0-9]*", qid):
            err("bad qid %r" % qid)
        if qid in seen:
            err("duplicate qid %s" % qid)
        seen.add(qid)
        if not canon.strip() or canon != canon.strip():
            err("%s: empty/unstripped canonical" % qid)
        if aliases:
            al = aliases.split("|")
            for a in al:
                if not a.strip() or a != a.strip():
                    err("%s: empty/unstripped alias in %r" % (qid, aliases))
            if canon in al:
                err("%s: canonical repeated in aliases" % qid)
            if len(set(al)) != len(al):
                err("%s: duplicate aliases" % qid)
        if country and country not in ISO2:
            err("%s: bad country %r" % (qid, country))
        if roles:
            rl = roles.split(";")
            if len(rl) > 6:
                err("%s: more than 6 roles" % qid)
            for x in rl:
                if not re.fullmatch(r"[^@;|]+@[-0-9]*\.\.[-0-9]*", x):
                    err("%s: bad role %r" % (qid, x))
        if not source:
            err("%s: empty source" % qid)
        by_country[country or "(none)"] += 1
        for s in source.split(","):
            by_source[s] += 1
    print("people.tsv: %d rows, %d with aliases, %d without country" % (
        len(rows), sum(1 for r in rows if r[2]), by_country["(none)"]))
    print("by source:", ", ".join("%s=%d" % kv for kv in sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))))
    print("by country:", " ".join("%s=%d" % kv for kv in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))))


def check_lexicon(name, ncols, numeric_col=None, flag_col=None):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        err("%s missing" % name)
        return
    _, rows = read(name, ncols)
    keys = set()
    for r in rows:
        if not r[0] or r[0] != r[0].strip():
            err("%s: empty/unstripped key %r" % (name, r[0]))
        if r[0] in keys:
            err("%s: duplicate %r" % (name, r[0]))
        keys.add(r[0])
        if numeric_col is not None:
            try:
                float(r[numeric_col])
            except ValueError:
                err("%s: bad number %r" % (name, r[numeric_col]))
        if flag_col is not None and r[flag_col] not in ("0", "1"):
            err("%s: bad flag %r for %r" % (name, r[flag_col], r[0]))
    print("%s: %d rows" % (name, len(rows)))


check_people()
check_lexicon("given_names.tsv", 3, 1, 2)
check_lexicon("surnames.tsv", 3, 1, 2)
check_lexicon("surname_suffixes.tsv", 2)
check_lexicon("particles.tsv", 3, None, 2)
check_lexicon("titles.tsv", 2)
check_lexicon("reporting_verbs.tsv", 1)
check_lexicon("not_person.tsv", 2)
if errors:
    print("%d error(s)" % len(errors))
    sys.exit(1)
print("OK")
