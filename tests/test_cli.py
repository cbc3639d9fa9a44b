"""End to end through the command line: code, store, list, evaluate — with the real model."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from dyads.cli import main

STORY = """Back To Top
Home
North Korea rejects US offer of talks
Reading Time: 2 minutes
By Kim Min-ji
SEOUL, Nov. 10, 2019 (Yonhap) -- North Korea on Sunday rejected a US offer of talks.
The United States imposed new sanctions on North Korea last month.
Japan praised South Korea for its restraint.
Share
MOST READ
"""


@pytest.fixture
def runner():
    return CliRunner()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_code_samples_into_store_is_idempotent(runner, tmp_path):
    db = tmp_path / "events.duckdb"
    first = runner.invoke(main, ["code", str(SAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    con = duckdb.connect(str(db), read_only=True)
    n_articles, n_events = con.execute(
        "select (select count(*) from articles), (select count(*) from events)").fetchone()
    con.close()
    assert n_articles >= 8 and n_events >= 20
    again = runner.invoke(main, ["code", str(SAMPLES), "--db", str(db)])
    assert again.exit_code == 0, again.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == n_articles
    assert con.execute("select count(*) from events").fetchone()[0] == n_events
    con.close()
    listed = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0 and len(_jsonl(listed.output)) > 0


def test_code_file_jsonl_contract(runner, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(main, ["code", str(story), "--date", "2019-11-10", "--format",
                                  "jsonl", "--no-store"])
    assert result.exit_code == 0, result.output
    rows = [r for r in _jsonl(result.stdout)]
    assert rows, result.output
    keys = {"doc_id", "sentence_index", "sentence", "date", "source", "target", "cameo",
            "cameo_root", "cameo_name", "goldstein", "quad_class", "plover_type", "trigger",
            "negated", "hypothetical"}
    for row in rows:
        assert keys <= set(row)
        assert row["date"] == "2019-11-10"
        assert row["doc_id"] == "story"
        for side in ("source", "target"):
            if row[side] is not None:
                assert {"code", "country", "sector", "text", "start", "end"} <= set(row[side])
                a = row[side]
                assert row["sentence"][a["start"]:a["end"]] == a["text"]
    triples = {(r["source"] and r["source"]["country"], r["cameo"][:2],
                r["target"] and r["target"]["country"]) for r in rows}
    assert ("PRK", "12", "USA") in triples
    assert ("USA", "16", "PRK") in triples
    headline = [r for r in rows if r["sentence_index"] == 0]
    assert all(r["sentence"].startswith("North Korea rejects") for r in headline)


def test_stdin_jsonl_to_csv(runner):
    lines = "\n".join(json.dumps(d) for d in [
        {"id": "a1", "text": "China criticized the United States over arms sales to Taiwan.",
         "date": "2020-01-05"},
        {"id": "a2", "text": "Japan imposed export curbs on South Korea."},
    ])
    result = runner.invoke(main, ["code", "-", "--format", "csv", "--no-store"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0].startswith("doc_id") or "doc_id" in out[0]
    assert any(",a1," in ln or ln.startswith("a1,") for ln in out[1:])


def test_bad_inputs_are_reported_and_the_rest_coded(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Japan imposed export curbs on South Korea.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "Iran criticized Israel."}\n{oops\n',
                                        encoding="utf-8")
    (tmp_path / "french.txt").write_text(
        "Le gouvernement a annoncé mardi une nouvelle série de mesures pour la population "
        "et les entreprises du pays, selon le ministre.", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    result = runner.invoke(main, ["code", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    for name in ("empty.txt", "binary.txt", "latin.txt", "notes.docx", "bad.jsonl:2",
                 "french.txt"):
        assert sum(name in ln for ln in errors) == 1, (name, errors)
    con = duckdb.connect(str(db), read_only=True)
    ids = {r[0] for r in con.execute("select doc_id from articles").fetchall()}
    con.close()
    assert "good" in ids and "x" in ids


def test_events_filters(runner, tmp_path):
    db = tmp_path / "e.duckdb"
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert runner.invoke(main, ["code", str(story), "--db", str(db)]).exit_code == 0
    out = runner.invoke(main, ["events", "--db", str(db), "--actor", "PRK", "--format",
                               "jsonl", "--since", "2019-01-01"])
    rows = _jsonl(out.output)
    assert rows and all("PRK" in (r["source"] or {}).get("country", "") + (r["target"] or {})
                        .get("country", "") for r in rows)
    none = runner.invoke(main, ["events", "--db", str(db), "--since", "2020-01-01",
                                "--format", "jsonl"])
    assert _jsonl(none.output) == []


def test_eval_command(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "g1", "text": "Japan imposed export curbs on South Korea.", "date": None,
        "events": [{"source": "JPN", "source_sector": None, "source_text": "Japan",
                    "target": "KOR", "target_sector": None, "target_text": "South Korea",
                    "cameo": "163", "quad": 4, "penta": 4, "plover": "SANCTION",
                    "reciprocal": False}]}) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)[str(gold)]
    assert scores["levels"]["code"]["f1"] == 1.0
