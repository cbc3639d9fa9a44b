"""Plain dataclasses that flow between the stages.

ingest -> Article -> nlp -> Sentence -> actors -> Actor -> coding -> Event -> store/output

Every stage takes and returns these, so each one can be read, tested and replaced alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class Article:
    """One news article after ingest: cleaned text plus what we know about it."""

    doc_id: str
    text: str  # cleaned body, paragraphs separated by blank lines, title excluded
    title: str | None = None
    date: date | None = None  # publication date; None when unknown (never guessed)
    url: str | None = None
    source: str | None = None  # publisher
    path: str | None = None  # file the article came from ("-" for stdin)
    line: int | None = None  # line number in a JSONL input


@dataclass
class InputError:
    """A bad input: reported on one line, never stops the other inputs."""

    input: str  # file name, with ":line" for JSONL lines
    message: str

    def __str__(self) -> str:
        return f"{self.input}: {self.message}"


@dataclass
class Actor:
    """An actor as coded: CAMEO code = country (or group) code + sector, with its evidence.

    `country` is a 3-letter ISO 3166 alpha-3 code or a CAMEO group code (IGO, UNO, NGO, IMG...);
    None when the text names somebody we cannot place (we never guess).
    """

    code: str | None
    country: str | None
    sector: str | None
    text: str
    start: int  # character offsets in the sentence text
    end: int
    kb_id: str | None = None  # id of the knowledge-base entry that resolved it
    how: str | None = None  # short reason: "country name", "capital", "adjective + agent"...

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Place:
    """A GeoNames feature: where an event happened, or an actor's country.

    `feature` is the GeoNames feature code: PCLI (country), ADM1 (US state), PPLC (capital),
    PPL (city or town). `country` is ISO 3166 alpha-3, as for actors. Countries and states
    have no coordinates in the offline gazetteer, so their lat/lon are None.
    """

    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str
    text: str | None = None  # the name as written in the sentence

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Event:
    """One coded event with its evidence."""

    doc_id: str
    sentence_index: int
    sentence: str
    date: date | None
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    negated: bool = False
    hypothetical: bool = False
    headline: bool = False
    rule: str | None = None  # id of the lexicon entry that produced it ("file:line")
    flags: list[str] = field(default_factory=list)  # other notes: "reciprocal", "reported"...
    # when and where (dyads/situate.py): the event's own date, from the time phrase the parse
    # attaches to it, else the publication date (granularity "publication"); None if neither
    event_date: date | None = None
    event_date_end: date | None = None
    date_granularity: str | None = None  # day, week, month, year, range, publication
    date_text: str | None = None  # the time phrase as written
    place: Place | None = None  # where the text says it happened
    source_geo: Place | None = None  # the source actor's country (as GDELT's Actor1Geo)
    target_geo: Place | None = None

    @property
    def asserted(self) -> bool:
        """Kept in default output: not negated and not hypothetical."""
        return not (self.negated or self.hypothetical)

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("date", "event_date", "event_date_end"):
            value = getattr(self, key)
            d[key] = value.isoformat() if value else None
        return d
