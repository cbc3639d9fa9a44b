"""People with dated offices: who held which office, in which country, when.

Read from data/actors/people.tsv (see data/actors/README.md) plus any user files with the
same columns. `PeopleIndex.lookup("Bush", date(2003, 5, 1))` gives the offices whose term
covers the date: a name means an actor code only within the dates of an office.

Matching is on a normalised key (case, accents, hyphens, dots and apostrophes ignored:
"Kim Jong-un" = "KIM JONG UN"), over full names, aliases and surnames; a surname alone
matches only when it names one person (on that date, or at all when no date is given).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

COLUMNS = ["person_id", "name", "aliases", "surname", "country", "sector", "office",
           "start", "end", "source"]
OPEN_END = date(2026, 12, 1)  # an empty end: in office as of the data's horizon
GROUP_COUNTRIES = {"IGO"}
SURNAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "SGP", "KHM"}
_PARTICLES = {"da", "de", "del", "della", "der", "den", "di", "do", "dos", "du", "van", "von",
              "le", "la"}
_REGNAL = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XVI|Jr\.?|Sr\.?)$")


@dataclass(frozen=True)
class Office:
    """One term of one person in one office."""

    person_id: str
    name: str
    country: str  # ISO alpha-3 or IGO
    sector: str  # CAMEO sector (GOV)
    office: str  # head_of_state, head_of_government, foreign_minister, ...
    start: date  # first day of the term (first day of the month/year when partial)
    end: date | None  # last day (last of the month/year when partial); None = still in office
    source: str  # provenance of the row (CountryInfo.120116, Phoenix.Countries, dyads)
    where: str  # file:line
    actor_code: str = ""  # the full code when a dictionary gives one (PETRARCH: IGOUNOKID)

    @property
    def code(self) -> str:
        """CAMEO actor code: country (or IGO group code) + sector."""
        if self.actor_code:
            return self.actor_code
        if self.country == "IGO":
            return {"un_secretary_general": "IGOUNO", "nato_secretary_general": "IGOWSTNAT",
                    "eu_commission_president": "IGOEUREEC",
                    "eu_council_president": "IGOEUREEC",
                    "au_commission_chair": "IGOAFRAFU",
                    "arab_league_secretary_general": "IGOARBALL"}.get(self.office, "IGO")
        return self.country + self.sector

    def covers(self, on: date) -> bool:
        return self.start <= on <= (self.end or OPEN_END)


# ---------------------------------------------------------------- dates & names -----------
def parse_date(s: str, *, end: bool = False) -> date:
    """YYYY-MM-DD, YYYY-MM or YYYY; a partial date is its first day, or its last with end."""
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    raise ValueError(f"bad date {s!r}")


def date_range(start: str, end: str) -> tuple[date, date]:
    """(first day, last day) of a term; an empty end is the open-end horizon."""
    return parse_date(start), parse_date(end, end=True) if end else OPEN_END


_NAME_PUNCT = re.compile(r"[-\u2010-\u2015.'`\u2019,]")  # read as spaces in names


def normalize(name: str) -> str:
    """Matching key: no accents, case-folded, hyphens/dots/apostrophes as spaces."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = _NAME_PUNCT.sub(" ", s.casefold())
    return " ".join(s.split())


def default_surname(name: str, country: str) -> str:
    """The form used alone in news, by rule (the data file may say otherwise)."""
    tokens = name.split()
    if len(tokens) == 1:
        return name
    if country in SURNAME_FIRST:
        return tokens[0]
    if any(t.lower() in {"bin", "ibn", "bint"} for t in tokens):
        return ""  # Gulf royals: "Mohammed bin Salman" is not "Salman"
    while len(tokens) > 1 and _REGNAL.match(tokens[-1]):
        tokens = tokens[:-1]
    last = re.sub(r"^(al|el|Al|El)-", "", tokens[-1])
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:  # de Klerk, von der Leyen
        i -= 1
    return " ".join([*tokens[i:-1], last])


# ---------------------------------------------------------------- reading -----------------
def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    header, out = None, []
    for lineno, ln in enumerate(text.splitlines(), 1):
        if not ln.strip() or ln.startswith("#"):
            continue
        cells = [c.strip() for c in ln.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        out.append((lineno, dict(zip(header, cells, strict=False))))
    return out


def check_rows(rows: list[dict[str, str]]) -> list[str]:
    """Sanity problems of people rows (each a dict of COLUMNS plus `line`): bad dates,
    start after end, unknown country codes, and two terms of one country+office that
    overlap by more than a handover day (a partial date may overlap within its month)."""
    import pycountry  # only needed for the checks

    problems = []
    by_office: dict[tuple[str, str], list[tuple[date, date, dict]]] = defaultdict(list)
    for r in rows:
        at = f"line {r.get('line', '?')} {r['name']}"
        try:
            s, e = date_range(r["start"], r["end"])
        except (ValueError, TypeError) as exc:
            problems.append(f"{at}: bad date ({exc})")
            continue
        if s > e:
            problems.append(f"{at}: start {r['start']} after end {r['end']}")
        c = r["country"]
        if c not in GROUP_COUNTRIES and c != "XKX" and pycountry.countries.get(alpha_3=c) is None:
            problems.append(f"{at}: unknown country {c}")
        if not r["office"] or not r["sector"] or not r["person_id"]:
            problems.append(f"{at}: empty office/sector/person_id")
        # a name form without a letter ("-") would match punctuation in every sentence
        forms = [r["name"], r.get("surname") or "", *(r.get("aliases") or "").split("|")]
        if any(f and f != "-" and not any(ch.isalpha() for ch in f) for f in forms) \
                or (r.get("aliases") or "") == "-":
            problems.append(f"{at}: a name form without a letter")
        by_office[(c, r["office"])].append((s, e, r))
    for (c, office), terms in by_office.items():
        terms.sort(key=lambda t: t[0])
        for (_s1, e1, r1), (s2, _e2, r2) in zip(terms, terms[1:], strict=False):
            if s2 > e1 or (e1 - s2).days < 1:
                continue
            partial = len(r1["end"]) < 10 or len(r2["start"]) < 10
            if partial and (e1 - s2).days < 31:
                continue
            problems.append(f"{c} {office}: {r1['name']} ({r1['start']}..{r1['end']}) overlaps "
                            f"{r2['name']} ({r2['start']}..{r2['end']})")
    return problems


@dataclass(frozen=True)
class PersonRow:
    """One data row: the office plus the name forms it is known by."""

    office: Office
    aliases: tuple[str, ...]
    surname: str | None  # None = derive by rule; "" = never matched on a surname alone


def load_rows(path: Path, text: str | None = None) -> list[PersonRow]:
    """Rows of one people file (columns as in people.tsv; person_id, sector, surname and
    source may be left out or empty)."""
    text = path.read_text("utf-8") if text is None else text
    out = []
    for lineno, r in _rows(text):
        if not r.get("name") or not r.get("start"):
            continue
        office = Office(r.get("person_id") or f"{r['country'].lower()}.{normalize(r['name'])}",
                        r["name"], r["country"], r.get("sector") or "GOV", r["office"],
                        parse_date(r["start"]),
                        parse_date(r["end"], end=True) if r.get("end") else None,
                        r.get("source", ""), f"{path.name}:{lineno}")
        aliases = tuple(a for a in r.get("aliases", "").split("|") if a)
        out.append(PersonRow(office, aliases, r.get("surname") if "surname" in r else None))
    return out


# ---------------------------------------------------------------- index -------------------
class PeopleIndex:
    """Name forms -> offices, built once. Later files win: a user row for the same
    person_id, office and start replaces the built-in one."""

    def __init__(self, rows: list[PersonRow]):
        latest: dict[tuple[str, str, date], PersonRow] = {}
        for r in rows:
            latest[(r.office.person_id, r.office.office, r.office.start)] = r
        self.offices = [r.office for r in latest.values()]
        self._by_person: dict[str, list[Office]] = defaultdict(list)
        self._full: dict[str, set[str]] = defaultdict(set)  # key -> person ids (names, aliases)
        self._surname: dict[str, set[str]] = defaultdict(set)  # key -> person ids
        self._forms: set[str] = set()
        for row in latest.values():
            o, surname = row.office, row.surname
            self._by_person[o.person_id].append(o)
            for f in (o.name, *row.aliases):
                self._full[normalize(f)].add(o.person_id)
                self._forms.add(f)
            sn = default_surname(o.name, o.country) if surname is None else surname
            if sn:
                self._surname[normalize(sn)].add(o.person_id)
                self._forms.add(sn)
        for terms in self._by_person.values():
            terms.sort(key=lambda o: o.start)

    def lookup(self, name: str, on: date | None = None) -> list[Office]:
        """Offices of the person named `name` (full name, alias, or an unambiguous surname);
        with `on`, only the terms covering that date."""
        key = normalize(name)
        people = self._full.get(key)
        if people:
            found = [o for p in sorted(people) for o in self._by_person[p]]
            return [o for o in found if on is None or o.covers(on)]
        people = self._surname.get(key, set())
        if on is not None:
            people = {p for p in people if any(o.covers(on) for o in self._by_person[p])}
        if len(people) != 1:
            return []  # unknown, or a surname shared by several people
        (p,) = people
        return [o for o in self._by_person[p] if on is None or o.covers(on)]

    def candidates(self, name: str) -> list[Office]:
        """Every office of every person a name may mean, ambiguous surnames included
        ("Bush": both presidents); for callers that only need what the candidates share."""
        key = normalize(name)
        people = self._full.get(key) or self._surname.get(key, set())
        return [o for p in sorted(people) for o in self._by_person[p]]

    def name_forms(self) -> list[str]:
        """Every spelling to match in text (names, aliases, surnames), as written in the
        data plus an accent-free variant; sorted longest first."""
        forms = set(self._forms)
        forms |= {unicodedata.normalize("NFKD", f).encode("ascii", "ignore").decode()
                  for f in self._forms}
        return sorted((f for f in forms if f), key=lambda f: (-len(f), f))

    def people(self) -> list[str]:
        return sorted(self._by_person)


def load_people(extra: list[str | Path] | None = None,
                rows_before: list[PersonRow] | None = None) -> PeopleIndex:
    """The built-in people.tsv, then `rows_before` (e.g. read from PETRARCH dictionaries),
    then user files with the same columns (later rows win)."""
    res = resources.files("dyads").joinpath("data/actors/people.tsv")
    rows = load_rows(Path(str(res)), res.read_text("utf-8")) + list(rows_before or [])
    for p in extra or []:
        rows += load_rows(Path(p))
    return PeopleIndex(rows)
