#!/usr/bin/env python3
"""Sanity checks for data/countries and data/places. Exits non-zero on failure."""
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACES = HERE.parent / "places"

UN193 = set("""AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG
CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW
GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA
MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO
RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ
VC VE VN VU WS YE ZA ZM ZW""".split())
STATES = UN193 | {"VA", "PS", "TW", "XK"}
errors = []


def err(msg):
    errors.append(msg)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'").casefold()


def load(path, ncols):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines[0].startswith("# "):
        err(f"{path.name}: first line is not a '# ' header")
    if text and not text.endswith("\n"):
        err(f"{path.name}: no final newline")
    rows = []
    for i, line in enumerate(lines[1:], 2):
        if not line:
            continue
        f = line.split("\t")
        if len(f) != ncols:
            err(f"{path.name}:{i}: {len(f)} columns, want {ncols}")
            continue
        if any(x != x.strip() for x in f):
            err(f"{path.name}:{i}: stray whitespace")
        rows.append(f)
    if len(rows) != len({tuple(r) for r in rows}):
        err(f"{path.name}: duplicate rows")
    return rows


assert len(UN193) == 193
countries = load(HERE / "countries.tsv", 8)
demonyms = load(HERE / "demonyms.tsv", 3)
ambiguous = load(HERE / "ambiguous.tsv", 5)
places = load(PLACES / "places.tsv", 4)
# Hand-written rows (former and Russian spellings of cities: "Kiev",
# "Bombay") carry no population.
hand_cities = {r[0] for r in load(PLACES / "regions.tsv", 3) if r[1] == "city"}

# countries
codes = [r[0] for r in countries]
if sorted(codes) != codes:
    err("countries.tsv not sorted by iso2")
if len(codes) != len(set(codes)):
    err("duplicate iso2 in countries.tsv")
if set(codes) != STATES:
    err(f"state set differs: missing {sorted(STATES - set(codes))}, extra {sorted(set(codes) - STATES)}")
canon = [r[2] for r in countries]
if len(canon) != len(set(canon)):
    err("canonical names not unique")
amb_country = {(r[0], r[2]) for r in ambiguous if r[1] == "COUNTRY"}
amb_dem = {(r[0], r[2]) for r in ambiguous if r[1] == "DEMONYM"}
alias_map = {}
for r in countries:
    iso2, iso3, canonical, official, capital, region, subregion, aliases = r
    if not (len(iso3) == 3 and iso3.isupper()):
        err(f"{iso2}: bad iso3 {iso3}")
    for col, v in (("canonical", canonical), ("official", official), ("capital", capital),
                   ("region", region), ("subregion", subregion)):
        if not v:
            err(f"{iso2}: empty {col}")
    al = aliases.split("|")
    if al[0] != canonical:
        err(f"{iso2}: aliases do not start with canonical")
    if official not in al:
        err(f"{iso2}: official name not among aliases")
    if len(al) != len(set(al)):
        err(f"{iso2}: duplicate aliases")
    for a in al:
        if not a or a != a.strip():
            err(f"{iso2}: empty/space alias {a!r}")
        if a.lower().startswith("the "):
            err(f"{iso2}: alias starts with 'the': {a}")
        if a[0].islower():
            err(f"{iso2}: lowercase alias {a}")
        if "(" in a or ", " in a:
            err(f"{iso2}: parenthetical/inverted alias {a}")
        alias_map.setdefault(a, set()).add(iso2)
for a, isos in sorted(alias_map.items()):
    if len(isos) > 1:
        for i in sorted(isos):
            if (a, i) not in amb_country:
                err(f"alias {a!r} maps to {sorted(isos)} but ({a}, {i}) is not in ambiguous.tsv")

# demonyms
adj = {}
dem_map = {}
for iso2, form, kind in demonyms:
    if iso2 not in STATES:
        err(f"demonym for non-state {iso2}: {form}")
    if kind not in ("adj", "noun", "plural"):
        err(f"bad demonym kind {kind}")
    if form[0].islower():
        err(f"lowercase demonym {form}")
    if kind == "adj":
        adj.setdefault(iso2, []).append(form)
    dem_map.setdefault(form, set()).add(iso2)
    if form in alias_map and kind != "adj":
        err(f"demonym {form} ({kind}) equals a country alias")
for s in sorted(STATES - set(adj)):
    err(f"{s}: no adjective demonym")
for form, isos in sorted(dem_map.items()):
    if len(isos) > 1:
        for i in sorted(isos):
            if (form, i) not in amb_dem:
                err(f"demonym {form!r} maps to {sorted(isos)} but ({form}, {i}) not in ambiguous.tsv")

# ambiguous
for form, label, iso2, reason, hint in ambiguous:
    if label not in ("COUNTRY", "DEMONYM"):
        err(f"ambiguous: bad label {label}")
    if reason not in ("given-name", "us-state", "river", "common-noun", "shared-name", "language"):
        err(f"ambiguous: bad reason {reason}")
    # A form of one state may list another it can mean ("Korean" of
    # North Korea): the row is linked there only where the text names that
    # state and not the first.
    known = alias_map.get(form, ()) if label == "COUNTRY" else dem_map.get(form, ())
    other_of_a_known_form = reason == "shared-name" and len(known) > 0
    if label == "COUNTRY" and iso2 not in known and not other_of_a_known_form:
        err(f"ambiguous: {form} is not an alias of {iso2}")
    if label == "DEMONYM" and iso2 not in known and not other_of_a_known_form:
        err(f"ambiguous: {form} is not a demonym of {iso2}")
    if not hint:
        err(f"ambiguous: {form} has no hint")

# places
capitals = {r[4] for r in countries}
folded_alias = {}
for a, isos in alias_map.items():
    folded_alias.setdefault(fold(a), set()).update(isos)
kinds = {}
for name, kind, iso2, pop in places:
    kinds[kind] = kinds.get(kind, 0) + 1
    if kind not in ("city", "us-state", "region", "region-adj", "admin"):
        err(f"places: bad kind {kind} for {name}")
    if kind == "city" and not pop.isdigit() and name not in capitals and name not in hand_cities:
        err(f"places: city {name} without population")
    hit = folded_alias.get(fold(name))
    if hit:
        if kind == "us-state" and all((a, i) in amb_country for a in alias_map if fold(a) == fold(name) for i in hit):
            continue
        err(f"places: {kind} {name!r} equals a country alias of {sorted(hit)}")
    if kind == "region-adj" and name in dem_map:
        err(f"places: region-adj {name!r} is also a state demonym")

amb_forms = len({r[0] for r in ambiguous})
print(f"countries: {len(countries)} states, {sum(len(r[7].split('|')) for r in countries)} aliases "
      f"({len(alias_map)} distinct, {sum(1 for v in alias_map.values() if len(v) > 1)} shared)")
print(f"demonyms: {len(demonyms)} rows ({sum(1 for d in demonyms if d[2]=='adj')} adj, "
      f"{sum(1 for d in demonyms if d[2]=='noun')} noun, {sum(1 for d in demonyms if d[2]=='plural')} plural)")
print(f"ambiguous: {len(ambiguous)} rows, {amb_forms} forms")
print("places: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + f" (total {len(places)})")
if errors:
    print(f"FAILED: {len(errors)} problem(s)", file=sys.stderr)
    for e in errors[:200]:
        print("  " + e, file=sys.stderr)
    sys.exit(1)
print("OK")
