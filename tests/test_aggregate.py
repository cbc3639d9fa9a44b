"""Dyad series, top dyads and the dyads.open API on a real DuckDB store with known events."""

from __future__ import annotations

import math
from datetime import date

import pytest
from analysis_data import build_reported_store, build_store
from click.testing import CliRunner

import dyads
from dyads.aggregate import ActorSpec, AnalysisError
from dyads.cli import main
from dyads.store import StoreError


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("agg") / "events.duckdb")


@pytest.fixture
def data(db):
    with dyads.open(db) as d:
        yield d


def rows(frame):
    return {r["period"].date().isoformat(): r for r in frame.to_dict("records")}


def test_undirected_monthly_series(data):
    s = rows(data.dyad("USA", "PRK", by="month", until="2020-01-31"))
    assert list(s) == ["2019-11-01", "2019-12-01", "2020-01-01"]  # empty month listed
    nov = s["2019-11-01"]
    assert (nov["events"], nov["mentions"], nov["sources"]) == (3, 3, 2)
    assert (nov["verbal_coop"], nov["material_coop"], nov["verbal_conflict"],
            nov["material_conflict"]) == (1, 0, 1, 1)
    assert nov["goldstein_sum"] == pytest.approx(-5.0 + 4.0 - 8.0)
    assert nov["goldstein_mean"] == pytest.approx(-3.0)
    assert nov["coop_conflict_index"] == pytest.approx((1 - 2) / 3)
    dec = s["2019-12-01"]  # the negated visit is left out; unknown publisher: no source
    assert (dec["events"], dec["sources"], dec["verbal_conflict"]) == (1, 0, 1)
    jan = s["2020-01-01"]
    assert jan["events"] == 0 and math.isnan(jan["goldstein_mean"])


def test_directed_sector_and_flagged(data):
    directed = rows(data.dyad("USA", "PRK", by="month", directed=True))
    assert directed["2019-11-01"]["events"] == 2  # USAGOV->PRKGOV 036 and USA->PRK 163
    assert list(directed) == ["2019-11-01"]
    gov = rows(data.dyad("USA", "PRK", sector="GOV"))
    assert {k: v["events"] for k, v in gov.items()} == {"2019-11-01": 1}
    full = rows(data.dyad("usagov", "PRKGOV", by="year"))
    assert full["2019-01-01"]["events"] == 1
    flagged = rows(data.dyad("USA", "PRK", by="month", include_flagged=True))
    assert flagged["2019-12-01"]["events"] == 2


def test_periods_and_bounds(data):
    weeks = data.dyad("USA", "PRK", by="week", since="2019-11-01", until="2019-11-30")
    assert [p.date() for p in weeks["period"]] == [
        date(2019, 10, 28), date(2019, 11, 4), date(2019, 11, 11), date(2019, 11, 18),
        date(2019, 11, 25)]  # weeks start on Monday
    assert weeks["events"].tolist() == [0, 2, 0, 1, 0]
    q = data.dyad("USA", "PRK", by="quarter")
    assert [p.date() for p in q["period"]] == [date(2019, 10, 1)]
    assert q["events"].tolist() == [4]
    assert data.dyad("USA", "FRA").empty


def test_top_dyads_by_events_and_conflict(data):
    top = data.top_dyads(directed=False)
    first = top.iloc[0]
    # undated events count when no dates are asked for: 4 dated + 1 undated
    assert (first["actor_a"], first["actor_b"], first["events"]) == ("PRK", "USA", 5)
    assert set(zip(top["actor_a"], top["actor_b"], strict=True)) == {
        ("PRK", "USA"), ("JPN", "KOR"), ("IGO", "PRK")}
    conflict = data.top_dyads(rank="conflict", directed=True)
    assert (conflict.iloc[0]["actor_a"], conflict.iloc[0]["actor_b"]) == ("PRK", "USA")
    assert conflict.iloc[0]["conflict_events"] == 2
    codes = data.top_dyads(level="code", since="2020-01-01")
    assert set(zip(codes["actor_a"], codes["actor_b"], strict=True)) == {
        ("JPN", "KOR"), ("IGOUNO", "PRK")}
    assert len(data.top_dyads(limit=1)) == 1


def test_events_frame(data):
    ev = data.events(actor="PRK", quad=3)
    assert sorted(ev["cameo"]) == ["112", "125", "138"]
    assert {"publisher", "url", "goldstein", "source_code"} <= set(ev.columns)
    assert len(data.events()) == 7  # asserted only
    assert len(data.events(include_flagged=True)) == 9
    assert data.events(source="PRKMIL").iloc[0]["cameo"] == "138"


@pytest.mark.parametrize("call, message", [
    (lambda d: d.dyad("US", "PRK"), "unknown actor code format 'US'"),
    (lambda d: d.dyad("USA", "PRK", by="fortnight"), "unknown period"),
    (lambda d: d.dyad("USA", "PRK", since="2019-02-30"), "bad since date"),
    (lambda d: d.dyad("USA", "PRK", since="2020-01-01", until="2019-01-01"), "is after"),
    (lambda d: d.top_dyads(rank="tone"), "unknown ranking"),
    (lambda d: d.events(sector="GOVERNMENT", actor="USA"), "unknown sector format"),
    (lambda d: d.events(sector="GOV"), "a sector filter needs an actor"),
])
def test_bad_input_is_one_clear_error(data, call, message):
    with pytest.raises(AnalysisError, match=message) as info:
        call(data)
    assert "\n" not in str(info.value)


def test_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no such event store"):
        dyads.open(tmp_path / "missing.duckdb")


def test_actor_spec_conditions():
    assert ActorSpec.parse("usa").condition("source") == ("(e.source_country = ?)", ["USA"])
    sql, params = ActorSpec.parse("USAGOV", "mil").condition("target")
    assert params == ["USAGOV", "MIL"] and "starts_with(e.target_code, ?)" in sql


def test_cli_dyad_formats(db, tmp_path):
    run = CliRunner().invoke
    res = run(main, ["dyad", "USA", "PRK", "--db", str(db), "--by", "month"])
    assert res.exit_code == 0, res.output
    assert "coop_conflict_index" in res.output and "2019-11-01" in res.output
    res = run(main, ["dyad", "USA", "PRK", "--db", str(db), "--format", "csv"])
    assert res.output.splitlines()[0].startswith("period,events,mentions,sources,articles")
    assert res.output.splitlines()[1].startswith("2019-11-01,3,3,2,2,1,0,1,1")
    res = run(main, ["dyad", "USA", "PRK", "--db", str(db), "--format", "jsonl",
                     "--directed", "--since", "2019-11-01", "--until", "2019-11-30"])
    assert res.output.count("\n") == 1 and '"period":"2019-11-01"' in res.output
    out = tmp_path / "s.parquet"
    res = run(main, ["dyad", "USA", "PRK", "--db", str(db), "--format", "parquet",
                     "--out", str(out)])
    assert res.exit_code == 0
    import pandas as pd

    assert pd.read_parquet(out)["events"].tolist() == [3, 1]


def test_cli_top_dyads_and_errors(db, tmp_path):
    run = CliRunner().invoke
    res = run(main, ["top-dyads", "--db", str(db), "--since", "2019-01-01", "--rank",
                     "conflict", "--format", "csv"])
    assert res.exit_code == 0
    assert res.output.splitlines()[1].startswith("PRK,USA,")
    res = run(main, ["dyad", "USA", "P", "--db", str(db)])
    assert res.exit_code == 1 and "unknown actor code format 'P'" in res.output
    res = run(main, ["dyad", "USA", "PRK", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "no such event store" in res.output
    res = run(main, ["dyad", "USA", "PRK", "--db", str(db), "--since", "2019-1-1x"])
    assert res.exit_code != 0 and "is not a date" in res.output


def test_series_from_the_real_pipeline(pipeline, tmp_path):
    """The coder's own output aggregates too (samples: US-North Korea talks, Nov 2019)."""
    from conftest import SAMPLES

    from dyads.runner import code_inputs
    from dyads.store import EventStore

    db = tmp_path / "samples.duckdb"
    with EventStore(db) as store:
        code_inputs(pipeline, [str(SAMPLES / "us_north_korea_talks.txt")], store=store)
    with dyads.open(db) as d:
        series = d.dyad("USA", "PRK", by="year")
        assert series["events"].sum() == len(d.events(actor="PRK", since="2000-01-01")
                                              .query("source_country in ['USA','PRK'] and "
                                                     "target_country in ['USA','PRK']"))
        assert series["events"].sum() >= 1


# -- a store coded by the real pipeline: event dates and de-duplication --------------------


@pytest.fixture(scope="module")
def reported(pipeline, tmp_path_factory):
    return build_reported_store(pipeline, tmp_path_factory.mktemp("rep") / "reports.duckdb")


def test_series_by_event_date_counts_merged_events(reported):
    """Three wires (published 11, 12, 13 Nov) report one rejection "on Sunday": one event on
    Sunday 10 Nov, before every publication date, with 3 mentions, sources and articles."""
    with dyads.open(reported) as d:
        s = rows(d.dyad("PRK", "USA", by="day"))
        assert list(s) == ["2019-11-10"]
        sunday = s["2019-11-10"]
        assert (sunday["events"], sunday["mentions"], sunday["sources"],
                sunday["articles"]) == (1, 3, 3, 3)
        assert (sunday["verbal_conflict"], sunday["goldstein_sum"]) == (1, -4.0)
        raw = rows(d.dyad("PRK", "USA", by="day", count="mentions"))
        assert list(raw) == ["2019-11-10"]
        assert (raw["2019-11-10"]["events"], raw["2019-11-10"]["mentions"]) == (3, 3)
        assert raw["2019-11-10"]["goldstein_sum"] == -12.0
        published = rows(d.dyad("PRK", "USA", by="day", date_of="publication"))
        assert {k: v["events"] for k, v in published.items()} == {"2019-11-11": 1}
        published = rows(d.dyad("PRK", "USA", by="day", count="mentions",
                                date_of="publication"))
        assert {k: v["events"] for k, v in published.items()} == {
            "2019-11-11": 1, "2019-11-12": 1, "2019-11-13": 1}
        # since/until filter on the event date: the event is on the 10th, reported later
        assert d.dyad("PRK", "USA", by="day", since="2019-11-11")["events"].sum() == 0
        assert d.dyad("PRK", "USA", by="day", until="2019-11-10")["events"].sum() == 1


def test_events_and_top_dyads_on_merged_events(reported):
    with dyads.open(reported) as d:
        ev = d.events()
        assert len(ev) == 5 and len(d.events(count="mentions")) == 7
        prk = ev[ev["source_code"] == "PRK"].iloc[0]
        assert (prk["global_id"], str(prk["event_date"].date()), prk["date_text"],
                prk["place_name"]) == ("wa-1:1:0", "2019-11-10", "on Sunday", "Stockholm")
        assert (prk["num_mentions"], prk["num_sources"], prk["num_articles"]) == (3, 3, 3)
        # ordered by event date: Houston on Friday 8 Nov first
        assert [str(x.date()) for x in ev["event_date"]][:2] == ["2019-11-08", "2019-11-10"]
        texas = ev[ev["place_name"] == "Texas"].iloc[0]  # no time phrase: publication date
        assert (str(texas["event_date"].date()), texas["date_granularity"]) == (
            "2019-11-12", "publication")
        assert len(d.events(doc_id="wc-1")) == 2  # events that article reports
        assert set(d.events(doc_id="wc-1", count="mentions")["doc_id"]) == {"wc-1"}
        assert len(d.events(doc_id="wc-1", count="mentions")) == 2
        assert len(d.events(since="2019-11-10", until="2019-11-10")) == 2
        top = d.top_dyads()
        first = top[(top["actor_a"] == "PRK")].iloc[0]
        assert (first["events"], first["mentions"], first["sources"], first["articles"]) == (
            1, 3, 3, 3)
        raw = d.top_dyads(count="mentions")
        assert raw.iloc[0][["actor_a", "actor_b", "events"]].tolist() == ["PRK", "USA", 3]
        with pytest.raises(AnalysisError, match="unknown count 'reports'"):
            d.dyad("PRK", "USA", count="reports")
        with pytest.raises(AnalysisError, match="unknown date 'coded'"):
            d.events(date_of="coded")


def test_cli_count_and_event_dates(reported):
    run = CliRunner().invoke
    res = run(main, ["dyad", "PRK", "USA", "--db", str(reported), "--by", "day", "--format",
                     "csv"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1].startswith("2019-11-10,1,3,3,3,")
    res = run(main, ["dyad", "PRK", "USA", "--db", str(reported), "--by", "day", "--format",
                     "csv", "--count", "mentions"])
    assert res.output.splitlines()[1].startswith("2019-11-10,3,3,3,3,")
    def top_since(*extra):
        res = run(main, ["top-dyads", "--db", str(reported), "--format", "csv", "--since",
                         "2019-11-13", *extra])
        assert res.exit_code == 0, res.output
        return sorted(ln.split(",")[0] + ln.split(",")[1] for ln in res.output.splitlines()[1:])

    assert top_since() == ["RUSSYR"]  # Houston "on Friday" (8 Nov) was reported on the 13th
    assert top_since("--date-of", "publication") == ["MEXUSA", "RUSSYR"]
    # dyads events: --since/--until on the event date by default
    res = run(main, ["events", "--db", str(reported), "--format", "jsonl", "--until",
                     "2019-11-10", "--actor", "PRK"])
    assert res.exit_code == 0, res.output
    assert res.output.count("\n") == 3  # the three mentions, all dated Sunday 10 Nov
    res = run(main, ["events", "--db", str(reported), "--format", "jsonl", "--until",
                     "2019-11-10", "--actor", "PRK", "--date-of", "publication"])
    assert res.output.strip() == ""
    res = run(main, ["events", "--help"])
    assert "the event's own date" in " ".join(res.output.split())
