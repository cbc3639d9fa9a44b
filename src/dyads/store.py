"""The event store: coded articles, their sentences and events, in DuckDB or PostgreSQL.

`open_store(target)` opens an embedded DuckDB file (`EventStore`), or a PostgreSQL database
for a `postgresql://` URL (`dyads.store_pg.PostgresStore`). Both share the schema, its
migrations and the SQL in `BaseStore`; a backend supplies only its connection, its bulk
insert, and its locks. Re-coding an article replaces its sentences and events (never
duplicates), and each `write_batch` call is one transaction: it lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from dyads.dedup import DEFAULT_WINDOW_DAYS, MentionRow, cluster
from dyads.model import Actor, Article, Event, Place

SCHEMA_VERSION = 3

#: (sentence_index, text, is_headline) as produced by the nlp stage.
SentenceRow = tuple[int, str, bool]
BatchItem = tuple[Article, Sequence[SentenceRow], Sequence[Event]]
#: Rows of one article as stored: (article row, sentence rows, event rows), in column order.
ArticleRows = tuple[list[Any], list[list[Any]], list[list[Any]]]
#: A de-duplication group: (source code or '', target code or '', CAMEO root).
DedupKey = tuple[str, ...]


class StoreError(Exception):
    """The store cannot be opened or used (bad file, unknown schema version...)."""


_ACTOR_FIELDS = ("code", "country", "sector", "text", "start", "end", "kb_id", "how")
_ACTOR_TYPES = ("TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "INTEGER", "TEXT", "TEXT")


def _actor_columns(side: str) -> str:
    return ",\n    ".join(
        f"{side}_{name} {typ}" for name, typ in zip(_ACTOR_FIELDS, _ACTOR_TYPES, strict=True)
    )


_SCHEMA_V1 = f"""
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    doc_id TEXT PRIMARY KEY,
    title TEXT,
    date DATE,
    url TEXT,
    source TEXT,
    path TEXT,
    text TEXT,
    n_sentences INTEGER,
    coded_at TIMESTAMP,
    dyads_version TEXT
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    text TEXT,
    is_headline BOOLEAN,
    PRIMARY KEY (doc_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    event_seq INTEGER NOT NULL,
    sentence TEXT,
    date DATE,
    {_actor_columns("source")},
    {_actor_columns("target")},
    cameo TEXT NOT NULL,
    cameo_root TEXT,
    cameo_name TEXT,
    goldstein DOUBLE PRECISION,
    quad_class INTEGER,
    plover_type TEXT,
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    negated BOOLEAN,
    hypothetical BOOLEAN,
    headline BOOLEAN,
    rule TEXT,
    flags TEXT[]
);
"""

# Version 2: when and where (dyads/situate.py). The event's own dates and time phrase, its
# GeoNames place, and each actor's GeoNames country.
_PLACE_FIELDS = ("geonameid", "name", "country", "admin1", "lat", "lon", "feature", "text")
_PLACE_TYPES = ("BIGINT", "TEXT", "TEXT", "TEXT", "DOUBLE PRECISION", "DOUBLE PRECISION",
                "TEXT", "TEXT")  # DOUBLE PRECISION: the spelling both backends read
_GEO_FIELDS = ("geonameid", "name", "country", "feature")  # actor countries: no point, no text
_V2_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_date", "DATE"), ("event_date_end", "DATE"), ("date_granularity", "TEXT"),
    ("date_text", "TEXT"),
    *((f"place_{f}", t) for f, t in zip(_PLACE_FIELDS, _PLACE_TYPES, strict=True)),
    *((f"{side}_geo_{f}", t) for side in ("source", "target")
      for f, t in zip(_PLACE_FIELDS, _PLACE_TYPES, strict=True) if f in _GEO_FIELDS),
)


def _migrate_1_to_2(con: Any) -> None:
    """Add the when/where columns; old events keep their rows with these as NULL."""
    for name, typ in _V2_COLUMNS:
        con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {typ}")


# Version 3: de-duplication (dyads/dedup.py). One row per event however often it is reported,
# and one row per mention (a stored event) linking it to its merged event.
_SCHEMA_V3 = """
CREATE TABLE IF NOT EXISTS unique_events (
    global_id TEXT PRIMARY KEY,  -- event_id of its first mention
    source_code TEXT,
    target_code TEXT,
    cameo_root TEXT NOT NULL,
    cameo TEXT,
    event_date DATE,
    event_date_end DATE,
    place_geonameid BIGINT,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    first_seen DATE,
    last_seen DATE
);
CREATE TABLE IF NOT EXISTS mentions (
    event_id TEXT PRIMARY KEY,
    global_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    sentence_index INTEGER,
    publisher TEXT,
    published DATE,
    sentence TEXT
);
"""
_UNIQUE_COLUMNS = ("global_id", "source_code", "target_code", "cameo_root", "cameo",
                   "event_date", "event_date_end", "place_geonameid", "num_mentions",
                   "num_sources", "num_articles", "first_seen", "last_seen")
_MENTION_COLUMNS = ("event_id", "global_id", "doc_id", "sentence_index", "publisher",
                    "published", "sentence")


def _migrate_2_to_3(con: Any) -> None:
    """Add the de-duplication tables (filled by the next writes, or `rebuild_dedup`)."""
    con.execute(_SCHEMA_V3)


# Columns written for each event, in insert order (also the order rows are read back in).
_EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "sentence_index", "event_seq", "sentence", "date",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "cameo", "cameo_root", "cameo_name", "goldstein", "quad_class", "plover_type",
    "trigger", "trigger_start", "trigger_end", "negated", "hypothetical", "headline",
    "rule", "flags",
    *(name for name, _ in _V2_COLUMNS),
)
_ARTICLE_COLUMNS = (
    "doc_id", "title", "date", "url", "source", "path", "text", "n_sentences", "coded_at",
    "dyads_version",
)
_SENTENCE_COLUMNS = ("doc_id", "sentence_index", "text", "is_headline")

# Migrations: MIGRATIONS[v] upgrades a schema of version v to v + 1, inside a transaction.
# Each step gets an object with `execute(sql)`: the DuckDB connection, or PostgreSQL's.
MIGRATIONS: dict[int, Callable[[Any], None]] = {
    1: _migrate_1_to_2, 2: _migrate_2_to_3}


def _dyads_version() -> str | None:
    try:
        return metadata.version("dyads")
    except metadata.PackageNotFoundError:
        return None


def event_id(doc_id: str, sentence_index: int, n: int) -> str:
    """Deterministic id of the n-th event (0-based) coded in one sentence of one article."""
    return f"{doc_id}:{sentence_index}:{n}"


def _actor_values(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [None] * len(_ACTOR_FIELDS)
    return [getattr(actor, f) for f in _ACTOR_FIELDS]


def _place_values(place: Place | None, fields: Sequence[str] = _PLACE_FIELDS) -> list[Any]:
    if place is None:
        return [None] * len(fields)
    return [getattr(place, f) for f in fields]


def _place_from(d: dict[str, Any], prefix: str,
                fields: Sequence[str] = _PLACE_FIELDS) -> Place | None:
    row = {f: d[f"{prefix}_{f}"] for f in fields}
    if row["name"] is None:
        return None
    full = dict.fromkeys(_PLACE_FIELDS)
    full.update(row)
    return Place(**full)


def _actor_from(values: Sequence[Any]) -> Actor | None:
    row = dict(zip(_ACTOR_FIELDS, values, strict=True))
    if row["text"] is None:  # every stored actor has its evidence text
        return None
    return Actor(**row)


def is_postgres_url(target: str | Path) -> bool:
    """Whether `--db` names a PostgreSQL database rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path, *, read_only: bool = False,
               dedup_window: int | None = DEFAULT_WINDOW_DAYS) -> BaseStore:
    """The event store at `target`: a `postgresql://user@host/dbname` URL, else a DuckDB file."""
    if is_postgres_url(target):
        from dyads.store_pg import PostgresStore

        return PostgresStore(str(target), read_only=read_only, dedup_window=dedup_window)
    return EventStore(target, read_only=read_only, dedup_window=dedup_window)


def article_rows(items: Iterable[BatchItem]) -> dict[str, ArticleRows]:
    """The rows of coded articles, by doc_id (a repeated article: the last one wins)."""
    coded_at = datetime.now(UTC).replace(tzinfo=None)
    version = _dyads_version()
    batch: dict[str, ArticleRows] = {}
    for article, sentences, events in items:
        doc_id = article.doc_id
        batch[doc_id] = (
            [doc_id, article.title, article.date, article.url, article.source,
             article.path, article.text, len(sentences), coded_at, version],
            [[doc_id, int(i), text, bool(head)] for i, text, head in sentences],
            _event_rows(doc_id, events),
        )
    return batch


_KEY_AT = [_EVENT_COLUMNS.index(c) for c in ("source_code", "target_code", "cameo_root")]


def _key_sql(p: str = "") -> str:
    """SQL: the row's (source, target, root) is one of three parallel `?` arrays."""
    return ("EXISTS (SELECT 1 FROM (SELECT unnest(?::TEXT[]) AS ks, unnest(?::TEXT[]) AS kt, "
            f"unnest(?::TEXT[]) AS kr) k WHERE k.ks = coalesce({p}source_code, '') "
            f"AND k.kt = coalesce({p}target_code, '') AND k.kr = {p}cameo_root)")


class BaseStore:
    """What every backend shares: schema and migrations, batches, de-duplication, reading.

    A backend sets `self.label` (for messages) and `self._con`, and implements `execute`,
    `_transaction`, `_insert` and `_has_table`; the lock hooks are no-ops for a store with a
    single writer (DuckDB locks its file).
    """

    label: str
    read_only: bool
    dedup_window: int | None
    _con: Any

    # -- backend hooks -------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run SQL with `?` parameters; returns a cursor (fetchone, fetchall)."""
        raise NotImplementedError

    def _transaction(self) -> Any:
        raise NotImplementedError

    def _insert(self, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Serialize schema creation and migration among processes (inside a transaction)."""

    def _lock_docs(self, doc_ids: Iterable[str]) -> None:
        """Serialize writers of the same articles until the transaction ends."""

    def _lock_keys(self, keys: Iterable[DedupKey] | None) -> None:
        """Serialize writers of the same de-duplication groups (None: all of them)."""

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (idempotent)."""
        con = getattr(self, "_con", None)
        if con is not None:
            con.close()
            self._con = None

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"

    @property
    def con(self) -> Any:
        """The underlying connection (DuckDB or psycopg), for ad-hoc SQL."""
        if self._con is None:
            raise StoreError(f"{self.label}: event store is closed")
        return self._con

    # -- schema ------------------------------------------------------------------------

    def schema_version(self) -> int | None:
        """Schema version recorded in the store; None for one without our `meta` table."""
        if not self._has_table("meta"):
            return None
        row = self.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            return None
        try:
            return int(row[0])
        except (TypeError, ValueError):
            raise StoreError(
                f"{self.label}: unreadable schema_version {row[0]!r} in table meta"
            ) from None

    def _prepare_schema(self) -> None:
        version = self._check_version()
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            what = "no dyads schema" if version is None else f"schema version {version}"
            raise StoreError(
                f"{self.label}: {what}; open it once read-write to create or migrate it"
            )
        with self._transaction():
            self._lock_schema()
            version = self._check_version()  # another process may have done it meanwhile
            if version == SCHEMA_VERSION:
                return
            if version is None:  # a new store: version 1, then every migration
                for statement in self._ddl(_SCHEMA_V1):
                    self.execute(statement)
                version = 1
            self._migrate(version)
            self.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [str(SCHEMA_VERSION)],
            )

    def _check_version(self) -> int | None:
        version = self.schema_version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.label}: event store has schema version {version}, but this dyads "
                f"only knows versions up to {SCHEMA_VERSION}; upgrade dyads to read it"
            )
        return version

    @staticmethod
    def _ddl(script: str) -> list[str]:
        """A script as single statements, in this backend's dialect."""
        return [s.strip() for s in script.split(";") if s.strip()]

    def _migrate(self, version: int) -> None:
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(
                    f"{self.label}: no migration from schema version {version} "
                    f"to {version + 1}"
                )
            step(self._migration_con())
            version += 1

    def _migration_con(self) -> Any:
        """What a migration step's `execute` runs on."""
        return self

    # -- writing -----------------------------------------------------------------------

    def write_batch(self, items: Iterable[BatchItem]) -> int:
        """Store coded articles in ONE transaction; return the number of articles written.

        Each item is (article, [(sentence_index, text, is_headline)...], events). An article
        already stored loses its old sentences and events first, so re-coding replaces (if
        a batch holds the same article twice, the last one wins). If anything fails, also
        while iterating `items`, the whole batch is rolled back and the exception re-raised.
        """
        batch = article_rows(items)
        self.write_rows(batch)
        return len(batch)

    def write_rows(self, batch: Mapping[str, ArticleRows], *,
                   dedup: bool = True) -> set[DedupKey]:
        """Store articles' rows (see `article_rows`) in one transaction, replacing old copies.

        Returns the de-duplication groups the batch touched; they are merged again here
        unless `dedup` is False or the store's window is None (then see `dedup_keys`).
        """
        if not batch:
            return set()
        ids = list(batch)
        with self._transaction():
            self._lock_docs(ids)
            keys = self._keys("SELECT DISTINCT coalesce(source_code, ''), "
                              "coalesce(target_code, ''), cameo_root FROM events "
                              "WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [ids])
            for table in ("events", "sentences", "articles"):
                self.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [ids]
                )
            self._insert("articles", _ARTICLE_COLUMNS, [a for a, _, _ in batch.values()])
            self._insert("sentences", _SENTENCE_COLUMNS,
                         [r for _, ss, _ in batch.values() for r in ss])
            self._insert("events", _EVENT_COLUMNS,
                         [r for _, _, es in batch.values() for r in es])
            keys |= {tuple(r[i] or "" for i in _KEY_AT) for _, _, es in batch.values()
                     for r in es}
            if dedup and self.dedup_window is not None:
                self._dedup(keys)
        return keys

    # -- de-duplication ----------------------------------------------------------------

    def _keys(self, sql: str, params: list[Any]) -> set[DedupKey]:
        return {tuple(r) for r in self.execute(sql, params).fetchall()}

    def _dedup(self, keys: set[DedupKey] | None) -> None:
        """Re-merge the events of the given (source, target, root) groups; None = all."""
        window = DEFAULT_WINDOW_DAYS if self.dedup_window is None else self.dedup_window
        if keys is not None and not keys:
            return
        self._lock_keys(None if keys is None else sorted(keys))
        params: list[Any] = [] if keys is None else [list(c) for c in zip(*keys, strict=True)]
        where = "" if keys is None else " WHERE " + _key_sql()
        self.execute("DELETE FROM mentions WHERE global_id IN "
                     f"(SELECT global_id FROM unique_events{where})", params)
        self.execute(f"DELETE FROM unique_events{where}", params)
        rows = self.execute(
            "SELECT e.event_id, e.doc_id, e.source_code, e.target_code, e.cameo_root, "
            "e.event_date, e.event_date_end, e.place_geonameid, a.source, a.date, "
            "e.date_granularity, e.sentence_index, e.sentence, e.cameo FROM events e "
            "JOIN articles a USING "
            "(doc_id) WHERE NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, "
            "false)" + ("" if keys is None else " AND " + _key_sql("e.")), params).fetchall()
        extra = {r[0]: (r[11], r[12], r[13]) for r in rows}
        uniques, mentions = [], []
        for c in cluster((MentionRow(*r[:11]) for r in rows), window):
            gid = c.global_id
            first = next(m for m in c.mentions if m.event_id == gid)
            seen = [m.published for m in c.mentions if m.published is not None]
            uniques.append([
                gid, first.source_code, first.target_code, first.cameo_root, extra[gid][2],
                c.start, c.end, c.place_id, len(c.mentions),
                len({m.publisher for m in c.mentions if m.publisher}),
                len({m.doc_id for m in c.mentions}),
                min(seen) if seen else None, max(seen) if seen else None])
            mentions += [[m.event_id, gid, m.doc_id, extra[m.event_id][0], m.publisher,
                          m.published, extra[m.event_id][1]] for m in c.mentions]
        self._insert("unique_events", _UNIQUE_COLUMNS, uniques)
        self._insert("mentions", _MENTION_COLUMNS, mentions)

    def dedup_keys(self, keys: set[DedupKey]) -> None:
        """Merge the given groups again in one transaction (after `write_rows(dedup=False)`)."""
        with self._transaction():
            self._dedup(set(keys))

    def rebuild_dedup(self) -> None:
        """Merge every stored event again (after runs with de-duplication off)."""
        with self._transaction():
            self._dedup(None)

    def unique_events(self) -> list[dict[str, Any]]:
        """The merged events, most reported first, each with its mentions."""
        cols = ", ".join(_UNIQUE_COLUMNS)
        out = [dict(zip(_UNIQUE_COLUMNS, r, strict=True)) for r in self.execute(
            f"SELECT {cols} FROM unique_events ORDER BY num_mentions DESC, event_date, "
            "global_id").fetchall()]
        mcols = ", ".join(_MENTION_COLUMNS)
        by_gid: dict[str, list[dict[str, Any]]] = {}
        for r in self.execute(f"SELECT {mcols} FROM mentions ORDER BY published, doc_id, "
                              "sentence_index, event_id").fetchall():
            m = dict(zip(_MENTION_COLUMNS, r, strict=True))
            by_gid.setdefault(m["global_id"], []).append(m)
        for u in out:
            u["mentions"] = by_gid.get(u["global_id"], [])
        return out

    def write(
        self, article: Article, sentences: Sequence[SentenceRow], events: Sequence[Event]
    ) -> None:
        """Store one coded article (a batch of one)."""
        self.write_batch([(article, sentences, events)])

    # -- reading -----------------------------------------------------------------------

    def has_article(self, doc_id: str) -> bool:
        """Whether the article has been coded and stored."""
        row = self.execute(
            "SELECT 1 FROM articles WHERE doc_id = ? LIMIT 1", [doc_id]
        ).fetchone()
        return row is not None

    def article_ids(self) -> set[str]:
        """Ids of all stored articles."""
        return {r[0] for r in self.execute("SELECT doc_id FROM articles").fetchall()}

    def sentences(self, doc_id: str) -> list[SentenceRow]:
        """The stored sentences of one article, in order."""
        rows = self.execute(
            "SELECT sentence_index, text, is_headline FROM sentences WHERE doc_id = ? "
            "ORDER BY sentence_index",
            [doc_id],
        ).fetchall()
        return [(int(i), t, bool(h)) for i, t, h in rows]

    def events(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        since: date | None = None,
        until: date | None = None,
        cameo: str | None = None,
        quad: int | None = None,
        doc_id: str | None = None,
        include_flagged: bool = False,
        limit: int | None = None,
        date_of: str = "publication",
    ) -> list[Event]:
        """Stored events matching every filter given, ordered by date, article, position.

        Actor filters of 3 letters match the country ("PRK"); longer ones match a code
        prefix ("PRKGOV"). `actor` matches either side. `cameo` is a code prefix ("16").
        `since`/`until` are inclusive and drop undated events; they and the order use the
        publication date (`date`), or the event's own date (`event_date`) when `date_of` is
        "event". Negated and hypothetical events are left out unless `include_flagged`.
        """
        if date_of not in ("publication", "event"):
            raise ValueError(f"unknown date {date_of!r}: use publication or event")
        day = "event_date" if date_of == "event" else "date"
        where: list[str] = []
        params: list[Any] = []

        def actor_cond(side: str, value: str) -> tuple[str, str]:
            value = value.strip().upper()
            if len(value) == 3:
                return f"{side}_country = ?", value
            return f"starts_with({side}_code, ?)", value

        if actor:
            (c1, v1), (c2, v2) = actor_cond("source", actor), actor_cond("target", actor)
            where.append(f"({c1} OR {c2})")
            params += [v1, v2]
        for side, value in (("source", source), ("target", target)):
            if value:
                cond, v = actor_cond(side, value)
                where.append(cond)
                params.append(v)
        if since is not None:
            where.append(f"{day} >= ?")
            params.append(since)
        if until is not None:
            where.append(f"{day} <= ?")
            params.append(until)
        if cameo:
            where.append("starts_with(cameo, ?)")
            params.append(cameo.strip())
        if quad is not None:
            where.append("quad_class = ?")
            params.append(int(quad))
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if not include_flagged:
            where.append("NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)")

        sql = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {day} NULLS LAST, doc_id, event_seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        return [self._event_from_row(r) for r in self.execute(sql, params).fetchall()]

    @staticmethod
    def _event_from_row(row: Sequence[Any]) -> Event:
        d = dict(zip(_EVENT_COLUMNS, row, strict=True))
        k = len(_ACTOR_FIELDS)
        src_at = _EVENT_COLUMNS.index("source_code")
        tgt_at = _EVENT_COLUMNS.index("target_code")
        return Event(
            doc_id=d["doc_id"],
            sentence_index=d["sentence_index"],
            sentence=d["sentence"],
            date=d["date"],
            source=_actor_from(row[src_at:src_at + k]),
            target=_actor_from(row[tgt_at:tgt_at + k]),
            cameo=d["cameo"],
            cameo_root=d["cameo_root"],
            cameo_name=d["cameo_name"],
            goldstein=d["goldstein"],
            quad_class=d["quad_class"],
            plover_type=d["plover_type"],
            trigger=d["trigger"],
            trigger_start=d["trigger_start"],
            trigger_end=d["trigger_end"],
            negated=bool(d["negated"]),
            hypothetical=bool(d["hypothetical"]),
            headline=bool(d["headline"]),
            rule=d["rule"],
            flags=list(d["flags"] or []),
            event_date=d["event_date"],
            event_date_end=d["event_date_end"],
            date_granularity=d["date_granularity"],
            date_text=d["date_text"],
            place=_place_from(d, "place"),
            source_geo=_place_from(d, "source_geo", _GEO_FIELDS),
            target_geo=_place_from(d, "target_geo", _GEO_FIELDS),
        )

    def counts(self) -> dict[str, int]:
        """Row counts: {"articles": n, "sentences": n, "events": n} (mentions are events)."""
        out = {}
        for table in ("articles", "sentences", "events"):
            row = self.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out



def _event_rows(doc_id: str, events: Sequence[Event]) -> list[list[Any]]:
    rows = []
    per_sentence: dict[int, int] = {}
    for seq, ev in enumerate(events):
        if ev.doc_id != doc_id:
            raise ValueError(
                f"event of document {ev.doc_id!r} passed with article {doc_id!r}"
            )
        n = per_sentence.get(ev.sentence_index, 0)
        per_sentence[ev.sentence_index] = n + 1
        rows.append([
            event_id(doc_id, ev.sentence_index, n), doc_id, ev.sentence_index, seq,
            ev.sentence, ev.date,
            *_actor_values(ev.source), *_actor_values(ev.target),
            ev.cameo, ev.cameo_root, ev.cameo_name, ev.goldstein, ev.quad_class,
            ev.plover_type, ev.trigger, ev.trigger_start, ev.trigger_end,
            bool(ev.negated), bool(ev.hypothetical), bool(ev.headline), ev.rule,
            list(ev.flags),
            ev.event_date, ev.event_date_end, ev.date_granularity, ev.date_text,
            *_place_values(ev.place),
            *_place_values(ev.source_geo, _GEO_FIELDS),
            *_place_values(ev.target_geo, _GEO_FIELDS),
        ])
    return rows


class EventStore(BaseStore):
    """The DuckDB backend: an embedded file (created when missing). One writer at a time."""

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 dedup_window: int | None = DEFAULT_WINDOW_DAYS) -> None:
        """`dedup_window`: days by which event dates may miss each other and still be one
        event (see dyads/dedup.py); None turns de-duplication off for this connection."""
        self.path = Path(path)
        self.label = str(self.path)
        self.read_only = read_only
        self.dedup_window = dedup_window
        self._types: dict[str, dict[str, str]] = {}
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such event store")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open as an event store: {exc}") from exc
        try:
            self._prepare_schema()
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> EventStore:
        return self

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection (for ad-hoc SQL)."""
        if self._con is None:
            raise StoreError(f"{self.path}: event store is closed")
        return self._con

    def execute(self, sql: str, params: Sequence[Any] = ()) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, list(params))

    def _migration_con(self) -> duckdb.DuckDBPyConnection:
        return self.con

    def _has_table(self, name: str) -> bool:
        row = self.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = ? AND table_schema = 'main'", [name]).fetchone()
        return bool(row and row[0])

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def _insert(self, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
        """Insert rows with one parameter per column: a typed list, unnested in SQL.

        Much faster than executemany or multi-row VALUES in DuckDB, and still parameterized.
        """
        if not rows:
            return
        types = self._column_types(table)
        select = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
        params = [list(col) for col in zip(*rows, strict=True)]
        self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select}", params)

    def _column_types(self, table: str) -> dict[str, str]:
        """SQL type of each column of `table`, read from the catalog (cached)."""
        cached = self._types.get(table)
        if cached is None:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ?",
                [table],
            ).fetchall()
            cached = self._types[table] = dict(rows)
        return cached


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK (and re-raise) when the block fails."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def __enter__(self) -> None:
        self._con.begin()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._con.commit()
        else:
            self._con.rollback()
