"""De-duplication: three reports of the same events merge into events with their mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main
from dyads.dedup import MentionRow, cluster, parse_window
from dyads.runner import code_inputs
from dyads.store import EventStore

REPORTS = Path(__file__).resolve().parents[1] / "samples" / "dedup" / "reports.jsonl"


def _row(eid, doc, day, end=None, place=None, gran="day", publisher="P", root="12"):
    return MentionRow(eid, doc, "PRK", "USA", root, day, end or day, place, publisher,
                      date(2019, 11, 13), gran)


def test_cluster_rule():
    d = date(2019, 11, 10)
    rows = [_row("a", "1", d), _row("b", "2", date(2019, 11, 11)),  # 1 day apart: one
            _row("c", "3", date(2019, 11, 20)),  # too far
            _row("d", "4", d, place=1), _row("e", "5", d, place=2),  # two places
            _row("f", "6", d, root="13")]  # another CAMEO root
    groups = sorted(sorted(m.event_id for m in c.mentions) for c in cluster(rows, 1))
    assert groups == [["a", "b", "d"], ["c"], ["e"], ["f"]]
    assert len(cluster(rows, 0)) == 5  # b no longer overlaps
    loose = _row("g", "7", date(2019, 11, 12), gran="publication")
    assert [len(c.mentions) for c in cluster([rows[0], loose], 1)] == [2]


def test_window_parsing():
    assert parse_window("1d") == 1 and parse_window("3 days") == 3 and parse_window("0") == 0
    with pytest.raises(ValueError, match="'soon'"):
        parse_window("soon")


def test_worked_example_and_recoding_never_double_counts(pipeline, tmp_path):
    db = tmp_path / "d.duckdb"
    with EventStore(db) as store:
        code_inputs(pipeline, [REPORTS], store=store)
        first = store.unique_events()
        code_inputs(pipeline, [REPORTS], store=store)  # the same articles again
        again = store.unique_events()
        counts = store.counts()
    assert again == first
    assert sum(u["num_mentions"] for u in again) == counts["events"]
    reject = next(u for u in again if (u["source_code"], u["cameo_root"], u["target_code"])
                  == ("PRK", "12", "USA"))
    assert (reject["num_mentions"], reject["num_sources"], reject["num_articles"]) == (4, 3, 3)
    assert reject["event_date"] == date(2019, 11, 10)
    assert (reject["first_seen"], reject["last_seen"]) == (date(2019, 11, 11),
                                                          date(2019, 11, 13))
    assert all(m["sentence"] for m in reject["mentions"])
    curbs = next(u for u in again if u["cameo_root"] == "16")
    assert (curbs["num_mentions"], curbs["num_articles"]) == (2, 2)


def test_cli_no_dedup_and_bad_window(tmp_path):
    db = str(tmp_path / "n.duckdb")
    runner = CliRunner()
    r = runner.invoke(main, ["code", str(REPORTS), "--db", db, "--no-dedup"])
    assert r.exit_code == 0, r.output
    with EventStore(db) as store:
        assert store.unique_events() == []
    r = runner.invoke(main, ["merged", "--db", db, "--rebuild"])
    assert r.exit_code == 0 and "PRK" in r.output
    r = runner.invoke(main, ["code", str(REPORTS), "--db", db, "--dedup-window", "soon"])
    assert r.exit_code == 2 and "'soon' is not a window in days" in r.output
