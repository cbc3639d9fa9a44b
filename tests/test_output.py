"""Output writers: JSONL contract, CSV, terminal table, summary line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from dyads.model import Actor, Event
from dyads.output import (
    CSV_COLUMNS,
    format_summary,
    format_table,
    write_csv,
    write_jsonl,
)

LONG = ("In a statement released late on Monday after hours of talks in Geneva, the Foreign "
        "Ministry of South Korea said that Pyongyang had fired two missiles toward the sea, "
        "and officials condemned the launch in unusually strong terms.")


def make_events() -> list[Event]:
    trig = LONG.index("condemned")
    return [
        Event(
            doc_id="d1", sentence_index=0, sentence="Officials in Seoul met Kim Yo-jong’s envoy.",
            date=date(2024, 3, 1),
            source=Actor("KORGOV", "KOR", "GOV", "Officials in Seoul", 0, 18, "kb:kor", "capital"),
            target=Actor(None, None, None, "Kim Yo-jong’s envoy", 23, 42),
            cameo="040", cameo_root="04", cameo_name="Consult", goldstein=1.0, quad_class=1,
            plover_type="CONSULT", trigger="met", trigger_start=19, trigger_end=22,
            flags=["reported", "reciprocal"],
        ),
        Event(
            doc_id="d2", sentence_index=3, sentence=LONG, date=None,
            source=Actor("KORGOVFGN", "KOR", "GOVFGN", "Foreign Ministry of South Korea", 80, 111),
            target=None,
            cameo="122", cameo_root="12", cameo_name="Criticize or denounce", goldstein=-2.0,
            quad_class=3, plover_type="DISAPPROVE", trigger="condemned", trigger_start=trig,
            trigger_end=trig + 9, negated=True, rule="criticize.yml:7",
        ),
    ]


def test_jsonl_contract():
    buf = io.StringIO()
    assert write_jsonl(make_events(), buf) == 2
    text = buf.getvalue()
    assert "’" in text  # ensure_ascii=False
    lines = text.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(ln) for ln in lines)
    types = {
        "doc_id": str, "sentence_index": int, "sentence": str, "cameo": str, "cameo_root": str,
        "cameo_name": str, "goldstein": (int, float), "quad_class": int, "trigger": str,
        "negated": bool, "hypothetical": bool,
    }
    for key, typ in types.items():
        assert isinstance(first[key], typ), key
        assert isinstance(second[key], typ), key
    assert first["date"] == "2024-03-01" and second["date"] is None
    assert first["plover_type"] == "CONSULT"
    for side in ("source", "target"):
        assert {"code", "country", "sector", "text", "start", "end"} <= set(first[side])
    assert first["source"]["code"] == "KORGOV" and first["source"]["start"] == 0
    assert first["target"]["code"] is None and first["target"]["text"] == "Kim Yo-jong’s envoy"
    assert second["target"] is None
    assert second["negated"] is True and first["flags"] == ["reported", "reciprocal"]


def test_csv_header_and_rows():
    buf = io.StringIO(newline="")
    assert write_csv(make_events(), buf) == 2
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3
    for col in ("source_code", "source_country", "source_sector", "source_text", "source_start",
                "source_end", "target_code", "target_text", "cameo", "goldstein", "flags"):
        assert col in rows[0]
    d = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert d[0]["source_code"] == "KORGOV" and d[0]["target_code"] == ""
    assert d[0]["flags"] == "reported;reciprocal"
    assert d[0]["date"] == "2024-03-01" and d[1]["date"] == ""
    assert d[1]["target_text"] == "" and d[1]["negated"] == "true"
    assert d[1]["sentence"] == LONG


def test_csv_empty_has_header_only():
    buf = io.StringIO()
    assert write_csv([], buf) == 0
    assert buf.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_table_contains_codes_and_fits():
    table = format_table(make_events(), width=120)
    lines = table.splitlines()
    assert lines[0].startswith("date")
    assert all(len(ln) <= 120 for ln in lines)
    assert "KORGOV" in table and "KORGOVFGN" in table
    assert "040 Consult" in table and "122 Criticize" in table
    assert "—" in table  # unknown target / date
    assert "¬condemned" in table  # negated mark
    assert "condemned" in lines[-1].split("¬condemned", 1)[1]  # evidence window has trigger
    assert "…" in lines[-1]


def test_table_narrow_and_empty():
    narrow = format_table(make_events(), width=80)
    assert all(len(ln) <= 80 for ln in narrow.splitlines())
    assert "KORGOV" in narrow
    assert format_table([]) == "(no events)"


def test_summary():
    assert format_summary({"read": 12, "coded": 11, "failed": 1, "events": 57,
                           "asserted": 48}) == (
        "articles read 12, coded 11, failed 1, events 57 (48 asserted)")
    assert format_summary({"events": 3}) == "events 3"
    assert format_summary({"read": 2, "seconds": 1.234}) == "articles read 2, seconds 1.2"
