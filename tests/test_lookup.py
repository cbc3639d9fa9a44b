"""`dyads actors lookup` and `dyads.lookup_actor`: one phrase, its actor, and why."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from dyads.actors.lookup import lookup
from dyads.cli import main


@pytest.fixture(scope="module")
def look(pipeline):
    return lambda text, on=None: lookup(pipeline.resolver, pipeline.nlp, text, on)


def test_people_on_a_date(look):
    kim = look("Kim Jong Un", date(2019, 11, 10))
    assert kim.actor.code == "PRKGOV" and "head_of_state" in kim.actor.how
    assert any(covers for _, _, covers in kim.offices)
    before = look("Kim Jong Un", date(2005, 1, 1))  # before any office: no code
    assert before.actor.code is None and not any(c for _, _, c in before.offices)


@pytest.mark.parametrize(("phrase", "code"), [
    ("the South Korean defense minister", "KORMIL"),
    ("Pyongyang", "PRKGOV"),
    ("Iraqi civilians", "IRQCVL"),
    ("Japanese firms", "JPNBUS"),
    ("South Korea's national security adviser", "KORGOV"),
    ("the Organisation of the Islamic Conference", "IGOMOSOIC"),  # British spelling too
    ("Chechen rebels", "RUSREB"),  # a people of a region in one state
    ("Tibetan exiles", "CHNOPP"),
    ("investigators from the U.N. war crimes tribunal", "IGOUNO"),  # members of a body
    ("members of Hamas", "PSEREBHMS"),
    ("fighters loyal to the Taliban", "AFGREB"),
    ("ethnic Albanians in Kosovo", "XKX"),  # of where they live, not Albania
    ("Farc", "COLREB"),  # an acronym written as a name, as British papers do
    ("Nato", "IGOWSTNAT"),
])
def test_phrases(look, phrase, code):
    assert look(phrase).actor.code == code


@pytest.mark.parametrize(("phrase", "on", "code"), [
    ("the Khmer Rouge", None, "KHMREB"),
    ("the Kosovo Liberation Army", None, "XKXREB"),
    ("the Rwandan Patriotic Front", date(1994, 5, 1), "RWAREB"),  # rebels, then government
    ("the Rwandan Patriotic Front", date(1995, 5, 1), "RWAGOV"),
    ("Kurdish rebel spokesmen", None, "REB"),  # a role takes its group's sector
    ("Kenya's electoral commission", None, "KENGOV"),
])
def test_armed_groups_and_roles(look, phrase, on, code):
    actor = look(phrase, on).actor
    assert (actor.code == code) if len(code) > 3 else (actor.sector == code)


def test_cli(pipeline, monkeypatch):
    import dyads

    monkeypatch.setattr(dyads, "default_pipeline", lambda: pipeline)
    r = CliRunner().invoke(main, ["actors", "lookup", "Kim Jong Un", "--date", "2019-11-10"])
    assert r.exit_code == 0, r.output
    assert "PRKGOV" in r.output and "people.tsv:" in r.output
    r = CliRunner().invoke(main, ["actors", "lookup", "Zorblax"])
    assert r.exit_code == 1 and "none" in r.output
    r = CliRunner().invoke(main, ["actors", "lookup", "Iraqi civilians", "--json"])
    assert '"code": "IRQCVL"' in r.output


def test_empty_phrase_is_a_one_line_error():
    from click.testing import CliRunner

    from dyads.cli import main

    result = CliRunner().invoke(main, ["actors", "lookup", "  "])
    assert result.exit_code != 0 and "nothing to look up" in result.output


def test_a_three_letter_acronym_written_as_a_word_is_the_word(look):
    assert look("Who").actor is None or look("Who").actor.code != look("WHO").actor.code
