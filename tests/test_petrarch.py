"""PETRARCH/TABARI dictionaries: read the real Phoenix files into our structures."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SHARED

from dyads.actors import ActorResolver
from dyads.actors.knowledge import load_knowledge
from dyads.actors.lookup import lookup
from dyads.actors.petrarch import parse_code, read_actors, read_agents, title_case

PHOENIX = SHARED / "reference" / "petrarch"
ACTOR_FILES = [PHOENIX / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International",
                                                               "MilNonState")]
AGENTS = PHOENIX / "Phoenix.agents.txt"
needs_files = pytest.mark.skipif(not AGENTS.exists(), reason="Phoenix dictionaries not here")


def test_code_and_date_syntax():
    assert parse_code("USAGOV 010120-090120") == ("USAGOV", date(2001, 1, 20),
                                                  date(2009, 1, 20), True)
    assert parse_code("AFGGOV 331108-730717")[1:3] == (date(1933, 11, 8), date(1973, 7, 17))
    assert parse_code("IGOUNO >20070101")[1:3] == (date(2007, 1, 1), None)
    assert parse_code("EGYGOV > 140608")[1] == date(2014, 6, 8)
    assert parse_code("AFG") == ("AFG", None, None, False)
    assert parse_code("---") is None
    assert title_case("BANK OF ENGLAND") == "Bank of England"
    assert title_case("UN SECRETARY GENERAL") == "UN Secretary General"
    assert title_case("BAN KI-MOON", hyphen_lower=True) == "Ban Ki-moon"


@pytest.fixture(scope="module")
def phoenix_kb():
    # (how long this takes is a figure of bench/actors.py --petrarch, not a test)
    return load_knowledge(petrarch_actors=ACTOR_FILES, petrarch_agents=[AGENTS])


@needs_files
def test_actor_files_read_fully():
    read = [read_actors(p) for p in ACTOR_FILES]
    countries, international, nonstate = read
    assert len(countries.entries) > 8000 and len(countries.people) > 20000
    assert len(international.entries) > 10000 and len(nonstate.entries) > 3000
    # almost nothing is skipped (bad dates such as 9008223, person codes without a sector)
    assert sum(len(r.skipped) for r in read) < 200
    forms = {e.form: e for r in read for e in r.entries}
    assert forms["Afghanistan"].code == "AFG"
    assert (forms["Afghan National Army"].code, forms["Afghan National Army"].sector) == \
        ("AFG", "MIL")
    assert forms["Armenia"].code == "ARM"  # [ARM >910921]: the country from its date on
    assert (forms["Hezbollah"].code, forms["Hezbollah"].sector) == ("LBN", "REB")
    assert forms["Hamas"].code == "PSEREBHMS" and forms["Hamas"].country == "PSE"
    assert forms["NATO"].code.startswith("IGO")


@needs_files
def test_agents_file():
    agents, skipped = read_agents(AGENTS)
    assert len(agents) > 3000
    assert agents["soldier"][0] == "MIL" and agents["police"][0] == "COP"
    assert agents["cattleman"][0] == "AGR"  # CATTLE!PERSON! expanded
    assert agents["chambers of commerce"][0] == "BUS"  # {CHAMBERS_OF_COMMERCE} plural
    assert agents["defence ministry"][0] == "GOV"  # DEFENCE_MINIST (a stem), ~GOVMIL
    assert agents["defence minister"][0] == "GOV"
    assert all("no sector of ours" in s or "no code" in s for s in skipped)


@needs_files
def test_people_with_dates(phoenix_kb):
    kb = phoenix_kb
    bush = kb.people.lookup("George W. Bush", date(2003, 5, 1))
    assert bush and {o.code for o in bush} == {"USAGOV"}
    assert any(o.source == "PETRARCH" for o in bush)
    assert kb.people.lookup("George W. Bush", date(2012, 5, 1)) == []  # [USAELI] default
    annan = kb.people.lookup("Kofi Annan", date(2000, 1, 1))
    assert annan and annan[0].code == "IGOUNO"
    assert kb.people.lookup("Kofi Annan", date(2010, 1, 1)) == []


@needs_files
def test_resolution_with_phoenix(phoenix_kb, pipeline):
    kb = phoenix_kb
    resolver = ActorResolver(kb, pipeline.nlp)
    found = lookup(resolver, pipeline.nlp, "Kofi Annan", date(2003, 3, 1)).actor
    assert found.code == "IGOUNO"
    assert lookup(resolver, pipeline.nlp, "the Afghan National Army").actor.code == "AFGMIL"
    assert lookup(resolver, pipeline.nlp, "Kenyan cattlemen").actor.code == "KENAGR"
