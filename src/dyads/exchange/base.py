"""What every export shares: the selected events with their article facts, and writers.

`export_relation(flt)` gives SQL for a CTE chain ending in `x`: one row per counted event
(a de-duplicated event by default, every stored event with `count="mentions"`: see
`dyads.aggregate.units_sql`) with its store columns plus `unit_id` (the merged event's
`global_id`), `day` (the date counted: the event date by default), `publisher`, `url`,
`title`, `coded_at`, `doc_len` (of its first mention's article), `n_mentions`, `n_sources`,
`n_articles`, `all_publishers` and `all_urls` (";"-joined, sorted) over its mentions, and
`is_lead` (headline or first body sentence). The CTE `mn` holds the mentions of every counted
event (`unit_id`, `event_id`, `article`, `publisher`).

Place columns for the formats, from the views `register_geo_names` makes: `place_iso2`,
`place_fips`, `place_country_name` (the GeoNames name: "Sweden", "North Korea"),
`place_state_name` (US states only: the offline gazetteer has no other admin1 names), and
`source_geo_iso2`/`_fips`, `target_geo_iso2`/`_fips`.

The SQL runs on DuckDB and PostgreSQL (`dyads.dialect`); the few spellings that differ take
the connection's dialect (`dialect_of(con)`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dyads import dialect as sqld
from dyads.aggregate import EventFilter
from dyads.dialect import DUCKDB, POSTGRES, dialect_of
from dyads.exchange import names


def export_relation(flt: EventFilter) -> tuple[str, list[Any]]:
    selection, params = flt.selection()
    sql = f"""
{selection},
mc AS (
    SELECT mn.unit_id, count(*) AS n_mentions, count(DISTINCT mn.publisher) AS n_sources,
           count(DISTINCT mn.article) AS n_articles,
           string_agg(DISTINCT {clean("mn.publisher")}, ';' ORDER BY {clean("mn.publisher")})
               AS all_publishers,
           string_agg(DISTINCT {clean("ma.url")}, ';' ORDER BY {clean("ma.url")}) AS all_urls
    FROM mn LEFT JOIN articles ma ON ma.doc_id = mn.article
    WHERE mn.unit_id IN (SELECT unit_id FROM ev) GROUP BY mn.unit_id
),
lead AS (
    SELECT doc_id, min(sentence_index) FILTER (WHERE NOT coalesce(is_headline, false))
           AS first_body
    FROM sentences WHERE doc_id IN (SELECT doc_id FROM ev) GROUP BY doc_id
),
x AS (
    SELECT ev.*, a.source AS publisher, a.url, a.title, a.coded_at,
           length(a.text) AS doc_len, mc.n_mentions, mc.n_sources, mc.n_articles,
           mc.all_publishers, mc.all_urls,
           (coalesce(ev.headline, false) OR ev.sentence_index = lead.first_body) AS is_lead,
           gp.iso2 AS place_iso2, gp.fips AS place_fips, gp.name AS place_country_name,
           CASE WHEN ev.place_country = 'USA' THEN us.name END AS place_state_name,
           gs.iso2 AS source_geo_iso2, gs.fips AS source_geo_fips,
           gt.iso2 AS target_geo_iso2, gt.fips AS target_geo_fips
    FROM ev
    LEFT JOIN articles a ON a.doc_id = ev.doc_id
    LEFT JOIN mc ON mc.unit_id = ev.unit_id
    LEFT JOIN lead ON lead.doc_id = ev.doc_id
    LEFT JOIN dyads_geo_countries gp ON gp.iso3 = ev.place_country
    LEFT JOIN dyads_us_states us ON us.code = ev.place_admin1
    LEFT JOIN dyads_geo_countries gs ON gs.iso3 = ev.source_geo_country
    LEFT JOIN dyads_geo_countries gt ON gt.iso3 = ev.target_geo_country
)
"""
    return sql, params


ORDER = "ORDER BY x.day NULLS LAST, x.doc_id, x.event_seq"


def register_geo_names(con: duckdb.DuckDBPyConnection) -> None:
    """Register the views `export_relation` reads: `dyads_geo_countries` (iso3, iso2, fips,
    GeoNames name) and `dyads_us_states` (code, name)."""
    con.execute("SELECT 1").fetchall()  # finish any pending result: register() needs that
    fips = names.iso3_to_fips()
    rows = [(iso3, iso2, fips.get(iso3), name)
            for iso3, (iso2, name) in sorted(names.geonames_countries().items())]
    con.register("dyads_geo_countries", pd.DataFrame(
        rows, columns=["iso3", "iso2", "fips", "name"], dtype="object"))
    con.register("dyads_us_states", pd.DataFrame(
        sorted(names.us_states().items()), columns=["code", "name"], dtype="object"))


def clean(expr: str) -> str:
    """SQL: text with tabs and line breaks turned into spaces (for unquoted TSV)."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def int_id(expr: str, dialect: str = DUCKDB) -> str:
    """SQL: a stable positive 60-bit integer id: the first 15 hex digits of md5(expr)."""
    return sqld.int_id(expr, dialect)


def copy_tsv(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], path: Path,
             *, header: bool) -> int:
    """Write the query as unquoted tab-separated text; return the number of rows."""
    if dialect_of(con) == POSTGRES:
        return sqld.write_delimited(con.execute(sql, params), path, delimiter="\t",
                                    header=header, quote=False)
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
