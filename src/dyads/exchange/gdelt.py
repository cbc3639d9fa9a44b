"""GDELT 2.0: the Event table (61 columns) and the Mentions table (16 columns), out and in.

Column names, order and conventions follow the GDELT 2.0 Event and Mentions codebooks;
files are tab-separated, unquoted and without a header, as GDELT publishes them. The mapping
and what we cannot fill yet are in docs/formats.md.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from dyads.aggregate import GROUP_CLASSES, EventFilter
from dyads.dialect import DUCKDB, dialect_of, strftime
from dyads.exchange import names
from dyads.exchange.base import ORDER, clean, copy_tsv, export_relation, int_id

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The 61 columns of a GDELT 2.0 event file, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

#: SQL types of the event columns (codes stay text: "042" keeps its leading zero).
_GEO_TYPES = ("INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE",
              "VARCHAR")
EVENT_TYPES: dict[str, str] = dict(zip(EVENT_COLUMNS, (
    "BIGINT", "INTEGER", "INTEGER", "INTEGER", "DOUBLE",
    *(["VARCHAR"] * 20),
    "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER",
    "DOUBLE", "INTEGER", "INTEGER", "INTEGER", "DOUBLE",
    *(_GEO_TYPES * 3),
    "BIGINT", "VARCHAR",
), strict=True))

#: The 16 columns of a GDELT 2.0 mentions file, in order.
MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)

_GROUPS = ", ".join(f"'{g}'" for g in sorted(GROUP_CLASSES))


def _actor_sql(side: str) -> list[str]:
    s = f"x.{side}"
    is_group = f"{s}_country IN ({_GROUPS})"
    sector = f"coalesce({s}_sector, '')"
    return [
        f"coalesce({s}_code, {s}_sector)",
        f"upper({clean(f'{s}_text')})",
        f"CASE WHEN {is_group} THEN NULL ELSE {s}_country END",
        f"CASE WHEN {is_group} AND length({s}_code) >= 6 THEN right({s}_code, 3) END",
        "NULL::VARCHAR", "NULL::VARCHAR", "NULL::VARCHAR",
        f"nullif(substr({sector}, 1, 3), '')",
        f"nullif(substr({sector}, 4, 3), '')",
        f"nullif(substr({sector}, 7, 3), '')",
    ]


def geo_type(prefix: str) -> str:
    """SQL: GDELT's geo type of a stored place: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY
    (a city or other point), 5 WORLDSTATE; null without a place."""
    p = f"x.{prefix}"
    return (f"CASE WHEN {p}_name IS NULL THEN NULL WHEN {p}_feature = 'PCLI' THEN 1 "
            f"WHEN {p}_feature = 'ADM1' THEN CASE WHEN {p}_country = 'USA' THEN 2 ELSE 5 END "
            f"WHEN {p}_country = 'USA' THEN 3 ELSE 4 END")


def _geo_sql(prefix: str, *, point: bool) -> list[str]:
    """The 8 *Geo_ fields of one stored place (`place`) or actor country (`source_geo`).

    FullName as GDELT writes it ("Country"; "State, Country"; "City, State, Country"), with
    the state only for US places (the offline gazetteer names no other admin1); CountryCode
    FIPS 10-4; ADM1Code the FIPS country code plus the GeoNames admin1 code; FeatureID the
    GeoNames id. Actor countries have no admin1 or coordinates.
    """
    p = f"x.{prefix}"
    country = "x.place_country_name" if point else f"{p}_name"
    fips = f"x.{prefix}_fips"
    if point:
        full = (f"CASE WHEN {p}_feature = 'PCLI' THEN {p}_name "
                f"ELSE concat_ws(', ', {p}_name, CASE WHEN {p}_feature <> 'ADM1' "
                f"THEN x.place_state_name END, {country}) END")
        adm1 = (f"CASE WHEN {p}_feature = 'PCLI' OR {p}_admin1 IS NULL THEN {fips} "
                f"ELSE {fips} || {p}_admin1 END")
        lat, lon = f"{p}_lat", f"{p}_lon"
    else:
        full, adm1, lat, lon = (f"{p}_name", fips, "NULL::DOUBLE PRECISION",
                                "NULL::DOUBLE PRECISION")
    some = f"{p}_name IS NOT NULL"
    return [
        geo_type(prefix),
        f"CASE WHEN {some} THEN {clean(full)} END",
        f"CASE WHEN {some} THEN {fips} END",
        f"CASE WHEN {some} THEN {adm1} END",
        "NULL::VARCHAR",  # ADM2Code: the gazetteer has no admin2
        lat, lon,
        f"{p}_geonameid::VARCHAR",
    ]


def _timestamp(expr: str, dialect: str = DUCKDB) -> str:
    return f"{strftime(expr, '%Y%m%d%H%M%S', dialect)}::BIGINT"


def _part(part: str, expr: str = "x.day") -> str:
    return f"extract({part} FROM {expr})"


def event_sql(flt: EventFilter, dialect: str = DUCKDB) -> tuple[str, list]:
    rel, params = export_relation(flt)
    year, month, day = _part("year"), _part("month"), _part("day")
    exprs = [
        int_id("x.unit_id", dialect),
        f"{strftime('x.day', '%Y%m%d', dialect)}::INTEGER",
        f"({year} * 100 + {month})::INTEGER",
        f"{year}::INTEGER",
        f"round({year} + ({month} * 30 + {day}) / 365.0, 4)::DOUBLE PRECISION",
        *_actor_sql("source"), *_actor_sql("target"),
        "CASE WHEN x.is_lead THEN 1 ELSE 0 END",
        "x.cameo", "left(x.cameo, 3)", "x.cameo_root", "x.quad_class", "x.goldstein",
        "x.n_mentions", "x.n_sources", "x.n_articles",
        "NULL::DOUBLE PRECISION",  # AvgTone: we do not measure tone
        *_geo_sql("source_geo", point=False), *_geo_sql("target_geo", point=False),
        *_geo_sql("place", point=True),
        _timestamp("x.coded_at", dialect),
        "x.url",
    ]
    cols = ",\n       ".join(f'{e} AS "{c}"' for e, c in zip(exprs, EVENT_COLUMNS, strict=True))
    return f"{rel}SELECT {cols}\nFROM x {ORDER}", params


def mention_sql(flt: EventFilter, dialect: str = DUCKDB) -> tuple[str, list]:
    """One row per mention of each exported event (the store's mentions table)."""
    rel, params = export_relation(flt)
    exprs = [
        int_id("x.unit_id", dialect),
        _timestamp("x.coded_at", dialect),  # the event's DATEADDED
        _timestamp("ma.coded_at", dialect),
        "CASE WHEN ma.url IS NOT NULL THEN 1 END",  # 1 = WEB; unknown otherwise
        clean("mn.publisher"),
        f"coalesce(ma.url, {clean('mn.article')})",
        "me.sentence_index + 1",
        "NULL::INTEGER", "NULL::INTEGER", "NULL::INTEGER",  # offsets in the document
        "NULL::INTEGER",  # InRawText
        "NULL::INTEGER",  # Confidence
        "length(ma.text)",
        "NULL::DOUBLE PRECISION",  # MentionDocTone
        "NULL::VARCHAR",  # MentionDocTranslationInfo: empty = English original
        "NULL::VARCHAR",  # Extras
    ]
    cols = ",\n       ".join(f'{e} AS "{c}"' for e, c in zip(exprs, MENTION_COLUMNS, strict=True))
    return (f"{rel}SELECT {cols}\nFROM x JOIN mn ON mn.unit_id = x.unit_id\n"
            "JOIN events me ON me.event_id = mn.event_id\n"
            "LEFT JOIN articles ma ON ma.doc_id = mn.article\n"
            f"{ORDER}, ma.date NULLS LAST, mn.article, me.sentence_index, mn.event_id"), params


def write_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = event_sql(flt, dialect_of(con))
    return copy_tsv(con, sql, params, path, header=False)


def write_mentions(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    sql, params = mention_sql(flt, dialect_of(con))
    return copy_tsv(con, sql, params, path, header=False)


# -- import -------------------------------------------------------------------------------

IMPORT_TABLE = "gdelt_events"


class GdeltFileError(ValueError):
    """A file that is not a readable GDELT 2.0 event file (message names the file)."""


def _create_table(con: duckdb.DuckDBPyConnection) -> None:
    cols = ",\n    ".join(f'"{c}" {t}' for c, t in EVENT_TYPES.items())
    con.execute(f"""
CREATE TABLE IF NOT EXISTS {IMPORT_TABLE} (
    {cols},
    date DATE,              -- Day as a date
    action_country TEXT,    -- ActionGeo_CountryCode (FIPS 10-4) as ISO alpha-3
    file TEXT               -- file name the row was imported from
)""")


def _check_columns(path: Path, first_line: str) -> None:
    n = first_line.rstrip("\r\n").count("\t") + 1
    if n != len(EVENT_COLUMNS):
        raise GdeltFileError(
            f"{path}: not a GDELT 2.0 event file (expected {len(EVENT_COLUMNS)} tab-separated "
            f"columns, found {n})"
        )


def _first_line(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="strict") as fp:
            line = fp.readline()
    except UnicodeDecodeError:
        raise GdeltFileError(f"{path}: not UTF-8 text") from None
    if not line.strip():
        raise GdeltFileError(f"{path}: empty file")
    return line


def import_files(con: duckdb.DuckDBPyConnection, paths: Iterable[str | Path]) -> dict[str, int]:
    """Load GDELT 2.0 event files (.CSV or .zip as downloaded) into `gdelt_events`.

    Each file is one transaction; importing a file of the same name again replaces its rows.
    Returns {file name: rows}. Raises GdeltFileError for a missing or malformed file.
    """
    _create_table(con)
    fips = pd.DataFrame(sorted(names.fips_to_iso3().items()), columns=["fips", "iso3"])
    con.register("dyads_fips_iso3", fips)
    done: dict[str, int] = {}
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise GdeltFileError(f"{path}: no such file")
        with tempfile.TemporaryDirectory() as tmp:
            data = _unzip(path, Path(tmp)) if path.suffix.lower() == ".zip" else path
            _check_columns(path, _first_line(data))
            done[path.name] = _load(con, data, path.name)
    return done


def _unzip(path: Path, into: Path) -> Path:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise GdeltFileError(f"{path}: expected one file in the zip, found "
                                     f"{len(members)}")
            return Path(zf.extract(members[0], into))
    except zipfile.BadZipFile:
        raise GdeltFileError(f"{path}: not a zip file") from None


def _load(con: duckdb.DuckDBPyConnection, data: Path, name: str) -> int:
    columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in EVENT_TYPES.items()) + "}"
    src = str(data).replace("'", "''")
    select = ", ".join(f'r."{c}"' for c in EVENT_COLUMNS)
    con.begin()
    try:
        con.execute(f"DELETE FROM {IMPORT_TABLE} WHERE file = ?", [name])
        con.execute(f"""
INSERT INTO {IMPORT_TABLE}
SELECT {select}, strptime(r."Day"::VARCHAR, '%Y%m%d')::DATE, f.iso3, ?
FROM read_csv('{src}', delim = '\\t', header = false, quote = '', escape = '',
              auto_detect = false, columns = {columns}) r
LEFT JOIN dyads_fips_iso3 f ON f.fips = r."ActionGeo_CountryCode"
""", [name])
        row = con.execute(f"SELECT count(*) FROM {IMPORT_TABLE} WHERE file = ?",
                          [name]).fetchone()
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        first = str(exc).strip().splitlines()[0]
        raise GdeltFileError(f"{name}: cannot read as a GDELT 2.0 event file: {first}") from None
    return int(row[0]) if row else 0
