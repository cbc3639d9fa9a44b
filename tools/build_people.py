"""Derive src/dyads/data/actors/people.tsv: people with dated offices.

Facts taken:
  * CountryInfo.120116.txt (Schrodt, CC BY-SA 3.0)
      <Leaders> sub-tags (Presidents, Kings, Prime ministers, Chancellors, ...) -> heads of
        state / government / ruling-party leaders with day-precise terms (rulers.org);
      <Government> lines whose title (after `#`) is a foreign, defence or interior minister
        -> minister terms, month-precise (the CIA World Leaders monthly editions 2003-2011).
  * Phoenix.Countries.actors.txt (OEDA, MIT): plain-name synonyms of the same person
    (e.g. VLADIMIR_VLADIMIROVICH_PUTIN_) -> extra aliases.
  * tools/people_extras.tsv (our own curation, source `dyads`): terms after the references
    (2011-2026), corrections, UN/NATO/EU heads.
  * tools/people_fixes.tsv: renames, surnames, aliases, drops and end dates applied to
    reference rows (`end` closes a term the reference left open: Bouteflika to 2019-04-02).

Rules (also written into the header of people.tsv):
  * Only terms that reach 1990-01-01 or later are kept.
  * Curated rows are authoritative for a (country, office) from their earliest start: reference
    rows for that pair starting on or after it are dropped, reference rows running into it are
    cut at it (source gets `+dyads`).
  * A reference term left open (`[>date]`) ends at the reference's as-of date (partial month):
    the person is known to be in office until then, not after.
  * Overlapping reference terms of one office: a term inside another (acting, coup, regency)
    is dropped; otherwise the earlier term is cut at the later term's start.

Run from the repo root:
    .venv/bin/python tools/build_people.py
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from dyads.actors.people import (  # noqa: E402
    COLUMNS,
    check_rows,
    date_range,
    default_surname,
)

OUT = ROOT / "src/dyads/data/actors/people.tsv"
EXTRAS = ROOT / "tools/people_extras.tsv"
FIXES = ROOT / "tools/people_fixes.tsv"
REF = Path("/work/shared/reference")
COUNTRYINFO = REF / "CountryInfo.120116.txt"
PHOENIX = REF / "petrarch/Phoenix.Countries.actors.txt"

SRC_CI = "CountryInfo.120116"
SRC_PX = "Phoenix.Countries"
SRC_DY = "dyads"
SINCE = date(1990, 1, 1)
GOV_ASOF = "2011-02"  # last CIA World Leaders edition in <Government>
GROUP_CODES = {"IGO"}


@dataclass
class Row:
    name: str
    country: str
    office: str
    start: str
    end: str
    source: str
    aliases: list[str] = field(default_factory=list)
    surname: str | None = None  # None = derive
    sector: str = "GOV"
    person_id: str = ""
    where: str = ""
    curated: bool = False
    still_open: bool = False  # a fix says the open reference term is still running


# ---------------------------------------------------------------- names -------------------
LOWER_PARTICLES = {"da", "de", "del", "della", "der", "den", "di", "do", "dos", "du", "van",
                   "von", "bin", "ibn", "bint", "al", "el", "y", "e", "la", "le", "ould"}
KEEP_UPPER = {"II", "III", "IV", "VI", "XVI", "JR.", "JR"}
TITLE_PREFIXES = {"HOJATOLISLAM", "AYATOLLAH", "SIR", "DR", "DR.", "GENERAL", "GEN.", "GEN",
                  "LT.", "LT", "MAJ.", "COL.", "COLONEL", "MARSHAL", "BRIG.", "ADMIRAL",
                  "CAPTAIN", "CAPT.", "KPA", "DAME", "LORD", "BARON", "HAJI", "MULLAH",
                  "MAWLAWI", "MAULVI", "PROF.", "PROF"}
BAD_NAME_WORDS = {"MINISTER", "ACTING", "FOREIGN", "PRESIDENT", "VACANT", "SECRETARY",
                  "AMBASSADOR", "COUNCIL", "GOVERNMENT", "UNKNOWN", "NONE", "CHAIRMAN"}
PX_TITLE_WORDS = {"PRESIDENT", "PRESIDENT-ELECT", "MINISTER", "PRIME", "MR", "MR.", "MRS",
                  "MRS.", "MS", "MS.", "ADMINISTRATION", "SENATOR", "KING", "QUEEN", "PRINCE",
                  "GENERAL", "GOVERNOR", "CHANCELLOR", "PREMIER", "LEADER", "SECRETARY",
                  "SHEIKH", "SHEIK", "EMIR", "AMIR", "SULTAN", "CROWN", "GOVERNMENT", "REGIME",
                  "DR", "DR.", "SIR", "AYATOLLAH", "FORMER", "VICE", "PM", "CHAIRMAN", "US",
                  "U.S.", "AMERICAN", "RUSSIAN", "CHINESE", "BRITISH", "FRENCH", "COMRADE",
                  "MARSHAL", "COLONEL", "COL.", "AMBASSADOR", "THE", "OF", "DEPUTY", "GOV.",
                  "GOV", "SEN.", "REP.", "GEN.", "LT.", "CAPT.", "MAJ."}


def recase_word(w: str, first: bool) -> str:
    if w in KEEP_UPPER:
        return w.replace("JR", "Jr")
    lw = w.lower()
    if not first and lw in LOWER_PARTICLES:
        return lw
    if re.fullmatch(r"([a-z]\.)+", lw):  # initials: W. / H.W.
        return lw.upper()
    out = ""
    for j, p in enumerate(re.split(r"([-'])", lw)):
        if p in ("-", "'"):
            out += p
        elif j > 0 and p in ("al", "el") and first is False:
            out += p
        elif p.startswith("mc") and len(p) > 2:
            out += "Mc" + p[2:].capitalize()
        elif j >= 2 and out.endswith("'") and len(p) <= 1:
            out += p  # N'DJAMENA style handled; Mu'ammar keeps lower
        else:
            out += p.capitalize()
    if re.fullmatch(r"(al|el)-\w.*", out, re.I) and first:
        out = out[:3].capitalize() + out[3:]
    return out


def recase(raw: str) -> str:
    """CountryInfo upper-case name -> news casing: GEORGE_W._BUSH_ -> George W. Bush,
    BASHAR_AL-ASSAD_ -> Bashar al-Assad, LOTHAR_DE_MAIZIERE_ -> Lothar de Maiziere."""
    words = [w for w in raw.strip().strip("_").replace("_", " ").split() if w]
    while len(words) > 1 and words[0].upper() in TITLE_PREFIXES:
        words = words[1:]
    return " ".join(recase_word(w, i == 0) for i, w in enumerate(words))


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def pid(country: str, name: str) -> str:
    return f"{country.lower()}.{slug(name)}"


# ---------------------------------------------------------------- dates -------------------
def ymd(d: str) -> str:
    """YYYYMMDD -> YYYY-MM-DD (impossible days, e.g. 20040931, become the month)."""
    y, m, dd = int(d[:4]), int(d[4:6]), int(d[6:8])
    try:
        date(y, m, dd)
    except ValueError:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{dd:02d}"


def ym(d: str) -> str:
    return f"{d[:4]}-{d[4:6]}"


# ---------------------------------------------------------------- offices -----------------
def leader_office(tag: str) -> str | None:
    t = tag.lower().replace("_", " ")
    skip = ("vice", "governor", "administrator", "commissioner", "lieutenant", "british resid",
            "operative management", "regency",
            "chief minister", "government business", "representative", "national assembly",
            "syndic", "captains", "cabinet chief", "coprince", "council of deputies",
            "supreme commanders", "civil administrators", "political bureau", "high state",
            "presidential commission", "provisional presidential council", "kalon",
            "people's assembly", "people'S assembly".lower(), "rada", "supreme soviet",
            "people's commissars", "first prime", "second prime", "coequal", "co-prime",
            "east cameroon", "west cameroon", "junta", "queen's", "ministers of state",
            "military council for", "council of state secretaries", "executive vice")
    if any(s in t for s in skip):
        return None
    if any(s in t for s in ("general secretar", "first secretar", "communist party",
                            "central committee", "secretaries of the")):
        return "party_leader" if "general people" not in t else "head_of_government"
    if any(s in t for s in ("prime minister", "premier", "chancellor", "council of ministers",
                            "head of government", "heads of government", "chiefs of government",
                            "government leaders", "executive yuan", "general people's committee",
                            "federal executive council", "government council",
                            "chairmen of the cabinet")):
        return "head_of_government"
    return "head_of_state"


MINISTER_TITLES = [
    ("foreign_minister", re.compile(
        r"^(minister (of|for) (foreign|external) affairs( and [\w ]+)?|foreign minister|"
        r"secretary of state( for foreign and commonwealth affairs)?|"
        r"minister of foreign affairs and (international )?(cooperation|trade|"
        r"international cooperation|european affairs|emigrants|worship)[\w ,]*)$")),
    ("defense_minister", re.compile(
        r"^(minister (of|for) (national |the )?(defen[cs]e|armed forces)( and [\w ]+)?|"
        r"defen[cs]e minister|secretary of (state for )?defen[cs]e|"
        r"minister of defen[cs]e and (national security|veterans affairs|military affairs))$")),
    ("interior_minister", re.compile(
        r"^(minister (of|for) (the )?(interior|internal affairs|home affairs|public security)"
        r"( and [\w ]+)?|interior minister|home minister|"
        r"secretary of state for the home department|secretary of homeland security)$")),
]


def minister_office(title: str, country: str) -> str | None:
    t = re.sub(r'"[^"]*"', "", title).strip().lower()
    t = re.sub(r"[.,;]+$", "", t).strip()
    if any(w in t for w in ("deputy", "vice", "state minister", "minister of state",
                            "permanent", "first deputy", "assistant", "under")):
        return None
    if t.startswith("secretary of state") and country != "USA" and "for" not in t:
        return None
    for office, rx in MINISTER_TITLES:
        if rx.match(t):
            return office
    return None


# ---------------------------------------------------------------- CountryInfo -------------
BRACKET = re.compile(r"\[\s*(>)?\s*(\d{8})\s*(?:-\s*(\d{8}))?\s*\]")
GOV_BRACKET = re.compile(r"\[([A-Z]{3,9})\s+(<|>)?\s*(\d{8})?\s*(?:-\s*(\d{8}))?\s*\]")


def countryinfo_blocks(text: str):
    text = text.split("-->", 1)[1] if "-->" in text else text
    pos = 0
    for m in re.finditer(r"<Country>(.*?)</Country>", text, re.S):
        block = m.group(1)
        cm = re.search(r"<CountryCode>\s*([A-Z]{3})\s*</CountryCode>", block)
        line0 = text.count("\n", 0, m.start()) + 1
        pos = m.end()
        if not cm or pycountry.countries.get(alpha_3=cm.group(1)) is None:
            continue
        yield cm.group(1), block, line0
    del pos


def names_of(raw: str) -> list[str]:
    raw = raw.split("#", 1)[0]
    if "{" in raw:
        forms = re.findall(r"\{([^}]*)\}", raw)
    else:
        forms = [raw]
    out = []
    for f in forms:
        f = f.strip().strip("_").strip()
        if not f or any(w in BAD_NAME_WORDS for w in f.split("_")):
            continue
        n = recase(f)
        if n and n not in out:
            out.append(n)
    return out


def read_countryinfo(path: Path) -> tuple[list[Row], str]:
    text = path.read_text("utf-8", errors="replace")
    rows: list[Row] = []
    leader_dates: list[str] = []
    for code, block, line0 in countryinfo_blocks(text):
        lm = re.search(r"<Leaders>(.*?)</Leaders>", block, re.S)
        if lm:
            base = line0 + block.count("\n", 0, lm.start())
            tag = None
            for i, ln in enumerate(lm.group(1).splitlines()):
                s = ln.strip()
                mt = re.fullmatch(r"<(/?)([^>]+)>", s)
                if mt:
                    tag = None if mt.group(1) else mt.group(2)
                    continue
                if not s or s.startswith("#") or tag is None or "[" not in s:
                    continue
                office = leader_office(tag)
                names = names_of(s.split("[", 1)[0])
                if office is None or not names:
                    continue
                for m in BRACKET.finditer(s):
                    open_, d1, d2 = m.groups()
                    leader_dates.append(d1)
                    if d2:
                        leader_dates.append(d2)
                    rows.append(Row(names[0], code, office, ymd(d1),
                                    "" if open_ or not d2 else ymd(d2), SRC_CI,
                                    aliases=names[1:], where=f"{path.name}:{base + i}"))
        gm = re.search(r"<Government>(.*?)</Government>", block, re.S)
        if gm:
            base = line0 + block.count("\n", 0, gm.start())
            for i, ln in enumerate(gm.group(1).splitlines()):
                if "#" not in ln or "[" not in ln:
                    continue
                body, title = ln.split("#", 1)
                names = names_of(body.split("[", 1)[0])
                brackets = GOV_BRACKET.findall(body)
                titles = [t.strip() for t in title.split("&")]
                if not names or not brackets:
                    continue
                if len(titles) == len(brackets):
                    pairs = list(zip(brackets, titles, strict=True))
                elif len(titles) == 1:
                    pairs = [(b, titles[0]) for b in brackets]
                else:
                    codes = list(dict.fromkeys(b[0] for b in brackets))
                    if len(codes) != len(titles):
                        continue  # cannot tell which term is which title
                    pairs = [(b, titles[codes.index(b[0])]) for b in brackets]
                for (_, mark, d1, d2), t in pairs:
                    office = minister_office(t, code)
                    if office is None or not d1:
                        continue
                    if mark == "<":  # in office at the first edition (Jan 2003) until d1
                        start, end = "2003-01", ym(d1)
                    elif mark == ">":  # from d1, still in office at the last edition
                        start, end = ym(d1), ""
                    else:
                        start, end = ym(d1), ym(d2) if d2 else ""
                    rows.append(Row(names[0], code, office, start, end or "", SRC_CI,
                                    aliases=names[1:], where=f"{path.name}:{base + i}"))
                    if mark == ">" or not end:
                        rows[-1].end = ""
                        rows[-1].where += "#gov-open"
    asof = max(leader_dates)
    return rows, f"{asof[:4]}-{asof[4:6]}"


# ---------------------------------------------------------------- Phoenix -----------------
def read_phoenix(path: Path) -> dict[tuple[str, str], list[str]]:
    """(country, slug of head name) -> plain-name synonyms, from Phoenix entries whose
    roles carry that country's code."""
    out: dict[tuple[str, str], list[str]] = {}
    head, syns, codes = None, [], set()

    def flush():
        if head:
            for c in codes:
                out.setdefault((c, slug(recase(head))), []).extend(syns)

    for ln in path.read_text("utf-8", errors="replace").splitlines():
        s = ln.split("#", 1)[0].rstrip()
        if not s.strip():
            continue
        if s.startswith("+"):
            syns.append(s[1:].strip())
        elif s[:1] in " \t[":
            codes.update(c[:3] for c in re.findall(r"\[([A-Z]{3})[A-Z]*", s))
        else:
            flush()
            head, syns, codes = s.strip(), [], set()
    flush()
    plain: dict[tuple[str, str], list[str]] = {}
    for key, forms in out.items():
        keep = []
        for f in forms:
            words = f.strip("_").split("_")
            if len(words) < 2 or any(w.upper() in PX_TITLE_WORDS for w in words):
                continue
            n = recase(f)
            if n not in keep:
                keep.append(n)
        if keep:
            plain[key] = keep
    return plain


# ---------------------------------------------------------------- curated files -----------
def tsv(path: Path):
    header = None
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        yield lineno, dict(zip(header, cells, strict=False))


def read_extras(path: Path) -> list[Row]:
    rows = []
    for lineno, r in tsv(path):
        rows.append(Row(r["name"], r["country"], r["office"], r["start"], r["end"],
                        r.get("source") or SRC_DY,
                        aliases=[a for a in r["aliases"].split("|") if a],
                        surname=None if not r["surname"] else
                        ("" if r["surname"] == "-" else r["surname"]),
                        sector=r.get("sector") or "GOV", where=f"{path.name}:{lineno}",
                        curated=True))
    return rows


# ---------------------------------------------------------------- build -------------------
def apply_fixes(rows: list[Row], path: Path) -> list[Row]:
    """Actions: rename (name -> value), drop (office optional), alias (add |-list),
    surname (set; `-` = no surname matching), end (set the end of the person's term that
    the reference leaves open, `[>date]`: we know when it ended, or `-` = still in office at our
    last check; the source gets +dyads)."""
    fixes = list(tsv(path))
    used = set()
    for r in rows:
        for k, f in fixes:
            if f["country"] != r.country or (f["name"] != "*" and slug(f["name"]) != slug(r.name)):
                continue
            if f.get("office") and f["office"] != r.office:
                continue
            used.add(k)
            if f["action"] == "drop":
                r.office = "DROP"
            elif f["action"] == "rename":
                if r.name not in r.aliases:
                    r.aliases.append(r.name)
                r.name = f["value"]
            elif f["action"] == "alias":
                r.aliases += [a for a in f["value"].split("|") if a not in r.aliases]
            elif f["action"] == "surname":
                r.surname = "" if f["value"] == "-" else f["value"]
            elif f["action"] == "end":
                if r.end:  # only the open term is closed
                    continue
                if f["value"] == "-":  # still in office at our last check
                    r.still_open = True
                else:
                    r.end = f["value"]
                r.source += "+" + SRC_DY
    for k, f in fixes:
        if k not in used:
            print(f"warning: {path.name}:{k} matched no row: {f}", file=sys.stderr)
    return [r for r in rows if r.office != "DROP"]


def resolve_reference(rows: list[Row], asof: str) -> list[Row]:
    """Close open terms and remove overlaps among reference rows of one office."""
    by_office: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_office[(r.country, r.office)].append(r)
    out = []
    for _, rs in by_office.items():
        rs.sort(key=lambda r: (date_range(r.start, r.end)[0], r.name))
        keep: list[Row] = []
        for r in rs:
            if not r.end and not r.still_open:
                r.end = GOV_ASOF if r.where.endswith("#gov-open") else asof
            r.where = r.where.replace("#gov-open", "")
            s, e = date_range(r.start, r.end)
            if keep:
                p = keep[-1]
                ps, pe = date_range(p.start, p.end)
                if (s, e) == (ps, pe):
                    if shared_token(p.name, r.name):  # two spellings of one person
                        p.aliases += [a for a in [r.name, *r.aliases] if a not in p.aliases]
                    else:
                        print(f"dropped {r.name} ({r.country} {r.office} {r.start}..{r.end}):"
                              f" same term as {p.name}", file=sys.stderr)
                    continue
                if s >= ps and e <= pe:
                    continue  # acting / interim / contested term inside another
                if s < pe:
                    p.end = r.start  # the earlier term ends when the later one starts
            keep.append(r)
        out.extend(keep)
    return out


def shared_token(a: str, b: str) -> bool:
    ta = {t for t in slug(a).split("_") if len(t) >= 4}
    return bool(ta & {t for t in slug(b).split("_") if len(t) >= 4})


def merge(ref: list[Row], cur: list[Row]) -> list[Row]:
    first: dict[tuple[str, str], date] = {}
    for r in cur:
        k = (r.country, r.office)
        s = date_range(r.start, r.end)[0]
        first[k] = min(first.get(k, s), s)
    out = []
    for r in ref:
        k = (r.country, r.office)
        if k in first:
            s, e = date_range(r.start, r.end)
            if s >= first[k]:
                continue
            if e > first[k]:
                r.end = min(c.start for c in cur if (c.country, c.office) == k
                             and date_range(c.start, c.end)[0] == first[k])
                r.source += "+" + SRC_DY
        out.append(r)
    return out + cur


def build() -> list[Row]:
    ref, asof = read_countryinfo(COUNTRYINFO)
    ref = [r for r in ref if date_range(r.start, r.end or "2026-12-01")[1] >= SINCE]
    ref = apply_fixes(ref, FIXES)
    ref = resolve_reference(ref, asof)
    ref = [r for r in ref if date_range(r.start, r.end)[1] >= SINCE]
    phoenix = read_phoenix(PHOENIX)
    for r in ref:
        extra = [a for a in phoenix.get((r.country, slug(r.name)), [])
                 if a not in r.aliases and slug(a) != slug(r.name)]
        if extra:
            r.aliases += extra
            r.source += "+" + SRC_PX
    cur = read_extras(EXTRAS)
    rows = merge(ref, cur)
    # one spelling, one id: a person keeps the id of their canonical name in a country;
    # the same name in the curated and the reference rows is the same person.
    for r in rows:
        r.person_id = r.person_id or pid(r.country, r.name)
    names_by_id: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        for a in [r.name, *r.aliases]:
            if a not in names_by_id[r.person_id]:
                names_by_id[r.person_id].append(a)
    # a surname curated in people_extras.tsv wins over the reference's (derived) one
    curated_surname = {r.person_id: r.surname for r in rows
                       if r.curated and r.surname is not None}
    for r in rows:  # every row of a person lists all the person's spellings
        r.aliases = [a for a in names_by_id[r.person_id] if a != r.name]
        if r.surname is None:
            r.surname = default_surname(r.name, r.country)
    surn: dict[str, str] = dict(curated_surname)
    for r in rows:
        surn.setdefault(r.person_id, r.surname)
    for r in rows:
        r.surname = surn[r.person_id]
    rows.sort(key=lambda r: (r.country, r.office, date_range(r.start, r.end)[0], r.name))
    return rows


HEADER = """\
# People with dated offices, for resolving person mentions to CAMEO actor codes.
# GENERATED by tools/build_people.py from the references below plus tools/people_extras.tsv
# and tools/people_fixes.tsv: do not edit by hand (edit those files and rerun the script).
#
# One row per (person, office, term). Columns (tab-separated):
#   person_id  country code + '.' + ascii slug of the name (usa.george_w_bush); the same in
#              every row of one person in one country.
#   name       usual English news spelling, no diacritics (CountryInfo drops them).
#   aliases    |-separated other spellings of the same person (all rows of a person list all).
#   surname    the form used alone in news ("Bush", "Kim", "Xi", "Erdogan", "Lula",
#              "Lopez Obrador"); empty = never matched on a surname alone (Gulf royals with
#              bin/ibn names, Burmese names). Derived when not curated: the first token for
#              Chinese/Korean names (CHN TWN HKG MAC PRK KOR SGP KHM), otherwise the last
#              token with a leading al-/el- removed, a particle kept (de Klerk), regnal numbers
#              skipped (Abdullah II -> Abdullah).
#   country    ISO 3166-1 alpha-3, or IGO for the heads of international organisations
#              (UN, NATO, EU Commission, ...: the office says which).
#   sector     CAMEO sector; GOV for every row here (former leaders simply have no row for
#              dates outside their terms).
#   office     head_of_state, head_of_government, party_leader (general secretary of a ruling
#              communist party), foreign_minister, defense_minister, interior_minister
#              (Home Secretary in GBR, Secretary of Homeland Security in USA, Minister of
#              Public Security in CHN/VNM), un_secretary_general, nato_secretary_general,
#              eu_commission_president, eu_council_president, au_commission_chair,
#              arab_league_secretary_general.
#              Presidents of presidential systems (USA, BRA, MEX, ...) have only a
#              head_of_state row: head_of_government rows are separate offices (prime
#              ministers, premiers, chancellors).
#   start,end  ISO dates. YYYY-MM-DD; YYYY-MM or YYYY when the day is not known: a partial
#              date covers the whole month/year (a term ending 2006-05 ran until 2006-05-31).
#              Handover days are shared: the outgoing term ends on the day the next begins.
#              Empty end = in office at the last curation (see below).
#   source     CountryInfo.120116 (Schrodt's CountryInfo.120116.txt, CC BY-SA 3.0: <Leaders>
#              from rulers.org, day-precise; <Government> minister titles from the CIA World
#              Leaders editions Jan 2003 - Feb 2011, month-precise); Phoenix.Countries
#              (petrarch/Phoenix.Countries.actors.txt, MIT: aliases); dyads (our curation).
#              A '+' list names every contributor: the first gives the term, '+dyads' after
#              a reference means we cut its end (a successor we know), '+Phoenix.Countries'
#              means some aliases come from Phoenix.
#
# Judgement calls:
#   * Only terms reaching 1990 or later.  Reference terms still open in the reference end
#     at its as-of date ({asof} for <Leaders>, {gov} for <Government>) unless curated rows
#     continue the office: for those countries we do not know when they ended.
#   * Curated rows (source dyads) are authoritative for a country+office from their first
#     start on; reference rows after that are dropped. Curated: heads of state/government
#     2011-2026 for every country (from the last reference leader on), foreign/
#     defence/interior ministers since 2000 for the countries listed in
#     tools/people_extras.tsv. Facts after about mid-2025 are not curated: an empty end
#     means "in office at our last check", not verified for late 2025-2026.
#   * The Soviet Union and its leaders are coded RUS (as countries.tsv maps "Soviet Union"),
#     Yugoslavia's federal leaders SRB; the Palestinian Authority PSE; Taiwan TWN.
#   * Acting office holders are included when they served more than a few weeks.
#   * Where we were not sure of a fact we left the row out rather than guess.
#
"""


def fmt(r: Row) -> str:
    return "\t".join([r.person_id, r.name, "|".join(r.aliases), r.surname or "", r.country,
                      r.sector, r.office, r.start, r.end, r.source])


def main() -> int:
    rows = build()
    lines = ["\t".join(COLUMNS)] + [fmt(r) for r in rows]
    problems = check_rows([dict(zip(COLUMNS, ln.split("\t"), strict=True)) | {"line": str(i)}
                           for i, ln in enumerate(lines[1:], 2)])
    for p in problems:
        print("problem:", p, file=sys.stderr)
    _, asof = read_countryinfo(COUNTRYINFO)
    OUT.write_text(HEADER.format(asof=asof, gov=GOV_ASOF) + "\n".join(lines) + "\n", "utf-8")
    by_src: dict[str, int] = defaultdict(int)
    for r in rows:
        by_src[r.source.split("+")[0]] += 1
    print(f"{len(rows)} offices, {len({r.person_id for r in rows})} people, "
          f"{len({r.country for r in rows})} countries; by source {dict(by_src)}")
    return 1 if problems else 0


if __name__ == "__main__":
    del replace, GROUP_CODES
    sys.exit(main())
