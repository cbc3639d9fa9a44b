"""The coder on sentences of each CAMEO root, and on the grammar of news."""

from __future__ import annotations

import pytest
from conftest import triples

ANY = "*"

# (sentence, expected (source country, CAMEO root, target country)); ANY accepts any target.
ROOT_CASES = [
    ("Israel's foreign ministry declined to comment on the report.", ("ISR", "01", ANY)),
    ("Afghanistan appealed to the United Nations for humanitarian aid.", ("AFG", "02", "IGO")),
    ("Turkey pledged to provide economic aid to Syria.", ("TUR", "03", "SYR")),
    ("The Chinese foreign minister visited Pakistan on Monday.", ("CHN", "04", "PAK")),
    ("Germany praised France for its handling of the crisis.", ("DEU", "05", "FRA")),
    ("France shared intelligence with Belgium after the attacks.", ("FRA", "06", "BEL")),
    ("Japan sent humanitarian aid to the Philippines.", ("JPN", "07", "PHL")),
    ("Iran released two British sailors on Thursday.", ("IRN", "08", "GBR")),
    ("Brazil investigated Venezuelan officials over the border incident.", ("BRA", "09", "VEN")),
    ("Ukraine demanded that Russia withdraw its troops.", ("UKR", "10", ANY)),
    ("China criticized the United States over arms sales to Taiwan.", ("CHN", "11", "USA")),
    ("North Korea rejected South Korea's offer of talks.", ("PRK", "12", "KOR")),
    ("Russia warned Georgia against joining the alliance.", ("RUS", "13", "GEO")),
    ("Thousands of Iraqi protesters demonstrated against the government.", ("IRQ", "14", ANY)),
    ("Pakistan mobilized troops along the border.", ("PAK", "15", ANY)),
    ("Japan imposed export curbs on South Korea.", ("JPN", "16", "KOR")),
    ("Egyptian police arrested dozens of protesters in Cairo.", ("EGY", "17", ANY)),
    ("Gunmen kidnapped two Indian engineers.", (None, "18", "IND")),
    ("Militants killed 23 villagers in a night raid south of Algiers.", ("DZA", "19", "DZA")),
    # rebels named by no country are of where they attack; the government's troops of the
    # country whose rebels they fight
    ("Islamist rebels seized the northern Malian town of Timbuktu.", ("MLI", "19", "MLI")),
    ("Government troops killed 15 FARC rebels in fighting on Wednesday.", ("COL", "19", "COL")),
    # violence as somebody passed hits who passed
    ("Militants detonated a roadside bomb as an Indian army convoy passed.", (None, "18", "IND")),
    ("Israeli warplanes bombed targets in Syria.", ("ISR", "19", ANY)),
    ("Syrian forces used chemical weapons against civilians.", ("SYR", "20", ANY)),
]


def _has(found: set, want: tuple) -> bool:
    return any(f[0] == want[0] and f[1] == want[1] and (want[2] == ANY or f[2] == want[2])
               for f in found)


@pytest.mark.parametrize("sentence,want", ROOT_CASES, ids=[c[1][1] for c in ROOT_CASES])
def test_every_cameo_root(code, sentence, want):
    asserted, _ = code(sentence)
    assert _has(triples(asserted), want), triples(asserted)


def test_specific_codes(code):
    assert "163" in {e.cameo for e in code("Japan imposed export curbs on South Korea.")[0]}
    rejected = code("North Korea rejected a South Korean offer of talks.")[0]
    assert "125" in {e.cameo for e in rejected}
    assert "036" in {e.cameo for e in code("North Korea agreed to meet the United States.")[0]}


def test_possessor_of_object_is_target(code):
    asserted, _ = code("North Korea rejected a South Korean offer of talks.")
    assert ("PRK", "12", "KOR") in triples(asserted)


def test_control_chain_source(code):
    asserted, _ = code("The United States is trying to persuade North Korea to return to talks.")
    assert _has(triples(asserted), ("USA", "02", "PRK"))
    # what North Korea is asked to do has not happened
    assert not any(e.source and e.source.country == "PRK" for e in asserted)


def test_reported_speech_codes_the_reported_event(code):
    asserted, _ = code("A Japanese official said that South Korea had demanded an apology from "
                       "Japan.")
    found = triples(asserted)
    assert _has(found, ("KOR", "10", ANY))
    assert not any(r == "01" for _, r, _ in found)  # no bare statement when more is said


def test_negation_is_flagged_and_excluded(code):
    asserted, everything = code("North Korea did not attend the talks with South Korea.")
    assert not asserted
    assert everything and all(e.negated for e in everything)


def test_yet_to_is_negation(code):
    asserted, everything = code("North Korea has yet to respond to the US request for talks.")
    assert not any(e.source and e.source.country == "PRK" and e.cameo_root != "10"
                   for e in asserted)


def test_hypothetical_is_flagged(code):
    asserted, everything = code("Iran could reject the proposal from France.")
    assert not asserted
    assert any(e.hypothetical for e in everything)


def test_passive_agent_is_source(code):
    asserted, _ = code("Israel was criticized by Turkey.")
    assert ("TUR", "11", "ISR") in triples(asserted)


def test_reciprocal_both_directions(code):
    found = triples(code("Israel and Jordan signed a peace treaty.")[0])
    assert ("ISR", "05", "JOR") in found and ("JOR", "05", "ISR") in found


def test_headline_grammar(code):
    assert _has(triples(code("China slams US over Taiwan arms sale")[0]), ("CHN", "11", "USA"))


def test_unknown_verb_codes_nothing(code):
    asserted, everything = code("Japan and South Korea are neighbours across the sea.")
    assert everything == []


def test_sector_codes(code):
    asserted, _ = code("South Korea's national security adviser criticized Japanese officials.")
    ev = next(e for e in asserted if e.cameo_root == "11")
    assert ev.source.code == "KORGOV" and ev.target.code == "JPNGOV"


def test_event_carries_evidence(code):
    ev = code("Japan imposed export curbs on South Korea.")[0][0]
    s = ev.sentence
    assert s[ev.source.start:ev.source.end] == ev.source.text == "Japan"
    assert s[ev.target.start:ev.target.end] == "South Korea"
    assert s[ev.trigger_start:ev.trigger_end] == ev.trigger == "imposed"
    assert ev.goldstein == -8.0 and ev.quad_class == 4 and ev.plover_type
    assert ev.rule and ev.rule.split(":")[0].endswith(".yaml")


def test_group_placed_by_location_phrase(code):
    asserted, _ = code("Rebels in the Ivory Coast criticized the government of France.")
    assert _has(triples(asserted), ("CIV", "11", "FRA"))


def test_weekday_is_not_an_actor(code):
    asserted, _ = code("Iran rejected the proposal on Monday.")
    assert all(e.target is None or e.target.text != "Monday" for e in asserted)


def test_phrasal_verbs_and_stacked_prepositions(code):
    # particle labelled prep by the parser, and "out of" stacked prepositions
    asserted, _ = code("Iran walked out of the talks with France.")
    assert ("IRN", "16", "FRA") in triples(asserted)
    assert {e.cameo for e in asserted} == {"164"}


def test_measure_nouns_go_by_what_they_measure(code):
    asserted, _ = code("Japan delivered 500 tons of food aid to North Korea.")
    assert ("JPN", "07", "PRK") in triples(asserted)


def test_attribution_is_not_a_target(code):
    asserted, _ = code("Egypt arrested dozens of activists, according to the Turkish press.")
    assert not any(e.target and e.target.country == "TUR" for e in asserted)


def test_agentless_arrest_is_the_states_act(code):
    asserted, _ = code("Two French journalists were detained in Iran last week.")
    assert ("IRN", "17", "FRA") in triples(asserted)


def test_threat_target_in_the_condition(code):
    asserted, _ = code("Iran threatened to quit the talks if France imposes new sanctions.")
    assert any(e.cameo_root == "13" and e.target and e.target.country == "FRA"
               for e in asserted)


def test_modifier_clauses_describe_participants(code):
    asserted, _ = code("Ukraine, which was invaded by Russia in 2022, asked Germany for tanks.")
    assert ("UKR", "02", "DEU") in triples(asserted)
    assert not any(e.cameo_root == "19" for e in asserted)  # the relative clause is background


def test_event_noun_with_participle_keeps_its_actors(code):
    asserted, _ = code("The sanctions imposed by the United States on Iran took effect.")
    assert ("USA", "16", "IRN") in triples(asserted)


def test_protest_purpose_gives_the_subcode(code):
    asserted, _ = code("Thousands of Egyptians marched to demand the president's resignation.")
    assert [e.cameo for e in asserted if e.cameo_root == "14"] == ["1411"]
    assert not any(e.cameo_root == "10" for e in asserted)  # the purpose is not coded apart


def test_counted_parties_each_become_targets(code):
    asserted, _ = code("Guinean soldiers beat scores of Malian and Senegalese traders.")
    assert {e.target.country for e in asserted if e.target} >= {"MLI", "SEN"}


def test_possessive_pronoun_takes_its_antecedent(code):
    asserted, _ = code("Israel said its warplanes had struck Hamas targets in Gaza.")
    assert any(e.source and e.source.code == "ISRMIL" and e.cameo_root == "19"
               for e in asserted)


def test_denied_that_clause_is_negated(code):
    asserted, everything = code("Russia denied that its troops had attacked Ukrainian positions.")
    assert not any(e.cameo_root == "19" for e in asserted)
    assert any(e.cameo_root == "19" and e.negated for e in everything)


def test_talks_between_two_parties_go_both_ways(code):
    asserted, _ = code("Talks between Serbia and Kosovo resumed in Brussels.")
    assert {("SRB", "04", "XKX"), ("XKX", "04", "SRB")} <= triples(asserted)


def test_unnamed_parties_of_a_one_country_sentence_are_domestic(code):
    asserted, _ = code("The Egyptian army arrested dozens of protesters.")
    (e,) = [e for e in asserted if e.cameo_root == "17"]
    assert e.target.code == "EGYOPP" and "only country" in e.target.how
    # not armed groups in violence: their country must be said
    asserted, _ = code("US troops killed militants near Kandahar.")
    assert not any(e.target and e.target.country == "USA" for e in asserted)


@pytest.mark.parametrize("sentence,want", [
    ("Thousands of Egyptian workers went on strike on Monday.", ("EGY", "14", "EGY")),
    ("The Philippine president placed the southern province under martial law.",
     ("PHL", "17", "PHL")),
    ("Turkey's Constitutional Court banned the pro-Kurdish party on Friday.", ("TUR", "17", "TUR")),
    ("Bahrain's government agreed on Sunday to carry out political reforms.", ("BHR", "03", "BHR")),
])
def test_an_act_on_the_doers_own_polity_is_domestic(code, sentence, want):
    asserted, _ = code(sentence)
    assert want in triples(asserted)
    (e,) = [e for e in asserted if e.cameo_root == want[1]]
    assert e.target.sector is None and "polity" in e.target.how


def test_an_act_on_a_polity_names_no_target_beyond_its_country(code):
    # another country named: whose polity is not said, so no target is made up
    asserted, _ = code("Egyptian workers went on strike over the Israeli gas deal.")
    assert {(e.cameo_root, e.target.country if e.target else None) for e in asserted
            if e.source.country == "EGY"} == {("14", "ISR")}
    # not every act is one on a polity: a statement with no addressee has no target
    asserted, _ = code("The Egyptian foreign minister made a statement on Monday.")
    assert triples(asserted) == {("EGY", "01", None)}


def test_a_role_in_a_group_takes_the_groups_sector(code):
    asserted, _ = code("Thai opposition protest leaders criticized the government.")
    assert {e.source.code for e in asserted} == {"THAOPP"}
    asserted, _ = code("Kurdish rebel spokesmen criticized Turkey.")
    assert {e.source.sector for e in asserted} == {"REB"}
    asserted, _ = code("Senior Iraqi officials criticized the United States.")
    assert {e.source.code for e in asserted} == {"IRQGOV"}


def test_a_compound_before_people_is_no_act(code):
    asserted, _ = code("Iranian riot police fired tear gas at protesters.")
    assert {e.cameo_root for e in asserted} == {"17"}


def test_coordinated_doers_act_on_each_other_when_the_clause_says_so(code):
    asserted, _ = code("India and the United States agreed to hold more joint naval exercises.")
    assert {("IND", "03", "USA"), ("USA", "03", "IND")} <= triples(asserted)
    asserted, _ = code("Ethiopia and Eritrea massed troops along their disputed border.")
    assert {("ETH", "15", "ERI"), ("ERI", "15", "ETH")} <= triples(asserted)
    assert all(any(f.startswith("mutual") for f in e.flags) for e in asserted)
    # nothing mutual said: each acts, toward nobody named
    asserted, _ = code("Britain and France sent their troops on Monday.")
    assert not any(e.target and e.target.country for e in asserted)


def test_steps_taken_toward_an_act_are_the_act(code):
    asserted, _ = code("Japan and China took steps to repair diplomatic ties.")
    assert {("JPN", "05", "CHN"), ("CHN", "05", "JPN")} <= triples(asserted)


@pytest.mark.parametrize("sentence,code_", [
    ("Iran staged a show of force in the Gulf.", "150"),
    ("Japan lodged a note of protest with China.", "114"),
    ("Iraqi forces used weapons of mass destruction against Iranian troops.", "204"),
])
def test_lexicon_phrases_with_of_match(code, sentence, code_):
    assert code_ in {e.cameo for e in code(sentence)[0]}


def test_protesters_marching_and_storming_protest(code):
    asserted, _ = code("British anti-war protesters marched on parliament on Saturday, demanding "
                       "that Prime Minister Tony Blair withdraw British troops from Iraq.")
    # one protest for a policy change, aimed at whom it asks; the withdrawal is not done
    assert [(e.cameo, e.target.country) for e in asserted] == [("1412", "GBR")]
    asserted, _ = code("Protesters stormed the presidential palace.")
    assert {e.cameo for e in asserted} == {"145"}
    asserted, _ = code("Rebel fighters advanced on the capital.")
    assert {e.cameo for e in asserted} == {"190"}


def test_a_threat_with_an_act_takes_its_threat_code(code):
    assert {e.cameo for e in code("The United States threatened Iran with sanctions.")[0]} \
        == {"1312"}
    assert {e.cameo for e in code("Israel threatened Hamas with a military offensive.")[0]} \
        == {"1384"}


def test_a_capital_places_people_not_things(code):
    asserted, _ = code("Indian Prime Minister Manmohan Singh made a public statement on "
                       "relations with Pakistan in New Delhi on Thursday.")
    assert triples(asserted) == {("IND", "01", "PAK")}
    asserted, _ = code("Troops in Crimea fired on protesters.")
    assert {e.source.country for e in asserted} == {"UKR"}


# Whom an act is done to, one step past the object (sentence, (source, root, target)).
TARGET_CASES = [
    # a suspect handed over: whom he is handed to
    ("Mexico extradited suspected drug lord Benjamin Arellano Felix to the United States.",
     ("MEX", "06", "USA")),
    ("A Rwandan genocide suspect was handed over by Tanzanian police to the U.N. war crimes "
     "tribunal.", ("TZA", "06", "IGO")),
    ("Russia refused to extradite the former officer to Britain.", ("RUS", "12", "GBR")),
    # a reaction to an act: its doer
    ("France condemned the attack by Hamas on Israel.", ("FRA", "11", "PSE")),
    ("The Organization of American States was investigating an alleged incursion by "
     "Colombian troops into Ecuador.", ("IGO", "09", "COL")),
    # a series of acts is the acts
    ("Opposition leaders in Zimbabwe made a series of demands on President Robert Mugabe's "
     "government.", ("ZWE", "10", "ZWE")),
    # police act at home; an army's victims may be abroad
    ("Syrian security forces tortured detained protesters in Deraa.", ("SYR", "18", "SYR")),
    ("US troops killed civilians near the border.", ("USA", "19", None)),
    # unidentified attackers are of where they attack, not of their victims
    ("Gunmen tried to assassinate Pakistani President Pervez Musharraf in Rawalpindi.",
     ("PAK", "18", "PAK")),
    ("Gunmen kidnapped two Indian engineers in Nigeria.", ("NGA", "18", "IND")),
    ("Gunmen kidnapped two Indian engineers.", (None, "18", "IND")),
    # people described by a participle the parser reads as a verb
    ("The Bolivian government made concessions to striking tin miners.", ("BOL", "08", "BOL")),
    # whom the act a noun names is done with
    ("Ethiopia's refusal to take part in a joint study with Egypt was announced on Monday.",
     ("ETH", "12", "EGY")),
    # whom a demand given in to is of
    ("The French government gave in to the main demands of striking truck drivers.",
     ("FRA", "08", "FRA")),
    # aid is for whom it is for, not where it is flown; weapons handed in, to whom
    ("Medecins Sans Frontieres flew medicine into Goma for Rwandan refugees.",
     ("NGO", "07", "RWA")),
    ("UNITA rebels handed in their weapons to U.N. peacekeepers at a quartering area in "
     "central Angola.", ("AGO", "08", "IGO")),
    ("Ethiopia and Eritrea exchanged 1,000 prisoners of war under the supervision of the Red "
     "Cross.", ("ERI", "08", "ETH")),
    ("France has cancelled 1.2 billion francs of debt owed by Mozambique.", ("FRA", "07", "MOZ")),
]


@pytest.mark.parametrize("sentence,want", TARGET_CASES, ids=[w[1] + "-" + s.split()[0]
                                                              for s, w in TARGET_CASES])
def test_targets_past_the_object(code, sentence, want):
    assert want in triples(code(sentence)[0])


def test_militants_storming_a_police_station_fight(code):
    # only crowds riot
    asserted, _ = code("Militants attacked a police station in Kabul.")
    assert {e.cameo_root for e in asserted} == {"19"}


def test_headline_x_to_act_is_announced(code):
    asserted, _ = code("Egypt to send aid to Gaza")
    assert any(e.cameo_root == "03" and e.source.country == "EGY" for e in asserted)


def test_reacting_to_a_request_makes_you_its_target(code):
    asserted, _ = code("NK yet to respond to US request for meeting")
    assert ("USA", "02", "PRK") in triples(asserted)


def test_an_event_noun_a_coded_act_is_about_is_not_the_subjects_act(code):
    asserted, _ = code("France welcomed the ceasefire between Israel and Hamas.")
    found = triples(asserted)
    assert ("FRA", "05", "ISR") in found and ("ISR", "08", "PSE") in found
    assert not any(s == "FRA" and r == "08" for s, r, _ in found)
    asserted, _ = code("Russia criticized the sanctions against Iran.")
    assert not any(e.cameo_root == "16" and e.source.country == "RUS" for e in asserted)
    # a reporting verb is no act of its own: what it announces is the subject's
    asserted, _ = code("The EU announced sanctions against Russia.")
    assert any(e.cameo_root == "16" and e.target.country == "RUS" for e in asserted)


def test_a_where_clause_after_a_noun_describes_the_place(code):
    asserted, _ = code("Iran threatened to shell Iraqi towns in retaliation for a raid on the "
                       "city of Susangerd where, it said, 100 people were killed.")
    assert {e.cameo_root for e in asserted} == {"13"}
    asserted, _ = code("The army said it was unclear where the rebels had attacked.")
    assert any(e.cameo_root == "19" for e in asserted)


def test_an_unknown_name_keeps_its_title(code):
    # a misspelt or unlisted name: the title says government; the only country says whose
    asserted, _ = code("Rebels in the Ivory Coast rejected an appeal from President Laurent "
                       "Gbago to lay down their arms.")
    assert any(e.cameo_root == "12" and e.target and e.target.code == "CIVGOV"
               for e in asserted)


def test_the_attribution_of_a_report_is_no_statement(code):
    asserted, _ = code("North Korea has tried to hack into South Korean computers, officials "
                       "said Tuesday.")
    assert not any(e.cameo == "010" for e in asserted)
    # a statement of one's own stays one
    asserted, _ = code("The Iranian foreign minister said the talks had been constructive.")
    assert any(e.cameo == "010" and e.source.country == "IRN" for e in asserted)


def test_a_reported_must_is_a_demand_whatever_the_act(code):
    asserted, _ = code("Human Rights Watch said that Sudanese authorities must ensure security.")
    assert any(e.cameo_root == "10" and e.target and e.target.country == "SDN"
               for e in asserted)


def test_committed_to_doing_is_an_intent(code):
    asserted, _ = code("France is committed to sending aid to Mali.")
    assert ("FRA", "03", "MLI") in triples(asserted)


def test_people_named_by_an_event_noun_who_act_are_actors_not_another_act(code):
    asserted, _ = code("Egyptian demonstrators rioted in Cairo.")
    assert [e.cameo_root for e in asserted] == ["14"] and asserted[0].cameo == "145"


def test_an_averted_act_is_not_asserted(code):
    asserted, everything = code("Hamas said Israel must avoid clashes with Hezbollah.")
    assert not any(e.cameo_root == "19" for e in asserted)
    asserted, everything = code("The rebels avoided attacking the town.")
    assert not any(e.cameo_root == "19" for e in asserted)
    assert any(e.cameo_root == "19" for e in everything)


def test_a_target_we_cannot_code_keeps_its_words(code):
    asserted, _ = code("Militants launched an attack on the convoy.")
    (e,) = [e for e in asserted if e.cameo_root == "19"]
    assert e.target.code is None and e.target.country is None and e.target.text == "convoy"
    # never a made-up doer: the source is still needed
    asserted, _ = code("The attack on the convoy was condemned.")
    assert not any(e.cameo_root == "19" for e in asserted)


def test_the_people_an_act_needs_can_name_its_target(code):
    asserted, _ = code("Pakistan summoned a senior Indian diplomat to its Foreign Ministry.")
    assert any(e.source.country == "PAK" and e.target.country == "IND" for e in asserted)
    asserted, _ = code("Paris recalled its ambassador from Canberra.")
    assert any(e.target and e.target.country == "AUS" for e in asserted)


def test_an_agentless_expulsion_is_by_the_state_expelled_from(code):
    asserted, _ = code("Two UN inspectors have been expelled from North Korea.")
    assert any(e.source and e.source.code == "PRKGOV" and e.cameo_root == "16"
               for e in asserted)


def test_a_violent_participle_elaborates_the_attack(code):
    asserted, _ = code("Al Shabaab fighters attacked a military base, killing 17 soldiers.")
    assert [e.trigger for e in asserted if e.cameo_root in ("18", "19", "20")] == ["attacked"]


def test_a_part_of_a_group_stands_for_the_group(code):
    asserted, _ = code("Eritrea has expelled some of the U.N. peacekeepers.")
    assert ("ERI", "16", "IGO") in triples(asserted)


def test_an_event_noun_of_an_event_noun_is_one_event(code):
    asserted, _ = code("The lifting of sanctions by the EU angered Russia.")
    assert [(e.source.country, e.cameo_root) for e in asserted if e.cameo_root in ("08", "16")] \
        == [("IGO", "08")]


def test_what_violence_is_used_on_is_its_target(code):
    asserted, _ = code("Militants attacked the convoy on Monday.")
    (e,) = [e for e in asserted if e.cameo_root == "19"]
    assert e.target.text == "convoy" and e.target.code is None


def test_a_capital_that_places_an_act_is_no_government(code):
    asserted, _ = code("Militants launched an attack on a convoy near Kabul.")
    (e,) = [e for e in asserted if e.cameo_root == "19"]
    assert e.target.code == "AFG" and e.target.sector is None


def test_violence_by_aircraft_is_aerial(code):
    asserted, _ = code("Soviet warplanes killed 46 Afghan civilians.")
    assert any(e.cameo == "195" and e.source.country == "RUS" and e.target.country == "AFG"
               for e in asserted)


def test_violence_whose_doer_is_unsaid_is_still_coded(code):
    asserted, _ = code("A roadside bombing near Samarra killed one U.S. soldier.")
    assert any(e.source.code == "IRQUAF" and e.cameo_root == "18"
               and e.target.country == "USA" for e in asserted)
    # a war that is only named is no new event
    asserted, _ = code("The war in Syria continued.")
    assert asserted == []


def test_a_share_of_a_thing_is_the_thing(code):
    asserted, _ = code("The rebels said they will hand over 40 percent of their arms to the "
                       "United Nations.")
    assert any(e.cameo_root == "03" and e.target and e.target.country == "IGO"
               for e in asserted)


def test_a_reduced_relative_after_the_verb_is_its_object(code):
    asserted, _ = code("Bangladesh says it will not accept any refugees fleeing the violence.")
    assert any(e.source.country == "BGD" and e.cameo_root == "12" for e in asserted)


def test_a_double_object_parsed_as_a_small_clause(code):
    asserted, _ = code("Myanmar has said it would allow UN agencies access to Rakhine state.")
    assert ("MMR", "03", "IGO") in triples(asserted)


def test_committed_with_its_subject_on_the_auxiliary(code):
    asserted, _ = code("The Ethiopian Prime Minister said his government is committed to "
                       "opening up the economy to international investors.")
    (e,) = [e for e in asserted if e.cameo_root == "03"]
    assert e.source.country == "ETH"
    # foreign parties are not the only country's own
    assert e.target is None or e.target.country is None


def test_joining_somebody_for_talks(code):
    asserted, _ = code("Rex Tillerson joined Iranian Foreign Minister Mohammad Javad Zarif for a "
                       "meeting.")
    assert ("USA", "04", "IRN") in triples(asserted)
    # the mood of the verb the event noun hangs on
    asserted, _ = code("The South Korean president will join Donald Trump for talks.")
    assert ("KOR", "03", "USA") in triples(asserted)


def test_irregular_past_forms_find_their_lemma(code):
    asserted, _ = code("Boko Haram jihadists overran a military base in northeast Nigeria.")
    assert any(e.cameo_root == "19" and e.source.country == "NGA" for e in asserted)


def test_the_doers_own_forces_are_not_the_target(code):
    asserted, _ = code("Russia has strengthened its forces in Crimea.")
    assert all(e.target is None or e.target.code != "RUSMIL" for e in asserted)
    assert any(e.source.country == "RUS" and e.target and e.target.country == "UKR"
               for e in asserted)
    asserted, _ = code("Pakistan is willing to withdraw its troops from the border area.")
    assert asserted and all(e.target is None or e.target.country != "PAK" for e in asserted)
    asserted, _ = code("China recalled its ambassador from Lithuania.")
    assert ("CHN", "16", "LTU") in triples(asserted)


def test_what_is_sent_is_not_a_target(code):
    asserted, _ = code("President Obama has offered to send troops to Uganda.")
    assert {(e.source.country, e.target.code) for e in asserted} == {("USA", "UGA")}


def test_unidentified_attackers_are_placed_where_the_violence_happened(code):
    # the weapon is no actor: the attacker is unidentified (UAF) in the country of the place
    asserted, _ = code("Three US servicemen were killed by an improvised explosive device "
                       "outside of the Iraqi city of Basra.")
    (e,) = asserted
    assert (e.source.code, e.target.country) == ("IRQUAF", "USA")
    assert e.source.text == "Iraqi city of Basra"  # the words that give its country
    # the victims, not the place, are the target; of the place's country when unsaid
    (e,) = code("Five civilians were killed in Mogadishu on Monday.")[0]
    assert (e.source.code, e.target.code) == ("SOMUAF", "SOMCVL")
    # no place, no country: the doer stays unknown
    (e,) = code("A roadside bombing killed one US soldier.")[0]
    assert e.source is None and e.target.country == "USA"


def test_a_title_with_a_coordinated_plural_is_one_actor(code):
    asserted, _ = code("Sergey Lavrov held talks with Minister of Foreign Affairs and "
                       "Expatriates of the Hashemite Kingdom of Jordan Ayman Al Safadi.")
    assert {(e.source.code, e.target.code) for e in asserted} == {
        ("RUSGOV", "JORGOV"), ("JORGOV", "RUSGOV")}


def test_members_of_a_group_are_the_group(code):
    asserted, _ = code("A member of the Iranian parliament criticized the United States.")
    assert ("IRN", "11", "USA") in triples(asserted)
    # an organization we do not know still acts, under its own name
    (e,) = code("Members of the Association of African Jurists investigated the welfare of "
                "2,000 Libyans.")[0]
    assert e.source.text == "Association of African Jurists" and e.source.code is None
    assert e.target.country == "LBY"


def test_calling_for_somebody_to_act(code):
    # "for X to do": X is asked; what X is to do is no event yet
    asserted, _ = code("The United Nations called for Israel to halt settlement construction.")
    assert {(e.source.code, e.cameo_root, e.target.country) for e in asserted} == {
        ("IGOUNO", "02", "ISR")}
    # ministers we cannot place are not made the addressed country's own
    (e,) = code("European ministers had called for Burma to institute reforms.")[0]
    assert e.target.country == "MMR" and (e.source is None or e.source.country != "MMR")


def test_killed_in_a_violent_act_names_its_doer(code):
    asserted, _ = code("Three Palestinians were killed in an Israeli air strike in Gaza.")
    assert ("ISR", "19", "PSE") in triples(asserted)
    # an act is no place: nobody is made an unidentified attacker of India
    asserted, _ = code("Pakistan's military said five civilians were killed in the Indian "
                       "shelling.")
    assert asserted and all(e.source.code == "IND" for e in asserted)


def test_naming_is_no_act(code):
    asserted, _ = code("Pakistan lodged a strong protest with India against what it called "
                       "unprovoked ceasefire violations.")
    assert {(e.source.code, e.cameo, e.target.code) for e in asserted} == {("PAK", "114", "IND")}


def test_a_titled_name_is_its_title_for_the_lexicon(code):
    asserted, _ = code("Seoul summoned Japanese Ambassador Yasuo Morita.")
    assert any(e.cameo_root == "16" and e.target.country == "JPN" for e in asserted)


def test_counted_people_are_the_people(code):
    (e,) = code("Iraqi security forces arrested dozens of anti-government protesters in "
                "Baghdad.")[0]
    assert (e.source.code, e.target.code) == ("IRQCOP", "IRQOPP")
    (e,) = code("Hundreds of Palestinians threw stones at police.")[0]
    assert e.source.country == "PSE" and e.source.text == "Hundreds of Palestinians"


def test_a_where_clause_with_its_own_named_subject_is_news(code):
    asserted, _ = code("The assembly met in New York, where Secretary-General Antonio Guterres "
                       "urged Russia to end the fighting.")
    assert ("IGO", "02", "RUS") in triples(asserted)


def test_a_demanded_clause_asks_its_subject(code):
    (e,) = code("Ukraine demanded that Russia withdraw its troops from Crimea.")[0]
    assert (e.source.code, e.cameo_root, e.target.code) == ("UKR", "10", "RUS")
    (e,) = code("The United States demanded that North Korea abandon its nuclear program.")[0]
    assert (e.cameo, e.target.code) == ("105", "PRK")


def test_a_hyphenated_compound_is_its_word(code):
    asserted, _ = code("Hamas rejected an Israeli proposal for a cease-fire.")
    assert "1246" in {e.cameo for e in asserted}


def test_an_infinitive_with_its_subject_is_a_complement(code):
    # spaCy reads "allowed the candidate to run" as a clause: the candidate is the object,
    # "to run" the complement (not asserted)
    asserted, hypothetical = code("The government allowed opposition parties to hold rallies.")
    assert [e.cameo_root for e in asserted] == ["08"]
    assert any(e.cameo_root == "14" for e in hypothetical)


def test_a_bare_infinitive_after_let_is_done_by_its_object(code):
    # "let [inspectors] resume": whom one lets act is whom the allowing is aimed at
    (e,) = code("Iraq agreed on Tuesday to let United Nations weapons inspectors resume their "
                "work.")[0]
    assert (e.source.country, e.cameo, e.target.code[:3]) == ("IRQ", "0355", "IGO")
    # also through a noun of readiness: what the readiness is to do names its target
    (e,) = code("Iraq voiced readiness to let United Nations inspectors resume their work.")[0]
    assert (e.cameo, e.target.code[:3]) == ("0355", "IGO")


def test_a_verdict_is_what_the_court_finds_someone_is(code):
    for sentence, target in (("The jury found the former minister guilty of corruption.", None),
                             ("A U.S. judge ruled on Wednesday that Iran was liable for the "
                              "bombing.", "IRN")):
        (e,) = code(sentence)[0]
        assert e.cameo == "116" and e.source.sector == "JUD", sentence
        assert e.target is not None and e.target.country == target
    # an acquittal is no verdict of guilt
    asserted, _ = code("The court found the minister not guilty.")
    assert not any(e.cameo == "116" for e in asserted)


def test_an_appeal_to_unite_against_someone_rallies_opposition_to_him(code):
    (e,) = code("Iran urged Muslim countries to unite against Israel.")[0]
    assert (e.source.country, e.cameo, e.target.country) == ("IRN", "113", "ISR")
    # the target is whom they are to rise against, not those urged
    asserted, _ = code("The exiled leader urged Kenyans to unite against President Moi.")
    assert [(e.cameo, e.target.text) for e in asserted] == [("113", "President Moi")]


def test_what_envoys_are_sent_to_do_is_the_senders_act(code):
    asserted, _ = code("Egypt sent a security delegation to Gaza to mediate between Israel and "
                       "Hamas.")
    assert {e.cameo for e in asserted} == {"045"}
    assert {e.target.country for e in asserted} >= {"ISR"}
    (e,) = code("The United States has sent top government officials to Qatar to investigate "
                "a recent report.")[0]
    assert (e.source.code, e.cameo_root, e.target.code) == ("USA", "09", "QAT")
    # troops sent to fight have not fought yet: the deployment is the event
    asserted, _ = code("Russia sent troops to Syria to fight the rebels.")
    assert [e.cameo_root for e in asserted] == ["15"]


def test_we_in_a_quote_is_the_speaker(code):
    (e,) = code('"We urge Japan to withdraw the measures," the South Korean foreign minister '
                'said.')[0]
    assert (e.source.code, e.cameo_root, e.target.code) == ("KORGOV", "02", "JPN")


def test_they_stands_for_each_coordinated_subject(code):
    asserted, _ = code("Britain and Canada announced they would ban Russian ships from their "
                       "ports.")
    assert {e.source.code for e in asserted} == {"GBR", "CAN"}


def test_a_meetings_place_is_no_party_to_it(code):
    (e,) = code("The United States had proposed a meeting in Stockholm next month.")[0]
    assert e.source.country == "USA" and (e.target is None or e.target.country != "SWE")
    # where one travels is whom one visits
    (e,) = code("Cavusoglu arrived in Moscow on Thursday.")[0]
    assert e.target.country == "RUS"


def test_a_place_coordinated_with_people_is_no_target(code):
    asserted, _ = code("Iraqi security forces arrested dozens of anti-government protesters in "
                       "Baghdad and the southern city of Basra on Monday.")
    assert {e.target.code for e in asserted} == {"IRQOPP"}
    # people located somewhere still are
    asserted, _ = code("Britain said the Sudanese government and the rebels in Darfur must "
                       "reach an agreement.")
    assert len({e.target.code for e in asserted}) == 2


def test_killed_when_somebody_struck(code):
    (e,) = code("At least 11 civilians were killed when Russian rockets hit apartment blocks "
                "in Kharkiv.")[0]
    assert (e.source.country, e.cameo_root) == ("RUS", "19")


def test_both_sides_are_the_parties_between_whom(pipeline):
    text = ("Egypt sent a security delegation to Gaza and Tel Aviv to mediate between Israel "
            "and Hamas, an Egyptian official said.\n\nEgyptian Foreign Minister Ahmed Fathy "
            "urged both sides to show restraint.")
    urged = [e for e in pipeline.code_text(text) if e.trigger == "urged"]
    assert {e.target.country for e in urged} == {"ISR", "PSE"}


def test_a_rejected_request_takes_the_code_of_what_was_asked(code):
    asserted, _ = code("The US rejected calls by Kofi Annan to adopt far-reaching United "
                       "Nations reforms.")
    assert ("USA", "123", "IGO") in {(e.source.code, e.cameo, e.target.country)
                                     for e in asserted}


def test_a_thing_placed_somewhere_is_no_reciprocal_party(code):
    asserted, _ = code("The United Nations General Assembly opened an emergency session on "
                       "the crisis in New York.")
    assert all(e.source.country != "USA" for e in asserted)


def test_coordination_the_parser_hid(code):
    # "Erdogan and Russian President Putin": the parser hangs Erdogan on Putin's name
    asserted, _ = code("Erdogan and Russian President Vladimir Putin agreed on a ceasefire.")
    assert {(e.source.country, e.target.country) for e in asserted} == {
        ("RUS", "TUR"), ("TUR", "RUS")}
    # a nationality covers the coordinated doers
    asserted, _ = code("Israeli police and soldiers raided the camp.")
    assert {e.source.code for e in asserted} == {"ISRCOP", "ISRMIL"}


def test_a_headline_subject_parsed_as_a_compound(code):
    (e,) = code("Turkey expels Dutch ambassador.")[0]
    assert (e.source.code, e.cameo_root, e.target.country) == ("TUR", "16", "NLD")


def test_a_body_meeting_alone_meets_nobody(code):
    asserted, _ = code("Israel's Cabinet met Sunday and decided to approve the plan.")
    assert all(e.cameo != "040" for e in asserted)
    assert ("ISR", "04", "USA") in triples(code("Israel's Cabinet met US envoys on Sunday.")[0])


def test_insisting_on_a_fact_is_a_statement(code):
    (e,) = code("The United States insisted unrest there reflected age-old ethnic tensions.")[0]
    assert e.cameo == "010"
    asserted, _ = code("Iran insisted that the United States must lift sanctions.")
    assert {e.cameo_root for e in asserted} == {"10"}
    # a subjunctive is a demand; a statement beside a coded act is residual, like "said"
    asserted, _ = code("Iran insisted that the United States lift sanctions.")
    assert {e.cameo_root for e in asserted} == {"10"}
    asserted, _ = code("China insists it is strictly enforcing all United Nations sanctions.")
    assert {e.cameo for e in asserted} == {"163"}


def test_a_verb_the_tagger_read_as_a_noun(code):
    # the small model tags "hand" a noun, the parser gives it a subject and an object
    asserted, _ = code("EU and UN hand over urgently needed medical supplies to the Nigerian "
                       "Government.")
    assert {(e.source.code, e.cameo_root, e.target.country) for e in asserted} >= {
        ("IGOUNO", "07", "NGA")}


def test_let_free_is_a_release_by_the_one_who_lets(code):
    asserted, _ = code("Ethiopia let free some 74 political leaders.")
    assert any(e.source.country == "ETH" and e.cameo == "0841" for e in asserted)


def test_a_time_clause_is_the_background_not_the_news(code):
    asserted, _ = code("Syria condemned Turkey after Turkish troops shelled a border village.")
    assert _has(triples(asserted), ("SYR", "11", "TUR"))
    assert not any(e.cameo_root == "19" for e in asserted)
    asserted, _ = code("Kenya expelled two Somali diplomats before holding talks with Ethiopia.")
    assert {e.cameo_root for e in asserted} == {"16"}  # 1663, not the talks
    # a clause of the same time is news of its own
    asserted, _ = code("Syria condemned Turkey as Turkish troops shelled a border village.")
    assert _has(triples(asserted), ("TUR", "19", ANY))


def test_where_a_meeting_is_held_is_no_party_to_it(code):
    asserted, _ = code("Obama held talks with President Uhuru Kenyatta at State House on Feb. 21.")
    assert {(e.source.country, e.target and e.target.country) for e in asserted} == {
        ("USA", "KEN"), ("KEN", "USA")}
    asserted, _ = code("The Moscow talks between Iran and Turkey ended.")
    assert {(e.source.country, e.target.country) for e in asserted} == {
        ("IRN", "TUR"), ("TUR", "IRN")}


def test_a_hyphenated_pair_of_parties_meets_both_ways(code):
    for sentence, pair in (("Fresh Eritrean-Yemeni negotiations opened in Paris.", ("ERI", "YEM")),
                           ("The U.S.-Japan trade talks resumed on Friday.", ("USA", "JPN"))):
        asserted, _ = code(sentence)
        a, b = pair
        assert {(e.source.country, e.target.country) for e in asserted} == {(a, b), (b, a)}
    # one party named before the noun is no pair
    asserted, _ = code("Israeli peace talks resumed in Washington on Tuesday.")
    assert all(e.target is None or e.target.country != "ISR" for e in asserted)


def test_who_takes_part_in_an_event_does_it(code):
    for sentence, root in (("Thousands of Iraqis took part in the protests.", "14"),
                           ("Palestinian prisoners have been participating in a hunger strike.",
                            "14"),
                            ("Kenyan doctors joined in the strike.", "14")):
        asserted, _ = code(sentence)
        assert any(e.source and e.source.country and e.cameo_root == root
                   for e in asserted), sentence


def test_objects_the_parser_hung_elsewhere(code):
    # "curfew hours" as a noun of measure; "search-and-rescue" as a coordination
    (e,) = code("Saudi Arabia eased curfew hours in several cities.")[0]
    assert (e.source.country, e.cameo) == ("SAU", "0813")
    (e,) = code("The United States deployed seven search-and-rescue teams to Haiti.")[0]
    assert (e.cameo, e.target.country) == ("073", "HTI")


def test_a_call_for_sanctions_threatens_whom_they_would_hit(code):
    asserted, _ = code("Greece called for sanctions against Turkey.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted} == {
        ("GRC", "1312", "TUR")}
    asserted, _ = code("Iran called for the lifting of sanctions.")
    assert {e.cameo for e in asserted} == {"0254"}


def test_a_claimed_act_is_a_claim_or_an_accusation(code):
    asserted, flagged = code("The Taliban claimed they killed 20 Afghan soldiers.")
    assert {(e.source.country, e.cameo) for e in asserted} == {("AFG", "015")}
    asserted, flagged = code("Russia claimed that Ukraine shelled the Zaporizhzhia plant.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted} == {
        ("RUS", "112", "UKR")}
    # the shelling is only claimed
    assert [e.cameo_root for e in flagged if not e.asserted] == ["19"]


def test_an_act_toward_a_known_party_is_not_repeated_toward_an_unnamed_one(code):
    asserted, _ = code("The Taliban attacked an Afghan army base and killed 26 soldiers.")
    assert [(e.cameo_root, e.target.country) for e in asserted] == [("19", "AFG")]


def test_what_a_violent_act_hits_and_is_claimed_for(code):
    (e,) = code("Syrian air strikes hit the rebel-held enclave of Eastern Ghouta.")[0]
    assert (e.source.country, e.cameo, e.target.text) == (
        "SYR", "195", "rebel-held enclave of Eastern Ghouta")
    (e,) = code("Al-Shabaab claimed responsibility for the attack on the Kenyan base.")[0]
    assert (e.cameo, e.target.country) == ("015", "KEN")


def test_whom_one_expels_is_the_target_and_where_from_the_expeller(code):
    (e,) = code("Three foreign journalists were expelled from Russia.")[0]
    assert (e.source.code, e.cameo[:3], e.target.text) == (
        "RUSGOV", "174", "Three foreign journalists")
    (e,) = code("Iraq expelled all UNSCOM weapons inspectors.")[0]
    assert (e.cameo, e.target.text) == ("1662", "all UNSCOM weapons inspectors")


def test_an_apposed_name_is_in_the_actors_words(code):
    (e,) = code("The then president, Goodluck Jonathan, rejected the proposals.")[0]
    assert e.source.text == "then president, Goodluck Jonathan"


def test_an_operation_is_an_attack_only_when_launched_as_one(code):
    asserted, _ = code("The Nigerian military lifted a ban on UNICEF operations.")
    assert "19" not in {e.cameo_root for e in asserted}
    assert {e.cameo for e in code("Israel launched a rescue operation in Gaza.")[0]} == {"073"}
    assert {e.cameo_root for e in code("Turkey launched a military operation in Syria.")[0]} \
        == {"19"}


def test_handing_over_people_wanted_for_trial_is_judicial(code):
    (e,) = code("Sudan refused to hand over the suspects to the International Criminal Court.")[0]
    assert e.cameo == "1213"
    (e,) = code("Kenya urged Uganda to hand over the criminals to face trial.")[0]
    assert (e.cameo, e.target.country) == ("0213", "UGA")


def test_a_rejected_call_takes_the_code_of_the_act_called_for(code):
    asserted, _ = code("Hungary rejected calls by the European Commission, the EU's executive, "
                       "to adopt political reforms.")
    assert {e.cameo for e in asserted} == {"123"}


def test_an_arrest_for_a_crime_also_accuses_of_it(code):
    asserted, _ = code("Iran detained a French tourist for spying.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted} == {
        ("IRN", "173", "FRA"), ("IRN", "1125", "FRA")}
    asserted, _ = code("Police arrested 20 protesters for 48 hours.")
    assert {e.cameo for e in asserted} == {"173"}


def test_who_acts_can_say_what_the_act_is(code):
    # lexicon entries with a `subject`: peacekeepers do not visit, farmers do not besiege
    (e,) = code("Some 160 Chinese peacekeepers arrived in South Sudan.")[0]
    assert (e.source.country, e.cameo, e.target.country) == ("CHN", "074", "SSD")
    (e,) = code("The Chinese foreign minister arrived in Pakistan on Monday.")[0]
    assert e.cameo == "042"
    (e,) = code("Thousands of farmers blockaded the roads to Delhi.")[0]
    assert e.cameo == "144"
    asserted, _ = code("French farmers said they would blockade Paris.")
    assert {e.cameo for e in asserted} == {"133"}


def test_what_is_not_renewed_ends(code):
    (e,) = code("The European Union failed to renew sanctions against Zimbabwe.")[0]
    assert (e.cameo, e.target.country, e.negated) == ("085", "ZWE", False)
    (e,) = code("The Security Council did not extend the mandate of the peacekeeping mission "
                "in Mali.")[0]
    assert e.cameo == "1661"
    (e,) = code("The EU renewed sanctions against Zimbabwe.")[0]
    assert e.cameo == "163"


def test_hopes_are_about_the_clause_subject_and_accord_is_one_way(code):
    (e,) = code("UN diplomats said they hoped that Gambari would be in Myanmar next week.")[0]
    assert (e.cameo, e.target.text) == ("013", "Gambari")
    (e,) = code("Tokyo shares Washington's concern about the missile tests.")[0]
    assert (e.source.country, e.cameo, e.target.country) == ("JPN", "019", "USA")


def test_an_announced_speech_act_is_made_and_cannot_is_a_refusal(code):
    (e,) = code("Trump said he would call on the UN Security Council to restore sanctions "
                "on Iran.")[0]
    assert (e.cameo_root, e.target.code[:3]) == ("02", "IGO")
    asserted, _ = code("Bangladesh said it cannot accept any more refugees from Myanmar.")
    assert {(e.source.country, e.cameo_root) for e in asserted} == {("BGD", "12")}


def test_protesters_protest_where_they_are(code):
    (e,) = code("Protesters rallied in Tehran against the United States.")[0]
    assert (e.source.country, e.cameo_root, e.target.country) == ("IRN", "14", "USA")
    (e,) = code("Thousands of people blocked streets in Hong Kong in defiance of Chinese "
                "authorities.")[0]
    assert (e.source.country, e.target.country) == ("HKG", "CHN")


def test_an_unknown_organisation_in_a_one_country_sentence_is_its(code):
    (e,) = code("The Nation Party condemned the Kenyan police.")[0]
    assert (e.source.country, e.source.text) == ("KEN", "Nation Party")
    (e,) = code("John Smith criticized the Iranian government.")[0]
    assert e.source.country is None  # a person's unknown name is nobody's


def test_a_passives_subject_is_its_target_wherever_it_happened(code):
    asserted, _ = code("The journalist Moussa Tchangari was arrested on Monday in Niger.")
    (e,) = asserted
    assert (e.source.country, e.cameo, e.target.sector, e.target.text) == (
        "NER", "173", "MED", "journalist Moussa Tchangari")


def test_an_unknown_name_behind_what_is_denied_is_the_target(code):
    (e,) = code("Peretz denied charges from Liberman that he had made a deal with Likud.")[0]
    assert (e.cameo, e.target.text) == ("016", "Liberman")


def test_rebels_facing_the_only_state_named_are_its_own(code):
    (e,) = code("The rebel group insisted on its demands that Burundi's government grant "
                "the Hutu majority more rights.")[0]
    assert (e.source.code, e.cameo_root, e.target.country) == ("BDIREB", "10", "BDI")


def test_a_coordinated_threat_takes_the_first_conjuncts_target(code):
    asserted, _ = code("The U.S. announced a suspension of aid to Guatemala and threatened to "
                       "withdraw certain trade preferences.")
    assert ("USA", "13", "GTM") in triples(asserted)


def test_what_an_act_is_done_for_is_not_yet_done(code):
    asserted, _ = code("The United States military gave 625 new firearms to the "
                       "Philippine Marines to help in the operations against the rebels.")
    assert {e.cameo for e in asserted} == {"072"}
    asserted, flagged = code("U.S. troops arrived in Nepal to deliver aid to remote areas.")
    assert {e.cameo_root for e in asserted} == {"04"}
    assert any("purpose of another act" in e.flags for e in flagged)
    # with no act of its own, the head only says how the purpose was carried out
    asserted, _ = code("Twelve U.S. Army soldiers deployed to Nigeria to train 200 Nigerian "
                       "soldiers.")
    assert ("USA", "06", "NGA") in triples(asserted)


def test_failing_to_agree_is_a_rejection_both_ways(code):
    asserted, _ = code("Netherlands and Russia failed to reach agreement on the tax treaty.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted} == {
        ("NLD", "120", "RUS"), ("RUS", "120", "NLD")}


def test_former_states_are_coded_as_their_continuators(code):
    (e,) = code("Japan halted economic aid to Yugoslavia.")[0]
    assert e.target.country == "SRB"
    (e,) = code("East German troops attacked the border post.")[0]
    assert e.source.country == "DEU"


def test_met_demands_are_the_act_demanded_and_refused_asylum_humanitarian(code):
    (e,) = code("The U.S. said it would not meet hostage-takers' demands to release "
                "prisoners in Iraq.")[0]
    assert e.cameo == "1243"
    (e,) = code("Syria says it will not accept any more refugees.")[0]
    assert e.cameo == "1223"


def test_an_attempt_is_coded_even_when_foiled_but_a_foiled_attack_is_not(code):
    (e,) = code("An attempt to assassinate the governor was thwarted in Moscow.")[0]
    assert (e.source.code, e.cameo) == ("RUSUAF", "185")
    (e,) = code("Police foiled a plot to assassinate the Pakistani prime minister.")[0]
    assert (e.source, e.cameo, e.target.country) == (None, "185", "PAK")
    (e,) = code("Rebels made an attempt to assassinate the Congolese president.")[0]
    assert (e.source.sector, e.cameo) == ("REB", "185")
    asserted, flagged = code("Police foiled an attack on the US embassy in Nairobi.")
    assert not asserted and [e.cameo_root for e in flagged] == ["19"]


def test_one_yields_to_whom_one_talked_with(code):
    (e,) = code("The Kenyan teachers' union called off the strike after deliberations with "
                "the government.")[0]
    assert (e.cameo, e.target.code) == ("082", "KENGOV")


def test_a_protest_for_what_was_taken_is_against_who_took_it(code):
    (e,) = code("Farmers marched to demand the return of land seized by Kenyan police.")[0]
    assert (e.cameo_root, e.target.code) == ("14", "KENCOP")


def test_people_force_is_used_on_are_of_the_place_not_the_place(code):
    (e,) = code("Iranian intelligence police tortured an inmate to death in western Iran.")[0]
    assert (e.cameo_root, e.target.code, e.target.text) == ("18", "IRNCVL", "inmate")
    (e,) = code("Islamic State militants held 20,000 civilians as human shields in Raqqa.")[0]
    assert e.target.code == "SYRCVL"


def test_a_named_body_headed_by_a_common_noun_is_an_organisation(code):
    (e,) = code("The Homeland front criticized the Kenyan police.")[0]
    assert (e.source.country, e.source.text) == ("KEN", "Homeland front")


def test_a_list_read_as_an_apposition_is_still_a_list(code):
    asserted, _ = code("The United States, India, Israel, Pakistan and other governments have "
                       "sent emergency supplies to Nepal.")
    assert {e.source.country for e in asserted} >= {"USA", "IND", "ISR", "PAK"}


def test_a_reported_must_of_a_passive_is_a_demand(code):
    (e,) = code("EU says military intervention in Venezuela must be avoided.")[0]
    assert (e.cameo, e.target.country) == ("100", "VEN")


def test_a_strike_is_against_what_it_shuts_down(code):
    (e,) = code("Seven opposition parties in Nepal have organized a general strike that shut "
                "down Kathmandu.")[0]
    assert (e.cameo_root, e.target.code) == ("14", "NPLGOV")


def test_a_bomb_that_exploded_at_an_embassy_hit_it_and_is_placed_by_the_city(code):
    (e,) = code("A car bomb exploded outside the U.S. embassy in Beirut, killing 63 people.")[0]
    assert (e.source.code, e.cameo_root, e.target.code) == ("LBNUAF", "18", "USAGOV")
    (e,) = code("Five civilians were killed in Mogadishu.")[0]
    assert (e.source.code, e.target.code) == ("SOMUAF", "SOMCVL")


def test_territory_is_captured_from_its_holder(code):
    (e,) = code("Ethiopian troops captured the town of Badme from Eritrean forces.")[0]
    assert (e.cameo, e.target.code) == ("192", "ERIMIL")


def test_what_a_meeting_is_about_is_no_event(code):
    asserted, _ = code("Saudi Arabia hosted a conference on the Afghan conflict.")
    assert {e.cameo_root for e in asserted} == {"04"}


def test_protesters_outside_an_embassy_are_of_its_city_and_fire_is_opened_on_placed_people(code):
    (e,) = code("Protesters burned American flags outside the U.S. embassy in Islamabad.")[0]
    assert (e.source.code, e.target.country) == ("PAKOPP", "USA")
    (e,) = code("Police fired on protesters in Nairobi.")[0]
    assert (e.cameo_root, e.target.code) == ("17", "KENOPP")
    (e,) = code("France pledged 50 million francs in aid to Rwanda.")[0]
    assert e.cameo == "0331"


def test_a_decision_the_sentence_is_about_is_its_makers_act(code):
    asserted, _ = code("Peru's decision to expel the Ecuadorean ambassador drew protests.")
    assert ("PER", "16", "ECU") in triples(asserted)
    asserted, _ = code("Netanyahu praised Trump's decision to recognize Jerusalem as Israel's "
                       "capital.")
    assert {e.cameo_root for e in asserted} == {"05"}


def test_whom_a_party_is_accused_of_serving_is_no_target(code):
    (e,) = code("The Taliban have executed three men accused of spying for the United "
                "States.")[0]
    assert e.target.country is None and e.target.text == "three men"


def test_a_state_that_protests_complains_its_people_demonstrate(code):
    (e,) = code("China protested the U.S. decision to sell arms to Taiwan.")[0]
    assert (e.source.country, e.cameo, e.target.country) == ("CHN", "114", "USA")
    (e,) = code("Iranians protested against the United States.")[0]
    assert e.cameo_root == "14"


def test_a_headlines_comma_list_of_names_before_a_plural_verb_is_coordination(code):
    asserted, _ = code("Pakistan, India agree to resume peace talks")
    assert {("PAK", "03", "IND"), ("IND", "03", "PAK")} <= triples(asserted)
    asserted, _ = code("Saudi Arabia, Iran restore ties")
    assert {("SAU", "05", "IRN"), ("IRN", "05", "SAU")} <= triples(asserted)


def test_numbers_alone_count_people(code):
    (e,) = code("Police arrested dozens in Nairobi.")[0]
    assert (e.target.code, e.target.text) == ("KENCVL", "dozens")
    (e,) = code("Iraqi militia groups said they will return their weapons to the army.")[0]
    assert e.source.sector == "UAF"


def test_what_is_fired_is_no_target(code):
    (e,) = code("The two armies exchanged fire across the border.")[0]
    assert e.cameo_root == "19" and e.target is None
    (e,) = code("Rebels attacked the convoy.")[0]
    assert e.target.text == "convoy"


def test_protest_with_a_participle_demand_is_aimed_at_whom_it_asks(code):
    asserted, _ = code("Tens of thousands of Serbian opposition supporters marched through "
                       "Belgrade on Thursday demanding the resignation of President Slobodan "
                       "Milosevic.")
    protests = [e for e in asserted if e.cameo_root == "14"]
    assert [e.cameo for e in protests] == ["1411"]  # the demand is the protest's subcode
    assert not any(e.cameo_root == "10" for e in asserted)  # and not a second event


def test_aid_that_arrives_is_given_to_where_it_arrives(code):
    asserted, _ = code("Aid from the European Union reached Moldova on Monday.")
    assert triples(asserted) == {("IGO", "07", "MDA")}  # a capitalised "Aid" tagged VB
    asserted, _ = code("Japanese food aid arrived in North Korea on Tuesday.")
    assert triples(asserted) == {("JPN", "07", "PRK")}  # nobody travelled (042)
    asserted, _ = code("Iran rejected demands from the United States.")
    assert triples(asserted) == {("IRN", "12", "USA")}


def test_a_possessor_before_coordinated_sectors_covers_both(code):
    asserted, _ = code("Israel's army and police raided the camp.")
    assert {e.source.code for e in asserted} == {"ISRMIL", "ISRCOP"}
    # the parser reads "government and" as a modifier of "rebels"
    asserted, _ = code("The United States demanded that Sudan's government and southern "
                       "rebels resume peace talks in Kenya.")
    assert {e.target.code for e in asserted} == {"SDNGOV", "SDNREB"}


@pytest.mark.parametrize("sentence,want", [
    ("Sri Lanka's main opposition party demanded that the government accept Norwegian "
     "mediation.", "LKAGOV"),  # a country's dissenters face its own state
    ("Indian authorities threatened to reimpose a curfew if separatist leaders went ahead "
     "with a planned march.", "INDREB"),  # its curfews fall on its own dissenters
])
def test_parties_facing_each_other_at_home(code, sentence, want):
    (e,) = code(sentence)[0]
    assert e.target.code == want


def test_a_foreign_state_facing_rebels_does_not_make_them_its_own(code):
    (e,) = code("U.S. officials condemned the rebels.")[0]
    assert e.target.country is None


def test_makers_and_sponsors_named_in_compounds_are_no_parties(code):
    (e,) = code("U.S.-led forces attacked the town.")[0]  # split like "Saudi-led"
    assert e.source.code == "USAMIL"
    (e,) = code("Turkey will strike the Russian-made missiles.")[0]
    assert e.target.country is None  # where they were made, not whose they are
    (e,) = code("Denktash walked out of U.N.-sponsored talks with Greek Cypriot President "
                "Glafcos Clerides.")[0]
    assert e.target.country == "CYP"


def test_attacking_a_place_held_by_a_force_attacks_the_force(code):
    (e,) = code("Russian artillery and rocket launchers pounded Chechen rebel positions in "
                "Grozny.")[0]  # its own rebels; one doer for the coordinated weapons
    assert (e.source.code, e.target.code) == ("RUSMIL", "RUSREB")
    (e,) = code("Bosnian Serb artillery pounded the Muslim enclave of Gorazde.")[0]
    assert e.target.country == "BIH"  # a 1990s place the actor files know


def test_an_order_of_an_act_is_the_act_ordered(code):
    (e,) = code("Sudan ordered the closure of the British Council in Khartoum.")[0]
    assert (e.source.country, e.cameo, e.target.country) == ("SDN", "166", "GBR")
    # but whom one threatens is no act: "threatened [protesters] with a state of emergency"
    asserted, _ = code("The prime minister threatened anti-government protesters with a state "
                       "of emergency in Bangkok.")
    assert {e.cameo_root for e in asserted} == {"13"}


def test_a_headlines_comma_list_of_noun_phrases_is_coordination(code):
    asserted, _ = code("Israeli troops, Hizbollah guerrillas clash in south Lebanon")
    assert {("ISR", "19", "LBN"), ("LBN", "19", "ISR")} <= triples(asserted)


def test_investigating_an_atrocity_is_aimed_at_who_committed_it(code):
    asserted, _ = code("U.N. war crimes prosecutor Louise Arbour said her investigators were "
                       "gathering evidence of atrocities committed by Serb forces in Kosovo.")
    # (a progressive clause after "said" is reported, not a reduced relative)
    (e,) = [e for e in asserted if e.cameo_root == "09"]
    assert (e.cameo, e.source.country, e.target.text) == ("094", "IGO", "Serb forces")


def test_what_protesters_do_while_they_protest_is_the_one_protest(code):
    asserted, _ = code("Tens of thousands of Taiwanese rallied in Taipei to protest against "
                       "Beijing's missile tests, waving flags and chanting slogans.")
    assert [e.cameo_root for e in asserted].count("14") == 1
    asserted, _ = code("Students hurled rocks at riot police in Jakarta as they demanded that "
                       "President Suharto step down.")
    assert {e.cameo_root for e in asserted} == {"14"}  # their demand is the protest's


def test_an_object_with_no_negates_the_act(code):
    _, flagged = code("The government made no concessions to the rebels.")
    assert [e.negated for e in flagged] == [True]
    asserted, _ = code("Tanzania will accept no more refugees from Burundi.")
    assert {e.cameo for e in asserted} == {"1223"}  # an announced refusal
    asserted, _ = code("The UN imposed a no-fly zone over Libya.")  # ("no-" is no negation)
    assert triples(asserted) == {("IGO", "19", "LBY")}


def test_a_participle_after_an_act_only_says_more_of_it(code):
    asserted, _ = code("Togo's President Gnassingbe Eyadema shrugged off opposition demands for "
                       "his resignation, vowing to serve out his term.")
    assert {e.cameo_root for e in asserted} == {"12"}


def test_who_comes_under_attack_is_attacked(code):
    (e,) = code("A U.N. peacekeeping patrol came under attack from gunmen in south "
                "Mogadishu.")[0]
    assert (e.source.country, e.cameo_root, e.target.country) == ("SOM", "19", "IGO")


def test_protesters_ending_their_own_protest_and_striking_in_a_strike(code):
    (e,) = code("Bulgaria's opposition Union of Democratic Forces suspended its street protests "
                "against the Socialist government.")[0]
    assert e.cameo == "082"  # not a ban on protests (1721)
    (e,) = code("Palestinian merchants shuttered their shops in a commercial strike against "
                "Israel's decision.")[0]
    assert (e.source.country, e.cameo_root, e.target.country) == ("PSE", "14", "ISR")


def test_a_reaction_drawn_from_a_party_is_its_act_on_who_drew_it(code):
    asserted, _ = code("China's missile tests drew sharp criticism from Japan.")
    assert ("JPN", "11", "CHN") in triples(asserted)
    asserted, _ = code("Israel confiscated land in East Jerusalem, drawing an angry protest from "
                       "the PLO.")
    assert ("PSE", "11", "ISR") in triples(asserted)
    asserted, _ = code("The Croatian government faced sharp criticism from Serbia.")
    assert triples(asserted) == {("SRB", "11", "HRV")}
    # facing protests from nobody named is nobody's act
    asserted, _ = code("Croatian authorities, facing the biggest street protests since "
                       "independence, renewed the licence of Radio 101.")
    assert "11" not in {e.cameo_root for e in asserted}


def test_money_handed_over_in_any_currency_is_aid(code):
    (e,) = code("The European Union handed over 10 million ecus to the Palestinian "
                "Authority.")[0]
    assert (e.cameo, e.target.country) == ("071", "PSE")


def test_names_apposed_to_a_plural_are_not_more_parties(code):
    asserted, _ = code("The foreign ministers of Iran and Iraq, Ali Akbar Velayati and Mohammed "
                       "Saeed al-Sahaf, met in Casablanca on Tuesday.")
    assert triples(asserted) == {("IRN", "04", "IRQ"), ("IRQ", "04", "IRN")}


def test_a_threat_a_warning_says_is_made_to_whom_it_warns(code):
    asserted, _ = code("China warned Taiwan that its armed forces stood ready to take military "
                       "action.")
    assert [(e.cameo, e.target.country) for e in asserted] == [("1384", "TWN")]


def test_a_warning_of_what_the_speakers_own_side_will_do_is_to_whom_it_is_aimed(code):
    asserted, _ = code("China will never renounce the use of force to reunify Taiwan with the "
                       "mainland, Premier Li Peng warned on Monday.")
    assert triples(asserted) == {("CHN", "13", "TWN")}
    # the clause's subject is still whom a warning is made to when it is not the speaker's
    asserted, _ = code("The United States warned that Iran would face consequences.")
    assert triples(asserted) == {("USA", "13", "IRN")}


def test_an_official_of_no_named_country_speaks_for_the_state_whose_act_he_announces(code):
    asserted, _ = code("Norway will suspend its role as peace broker in Sri Lanka, Deputy "
                       "Foreign Minister Vidar Helgesen warned on Thursday.")
    assert {(e.source.code, e.cameo_root) for e in asserted} == {("NORGOV", "13")}
    # ... not for a state that bears what comes: the speaker threatens it
    asserted, _ = code("Iran will pay a heavy price, Deputy Foreign Minister Vidar Helgesen "
                       "warned.")
    assert [e.source.country for e in asserted] == [None]


def test_a_judgement_said_of_an_act_criticizes_its_doer(code):
    asserted, _ = code("Washington said Tehran's missile test was a provocation.")
    assert ("USA", "11", "IRN") in triples(asserted)
    asserted, _ = code("The strikes were a violation of international law.")
    assert not any(e.cameo_root == "11" for e in asserted)  # said by nobody


def test_a_passive_conjunct_is_done_to_the_first_verbs_doer(code):
    asserted, _ = code("Pope John Paul II arrived in Havana on Wednesday and was greeted at "
                       "the airport by President Fidel Castro.")
    assert ("CUB", "04", "VAT") in triples(asserted)


def test_each_of_two_warning_parties_makes_its_own_threat(code):
    asserted, _ = code("The European Union and Britain warned Malawi's government that they "
                       "would suspend budget support unless it reversed its crackdown.")
    assert {(e.source.country, e.cameo, e.target.country) for e in asserted} == {
        ("IGO", "1311", "MWI"), ("GBR", "1311", "MWI")}


@pytest.mark.parametrize("sentence, want", [
    ("Israel began withdrawing its forces from Lebanon on Tuesday.", ("ISR", "08", "LBN")),
    ("Syria completed the withdrawal of its troops from Lebanon.", ("SYR", "08", "LBN")),
    ("Medecins Sans Frontieres pulled all its staff out of Somalia.", ("NGO", "16", "SOM")),
    # a passive expulsion's subject is still whom it expels
    ("Two U.N. inspectors were expelled from North Korea.", ("PRK", "16", "IGO")),
])
def test_withdrawal_is_from_whom_one_pulls_out(code, sentence, want):
    asserted, _ = code(sentence)
    assert want in triples(asserted)


@pytest.mark.parametrize("sentence, want", [
    ("Albanian President Sali Berisha rejected opposition demands for his resignation.",
     ("ALBGOV", "ALBOPP")),
    ("Malaysia banned opposition rallies ahead of the election.", ("MYS", "MYSOPP")),
])
def test_the_group_named_before_a_demand_or_rally_is_whom_it_is_done_to(code, sentence,
                                                                          want):
    asserted, _ = code(sentence)
    assert {(e.source.code, e.target.code) for e in asserted} == {want}


def test_the_group_named_before_an_attack_is_not_its_target(code):
    asserted, _ = code("The army launched artillery strikes on rebel positions.")
    assert all(e.target is None or e.target.sector != "MIL" for e in asserted)


def test_an_intent_to_share_is_toward_whom_it_is_shared_with(code):
    asserted, _ = code("Pakistan has offered to share intelligence with Washington on militant "
                       "training camps in Afghanistan.")
    assert triples(asserted) == {("PAK", "03", "USA")}


def test_an_intent_to_hold_talks_is_toward_whom_the_talks_are_with(code):
    asserted, _ = code("The Sri Lankan government agreed to hold talks with Tamil Tiger "
                       "rebels in Oslo.")
    assert {(e.source.code, e.target.code) for e in asserted} == {("LKAGOV", "LKAREB"),
                                                                   ("LKAREB", "LKAGOV")}


@pytest.mark.parametrize("sentence, want", [
    ("Protesters rallied in front of the U.S. embassy in Seoul.", ("KOR", "USAGOV")),
    ("Students rallied in front of the U.S. embassy in Manila.", ("PHL", "USAGOV")),
    ("A demonstration by hundreds of Chinese students outside the Japanese embassy in "
     "Beijing passed off peacefully.", ("CHN", "JPNGOV")),
])
def test_a_protest_outside_an_embassy_is_against_its_state(code, sentence, want):
    asserted, _ = code(sentence)
    assert {(e.source.country, e.target.code) for e in asserted} == {want}


def test_coordinated_parties_breaking_off_talks_break_off_their_talks(code):
    asserted, _ = code("Sudan's government and southern rebels broke off peace talks in Kenya.")
    assert {(e.source.code, e.target.code) for e in asserted} == {("SDNGOV", "SDNREB"),
                                                                   ("SDNREB", "SDNGOV")}


def test_two_named_people_of_one_government_are_two_parties(code):
    (e,) = code("Turkish Prime Minister Mesut Yilmaz accused his predecessor Tansu Ciller of "
                "siphoning off millions of dollars.")[0]
    # the apposed name says who is accused, not the possessive ("his" = Yilmaz)
    assert (e.source.code, e.target.code) == ("TURGOV", "TURGOV")
    assert "Ciller" in e.target.text

