"""JSON Lines: one article per line, {"id", "text", "date"?, "title"?, "url"?, "source"?}.

A bad line is one InputError naming "file:LINE"; the other lines are still read.
Texts in JSONL are taken as already clean (no debris rules), only whitespace is tidied.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

OPTIONAL_STRINGS = ("title", "url", "source")


@dataclass
class Record:
    """One valid line, before the shared checks (language, date fallbacks) in ingest."""

    doc_id: str
    text: str
    title: str | None
    date: date | None
    url: str | None
    source: str | None


def parse_line(line: str) -> Record | str:
    """A Record, or the reason the line is bad (one short sentence)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:  # absurdly nested input
        return "invalid JSON: nested too deeply"
    if not isinstance(obj, dict):
        return f"not a JSON object (got {type(obj).__name__})"
    text = obj.get("text")
    if text is None:
        return 'missing "text"'
    if not isinstance(text, str):
        return f'"text" is not a string (got {type(text).__name__})'
    text = tidy(text)
    if not text:
        return 'empty "text"'
    day = parse_date(obj.get("date"))
    if isinstance(day, str):
        return day
    doc_id = obj.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | type(None)):
        return f'"id" must be a string (got {type(doc_id).__name__})'
    doc_id = str(doc_id).strip() if doc_id is not None else ""
    fields: dict[str, str | None] = {}
    for key in OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" is not a string (got {type(value).__name__})'
        fields[key] = (" ".join(value.split()) or None) if value else None
    return Record(doc_id=doc_id or content_id(text), text=text, date=day, **fields)


def parse_date(value: object) -> date | None | str:
    """None (absent), a date, or an error message. "YYYY-MM-DD" or an ISO datetime."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return f'bad "date" {value!r} (want "YYYY-MM-DD")'
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return f'bad "date" {value!r} (want "YYYY-MM-DD")'


def content_id(text: str) -> str:
    """Stable id for a line without one: the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def tidy(text: str) -> str:
    """Normalise line ends and spaces; keep paragraphs (blank lines) as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
