"""Why the coder coded what it coded: parse, actor resolutions, lexicon matches, modality.

`explain(pipeline, text)` runs the same stages as `dyads code` on one text and returns the
report `dyads explain` prints, so every decision can be traced to a token, a data-file line
or a rule of the grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from dyads.actors.resolver import Discourse
from dyads.model import Actor, Article, Event
from dyads.pipeline import Pipeline
from dyads.situate import situate


@dataclass
class SentenceExplanation:
    index: int
    text: str
    parsed: bool
    tokens: list[tuple[int, str, str, str, str, int]] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def explain(pipeline: Pipeline, text: str, *, on: date | None = None,
            title: str | None = None) -> list[SentenceExplanation]:
    """Code `text` as one article and record each stage's decisions, sentence by sentence."""
    article = Article(doc_id="explain", text=text, title=title, date=on)
    sents, candidate = pipeline.sentences(article)
    discourse = Discourse()
    out: list[SentenceExplanation] = []
    for sent, wanted in zip(sents, candidate, strict=True):
        ex = SentenceExplanation(sent.index, sent.text, wanted)
        out.append(ex)
        if not wanted:
            continue
        doc: Doc = next(pipeline.parser.parse([sent.text]))
        ex.tokens = [(t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc]
        scope = pipeline.resolver.scope(doc, discourse, on)
        for m in scope.mentions:
            e = m.entry
            ex.mentions.append(f"{doc[m.start:m.end].text!r}: {e.kind} of {e.code} ({e.source})")
        for s, e in scope.people:
            name = doc[s:e].text
            offices = pipeline.knowledge.people.lookup(name, on) if on else \
                pipeline.knowledge.people.candidates(name)
            held = "; ".join(f"{o.code} {o.office} {o.start}–{o.end or ''}" for o in offices[:3])
            ex.mentions.append(f"{name!r}: person, {held or 'no office on this date'}")
        ex.events = pipeline.coder.code_sentence(
            doc, doc_id=article.doc_id, sentence_index=sent.index, date=on,
            headline=sent.headline, trace=ex.matches,
            discourse=None if sent.headline else discourse)
        situate([(e, doc) for e in ex.events], on, pipeline.gazetteer)
    return out


def _actor(a: Actor | None) -> str:
    if a is None:
        return "-"
    return f"{a.code or '?'} {a.text!r} ({a.how or 'unresolved'})"


def format_explanation(sentences: list[SentenceExplanation], *, parse: bool = True) -> str:
    lines: list[str] = []
    for ex in sentences:
        lines.append(f"[{ex.index}] {ex.text}")
        if not ex.parsed:
            lines.append("    not parsed: names no country, group, person or sector agent")
            continue
        if parse:
            lines.append("    parse (i text lemma pos dep head):")
            lines += [f"      {i:>3} {t:<14} {lem:<12} {pos:<6} {dep:<10} {h}"
                      for i, t, lem, pos, dep, h in ex.tokens]
        lines.append("    actors named: " + ("; ".join(ex.mentions) or "none"))
        lines.append("    lexicon matches: " + ("" if ex.matches else "none"))
        lines += [f"      {m}" for m in ex.matches]
        if not ex.events:
            lines.append("    events: none")
        for e in ex.events:
            state = "asserted" if e.asserted else ("negated" if e.negated else "hypothetical")
            lines.append(f"    event {e.cameo} {e.cameo_name} [{state}] trigger {e.trigger!r} "
                         f"rule {e.rule}")
            lines.append(f"      source: {_actor(e.source)}")
            lines.append(f"      target: {_actor(e.target)}")
            lines.append(f"      goldstein {e.goldstein:+.1f}, quad {e.quad_class}, "
                         f"PLOVER {e.plover_type or '-'}")
            if e.flags:
                lines.append(f"      modality and notes: {', '.join(e.flags)}")
            when = (f"{e.event_date}" + (f"..{e.event_date_end}" if e.event_date_end
                                         and e.event_date_end != e.event_date else "")
                    if e.event_date else "unknown")
            lines.append(f"      date: {when} ({e.date_granularity or '-'}"
                         f"{', ' + repr(e.date_text) if e.date_text else ''})")
            if e.place is not None:
                lines.append(f"      place: {e.place.name}, {e.place.country} "
                             f"(GeoNames {e.place.geonameid})")
    return "\n".join(lines)
