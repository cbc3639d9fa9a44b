"""The PostgreSQL backend of the event store (psycopg 3): a store shared by a team.

`--db postgresql://user@host/dbname` (or `dyads.store.open_store(url)`) gives the same schema,
migrations and behaviour as the DuckDB file, plus what a server adds:

- **Concurrent writers.** Each batch is one transaction that first takes a transaction-level
  advisory lock per article (its doc_id), then, for de-duplication, one per (source, target,
  CAMEO root) group it touches, both in sorted order (so no two writers deadlock). Under READ
  COMMITTED every statement after a lock sees what the previous holder committed, so two
  `dyads code` runs over overlapping articles replace rather than duplicate, and the merged
  events of a group are always computed from all its committed mentions.
- **Readers while a run writes.** MVCC: readers never wait and see whole batches only.
- Schema creation and migration take one advisory lock, so processes opening a new database at
  the same time create it once.

The SQL is `dyads.store.BaseStore`'s, written with `?` parameters; `execute` turns them into
psycopg's `%s`. Bulk inserts use COPY.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from dyads.dedup import DEFAULT_WINDOW_DAYS
from dyads.dialect import placeholders as _placeholders
from dyads.store import BaseStore, DedupKey, StoreError

# Advisory lock classes (the first of the two int4 keys): one space per kind of object.
_LOCK_SCHEMA, _LOCK_DOC, _LOCK_KEY = 1, 2, 3
# Objects share lock slots (hash modulo): a transaction then holds at most this many locks of
# a kind, however large its batch (the server's lock table is small); two objects in one slot
# only make their writers wait for each other.
DOC_SLOTS, KEY_SLOTS = 1 << 16, 1024
CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _lock_id(text: str, slots: int) -> int:
    """A stable advisory lock slot for an object (collisions only serialize more)."""
    return zlib.crc32(text.encode("utf-8")) % slots


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class PostgresStore(BaseStore):
    """Coded articles, sentences and events in a PostgreSQL database (schema created there)."""

    def __init__(self, url: str, *, read_only: bool = False,
                 dedup_window: int | None = DEFAULT_WINDOW_DAYS) -> None:
        self.url = url
        self.label = redact(url)
        self.read_only = read_only
        self.dedup_window = dedup_window
        options = "-c default_transaction_read_only=on" if read_only else None
        try:
            self._con = psycopg.connect(url, autocommit=True, options=options,
                                        connect_timeout=CONNECT_TIMEOUT_S)
        except (psycopg.Error, ValueError) as exc:  # ValueError: a malformed URL
            raise StoreError(f"{self.label}: cannot connect to PostgreSQL: "
                             f"{_one_line(exc)}") from None
        try:
            self._prepare_schema()
        except psycopg.Error as exc:
            self._con.close()
            raise StoreError(f"{self.label}: {_one_line(exc)}") from exc
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    # -- backend hooks -------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        if not params:
            return self.con.execute(sql)
        return self.con.execute(_placeholders(sql), list(params))

    def _transaction(self) -> Any:
        return self.con.transaction()

    def _has_table(self, name: str) -> bool:
        row = self.execute("SELECT to_regclass(?) IS NOT NULL", [name]).fetchone()
        return bool(row and row[0])

    def _migration_con(self) -> PostgresStore:
        return self

    def _insert(self, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        with self.con.cursor() as cur, cur.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _lock(self, kind: int, ids: Iterable[int]) -> None:
        """Take the locks in ascending order (unnest keeps the array's order): every writer
        does, so none waits for a lock held by one that waits for it."""
        self.execute("SELECT count(pg_advisory_xact_lock(?, k)) FROM unnest(?::INTEGER[]) k",
                     [kind, sorted(set(ids))])

    def _lock_schema(self) -> None:
        self._lock(_LOCK_SCHEMA, [0])

    def _lock_docs(self, doc_ids: Iterable[str]) -> None:
        self._lock(_LOCK_DOC, (_lock_id(d, DOC_SLOTS) for d in doc_ids))

    def _lock_keys(self, keys: Iterable[DedupKey] | None) -> None:
        if keys is None:  # a full rebuild: wait for every writer's merge, hold off new ones
            self.execute("LOCK TABLE unique_events, mentions IN EXCLUSIVE MODE")
            return
        self._lock(_LOCK_KEY, (_lock_id("\x1f".join(k), KEY_SLOTS) for k in keys))

