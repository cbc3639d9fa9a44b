"""The application factory: `create_app(db)` returns the FastAPI app of `dyads serve`.

The store is opened once. Each request reads through its own DuckDB cursor (DuckDB
connections are not shared between threads), or, for a PostgreSQL store, through a pooled
read-only connection in one REPEATABLE READ snapshot (so a request never sees half of a
batch that a `dyads code` run is writing, and all its statements see the same batches);
ingest writes go through the store under a lock.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from dyads.aggregate import AnalysisError
from dyads.dialect import PgReaders
from dyads.pipeline import Pipeline
from dyads.serve import queries
from dyads.serve.ingest import LiveCoder
from dyads.serve.limits import BodyLimit, SecurityHeaders
from dyads.store import BaseStore, StoreError, is_postgres_url, open_store

MAX_BODY_BYTES = 256 * 1024
CODING_TIMEOUT_S = 10.0


@dataclass
class ServeState:
    """What the routes share: the open store, the live coder and the known actor codes."""

    store: BaseStore
    read_only: bool
    coder: LiveCoder
    max_body: int
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    known_actors: set[str] = field(default_factory=set)
    readers: PgReaders | None = None  # PostgreSQL: the pool requests read through

    @contextlib.contextmanager
    def reader(self) -> Iterator[Any]:
        """A connection for one request's reads: a DuckDB cursor, or a pooled PostgreSQL
        connection in one read-only snapshot."""
        if self.readers is not None:
            with self.readers.reader() as con:
                yield con
            return
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def cursor(self) -> Iterator[Any]:
        with self.reader() as con:
            yield con

    @property
    def db_name(self) -> str:
        """What the pages call the store: the file name, or the PostgreSQL database name."""
        path = getattr(self.store, "path", None)
        if path is not None:
            return Path(path).name
        return self.store.label.rsplit("/", 1)[-1].split("?", 1)[0]

    def refresh_actors(self) -> None:
        with self.reader() as cur:
            self.known_actors = set(queries.bundled_actor_codes()) | \
                queries.stored_actor_codes(cur)


def _one_line(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "bad request: " + "; ".join(parts)


def create_app(db: str | Path, *, read_only: bool = True, pipeline: Pipeline | None = None,
               coding_timeout: float = CODING_TIMEOUT_S,
               max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The dashboard and JSON API over the event store `db` (which must exist): a DuckDB
    file or a `postgresql://` URL.

    `read_only` opens the store read-only and turns ingest off. `pipeline` is the coder used by
    ingest (loaded on first use when not given); `coding_timeout` bounds each ingest request,
    `max_body` the size of any request body.
    """
    readers = None
    if is_postgres_url(db):
        store = open_store(str(db), read_only=read_only)
        readers = PgReaders(str(db))
    else:
        path = Path(db)
        if not path.exists():
            raise StoreError(f"{path}: no such event store (run 'dyads code' first)")
        store = open_store(path, read_only=read_only)
    state = ServeState(store=store, read_only=read_only,
                       coder=LiveCoder(pipeline, timeout=coding_timeout), max_body=max_body,
                       readers=readers)
    state.refresh_actors()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        state.coder.close()
        if state.readers is not None:
            state.readers.close()

    app = FastAPI(
        title="dyads", version=_version(), lifespan=lifespan,
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /openapi.json
        summary="Political events coded from news (CAMEO/PLOVER): who did what to whom.",
        description="JSON API of `dyads serve`. Dates are publication dates unless named "
                    "`event_date`. Every list is paginated (`page`, `page_size` up to "
                    f"{queries.MAX_PAGE_SIZE}); bad parameters give 422 with a one-line "
                    "`detail`. The OpenAPI document is /openapi.json.")
    app.state.dyads = state

    @app.exception_handler(AnalysisError)
    async def analysis_error(_request: Request, exc: AnalysisError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")}
                  for e in exc.errors()]
        return JSONResponse({"detail": _one_line(exc), "errors": jsonable_encoder(errors)},
                            status_code=422)

    from dyads.serve import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("dyads.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _version() -> str:
    from dyads import __version__

    return __version__


def get_state(request: Request) -> ServeState:
    return request.app.state.dyads


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a connection for this request (see `ServeState.reader`)."""
    yield from get_state(request).cursor()


def jsonable(value: Any) -> Any:
    return jsonable_encoder(value)
