"""Writers for coded events: JSON lines, CSV, a terminal table and the closing summary."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from dyads.model import Actor, Event

UNKNOWN = "—"
ELLIPSIS = "…"

_ACTOR_FIELDS = ("code", "country", "sector", "text", "start", "end", "kb_id", "how")
_PLACE_FIELDS = ("geonameid", "name", "country", "admin1", "lat", "lon", "feature", "text")
_GEO_FIELDS = ("geonameid", "name", "country", "feature")

#: CSV columns, in order: event fields with each actor flattened to side_field.
CSV_COLUMNS: tuple[str, ...] = (
    "doc_id", "sentence_index", "date",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "cameo", "cameo_root", "cameo_name", "goldstein", "quad_class", "plover_type",
    "trigger", "trigger_start", "trigger_end", "negated", "hypothetical", "headline",
    "rule", "flags",
    "event_date", "event_date_end", "date_granularity", "date_text",
    *(f"place_{f}" for f in _PLACE_FIELDS),
    *(f"{side}_geo_{f}" for side in ("source", "target") for f in _GEO_FIELDS),
    "sentence",
)


def write_jsonl(events: Iterable[Event], fp: TextIO) -> int:
    """Write one JSON object per event (`Event.to_dict()`); return the number written."""
    n = 0
    for ev in events:
        fp.write(json.dumps(ev.to_dict(), ensure_ascii=False))
        fp.write("\n")
        n += 1
    return n


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def event_row(ev: Event) -> dict[str, Any]:
    """One event as a flat dict of CSV_COLUMNS (actors flattened, flags joined with ';')."""
    row: dict[str, Any] = {
        "doc_id": ev.doc_id,
        "sentence_index": ev.sentence_index,
        "date": ev.date.isoformat() if ev.date else None,
    }
    for side, actor in (("source", ev.source), ("target", ev.target)):
        for f in _ACTOR_FIELDS:
            row[f"{side}_{f}"] = getattr(actor, f) if actor is not None else None
    for f in ("cameo", "cameo_root", "cameo_name", "goldstein", "quad_class", "plover_type",
              "trigger", "trigger_start", "trigger_end", "negated", "hypothetical",
              "headline", "rule"):
        row[f] = getattr(ev, f)
    row["flags"] = ";".join(ev.flags)
    for f in ("event_date", "event_date_end"):
        value = getattr(ev, f)
        row[f] = value.isoformat() if value else None
    row["date_granularity"], row["date_text"] = ev.date_granularity, ev.date_text
    for prefix, place, fields in (("place", ev.place, _PLACE_FIELDS),
                                  ("source_geo", ev.source_geo, _GEO_FIELDS),
                                  ("target_geo", ev.target_geo, _GEO_FIELDS)):
        for f in fields:
            row[f"{prefix}_{f}"] = getattr(place, f) if place is not None else None
    row["sentence"] = ev.sentence
    return row


def write_csv(events: Iterable[Event], fp: TextIO) -> int:
    """Write a header and one flat row per event; return the number of rows written.

    Open files with newline="" as the csv module asks. Empty cells mean unknown;
    booleans are written as true/false.
    """
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for ev in events:
        row = event_row(ev)
        writer.writerow([_csv_value(row[c]) for c in CSV_COLUMNS])
        n += 1
    return n


# -- terminal table --------------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    """Cut `text` to `width` characters (with an ellipsis) and pad it to exactly `width`."""
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: max(0, width - 1)] + ELLIPSIS if width > 0 else ""
    return text.ljust(width)


def _window(sentence: str, start: int, end: int, width: int) -> str:
    """Up to `width` characters of `sentence`, showing the span start:end when it is long."""
    flat = " ".join(sentence.split())
    if len(flat) <= width:
        return flat
    if flat != sentence:  # whitespace collapsed: offsets no longer apply, show the start
        return flat[: width - 1] + ELLIPSIS
    # centre the trigger, keeping a third of the room before it
    lo = max(0, min(start - width // 3, len(flat) - width))
    hi = lo + width
    text = flat[lo:hi]
    if lo > 0:
        text = ELLIPSIS + text[1:]
    if hi < len(flat):
        text = text[:-1] + ELLIPSIS
    return text


def _actor_cell(actor: Actor | None) -> str:
    if actor is None or not actor.code:
        return UNKNOWN
    return actor.code


def _trigger_cell(ev: Event) -> str:
    mark = ("¬" if ev.negated else "") + ("?" if ev.hypothetical else "")
    return mark + ev.trigger


def format_table(events: Iterable[Event], width: int | None = None) -> str:
    """A fixed-width table: date, source, CAMEO code and name, target, trigger, evidence.

    `width` defaults to the terminal width. Unknown actors show as "—"; negated triggers
    are marked "¬" and hypothetical ones "?".
    """
    evs = list(events)
    if not evs:
        return "(no events)"
    if width is None:
        width = shutil.get_terminal_size((120, 24)).columns
    width = max(width, 60)

    dates = [(ev.event_date or ev.date).isoformat() if (ev.event_date or ev.date) else UNKNOWN
             for ev in evs]
    sources = [_actor_cell(ev.source) for ev in evs]
    targets = [_actor_cell(ev.target) for ev in evs]
    cameos = [f"{ev.cameo} {ev.cameo_name}".strip() for ev in evs]
    triggers = [_trigger_cell(ev) for ev in evs]

    def col(header: str, cells: list[str], cap: int) -> int:
        return min(cap, max(len(header), *(len(c) for c in cells)))

    w_date = col("date", dates, 10)
    w_src = col("source", sources, 12)
    w_tgt = col("target", targets, 12)
    w_cameo = col("event", cameos, 28)
    w_trig = col("trigger", triggers, 16)
    gap = "  "
    fixed = w_date + w_src + w_tgt + w_trig + len(gap) * 5
    # narrow terminal: shrink the event name before the evidence drops under 20 columns
    w_cameo = max(len("event"), min(w_cameo, width - fixed - 20))
    w_text = max(20, width - fixed - w_cameo)
    widths = (w_date, w_src, w_cameo, w_tgt, w_trig)
    header = gap.join(
        _fit(h, w) for h, w in zip(("date", "source", "event", "target", "trigger"), widths,
                                    strict=True)
    ) + gap + "evidence"
    lines = [header.rstrip(), "─" * min(width, fixed + w_cameo + w_text)]
    for i, ev in enumerate(evs):
        cells = (dates[i], sources[i], cameos[i], targets[i], triggers[i])
        left = gap.join(_fit(c, w) for c, w in zip(cells, widths, strict=True))
        evidence = _window(ev.sentence, ev.trigger_start, ev.trigger_end, w_text)
        lines.append((left + gap + evidence).rstrip())
    return "\n".join(lines)


# -- summary ---------------------------------------------------------------------------


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def format_summary(stats: Mapping[str, Any]) -> str:
    """One closing line, e.g. "articles read 12, coded 11, failed 1, events 57 (48 asserted)".

    Uses whichever of read, coded, failed, events, asserted are given; other keys are
    appended as "name value".
    """
    parts: list[str] = []
    article_bits = [f"{k} {_num(stats[k])}" for k in ("read", "coded", "failed") if k in stats]
    if article_bits:
        parts.append("articles " + ", ".join(article_bits))
    if "events" in stats:
        text = f"events {_num(stats['events'])}"
        if "asserted" in stats:
            text += f" ({_num(stats['asserted'])} asserted)"
        parts.append(text)
    elif "asserted" in stats:
        parts.append(f"events asserted {_num(stats['asserted'])}")
    known = {"read", "coded", "failed", "events", "asserted"}
    for key, value in stats.items():
        if key not in known and value is not None:
            parts.append(f"{key.replace('_', ' ')} {_num(value)}")
    return ", ".join(parts)
