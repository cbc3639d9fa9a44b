"""Our own schema as CSV (the columns of `dyads code --format csv`, plus ids) or Parquet.

One row per counted event (de-duplicated by default): a merged event has its first mention's
columns with the merged dates and place, and its numbers of mentions, sources and articles.

CSV: a header, empty cells for unknown values, booleans true/false, flags joined with ";".
Parquet keeps the types: dates, booleans, integers, doubles and flags as a list.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyads.aggregate import EventFilter
from dyads.dialect import POSTGRES, dialect_of, write_delimited
from dyads.exchange.base import ORDER, copy_to, export_relation
from dyads.output import CSV_COLUMNS

#: Columns of both files: event id, the CSV columns of `dyads code`, article facts, and the
#: de-duplicated event's id and counts (`global_id` = `event_id` for an unmerged event).
COLUMNS: tuple[str, ...] = ("event_id", *CSV_COLUMNS, "publisher", "url", "title",
                            "global_id", "num_mentions", "num_sources", "num_articles")
_RENAMED = {"global_id": "x.unit_id", "num_mentions": "x.n_mentions",
            "num_sources": "x.n_sources", "num_articles": "x.n_articles"}


def native_sql(flt: EventFilter, *, flat_flags: bool) -> tuple[str, list]:
    rel, params = export_relation(flt)
    exprs = [f'{_RENAMED[c]} AS "{c}"' if c in _RENAMED else f'x."{c}"' for c in COLUMNS]
    if flat_flags:
        exprs[COLUMNS.index("flags")] = "array_to_string(x.flags, ';') AS flags"
    return f"{rel}SELECT {', '.join(exprs)}\nFROM x {ORDER}", params


def write_csv(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = native_sql(flt, flat_flags=True)
    if dialect_of(con) == POSTGRES:
        return write_delimited(con.execute(sql, params), path, delimiter=",", header=True,
                               quote=True)
    return copy_to(con, sql, params, path, "FORMAT csv, HEADER true")


def write_parquet(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = native_sql(flt, flat_flags=False)
    if dialect_of(con) == POSTGRES:  # through Arrow, typed as DuckDB types the columns
        import pyarrow.parquet as pq

        table = con.execute(sql, params).arrow()
        pq.write_table(table, path)
        return table.num_rows
    return copy_to(con, sql, params, path, "FORMAT parquet")
