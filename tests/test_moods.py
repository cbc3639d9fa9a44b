"""Moods of an act: announced (intent, threat), refused, asked or demanded of somebody else.

The counterpart codes come from data/cameo/counterparts.tsv; these sentences are our own.
"""

from __future__ import annotations

import pytest
from conftest import triples

from dyads.cameo import ontology

# (sentence, (source country, CAMEO code, target country)) among the asserted events
CASES = [
    # future and announced acts: cooperative ones are intents (03), conflictual ones threats
    ("Egypt will send humanitarian aid to Sudan.", ("EGY", "0333", "SDN")),
    ("Turkey said it would release the detained Greek soldiers.", ("TUR", "0353", "GRC")),
    ("Norway is ready to contribute troops to a peacekeeping force in Mali.",
     ("NOR", "0334", "MLI")),
    ("The Indian prime minister will visit Nepal next month.", ("IND", "036", "NPL")),
    ("Chile is willing to host negotiations with Bolivia.", ("CHL", "036", "BOL")),
    ("Polish farmers said they would block roads into Warsaw.", ("POL", "133", "POL")),
    ("Ankara said it would impose sanctions on Armenia.", ("TUR", "1312", "ARM")),
    # a conditional threat is made to whom its condition names, when the act's object is
    # a thing
    ("Turkey will strike the S-300 missiles if the Greek Cypriot government deploys them.",
     ("TUR", "1384", "CYP")),
    # a headline's "X to <act>", also where the parser leaves the name unattached
    ("US to ease Cuba embargo on food, medicine sales", ("USA", "0354", "CUB")),
    # refusals: "will not" + a concession is a rejection (12)
    ("Serbia will not release the Kosovar detainees.", ("SRB", "1243", "XKX")),
    ("Washington said it would not lift the embargo on Cuba.", ("USA", "1244", "CUB")),
    # a governor's root gives the mood, its complement the act
    ("Iran threatened to suspend talks with the European Union.", ("IRN", "134", "IGO")),
    ("Qatar pledged to free the Nepalese hostages.", ("QAT", "0353", "NPL")),
    ("The Kenyan president urged Somalia to release the aid workers.", ("KEN", "0253", "SOM")),
    # ... also where the complement's verb only supports the noun of the act
    ("The Palestinian Authority urged the European Union to step up its assistance to Gaza.",
     ("PSE", "023", "IGO")),
    ("The Palestinian Authority demanded that the European Union step up its assistance.",
     ("PSE", "103", "IGO")),
    # a speaker's "Y must <act>" is the speaker's demand of Y
    ("The Kenyan president said Ethiopia must withdraw its troops from Somalia.",
     ("KEN", "1056", "ETH")),
]


def _has(events, want) -> bool:
    src, code, tgt = want
    return any((e.source.country if e.source else None) == src and e.cameo == code
               and (e.target.country if e.target else None) == tgt for e in events)


@pytest.mark.parametrize("sentence,want", CASES, ids=[c[1][1] for c in CASES])
def test_mood_codes(code, sentence, want):
    asserted, everything = code(sentence)
    got = {(e.source.country if e.source else None, e.cameo,
            e.target.country if e.target else None, tuple(e.flags)) for e in everything}
    assert _has(asserted, want), got


def test_plain_modal_outside_reported_speech_stays_hypothetical(code):
    asserted, everything = code("France could impose sanctions on Russia.")
    assert not asserted
    assert any(e.hypothetical and e.cameo == "163" for e in everything)


def test_past_negation_is_not_a_refusal(code):
    asserted, everything = code("Japan did not send aid to Myanmar.")
    assert not asserted
    assert any(e.negated and e.cameo_root == "07" for e in everything)


def test_counterpart_lookup_uses_longest_prefix():
    cameo = ontology()
    assert cameo.counterpart("0813", "intent") == "0351"  # via 081
    assert cameo.counterpart("0841", "refusal") == "1243"
    assert cameo.counterpart("164", "threat") == "134"
    assert cameo.counterpart("193", "threat") == "1384"  # via 19
    assert cameo.counterpart("010", "intent") is None


def test_every_counterpart_is_a_cameo_code_of_its_mood():
    cameo = ontology()
    mood_root = {"intent": "03", "appeal": "02", "demand": "10", "refusal": "12",
                 "threat": "13"}
    for c in cameo:
        for mood, root in mood_root.items():
            alt = cameo.counterpart(c.code, mood)
            if alt is not None:
                assert cameo[alt].root == root, (c.code, mood, alt)


def test_pronoun_subject_takes_the_speakers_actor(code):
    asserted, _ = code("Japan said on Tuesday it had halted economic aid to Serbia.")
    assert ("JPN", "16", "SRB") in triples(asserted)


def test_pronoun_takes_the_previous_sentence_subject(pipeline):
    text = ("The Chinese foreign minister arrived in Nairobi on Monday.\n\n"
            "He signed a trade agreement with Kenya.")
    events = [e for e in pipeline.code_text(text) if e.asserted]
    signed = [e for e in events if e.trigger == "signed"]
    assert signed and signed[0].source.country == "CHN"
    assert "previous subject" in signed[0].source.how


def test_apposition_gives_the_country(code):
    asserted, _ = code("Ali Hassan, Sudan's leading rights activist, condemned the army.")
    assert any(e.source and e.source.country == "SDN" and e.cameo_root == "11"
               for e in asserted)


def test_place_locates_the_target(code):
    asserted, _ = code("Israeli warplanes bombed Gaza on Sunday.")
    assert ("ISR", "19", "PSE") in triples(asserted)


def test_purpose_clause_gives_the_target(code):
    asserted, _ = code("Egyptian prisoners began a hunger strike to protest Israel's policies.")
    assert any(e.cameo_root == "14" and e.target and e.target.country == "ISR"
               for e in asserted)


def test_demand_of_a_that_clause_takes_the_acts_counterpart(code):
    asserted, _ = code("Ukraine demanded that Russia withdraw its troops.")
    assert any(e.cameo == "1056" and e.source.country == "UKR" and e.target.country == "RUS"
               for e in asserted)


def test_what_a_demand_asks_for_is_not_done(code):
    asserted, everything = code("Greenpeace demanded that Japan end its whaling programme.")
    assert triples(asserted) == {("NGO", "10", "JPN")}
    asked = [e for e in everything if e.source and e.source.country == "JPN"]
    assert asked and all(e.hypothetical for e in asked)
    # a nominal act in the asked-for clause is asked for too
    asserted, _ = code("The Palestinian Authority demanded that the European Union step up "
                       "its assistance to Gaza.")
    assert triples(asserted) == {("PSE", "10", "IGO")}
    # an indicative clause of "insist" is a statement, whose acts happened
    asserted, _ = code("Russia insisted that Ukraine had shelled the plant.")
    assert any(e.source and e.source.country == "UKR" and e.cameo_root == "19"
               for e in asserted)


def test_an_offer_is_one_sided_where_an_agreement_is_mutual(code):
    asserted, _ = code("Kazakhstan offered on Tuesday to expand cooperation with Russia.")
    assert {(e.source.country, e.target.country) for e in asserted} == {("KAZ", "RUS")}
    asserted, _ = code("Kazakhstan agreed to expand cooperation with Russia.")
    assert {(e.source.country, e.target.country) for e in asserted} == {("KAZ", "RUS"),
                                                                         ("RUS", "KAZ")}


def test_a_refused_act_the_lexicon_does_not_code_is_still_done_to_someone(code):
    asserted, _ = code("New Zealand refused to allow U.S. nuclear-armed warships to visit "
                       "its ports.")
    assert ("NZL", "12", "USA") in triples(asserted)
