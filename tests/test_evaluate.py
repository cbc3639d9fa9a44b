"""Tests for the evaluation module: gold loading, matching rules and scores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import SHARED_EVAL

from dyads.evaluate import (
    LEVELS,
    GoldEvent,
    GoldText,
    evaluate,
    load_gold,
    match_text,
    penta_of,
    quad_of,
    spans_match,
    split_half,
)
from dyads.model import Actor, Event

DEV = SHARED_EVAL


def actor(country: str | None, text: str = "x") -> Actor:
    return Actor(code=country, country=country, sector=None, text=text, start=0, end=len(text))


def event(
    cameo: str,
    src: Actor | None = None,
    tgt: Actor | None = None,
    negated: bool = False,
    hypothetical: bool = False,
) -> Event:
    root = cameo[:2]
    return Event(
        doc_id="d",
        sentence_index=0,
        sentence="s",
        date=None,
        source=src,
        target=tgt,
        cameo=cameo,
        cameo_root=root,
        cameo_name="n",
        goldstein=0.0,
        quad_class=quad_of(root),
        plover_type=None,
        trigger="t",
        trigger_start=0,
        trigger_end=1,
        negated=negated,
        hypothetical=hypothetical,
    )


def gold_event(**kw) -> dict:
    d = {
        "source": None,
        "source_sector": None,
        "source_text": None,
        "target": None,
        "target_sector": None,
        "target_text": None,
        "cameo": None,
        "quad": None,
        "penta": None,
        "plover": None,
        "reciprocal": False,
    }
    d.update(kw)
    return d


def write_gold(tmp_path: Path, rows: list[dict], name: str = "g.jsonl") -> Path:
    p = tmp_path / name
    lines = []
    for i, r in enumerate(rows):
        row = {
            "id": f"t{i}",
            "text": f"text {i}",
            "date": None,
            "events": [],
            "split_group": f"g{i}",
        }
        row.update(r)
        lines.append(json.dumps(row))
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def one(tmp_path: Path, *events: dict) -> GoldText:
    return load_gold(write_gold(tmp_path, [{"events": list(events)}]))[0]


def matched(g: GoldText, preds: list[Event], level: str) -> list[tuple[int, int]]:
    return match_text(g, preds, level)


def run(gold: list[GoldText], preds: dict[str, list[Event]]):
    return evaluate(gold, lambda text, day: preds.get(text, []))


# ---------------------------------------------------------------- loading


def test_load_gold_fields(tmp_path):
    p = write_gold(
        tmp_path,
        [
            {
                "date": "2001-02-03",
                "origin": "o",
                "span_annotation": False,
                "events": [
                    gold_event(
                        source="USA",
                        target="PRK",
                        cameo="036",
                        quad=1,
                        penta=1,
                        plover="CONSULT",
                        reciprocal=True,
                    )
                ],
            }
        ],
    )
    (g,) = load_gold(p)
    assert g.id == "t0" and g.date == date(2001, 2, 3) and g.split_group == "g0"
    assert g.origin == "o" and g.span_annotation is False
    e = g.events[0]
    assert isinstance(e, GoldEvent)
    assert (e.source, e.target, e.cameo, e.quad, e.penta, e.plover, e.reciprocal) == (
        "USA",
        "PRK",
        "036",
        1,
        1,
        "CONSULT",
        True,
    )
    assert e.cameo_root == "03"


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        json.dumps({"text": "no id", "events": []}),
        json.dumps({"id": "x", "text": "t", "events": {}}),
        json.dumps({"id": "x", "text": "t", "date": "yesterday", "events": []}),
        json.dumps({"id": "x", "text": "t", "events": [gold_event(quad=7)]}),
        json.dumps({"id": "x", "text": "t", "events": [gold_event(cameo="abc")]}),
        json.dumps({"id": "x", "text": "t", "events": ["e"]}),
    ],
)
def test_load_gold_bad_line_names_file_and_line(tmp_path, bad):
    p = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": "t", "events": []})
    p.write_text(good + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:3"):
        load_gold(p)


@pytest.mark.parametrize("path", sorted(DEV.glob("*.jsonl")), ids=lambda p: p.name)
def test_load_real_dev_files(path):
    texts = load_gold(path)
    assert texts
    assert all(t.id and t.text and t.split_group for t in texts)
    # Scoring with a coder that predicts nothing must not fail either.
    report = evaluate(texts, lambda text, day: [])
    assert report.levels["type"].gold == sum(len(t.events) for t in texts)


def test_dev_folder_present():
    assert len(list(DEV.glob("*.jsonl"))) >= 4


# ---------------------------------------------------------------- classes


def test_penta_and_quad_of():
    expect_penta = {
        1: 0,
        2: 0,
        3: 1,
        5: 1,
        6: 2,
        8: 2,
        9: 3,
        13: 3,
        14: 4,
        15: 4,
        16: 3,
        17: 4,
        20: 4,
    }
    for root, p in expect_penta.items():
        assert penta_of(f"{root:02d}") == p
    expect_quad = {1: 1, 5: 1, 6: 2, 8: 2, 9: 3, 13: 3, 14: 4, 16: 4, 20: 4}
    for root, q in expect_quad.items():
        assert quad_of(f"{root:02d}") == q
    assert penta_of("16") == 3 and quad_of("16") == 4
    with pytest.raises(ValueError):
        quad_of("21")


# ---------------------------------------------------------------- actors


def test_null_gold_slot_accepts_anything(tmp_path):
    g = one(tmp_path, gold_event(source="USA", cameo="036", quad=1, penta=1))
    for tgt in (None, actor(None, "someone"), actor("RUS")):
        assert matched(g, [event("036", actor("USA"), tgt)], "code") == [(0, 0)]


def test_country_mismatch_and_missing_actor(tmp_path):
    g = one(tmp_path, gold_event(source="USA", target="PRK", cameo="036", quad=1, penta=1))
    assert matched(g, [event("036", actor("USA"), actor("KOR"))], "quad") == []
    assert matched(g, [event("036", actor("USA"), None)], "quad") == []
    assert matched(g, [event("036", actor("USA"), actor(None, "Pyongyang"))], "quad") == []
    assert matched(g, [event("036", actor("PRK"), actor("USA"))], "quad") == []  # reversed
    assert matched(g, [event("036", actor("USA"), actor("PRK"))], "quad") == [(0, 0)]
    # the type level ignores actors
    assert matched(g, [event("036", None, actor("KOR"))], "type") == [(0, 0)]


def test_gold_code_wins_over_text(tmp_path):
    g = one(tmp_path, gold_event(source="JPN", source_text="Tokyo", cameo="031"))
    assert matched(g, [event("031", actor("JPN", "Japan"))], "root") == [(0, 0)]
    assert matched(g, [event("031", actor("CHN", "Tokyo"))], "root") == []


def test_span_half_word_rule():
    # shorter span "Syria" is fully contained
    assert spans_match("Syria", "the Syrian government of Syria")
    # 1 of 2 words of the shorter span = half: match
    assert spans_match("Ehud Barak", "Barak")
    assert spans_match("Israeli Prime Minister Ehud Barak", "Prime Minister Netanyahu")
    # 1 of 3 words of the shorter span: no match
    assert not spans_match("special police troops", "army troops unit here")
    assert spans_match("Serbian army", "Kosovo Liberation Army fighters")
    # case-insensitive, punctuation split, possessive "s" ignored
    assert spans_match("ISRAEL'S ARMY", "israel")
    assert not spans_match("Syria", "Syrian")


def test_span_stop_words_ignored():
    # "the", "of" do not count as shared words...
    assert not spans_match("the Government of Iraq", "the Bank of Iran")
    # ...nor towards the length of the shorter span: {"un"} vs {"un", "council"}
    assert spans_match("the UN", "UN Security Council")
    assert not spans_match("an army of the", "the a an")  # nothing left: no match
    assert not spans_match("a", "a")


def test_span_rule_in_matching(tmp_path):
    g = one(
        tmp_path,
        gold_event(
            source_text="NATO", target_text="Serbian army and special police", quad=4, penta=4
        ),
    )
    good = event("190", actor("IGO", "NATO"), actor("SRB", "the Serbian police"))
    assert matched(g, [good], "quad") == [(0, 0)]
    bad_target = event("190", actor("IGO", "NATO"), actor("SRB", "Belgrade"))
    assert matched(g, [bad_target], "quad") == []
    missing = event("190", actor("IGO", "NATO"), None)
    assert matched(g, [missing], "quad") == []
    # unannotated slots (span_annotation false) accept anything
    g2 = one(tmp_path, gold_event(penta=4))
    assert matched(g2, [event("190")], "quad") == [(0, 0)]


# ---------------------------------------------------------------- event levels


def test_levels_with_cameo_gold(tmp_path):
    g = one(tmp_path, gold_event(source="USA", cameo="0311", quad=1, penta=1))
    other_root = event("040", actor("USA"))  # same quad, other root
    assert matched(g, [other_root], "type") == []
    assert matched(g, [other_root], "quad") == [(0, 0)]
    assert matched(g, [other_root], "root") == []
    assert matched(g, [event("040", actor("RUS"))], "quad") == []
    other_code = event("036", actor("USA"))
    assert matched(g, [other_code], "type") == [(0, 0)]
    assert matched(g, [other_code], "root") == [(0, 0)]
    assert matched(g, [other_code], "code") == []
    assert matched(g, [event("0311", actor("USA"))], "code") == [(0, 0)]


def test_quad_only_gold(tmp_path):
    g = one(tmp_path, gold_event(quad=3, penta=3))
    for level in ("type", "quad", "root"):
        assert matched(g, [event("112")], level) == [(0, 0)]
        assert matched(g, [event("160")], level) == []  # penta 3 but quad 4
    assert matched(g, [event("112")], "code") == []


def test_penta_fallback(tmp_path):
    # ConfliBERT lines may have only penta; root 16 is penta 3 (with 09-13), quad 4
    g = one(tmp_path, gold_event(penta=3))
    for level in ("type", "quad", "root"):
        assert matched(g, [event("160")], level) == [(0, 0)]
        assert matched(g, [event("112")], level) == [(0, 0)]
        assert matched(g, [event("173")], level) == []
    g0 = one(tmp_path, gold_event(penta=0))
    assert matched(g0, [event("020")], "quad") == [(0, 0)]
    assert matched(g0, [event("036")], "quad") == []


def test_cameo_without_classes_derives_quad(tmp_path):
    g = one(tmp_path, gold_event(cameo="190"))
    assert matched(g, [event("180")], "quad") == [(0, 0)]
    assert matched(g, [event("180")], "type") == []


# ---------------------------------------------------------------- matching and scores


def test_greedy_one_to_one_in_gold_order(tmp_path):
    g = one(
        tmp_path,
        gold_event(source="USA", target="JOR", cameo="0311", quad=1, penta=1, reciprocal=True),
        gold_event(source="JOR", target="USA", cameo="0311", quad=1, penta=1, reciprocal=True),
    )
    p_ju = event("0311", actor("JOR"), actor("USA"))
    p_uj = event("0311", actor("USA"), actor("JOR"))
    assert matched(g, [p_ju, p_uj], "code") == [(0, 1), (1, 0)]
    # one prediction can match only one gold event
    assert matched(g, [p_uj], "code") == [(0, 0)]
    assert matched(g, [p_uj, p_uj], "code") == [(0, 0)]
    # type level ignores actors: greedy takes the first free prediction for each gold event
    assert matched(g, [p_ju, p_uj], "type") == [(0, 0), (1, 1)]


def test_greedy_is_not_optimal(tmp_path):
    # documented behaviour: gold 0 grabs the prediction that gold 1 needed
    g = one(tmp_path, gold_event(quad=1), gold_event(cameo="036"))
    assert matched(g, [event("036"), event("010")], "type") == [(0, 0)]


def test_negated_and_hypothetical_are_not_predictions(tmp_path):
    gold = load_gold(
        write_gold(
            tmp_path,
            [
                {"text": "a", "events": [gold_event(source="USA", cameo="036", quad=1, penta=1)]},
            ],
        )
    )
    preds = {
        "a": [
            event("036", actor("USA"), negated=True),
            event("036", actor("USA"), hypothetical=True),
        ]
    }
    report = run(gold, preds)
    for level in LEVELS:
        s = report.levels[level]
        assert (s.gold, s.predicted, s.matched) == (1, 0, 0)
        assert s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0
    assert report.texts[0].dropped == 2 and report.texts[0].predicted == []

    preds["a"].append(event("036", actor("USA")))
    report = run(gold, preds)
    assert report.levels["code"].matched == 1 and report.levels["code"].predicted == 1
    assert report.texts[0].matches["code"] == [(0, 0)]


def test_empty_gold_counts_against_precision(tmp_path):
    gold = load_gold(
        write_gold(
            tmp_path,
            [
                {"text": "a", "events": [gold_event(source="USA", cameo="036", quad=1, penta=1)]},
                {"text": "b", "events": []},
            ],
        )
    )
    preds = {"a": [event("036", actor("USA"))], "b": [event("190", actor("RUS"))]}
    report = run(gold, preds)
    for level in ("type", "quad", "root"):
        s = report.levels[level]
        assert (s.gold, s.predicted, s.matched) == (1, 2, 1)
        assert s.precision == 0.5 and s.recall == 1.0
        assert s.f1 == pytest.approx(2 / 3)
    # empty gold has no CAMEO code, so it is outside the code level
    s = report.levels["code"]
    assert (s.gold, s.predicted, s.matched) == (1, 1, 1)


def test_code_level_restriction(tmp_path):
    gold = load_gold(
        write_gold(
            tmp_path,
            [
                {
                    "text": "cameo",
                    "events": [gold_event(source="USA", cameo="036", quad=1, penta=1)],
                },
                {"text": "plover", "events": [gold_event(source="USA", quad=1, plover="CONSULT")]},
                {"text": "penta", "events": [gold_event(penta=4)]},
            ],
        )
    )
    preds = {
        "cameo": [event("036", actor("USA")), event("040", actor("USA"))],
        "plover": [event("036", actor("USA"))],
        "penta": [event("190"), event("180")],
    }
    report = run(gold, preds)
    code = report.levels["code"]
    # only the gold event with a CAMEO code counts in recall, and only predictions on that
    # text count in precision
    assert (code.gold, code.predicted, code.matched) == (1, 2, 1)
    assert code.precision == 0.5 and code.recall == 1.0
    quad = report.levels["quad"]
    assert (quad.gold, quad.predicted, quad.matched) == (3, 5, 3)


def test_report_output(tmp_path):
    gold = load_gold(
        write_gold(
            tmp_path,
            [
                {"text": "a", "events": [gold_event(source="USA", cameo="036", quad=1, penta=1)]},
            ],
        )
    )
    report = run(gold, {"a": [event("036", actor("USA"), actor(None, "the rebels"))]})
    d = report.to_dict()
    json.dumps(d)  # serializable
    assert d["levels"]["code"] == {
        "gold": 1,
        "predicted": 1,
        "matched": 1,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    det = d["details"][0]
    assert det["id"] == "t0" and det["matches"]["type"] == [[0, 0]]
    assert det["predicted"][0]["target"]["text"] == "the rebels"
    assert "details" not in report.to_dict(details=False)
    table = report.format_table()
    lines = table.splitlines()
    assert lines[0].split() == ["level", "P", "R", "F1", "matched", "predicted", "gold"]
    assert [ln.split()[0] for ln in lines[2:]] == list(LEVELS)
    assert "1.000" in table
    t = report.texts[0]
    assert t.unmatched_gold("code") == [] and t.unmatched_predicted("code") == []


def test_date_passed_to_coder(tmp_path):
    gold = load_gold(write_gold(tmp_path, [{"text": "a", "date": "2020-01-02"}]))
    seen = []
    evaluate(gold, lambda text, day: seen.append((text, day)) or [])
    assert seen == [("a", date(2020, 1, 2))]


# ---------------------------------------------------------------- split


def test_split_half_deterministic_and_grouped(tmp_path):
    rows = [{"split_group": f"g{i // 2}"} for i in range(200)]
    texts = load_gold(write_gold(tmp_path, rows))
    a, b = split_half(texts, 0), split_half(texts, 1)
    assert len(a) + len(b) == 200 and a and b
    assert {t.id for t in a}.isdisjoint({t.id for t in b})
    assert {t.split_group for t in a}.isdisjoint({t.split_group for t in b})
    assert [t.id for t in split_half(texts, 0)] == [t.id for t in a]
    assert 60 <= len(a) <= 140
    with pytest.raises(ValueError):
        split_half(texts, 2)


def test_split_half_keeps_groups_across_real_files():
    texts = [t for p in sorted(DEV.glob("*.jsonl")) for t in load_gold(p)]
    halves = [split_half(texts, h) for h in (0, 1)]
    groups = [{t.split_group for t in h} for h in halves]
    assert groups[0].isdisjoint(groups[1])
    assert len(halves[0]) + len(halves[1]) == len(texts)
