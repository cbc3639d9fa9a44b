"""Exchange formats: write stored events as GDELT, ICEWS, PLOVER, Phoenix, CSV or Parquet,
and read GDELT 2.0 event files into the store. docs/formats.md documents every mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from dyads.aggregate import AnalysisError, EventFilter


def _writers() -> dict[str, Callable[[duckdb.DuckDBPyConnection, EventFilter, Path], int]]:
    from dyads.exchange import gdelt, icews, native, phoenix, plover

    return {
        "gdelt": gdelt.write_events,
        "gdelt-mentions": gdelt.write_mentions,
        "icews": icews.write,
        "plover": plover.write,
        "phoenix": phoenix.write,
        "csv": native.write_csv,
        "parquet": native.write_parquet,
    }


FORMATS: tuple[str, ...] = ("gdelt", "gdelt-mentions", "icews", "plover", "phoenix", "csv",
                            "parquet")


def export(con: duckdb.DuckDBPyConnection, fmt: str, path: str | Path,
           flt: EventFilter | None = None) -> int:
    """Write the events selected by `flt` (default: all asserted) to `path` in `fmt`.

    Returns the number of records written. Raises AnalysisError for an unknown format or a
    path that cannot be written.
    """
    writers = _writers()
    if fmt not in writers:
        raise AnalysisError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(path)
    if out.is_dir():
        raise AnalysisError(f"{out}: is a directory; give a file name")
    if not out.parent.is_dir():
        raise AnalysisError(f"{out.parent}: no such directory")
    from dyads.exchange.base import register_geo_names

    register_geo_names(con)
    return writers[fmt](con, flt or EventFilter(), out)
