"""HTML pages: main text and metadata through trafilatura, then the same debris rules as text."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from dyads.ingest.text import clean_body

# trafilatura logs every page it cannot parse; ingest reports those as InputErrors instead
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# No "extensive" search: it falls back to copyright years and loose numbers in the page,
# which would guess a date; only dates the page states as its own count.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


@dataclass
class Page:
    title: str | None
    text: str  # body paragraphs separated by blank lines
    date: date | None
    url: str | None
    source: str | None  # site name


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset=...>), if any."""
    m = CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def extract_html(markup: str) -> Page | None:
    """Main text and metadata of a page; None when no article text can be found."""
    doc = _extract(markup)
    if doc is None and "<body" not in markup[:10_000].lower():
        # a bare fragment ("<p>...</p>") is not seen as a page; give it a body
        doc = _extract(f"<html><body>{markup}</body></html>")
    if doc is None:
        return None
    title = _clean(getattr(doc, "title", None))
    lines = (getattr(doc, "text", None) or "").split("\n")
    if title and lines and lines[0].strip().casefold() == title.casefold():
        lines = lines[1:]  # the <h1> repeats the title
    # trafilatura gives one paragraph per line; debris it kept (bylines, credits) goes too
    body = clean_body("\n\n".join(lines))
    if not body.strip():
        return None
    return Page(title=title, text=body, date=_date(getattr(doc, "date", None)),
                url=_clean(getattr(doc, "url", None)),
                source=_clean(getattr(doc, "sitename", None)))


def _extract(markup: str) -> Any:
    import trafilatura  # slow to import: only when there is HTML to read

    try:
        return trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                           include_tables=False,
                                           date_extraction_params=DATE_PARAMS)
    except Exception:  # malformed pages can trip lxml deep inside; that is "no text"
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if isinstance(value, str) else None
    return value or None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
