"""De-duplication: mentions of the same event, across sentences and articles, become one event.

Two mentions are the same event when they have the same source code, target code and CAMEO
root, their event dates overlap once each is widened by the window (default 1 day), and they
name the same place or at least one names none. Only asserted mentions (not negated, not
hypothetical) with an event date are merged; the others stay events of their own. A
mention dated only by its publication date may join an event of the few days before it. A merged
event counts its mentions, the distinct publishers (sources) and articles that report it,
and the first and last publication dates it was seen, like GDELT's NumMentions, NumSources,
NumArticles and its Mentions table.

`cluster` is pure (rows in, groups out), so the store can re-run it on the groups an
incoming batch touches: re-coding an article replaces its mentions and never counts twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

DEFAULT_WINDOW_DAYS = 1
# A mention dated only by its publication date ("publication" granularity) says the event
# happened by then: it may join an event of the REPORT_LAG_DAYS days before, without
# widening that event's dates.
REPORT_LAG_DAYS = 3
_WINDOW = re.compile(r"^\s*(\d+)\s*(d|day|days)?\s*$", re.IGNORECASE)


def parse_window(text: str) -> int:
    """'1d', '3 days', '0' -> days; ValueError with the input named otherwise."""
    m = _WINDOW.match(text or "")
    if not m:
        raise ValueError(f"{text!r} is not a window in days (e.g. 1d)")
    return int(m.group(1))


@dataclass(frozen=True)
class MentionRow:
    """One stored event as de-duplication sees it."""

    event_id: str
    doc_id: str
    source_code: str | None
    target_code: str | None
    cameo_root: str
    event_date: date | None
    event_date_end: date | None
    place_id: int | None
    publisher: str | None
    published: date | None
    date_granularity: str | None = None

    @property
    def loose(self) -> bool:
        return self.date_granularity == "publication"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source_code or "", self.target_code or "", self.cameo_root)


@dataclass
class Cluster:
    mentions: list[MentionRow] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    place_id: int | None = None

    def fits(self, m: MentionRow, window: timedelta) -> bool:
        if self.start is None or m.event_date is None or self.end is None:
            return False
        m_start, m_end = m.event_date, m.event_date_end or m.event_date
        if m.loose:
            m_start = m_start - timedelta(days=REPORT_LAG_DAYS)
        if m_start > self.end + window or self.start > m_end + window:
            return False
        return self.place_id is None or m.place_id is None or self.place_id == m.place_id

    def add(self, m: MentionRow) -> None:
        self.mentions.append(m)
        if m.event_date is not None and (not m.loose or self.start is None):
            m_end = m.event_date_end or m.event_date
            self.start = m.event_date if self.start is None else min(self.start, m.event_date)
            self.end = m_end if self.end is None else max(self.end, m_end)
        if self.place_id is None:
            self.place_id = m.place_id

    @property
    def global_id(self) -> str:
        return min(self.mentions, key=_order).event_id


def _order(m: MentionRow) -> tuple:
    return (m.published or date.max, m.doc_id, m.event_id)


def cluster(rows: Iterable[MentionRow], window_days: int = DEFAULT_WINDOW_DAYS
            ) -> list[Cluster]:
    """Group mentions into events (deterministic: the same rows give the same groups)."""
    window = timedelta(days=window_days)
    by_key: dict[tuple[str, str, str], list[MentionRow]] = {}
    for r in rows:
        by_key.setdefault(r.key, []).append(r)
    out: list[Cluster] = []
    for key in sorted(by_key):
        # dated mentions first, so that loose ones join the events they may belong to
        group = sorted(by_key[key], key=lambda r: (r.loose, r.event_date or date.max,
                                                   _order(r)))
        open_: list[Cluster] = []
        for r in group:
            home = next((c for c in open_ if c.fits(r, window)), None)
            if home is None:
                home = Cluster()
                open_.append(home)
            home.add(r)
        out.extend(open_)
    return out
