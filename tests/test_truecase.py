"""Title Case headlines are lower-cased before parsing, keeping the names we know."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def truecase(pipeline):
    return pipeline.parser.prepare


def test_title_case_detection(truecase):
    assert truecase.is_title_case("China Slams US Over Taiwan Arms Sale")
    assert not truecase.is_title_case("China slammed the US over an arms sale to Taiwan.")
    assert not truecase.is_title_case("Iran Talks")  # too short to tell
    # names are no evidence of Title Case
    assert not truecase.is_title_case("President Zorbanian Qexlit arrived in Paris.")


def test_ordinary_words_lowered_names_kept(truecase):
    assert truecase("China Slams US Over Taiwan Arms Sale") == \
        "China slams US over Taiwan arms sale"
    assert truecase("Theresa May Meets Irish Prime Minister in London") == \
        "Theresa May meets Irish prime minister in London"
    assert truecase("U.S. Lifts Travel Ban to Lebanon") == "U.S. lifts travel ban to Lebanon"
    text = "Israeli troops killed two Palestinians in Gaza on Monday."
    assert truecase(text) == text  # ordinary sentences are left alone
    text = "President Clinton met Vice President Al Gore."
    assert truecase(text) == text  # (titles before names are capitalised in running text)


def test_length_is_kept(truecase):
    text = "Ban Ki-moon Urges Israel to Halt Settlements"
    assert len(truecase(text)) == len(text)


@pytest.mark.parametrize("title,want", [
    ("Japan Imposes Export Curbs on South Korea", ("JPN", "16", "KOR")),
    ("Germany Praises France for Handling of Crisis", ("DEU", "05", "FRA")),
    ("Israeli Warplanes Bomb Targets in Syria", ("ISR", "19", "SYR")),
])
def test_a_title_case_headline_is_coded(pipeline, title, want):
    # each of these parses as a string of proper nouns, and codes nothing, when left as is
    events = [e for e in pipeline.code_text("x", title=title) if e.asserted]
    assert want in {(e.source.country if e.source else None, e.cameo_root,
                     e.target.country if e.target else None) for e in events}
