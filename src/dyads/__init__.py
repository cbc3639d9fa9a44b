"""dyads: political event data from news — who did what to whom, when and where.

The Python API mirrors the command line:

    >>> import dyads
    >>> events = dyads.code_text("Japan imposed export curbs on South Korea.")
    >>> run = dyads.code_files(["articles/"], db="events.duckdb")
    >>> data = dyads.open("events.duckdb")          # analysis: DataFrames and exports

`code_text` and `code_files` share one `Pipeline` (the spaCy model and the lexicon are loaded
once, on first use). Create a `Pipeline` yourself for other lexicon or actor files.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from dyads.model import Actor, Article, Event, InputError

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Event", "InputError", "Pipeline", "code_files", "code_text",
           "default_pipeline", "lookup_actor", "open"]


def __getattr__(name: str):
    if name == "Pipeline":
        from dyads.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


@cache
def default_pipeline():
    """The shared pipeline with the bundled lexicon and actors (loaded on first call)."""
    from dyads.pipeline import Pipeline

    return Pipeline()


def code_text(text: str, *, date: date | None = None, title: str | None = None,
              include_flagged: bool = False) -> list[Event]:
    """Code a text; by default only asserted events (not negated, not hypothetical)."""
    events = default_pipeline().code_text(text, date=date, title=title)
    return events if include_flagged else [e for e in events if e.asserted]


def lookup_actor(text: str, *, date: date | None = None, pipeline=None):
    """Resolve a phrase ("Kim Jong Un", "the South Korean defense minister", "Iraqi
    civilians") like an event slot: returns a `dyads.actors.lookup.Lookup` with `.actor`
    (code, country, sector, kb_id, how), `.actors` and the dated `.offices` of its names;
    `.format()` gives the text `dyads actors lookup` prints."""
    from dyads.actors.lookup import lookup

    p = pipeline or default_pipeline()
    return lookup(p.resolver, p.nlp, text, date)


def code_files(paths: Iterable[str | Path], *, db: str | Path | None = "dyads.duckdb",
               date: date | None = None):
    """Code files and folders like `dyads code`; store into `db` (None: store nothing).

    `db` is a DuckDB file or a `postgresql://` URL.

    Returns the run's statistics (read, coded, failed, events, errors).
    """
    from dyads.runner import code_inputs
    from dyads.store import open_store

    if db is None:
        return code_inputs(default_pipeline(), paths, date=date)
    with open_store(db) as store:
        return code_inputs(default_pipeline(), paths, store=store, date=date)


def open(db: str | Path, *, read_only: bool = True):  # noqa: A001 - mirrors the CLI's verb
    """Open an event store for analysis: `.events()`, `.dyad()`, `.top_dyads()`, `.export()`.

    Returns a `dyads.analysis.EventData` (a context manager) whose methods return pandas
    DataFrames (polars with `frame="polars"`).
    """
    from dyads.analysis import open_store

    return open_store(db, read_only=read_only)
