"""A real event store for the `dyads serve` tests: the sample articles (and the three reports
of samples/dedup, so that some events have several mentions) coded by the real pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

from dyads.runner import code_inputs
from dyads.store import EventStore

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "samples" / "articles", ROOT / "samples" / "dedup" / "reports.jsonl"]


def build_sample_store(pipeline, path: Path) -> Path:
    with EventStore(path) as store:
        stats = code_inputs(pipeline, INPUTS, store=store)
    assert stats.failed == 0 and stats.events > 100, stats
    return path


def copy_store(src: Path, dst: Path) -> Path:
    """A separate file: one process cannot open one file both read-only and read-write."""
    shutil.copyfile(src, dst)
    return dst
