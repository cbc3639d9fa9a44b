"""The analysis API: `dyads.open(db)` returns an `EventData` over an event store.

    >>> import dyads
    >>> with dyads.open("events.duckdb") as data:
    ...     data.dyad("USA", "PRK", by="month")        # pandas DataFrame, one row per month
    ...     data.top_dyads(since="2019-01-01")
    ...     data.events(actor="PRK", quad=3)
    ...     data.export("gdelt", "events.tsv", since="2019-01-01")

Every method runs SQL (`dyads.aggregate`) on the store, opened read-only: a DuckDB file, or a
PostgreSQL database (`dyads.open("postgresql://user@host/dbname")`; the same SQL, through
`dyads.dialect.PgConnection`, and the same frames). Pass `frame="polars"` for a polars
DataFrame (polars must be installed).

Events are de-duplicated (`count="events"`: one merged event however many articles report
it, with its mentions, sources and articles) and dated by their own date (`date_of="event"`);
`count="mentions"` counts every stored event, `date_of="publication"` dates by the article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from dyads.aggregate import (
    ActorSpec,
    AnalysisError,
    EventFilter,
    Query,
    dyad_series,
    events_query,
    parse_date,
    top_dyads,
)
from dyads.dialect import PgConnection
from dyads.store import StoreError, is_postgres_url
from dyads.store import open_store as open_event_store

Frame = Literal["pandas", "polars"]
DateLike = date | str | None


class EventData:
    """Analysis of one event store. Use as a context manager, or call `close()`."""

    def __init__(self, db: str | Path, *, read_only: bool = True) -> None:
        self._pg: PgConnection | None = None
        if is_postgres_url(db):
            self._store = open_event_store(str(db), read_only=read_only)
            self._pg = PgConnection(self._store.con)
            self.path: str | Path = self._store.label
            return
        path = Path(db)
        if not path.exists():
            raise StoreError(f"{path}: no such event store (run 'dyads code' first)")
        self._store = open_event_store(path, read_only=read_only)
        self.path = path

    @property
    def con(self):
        """The connection, for your own SQL (tables: events, articles, sentences,
        unique_events, mentions): DuckDB's, or for PostgreSQL a `dyads.dialect.PgConnection`
        (`execute(sql, [params])` with `?` parameters; `.raw` is the psycopg connection)."""
        return self._pg if self._pg is not None else self._store.con

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> EventData:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventData({str(self.path)!r})"

    def _frame(self, query: Query, frame: Frame):
        if frame == "polars":
            try:
                import polars  # noqa: F401
            except ImportError:
                raise AnalysisError("frame='polars' needs polars: pip install polars") from None
            return query.pl(self.con)
        if frame != "pandas":
            raise AnalysisError(f"unknown frame {frame!r}: use 'pandas' or 'polars'")
        return query.df(self.con)

    def events(self, *, actor: str | None = None, source: str | None = None,
               target: str | None = None, sector: str | None = None, since: DateLike = None,
               until: DateLike = None, cameo: str | None = None, quad: int | None = None,
               doc_id: str | None = None, include_flagged: bool = False,
               limit: int | None = None, count: str = "events", date_of: str = "event",
               frame: Frame = "pandas"):
        """Events, oldest first (by the date `date_of` names; `since`/`until` filter on it):
        one row per de-duplicated event (`global_id`, `num_mentions`, `num_sources`,
        `num_articles`, the columns of its first mention with the merged dates and place,
        its publisher, url and title), or per stored event with `count="mentions"`.

        Actors: a 3-letter code matches the country or group class (PRK, IGO), a longer one
        a code prefix (PRKGOV); `sector` also requires that sector (GOV). `doc_id` keeps the
        events that article reports.
        """
        flt = EventFilter.build(actor=actor, source=source, target=target, sector=sector,
                                since=since, until=until, cameo=cameo, quad=quad,
                                doc_id=doc_id, include_flagged=include_flagged,
                                count=count, date_of=date_of)
        return self._frame(events_query(flt, limit=limit), frame)

    def dyad(self, a: str, b: str, *, by: str = "month", since: DateLike = None,
             until: DateLike = None, directed: bool = False, sector: str | None = None,
             include_flagged: bool = False, count: str = "events", date_of: str = "event",
             frame: Frame = "pandas"):
        """The dyad's time series: one row per period (see `dyads.aggregate.dyad_series`)."""
        flt = EventFilter.build(since=since, until=until, count=count,
                                date_of=date_of)  # validates the values
        return self._frame(
            dyad_series(ActorSpec.parse(a, sector), ActorSpec.parse(b, sector), by=by,
                        directed=directed, since=flt.since, until=flt.until,
                        include_flagged=include_flagged, count=flt.count,
                        date_of=flt.date_of), frame)

    def top_dyads(self, *, since: DateLike = None, until: DateLike = None,
                  rank: str = "events", level: str = "country", directed: bool = True,
                  sector: str | None = None, limit: int = 20, include_flagged: bool = False,
                  include_domestic: bool = True, count: str = "events",
                  date_of: str = "event", frame: Frame = "pandas"):
        """Dyads ranked by events or by conflict (see `dyads.aggregate.top_dyads`)."""
        return self._frame(
            top_dyads(since=parse_date(since, "since date"),
                      until=parse_date(until, "until date"), rank=rank, level=level,
                      directed=directed, sector=sector, limit=limit,
                      include_flagged=include_flagged, include_domestic=include_domestic,
                      count=count, date_of=date_of),
            frame)

    def export(self, fmt: str, path: str | Path, **filters: Any) -> int:
        """Write events in an exchange format (see `dyads.exchange.FORMATS`); return count.

        `filters` are those of `events()` except `limit` (so also `count`, `date_of`).
        On PostgreSQL the export reads one snapshot (a run writing meanwhile is either in it
        or not, batch by batch).
        """
        from dyads.exchange import export

        flt = EventFilter.build(**filters)
        if self._pg is not None:
            with self._pg.snapshot() as con:
                return export(con, fmt, path, flt)
        return export(self.con, fmt, path, flt)

    def gdelt_events(self, *, frame: Frame = "pandas"):
        """Rows imported with `dyads import-gdelt` (empty frame when none were)."""
        from dyads.exchange.gdelt import IMPORT_TABLE

        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
            [IMPORT_TABLE]).fetchone()
        if not exists or not exists[0]:
            raise AnalysisError(f"{self.path}: no GDELT events imported "
                                "(run 'dyads import-gdelt' first)")
        return self._frame(Query(f"SELECT * FROM {IMPORT_TABLE} ORDER BY date, "
                                 '"GlobalEventID"'), frame)


def open_store(db: str | Path, *, read_only: bool = True) -> EventData:
    """Open an event store for analysis (`dyads.open`)."""
    return EventData(db, read_only=read_only)
