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


def check_extra():
    """people_extra.tsv: hand-curated rows, each with its Wikipedia URL; the QID is a Q-number or empty
    (no pinned source gives one), never guessed."""
    path = os.path.join(HERE, "people_extra.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.endswith("\n"):
        err("people_extra.tsv: missing final newline")
    for i, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 6:
            err("people_extra.tsv:%d: %d columns, want 6" % (i, len(cols)))
            continue
        qid, canon, aliases, country, roles, url = cols
        if qid and not re.fullmatch(r"Q[1-9][0-9]*", qid):
            err("people_extra.tsv:%d: bad qid %r" % (i, qid))
        if not canon.strip() or canon != canon.strip():
            err("people_extra.tsv:%d: empty/unstripped canonical" % i)
        if country and country not in ISO2:
            err("people_extra.tsv:%d: bad country %r" % (i, country))
        for x in filter(None, roles.split(";")):
            if not re.fullmatch(r"[^@;|]+@[-0-9]*\.\.[-0-9]*", x):
                err("people_extra.tsv:%d: bad role %r" % (i, x))
        if not url.startswith("https://en.wikipedia.org/wiki/"):
            err("people_extra.tsv:%d: source is not a Wikipedia URL: %r" % (i, url))
        rows.append(cols)
    print("people_extra.tsv: %d rows, %d without a QID (run time only)" % (len(rows), sum(1 for r in rows if not r[0])))
    return rows


# Foreign ministers that must be known for every date of the recent past: the G20 states, the SCO and
# BRICS members. Reported per date; a state with nobody in office on a date is an error.
FM_STATES = {
    "G20": "AR AU BR CA CN FR DE IN ID IT JP MX RU SA ZA KR TR GB US",
    "SCO": "CN RU IN PK KZ KG TJ UZ IR BY",
    "BRICS": "BR RU IN CN ZA EG ET IR AE ID",
}
FM_DATES = ["2024-01-01", "2024-07-01", "2025-01-01", "2025-07-01", "2026-01-01"]
FM_ROLE = re.compile(r"foreign affairs|foreign minister|external relations|external affairs|"
                     r"international relations and cooperation|^(united states )?secretary of state$|"
                     r"secretary of state for foreign", re.I)
NOT_FM = re.compile(r"\b(deputy|vice|assistant|under|parliamentary|shadow|committee|ambassador|cabinet secretary)\b|"
                    r"minister of state|state minister", re.I)


def held_on(start, end, date):
    def cmp(bound):
        n = min(len(bound), len(date))
        return (date[:n] > bound[:n]) - (date[:n] < bound[:n])
    return (not start or cmp(start) >= 0) and (not end or cmp(end) <= 0)


def check_foreign_ministers(extra):
    _, rows = read("people.tsv", 6)
    people = [(r[1], r[3], r[4]) for r in rows] + [(r[1], r[3], r[4]) for r in extra if not r[0]]
    states = sorted({c for v in FM_STATES.values() for c in v.split()})
    for date in FM_DATES:
        line = []
        for st in states:
            names = sorted({name for name, country, roles in people if country == st
                            for x in filter(None, roles.split(";"))
                            for lab, _, span in [x.rpartition("@")]
                            for s0, _, e0 in [span.partition("..")]
                            if FM_ROLE.search(lab) and not NOT_FM.search(lab) and held_on(s0, e0, date)})
            if not names:
                err("no foreign minister of %s on %s" % (st, date))
            line.append("%s=%s" % (st, "/".join(names) or "-"))
        print("foreign ministers on %s: %s" % (date, "; ".join(line)))


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
check_foreign_ministers(check_extra())
check_lexicon("given_names.tsv", 3, 1, 2)
check_lexicon("surnames.tsv", 3, 1, 2)
check_lexicon("surname_suffixes.tsv", 3, flag_col=2)
check_lexicon("particles.tsv", 3, None, 2)
check_lexicon("titles.tsv", 2)
check_lexicon("reporting_verbs.tsv", 1)
check_lexicon("not_person.tsv", 2)
if errors:
    print("%d error(s)" % len(errors))
    sys.exit(1)
print("OK")
