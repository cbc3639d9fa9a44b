"""`dyads serve`: a web dashboard and JSON API over an event store (FastAPI + uvicorn).

    >>> from dyads.serve import create_app
    >>> app = create_app("events.duckdb", read_only=True)   # an ASGI app for uvicorn

Pages (overview, dyad, network, events, event, article, ingest) are Jinja templates with
small vanilla-JS/SVG scripts under static/, all served by the app itself: they work offline.
The JSON API is under /api (OpenAPI at /openapi.json, docs at /docs); SQL is in queries.py.
"""

from __future__ import annotations

from dyads.serve.app import create_app

__all__ = ["create_app"]
