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
           "default_pipeline", "open"]


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
