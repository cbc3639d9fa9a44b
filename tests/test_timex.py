"""Event dates: the phrase table (tests/data/timex_table.tsv) and attachment by the parse."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from dyads.timex import event_time, resolve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from timex_accuracy import check, rows  # noqa: E402

REF = date(2019, 11, 13)  # a Wednesday


def test_phrase_table_accuracy():
    table = rows()
    assert len(table) >= 60
    results = [check(r) for r in table]
    ok = sum(good for good, _ in results)
    accuracy = ok / len(results)
    print(f"\ntime phrase table: {ok}/{len(results)} = {accuracy:.1%}")
    assert accuracy >= 0.95, "\n".join(msg for good, msg in results if not good)


def test_no_reference_date_gives_null_not_today():
    assert resolve("yesterday", None) is None
    assert resolve("on Sunday", None) is None
    assert resolve("in 2018", None).start == date(2018, 1, 1)


def _trigger(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, start, end, gran, phrase", [
    ("North Korea on Sunday rejected a US offer of talks.", "rejected",
     "2019-11-10", "2019-11-10", "day", "on Sunday"),
    ("China criticized Japan earlier this month.", "criticized",
     "2019-11-01", "2019-11-13", "range", "earlier this month"),
    ("Iran and the US held talks in Stockholm last week.", "held",
     "2019-11-04", "2019-11-10", "week", "last week"),
    ("The EU will impose sanctions on Russia by the end of the year.", "impose",
     "2019-11-13", "2019-12-31", "range", "by the end of the year"),
    ("Israel struck Gaza two days ago.", "struck", "2019-11-11", "2019-11-11", "day",
     "two days ago"),
    ("Russia plans to attack early next year.", "attack", "2020-01-01", "2020-04-30", "range",
     "early next year"),
    ("A bombing in central Baghdad killed 20 people on Wednesday.", "bombing",
     "2019-11-13", "2019-11-13", "day", "on Wednesday"),
    ("Turkey accused Greece on 5 June 2018 of provocations.", "accused",
     "2018-06-05", "2018-06-05", "day", "on 5 June 2018"),
    ("Kim will meet Trump on Friday.", "meet", "2019-11-15", "2019-11-15", "day", "on Friday"),
    ("Japan imposed export curbs on South Korea in April.", "imposed",
     "2019-04-01", "2019-04-30", "month", "in April"),
])
def test_attached_phrase(pipeline, text, word, start, end, gran, phrase):
    got = event_time(_trigger(pipeline.nlp, text, word), REF)
    assert got is not None
    assert (got.start.isoformat(), got.end.isoformat(), got.granularity, got.text) == (
        start, end, gran, phrase)


def test_phrase_of_another_clause_is_not_taken(pipeline):
    # "on Monday" belongs to the protest, not to the curbs
    text = "Japan imposed curbs on South Korea after Seoul protested on Monday."
    assert event_time(_trigger(pipeline.nlp, text, "imposed"), REF) is None
    assert event_time(_trigger(pipeline.nlp, text, "protested"), REF).text == "on Monday"
