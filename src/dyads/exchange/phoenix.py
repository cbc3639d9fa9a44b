"""Phoenix (Open Event Data Alliance) event files: 26 tab-separated columns, no header.

PentaClass is 0 for CAMEO roots 01-02 (statements, appeals) and the CAMEO quad class
otherwise. The location columns come from the event's GeoNames place; issues are empty.
A de-duplicated event lists the URLs and publishers of all its mentions. Mapping details are
in docs/formats.md.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyads.aggregate import EventFilter
from dyads.dialect import DUCKDB, dialect_of, strftime
from dyads.exchange.base import ORDER, clean, copy_tsv, export_relation

COLUMNS: tuple[str, ...] = (
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "PentaClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)


def _actor(side: str) -> list[str]:
    s = f"x.{side}"
    return [
        f"coalesce({s}_code, {s}_sector)",
        f"{s}_country",
        f"nullif(substr(coalesce({s}_sector, ''), 1, 3), '')",
        f"nullif(substr(coalesce({s}_sector, ''), 4), '')",
    ]


def phoenix_sql(flt: EventFilter, dialect: str = DUCKDB) -> tuple[str, list]:
    rel, params = export_relation(flt)
    exprs = [
        "x.unit_id",
        f"{strftime('x.day', '%Y%m%d', dialect)}::INTEGER",
        "extract(year FROM x.day)::INTEGER",
        "extract(month FROM x.day)::INTEGER", "extract(day FROM x.day)::INTEGER",
        *_actor("source"), *_actor("target"),
        "x.cameo", "x.cameo_root",
        "CASE WHEN x.cameo_root IN ('01', '02') THEN 0 ELSE x.quad_class END",
        "x.goldstein",
        "NULL::VARCHAR",  # Issues
        "x.place_lat", "x.place_lon", clean("x.place_name"),
        "CASE WHEN x.place_feature = 'ADM1' THEN x.place_name ELSE x.place_state_name END",
        "x.place_country",
        f"{clean('x.doc_id')} || '_' || (x.sentence_index + 1)::VARCHAR",
        "x.all_urls", "x.all_publishers",
    ]
    cols = ",\n       ".join(f'{e} AS "{c}"' for e, c in zip(exprs, COLUMNS, strict=True))
    return f"{rel}SELECT {cols}\nFROM x {ORDER}", params


def write(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = phoenix_sql(flt, dialect_of(con))
    return copy_tsv(con, sql, params, path, header=False)
