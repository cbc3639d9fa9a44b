"""Exports (GDELT events and mentions, ICEWS, PLOVER, Phoenix, CSV, Parquet) read back with
pandas, and the GDELT import, on a real DuckDB store with known events."""

from __future__ import annotations

import csv
import json
import zipfile

import pandas as pd
import pytest
from analysis_data import build_reported_store, build_store
from click.testing import CliRunner

import dyads
from dyads.aggregate import AnalysisError
from dyads.cli import main
from dyads.exchange import gdelt, icews, names, native, phoenix
from dyads.exchange.gdelt import GdeltFileError


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("exp") / "events.duckdb")


def export(db, fmt, path, **filters):
    with dyads.open(db) as data:
        return data.export(fmt, path, **filters)


def read_tsv(path, columns=None):
    return pd.read_csv(path, sep="\t", header=None if columns else 0, names=columns,
                       quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)


def test_gdelt_events(db, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(db, "gdelt", out) == 7
    raw = out.read_text().splitlines()
    assert all(line.count("\t") == 60 for line in raw)  # 61 columns, no header
    df = read_tsv(out, list(gdelt.EVENT_COLUMNS))
    typed = pd.read_csv(out, sep="\t", header=None, names=list(gdelt.EVENT_COLUMNS),
                        quoting=csv.QUOTE_NONE, dtype={"EventCode": str, "EventRootCode": str,
                                                       "EventBaseCode": str})
    first = df.iloc[0]  # a1 headline: PRK -> USA 125 on 2019-11-10
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20191110", "201911", "2019")
    assert first["FractionDate"] == str(round(2019 + (11 * 30 + 10) / 365, 4))
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "PRK", "NORTH KOREA", "PRK")
    assert (first["Actor2Code"], first["EventCode"], first["EventBaseCode"],
            first["EventRootCode"]) == ("USA", "125", "125", "12")
    assert (first["QuadClass"], first["GoldsteinScale"], first["IsRootEvent"]) == ("3", "-5.0",
                                                                                   "1")
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == ("1", "1", "1")
    assert first["SOURCEURL"] == "https://a.example/1"
    assert len(first["DATEADDED"]) == 14 and first["AvgTone"] == ""
    geo = [c for c in gdelt.EVENT_COLUMNS if "Geo_" in c]
    assert len(geo) == 24 and (df[geo] == "").all().all()  # places not geocoded: empty
    gov = df[df["EventCode"] == "036"].iloc[0]
    assert (gov["Actor1Code"], gov["Actor1CountryCode"], gov["Actor1Type1Code"]) == (
        "USAGOV", "USA", "GOV")
    un = df[df["Actor1Code"] == "IGOUNO"].iloc[0]
    assert (un["Actor1CountryCode"], un["Actor1KnownGroupCode"]) == ("", "UNO")
    unknown_pub = df[df["EventCode"] == "138"].iloc[0]
    assert (unknown_pub["NumSources"], unknown_pub["SOURCEURL"]) == ("0", "")
    assert df[df["EventCode"] == "138"]["IsRootEvent"].tolist() == ["1"]  # first body sentence
    assert typed["GlobalEventID"].dtype == "int64" and typed["GlobalEventID"].is_unique
    assert typed["QuadClass"].between(1, 4).all()
    assert typed["Day"].isna().sum() == 1  # the undated event keeps an empty date
    assert typed["GoldsteinScale"].dtype == "float64"


def test_gdelt_mentions(db, tmp_path):
    out = tmp_path / "mentions.tsv"
    assert export(db, "gdelt-mentions", out, since="2019-11-01", until="2019-11-30") == 3
    df = read_tsv(out, list(gdelt.MENTION_COLUMNS))
    assert len(gdelt.MENTION_COLUMNS) == 16 and len(df.columns) == 16
    export(db, "gdelt", tmp_path / "ev.tsv", since="2019-11-01", until="2019-11-30")
    ev = read_tsv(tmp_path / "ev.tsv", list(gdelt.EVENT_COLUMNS))
    assert df["GlobalEventID"].tolist() == ev["GlobalEventID"].tolist()  # same ids
    first = df.iloc[0]
    assert (first["MentionType"], first["MentionSourceName"], first["MentionIdentifier"],
            first["SentenceID"]) == ("1", "Wire A", "https://a.example/1", "1")
    assert first["EventTimeDate"] == ev.iloc[0]["DATEADDED"]
    assert first["MentionDocLen"] == str(len("Body."))
    assert first["Confidence"] == "" and first["MentionDocTone"] == ""


def test_icews(db, tmp_path):
    out = tmp_path / "icews.tab"
    assert export(db, "icews", out) == 7
    df = read_tsv(out)
    assert tuple(df.columns) == icews.COLUMNS and len(df.columns) == 20
    gov = df[df["CAMEO Code"] == "036"].iloc[0]
    assert (gov["Source Name"], gov["Source Sectors"], gov["Source Country"]) == (
        "Government (United States)", "Government", "United States")
    assert (gov["Event Date"], gov["Intensity"], gov["Event Text"]) == (
        "2019-11-10", "4.0", "Express intent to meet or negotiate")
    assert (gov["Story ID"], gov["Sentence Number"], gov["Publisher"]) == ("a1", "2", "Wire A")
    un = df[df["Source Name"] == "United Nations"].iloc[0]
    assert (un["Source Country"], un["Target Country"]) == (
        "", "Democratic People's Republic of Korea")
    place = ["City", "District", "Province", "Country", "Latitude", "Longitude"]
    assert (df[place] == "").all().all()
    typed = pd.read_csv(out, sep="\t", quoting=csv.QUOTE_NONE)
    assert typed["Intensity"].dtype == "float64"


def test_plover(db, tmp_path):
    out = tmp_path / "plover.jsonl"
    assert export(db, "plover", out, actor="PRK", since="2019-01-01") == 5
    records = [json.loads(line) for line in out.read_text().splitlines()]
    df = pd.read_json(out, lines=True)
    for field in ("id", "date", "actor", "recipient", "event", "mode", "context",
                  "event_text", "quad_code", "event_loc", "text_info", "cite_info"):
        assert field in df.columns
    first = records[0]
    assert first["id"] == "a1:0:0" and first["date"] == "2019-11-10"
    assert first["actor"] == [{"code": "PRK", "sector": None, "actor_text": "North Korea",
                               "identifier_id": "kb:PRK", "cameo_code": "PRK"}]
    assert first["recipient"][0]["code"] == "USA"
    assert (first["event"], first["mode"], first["context"], first["quad_code"]) == (
        ["REJECT"], ["meet"], ["diplomatic"], 3)
    assert first["event_loc"] is None and first["text_info"]["sequence"] == 0
    assert first["cite_info"]["publication"] == "Wire A"
    assert first["cite_info"]["url"] == "https://a.example/1"
    by_cameo = {r["cameo"]: r for r in records}
    assert by_cameo["036"]["actor"][0]["sector"] == "GOV"
    assert (by_cameo["163"]["event"], by_cameo["163"]["quad_code"]) == (["COERCE"], 4)
    assert by_cameo["112"]["actor"][0]["code"] == "IGO"


def test_phoenix(db, tmp_path):
    out = tmp_path / "phoenix.tsv"
    assert export(db, "phoenix", out, source="PRK") == 2
    assert all(line.count("\t") == 25 for line in out.read_text().splitlines())
    df = read_tsv(out, list(phoenix.COLUMNS))
    mil = df[df["EventCode"] == "138"].iloc[0]
    assert (mil["Date"], mil["Year"], mil["Month"], mil["Day"]) == ("20191202", "2019", "12",
                                                                     "2")
    assert (mil["SourceActorFull"], mil["SourceActorEntity"], mil["SourceActorRole"]) == (
        "PRKMIL", "PRK", "MIL")
    assert (mil["EventRootCode"], mil["PentaClass"], mil["GoldsteinScore"]) == ("13", "3",
                                                                                "-7.0")
    assert (mil["SentenceID"], mil["URLs"], mil["NewsSources"], mil["Lat"]) == ("a3_2", "",
                                                                               "", "")


def test_csv_and_parquet(db, tmp_path):
    assert export(db, "csv", tmp_path / "e.csv", include_flagged=True) == 9
    df = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str, "cameo_root": str})
    assert tuple(df.columns) == native.COLUMNS
    assert df["negated"].sum() == 1 and df["hypothetical"].sum() == 1
    assert df.loc[df["cameo"] == "163", "goldstein"].tolist() == [-8.0, -8.0]
    assert export(db, "parquet", tmp_path / "e.parquet", cameo="16") == 2
    pq = pd.read_parquet(tmp_path / "e.parquet")
    assert tuple(pq.columns) == native.COLUMNS
    assert str(pq["negated"].dtype) == "bool" and str(pq["goldstein"].dtype) == "float64"
    assert pq["source_code"].tolist() == ["USA", "JPN"]
    assert pq["publisher"].tolist() == ["Wire B", "Wire A"]


def test_export_errors(db, tmp_path):
    with pytest.raises(AnalysisError, match="unknown export format 'xml'"):
        export(db, "xml", tmp_path / "x")
    with pytest.raises(AnalysisError, match="no such directory"):
        export(db, "csv", tmp_path / "nowhere" / "x.csv")
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "yaml", "--out",
                                    str(tmp_path / "x")])
    assert res.exit_code == 2 and "yaml" in res.output
    res = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "no.duckdb"), "--format",
                                    "csv", "--out", str(tmp_path / "x.csv")])
    assert res.exit_code == 1 and "no such event store" in res.output


def test_cli_export(db, tmp_path):
    out = tmp_path / "g.tsv"
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "gdelt", "--out",
                                    str(out), "--actor", "USA", "--actor-sector", "GOV"])
    assert res.exit_code == 0, res.output
    assert "wrote 1 gdelt records" in res.output
    assert read_tsv(out, list(gdelt.EVENT_COLUMNS))["EventCode"].tolist() == ["036"]


def test_fips_table():
    fips = names.iso3_to_fips()
    assert (fips["USA"], fips["DEU"], fips["PRK"], fips["KOR"], fips["GBR"]) == (
        "US", "GM", "KN", "KS", "UK")
    assert len(set(fips.values())) == len(fips) and names.fips_to_iso3()["IZ"] == "IRQ"


def test_import_gdelt_roundtrip(db, tmp_path):
    exported = tmp_path / "ours.export.CSV"
    export(db, "gdelt", exported, since="2019-01-01")
    lines = exported.read_text().splitlines()
    cells = lines[0].split("\t")
    cells[gdelt.EVENT_COLUMNS.index("ActionGeo_CountryCode")] = "KN"
    lines[0] = "\t".join(cells)
    exported.write_text("\n".join(lines) + "\n")
    zipped = tmp_path / "20191110.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(exported, "20191110.export.CSV")
    store = tmp_path / "compare.duckdb"
    build_store(store)
    run = CliRunner().invoke
    res = run(main, ["import-gdelt", str(exported), str(zipped), "--db", str(store)])
    assert res.exit_code == 0, res.output
    assert "imported 12 GDELT events from 2 files" in res.output
    res = run(main, ["import-gdelt", str(zipped), "--db", str(store)])  # again: replaces
    assert res.exit_code == 0
    with dyads.open(store) as data:
        g = data.gdelt_events()
        assert len(g) == 12
        row = g[g["file"] == exported.name].sort_values("date").iloc[0]
        assert row["EventCode"] == "125" and row["QuadClass"] == 3
        assert row["action_country"] == "PRK" and str(row["date"].date()) == "2019-11-10"
        ours = data.events(since="2019-01-01")
        assert len(ours) == 6


def test_import_gdelt_bad_files(tmp_path):
    bad = tmp_path / "bad.CSV"
    bad.write_text("1\t2\t3\n")
    store = tmp_path / "s.duckdb"
    res = CliRunner().invoke(main, ["import-gdelt", str(bad), "--db", str(store)])
    assert res.exit_code == 1
    assert "not a GDELT 2.0 event file (expected 61 tab-separated columns, found 3)" in \
        res.output
    res = CliRunner().invoke(main, ["import-gdelt", str(tmp_path / "nope.CSV"), "--db",
                                    str(store)])
    assert res.exit_code == 1 and "no such file" in res.output
    notzip = tmp_path / "x.zip"
    notzip.write_text("hello")
    with pytest.raises(GdeltFileError, match="not a zip file"):
        import duckdb

        gdelt.import_files(duckdb.connect(), [notzip])


# -- a store coded by the real pipeline: event dates, places, de-duplication ---------------


@pytest.fixture(scope="module")
def reported(pipeline, tmp_path_factory):
    return build_reported_store(pipeline, tmp_path_factory.mktemp("rep") / "reports.duckdb")


def _gdelt(db, path, **filters):
    export(db, "gdelt", path, **filters)
    return read_tsv(path, list(gdelt.EVENT_COLUMNS))


def test_gdelt_one_row_per_merged_event_with_dates_and_places(reported, tmp_path):
    df = _gdelt(reported, tmp_path / "events.tsv")
    assert len(df) == 5 and df["GlobalEventID"].is_unique
    prk = df[df["Actor1Code"] == "PRK"]
    assert len(prk) == 1  # three reports, one event
    e = prk.iloc[0]
    assert (e["Day"], e["MonthYear"], e["Year"]) == ("20191110", "201911", "2019")  # Sunday
    assert e["FractionDate"] == str(round(2019 + (11 * 30 + 10) / 365, 4))
    assert (e["NumMentions"], e["NumSources"], e["NumArticles"]) == ("3", "3", "3")
    assert e["SOURCEURL"] == "https://a.example/wa-1"  # the first report
    assert (e["ActionGeo_Type"], e["ActionGeo_FullName"], e["ActionGeo_CountryCode"],
            e["ActionGeo_ADM1Code"], e["ActionGeo_FeatureID"]) == (
        "4", "Stockholm, Sweden", "SW", "SW26", "2673730")
    assert float(e["ActionGeo_Lat"]) == pytest.approx(59.33, abs=0.01)
    assert float(e["ActionGeo_Long"]) == pytest.approx(18.07, abs=0.01)
    assert (e["Actor1Geo_Type"], e["Actor1Geo_FullName"], e["Actor1Geo_CountryCode"],
            e["Actor1Geo_ADM1Code"], e["Actor1Geo_Lat"], e["Actor1Geo_FeatureID"]) == (
        "1", "North Korea", "KN", "KN", "", "1873107")
    assert (e["Actor2Geo_CountryCode"], e["Actor2Geo_FeatureID"]) == ("US", "6252001")
    by_code = df.set_index("EventCode")
    houston = by_code.loc["043"]  # "on Friday" in an article of Wednesday 13 Nov
    assert (houston["Day"], houston["ActionGeo_Type"], houston["ActionGeo_FullName"],
            houston["ActionGeo_ADM1Code"]) == ("20191108", "3", "Houston, Texas, United States",
                                               "USTX")
    texas = by_code.loc["190"]  # no time phrase: the publication date; a US state
    assert (texas["Day"], texas["ActionGeo_Type"], texas["ActionGeo_FullName"],
            texas["ActionGeo_ADM1Code"], texas["ActionGeo_Lat"]) == (
        "20191112", "2", "Texas, United States", "USTX", "")
    syria = by_code.loc["195"]  # a country: no coordinates in the offline gazetteer
    assert (syria["ActionGeo_Type"], syria["ActionGeo_FullName"], syria["ActionGeo_CountryCode"],
            syria["ActionGeo_Lat"]) == ("1", "Syria", "SY", "")
    assert by_code.loc["163"]["ActionGeo_FullName"] == "Baghdad, Iraq"
    assert by_code.loc["163"]["ActionGeo_CountryCode"] == "IZ"  # FIPS, not ISO
    typed = pd.read_csv(tmp_path / "events.tsv", sep="\t", header=None,
                        names=list(gdelt.EVENT_COLUMNS), quoting=csv.QUOTE_NONE)
    assert typed["ActionGeo_Lat"].dtype == "float64" and typed["NumMentions"].sum() == 7
    raw = _gdelt(reported, tmp_path / "raw.tsv", count="mentions")
    assert len(raw) == 7
    assert raw[raw["Actor1Code"] == "PRK"]["NumMentions"].tolist() == ["1", "1", "1"]
    assert set(raw[raw["Actor1Code"] == "PRK"]["Day"]) == {"20191110"}
    published = _gdelt(reported, tmp_path / "pub.tsv", date_of="publication")
    assert published[published["Actor1Code"] == "PRK"]["Day"].tolist() == ["20191111"]


def test_gdelt_mentions_from_the_mentions_table(reported, tmp_path):
    out = tmp_path / "mentions.tsv"
    assert export(reported, "gdelt-mentions", out, actor="PRK") == 3
    m = read_tsv(out, list(gdelt.MENTION_COLUMNS))
    ev = _gdelt(reported, tmp_path / "events.tsv", actor="PRK")
    assert set(m["GlobalEventID"]) == set(ev["GlobalEventID"])  # one event, three mentions
    assert m["MentionSourceName"].tolist() == ["Wire A", "Wire B", "Wire C"]
    assert m["MentionIdentifier"].tolist() == ["https://a.example/wa-1",
                                              "https://b.example/wb-1", "wc-1"]
    assert m["MentionType"].tolist() == ["1", "1", ""]
    assert m["SentenceID"].tolist() == ["2", "1", "1"]  # wa-1 has a headline, sentence 1
    assert (m["EventTimeDate"] == ev.iloc[0]["DATEADDED"]).all()
    assert export(reported, "gdelt-mentions", tmp_path / "all.tsv") == 7
    assert export(reported, "gdelt-mentions", tmp_path / "raw.tsv", actor="PRK",
                  count="mentions") == 3
    raw = read_tsv(tmp_path / "raw.tsv", list(gdelt.MENTION_COLUMNS))
    assert raw["GlobalEventID"].is_unique  # each stored event is its own event


def test_icews_plover_phoenix_places_and_event_dates(reported, tmp_path):
    export(reported, "icews", tmp_path / "icews.tab")
    ic = read_tsv(tmp_path / "icews.tab").set_index("CAMEO Code")
    prk = ic.loc["120"]
    assert (prk["Event Date"], prk["City"], prk["District"], prk["Province"],
            prk["Country"]) == ("2019-11-10", "Stockholm", "", "", "Sweden")
    assert float(prk["Latitude"]) == pytest.approx(59.33, abs=0.01)
    assert (ic.loc["043"]["City"], ic.loc["043"]["Province"], ic.loc["043"]["Country"]) == (
        "Houston", "Texas", "United States")
    assert (ic.loc["190"]["City"], ic.loc["190"]["Province"]) == ("", "Texas")
    assert (ic.loc["195"]["City"], ic.loc["195"]["Country"], ic.loc["195"]["Latitude"]) == (
        "", "Syria", "")

    export(reported, "plover", tmp_path / "plover.jsonl")
    records = {r["cameo"]: r for r in pd.read_json(tmp_path / "plover.jsonl", lines=True,
                                                    dtype=False)
               .to_dict("records")}
    prk = records["120"]
    assert prk["date"] == "2019-11-10"
    assert prk["event_loc"] == {
        "geonameid": 2673730, "name": "Stockholm", "latitude": pytest.approx(59.32938),
        "longitude": pytest.approx(18.06871), "feature class": "P", "feature code": "PPLC",
        "country code": "SE", "cc3": "SWE", "admin1 code": "26"}
    assert prk["actor"][0]["actor_loc"]["geonameid"] == 1873107
    assert prk["actor"][0]["actor_loc"]["country code"] == "KP"
    assert records["195"]["event_loc"]["feature code"] == "PCLI"
    assert records["195"]["event_loc"]["latitude"] is None

    export(reported, "phoenix", tmp_path / "phoenix.tsv")
    ph = read_tsv(tmp_path / "phoenix.tsv", list(phoenix.COLUMNS)).set_index("EventCode")
    prk = ph.loc["120"]
    assert (prk["Date"], prk["Day"], prk["LocationName"], prk["CountryCode"]) == (
        "20191110", "10", "Stockholm", "SWE")
    assert float(prk["Lat"]) == pytest.approx(59.33, abs=0.01)
    assert prk["NewsSources"] == "Wire A;Wire B;Wire C"
    assert prk["URLs"] == "https://a.example/wa-1;https://b.example/wb-1"
    assert (ph.loc["043"]["LocationName"], ph.loc["043"]["StateName"]) == ("Houston", "Texas")


def test_native_export_of_merged_events(reported, tmp_path):
    assert export(reported, "csv", tmp_path / "e.csv") == 5
    df = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str})
    prk = df[df["source_code"] == "PRK"].iloc[0]
    assert (prk["global_id"], prk["num_mentions"], prk["num_sources"], prk["event_date"],
            prk["date_text"], prk["place_geonameid"]) == (
        "wa-1:1:0", 3, 3, "2019-11-10", "on Sunday", 2673730)
    assert export(reported, "parquet", tmp_path / "e.parquet", count="mentions") == 7
    pq = pd.read_parquet(tmp_path / "e.parquet")
    assert (pq["global_id"] == pq["event_id"]).all() and (pq["num_mentions"] == 1).all()
