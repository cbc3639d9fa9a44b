"""`dyads serve` JSON API (FastAPI TestClient) on a real store coded from the samples."""

from __future__ import annotations

import csv
import io
import socket

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from serve_data import build_sample_store, copy_store

from dyads.cli import main
from dyads.serve import create_app
from dyads.serve.api import paragraphs
from dyads.store import StoreError


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return build_sample_store(pipeline, tmp_path_factory.mktemp("serve") / "events.duckdb")


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    app = create_app(copy_store(db, tmp_path_factory.mktemp("ro") / "ro.duckdb"),
                     read_only=True)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def writable(db, tmp_path_factory, pipeline):
    app = create_app(copy_store(db, tmp_path_factory.mktemp("rw") / "rw.duckdb"),
                     read_only=False, pipeline=pipeline)
    with TestClient(app) as c:
        yield c


def get(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def bad(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    return detail


def test_overview(client):
    data = get(client, "/api/overview")
    assert data["totals"]["articles"] == 13 and data["totals"]["events"] > 100
    assert data["by"] == "week"  # 2019-07-02 .. 2022-02-28: under three years
    assert data["series"][0]["period"] == "2019-07-01"  # the Monday of the first week
    asserted = get(client, "/api/events", page_size=1)["total"]
    assert sum(r["events"] for r in data["series"]) == asserted
    top = data["top_dyads"][0]
    assert top["actor_a"] < top["actor_b"] and top["events"] >= data["top_dyads"][-1]["events"]
    assert {a["actor"] for a in data["top_actors"]} >= {"USA", "PRK"}
    dates = [e["date"] for e in data["recent"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2022-02-28"
    week = get(client, "/api/overview", since="2019-11-01", until="2019-11-30")
    assert week["by"] == "day" and len(week["series"]) == 30


def test_events_filters_sort_and_pages(client):
    prk = get(client, "/api/events", actor="PRK", page_size=500)
    assert prk["total"] == len(prk["items"]) > 5
    assert all("PRK" in (e["source_country"], e["target_country"]) for e in prk["items"])
    root = get(client, "/api/events", cameo="12")["items"]
    assert root and all(e["cameo"].startswith("12") for e in root)
    quad = get(client, "/api/events", quad=4)["items"]
    assert quad and all(e["quad_class"] == 4 for e in quad)
    text = get(client, "/api/events", q="EXPORT CURBS")["items"]
    assert text and all("export curbs" in (e["sentence"] + (e["title"] or "")).lower()
                        for e in text)
    jer = get(client, "/api/events", place="jerus")["items"]
    assert jer and {e["place_name"] for e in jer} == {"Jerusalem"}
    assert get(client, "/api/events", country=jer[0]["place_country"])["total"] >= len(jer)
    mil = get(client, "/api/events", sector="MIL")["items"]
    assert mil and all("MIL" in ((e["source_sector"] or "") + (e["target_sector"] or ""))
                       for e in mil)
    span = get(client, "/api/events", since="2019-11-01", until="2019-11-30")["items"]
    assert span and all("2019-11-01" <= e["date"] <= "2019-11-30" for e in span)
    by_g = [e["goldstein"] for e in get(client, "/api/events", sort="goldstein", desc=True,
                                        page_size=500)["items"]]
    assert by_g == sorted(by_g, reverse=True)
    every = get(client, "/api/events", page_size=500)
    assert every["total"] == len(every["items"])
    p1 = get(client, "/api/events", page_size=20, page=1)
    p2 = get(client, "/api/events", page_size=20, page=2)
    assert p1["pages"] == -(-every["total"] // 20)
    ids = [e["event_id"] for e in p1["items"] + p2["items"]]
    assert ids == [e["event_id"] for e in every["items"][:40]]
    flagged = get(client, "/api/events", all="true", page_size=1)["total"]
    assert flagged > every["total"]  # negated and hypothetical events too


def test_csv_has_the_filtered_rows(client):
    r = client.get("/api/events.csv", params={"actor": "PRK", "sort": "cameo"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == get(client, "/api/events", actor="PRK")["total"]
    assert [x["cameo"] for x in rows] == sorted(x["cameo"] for x in rows)
    assert rows[0]["sentence"] and rows[0]["event_id"]


@pytest.mark.parametrize(("params", "words"), [
    ({"since": "2019-13-01"}, "since"),
    ({"until": "yesterday"}, "until"),
    ({"since": "2020-01-01", "until": "2019-01-01"}, "after"),
    ({"page_size": 10_000}, "page_size"),
    ({"page": 0}, "page"),
    ({"cameo": "999"}, "unknown CAMEO code"),
    ({"cameo": "ab"}, "CAMEO"),
    ({"actor": "XYZ"}, "unknown actor code"),
    ({"actor": "U1"}, "actor code"),
    ({"sector": "GOVERNMENT"}, "sector"),
    ({"quad": 5}, "quad"),
    ({"sort": "sentence; DROP TABLE events"}, "unknown sort"),
])
def test_bad_parameters_are_422_with_one_line(client, params, words):
    assert words in bad(client, "/api/events", **params)


def test_dyad_series_and_bar_events(client):
    data = get(client, "/api/dyad", a="USA", b="PRK", by="month")
    bars = [r for r in data["series"] if r["events"]]
    assert bars and bars[0]["period"] == "2019-11-01"
    out = get(client, "/api/dyad/events", a="USA", b="PRK", by="month", period="2019-11-17")
    assert out["period_start"] == "2019-11-01" and out["period_end"] == "2019-12-01"
    assert out["total"] == bars[0]["events"]
    assert all({e["source_country"], e["target_country"]} == {"USA", "PRK"}
               for e in out["items"])
    directed = get(client, "/api/dyad", a="PRK", b="USA", directed="true")["series"]
    assert sum(r["events"] for r in directed) < sum(r["events"] for r in data["series"])
    assert "unknown actor" in bad(client, "/api/dyad", a="USA", b="QQQ")
    assert "by" in bad(client, "/api/dyad", a="USA", b="PRK", by="fortnight")


def test_network(client):
    net = get(client, "/api/network")
    assert net["edges"] and all(e["a"] < e["b"] for e in net["edges"])
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["a"] in ids and e["b"] in ids for e in net["edges"])
    conflict = get(client, "/api/network", quad=4)
    assert sum(e["events"] for e in conflict["edges"]) < sum(e["events"] for e in net["edges"])
    assert "limit" in bad(client, "/api/network", limit=100_000)


def test_event_detail_with_offsets_and_mentions(client):
    found = get(client, "/api/events", source="PRK", target="USA", cameo="125",
                page_size=100)["items"]
    merged = [e for e in found if (e["num_mentions"] or 0) > 1]
    assert merged, found
    d = get(client, f"/api/events/{merged[0]['event_id']}")
    ev = d["evidence"]
    roles = {s["role"]: ev["sentence"][s["start"]:s["end"]] for s in ev["spans"]}
    assert roles["source"] == d["event"]["source_text"]
    assert roles["trigger"] == d["event"]["trigger"]
    assert d["cameo"]["code"] == "125" and d["cameo"]["root_name"] and d["plover"]["type"]
    assert d["date"]["how"] and d["date"]["event_date"]
    assert len(d["mentions"]) == d["merged"]["num_mentions"] > 1
    assert len({m["doc_id"] for m in d["mentions"]}) > 1
    assert merged[0]["event_id"] in {m["event_id"] for m in d["mentions"]}
    for m in d["mentions"]:
        assert all(0 <= s["start"] < s["end"] <= len(m["sentence"]) for s in m["spans"])
    phrase = get(client, "/api/events", q="on Sunday", page_size=100)["items"]
    dated = next(e for e in phrase if e["date_granularity"] == "day")
    how = get(client, f"/api/events/{dated['event_id']}")["date"]["how"]
    assert dated["date_text"] in how and "resolved" in how
    placed = get(client, "/api/events", place="Jerusalem")["items"][0]
    place = get(client, f"/api/events/{placed['event_id']}")["place"]
    assert place["name"] == "Jerusalem" and place["lat"] == pytest.approx(31.77, abs=0.1)
    assert client.get("/api/events/no:such:event").status_code == 404


def test_article_paragraphs_hold_every_sentence(client):
    doc = "japan_export_curbs"
    a = get(client, f"/api/articles/{doc}")
    assert a["article"]["title"].startswith("Seoul protests")
    indexes = [r["sentence_index"] for p in a["paragraphs"] for r in p if "sentence_index" in r]
    headline = [h["sentence_index"] for h in a["headline"]]
    assert sorted(headline + indexes) == list(range(a["article"]["n_sentences"]))
    n = sum(len(v) for v in a["sentence_events"].values())
    assert n == a["events"] == get(client, "/api/events", doc_id=doc, all="true")["total"]
    assert client.get("/api/articles/nope").status_code == 404


def test_paragraphs_keep_the_dateline_as_plain_text():
    sents = [{"sentence_index": 0, "text": "North Korea rejected talks.", "is_headline": False},
             {"sentence_index": 1, "text": "It said so.", "is_headline": False}]
    out = paragraphs("SEOUL, Nov. 10 (Yonhap) -- North Korea rejected talks.\n\nIt said so.",
                     sents)
    assert out[0][0] == {"text": "SEOUL, Nov. 10 (Yonhap) -- "}
    assert [r.get("sentence_index") for p in out for r in p] == [None, 0, 1]


def test_ingest_codes_live_and_stores(writable):
    body = {"title": "Japan curbs exports", "date": "2019-07-02",
            "text": "Japan imposed export curbs on South Korea on Monday."}
    r = writable.post("/api/ingest", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    triples = {(e["source"]["country"], e["cameo"], e["target"]["country"])
               for e in out["events"] if e["source"] and e["target"]}
    assert ("JPN", "163", "KOR") in triples and out["stored"]
    ev = next(e for e in out["events"] if e["cameo"] == "163" and not e["headline"])
    assert ev["event_date"] == "2019-07-01" and ev["date_text"] == "on Monday"
    stored = get(writable, "/api/events", doc_id=out["doc_id"])["items"]
    assert {e["cameo"] for e in stored} >= {"163"}
    again = writable.post("/api/ingest", json=body).json()  # same text replaces, no copies
    assert again["doc_id"] == out["doc_id"]
    assert get(writable, "/api/events", doc_id=out["doc_id"])["total"] == len(stored)
    dry = writable.post("/api/ingest", json={**body, "text": "Iran threatened Israel.",
                                             "store": False}).json()
    assert not dry["stored"]
    assert get(writable, "/api/events", doc_id=dry["doc_id"])["total"] == 0


def test_ingest_limits(writable, client, db, tmp_path, pipeline):
    assert client.post("/api/ingest", json={"text": "Japan imposed curbs."}).status_code == 403
    assert "read-only" in client.get("/ingest").text
    r = writable.post("/api/ingest", json={"text": ""})
    assert r.status_code == 422 and "text" in r.json()["detail"]
    r = writable.post("/api/ingest", json={"text": "x" * 60_000})
    assert r.status_code == 422 and "50000" in r.json()["detail"]
    r = writable.post("/api/ingest", content=b"{" + b" " * 300_000 + b"}",
                      headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    r = writable.post("/api/ingest", json={"text": "Japan imposed curbs.", "date": "July"})
    assert r.status_code == 422 and "date" in r.json()["detail"]
    slow = create_app(copy_store(db, tmp_path / "slow.duckdb"), read_only=False,
                      pipeline=pipeline, coding_timeout=0.0001)
    with TestClient(slow) as c:
        text = " ".join(["Japan imposed export curbs on South Korea."] * 40)
        r = c.post("/api/ingest", json={"text": text})
        assert r.status_code == 503 and "longer than" in r.json()["detail"]
        assert slow.state.dyads.coder.wait_idle()
        assert get(c, "/api/events", q="export curbs")["total"] == get(
            client, "/api/events", q="export curbs")["total"]  # nothing stored


def test_openapi_pages_static_and_headers(client):
    spec = get(client, "/openapi.json")
    assert {"/api/events", "/api/dyad", "/api/network", "/api/overview", "/api/ingest",
            "/api/events/{event_id}", "/api/articles/{doc_id}"} <= set(spec["paths"])
    for path in ("/", "/dyad", "/network", "/events", "/events/x:0:0", "/articles/x",
                 "/ingest"):
        r = client.get(path)
        assert r.status_code == 200 and "<script src=\"/static/js/common.js\">" in r.text
        assert "http" not in r.text.split("<body>")[0].replace("http-equiv", "")
        assert "default-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/js/common.js").status_code == 200
    assert client.get("/static/css/style.css").status_code == 200


def test_create_app_and_cli_errors(tmp_path, db):
    with pytest.raises(StoreError, match="no such event store"):
        create_app(tmp_path / "missing.duckdb")
    runner = CliRunner()
    r = runner.invoke(main, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and r.output.strip().splitlines() == [
        f"Error: {tmp_path / 'missing.duckdb'}: no such event store (run 'dyads code' first)"]
    for port in ("70000", "0", "http"):
        r = runner.invoke(main, ["serve", "--db", "x.duckdb", "--port", port])
        assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1
        assert "bad port" in r.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = runner.invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert r.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = runner.invoke(main, ["serve", "--db", str(tmp_path)])
    assert r.exit_code == 1 and "is a folder" in r.output
