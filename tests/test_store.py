"""The event store on both backends: real DuckDB files and a real PostgreSQL server.

Every test that takes `new_store`/`store` runs twice, once per backend (`backend` fixture).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import psycopg
import pytest

from dyads.model import Actor, Article, Event
from dyads.store import SCHEMA_VERSION, EventStore, StoreError, open_store


def actor(code: str | None, text: str, start: int = 0, **kw) -> Actor:
    country = code[:3] if code else None
    sector = code[3:] or None if code else None
    return Actor(code=code, country=country, sector=sector, text=text, start=start,
                 end=start + len(text), **kw)


def article(doc_id: str, day: date | None = date(2024, 3, 1), **kw) -> Article:
    fields = dict(doc_id=doc_id, text=f"Body of {doc_id}.", title=f"Title {doc_id}", date=day,
                  url=f"https://example.org/{doc_id}", source="Example News",
                  path=f"in/{doc_id}.html")
    return Article(**{**fields, **kw})


def event(doc_id: str, idx: int = 0, cameo: str = "042", src: str | None = "USAGOV",
          tgt: str | None = "PRKGOV", day: date | None = date(2024, 3, 1), **kw) -> Event:
    sentence = "Officials from the United States visited North Korea on Monday."
    fields = dict(
        doc_id=doc_id, sentence_index=idx, sentence=sentence, date=day,
        source=actor(src, "Officials from the United States", 0, kb_id="kb:usa",
                     how="adjective + agent") if src else None,
        target=actor(tgt, "North Korea", 38, how="country name") if tgt else None,
        cameo=cameo, cameo_root=cameo[:2], cameo_name="Make a visit", goldstein=1.9,
        quad_class=1, plover_type="CONSULT", trigger="visited", trigger_start=30,
        trigger_end=37,
    )
    fields.update(kw)
    return Event(**fields)


SENTS = [(0, "Headline here", True), (1, "First body sentence.", False)]


class Location:
    """Where a test's stores live: a new DuckDB file or a new PostgreSQL database each time."""

    def __init__(self, backend: str, tmp_path, postgres=None) -> None:
        self.backend, self.tmp_path, self.postgres = backend, tmp_path, postgres
        self.n = 0

    def new(self) -> str:
        self.n += 1
        if self.backend == "duckdb":
            return str(self.tmp_path / f"e{self.n}.duckdb")
        return self.postgres.new_database()

    def raw(self, target: str, sql: str) -> list[tuple]:
        """Run SQL on the store's database behind dyads' back (to tamper with it)."""
        if self.backend == "duckdb":
            con = duckdb.connect(target)
            try:
                cur = con.execute(sql)
                return cur.fetchall() if cur.description else []
            finally:
                con.close()
        with psycopg.connect(target, autocommit=True) as con:
            cur = con.execute(sql)
            return cur.fetchall() if cur.description else []


@pytest.fixture(params=["duckdb", "postgres"])
def backend(request, tmp_path) -> Location:
    pg = request.getfixturevalue("postgres") if request.param == "postgres" else None
    return Location(request.param, tmp_path, pg)


@pytest.fixture
def store(backend):
    with open_store(backend.new()) as s:
        yield s


def test_schema_version_recorded(backend):
    path = backend.new()
    open_store(path).close()
    row = backend.raw(path, "SELECT value FROM meta WHERE key = 'schema_version'")
    assert row == [(str(SCHEMA_VERSION),)]
    with open_store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.counts() == {"articles": 0, "sentences": 0, "events": 0}


def test_round_trip_preserves_every_field(store):
    evs = [
        event("a1", 1, flags=["reported", "reciprocal"], headline=True, rule="visit.yml:12"),
        event("a1", 1, "0421", src="USA", tgt=None, day=None, plover_type=None),
        event("a1", 0, "173", src=None, tgt="IRNMIL", negated=True, goldstein=-5.0,
              quad_class=4),
    ]
    # an unplaced actor: text but no code
    evs.append(event("a1", 0, "010", hypothetical=True,
                     source=Actor(None, None, None, "the envoy", 0, 9)))
    assert store.write_batch([(article("a1"), SENTS, evs)]) == 1
    got = store.events(doc_id="a1", include_flagged=True)
    key = lambda e: (e.sentence_index, e.cameo)  # noqa: E731
    assert sorted(got, key=key) == sorted(evs, key=key)
    assert all(isinstance(e.date, date) or e.date is None for e in got)
    assert store.has_article("a1") and not store.has_article("zz")
    assert store.article_ids() == {"a1"}
    assert store.sentences("a1") == SENTS
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 4}
    row = store.con.execute(
        "SELECT title, date, url, source, path, text, n_sentences, coded_at FROM articles"
    ).fetchone()
    assert row[:7] == ("Title a1", date(2024, 3, 1), "https://example.org/a1",
                       "Example News", "in/a1.html", "Body of a1.", 2)
    assert row[7] is not None


def test_event_ids_are_deterministic_and_joinable(store):
    store.write_batch([(article("a1"), SENTS, [event("a1", 1), event("a1", 1, "043")])])
    ids = [r[0] for r in store.con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()]
    assert ids == ["a1:1:0", "a1:1:1"]
    joined = store.con.execute(
        "SELECT count(*) FROM events e JOIN sentences s USING (doc_id, sentence_index)"
    ).fetchone()
    assert joined == (2,)


def test_rewrite_replaces_not_duplicates(store):
    store.write_batch([(article("a1"), SENTS, [event("a1", 0), event("a1", 1)])])
    store.write_batch([(article("a2"), SENTS, [event("a2", 0)])])
    changed = [event("a1", 1, "190", goldstein=-10.0, quad_class=4)]
    store.write_batch([(article("a1", title="New title"), SENTS[:1], changed)])
    assert store.counts() == {"articles": 2, "sentences": 3, "events": 2}
    assert [e.cameo for e in store.events(doc_id="a1")] == ["190"]
    assert store.events(doc_id="a1")[0].goldstein == -10.0
    assert store.con.execute("SELECT title FROM articles WHERE doc_id='a1'").fetchone() == (
        "New title",)
    # same article twice in one batch: last one wins
    store.write_batch([(article("a2"), SENTS, [event("a2", 0)] * 3),
                       (article("a2"), SENTS, [event("a2", 1, "051")])])
    assert [e.cameo for e in store.events(doc_id="a2")] == ["051"]
    assert store.counts()["events"] == 2


@pytest.fixture
def filled(store):
    items = [
        (article("d1"), SENTS, [
            event("d1", 0, "042", "USAGOV", "PRKGOV", date(2024, 1, 10)),
            event("d1", 1, "163", "PRKMIL", "KORGOV", date(2024, 1, 10)),
        ]),
        (article("d2"), SENTS, [
            event("d2", 0, "1711", "CHNGOV", "USA", date(2024, 2, 5), quad_class=4),
            event("d2", 1, "160", "RUS", "UKRMIL", date(2024, 2, 6), quad_class=4,
                  negated=True),
            event("d2", 1, "036", "IRNGOV", "PRKGOV", date(2024, 2, 7), hypothetical=True),
            event("d2", 1, "020", None, "PRK", None),
        ]),
    ]
    store.write_batch(items)
    return store


def cameos(evs: list[Event]) -> list[str]:
    return [e.cameo for e in evs]


def test_filters(filled):
    s = filled
    assert cameos(s.events()) == ["042", "163", "1711", "020"]  # undated last; flagged out
    assert cameos(s.events(include_flagged=True)) == ["042", "163", "1711", "160", "036", "020"]
    # actor: either side; 3 letters = country, longer = code prefix
    assert cameos(s.events(actor="PRK")) == ["042", "163", "020"]
    assert cameos(s.events(actor="prkgov")) == ["042"]
    assert cameos(s.events(actor="PRKGOV", include_flagged=True)) == ["042", "036"]
    assert cameos(s.events(actor="USA")) == ["042", "1711"]
    assert cameos(s.events(source="USA")) == ["042"]
    assert cameos(s.events(target="USA")) == ["1711"]
    assert cameos(s.events(source="PRK", target="KOR")) == ["163"]
    # dates, inclusive; undated events drop out
    assert cameos(s.events(since=date(2024, 2, 1))) == ["1711"]
    assert cameos(s.events(until=date(2024, 1, 31))) == ["042", "163"]
    assert cameos(s.events(since=date(2024, 1, 10), until=date(2024, 1, 10))) == ["042", "163"]
    # cameo prefix
    assert cameos(s.events(cameo="16", include_flagged=True)) == ["163", "160"]
    assert cameos(s.events(cameo="17")) == ["1711"]
    assert cameos(s.events(cameo="042")) == ["042"]
    assert cameos(s.events(quad=4)) == ["1711"]
    assert cameos(s.events(doc_id="d2")) == ["1711", "020"]
    assert cameos(s.events(limit=2)) == ["042", "163"]
    assert s.events(actor="XYZ") == []


def test_failed_batch_rolls_back_only_itself(store):
    store.write_batch([(article("ok1"), SENTS, [event("ok1")])])

    def bad_batch():
        yield article("ok1", title="changed"), SENTS, []  # would delete ok1's events
        yield article("b1"), SENTS, [event("b1")]
        raise RuntimeError("coder crashed")

    with pytest.raises(RuntimeError, match="coder crashed"):
        store.write_batch(bad_batch())
    assert store.article_ids() == {"ok1"}
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 1}
    assert store.con.execute("SELECT title FROM articles").fetchone() == ("Title ok1",)

    # a database error (mismatched doc id) also rolls back, and the store stays usable
    with pytest.raises(ValueError):
        store.write_batch([(article("b2"), SENTS, []), (article("b3"), SENTS, [event("x")])])
    assert store.article_ids() == {"ok1"}
    store.write_batch([(article("ok2"), SENTS, [event("ok2")])])
    assert store.article_ids() == {"ok1", "ok2"}


def test_reopen_existing_store(backend):
    path = backend.new()
    with open_store(path) as s:
        s.write_batch([(article("a1"), SENTS, [event("a1", flags=["x"])])])
    with open_store(path) as s:
        assert s.article_ids() == {"a1"}
        assert s.events()[0].flags == ["x"]
        s.write_batch([(article("a2"), SENTS, [event("a2")])])
    with open_store(path, read_only=True) as s:
        assert s.counts()["events"] == 2


def test_read_only_refuses_writes(backend):
    path = backend.new()
    open_store(path).close()
    with open_store(path, read_only=True) as s, pytest.raises(Exception, match="(?i)read.only"):
        s.write_batch([(article("a1"), SENTS, [event("a1")])])


def test_unknown_schema_version_raises(backend):
    path = backend.new()
    open_store(path).close()
    backend.raw(path, f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' "
                      "WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}"):
        open_store(path)


def test_older_schema_is_migrated(backend, monkeypatch):
    import dyads.store as store_mod

    path = backend.new()
    open_store(path).close()
    calls = []
    # pretend the code is one version ahead of the file
    v = SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", v + 1)
    monkeypatch.setitem(store_mod.MIGRATIONS, v, lambda con: calls.append(con) or con.execute(
        "ALTER TABLE events ADD COLUMN note TEXT"))
    with open_store(path) as s:
        assert s.schema_version() == v + 1
        assert "note" in {r[0] for r in s.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'events'").fetchall()}
    assert len(calls) == 1
    monkeypatch.delitem(store_mod.MIGRATIONS, v)
    with open_store(path) as s:  # already migrated: no step needed
        assert s.schema_version() == v + 1


def test_failed_migration_rolls_back(backend, monkeypatch):
    import dyads.store as store_mod

    path = backend.new()
    open_store(path).close()
    v = SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", v + 1)

    def broken(con):
        con.execute("ALTER TABLE events ADD COLUMN note TEXT")
        raise RuntimeError("migration bug")

    monkeypatch.setitem(store_mod.MIGRATIONS, v, broken)
    with pytest.raises(RuntimeError, match="migration bug"):
        open_store(path)
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", v)
    with open_store(path) as s:  # still the old version, without the half-added column
        assert s.schema_version() == v
        s.execute("SELECT count(*) FROM events").fetchone()
        with pytest.raises(Exception, match="note"):
            s.execute("SELECT note FROM events").fetchone()


def test_missing_migration_raises(backend, monkeypatch):
    import dyads.store as store_mod

    path = backend.new()
    open_store(path).close()
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="no migration"):
        open_store(path)


def test_not_a_database(tmp_path):  # DuckDB only: a file that is not a database
    path = tmp_path / "junk.duckdb"
    path.write_text("this is not duckdb " * 1000)
    with pytest.raises(StoreError):
        EventStore(path)
    with pytest.raises(StoreError):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_many_events_fast_path(store):
    evs = [replace(event("big", i // 3), cameo=f"0{i % 9 + 1}") for i in range(1500)]
    sents = [(i, f"Sentence {i}.", i == 0) for i in range(500)]
    store.write_batch([(article("big"), sents, evs)])
    assert store.counts() == {"articles": 1, "sentences": 500, "events": 1500}
    assert len(store.events(doc_id="big")) == 1500


def test_all_null_columns_and_empty_articles(store):
    bare = event("n1", 0, src=None, tgt=None, day=None, plover_type=None)
    store.write_batch([(article("n1", day=None, title=None, url=None), [], [bare]),
                       (article("n2"), [], [])])
    assert store.events(doc_id="n1") == [bare]
    assert store.counts() == {"articles": 2, "sentences": 0, "events": 1}
    assert store.write_batch([]) == 0


def test_dedup_tables_on_both_backends(store):
    """Two articles reporting one visit merge into one event with two mentions."""
    store.write_batch([(article("m1"), SENTS, [event("m1", event_date=date(2024, 3, 1))]),
                       (article("m2", source="Other Wire"), SENTS,
                        [event("m2", 1, event_date=date(2024, 3, 2))])])
    [u] = store.unique_events()
    assert (u["num_mentions"], u["num_sources"], u["num_articles"]) == (2, 2, 2)
    assert [m["doc_id"] for m in u["mentions"]] == ["m1", "m2"]
    store.write_batch([(article("m2", source="Other Wire"), SENTS, [])])  # re-coded: gone
    [u] = store.unique_events()
    assert u["num_mentions"] == 1
    store.rebuild_dedup()
    assert [x["num_mentions"] for x in store.unique_events()] == [1]
