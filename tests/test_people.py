"""People with dated offices: data sanity and the name/date lookup."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from dyads.actors.people import (
    COLUMNS,
    check_rows,
    default_surname,
    load_people,
    normalize,
    parse_date,
)


@pytest.fixture(scope="module")
def people():
    return load_people()


def data_rows() -> list[dict[str, str]]:
    text = resources.files("dyads").joinpath("data/actors/people.tsv").read_text("utf-8")
    rows, header = [], None
    for i, ln in enumerate(text.splitlines(), 1):
        if not ln.strip() or ln.startswith("#"):
            continue
        cells = ln.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells, strict=True)) | {"line": str(i)})
    assert header == COLUMNS
    return rows


def one(people, name, on):
    found = people.lookup(name, on)
    assert len({o.person_id for o in found}) == 1, (name, on, found)
    return found


def offices(people, name, on):
    return {(o.country, o.office) for o in people.lookup(name, on)}


# ---------------------------------------------------------------- data sanity -------------
def test_data_passes_sanity_checks():
    rows = data_rows()
    assert len(rows) > 3000
    assert check_rows(rows) == []


def test_every_source_is_known():
    allowed = {"CountryInfo.120116", "Phoenix.Countries", "dyads"}
    for r in data_rows():
        assert set(r["source"].split("+")) <= allowed, r


def test_checks_catch_bad_rows():
    base = {"person_id": "x.a", "name": "A", "aliases": "", "surname": "A", "sector": "GOV",
            "office": "head_of_state", "source": "dyads", "line": "1"}
    bad = [base | {"country": "XXX", "start": "2001-01-01", "end": ""},
           base | {"country": "FRA", "start": "2010-05-01", "end": "2009-01-01"},
           base | {"country": "FRA", "start": "2010-13-01", "end": ""},
           base | {"country": "ESP", "start": "2001-01-01", "end": "", "aliases": "-"}]
    overlap = [base | {"country": "DEU", "start": "2000-01-01", "end": "2005-01-01"},
               base | {"name": "B", "country": "DEU", "start": "2004-01-01", "end": ""}]
    handover = [base | {"country": "ITA", "start": "2000-01-01", "end": "2005-01-01"},
                base | {"name": "B", "country": "ITA", "start": "2005-01-01", "end": ""}]
    assert len(check_rows(bad)) == 4
    assert len(check_rows(overlap)) == 1
    assert check_rows(handover) == []


def test_coverage_of_newsworthy_countries_to_2025():
    rows = data_rows()
    on = date(2025, 3, 1)
    led = {r["country"] for r in rows if r["office"] in ("head_of_state", "head_of_government")
           and parse_date(r["start"]) <= on <= parse_date(r["end"] or "2026-12-01", end=True)}
    for c in ("USA RUS CHN GBR FRA DEU JPN KOR PRK IND PAK IRN IRQ ISR PSE SYR SAU TUR EGY UKR "
              "BLR AFG BRA MEX VEN CUB CAN AUS ITA ESP POL NGA ZAF ETH KEN SDN LBY YEM LBN JOR "
              "QAT ARE IDN PHL VNM THA MMR BGD LKA TWN ARG COL CHL HUN SRB GRC CIV COD SOM "
              "MLI").split():
        assert c in led, c
    assert len({r["country"] for r in rows}) > 180


def test_partial_dates_cover_the_period():
    assert parse_date("2006-05", end=True) == date(2006, 5, 31)
    assert parse_date("2008-02", end=True) == date(2008, 2, 29)
    assert parse_date("1999") == date(1999, 1, 1)
    assert parse_date("1999", end=True) == date(1999, 12, 31)


def test_surname_rule():
    assert default_surname("Kim Jong Un", "PRK") == "Kim"
    assert default_surname("Xi Jinping", "CHN") == "Xi"
    assert default_surname("Recep Tayyip Erdogan", "TUR") == "Erdogan"
    assert default_surname("Bashar al-Assad", "SYR") == "Assad"
    assert default_surname("Mohammed bin Salman", "SAU") == ""
    assert default_surname("Abdullah II", "JOR") == "Abdullah"
    assert default_surname("Frederik Willem de Klerk", "ZAF") == "de Klerk"
    assert normalize("Kim Jong-un") == normalize("KIM JONG UN") == "kim jong un"


# ---------------------------------------------------------------- lookup ------------------
def test_bush_by_date(people):
    (o,) = one(people, "Bush", date(2003, 5, 1))
    assert (o.name, o.country, o.office, o.code) == ("George W. Bush", "USA", "head_of_state",
                                                     "USAGOV")
    (o,) = one(people, "Bush", date(1991, 1, 1))
    assert o.name == "George H. W. Bush"
    assert one(people, "George Bush", date(1991, 1, 1))[0].name == "George H. W. Bush"
    assert one(people, "George Bush", date(2005, 1, 1))[0].name == "George W. Bush"
    assert people.lookup("Bush", date(2012, 1, 1)) == []  # neither in office
    assert people.lookup("Bush") == []  # two Bushes, no date: ambiguous surname
    assert len(people.lookup("George W. Bush")) == 1  # full name, no date: all his offices


def test_putin_offices(people):
    assert offices(people, "Putin", date(2009, 6, 1)) == {("RUS", "head_of_government")}
    assert offices(people, "Vladimir Putin", date(2005, 6, 1)) == {("RUS", "head_of_state")}
    assert offices(people, "Putin", date(2020, 6, 1)) == {("RUS", "head_of_state")}
    assert {o.office for o in people.lookup("Putin")} == {"head_of_state", "head_of_government"}
    assert offices(people, "Medvedev", date(2015, 1, 1)) == {("RUS", "head_of_government")}
    assert offices(people, "Lavrov", date(2022, 3, 1)) == {("RUS", "foreign_minister")}


def test_korea(people):
    found = one(people, "Kim Jong Un", date(2019, 11, 10))
    assert {(o.country, o.office, o.code) for o in found} == {
        ("PRK", "head_of_state", "PRKGOV"), ("PRK", "party_leader", "PRKGOV")}
    o = found[0]
    assert one(people, "Kim Jong-un", date(2019, 11, 10))[0].person_id == o.person_id
    assert one(people, "KIM JONG UN", date(2019, 11, 10))[0].person_id == o.person_id
    assert people.lookup("Kim Jong Un", date(2005, 1, 1)) == []
    assert ("PRK", "head_of_state") in offices(people, "Kim Jong Il", date(2005, 1, 1))
    assert offices(people, "Moon", date(2018, 4, 27)) == {("KOR", "head_of_state")}
    assert offices(people, "Park Geun-hye", date(2014, 1, 1)) == {("KOR", "head_of_state")}
    assert people.lookup("Kim", date(2019, 11, 10)) == []  # many Kims in office


def test_asia(people):
    assert offices(people, "Abe", date(2019, 1, 1)) == {("JPN", "head_of_government")}
    assert offices(people, "Abe", date(2007, 1, 1)) == {("JPN", "head_of_government")}
    assert people.lookup("Abe", date(2010, 1, 1)) == []
    assert offices(people, "Xi", date(2020, 1, 1)) == {("CHN", "head_of_state"),
                                                      ("CHN", "party_leader")}
    assert offices(people, "Xi Jinping", date(2012, 12, 1)) == {("CHN", "party_leader")}
    assert offices(people, "Li Keqiang", date(2015, 1, 1)) == {("CHN", "head_of_government")}
    assert offices(people, "Modi", date(2020, 1, 1)) == {("IND", "head_of_government")}
    assert offices(people, "Imran Khan", date(2020, 1, 1)) == {("PAK", "head_of_government")}
    assert offices(people, "Duterte", date(2018, 1, 1)) == {("PHL", "head_of_state")}
    assert offices(people, "Jokowi", date(2018, 1, 1)) == {("IDN", "head_of_state")}
    assert offices(people, "Tsai Ing-wen", date(2020, 1, 1)) == {("TWN", "head_of_state")}
    assert offices(people, "Aung San Suu Kyi", date(2018, 1, 1)) == {
        ("MMR", "head_of_government")}
    assert offices(people, "Yingluck", date(2012, 1, 1)) == {("THA", "head_of_government")}
    assert offices(people, "Sheikh Hasina", date(2015, 1, 1)) == {("BGD", "head_of_government")}


def test_middle_east(people):
    assert offices(people, "Erdogan", date(2010, 1, 1)) == {("TUR", "head_of_government")}
    assert offices(people, "Recep Tayyip Erdoğan", date(2020, 1, 1)) == {("TUR", "head_of_state")}
    assert offices(people, "Assad", date(2015, 1, 1)) == {("SYR", "head_of_state")}
    assert offices(people, "Assad", date(1995, 1, 1)) == {("SYR", "head_of_state")}  # Hafez
    assert people.lookup("Bashar al-Assad", date(2025, 6, 1)) == []
    assert offices(people, "Mohammed bin Salman", date(2023, 1, 1)) == {
        ("SAU", "head_of_government")}
    assert people.lookup("Salman", date(2023, 1, 1))[0].name == "Salman bin Abdulaziz"
    assert offices(people, "Netanyahu", date(1997, 1, 1)) == {("ISR", "head_of_government")}
    assert offices(people, "Netanyahu", date(2019, 1, 1)) == {("ISR", "head_of_government")}
    assert people.lookup("Netanyahu", date(2022, 1, 1)) == []  # Bennett's government
    assert offices(people, "Mahmoud Abbas", date(2012, 1, 1)) == {("PSE", "head_of_state")}
    assert offices(people, "Khamenei", date(2020, 1, 1)) == {("IRN", "head_of_state")}
    assert offices(people, "Rouhani", date(2020, 1, 1)) == {("IRN", "head_of_government")}
    assert offices(people, "Sisi", date(2020, 1, 1)) == {("EGY", "head_of_state")}
    assert offices(people, "Mubarak", date(2000, 1, 1)) == {("EGY", "head_of_state")}
    assert offices(people, "Saddam", date(2000, 1, 1)) == {("IRQ", "head_of_state"),
                                                         ("IRQ", "head_of_government")}
    assert offices(people, "Tamim", date(2020, 1, 1)) == {("QAT", "head_of_state")}


def test_europe_and_americas(people):
    assert offices(people, "Merkel", date(2015, 1, 1)) == {("DEU", "head_of_government")}
    assert people.lookup("Merkel", date(2023, 1, 1)) == []
    assert offices(people, "Macron", date(2020, 1, 1)) == {("FRA", "head_of_state")}
    assert offices(people, "Theresa May", date(2018, 1, 1)) == {("GBR", "head_of_government")}
    assert offices(people, "May", date(2012, 1, 1)) == {("GBR", "interior_minister")}
    assert offices(people, "Boris Johnson", date(2017, 1, 1)) == {("GBR", "foreign_minister")}
    assert offices(people, "Zelensky", date(2022, 3, 1)) == {("UKR", "head_of_state")}
    assert offices(people, "Zelenskyy", date(2022, 3, 1)) == {("UKR", "head_of_state")}
    assert offices(people, "Lukashenko", date(2000, 1, 1)) == {("BLR", "head_of_state")}
    assert offices(people, "Orban", date(2020, 1, 1)) == {("HUN", "head_of_government")}
    assert offices(people, "Meloni", date(2023, 1, 1)) == {("ITA", "head_of_government")}
    assert offices(people, "Lula", date(2005, 1, 1)) == {("BRA", "head_of_state")}
    assert offices(people, "Lula", date(2024, 1, 1)) == {("BRA", "head_of_state")}
    assert people.lookup("Lula", date(2015, 1, 1)) == []  # Rousseff's term
    assert offices(people, "Lopez Obrador", date(2020, 1, 1)) == {("MEX", "head_of_state")}
    assert offices(people, "Maduro", date(2020, 1, 1)) == {("VEN", "head_of_state")}
    assert offices(people, "Trudeau", date(2020, 1, 1)) == {("CAN", "head_of_government")}
    assert people.lookup("Castro", date(2009, 1, 1)) == []  # Fidel and Raul both in office
    assert offices(people, "Raul Castro", date(2009, 1, 1)) == {("CUB", "head_of_state"),
                                                              ("CUB", "head_of_government")}
    assert offices(people, "Hillary Clinton", date(2010, 1, 1)) == {("USA", "foreign_minister")}
    assert offices(people, "Rumsfeld", date(2003, 3, 20)) == {("USA", "defense_minister")}
    assert offices(people, "Pompeo", date(2019, 6, 1)) == {("USA", "foreign_minister")}


def test_africa(people):
    assert offices(people, "Zuma", date(2012, 1, 1)) == {("ZAF", "head_of_state")}
    assert offices(people, "Abiy", date(2020, 1, 1)) == {("ETH", "head_of_government")}
    assert offices(people, "Buhari", date(2020, 1, 1)) == {("NGA", "head_of_state")}
    assert offices(people, "Kenyatta", date(2015, 1, 1)) == {("KEN", "head_of_state")}
    assert offices(people, "Bashir", date(2010, 1, 1)) == {("SDN", "head_of_state")}
    assert offices(people, "Ouattara", date(2015, 1, 1)) == {("CIV", "head_of_state")}
    assert offices(people, "Kabila", date(2010, 1, 1)) == {("COD", "head_of_state")}
    assert offices(people, "Farmaajo", date(2019, 1, 1)) == {("SOM", "head_of_state")}
    assert offices(people, "Assimi Goita", date(2023, 1, 1)) == {("MLI", "head_of_state")}


def test_international_organisations(people):
    (o,) = one(people, "Ban Ki-moon", date(2010, 1, 1))
    assert (o.country, o.office, o.code) == ("IGO", "un_secretary_general", "IGOUNO")
    assert people.lookup("Guterres", date(2016, 6, 1)) == []
    assert one(people, "Stoltenberg", date(2020, 1, 1))[0].code == "IGOWSTNAT"
    assert offices(people, "Donald Tusk", date(2010, 1, 1)) == {("POL", "head_of_government")}
    assert offices(people, "Donald Tusk", date(2017, 1, 1)) == {("IGO", "eu_council_president")}
    assert offices(people, "Ursula von der Leyen", date(2015, 1, 1)) == {
        ("DEU", "defense_minister")}
    assert offices(people, "von der Leyen", date(2021, 1, 1)) == {
        ("IGO", "eu_commission_president")}


def test_dates_outside_terms_give_nothing(people):
    assert people.lookup("Obama", date(2008, 12, 31)) == []
    assert people.lookup("Obama", date(2009, 1, 20)) != []
    assert people.lookup("Obama", date(2017, 1, 21)) == []
    assert people.lookup("Nobody Atall", date(2010, 1, 1)) == []


def test_name_forms_for_matcher(people):
    forms = people.name_forms()
    for f in ("Kim Jong Un", "Kim Jong-un", "Xi Jinping", "Erdogan", "Recep Tayyip Erdoğan",
              "Recep Tayyip Erdogan", "Lula", "Luiz Inacio Lula da Silva", "MBS"):
        assert f in forms, f
    assert "" not in forms
    assert len(forms) == len(set(forms))


def test_user_file_adds_and_overrides(people, tmp_path: Path):
    user = tmp_path / "my_people.tsv"
    user.write_text("name\taliases\tcountry\toffice\tstart\tend\n"
                    "Jane Roe\tJ. Roe\tNZL\tforeign_minister\t2030-01-01\t2031-06\n", "utf-8")
    idx = load_people([user])
    (o,) = idx.lookup("Roe", date(2031, 6, 30))
    assert (o.country, o.sector, o.office, o.where) == ("NZL", "GOV", "foreign_minister",
                                                        "my_people.tsv:2")
    assert idx.lookup("J. Roe", date(2031, 7, 1)) == []
    assert idx.lookup("Bush", date(2003, 5, 1))[0].name == "George W. Bush"


def test_heads_after_the_reference(people):
    """Issue 3: successors of the last CountryInfo leaders (2011-2026), region by region."""
    assert offices(people, "Tebboune", date(2020, 6, 1)) == {("DZA", "head_of_state")}
    assert offices(people, "Bouteflika", date(2015, 1, 1)) == {("DZA", "head_of_state")}
    assert people.lookup("Bouteflika", date(2020, 1, 1)) == []  # resigned 2019-04-02
    assert offices(people, "Buhari", date(2016, 1, 1)) == {("NGA", "head_of_state")}
    assert offices(people, "Joko Widodo", date(2016, 1, 1)) == {("IDN", "head_of_state")}
    assert offices(people, "Paul Biya", date(2024, 1, 1)) == {("CMR", "head_of_state")}
    assert offices(people, "Ghazouani", date(2022, 1, 1)) == {("MRT", "head_of_state")}
    assert people.lookup("Ghazouani", date(2022, 1, 1))[0].code == "MRTGOV"
    assert offices(people, "Ernest Bai Koroma", date(2010, 1, 1)) == {("SLE", "head_of_state")}
    assert offices(people, "Bukele", date(2021, 1, 1)) == {("SLV", "head_of_state")}
    assert offices(people, "Noboa", date(2024, 6, 1)) == {("ECU", "head_of_state")}
    assert offices(people, "Tokayev", date(2022, 1, 1)) == {("KAZ", "head_of_state")}
    assert offices(people, "Hun Sen", date(2015, 1, 1)) == {("KHM", "head_of_government")}
    assert offices(people, "Hun Manet", date(2024, 1, 1)) == {("KHM", "head_of_government")}
    assert offices(people, "Lawrence Wong", date(2025, 1, 1)) == {("SGP", "head_of_government")}
    assert offices(people, "Pashinyan", date(2020, 1, 1)) == {("ARM", "head_of_government")}
    assert offices(people, "Rutte", date(2015, 1, 1)) == {("NLD", "head_of_government")}
    assert offices(people, "Sanna Marin", date(2021, 1, 1)) == {("FIN", "head_of_government")}
    assert offices(people, "Jacinda Ardern", date(2020, 1, 1)) == {("NZL", "head_of_government")}
    assert offices(people, "Haitham bin Tariq", date(2021, 1, 1)) == {
        ("OMN", "head_of_state"), ("OMN", "head_of_government")}
    assert people.lookup("Qaboos", date(2021, 1, 1)) == []  # died 2020-01-10


def test_ministers_after_the_reference(people):
    assert offices(people, "Retno Marsudi", date(2020, 1, 1)) == {("IDN", "foreign_minister")}
    assert offices(people, "Padrino", date(2020, 1, 1)) == {("VEN", "defense_minister")}
    assert offices(people, "Naledi Pandor", date(2021, 1, 1)) == {("ZAF", "foreign_minister")}
    assert offices(people, "Bassil", date(2016, 1, 1)) == {("LBN", "foreign_minister")}
    assert offices(people, "Sirajuddin Haqqani", date(2023, 1, 1)) == {
        ("AFG", "interior_minister")}
    assert offices(people, "To Lam", date(2020, 1, 1)) == {("VNM", "interior_minister")}
    assert offices(people, "Goodale", date(2017, 1, 1)) == {("CAN", "interior_minister")}
    assert offices(people, "Sergio Moro", date(2019, 6, 1)) == {("BRA", "interior_minister")}


def test_coverage_of_every_country_to_2025():
    rows = data_rows()
    for on in (date(2020, 1, 1), date(2025, 6, 1)):
        led = {r["country"] for r in rows
               if r["office"] in ("head_of_state", "head_of_government")
               and parse_date(r["start"]) <= on <= parse_date(r["end"] or "2026-12-01", end=True)}
        assert len(led - {"IGO"}) >= 190, on
