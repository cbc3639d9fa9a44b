"""Dyad time series and top dyads: SQL over the event store, in DuckDB or PostgreSQL.

Every function here builds one SQL statement (a `Query`: text + parameters) and runs it in
the database, so the work stays there and scales to millions of events. The SQL is the
dialect DuckDB and PostgreSQL 15 share (`dyads.dialect`), with `?` parameters; a `Query`
runs on a DuckDB connection or a `dyads.dialect.PgConnection`.

Counting rules (see README, "Analysis"):

- **events** (`count="events"`, the default): de-duplicated events. Where the store has
  merged a stored event into `unique_events` (dyads/dedup.py), the merged event counts once,
  with the attributes of its first mention (its `global_id`), the dates and place the merge
  gave it, and all its rows of the `mentions` table. A stored event the store did not merge
  (negated or hypothetical ones, which are never merged, and events written with
  `--no-dedup`) counts as an event of its own with one mention, its own article.
- **events** with `count="mentions"`: every stored event row counts, each with one mention.
- **mentions**: the mentions of the counted events; **sources**: distinct publishers over
  those mentions (articles whose publisher is unknown are not counted); **articles**:
  distinct articles over them.
- **dates** (`date_of="event"`, the default): the event's own date, `event_date`. The store
  fills it from the time phrase of the event (dyads/timex.py) or, when the sentence has none,
  with the publication date (granularity "publication", dyads/situate.py); a merged event
  starts on the first day of its merged dates. An event whose `event_date` is null (no
  publication date and no absolute date in the text, or a row stored before dates existed)
  has no date: it never enters a time series and is dropped by `since`/`until`. A period
  counts an event dated by a range (a month, "last week") on its first day.
  `date_of="publication"` uses the article's publication date instead (for a merged event,
  the first publication date of its mentions, `first_seen`).
- **cooperation–conflict index**: (cooperative events − conflictual events) / events, where
  cooperative means quad class 1 or 2 and conflictual quad class 3 or 4. It runs from −1 (all
  conflict) to +1 (all cooperation) and is null for a period without events.
- Only asserted events (not negated, not hypothetical) unless `include_flagged`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyads.store import _EVENT_COLUMNS

PERIODS = ("day", "week", "month", "quarter", "year")
_STEP = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months",
         "year": "1 year"}
RANKS = ("events", "conflict")
LEVELS = ("country", "code")

#: Group classes that stand in the country column for international bodies (not ISO codes).
GROUP_CLASSES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO"})

_CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")

COUNTS = ("events", "mentions")
DATES = ("event", "publication")

# Per merged event of more than one mention among `ev0`: the mention whose own dates are the
# event's (its granularity and time phrase), and a mention that names the event's place.
_MERGED = "u.global_id IN (SELECT unit_id FROM ev0 WHERE u_n > 1)"
_DATED_SQL = f"""
    SELECT DISTINCT ON (u.global_id) u.global_id, e.date_granularity, e.date_text,
           e.event_date_end IS NOT DISTINCT FROM u.event_date_end AS same_end
    FROM unique_events u JOIN mentions m ON m.global_id = u.global_id
    JOIN events e ON e.event_id = m.event_id
    WHERE {_MERGED} AND e.event_date = u.event_date
    ORDER BY u.global_id, e.date_granularity = 'publication', e.event_id
"""
_PLACE_COLUMNS = ("place_geonameid", "place_name", "place_country", "place_admin1",
                  "place_lat", "place_lon", "place_feature", "place_text")
_PLACED_SQL = f"""
    SELECT DISTINCT ON (u.global_id) u.global_id,
           {", ".join(f"e.{c}" for c in _PLACE_COLUMNS)}
    FROM unique_events u JOIN mentions m ON m.global_id = u.global_id
    JOIN events e ON e.event_id = m.event_id
    WHERE {_MERGED} AND e.place_geonameid = u.place_geonameid
    ORDER BY u.global_id, e.event_id
"""
# A merged event of several mentions takes the merged dates and place; a single mention's
# own values are already those.
_MANY = "e.u_n > 1"
_REPLACE = {  # column -> its value in `ev`
    "event_date": f"CASE WHEN {_MANY} THEN e.u_start ELSE e.event_date END",
    "event_date_end": f"CASE WHEN {_MANY} THEN e.u_end ELSE e.event_date_end END",
    "date_granularity": f"CASE WHEN NOT {_MANY} OR e.u_start IS NULL THEN e.date_granularity "
    "WHEN d.same_end THEN d.date_granularity ELSE 'range' END",
    "date_text": f"CASE WHEN NOT {_MANY} OR e.u_start IS NULL THEN e.date_text "
    "ELSE d.date_text END",
    **{c: f"CASE WHEN p.global_id IS NULL THEN e.{c} ELSE p.{c} END" for c in _PLACE_COLUMNS}}
#: The columns of `ev` (see `EventFilter.selection`), spelled out (portable SQL has no
#: EXCLUDE/REPLACE): every events column, with the merged dates and place put in, then
#: unit_id and day; the helpers u_start, u_end and u_n are left out.
_EV_SELECT = ", ".join(f"{_REPLACE[c]} AS {c}" if c in _REPLACE else f"e.{c}"
                       for c in (*_EVENT_COLUMNS, "unit_id", "day"))
_UNMERGED = "NOT EXISTS (SELECT 1 FROM mentions m0 WHERE m0.event_id = e.event_id)"


def units_sql(count: str = "events", date_of: str = "event") -> str:
    """SQL: the CTE `unit` (no leading WITH, a trailing comma).

    `unit`: one row per counted event, with every column of `events` (for a merged event:
    those of its first mention), plus `unit_id` (the merged event's `global_id`, else the
    stored event's `event_id`), `day` (the date counted: see the module docstring) and the
    merged event's dates and number of mentions (`u_start`, `u_end`, `u_n`; null for an
    unmerged row), which `EventFilter.selection` applies.
    """
    count, date_of = parse_count(count), parse_date_of(date_of)
    if count == "mentions":
        day = "e.event_date" if date_of == "event" else "e.date"
        return f"""
unit AS (SELECT e.*, e.event_id AS unit_id, {day} AS day, NULL::DATE AS u_start,
                NULL::DATE AS u_end, NULL::INTEGER AS u_n FROM events e),
"""
    merged_day, own_day = (("u.event_date", "e.event_date") if date_of == "event"
                           else ("u.first_seen", "e.date"))
    return f"""
unit AS (
    SELECT e.*, u.global_id AS unit_id, {merged_day} AS day, u.event_date AS u_start,
           u.event_date_end AS u_end, u.num_mentions AS u_n
    FROM unique_events u JOIN events e ON e.event_id = u.global_id
    UNION ALL
    SELECT e.*, e.event_id AS unit_id, {own_day} AS day, NULL::DATE AS u_start,
           NULL::DATE AS u_end, NULL::INTEGER AS u_n FROM events e WHERE {_UNMERGED}
),
"""


class AnalysisError(ValueError):
    """Bad input to an analysis (actor code, period, dates...); the message is one line."""


@dataclass(frozen=True)
class Query:
    """A SQL statement with its parameters, run on a DuckDB connection or a
    `dyads.dialect.PgConnection` (anything with `execute(sql, params)`)."""

    sql: str
    params: list[Any] = field(default_factory=list)

    def run(self, con: Any) -> Any:
        return con.execute(self.sql, self.params)

    def df(self, con: Any):
        """The result as a pandas DataFrame."""
        return self.run(con).df()

    def pl(self, con: Any):
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
    """SQL: the 3-letter sector `?` is one of the side's sectors (sectors stack: GOVMIL).

    "GOVMIL" becomes "|GOV|MIL|", which holds "|GOV|" (portable: no list functions)."""
    return sector_has(f"e.{side}_sector")


def sector_has(column: str) -> str:
    """SQL: the 3-letter sector `?` is one of the sectors stacked in `column`."""
    return (f"strpos('|' || regexp_replace(coalesce({column}, ''), '(...)', '\\1|', 'g'), "
            "'|' || ? || '|') > 0")


def parse_period(by: str) -> str:
    value = (by or "").strip().lower()
    if value not in PERIODS:
        raise AnalysisError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return value


def parse_count(count: str) -> str:
    value = (count or "").strip().lower()
    if value not in COUNTS:
        raise AnalysisError(f"unknown count {count!r}: use events (de-duplicated) or "
                            "mentions (every stored event)")
    return value


def parse_date_of(date_of: str) -> str:
    value = (date_of or "").strip().lower()
    if value not in DATES:
        raise AnalysisError(f"unknown date {date_of!r}: use event (the event's own date) or "
                            "publication (the article's)")
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
    """Which events an analysis or export uses (every given filter must hold), and how they
    are counted and dated (`count`, `date_of`: see the module docstring).

    Filters apply to the counted event: for a merged event, to its first mention's actors
    and code, and to its merged date; `doc_id` keeps the events that article mentions.
    """

    actor: ActorSpec | None = None  # either side
    source: ActorSpec | None = None
    target: ActorSpec | None = None
    since: date | None = None  # inclusive, on the counted date; drops undated events
    until: date | None = None  # inclusive, on the counted date; drops undated events
    cameo: str | None = None  # code prefix: "16" = root 16
    quad: int | None = None
    doc_id: str | None = None
    include_flagged: bool = False  # also negated and hypothetical events
    count: str = "events"  # "events": de-duplicated; "mentions": every stored event
    date_of: str = "event"  # "event": event_date; "publication": the article's date

    @classmethod
    def build(cls, *, actor: str | None = None, source: str | None = None,
              target: str | None = None, sector: str | None = None,
              since: date | str | None = None, until: date | str | None = None,
              cameo: str | None = None, quad: int | None = None, doc_id: str | None = None,
              include_flagged: bool = False, count: str = "events",
              date_of: str = "event") -> EventFilter:
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
                   include_flagged=include_flagged, count=parse_count(count),
                   date_of=parse_date_of(date_of))

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over the events TABLE aliased `e` (publication date `e.date`, the
        article's own rows; `count` and `date_of` do not apply), and their parameters. The
        analysis and exports use `unit_where` over the counted events instead."""
        return self._conditions("e.date", ("e.doc_id = ?", 1))

    def unit_where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over the `unit` relation aliased `e` (see `units_sql`): dates on
        the counted date `e.day`; `doc_id` keeps the events the article reports (first
        mentioned there or not). Returns the conditions and their parameters."""
        doc = (("e.doc_id = ?", 1) if self.count == "mentions" else
               ("(e.doc_id = ? OR e.unit_id IN "
                "(SELECT m.global_id FROM mentions m WHERE m.doc_id = ?))", 2))
        return self._conditions("e.day", doc)

    def _conditions(self, day: str, doc: tuple[str, int]) -> tuple[list[str], list[Any]]:
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
            conds.append(f"{day} >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append(f"{day} <= ?")
            params.append(self.until)
        if self.cameo:
            conds.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.quad is not None:
            conds.append("e.quad_class = ?")
            params.append(self.quad)
        if self.doc_id is not None:
            conds.append(doc[0])
            params += [self.doc_id] * doc[1]
        if not self.include_flagged:
            conds.append("NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)")
        return conds, params

    def selection(self, conds: list[str] | None = None,
                  params: list[Any] | None = None) -> tuple[str, list[Any]]:
        """SQL `WITH unit, ev0, mn, dated, placed, ev AS (...)`: `ev` the counted events
        this filter keeps (and `conds` over `unit e`, before the filter's own), with the
        merged dates and place; `mn` their mentions (`unit_id`, `event_id`, `article`,
        `publisher`). Ready for more CTEs after a comma."""
        own, own_params = self.unit_where()
        sql = f"""WITH {units_sql(self.count, self.date_of)}
ev0 AS (SELECT e.* FROM unit e {_where_sql([*(conds or []), *own])}),
mn AS (
    SELECT m.global_id AS unit_id, m.event_id, m.doc_id AS article, m.publisher
    FROM mentions m WHERE m.global_id IN (SELECT unit_id FROM ev0 WHERE u_n IS NOT NULL)
    UNION ALL
    SELECT e.unit_id, e.event_id, e.doc_id, a.source
    FROM ev0 e LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE e.u_n IS NULL
),
dated AS ({_DATED_SQL}),
placed AS ({_PLACED_SQL}),
ev AS (
    SELECT {_EV_SELECT}
    FROM ev0 e LEFT JOIN dated d ON d.global_id = e.unit_id
    LEFT JOIN placed p ON p.global_id = e.unit_id
)"""
        return sql, [*(params or []), *own_params]


def trunc(expr: str, by: str) -> str:
    """SQL: the first day of the period (`by`) holding the date `expr` (weeks: Monday)."""
    return f"date_trunc('{by}', ({expr})::TIMESTAMP)::DATE"


def span_sql(by: str) -> str:
    """SQL: the CTEs `bounds` (from the `?` since, else the first `period` of the CTE `p`;
    to the `?` until, else its last) and `span`, one row per `period` between them."""
    return f"""bounds AS (
    SELECT coalesce({trunc("?::DATE", by)}, min(period)) AS lo,
           coalesce({trunc("?::DATE", by)}, max(period)) AS hi
    FROM p
),
span AS (
    SELECT g::DATE AS period
    FROM bounds, generate_series(bounds.lo::TIMESTAMP, bounds.hi::TIMESTAMP,
                                 INTERVAL '{_STEP[by]}') AS t(g)
    WHERE lo IS NOT NULL AND hi IS NOT NULL
)"""


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
          "::DOUBLE PRECISION / nullif(p.events, 0)")


def dyad_series(a: ActorSpec, b: ActorSpec, *, by: str = "month", directed: bool = False,
                since: date | None = None, until: date | None = None,
                include_flagged: bool = False, count: str = "events",
                date_of: str = "event") -> Query:
    """Per period: events, mentions, sources, articles, quad-class counts, Goldstein sum and
    mean, index.

    Directed: `a` is the source and `b` the target. Undirected: either way round. Periods
    start on their first day (weeks on Monday); every period between the first and the last
    (or `since`/`until` when given) is listed, with zero counts when nothing happened. Events
    are counted and dated as `count` and `date_of` say (see the module docstring).
    """
    by = parse_period(by)
    flt = EventFilter(since=since, until=until, include_flagged=include_flagged,
                      count=parse_count(count), date_of=parse_date_of(date_of))
    sa, pa = a.condition("source")
    tb, pb = b.condition("target")
    pair, pair_params = f"({sa} AND {tb})", pa + pb
    if not directed:
        sb, pb2 = b.condition("source")
        ta, pa2 = a.condition("target")
        pair = f"({pair} OR ({sb} AND {ta}))"
        pair_params += pb2 + pa2
    selection, params = flt.selection(["e.day IS NOT NULL", pair], pair_params)
    sql = f"""
{selection},
pe AS (SELECT ev.*, {trunc("ev.day", by)} AS period FROM ev),
p AS (SELECT pe.period, {_MEASURES.replace("ev.", "pe.")} FROM pe GROUP BY pe.period),
m AS (
    SELECT pe.period, count(*) AS mentions, count(DISTINCT mn.publisher) AS sources,
           count(DISTINCT mn.article) AS articles
    FROM pe JOIN mn ON mn.unit_id = pe.unit_id GROUP BY pe.period
),
{span_sql(by)}
SELECT span.period,
       coalesce(p.events, 0) AS events,
       coalesce(m.mentions, 0) AS mentions,
       coalesce(m.sources, 0) AS sources,
       coalesce(m.articles, 0) AS articles,
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
              include_domestic: bool = True, count: str = "events",
              date_of: str = "event") -> Query:
    """Dyads ranked by events (most first) or by conflict (most quad 3–4 events first).

    `level` "country" groups actors by country or group code (USA, IGO), "code" by full code
    (USAGOV). Undirected dyads are listed with the alphabetically first actor as `actor_a`.
    Only events with both actors known count. `sector` keeps actors of that sector only.
    Events are counted as `count` says; `since`/`until` apply to the date `date_of` names.
    """
    if rank not in RANKS:
        raise AnalysisError(f"unknown ranking {rank!r}: use one of {', '.join(RANKS)}")
    if level not in LEVELS:
        raise AnalysisError(f"unknown actor level {level!r}: use one of {', '.join(LEVELS)}")
    if int(limit) < 1:
        raise AnalysisError(f"bad limit {limit!r}: use a positive number")
    sector = parse_sector(sector)
    flt = EventFilter(since=since, until=until, include_flagged=include_flagged,
                      count=parse_count(count), date_of=parse_date_of(date_of))
    col = "country" if level == "country" else "code"
    src, tgt = f"e.source_{col}", f"e.target_{col}"
    conds = [f"{src} IS NOT NULL", f"{tgt} IS NOT NULL"]
    sector_params: list[Any] = []
    if sector:
        conds = [sector_condition("source"), sector_condition("target"), *conds]
        sector_params = [sector, sector]
    if not include_domestic:
        conds.append(f"{src} <> {tgt}")
    selection, params = flt.selection(conds, sector_params)
    a_sql, b_sql = (src, tgt) if directed else (f"least({src}, {tgt})",
                                                 f"greatest({src}, {tgt})")
    a_sql, b_sql = a_sql.replace("e.", "ev."), b_sql.replace("e.", "ev.")
    order = ("p.events DESC, p.goldstein_sum ASC" if rank == "events"
             else "(p.verbal_conflict + p.material_conflict) DESC, p.goldstein_sum ASC")
    sql = f"""
{selection},
de AS (SELECT ev.*, {a_sql} AS actor_a, {b_sql} AS actor_b FROM ev),
p AS (SELECT de.actor_a, de.actor_b, {_MEASURES.replace("ev.", "de.")} FROM de
      GROUP BY de.actor_a, de.actor_b),
m AS (
    SELECT de.actor_a, de.actor_b, count(*) AS mentions,
           count(DISTINCT mn.publisher) AS sources, count(DISTINCT mn.article) AS articles
    FROM de JOIN mn ON mn.unit_id = de.unit_id GROUP BY de.actor_a, de.actor_b
)
SELECT p.actor_a, p.actor_b, p.events, m.mentions, m.sources, m.articles,
       p.verbal_conflict + p.material_conflict AS conflict_events,
       p.verbal_coop, p.material_coop, p.verbal_conflict, p.material_conflict,
       p.goldstein_sum, p.goldstein_mean, {_INDEX} AS coop_conflict_index
FROM p JOIN m USING (actor_a, actor_b)
ORDER BY {order}, p.actor_a, p.actor_b
LIMIT ?
"""
    return Query(sql, [*params, int(limit)])


def events_query(flt: EventFilter, *, limit: int | None = None) -> Query:
    """The counted events matching `flt` (one row per de-duplicated event by default), with
    `global_id`, `num_mentions`, `num_sources`, `num_articles` and their (first) article's
    publisher, URL and title, ordered by the counted date."""
    selection, params = flt.selection()
    sql = f"""
{selection},
mc AS (
    SELECT unit_id, count(*) AS num_mentions, count(DISTINCT publisher) AS num_sources,
           count(DISTINCT article) AS num_articles
    FROM mn WHERE unit_id IN (SELECT unit_id FROM ev) GROUP BY unit_id
)
SELECT ev.unit_id AS global_id, {", ".join(f"ev.{c}" for c in _EVENT_COLUMNS
                                          if c != "event_seq")},
       mc.num_mentions, mc.num_sources, mc.num_articles,
       a.source AS publisher, a.url, a.title
FROM ev LEFT JOIN articles a ON a.doc_id = ev.doc_id
LEFT JOIN mc ON mc.unit_id = ev.unit_id
ORDER BY ev.day NULLS LAST, ev.doc_id, ev.event_seq
"""
    if limit is not None:
        sql += "LIMIT ?"
        params = [*params, max(0, int(limit))]
    return Query(sql, params)
