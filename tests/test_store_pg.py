"""What only a PostgreSQL store does: concurrent writers, readers during a run, URLs.

The store suite itself (tests/test_store.py) runs on both backends; this module adds the
server's cases on the real server of the `postgres` fixture.
"""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store import SENTS, article, event

from dyads.cli import main
from dyads.store import StoreError, open_store
from dyads.store_pg import redact

REPORTS = Path(__file__).resolve().parents[1] / "samples" / "dedup" / "reports.jsonl"
PAIRS = [("USAGOV", "PRKGOV", "042"), ("CHNGOV", "USAGOV", "112"), ("RUSMIL", "UKR", "190")]


def doc_items(i: int):
    """Article i, the same whoever writes it: three events in groups shared across articles."""
    doc = f"d{i:03d}"
    day = date(2024, 3, 1) + timedelta(days=i // 10)
    evs = [event(doc, s, cameo, src, tgt, day, event_date=day + timedelta(days=s % 2))
           for s, (src, tgt, cameo) in enumerate(PAIRS)]
    return article(doc, day, source=f"Wire {i % 4}"), SENTS, evs


def _writer(url: str, ids: list[int], barrier) -> None:
    with open_store(url) as store:
        barrier.wait()
        for at in range(0, len(ids), 5):
            store.write_batch([doc_items(i) for i in ids[at:at + 5]])


def test_two_writers_lose_and_duplicate_nothing(postgres):
    url = postgres.new_database()
    open_store(url).close()
    a, b = list(range(0, 60)), list(reversed(range(30, 90)))  # 30 articles in common
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(url, ids, barrier)) for ids in (a, b)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with open_store(url) as store:
        assert store.counts() == {"articles": 90, "sentences": 180, "events": 270}
        assert store.article_ids() == {f"d{i:03d}" for i in range(90)}
        merged = store.unique_events()
        mentions = [m["event_id"] for u in merged for m in u["mentions"]]
        assert len(mentions) == len(set(mentions)) == 270  # every event merged exactly once
        assert sum(u["num_mentions"] for u in merged) == 270
        store.rebuild_dedup()  # from scratch, by one writer: the same events
        assert store.unique_events() == merged


def test_reader_sees_whole_batches_while_a_run_writes(postgres):
    url = postgres.new_database()
    with open_store(url) as writer, open_store(url, read_only=True) as reader:
        writer.write_batch([doc_items(0)])
        with writer._transaction():  # a batch in flight: the reader neither waits nor sees it
            writer.execute("DELETE FROM events")
            writer.execute("INSERT INTO articles (doc_id) VALUES ('half')")
            assert reader.counts() == {"articles": 1, "sentences": 2, "events": 3}
            assert len(reader.events()) == 3
        assert reader.counts()["articles"] == 2 and reader.counts()["events"] == 0


def test_schema_created_once_by_two_processes(postgres):
    url = postgres.new_database()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(url, [i], barrier)) for i in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with open_store(url) as store:
        assert store.article_ids() == {"d001", "d002"}


def test_unreachable_or_bad_url_is_one_clear_line(postgres):
    port = postgres.base_url.rsplit(":", 1)[1].split("/")[0]
    bad = f"postgresql://dyads:secret@127.0.0.1:{int(port) + 1}/nothing"
    with pytest.raises(StoreError) as info:
        open_store(bad)
    msg = str(info.value)
    assert "cannot connect to PostgreSQL" in msg and "\n" not in msg
    assert "secret" not in msg and redact(bad) in msg
    missing = postgres.base_url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(StoreError, match="no_such_db"):
        open_store(missing)
    r = CliRunner().invoke(main, ["events", "--db", bad])
    assert r.exit_code == 1
    assert r.output.startswith("Error: postgresql://dyads:***@") and r.output.count("\n") == 1


def test_cli_code_and_merged_on_postgres(postgres, tmp_path):
    url = postgres.new_database()
    runner = CliRunner()
    r = runner.invoke(main, ["code", str(REPORTS), "--db", url])
    assert r.exit_code == 0, r.output
    assert f"-> {url}" in r.output
    r = runner.invoke(main, ["merged", "--db", url])
    assert r.exit_code == 0 and "PRK" in r.output
    duck = str(tmp_path / "d.duckdb")
    runner.invoke(main, ["code", str(REPORTS), "--db", duck])
    with open_store(url) as pg, open_store(duck) as dk:
        assert pg.unique_events() == dk.unique_events()
        assert pg.events(include_flagged=True) == dk.events(include_flagged=True)
    r = runner.invoke(main, ["dyad", "USA", "PRK", "--db", url])  # the analysis reads it
    assert r.exit_code == 0, r.output
    assert r.output == runner.invoke(main, ["dyad", "USA", "PRK", "--db", duck]).output
    r = runner.invoke(main, ["import-gdelt", str(tmp_path / "none.CSV"), "--db", url])
    assert r.exit_code == 1 and "DuckDB stores only" in r.output
