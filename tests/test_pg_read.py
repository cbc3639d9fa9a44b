"""The read side on PostgreSQL: analysis, exports, the CLI and `dyads serve` give what they
give on DuckDB for the same store, and the API reads a store while `dyads code` writes it.

Uses the real server of the `postgres` fixture (tests/pgserver.py).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from datetime import date, timedelta

import pandas as pd
import pytest
from analysis_data import ARTICLES
from click.testing import CliRunner
from fastapi.testclient import TestClient
from serve_data import build_sample_store

import dyads
from dyads.cli import main
from dyads.serve import create_app
from dyads.store import (
    _ARTICLE_COLUMNS,
    _EVENT_COLUMNS,
    _MENTION_COLUMNS,
    _SENTENCE_COLUMNS,
    _UNIQUE_COLUMNS,
    open_store,
)

CODED_AT = "2024-05-01 12:00:00.25"  # one coded_at in both stores: exports print it


def write_known(target) -> None:
    """tests/analysis_data.py's articles, through the store's own batch writer."""
    with open_store(target) as store:
        store.write_batch(
            (art, [(0, art.title or "", True), (1, "s1", False), (2, "s2", False),
                   (3, "s3", False)], evs) for art, evs in ARTICLES)
        store.execute(f"UPDATE articles SET coded_at = TIMESTAMP '{CODED_AT}'")


@pytest.fixture(scope="module")
def both(postgres, tmp_path_factory):
    duck = tmp_path_factory.mktemp("pgread") / "known.duckdb"
    url = postgres.new_database()
    write_known(duck)
    write_known(url)
    return duck, url


FRAMES = {
    "dyad month": lambda d: d.dyad("USA", "PRK", by="month"),
    "dyad week bounded": lambda d: d.dyad("USA", "PRK", by="week", since="2019-11-01",
                                          until="2019-12-31"),
    "dyad quarter mentions": lambda d: d.dyad("USA", "PRK", by="quarter", count="mentions",
                                              date_of="publication", include_flagged=True),
    "dyad sector directed": lambda d: d.dyad("USA", "PRK", sector="GOV", directed=True,
                                             by="day"),
    "top dyads": lambda d: d.top_dyads(),
    "top dyads conflict": lambda d: d.top_dyads(rank="conflict", directed=False,
                                                level="code", include_domestic=False),
    "top dyads sector": lambda d: d.top_dyads(sector="GOV", since="2019-11-01"),
    "events": lambda d: d.events(),
    "events filtered": lambda d: d.events(actor="PRK", quad=3, since="2019-11-01"),
    "events mentions": lambda d: d.events(count="mentions", include_flagged=True,
                                          date_of="publication"),
    "events of a doc": lambda d: d.events(doc_id="a4", include_flagged=True),
}


@pytest.mark.parametrize("name", list(FRAMES))
def test_analysis_frames_are_the_same(both, name):
    duck, url = both
    with dyads.open(duck) as dk, dyads.open(url) as pg:
        expected, got = FRAMES[name](dk), FRAMES[name](pg)
    assert not expected.empty or name == "top dyads sector"
    pd.testing.assert_frame_equal(got, expected)  # values and dtypes


@pytest.mark.parametrize("fmt", ["csv", "gdelt", "gdelt-mentions", "icews", "plover",
                                 "phoenix"])
def test_exports_are_byte_identical(both, tmp_path, fmt):
    duck, url = both
    with dyads.open(duck) as dk, dyads.open(url) as pg:
        n = dk.export(fmt, tmp_path / "duck.out")
        assert pg.export(fmt, tmp_path / "pg.out") == n > 0
        assert dk.export(fmt, tmp_path / "duck-prk.out", actor="PRK", count="mentions") == \
            pg.export(fmt, tmp_path / "pg-prk.out", actor="PRK", count="mentions")
    assert (tmp_path / "pg.out").read_bytes() == (tmp_path / "duck.out").read_bytes()
    assert (tmp_path / "pg-prk.out").read_bytes() == (tmp_path / "duck-prk.out").read_bytes()


def test_parquet_export_has_the_same_rows_and_types(both, tmp_path):
    duck, url = both
    with dyads.open(duck) as dk, dyads.open(url) as pg:
        assert dk.export("parquet", tmp_path / "d.parquet") == \
            pg.export("parquet", tmp_path / "p.parquet") == 7
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "p.parquet"),
                                  pd.read_parquet(tmp_path / "d.parquet"))


def test_cli_commands_on_a_postgres_url(both, tmp_path):
    duck, url = both
    runner = CliRunner()
    for args in (["dyad", "USA", "PRK", "--by", "week", "--format", "csv"],
                 ["top-dyads", "--rank", "conflict", "--format", "jsonl"],
                 ["events", "--actor", "PRK", "--format", "csv", "--all"]):
        d = runner.invoke(main, [*args, "--db", str(duck)])
        p = runner.invoke(main, [*args, "--db", url])
        assert d.exit_code == p.exit_code == 0, p.output
        assert p.output == d.output and p.output.strip()
    for db, name in ((str(duck), "d"), (url, "p")):
        r = runner.invoke(main, ["export", "--format", "csv", "--out",
                                 str(tmp_path / f"{name}.csv"), "--actor", "USA", "--db", db])
        assert r.exit_code == 0, r.output
        r = runner.invoke(main, ["plot", "USA", "PRK", "--out", str(tmp_path / f"{name}.png"),
                                 "--db", db])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "p.csv").read_text() == (tmp_path / "d.csv").read_text()
    assert (tmp_path / "p.png").stat().st_size > 10_000


# -- dyads serve ------------------------------------------------------------------------------

TABLES = (("articles", _ARTICLE_COLUMNS), ("sentences", _SENTENCE_COLUMNS),
          ("events", _EVENT_COLUMNS), ("unique_events", _UNIQUE_COLUMNS),
          ("mentions", _MENTION_COLUMNS))


def copy_store(duck, url) -> None:
    """Every row of a DuckDB store into a new PostgreSQL one, as it is."""
    with open_store(duck, read_only=True) as src, open_store(url) as dst, dst._transaction():
        for table, cols in TABLES:
            rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            dst._insert(table, cols, [list(r) for r in rows])


@pytest.fixture(scope="module")
def clients(postgres, pipeline, tmp_path_factory):
    duck = build_sample_store(pipeline, tmp_path_factory.mktemp("pgserve") / "s.duckdb")
    url = postgres.new_database()
    copy_store(duck, url)
    with TestClient(create_app(duck, read_only=True)) as d, \
            TestClient(create_app(url, read_only=True)) as p:
        yield d, p


def rounded(value):
    """JSON with floats to 9 significant digits (sums may add up in another order)."""
    if isinstance(value, float):
        return float(f"{value:.9g}") if math.isfinite(value) else value
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


SERVE_GETS = [
    ("/api/meta", {}), ("/api/actors", {}), ("/api/overview", {}),
    ("/api/overview", {"since": "2019-11-01", "until": "2019-11-30"}),
    ("/api/overview", {"by": "quarter", "limit": 3}),
    ("/api/dyad", {"a": "USA", "b": "PRK", "by": "week"}),
    ("/api/dyad", {"a": "PRK", "b": "USA", "by": "month", "directed": "true"}),
    ("/api/dyad/events", {"a": "USA", "b": "PRK", "period": "2019-11-17"}),
    ("/api/network", {}), ("/api/network", {"quad": 4, "limit": 5}),
    ("/api/events", {"page_size": 500}), ("/api/events", {"all": "true", "page_size": 500}),
    ("/api/events", {"sort": "goldstein", "desc": "true", "page": 2, "page_size": 20}),
    ("/api/events", {"actor": "PRK", "sector": "GOV"}), ("/api/events", {"sector": "MIL"}),
    ("/api/events", {"q": "EXPORT CURBS"}), ("/api/events", {"place": "jerus"}),
    ("/api/events", {"cameo": "12", "since": "2019-11-01", "sort": "place"}),
    ("/api/cameo", {}),
]


@pytest.mark.parametrize(("path", "params"), SERVE_GETS)
def test_api_answers_the_same_on_both(clients, path, params):
    d, p = clients
    rd, rp = d.get(path, params=params), p.get(path, params=params)
    assert rd.status_code == rp.status_code == 200, rp.text
    assert rounded(rp.json()) == rounded(rd.json())


def test_pages_render_on_postgres(clients):
    _, p = clients
    for path in ("/", "/dyad", "/network", "/events", "/ingest", "/events/x", "/articles/x"):
        r = p.get(path)
        assert r.status_code == 200 and r.text.count("<html") == 1, path
    name = re.search(r'class="db" title="event store">([^<]*)<', p.get("/").text)[1]
    assert name.startswith("t") and "postgresql" not in name  # the database's name only


def test_api_every_event_article_and_csv_the_same(clients):
    d, p = clients
    events = d.get("/api/events", params={"all": "true", "page_size": 500}).json()["items"]
    assert len(events) > 100
    for e in events[::7]:
        for path in (f"/api/events/{e['event_id']}", f"/api/articles/{e['doc_id']}"):
            assert rounded(p.get(path).json()) == rounded(d.get(path).json()), path
    for params in ({}, {"actor": "PRK", "sort": "cameo", "desc": "true"}):
        rd = d.get("/api/events.csv", params=params)
        rp = p.get("/api/events.csv", params=params)
        assert rp.status_code == 200 and rp.text == rd.text


def test_ingest_writes_through_a_writable_postgres_store(postgres, pipeline):
    url = postgres.new_database()
    open_store(url).close()
    with TestClient(create_app(url, read_only=False, pipeline=pipeline)) as c:
        body = {"title": "Curbs", "date": "2019-07-02",
                "text": "Japan imposed export curbs on South Korea on Monday."}
        out = c.post("/api/ingest", json=body).json()
        assert out["stored"]
        assert c.get("/api/events", params={"doc_id": out["doc_id"]}).json()["total"] >= 1
        assert c.get("/api/meta").json()["totals"]["articles"] == 1
        assert "JPN" in {a["actor"] for a in c.get("/api/actors").json()}
    with TestClient(create_app(url, read_only=True)) as c:
        assert c.post("/api/ingest", json=body).status_code == 403


# -- reading while a run writes ---------------------------------------------------------------

LINES = ["North Korea rejected a US offer of talks.", "Japan imposed export curbs on South Korea.",
         "China criticized the United States.", "Russian troops attacked Ukraine.",
         "Iran threatened Israel.", "Mexico hosted US negotiators."]
N_ARTICLES = 200  # four batches of 50


def test_api_reads_whole_batches_while_dyads_code_writes(postgres, tmp_path):
    url = postgres.new_database()
    open_store(url).close()
    src = tmp_path / "wire.jsonl"
    with open(src, "w", encoding="utf-8") as fp:
        for i in range(N_ARTICLES):
            day = date(2020, 1, 1) + timedelta(days=i)
            fp.write(json.dumps({"id": f"w{i:03d}", "date": day.isoformat(), "source": "W",
                                 "text": f"{LINES[i % 6]} {LINES[(i + 2) % 6]} The "
                                 "officials said that it was not the first time."}) + "\n")
    seen, errors = [], []
    with TestClient(create_app(url, read_only=True)) as client:
        proc = subprocess.Popen([sys.executable, "-m", "dyads.cli", "code", str(src),
                                 "--db", url, "--format", "jsonl"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            while True:
                done = proc.poll() is not None
                r = client.get("/api/overview")
                if r.status_code != 200:
                    errors.append(r.text)
                else:
                    o = r.json()
                    seen.append((o["totals"]["articles"], o["totals"]["events"],
                                 sum(s["events"] for s in o["series"]),
                                 o["totals"]["unique_events"]))
                if done:
                    break
                time.sleep(0.02)
        finally:
            if proc.poll() is None:
                proc.kill()
            _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert not errors
    # what a reader may see: the store after 0, 1, 2, ... whole batches of 50 articles
    with open_store(url, read_only=True) as store:
        per_doc = store.execute(
            "SELECT a.doc_id, count(e.event_id), count(e.event_id) FILTER "
            "(WHERE NOT e.negated AND NOT e.hypothetical) FROM articles a "
            "LEFT JOIN events e USING (doc_id) GROUP BY a.doc_id ORDER BY a.doc_id").fetchall()
    assert len(per_doc) == N_ARTICLES
    states = {0: (0, 0)}
    for k in range(50, N_ARTICLES + 1, 50):
        states[k] = (sum(r[1] for r in per_doc[:k]), sum(r[2] for r in per_doc[:k]))
    for articles, events, asserted, unique in seen:
        assert articles in states, f"half a batch seen: {articles} articles"
        assert (events, asserted) == states[articles], (articles, events, asserted)
        assert unique <= asserted
    counts = [s[0] for s in seen]
    assert counts == sorted(counts) and counts[-1] == N_ARTICLES
    assert len(set(counts)) >= 3, counts  # empty, at least one batch between, all
