"""People in sentences: dated offices, undated names, and names bound inside an article."""

from __future__ import annotations

from datetime import date


def _sources(pipeline, text, on=None):
    return [e.source for e in pipeline.code_text(text, date=on) if e.asserted and e.source]


def test_office_holder_on_the_article_date(pipeline):
    (src, *_) = _sources(pipeline, "Putin criticized NATO on Monday.", date(2019, 3, 4))
    assert (src.code, src.country) == ("RUSGOV", "RUS")
    assert "head_of_state" in src.how


def test_same_surname_different_dates(pipeline):
    early = _sources(pipeline, "Bush condemned Iraq.", date(1991, 1, 10))[0]
    late = _sources(pipeline, "Bush condemned Iraq.", date(2003, 3, 10))[0]
    assert early.country == late.country == "USA"
    assert "1989" in early.how and "2001" in late.how


def test_outside_any_office_the_title_decides(pipeline):
    # Mubarak left office in 2011: in 2015 his name alone gives no country
    events = pipeline.code_text("Hosni Mubarak criticized Israel.", date=date(2015, 5, 1))
    srcs = [e.source for e in events if e.source]
    assert not any(s.country == "EGY" for s in srcs)


def test_undated_name_takes_the_country_of_all_its_offices(pipeline):
    (src, *_) = _sources(pipeline, "President Bush threatened Russia.")
    assert src.country == "USA"
    assert "undated" in src.how


def test_former_leader_is_an_elite(pipeline):
    (src, *_) = _sources(pipeline,
                         "Former prime minister Andreas Papandreou criticized Turkey.")
    assert (src.country, src.sector) == ("GRC", "ELI")


def test_un_secretary_general_is_the_un(pipeline):
    (src, *_) = _sources(pipeline, "Kofi Annan condemned the attack on Lebanon.",
                         date(2002, 6, 1))
    assert src.code == "IGOUNO"


def test_name_introduced_with_a_title_binds_for_the_article(pipeline):
    text = ("Zambian Foreign Minister Joe Banda arrived in Harare on Monday.\n\n"
            "Banda criticized Zimbabwe over the border closure.")
    events = [e for e in pipeline.code_text(text) if e.asserted]
    later = [e for e in events if e.trigger == "criticized"]
    assert later and later[0].source.country == "ZMB"
    assert "introduced earlier" in later[0].source.how


def test_sentence_with_only_a_person_is_parsed(pipeline):
    sents, candidate = pipeline.sentences(
        __import__("dyads").Article(doc_id="x", text="Erdogan met Putin in Sochi."))
    assert candidate == [True]


def test_dated_group_row_follows_the_article_date(pipeline):
    def source(on):
        return _sources(pipeline, "The Taliban attacked Pakistani troops.", on)[0].code

    assert source(date(2019, 5, 1)) == "AFGREB"
    assert source(date(2023, 5, 1)) == "AFGGOV"
    assert source(None) == "AFGREB"  # no date: the undated row


def test_a_surname_inside_a_longer_unknown_name_is_not_that_person(pipeline):
    events = pipeline.code_text("Sheikh Muhammad Bin Khalifa Al Thani condemned the attack "
                                "on Yemen.")
    assert not any(e.source and e.source.country == "BHR" for e in events)
