"""Parse repairs (dyads.coding.repairs): regular misparses of the small English model undone
before the coder reads the parse, and the events they let through."""

import pytest
from conftest import triples


@pytest.fixture(scope="module")
def parse(pipeline):
    return pipeline.nlp


def test_component_runs_in_the_shared_model(parse):
    assert parse.pipe_names[-1] == "dyads_parse_repairs"


def test_complement_after_an_adjunct_is_the_complement(parse):
    doc = parse("Kazakhstan offered on Tuesday to expand cooperation with Russia.")
    expand = next(t for t in doc if t.text == "expand")
    assert (expand.dep_, expand.head.text) == ("xcomp", "offered")


def test_complement_read_as_modifying_an_adjunct_noun_is_the_complement(parse):
    doc = parse("The Security Council voted 10-0 with five abstentions on Tuesday to impose "
                "an arms embargo on Libya.")
    impose = next(t for t in doc if t.text == "impose")
    assert (impose.dep_, impose.head.text) == ("xcomp", "voted")


def test_purpose_of_a_non_control_verb_stays_a_purpose(parse):
    doc = parse("Russia sent troops on Tuesday to secure the airport.")
    secure = next(t for t in doc if t.text == "secure")
    assert secure.dep_ != "xcomp"


def test_verb_read_as_a_participle_of_its_subject_is_the_verb(parse):
    doc = parse("Tamil Tiger rebels offered on Thursday to observe a ceasefire with "
                "Sri Lankan government forces.")
    offered = next(t for t in doc if t.text == "offered")
    rebels = next(t for t in doc if t.text == "rebels")
    assert offered.dep_ == "ROOT" and (rebels.dep_, rebels.head.i) == ("nsubj", offered.i)


def test_participle_of_a_verb_never_passive_is_the_verb(parse):
    doc = parse("Hundreds of students protested outside the Japanese embassy on Sunday.")
    protested = next(t for t in doc if t.text == "protested")
    assert protested.dep_ == "ROOT"


def test_passive_headline_keeps_its_participle(parse):
    doc = parse("Five soldiers killed in ambush near border")
    killed = next(t for t in doc if t.text == "killed")
    assert killed.dep_ != "ROOT" or killed.head.i == killed.i  # not forced into a subject


def test_events_through_the_repairs(code):
    asserted, _ = code("Kazakhstan offered on Tuesday to expand cooperation with Russia.")
    assert ("KAZ", "03", "RUS") in triples(asserted)
    asserted, _ = code("Sudan threatened on Tuesday to expel United Nations peacekeepers "
                       "from Darfur.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted
            if e.source and e.target} >= {("SDN", "136", "IGO")}
    asserted, _ = code("Tamil Tiger rebels offered on Thursday to observe a ceasefire with "
                       "Sri Lankan government forces.")
    assert ("LKA", "03", "LKA") in triples(asserted)
    assert all(e.source is not None for e in asserted)
    asserted, _ = code("The U.N. Security Council voted 10-0 with five abstentions on Tuesday "
                       "to impose an air and arms embargo on Libya, diplomats said.")
    assert ("IGO", "16", "LBY") in triples(asserted)


def test_a_verb_tagged_as_a_noun_coordinated_with_a_verb_is_a_verb(code):
    asserted, _ = code("The Palestinian government, thus, rejects and condemns the US "
                       "administration's decision.")
    assert ("PSE", "12", "USA") in triples(asserted)


def test_headline_verb_read_as_a_plural_noun_is_the_verb(parse, code):
    doc = parse("U.S. lifts travel ban to Lebanon")
    lifts = next(t for t in doc if t.text == "lifts")
    assert lifts.dep_ == "ROOT" and lifts.pos_ == "VERB"
    asserted, _ = code("U.S. Lifts Travel Ban to Lebanon.")
    assert triples(asserted) == {("USA", "08", "LBN")}
    # a noun phrase with a noun of the same form stays one ("U.S. arms sales")
    doc = parse("U.S. arms sales to Taiwan")
    assert not any(t.pos_ == "VERB" for t in doc)
