"""Shared fixtures: one real pipeline (real spaCy model, bundled data) for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "articles"

def _shared() -> Path:
    """The shared reference material: $DYADS_SHARED, a `shared/` beside the clone, or the
    workplace's /work/shared (CI clones elsewhere)."""
    for cand in (os.environ.get("DYADS_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return ROOT.parent / "shared"


SHARED = _shared()
SHARED_EVAL = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def pipeline():
    from dyads.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """Code one text; returns (asserted events, all events)."""

    def run(text: str, **kw):
        events = pipeline.code_text(text, **kw)
        return [e for e in events if e.asserted], events

    return run


def triples(events):
    """(source country, root, target country) of each event."""
    return {(e.source.country if e.source else None, e.cameo_root,
             e.target.country if e.target else None) for e in events}


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the session (tests/pgserver.py); skips if there is none."""
    from pgserver import PostgresUnavailable, TempPostgres

    try:
        server = TempPostgres.start()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()
