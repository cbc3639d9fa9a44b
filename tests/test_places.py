"""Event places: the place test set (tests/data/places.tsv), the gazetteer and its ranking."""

from __future__ import annotations

import sys
from pathlib import Path

from dyads.places import Context, gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from place_accuracy import check, rows  # noqa: E402


def test_place_set_accuracy(pipeline):
    table = rows()
    assert len(table) >= 80
    results = [check(pipeline.nlp, r) for r in table]
    ok = sum(good for good, _ in results)
    accuracy = ok / len(results)
    print(f"\nplace test set: {ok}/{len(results)} = {accuracy:.1%}")
    assert accuracy >= 0.90, "\n".join(msg for good, msg in results if not good)


def test_same_name_places_follow_the_article():
    g = gazetteer()
    assert g.lookup("Paris").country == "FRA"
    assert g.lookup("Paris", hint="Texas").admin1 == "TX"
    texas = g.lookup("Texas")
    assert g.lookup("Paris", context=Context(place_admin1={"USA.TX"})).geonameid == 4717560
    assert texas.feature == "ADM1" and texas.lat is None  # no coordinates offline: None


def test_unknown_names_give_no_place():
    g = gazetteer()
    assert g.lookup("Qwertyville") is None
    assert g.lookup("") is None


def test_actor_country_feature():
    g = gazetteer()
    prk = g.country("PRK")
    assert (prk.geonameid, prk.feature) == (1873107, "PCLI")
    assert g.country("IGO") is None
