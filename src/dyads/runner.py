"""Running the pipeline over inputs into a store: shared by the CLI and the Python API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, TextIO

from dyads.ingest import iter_articles
from dyads.model import Article, Event, InputError
from dyads.pipeline import CodedArticle, Pipeline
from dyads.store import BatchItem

BATCH_ARTICLES = 50  # one transaction per batch: an interrupted run keeps what it committed


@dataclass
class RunStats:
    read: int = 0
    coded: int = 0
    failed: int = 0
    events: int = 0
    asserted: int = 0
    sentences: int = 0
    parsed: int = 0
    errors: list[InputError] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"read": self.read, "coded": self.coded, "failed": self.failed,
                "events": self.events, "asserted": self.asserted}


class BatchWriter(Protocol):
    """Where coded articles go: an event store, or a partition's Parquet files."""

    def write_batch(self, items: Iterable[BatchItem]) -> int: ...


def code_inputs(pipeline: Pipeline, inputs: Iterable[str | Path], *,
                store: BatchWriter | None = None, date: date | None = None,
                stdin: TextIO | None = None,
                on_article: Callable[[CodedArticle], None] | None = None,
                on_error: Callable[[InputError], None] | None = None) -> RunStats:
    """Ingest, code and store every input; bad inputs are reported and skipped."""
    return code_items(pipeline, iter_articles(inputs, date=date, stdin=stdin), store=store,
                      on_article=on_article, on_error=on_error)


def code_items(pipeline: Pipeline, items: Iterable[Article | InputError], *,
               store: BatchWriter | None = None,
               on_article: Callable[[CodedArticle], None] | None = None,
               on_error: Callable[[InputError], None] | None = None) -> RunStats:
    """Code and store ingested articles (InputErrors are counted and reported)."""
    stats = RunStats()
    batch: list[tuple[Article, list[tuple[int, str, bool]], list[Event]]] = []

    def fail(error: InputError) -> None:
        stats.failed += 1
        stats.errors.append(error)
        if on_error:
            on_error(error)

    for item in items:
        if isinstance(item, InputError):
            fail(item)
            continue
        stats.read += 1
        try:
            coded = pipeline.code_article(item)
        except Exception as exc:  # one bad article must not stop the run
            fail(InputError(_where(item), f"coding failed: {type(exc).__name__}: {exc}"))
            continue
        stats.coded += 1
        stats.events += len(coded.events)
        stats.asserted += len(coded.asserted)
        stats.sentences += len(coded.sentences)
        stats.parsed += coded.parsed
        if on_article:
            on_article(coded)
        if store is not None:
            batch.append((coded.article,
                          [(s.index, s.text, s.headline) for s in coded.sentences],
                          coded.events))
            if len(batch) >= BATCH_ARTICLES:
                store.write_batch(batch)
                batch = []
    if store is not None and batch:
        store.write_batch(batch)
    return stats


def _where(article: Article) -> str:
    if article.path and article.line:
        return f"{article.path}:{article.line}"
    return article.path or article.doc_id
