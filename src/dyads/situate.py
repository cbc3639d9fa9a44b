"""When and where: dates, places and actor countries for coded events (after coding).

Runs on the events of one article with the parsed sentence each came from, so the coder need
not know about it. For every event it finds the trigger token again (from its offsets), then:

- `event_date`..`event_date_end`, `date_granularity`, `date_text` from `dyads.timex`; an event
  with no time phrase of its own takes the publication date (granularity "publication"), and
  with no publication date it stays None;
- `place` from `dyads.places`, ranked with the article's context: first the places that need
  no context, then all places again with the countries and states those name and the
  countries of the article's actors;
- `source_geo` / `target_geo`: the GeoNames country of each actor with an ISO country code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from dyads.model import Event
from dyads.places import Gazetteer, context_of, event_place
from dyads.timex import event_time


def trigger_token(doc: Doc, ev: Event) -> Token | None:
    """The token at the event's trigger offsets in its sentence doc."""
    for tok in doc:
        if tok.idx == ev.trigger_start:
            return tok
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def situate(events: Sequence[tuple[Event, Doc]], published: date | None,
            gazetteer: Gazetteer) -> None:
    """Fill the when/where fields of each event in place."""
    triggers = [(ev, trigger_token(doc, ev)) for ev, doc in events]
    for ev, tok in triggers:
        found = event_time(tok, published, future="future" in ev.flags) if tok is not None \
            else None
        if found is not None:
            ev.event_date, ev.event_date_end = found.start, found.end
            ev.date_granularity, ev.date_text = found.granularity, found.text
        elif published is not None:
            ev.event_date = ev.event_date_end = published
            ev.date_granularity = "publication"
        for side in ("source", "target"):
            actor = getattr(ev, side)
            geo = gazetteer.country(actor.country) if actor is not None else None
            setattr(ev, f"{side}_geo", geo)
    first = [event_place(tok, gazetteer) for _, tok in triggers if tok is not None]
    actors = [a.country for ev, _ in triggers for a in (ev.source, ev.target) if a is not None]
    context = context_of([p for p in first if p is not None], actors)
    for ev, tok in triggers:
        ev.place = event_place(tok, gazetteer, context) if tok is not None else None
