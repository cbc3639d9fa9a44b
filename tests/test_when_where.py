"""When and where in the pipeline, the store (schema migration 1 -> 2) and the outputs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import duckdb

from dyads import output
from dyads.store import _SCHEMA_V1, SCHEMA_VERSION, EventStore

DAY = date(2019, 11, 13)  # a Wednesday
TEXT = ("North Korea on Sunday rejected a US offer of talks.\n\n"
        "Israeli jets struck Hamas targets in Gaza two days ago.\n\n"
        "Japan imposed export curbs on South Korea.")


def _by_trigger(events):
    return {e.trigger: e for e in events}


def test_pipeline_dates_places_and_actor_countries(code):
    events = _by_trigger(code(TEXT, date=DAY)[0])
    rejected, struck, imposed = events["rejected"], events["struck"], events["imposed"]
    assert (rejected.event_date, rejected.date_granularity, rejected.date_text) == (
        date(2019, 11, 10), "day", "on Sunday")
    assert rejected.source_geo.geonameid == 1873107  # North Korea, the country
    assert struck.event_date == date(2019, 11, 11)
    assert (struck.place.geonameid, struck.place.text) == (281133, "Gaza")
    # no time phrase: the publication date, marked as such; no place phrase: no place
    assert (imposed.event_date, imposed.date_granularity, imposed.place) == (
        DAY, "publication", None)


def test_no_publication_date_gives_null_dates(code):
    events = _by_trigger(code(TEXT)[0])
    assert events["rejected"].event_date is None
    assert events["imposed"].date_granularity is None
    assert events["struck"].place is not None  # places need no date


def test_store_round_trip(code, tmp_path):
    from dyads.model import Article

    events = code(TEXT, date=DAY, doc_id="a1")[1]
    with EventStore(tmp_path / "e.duckdb") as s:
        s.write(Article("a1", TEXT, date=DAY), [], events)
        assert s.events(doc_id="a1", include_flagged=True) == events


def test_version_1_file_is_upgraded_without_losing_rows(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute(_SCHEMA_V1)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO articles (doc_id, title, date) VALUES ('old', 'Old', '2019-11-13')")
    con.execute("INSERT INTO events (event_id, doc_id, sentence_index, event_seq, sentence, "
                "date, source_code, source_country, source_text, cameo, cameo_root, flags) "
                "VALUES ('old:0:0', 'old', 0, 0, 'Japan protested.', '2019-11-13', 'JPN', "
                "'JPN', 'Japan', '141', '14', ['x'])")
    con.close()
    with EventStore(path) as s:
        assert s.schema_version() == SCHEMA_VERSION == 3
        assert s.counts()["events"] == 1 and s.article_ids() == {"old"}
        ev = s.events()[0]
        assert (ev.source.code, ev.cameo, ev.flags) == ("JPN", "141", ["x"])
        assert ev.event_date is None and ev.place is None and ev.source_geo is None
        assert s.unique_events() == []  # old rows are merged on request
        s.rebuild_dedup()
        assert [u["num_mentions"] for u in s.unique_events()] == [1]


def test_jsonl_and_csv_carry_the_new_fields(code):
    events = code(TEXT, date=DAY)[0]
    buf = io.StringIO()
    output.write_jsonl(events, buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    struck = next(r for r in rows if r["trigger"] == "struck")
    assert struck["event_date"] == "2019-11-11" and struck["place"]["name"] == "Gaza"
    buf = io.StringIO()
    output.write_csv(events, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    struck = next(r for r in rows if r["trigger"] == "struck")
    assert (struck["date_granularity"], struck["place_geonameid"]) == ("day", "281133")
    assert struck["source_geo_country"] == "ISR"
