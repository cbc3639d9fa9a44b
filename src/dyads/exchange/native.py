"""Our own schema as CSV (the columns of `dyads code --format csv`, plus ids) or Parquet.

CSV: a header, empty cells for unknown values, booleans true/false, flags joined with ";".
Parquet keeps the types: dates, booleans, integers, doubles and flags as a list.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyads.aggregate import EventFilter
from dyads.exchange.base import ORDER, copy_to, export_relation
from dyads.output import CSV_COLUMNS

#: Columns of both files: event id, the CSV columns of `dyads code`, article facts.
COLUMNS: tuple[str, ...] = ("event_id", *CSV_COLUMNS, "publisher", "url", "title")


def native_sql(flt: EventFilter, *, flat_flags: bool) -> tuple[str, list]:
    rel, params = export_relation(flt)
    exprs = [f'x."{c}"' for c in COLUMNS]
    if flat_flags:
        exprs[COLUMNS.index("flags")] = "array_to_string(x.flags, ';') AS flags"
    return f"{rel}SELECT {', '.join(exprs)}\nFROM x {ORDER}", params


def write_csv(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = native_sql(flt, flat_flags=True)
    return copy_to(con, sql, params, path, "FORMAT csv, HEADER true")


def write_parquet(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = native_sql(flt, flat_flags=False)
    return copy_to(con, sql, params, path, "FORMAT parquet")
