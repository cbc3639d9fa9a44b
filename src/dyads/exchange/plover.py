"""PLOVER JSON Lines: one event record per line with the PLOVER manual's field names.

Events whose CAMEO code has no PLOVER category (root 01, public statements, which PLOVER
drops) are left out. Unknown values are null. `date` (and `enddate` for a span) is the event's
own date; `event_loc` and each actor's `actor_loc` are location objects with the GeoNames
field names the manual prescribes. Mapping details are in docs/formats.md.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb

from dyads.aggregate import EventFilter
from dyads.cameo import ontology
from dyads.exchange.base import ORDER, export_relation

#: quad_code of each PLOVER category (PLOVER manual, "PLOVER quad categories").
QUADS: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
CODEBOOK = "CAMEO 1.1b3 mapped with CAMEO2PLOVER-2021 (PLOVER draft 0.8)"

#: Top-level fields of each record, in order.
FIELDS: tuple[str, ...] = (
    "id", "date", "enddate", "actor", "recipient", "event", "mode", "context", "event_text",
    "quad_code", "event_scale", "event_loc", "text_info", "cite_info", "coder", "coded_date",
    "cameo", "negated", "hypothetical",
)

_LOC = ("geonameid", "name", "country", "iso2", "admin1", "lat", "lon", "feature")
_COLUMNS = ("unit_id", "day", "event_date", "event_date_end", "source_code", "source_country",
            "source_sector", "source_text", "source_kb_id", "target_code", "target_country",
            "target_sector", "target_text", "target_kb_id",
            *(f"place_{f}" for f in _LOC),
            *(f"{side}_geo_{f}" for side in ("source", "target")
              for f in ("geonameid", "name", "country", "iso2", "feature")),
            "cameo", "quad_class", "goldstein", "plover_type",
            "sentence", "sentence_index", "trigger", "trigger_start", "trigger_end",
            "negated", "hypothetical", "doc_id", "url", "title", "publisher", "coded_at")


def _coder() -> str:
    try:
        return f"dyads {metadata.version('dyads')}"
    except metadata.PackageNotFoundError:
        return "dyads"


def location(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """A stored place as a PLOVER location object (GeoNames field names); None without one."""
    if row.get(f"{prefix}_name") is None:
        return None
    feature = row.get(f"{prefix}_feature")
    loc = {"geonameid": row.get(f"{prefix}_geonameid"), "name": row[f"{prefix}_name"],
           "latitude": row.get(f"{prefix}_lat"), "longitude": row.get(f"{prefix}_lon"),
           "feature class": {"PCLI": "A", "ADM1": "A"}.get(feature or "", "P"),
           "feature code": feature, "country code": row.get(f"{prefix}_iso2"),
           "cc3": row.get(f"{prefix}_country"), "admin1 code": row.get(f"{prefix}_admin1")}
    return loc


def _actor(code, country, sector, text, kb_id, loc=None) -> list[dict[str, Any]] | None:
    if text is None:
        return None
    actor = {"code": country, "sector": sector, "actor_text": text, "identifier_id": kb_id,
             "cameo_code": code}
    if loc is not None:
        actor["actor_loc"] = loc
    return [actor]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def record(row: dict[str, Any], coder: str) -> dict[str, Any]:
    """One stored event (a row of the export relation) as a PLOVER record."""
    onto = ontology()
    info = onto[row["cameo"]] if row["cameo"] in onto else None
    ptype = row["plover_type"]
    quad = QUADS.get(ptype, row["quad_class"])  # REQUEST: not in the table, CAMEO quad
    return {
        "id": row["unit_id"],
        "date": _iso(row["day"]),
        "enddate": _iso(row["event_date_end"]) if row["day"] is not None and row["day"] ==
        row["event_date"] and row["event_date_end"] not in (None, row["event_date"]) else None,
        "actor": _actor(*(row[f"source_{f}"] for f in ("code", "country", "sector", "text",
                                                        "kb_id")), location(row, "source_geo")),
        "recipient": _actor(*(row[f"target_{f}"] for f in ("code", "country", "sector",
                                                           "text", "kb_id")),
                            location(row, "target_geo")),
        "event": [ptype],
        "mode": [info.plover_mode] if info and info.plover_mode else None,
        "context": [info.plover_context] if info and info.plover_context else None,
        "event_text": [row["sentence"]] if row["sentence"] is not None else None,
        "quad_code": quad,
        "event_scale": row["goldstein"],
        "event_loc": location(row, "place"),
        "text_info": {"sequence": row["sentence_index"], "trigger": row["trigger"],
                      "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"]},
        "cite_info": {"citation": row["doc_id"], "url": row["url"], "title": row["title"],
                      "language": "en", "publication": row["publisher"], "coder": coder,
                      "codebook": CODEBOOK},
        "coder": coder,
        "coded_date": _iso(row["coded_at"].date()) if row["coded_at"] else None,
        "cameo": row["cameo"],
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
    }


def write(con: duckdb.DuckDBPyConnection, flt: EventFilter, path: Path) -> int:
    """Write the records; return how many (events without a PLOVER category are skipped)."""
    rel, params = export_relation(flt)
    cols = ", ".join(f"x.{c}" for c in _COLUMNS)
    cur = con.execute(f"{rel}SELECT {cols} FROM x WHERE x.plover_type IS NOT NULL {ORDER}",
                      params)
    coder = _coder()
    n = 0
    with open(path, "w", encoding="utf-8") as fp:
        while batch := cur.fetchmany(10_000):
            for values in batch:
                rec = record(dict(zip(_COLUMNS, values, strict=True)), coder)
                fp.write(json.dumps(rec, ensure_ascii=False))
                fp.write("\n")
                n += 1
    return n
