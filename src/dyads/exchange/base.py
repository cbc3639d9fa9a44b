"""What every export shares: the selected events with their article facts, and writers.

`export_relation(flt)` gives SQL for a CTE chain ending in `x`: one row per selected event
with its store columns plus `publisher`, `url`, `title`, `coded_at`, `doc_len`,
`n_mentions`, `n_sources`, `n_articles` (from the mentions relation, see
`dyads.aggregate.MENTIONS_SQL`) and `is_lead` (headline or first body sentence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dyads.aggregate import MENTIONS_SQL, EventFilter
from dyads.exchange import names


def export_relation(flt: EventFilter) -> tuple[str, list[Any]]:
    conds, params = flt.where()
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    sql = f"""
WITH ev AS (SELECT e.* FROM events e {where}),
mn AS ({MENTIONS_SQL}),
mc AS (
    SELECT event_id, count(*) AS n_mentions, count(DISTINCT publisher) AS n_sources,
           count(DISTINCT article) AS n_articles
    FROM mn GROUP BY event_id
),
lead AS (
    SELECT doc_id, min(sentence_index) FILTER (WHERE NOT coalesce(is_headline, false))
           AS first_body
    FROM sentences WHERE doc_id IN (SELECT doc_id FROM ev) GROUP BY doc_id
),
x AS (
    SELECT ev.*, a.source AS publisher, a.url, a.title, a.coded_at,
           length(a.text) AS doc_len, mc.n_mentions, mc.n_sources, mc.n_articles,
           (coalesce(ev.headline, false) OR ev.sentence_index = lead.first_body) AS is_lead
    FROM ev
    LEFT JOIN articles a ON a.doc_id = ev.doc_id
    LEFT JOIN mc ON mc.event_id = ev.event_id
    LEFT JOIN lead ON lead.doc_id = ev.doc_id
)
"""
    return sql, params


ORDER = "ORDER BY x.date NULLS LAST, x.doc_id, x.event_seq"


def clean(expr: str) -> str:
    """SQL: text with tabs and line breaks turned into spaces (for unquoted TSV)."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def int_id(expr: str) -> str:
    """SQL: a stable positive 60-bit integer id: the first 15 hex digits of md5(expr)."""
    return f"('0x' || left(md5({expr}), 15))::BIGINT"


def copy_tsv(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], path: Path,
             *, header: bool) -> int:
    """Write the query as unquoted tab-separated text; return the number of rows."""
    return copy_to(con, sql, params, path,
                   f"FORMAT csv, DELIMITER '\\t', HEADER {str(header).lower()}, QUOTE ''")


def copy_to(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], path: Path,
            options: str) -> int:
    """COPY the query to `path`; return the number of rows written (COPY reports it)."""
    row = con.execute(f"COPY ({sql}) TO '{_path_literal(path)}' ({options})", params).fetchone()
    return int(row[0]) if row else 0


def _path_literal(path: Path) -> str:
    return str(path).replace("'", "''")


def register_actor_names(con: duckdb.DuckDBPyConnection) -> str:
    """Register a view `dyads_actor_names` of every stored actor (code, country, sector)

    with its `name` (ICEWS style: "United States", "Government (United States)", "United
    Nations"; null when we have no name), `country_name` (null for groups and unknown
    countries) and `sectors` (comma-separated sector names). Returns the view name.
    """
    actors = con.execute(
        "SELECT DISTINCT source_code, source_country, source_sector FROM events "
        "UNION SELECT DISTINCT target_code, target_country, target_sector FROM events"
    ).fetchall()
    countries, groups, sectors = names.country_names(), names.group_names(), names.sector_names()
    rows = []
    for code, country, sector in actors:
        chunks = [sector[i:i + 3] for i in range(0, len(sector or ""), 3)]
        sector_label = ",".join(sectors.get(c, c) for c in chunks) or None
        country_name = countries.get(country) if country else None
        if country and country not in countries:  # a group class: IGO, NGO...
            base = groups.get(code) if code else None
            base = base or (groups.get(code[:-3]) if code and len(code) > 6 else None)
            name = base
        elif country_name and sector_label:
            name = f"{sectors.get(chunks[0], chunks[0])} ({country_name})"
        else:
            name = country_name or (sector_label if not country else None)
        rows.append((code, country, sector, name, country_name, sector_label))
    frame = pd.DataFrame(rows, columns=["code", "country", "sector", "name", "country_name",
                                        "sectors"], dtype="object")
    con.register("dyads_actor_names", frame)
    return "dyads_actor_names"


def actor_join(side: str, alias: str) -> str:
    """SQL: LEFT JOIN of `dyads_actor_names` for one side of the events in `x`."""
    return (f"LEFT JOIN dyads_actor_names {alias} ON "
            f"{alias}.code IS NOT DISTINCT FROM x.{side}_code AND "
            f"{alias}.country IS NOT DISTINCT FROM x.{side}_country AND "
            f"{alias}.sector IS NOT DISTINCT FROM x.{side}_sector")
