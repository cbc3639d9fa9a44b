"""A small real event store with known events, shared by the analysis and export tests.

Events are dataclasses written through `EventStore.write_batch` (the store's own path, which
also de-duplicates them: no two of these are the same event). Each dated event has no time
phrase, so its event date is the publication date (granularity "publication"), as
`dyads.situate` would give it.

| doc | date       | publisher | events (sentence: source -> target cameo)                  |
|-----|------------|-----------|-------------------------------------------------------------|
| a1  | 2019-11-10 | Wire A    | 0 (headline): PRK -> USA 125; 1: USAGOV -> PRKGOV 036       |
| a2  | 2019-11-20 | Wire B    | 1: USA -> PRK 163                                           |
| a3  | 2019-12-02 | (unknown) | 1: PRKMIL -> USA 138; 2: USA -> PRK 042 negated             |
| a4  | 2020-01-15 | Wire A    | 1: JPN -> KOR 163; 2: IGOUNO -> PRK 112;                    |
|     |            |           | 3: CHN -> USA 190 hypothetical                              |
| a5  | (none)     | Wire B    | 1: USA -> PRK 040                                           |
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dyads.cameo import ontology
from dyads.model import Actor, Article, Event
from dyads.store import EventStore

SENTENCE = "North Korea rejected the offer while the US said it would meet officials."


def actor(code: str, text: str, country: str | None = None, start: int = 0) -> Actor:
    if country is None:
        country = code[:3]
    sector = code[len(country):] if country != "IGO" else None
    return Actor(code=code, country=country, sector=sector or None, text=text, start=start,
                 end=start + len(text), kb_id=f"kb:{code}", how="test")


def event(doc: str, idx: int, src: str, tgt: str, cameo: str, day: date | None,
          **kw) -> Event:
    info = ontology()[cameo]
    if day is not None:  # no time phrase: the publication date, as dyads.situate dates it
        kw.setdefault("event_date", day)
        kw.setdefault("event_date_end", kw["event_date"])
        kw.setdefault("date_granularity", "publication")
    return Event(
        doc_id=doc, sentence_index=idx, sentence=kw.pop("sentence", SENTENCE), date=day,
        source=actor(src, kw.pop("src_text", f"{src} text")),
        target=actor(tgt, kw.pop("tgt_text", f"{tgt} text"), start=40),
        cameo=cameo, cameo_root=cameo[:2], cameo_name=info.name, goldstein=info.goldstein,
        quad_class=info.quad_class, plover_type=info.plover_type, trigger="rejected",
        trigger_start=12, trigger_end=20, headline=idx == 0, **kw)


D1, D2, D3, D4 = date(2019, 11, 10), date(2019, 11, 20), date(2019, 12, 2), date(2020, 1, 15)

ARTICLES = [
    (Article("a1", "Body.", title="PRK rejects US offer", date=D1, url="https://a.example/1",
             source="Wire A"),
     [event("a1", 0, "PRK", "USA", "125", D1, src_text="North Korea"),
      event("a1", 1, "USAGOV", "PRKGOV", "036", D1)]),
    (Article("a2", "Body.", title="Sanctions", date=D2, url="https://b.example/2",
             source="Wire B"),
     [event("a2", 1, "USA", "PRK", "163", D2)]),
    (Article("a3", "Body.", title=None, date=D3, url=None, source=None),
     [event("a3", 1, "PRKMIL", "USA", "138", D3),
      event("a3", 2, "USA", "PRK", "042", D3, negated=True)]),
    (Article("a4", "Body.", title="Mixed", date=D4, url="https://a.example/4",
             source="Wire A"),
     [event("a4", 1, "JPN", "KOR", "163", D4),
      event("a4", 2, "IGOUNO", "PRK", "112", D4),
      event("a4", 3, "CHN", "USA", "190", D4, hypothetical=True)]),
    (Article("a5", "Body.", title="Undated", date=None, url=None, source="Wire B"),
     [event("a5", 1, "USA", "PRK", "040", None)]),
]


def build_store(path: Path) -> Path:
    """Write the known articles and events into a new DuckDB store at `path`."""
    with EventStore(path) as store:
        store.write_batch(
            (art, [(0, art.title or "", True), (1, "s1", False), (2, "s2", False),
                   (3, "s3", False)], evs)
            for art, evs in ARTICLES)
    return path


# -- a store built by the real pipeline ---------------------------------------------------

#: Three wires report the same rejection "on Sunday" (2019-11-10) in Stockholm, each a day
#: later than the one before; their other sentences are events of their own, dated by their
#: time phrases ("yesterday", "on Friday") or by the publication date, placed in a capital
#: (Baghdad), a US state (Texas), a US city (Houston) and a country (Syria).
REPORTS = [
    {"id": "wa-1", "source": "Wire A", "date": "2019-11-11", "url": "https://a.example/wa-1",
     "title": "North Korea rejects offer",
     "text": "North Korea rejected a US offer in Stockholm on Sunday.\n\n"
             "The United States imposed sanctions on Iran in Baghdad yesterday."},
    {"id": "wb-1", "source": "Wire B", "date": "2019-11-12", "url": "https://b.example/wb-1",
     "text": "North Korea rejected a US offer in Stockholm on Sunday.\n\n"
             "Russia attacked Ukraine in Texas."},
    {"id": "wc-1", "source": "Wire C", "date": "2019-11-13",
     "text": "North Korea rejected a US offer in Stockholm on Sunday.\n\n"
             "Mexico hosted US negotiators in Houston on Friday."},
    {"id": "wa-2", "source": "Wire A", "date": "2019-11-20", "url": "https://a.example/wa-2",
     "text": "Russian jets bombed rebels in Syria on Monday."},
]


def build_reported_store(pipeline, path: Path) -> Path:
    """Code REPORTS with the real pipeline into a new store (de-duplicated as by default)."""
    import json

    from dyads.runner import code_inputs

    src = path.with_suffix(".jsonl")
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    with EventStore(path) as store:
        stats = code_inputs(pipeline, [src], store=store)
    assert stats.failed == 0, stats.errors
    return path
