"""Dyad time series and top dyads: DuckDB SQL over the event store.

Every function here builds one SQL statement (a `Query`: text + parameters) and runs it in
DuckDB, so the work stays in the database and scales to millions of events.

Counting rules (see README, "Analysis"):

- **events**: stored event rows. There is no de-duplication yet, so each row is one event.
- **mentions**: rows of the mentions relation (`MENTIONS_SQL`). Until a `mentions` table
  exists, every event has exactly one mention, its own article, so mentions = events.
- **sources**: distinct publishers (`articles.source`) over those mentions; articles whose
  publisher is unknown are not counted.
- **cooperation–conflict index**: (cooperative events − conflictual events) / events, where
  cooperative means quad class 1 or 2 and conflictual quad class 3 or 4. It runs from −1 (all
  conflict) to +1 (all cooperation) and is null for a period without events.
- Only asserted events (not negated, not hypothetical) unless `include_flagged`; undated
  events never enter a time series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

PERIODS = ("day", "week", "month", "quarter", "year")
_STEP = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months",
         "year": "1 year"}
RANKS = ("events", "conflict")
LEVELS = ("country", "code")

#: Group classes that stand in the country column for international bodies (not ISO codes).
GROUP_CLASSES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO"})

_CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")

#: One row per mention of an event: (event_id, article, publisher), over the events of the CTE
#: `ev`. Today every stored event is one mention in its own article; a `mentions` table
#: (several articles reporting one de-duplicated event) replaces only this relation.
MENTIONS_SQL = """
    SELECT ev.event_id, ev.doc_id AS article, a.source AS publisher
    FROM ev LEFT JOIN articles a ON a.doc_id = ev.doc_id
"""


class AnalysisError(ValueError):
    """Bad input to an analysis (actor code, period, dates...); the message is one line."""


@dataclass(frozen=True)
class Query:
    """A SQL statement with its parameters, run on a DuckDB connection."""

    sql: str
    params: list[Any] = field(default_factory=list)

    def run(self, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        return con.execute(self.sql, self.params)

    def df(self, con: duckdb.DuckDBPyConnection):
        """The result as a pandas DataFrame."""
        return self.run(con).df()

    def pl(self, con: duckdb.DuckDBPyConnection):
        """The result as a polars DataFrame (needs polars installed)."""
        return self.run(con).pl()


@dataclass(frozen=True)
class ActorSpec:
    """An actor as users write it: a country or group code (USA, IGO), or a full code (USAGOV).

    `sector` (GOV, MIL...) further requires that sector among the actor's sectors.
    """

    code: str
    sector: str | None = None

    @classmethod
    def parse(cls, code: str, sector: str | None = None) -> ActorSpec:
        value = (code or "").strip().upper()
        if not _CODE_RE.match(value):
            raise AnalysisError(
                f"unknown actor code format {code!r}: use a 3-letter country or group code "
                "(USA, IGO) or a full CAMEO code (USAGOV, IGOUNO)"
            )
        return cls(value, parse_sector(sector))

    def condition(self, side: str) -> tuple[str, list[Any]]:
        """SQL condition (and parameters) that `side` ("source"/"target") is this actor."""
        if len(self.code) == 3:
            sql, params = f"e.{side}_country = ?", [self.code]
        else:
            sql, params = f"starts_with(e.{side}_code, ?)", [self.code]
        if self.sector:
            sql += f" AND {sector_condition(side)}"
            params.append(self.sector)
        return f"({sql})", params


def parse_sector(sector: str | None) -> str | None:
    if sector is None or sector == "":
        return None
    value = sector.strip().upper()
    if not _SECTOR_RE.match(value):
        raise AnalysisError(f"unknown sector format {sector!r}: use a 3-letter code (GOV, MIL)")
    return value


def sector_condition(side: str) -> str:
    """SQL: the 3-letter sector `?` is one of the side's sectors (sectors stack: GOVMIL)."""
    return f"list_contains(regexp_extract_all(coalesce(e.{side}_sector, ''), '...'), ?)"


def parse_period(by: str) -> str:
    value = (by or "").strip().lower()
    if value not in PERIODS:
        raise AnalysisError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return value


def parse_date(value: date | str | None, what: str = "date") -> date | None:
    """A date from a `date` or a YYYY-MM-DD string; None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise AnalysisError(f"bad {what} {value!r}: use YYYY-MM-DD") from None


@dataclass(frozen=True)
class EventFilter:
    """Which stored events an analysis or export uses (every given filter must hold)."""

    actor: ActorSpec | None = None  # either side
    source: ActorSpec | None = None
    target: ActorSpec | None = None
    since: date | None = None  # inclusive; drops undated events
    until: date | None = None  # inclusive; drops undated events
    cameo: str | None = None  # code prefix: "16" = root 16
    quad: int | None = None
    doc_id: str | None = None
    include_flagged: bool = False  # also negated and hypothetical events

    @classmethod
    def build(cls, *, actor: str | None = None, source: str | None = None,
              target: str | None = None, sector: str | None = None,
              since: date | str | None = None, until: date | str | None = None,
              cameo: str | None = None, quad: int | None = None, doc_id: str | None = None,
              include_flagged: bool = False) -> EventFilter:
        """Parse user-facing values (strings), raising AnalysisError on bad ones."""
        since_d, until_d = parse_date(since, "since date"), parse_date(until, "until date")
        if since_d and until_d and since_d > until_d:
            raise AnalysisError(f"since date {since_d} is after until date {until_d}")
        if quad is not None and int(quad) not in (1, 2, 3, 4):
            raise AnalysisError(f"bad quad class {quad!r}: use 1, 2, 3 or 4")
        if cameo is not None and not re.fullmatch(r"\d{2,4}", cameo.strip()):
            raise AnalysisError(f"bad CAMEO code {cameo!r}: use 2 to 4 digits (16, 163)")

        if sector and not (actor or source or target):
            raise AnalysisError("a sector filter needs an actor (--actor, --source or --target)")

        def spec(v: str | None) -> ActorSpec | None:
            return ActorSpec.parse(v, sector) if v else None

        return cls(actor=spec(actor), source=spec(source), target=spec(target),
                   since=since_d, until=until_d, cameo=cameo.strip() if cameo else None,
                   quad=int(quad) if quad is not None else None, doc_id=doc_id,
                   include_flagged=include_flagged)

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over the events table aliased `e`, and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            s, ps = self.actor.condition("source")
            t, pt = self.actor.condition("target")
            conds.append(f"({s} OR {t})")
            params += ps + pt
        for side, spec in (("source", self.source), ("target", self.target)):
            if spec:
                c, p = spec.condition(side)
                conds.append(c)
                params += p
        if self.since is not None:
            conds.append("e.date >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append("e.date <= ?")
            params.append(self.until)
        if self.cameo:
            conds.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.quad is not None:
            conds.append("e.quad_class = ?")
            params.append(self.quad)
        if self.doc_id is not None:
            conds.append("e.doc_id = ?")
            params.append(self.doc_id)
        if not self.include_flagged:
            conds.append("NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)")
        return conds, params


def _where_sql(conds: list[str]) -> str:
    return ("WHERE " + "\n      AND ".join(conds)) if conds else ""


# The measures shared by dyad series and top dyads, over the CTE `ev` (one row per event).
_MEASURES = """
        count(*) AS events,
        count(*) FILTER (WHERE ev.quad_class = 1) AS verbal_coop,
        count(*) FILTER (WHERE ev.quad_class = 2) AS material_coop,
        count(*) FILTER (WHERE ev.quad_class = 3) AS verbal_conflict,
        count(*) FILTER (WHERE ev.quad_class = 4) AS material_conflict,
        sum(ev.goldstein) AS goldstein_sum,
        avg(ev.goldstein) AS goldstein_mean
"""
_INDEX = ("(p.verbal_coop + p.material_coop - p.verbal_conflict - p.material_conflict)"
          "::DOUBLE / nullif(p.events, 0)")


def dyad_series(a: ActorSpec, b: ActorSpec, *, by: str = "month", directed: bool = False,
                since: date | None = None, until: date | None = None,
                include_flagged: bool = False) -> Query:
    """Per period: events, mentions, sources, quad-class counts, Goldstein sum and mean, index.

    Directed: `a` is the source and `b` the target. Undirected: either way round. Periods
    start on their first day (weeks on Monday); every period between the first and the last
    (or `since`/`until` when given) is listed, with zero counts when nothing happened.
    """
    by = parse_period(by)
    flt = EventFilter(since=since, until=until, include_flagged=include_flagged)
    conds, params = flt.where()
    sa, pa = a.condition("source")
    tb, pb = b.condition("target")
    pair, pair_params = f"({sa} AND {tb})", pa + pb
    if not directed:
        sb, pb2 = b.condition("source")
        ta, pa2 = a.condition("target")
        pair = f"({pair} OR ({sb} AND {ta}))"
        pair_params += pb2 + pa2
    conds = ["e.date IS NOT NULL", pair, *conds]
    params = pair_params + params
    step = _STEP[by]
    sql = f"""
WITH ev AS (
    SELECT e.event_id, e.doc_id, date_trunc('{by}', e.date)::DATE AS period,
           e.quad_class, e.goldstein
    FROM events e
    {_where_sql(conds)}
),
mn AS ({MENTIONS_SQL}),
p AS (SELECT ev.period, {_MEASURES} FROM ev GROUP BY ev.period),
m AS (
    SELECT ev.period, count(*) AS mentions, count(DISTINCT mn.publisher) AS sources
    FROM ev JOIN mn ON mn.event_id = ev.event_id GROUP BY ev.period
),
bounds AS (
    SELECT coalesce(date_trunc('{by}', ?::DATE), min(period))::DATE AS lo,
           coalesce(date_trunc('{by}', ?::DATE), max(period))::DATE AS hi
    FROM p
),
span AS (
    SELECT unnest(generate_series(lo, hi, INTERVAL '{step}'))::DATE AS period
    FROM bounds WHERE lo IS NOT NULL AND hi IS NOT NULL
)
SELECT span.period,
       coalesce(p.events, 0) AS events,
       coalesce(m.mentions, 0) AS mentions,
       coalesce(m.sources, 0) AS sources,
       coalesce(p.verbal_coop, 0) AS verbal_coop,
       coalesce(p.material_coop, 0) AS material_coop,
       coalesce(p.verbal_conflict, 0) AS verbal_conflict,
       coalesce(p.material_conflict, 0) AS material_conflict,
       coalesce(p.goldstein_sum, 0) AS goldstein_sum,
       p.goldstein_mean,
       {_INDEX} AS coop_conflict_index
FROM span
LEFT JOIN p ON p.period = span.period
LEFT JOIN m ON m.period = span.period
ORDER BY span.period
"""
    return Query(sql, [*params, since, until])


def top_dyads(*, since: date | None = None, until: date | None = None, rank: str = "events",
              level: str = "country", directed: bool = True, sector: str | None = None,
              limit: int = 20, include_flagged: bool = False,
              include_domestic: bool = True) -> Query:
    """Dyads ranked by events (most first) or by conflict (most quad 3–4 events first).

    `level` "country" groups actors by country or group code (USA, IGO), "code" by full code
    (USAGOV). Undirected dyads are listed with the alphabetically first actor as `actor_a`.
    Only events with both actors known count. `sector` keeps actors of that sector only.
    """
    if rank not in RANKS:
        raise AnalysisError(f"unknown ranking {rank!r}: use one of {', '.join(RANKS)}")
    if level not in LEVELS:
        raise AnalysisError(f"unknown actor level {level!r}: use one of {', '.join(LEVELS)}")
    if int(limit) < 1:
        raise AnalysisError(f"bad limit {limit!r}: use a positive number")
    sector = parse_sector(sector)
    conds, params = EventFilter(since=since, until=until,
                                include_flagged=include_flagged).where()
    col = "country" if level == "country" else "code"
    src, tgt = f"e.source_{col}", f"e.target_{col}"
    conds = [f"{src} IS NOT NULL", f"{tgt} IS NOT NULL", *conds]
    sector_params: list[Any] = []
    if sector:
        conds = [sector_condition("source"), sector_condition("target"), *conds]
        sector_params = [sector, sector]
    if not include_domestic:
        conds.append(f"{src} <> {tgt}")
    a_sql, b_sql = (src, tgt) if directed else (f"least({src}, {tgt})",
                                                 f"greatest({src}, {tgt})")
    order = ("p.events DESC, p.goldstein_sum ASC" if rank == "events"
             else "(p.verbal_conflict + p.material_conflict) DESC, p.goldstein_sum ASC")
    sql = f"""
WITH ev AS (
    SELECT e.event_id, e.doc_id, {a_sql} AS actor_a, {b_sql} AS actor_b,
           e.quad_class, e.goldstein
    FROM events e
    {_where_sql(conds)}
),
mn AS ({MENTIONS_SQL}),
p AS (SELECT ev.actor_a, ev.actor_b, {_MEASURES} FROM ev GROUP BY ev.actor_a, ev.actor_b),
m AS (
    SELECT ev.actor_a, ev.actor_b, count(*) AS mentions,
           count(DISTINCT mn.publisher) AS sources
    FROM ev JOIN mn ON mn.event_id = ev.event_id GROUP BY ev.actor_a, ev.actor_b
)
SELECT p.actor_a, p.actor_b, p.events, m.mentions, m.sources,
       p.verbal_conflict + p.material_conflict AS conflict_events,
       p.verbal_coop, p.material_coop, p.verbal_conflict, p.material_conflict,
       p.goldstein_sum, p.goldstein_mean, {_INDEX} AS coop_conflict_index
FROM p JOIN m USING (actor_a, actor_b)
ORDER BY {order}, p.actor_a, p.actor_b
LIMIT ?
"""
    return Query(sql, [*sector_params, *params, int(limit)])


def events_query(flt: EventFilter, *, limit: int | None = None) -> Query:
    """Stored events matching `flt`, with their article's publisher, URL and title."""
    conds, params = flt.where()
    sql = f"""
SELECT e.* EXCLUDE (event_seq), a.source AS publisher, a.url, a.title
FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id
{_where_sql(conds)}
ORDER BY e.date NULLS LAST, e.doc_id, e.event_seq
"""
    if limit is not None:
        sql += "LIMIT ?"
        params = [*params, max(0, int(limit))]
    return Query(sql, params)
