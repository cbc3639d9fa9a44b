"""Every SQL statement of `dyads serve`, in one place, parameterized (no value is pasted in).

Each function takes a connection (a per-request DuckDB cursor, or a
`dyads.dialect.PgConnection` in one read-only snapshot) and returns plain dicts, ready for
JSON. The SQL is the dialect DuckDB and PostgreSQL 15 share. Identifiers that depend on the
request (sort columns, period names) come only from the whitelists below; values always
travel as `?` parameters. Dates are publication dates, as in `dyads dyad`
(dyads/aggregate.py); the event's own date is shown with each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import duckdb

from dyads.aggregate import (
    ActorSpec,
    AnalysisError,
    EventFilter,
    dyad_series,
    sector_has,
    span_sql,
    top_dyads,
    trunc,
)
from dyads.cameo import ontology
from dyads.store import _EVENT_COLUMNS

MAX_PAGE_SIZE = 500
#: sort key -> SQL expression (a whitelist: the request only ever picks a key)
SORTS = {
    "date": "e.date", "event_date": "e.event_date", "source": "e.source_code",
    "target": "e.target_code", "cameo": "e.cameo", "goldstein": "e.goldstein",
    "quad": "e.quad_class", "place": "e.place_name", "doc": "e.doc_id",
}
PERIODS = ("day", "week", "month", "quarter", "year")
_STEP = {"day": 1, "week": 7}

# The columns of an event in lists (the events table, dyad bars, recent events).
_LIST_COLUMNS = """
    e.event_id, e.doc_id, e.sentence_index, e.date, e.event_date, e.event_date_end,
    e.date_granularity, e.date_text,
    e.source_code, e.source_country, e.source_sector, e.source_text,
    e.target_code, e.target_country, e.target_sector, e.target_text,
    e.cameo, e.cameo_root, e.cameo_name, e.goldstein, e.quad_class, e.plover_type,
    e.trigger, e.sentence, e.place_name, e.place_country, e.negated, e.hypothetical,
    a.source AS publisher, a.title, a.url, m.global_id, u.num_mentions
"""
_LIST_JOINS = """
    LEFT JOIN articles a ON a.doc_id = e.doc_id
    LEFT JOIN mentions m ON m.event_id = e.event_id
    LEFT JOIN unique_events u ON u.global_id = m.global_id
"""
# Full rows (event detail, evidence of mentions, article view).
_DETAIL_COLUMNS = (", ".join(f"e.{c}" for c in _EVENT_COLUMNS if c != "event_seq")
                   + ", a.source AS publisher, a.title, a.url")


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


# -- validation against what exists ---------------------------------------------------------


@cache
def bundled_actor_codes() -> frozenset[str]:
    """Country and group codes of the bundled actor knowledge base (USA, IGO...)."""
    codes: set[str] = set()
    for name, col in (("countries.tsv", 0), ("groups.tsv", 1)):
        text = resources.files("dyads").joinpath(f"data/actors/{name}").read_text("utf-8")
        rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
        codes |= {r[col] for r in rows[1:] if len(r) > col and len(r[col]) == 3}
    return frozenset(codes)


def stored_actor_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Country or group codes that occur in the store (either side)."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT source_country FROM events WHERE source_country IS NOT NULL "
        "UNION SELECT DISTINCT target_country FROM events WHERE target_country IS NOT NULL"
    ).fetchall()}


def check_cameo(code: str | None) -> str | None:
    """A known CAMEO code or root ("16", "163"), else AnalysisError."""
    if code is None or code.strip() == "":
        return None
    value = code.strip()
    if not re.fullmatch(r"\d{2,4}", value):
        raise AnalysisError(f"bad CAMEO code {code!r}: use 2 to 4 digits (16, 163)")
    if value not in ontology():
        raise AnalysisError(f"unknown CAMEO code {code!r}")
    return value


def check_actor(code: str | None, known: set[str] | frozenset[str],
                sector: str | None = None) -> ActorSpec | None:
    """An actor code of a known country or group (USA, USAGOV, IGOUNO), else AnalysisError."""
    if code is None or code.strip() == "":
        return None
    spec = ActorSpec.parse(code, sector)
    if spec.code[:3] not in known:
        raise AnalysisError(f"unknown actor code {code!r}: no such country or group code "
                            f"{spec.code[:3]!r} in this store or the actor knowledge base")
    return spec


# -- event search (events table, CSV, dyad bars) ---------------------------------------------


@dataclass(frozen=True)
class EventSearch:
    """The filters of the events table. `flt` holds those shared with `dyads events`."""

    flt: EventFilter = field(default_factory=EventFilter)
    sector: str | None = None  # without an actor: either side has this sector
    country: str | None = None  # the country of the event's place (ISO alpha-3)
    place: str | None = None  # part of the place name, any case
    text: str | None = None  # part of the sentence, trigger or title, any case
    pair: tuple[ActorSpec, ActorSpec] | None = None  # a dyad
    directed: bool = False
    period: tuple[date, date] | None = None  # half-open [start, end) on the publication date

    def where(self) -> tuple[str, list[Any]]:
        conds, params = self.flt.where()
        if self.sector and not (self.flt.actor or self.flt.source or self.flt.target):
            conds.append(f"({sector_has('e.source_sector')} OR "
                         f"{sector_has('e.target_sector')})")
            params += [self.sector, self.sector]
        if self.country:
            conds.append("e.place_country = ?")
            params.append(self.country)
        if self.place:
            conds.append("strpos(lower(e.place_name), lower(?)) > 0")
            params.append(self.place)
        if self.text:
            conds.append("(strpos(lower(e.sentence), lower(?)) > 0 OR "
                         "strpos(lower(e.trigger), lower(?)) > 0 OR e.doc_id IN "
                         "(SELECT doc_id FROM articles WHERE strpos(lower(title), lower(?)) > 0))")
            params += [self.text] * 3
        if self.pair:
            a, b = self.pair
            sa, pa = a.condition("source")
            tb, pb = b.condition("target")
            cond, cparams = f"({sa} AND {tb})", pa + pb
            if not self.directed:
                sb, pb2 = b.condition("source")
                ta, pa2 = a.condition("target")
                cond, cparams = f"({cond} OR ({sb} AND {ta}))", cparams + pb2 + pa2
            conds.append(cond)
            params += cparams
        if self.period:
            conds.append("e.date >= ? AND e.date < ?")
            params += list(self.period)
        return ("WHERE " + " AND ".join(conds)) if conds else "", params


def _order(sort: str, desc: bool) -> str:
    if sort not in SORTS:
        raise AnalysisError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    way = "DESC" if desc else "ASC"
    return f"{SORTS[sort]} {way} NULLS LAST, e.doc_id {way}, e.event_seq {way}"


def search_events(con: duckdb.DuckDBPyConnection, search: EventSearch, *, page: int = 1,
                  page_size: int = 50, sort: str = "date",
                  desc: bool = False) -> dict[str, Any]:
    """One page of matching events, and how many match in all."""
    where, params = search.where()
    order = _order(sort, desc)
    total = _one(con, f"SELECT count(*) FROM events e {where}", params)
    sql = f"""
WITH page AS (
    SELECT e.* FROM events e {where} ORDER BY {order} LIMIT ? OFFSET ?
)
SELECT {_LIST_COLUMNS} FROM page e {_LIST_JOINS}
ORDER BY {order}
"""
    items = _rows(con.execute(sql, [*params, page_size, (page - 1) * page_size]))
    return {"total": int(total or 0), "page": page, "page_size": page_size,
            "pages": max(1, -(-int(total or 0) // page_size)), "items": items}


CSV_COLUMNS = ("event_id", "doc_id", "date", "event_date", "event_date_end",
               "date_granularity", "source_code", "source_text", "target_code", "target_text",
               "cameo", "cameo_name", "goldstein", "quad_class", "plover_type", "trigger",
               "place_name", "place_country", "publisher", "title", "url", "sentence")


def iter_events_csv_rows(con: duckdb.DuckDBPyConnection, search: EventSearch, *,
                         sort: str = "date", desc: bool = False,
                         chunk: int = 5000) -> Iterator[Sequence[Any]]:
    """Every matching event as a tuple of CSV_COLUMNS, fetched a chunk at a time."""
    where, params = search.where()
    cols = ", ".join(("a.source AS publisher" if c == "publisher" else
                      f"a.{c}" if c in ("title", "url") else f"e.{c}") for c in CSV_COLUMNS)
    cur = con.execute(f"SELECT {cols} FROM events e LEFT JOIN articles a "
                      f"ON a.doc_id = e.doc_id {where} ORDER BY {_order(sort, desc)}", params)
    while rows := cur.fetchmany(chunk):
        yield from rows


# -- overview -------------------------------------------------------------------------------


def date_range(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    row = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    return (row[0], row[1]) if row else (None, None)


def auto_period(since: date | None, until: date | None) -> str:
    """day for up to four months, week for up to three years, else month."""
    if since is None or until is None:
        return "month"
    days = (until - since).days
    return "day" if days <= 120 else "week" if days <= 3 * 366 else "month"


def quad_series(con: duckdb.DuckDBPyConnection, *, by: str, since: date | None,
                until: date | None) -> list[dict[str, Any]]:
    """Asserted events per period by quad class, every period listed (zeros included)."""
    if by not in PERIODS:
        raise AnalysisError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    conds, params = EventFilter(since=since, until=until).where()
    where = " AND ".join(["e.date IS NOT NULL", *conds])
    sql = f"""
WITH p AS (
    SELECT {trunc("e.date", by)} AS period, count(*) AS events,
           count(*) FILTER (WHERE e.quad_class = 1) AS verbal_coop,
           count(*) FILTER (WHERE e.quad_class = 2) AS material_coop,
           count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
           count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
           avg(e.goldstein) AS goldstein_mean
    FROM events e WHERE {where} GROUP BY 1
),
{span_sql(by)}
SELECT span.period, coalesce(p.events, 0) AS events,
       coalesce(p.verbal_coop, 0) AS verbal_coop,
       coalesce(p.material_coop, 0) AS material_coop,
       coalesce(p.verbal_conflict, 0) AS verbal_conflict,
       coalesce(p.material_conflict, 0) AS material_conflict, p.goldstein_mean
FROM span LEFT JOIN p USING (period) ORDER BY span.period
"""
    return _rows(con.execute(sql, [*params, since, until]))


def top_dyad_rows(con: duckdb.DuckDBPyConnection, *, since: date | None, until: date | None,
                  limit: int = 10) -> list[dict[str, Any]]:
    """The busiest undirected dyads between two different countries or groups."""
    return _rows(top_dyads(since=since, until=until, directed=False, include_domestic=False,
                           limit=limit).run(con))


def top_actors(con: duckdb.DuckDBPyConnection, *, since: date | None, until: date | None,
               limit: int = 10) -> list[dict[str, Any]]:
    """Countries and groups in the most asserted events, as source or target."""
    conds, params = EventFilter(since=since, until=until).where()
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    sql = f"""
WITH ev AS (SELECT e.source_country, e.target_country, e.goldstein FROM events e {where}),
sides AS (
    SELECT source_country AS actor, 1 AS as_source, 0 AS as_target, goldstein FROM ev
    WHERE source_country IS NOT NULL
    UNION ALL
    SELECT target_country, 0, 1, goldstein FROM ev WHERE target_country IS NOT NULL
)
SELECT actor, count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target,
       avg(goldstein) AS goldstein_mean
FROM sides GROUP BY actor ORDER BY events DESC, actor LIMIT ?
"""
    return _rows(con.execute(sql, [*params, limit]))


def recent_events(con: duckdb.DuckDBPyConnection, *, since: date | None, until: date | None,
                  limit: int = 10) -> list[dict[str, Any]]:
    search = EventSearch(EventFilter(since=since, until=until))
    return search_events(con, search, page_size=limit, sort="date", desc=True)["items"]


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM unique_events), (SELECT min(date) FROM events), "
        "(SELECT max(date) FROM events)").fetchone()
    keys = ("articles", "events", "unique_events", "first_date", "last_date")
    return dict(zip(keys, row, strict=True)) if row else {}


# -- dyads and network ----------------------------------------------------------------------


def dyad_rows(con: duckdb.DuckDBPyConnection, a: ActorSpec, b: ActorSpec, *, by: str,
              since: date | None, until: date | None,
              directed: bool) -> list[dict[str, Any]]:
    # the dashboard lists stored mentions by publication date throughout (the bar's events,
    # the events table), so its dyad chart counts the same rows
    return _rows(dyad_series(a, b, by=by, since=since, until=until, directed=directed,
                             count="mentions", date_of="publication").run(con))


def period_end(start: date, by: str) -> date:
    """The first day after the period that starts on `start`."""
    if by in _STEP:
        return start + timedelta(days=_STEP[by])
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1)


def period_start(day: date, by: str) -> date:
    """The first day of the period holding `day` (weeks start on Monday)."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def network(con: duckdb.DuckDBPyConnection, *, since: date | None, until: date | None,
            quad: int | None, limit: int) -> dict[str, Any]:
    """Undirected edges between countries or groups (the busiest `limit`), and their nodes."""
    conds, params = EventFilter(since=since, until=until, quad=quad).where()
    conds = ["e.source_country IS NOT NULL", "e.target_country IS NOT NULL",
             "e.source_country <> e.target_country", *conds]
    sql = f"""
SELECT least(e.source_country, e.target_country) AS a,
       greatest(e.source_country, e.target_country) AS b,
       count(*) AS events, avg(e.goldstein) AS goldstein_mean,
       count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict_events
FROM events e WHERE {' AND '.join(conds)}
GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?
"""
    edges = _rows(con.execute(sql, [*params, limit]))
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for side in ("a", "b"):
            node = nodes.setdefault(edge[side], {"id": edge[side], "events": 0,
                                                 "goldstein_sum": 0.0})
            node["events"] += edge["events"]
            node["goldstein_sum"] += (edge["goldstein_mean"] or 0.0) * edge["events"]
    for node in nodes.values():
        node["goldstein_mean"] = node.pop("goldstein_sum") / node["events"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
            "edges": edges}


def actor_list(con: duckdb.DuckDBPyConnection, limit: int = 300) -> list[dict[str, Any]]:
    """Countries and groups in the store, busiest first (for pickers)."""
    return _rows(con.execute("""
SELECT actor, count(*) AS events FROM (
    SELECT source_country AS actor FROM events WHERE source_country IS NOT NULL
    UNION ALL SELECT target_country FROM events WHERE target_country IS NOT NULL
) sides GROUP BY actor ORDER BY events DESC, actor LIMIT ?""", [limit]))


# -- one event, one article -----------------------------------------------------------------


def event_row(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(con.execute(f"SELECT {_DETAIL_COLUMNS} FROM events e LEFT JOIN articles a "
                             "ON a.doc_id = e.doc_id WHERE e.event_id = ?", [event_id]))
    return rows[0] if rows else None


def merged_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The de-duplicated event this stored event is a mention of (None if it is none's)."""
    rows = _rows(con.execute("SELECT u.* FROM mentions m JOIN unique_events u "
                             "USING (global_id) WHERE m.event_id = ?", [event_id]))
    return rows[0] if rows else None


def mention_rows(con: duckdb.DuckDBPyConnection, global_id: str) -> list[dict[str, Any]]:
    """Every mention of a merged event: its own stored event row and its article."""
    return _rows(con.execute(
        f"SELECT {_DETAIL_COLUMNS} FROM mentions m JOIN events e USING (event_id) "
        "LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE m.global_id = ? "
        "ORDER BY a.date NULLS LAST, e.doc_id, e.sentence_index, e.event_seq", [global_id]))


def article_row(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    rows = _rows(con.execute("SELECT doc_id, title, date, url, source AS publisher, path, text, "
                             "n_sentences, coded_at FROM articles WHERE doc_id = ?", [doc_id]))
    return rows[0] if rows else None


def article_sentences(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    return _rows(con.execute("SELECT sentence_index, text, is_headline FROM sentences "
                             "WHERE doc_id = ? ORDER BY sentence_index", [doc_id]))


def article_events(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    return _rows(con.execute(
        "SELECT event_id, sentence_index, source_code, source_start, source_end, "
        "target_code, target_start, target_end, cameo, cameo_name, quad_class, goldstein, "
        "trigger, trigger_start, trigger_end, negated, hypothetical FROM events "
        "WHERE doc_id = ? ORDER BY sentence_index, event_seq", [doc_id]))
