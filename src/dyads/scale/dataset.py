"""The Parquet dataset of a distributed run, and merging it into an event store.

Layout of `--out DIR`:

    DIR/manifest.json                          the run: inputs, counts, failures, versions
    DIR/events/event_month=2019-11/PART.parquet   events, partitioned by event month
    DIR/events/event_month=unknown/PART.parquet   (events without an event date)
    DIR/articles/PART.parquet, DIR/sentences/PART.parquet
    DIR/_done/PART.json                        a partition's result, written last

PART is `part-<seq>-<id>` (dyads/scale/partitions.py). The tables have the store's columns
and types, read from a fresh store, so `dyads load` writes the rows as `dyads code --db`
would have; the events are those of the store's `events` table plus the hive partition key.
Every file is written under a temporary name and renamed, and a partition counts as done
only when its `_done` file exists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.store import (
    _ARTICLE_COLUMNS,
    _EVENT_COLUMNS,
    _SENTENCE_COLUMNS,
    ArticleRows,
    BaseStore,
    BatchItem,
    DedupKey,
    EventStore,
    article_rows,
)

MANIFEST = "manifest.json"
DONE = "_done"
TABLES = {"articles": _ARTICLE_COLUMNS, "sentences": _SENTENCE_COLUMNS,
          "events": _EVENT_COLUMNS}
NO_MONTH = "unknown"
LOAD_BATCH_ARTICLES = 1000  # one transaction each; merged events are rebuilt once at the end

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
          "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string())}


class DatasetError(Exception):
    """Not a dyads dataset, or an unreadable one (one-line message)."""


@cache
def schema(table: str) -> pa.Schema:
    """The arrow schema of a store table: its columns and types, from a fresh store."""
    with EventStore(":memory:") as store:
        types = store._column_types(table)
    return pa.schema([(c, _ARROW[types[c]]) for c in TABLES[table]])


class PartitionWriter:
    """Collects a partition's coded articles (`write_batch`, as a store) and writes them."""

    def __init__(self) -> None:
        self.rows: dict[str, ArticleRows] = {}

    def write_batch(self, items: Iterable[BatchItem]) -> int:
        batch = article_rows(items)
        for doc_id, rows in batch.items():  # a later copy of an article replaces it
            self.rows.pop(doc_id, None)
            self.rows[doc_id] = rows
        return len(batch)

    def save(self, out: Path, part: str) -> list[str]:
        """Write the Parquet files of partition `part`; return the event months written."""
        arts = [a for a, _, _ in self.rows.values()]
        sents = [r for _, ss, _ in self.rows.values() for r in ss]
        evs = [r for _, _, es in self.rows.values() for r in es]
        _write(out / "articles" / f"{part}.parquet", "articles", arts)
        _write(out / "sentences" / f"{part}.parquet", "sentences", sents)
        at = _EVENT_COLUMNS.index("event_date")
        months: dict[str, list[list[Any]]] = {}
        for r in evs:
            months.setdefault(r[at].strftime("%Y-%m") if r[at] else NO_MONTH, []).append(r)
        for month, rows in sorted(months.items()):
            _write(out / "events" / f"event_month={month}" / f"{part}.parquet", "events", rows)
        return sorted(months)


def _write(path: Path, table: str, rows: list[list[Any]]) -> None:
    cols = TABLES[table]
    data = {c: list(v) for c, v in zip(cols, zip(*rows, strict=True), strict=True)} if rows \
        else {c: [] for c in cols}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pydict(data, schema=schema(table)), tmp)
    os.replace(tmp, path)


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def done_results(out: Path) -> dict[str, dict]:
    """Results of the partitions already done, by partition name."""
    found = {}
    for f in sorted((out / DONE).glob("part-*.json")):
        try:
            found[f.stem] = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # half-written: not done
    return found


# -- loading -----------------------------------------------------------------------------

@dataclass
class LoadStats:
    partitions: int = 0
    articles: int = 0
    events: int = 0
    failed_partitions: int = 0


def read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        raise DatasetError(f"{out}: not a dyads dataset (no {MANIFEST}; "
                           "write one with 'dyads code --engine dask --out')")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: unreadable manifest: {exc}") from None


def _rows(path: Path, table: str) -> list[list[Any]]:
    try:
        t = pq.read_table(path, columns=list(TABLES[table]))
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"{path}: unreadable Parquet file: {exc}") from None
    columns = [t.column(c).to_pylist() for c in TABLES[table]]
    return [list(r) for r in zip(*columns, strict=True)]


def _partition_rows(out: Path, part: str) -> Iterator[tuple[str, ArticleRows]]:
    arts = _rows(out / "articles" / f"{part}.parquet", "articles")
    sents: dict[str, list[list[Any]]] = {}
    for r in _rows(out / "sentences" / f"{part}.parquet", "sentences"):
        sents.setdefault(r[0], []).append(r)
    evs: dict[str, list[list[Any]]] = {}
    for f in sorted((out / "events").glob(f"event_month=*/{part}.parquet")):
        for r in _rows(f, "events"):
            evs.setdefault(r[1], []).append(r)
    for a in arts:
        yield a[0], (a, sents.get(a[0], []), evs.get(a[0], []))


def load(out: str | Path, store: BaseStore, *,
         batch_articles: int = LOAD_BATCH_ARTICLES) -> LoadStats:
    """Merge a dataset into a store: its partitions in plan order (a later copy of an article
    replaces an earlier one, as in a single-process run), one transaction per batch, then
    the merged events of every group touched are rebuilt (unless the store's window is None).
    """
    out = Path(out)
    manifest = read_manifest(out)
    done = done_results(out)
    stats = LoadStats(failed_partitions=len(manifest.get("failed_partitions", [])))
    keys: set[DedupKey] = set()
    batch: dict[str, ArticleRows] = {}

    def flush() -> None:
        if batch:
            keys.update(store.write_rows(batch, dedup=False))
            batch.clear()

    for p in manifest.get("partitions", []):
        part = p["name"]
        if part not in done:
            continue
        stats.partitions += 1
        for doc_id, rows in _partition_rows(out, part):
            batch.pop(doc_id, None)  # a later copy wins, as in a single-process run
            batch[doc_id] = rows
            stats.articles += 1
            stats.events += len(rows[2])
            if len(batch) >= batch_articles:
                flush()
    flush()
    if store.dedup_window is not None and keys:
        store.dedup_keys(keys)
    return stats
