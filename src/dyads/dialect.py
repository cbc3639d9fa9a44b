"""The read side on either backend: the few SQL dialect differences, and a PostgreSQL adapter.

The analysis (`dyads.aggregate`), exchange (`dyads.exchange`) and serve
(`dyads.serve.queries`) SQL is written once, in SQL that DuckDB and PostgreSQL 15 both run,
with `?` parameters, and executed on a "connection": a DuckDB connection (or cursor) as
before, or a `PgConnection` wrapping a psycopg 3 connection. What still differs lives here:

- `strftime(expr, fmt)` and `int_id(expr)`, for the export formats (DuckDB `strftime` and a
  `'0x'` cast; PostgreSQL `to_char` and a bit string);
- `PgConnection`: `?` parameters become `%s`; `register(name, frame)` (DuckDB's way of
  querying a DataFrame) becomes a CTE of `unnest` arrays added to each statement that names
  it (a read-only transaction may not create tables, not even temporary ones); cursors give
  `df()`/`pl()`/`arrow()` with DuckDB's types, through Arrow;
- `write_delimited`: DuckDB COPY's CSV/TSV text (`true`/`false`, `-5.0`, quoting) written
  from rows, because PostgreSQL's COPY writes on the server and formats values its own way.

Everything else (date_trunc on a TIMESTAMP, generate_series in FROM, DISTINCT ON, FILTER,
starts_with, string_agg ... ORDER BY, regexp_replace) is common to both.
"""

from __future__ import annotations

import contextlib
import queue
import re
import threading
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

DUCKDB, POSTGRES = "duckdb", "postgres"


def dialect_of(con: Any) -> str:
    """The dialect of a connection: `PgConnection` says postgres, anything else is DuckDB."""
    return getattr(con, "dialect", DUCKDB)


def placeholders(sql: str) -> str:
    """`?` parameters as psycopg's `%s` (our SQL has no `?` or `%` in literals)."""
    return sql.replace("%", "%%").replace("?", "%s")


_PG_FORMAT = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH24", "%M": "MI", "%S": "SS"}


def strftime(expr: str, fmt: str, dialect: str = DUCKDB) -> str:
    """SQL: a date or timestamp as text in `fmt` (only %Y %m %d %H %M %S and literals)."""
    if dialect == POSTGRES:
        return f"to_char({expr}, '{re.sub('%[YmdHMS]', lambda m: _PG_FORMAT[m[0]], fmt)}')"
    return f"strftime({expr}, '{fmt}')"


def int_id(expr: str, dialect: str = DUCKDB) -> str:
    """SQL: a stable positive 60-bit integer id: the first 15 hex digits of md5(expr)."""
    if dialect == POSTGRES:
        return f"('x' || lpad(left(md5({expr}), 15), 16, '0'))::bit(64)::BIGINT"
    return f"('0x' || left(md5({expr}), 15))::BIGINT"


# -- PostgreSQL ---------------------------------------------------------------------------

# psycopg type OIDs -> Arrow types (what DuckDB gives for the same columns)
def _arrow_type(oid: int):
    import pyarrow as pa

    return {16: pa.bool_(), 20: pa.int64(), 21: pa.int16(), 23: pa.int32(),
            700: pa.float32(), 701: pa.float64(), 1700: pa.float64(), 25: pa.string(),
            1043: pa.string(), 1042: pa.string(), 19: pa.string(), 1082: pa.date32(),
            1114: pa.timestamp("us"), 1184: pa.timestamp("us", tz="UTC"),
            1009: pa.list_(pa.string()), 1015: pa.list_(pa.string())}.get(oid)


class PgCursor:
    """A psycopg cursor with the parts of DuckDB's result API the read side uses."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    @property
    def description(self) -> list[tuple[str, int]]:
        return [(c.name, c.type_code) for c in self._cur.description or ()]

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def fetchmany(self, size: int) -> list[tuple]:
        return self._cur.fetchmany(size)

    def arrow(self):
        """The remaining rows as a pyarrow Table, typed from the result's column types."""
        import pyarrow as pa

        desc, rows = self.description, self.fetchall()
        arrays = []
        for i, (_, oid) in enumerate(desc):
            values = [r[i] for r in rows]
            typ = _arrow_type(oid)
            if oid == 1700:
                values = [None if v is None else float(v) for v in values]
            arrays.append(pa.array(values, type=typ))
        return pa.Table.from_arrays(arrays, names=[n for n, _ in desc])

    def df(self):
        """A pandas DataFrame with the dtypes DuckDB's `.df()` gives the same columns."""
        import duckdb

        with duckdb.connect() as con:
            return con.from_arrow(self.arrow()).df()

    def pl(self):
        import polars

        return polars.from_arrow(self.arrow())

    def close(self) -> None:
        self._cur.close()

    def __enter__(self) -> PgCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PgConnection:
    """A psycopg connection that runs the read side's `?`-parameter SQL (see the module)."""

    dialect = POSTGRES

    def __init__(self, con: Any) -> None:
        self.raw = con
        self._relations: dict[str, tuple[list[str], list[list[Any]]]] = {}

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        params = list(params)
        ctes, extra = [], []
        for name, (cols, columns) in self._relations.items():
            if re.search(rf"\b{name}\b", sql):
                arrays = ", ".join(["%s::TEXT[]"] * len(cols))
                ctes.append(f"{name} ({', '.join(cols)}) AS (SELECT * FROM unnest({arrays}))")
                extra += columns
        if not params and not extra:
            return PgCursor(self.raw.execute(sql))
        sql = placeholders(sql)
        if ctes:
            head = sql.lstrip()
            if head[:4].upper() == "WITH":
                sql = f"WITH {', '.join(ctes)},{head[4:]}"
            else:
                sql = f"WITH {', '.join(ctes)}\n{sql}"
        return PgCursor(self.raw.execute(sql, [*extra, *params]))

    def register(self, name: str, frame: Any) -> None:
        """Make a small DataFrame of text columns queryable as `name` (DuckDB's register)."""
        cols = [str(c) for c in frame.columns]
        columns = [[None if v is None or v != v else str(v) for v in frame[c].tolist()]
                   for c in frame.columns]
        self._relations[name] = (cols, columns)

    def cursor(self) -> PgConnection:
        return self

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[PgConnection]:
        """Run the block in one read-only REPEATABLE READ transaction: every statement sees
        the same committed batches (a writer's batch is all there or not at all)."""
        self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self
        finally:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


class PgReaders:
    """A small pool of read-only connections for `dyads serve` (one per request at a time)."""

    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self._free: queue.LifoQueue = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)

    def _connect(self) -> Any:
        import psycopg

        from dyads.store_pg import CONNECT_TIMEOUT_S

        return psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               options="-c default_transaction_read_only=on")

    @contextlib.contextmanager
    def reader(self) -> Iterator[PgConnection]:
        """A connection from the pool, in one read-only snapshot for the whole block."""
        self._slots.acquire()
        try:
            try:
                con = self._free.get_nowait()
            except queue.Empty:
                con = self._connect()
            ok = False
            try:
                with PgConnection(con).snapshot() as pg:
                    yield pg
                ok = True
            finally:
                if ok or (not con.closed and not con.broken
                          and con.info.transaction_status == 0):  # idle: reusable
                    self._free.put(con)
                else:
                    con.close()
        finally:
            self._slots.release()

    def close(self) -> None:
        while True:
            try:
                self._free.get_nowait().close()
            except queue.Empty:
                return


# -- delimited text as DuckDB's COPY writes it ------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{value.microsecond:06d}".rstrip("0") if value.microsecond else "")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _quoted(text: str, delimiter: str) -> str:
    if text == "" or any(ch in text for ch in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_delimited(cur: Any, path: Path, *, delimiter: str, header: bool,
                    quote: bool) -> int:
    """Write a result as DuckDB's `COPY ... (FORMAT csv)` would; return the rows written.

    `quote` False is DuckDB's `QUOTE ''` (every value as is, for unquoted TSV)."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fp:
        if header:
            names = [d[0] for d in cur.description]
            fp.write(delimiter.join(_quoted(c, delimiter) if quote else c for c in names))
            fp.write("\n")
        while rows := cur.fetchmany(10_000):
            for row in rows:
                cells = []
                for v in row:
                    t = _text(v)
                    cells.append("" if t is None else _quoted(t, delimiter) if quote else t)
                fp.write(delimiter.join(cells))
                fp.write("\n")
                n += 1
    return n
