"""ICEWS event files: 20 tab-separated columns with a header row, as in the Dataverse release.

Names are spelled out the ICEWS way from our codes ("Government (United States)"); the place
columns come from the event's GeoNames place. Mapping details are in docs/formats.md.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyads.aggregate import EventFilter
from dyads.dialect import DUCKDB, dialect_of, strftime
from dyads.exchange.base import (
    ORDER,
    actor_join,
    clean,
    copy_tsv,
    export_relation,
    register_actor_names,
)

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)


def icews_sql(flt: EventFilter, dialect: str = DUCKDB) -> tuple[str, list]:
    rel, params = export_relation(flt)
    exprs = [
        "x.unit_id",
        strftime("x.day", "%Y-%m-%d", dialect),
        f"coalesce(sn.name, {clean('x.source_text')})", "sn.sectors", "sn.country_name",
        "x.cameo_name", "x.cameo", "x.goldstein",
        f"coalesce(tn.name, {clean('x.target_text')})", "tn.sectors", "tn.country_name",
        "x.doc_id", "x.sentence_index + 1", clean("x.publisher"),
        "CASE WHEN x.place_feature NOT IN ('PCLI', 'ADM1') THEN x.place_name END",  # City
        "NULL::VARCHAR",  # District: the gazetteer has no admin2
        "CASE WHEN x.place_feature = 'ADM1' THEN x.place_name ELSE x.place_state_name END",
        "CASE WHEN x.place_name IS NOT NULL THEN x.place_country_name END",
        "x.place_lat", "x.place_lon",
    ]
    cols = ",\n       ".join(f'{e} AS "{c}"' for e, c in zip(exprs, COLUMNS, strict=True))
    sql = (f"{rel}SELECT {cols}\nFROM x\n{actor_join('source', 'sn')}\n"
           f"{actor_join('target', 'tn')}\n{ORDER}")
    return sql, params


def write(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    register_actor_names(con)
    sql, params = icews_sql(flt, dialect_of(con))
    return copy_tsv(con, sql, params, path, header=True)
