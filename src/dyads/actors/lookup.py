"""Look up one phrase: which actor it names, on which date, and why.

`dyads actors lookup "Kim Jong Un" --date 2019-11-10` and `dyads.lookup_actor(...)`: the
phrase is parsed with the pipeline's spaCy model and its root noun phrase resolved exactly as
an event slot would be (knowledge base, agents, people on the date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from dyads.actors.people import Office
from dyads.actors.resolver import ActorResolver, Discourse
from dyads.model import Actor

NOMINAL = {"NOUN", "PROPN", "PRON"}


@dataclass
class Lookup:
    """The resolution of one phrase."""

    text: str
    date: date | None
    head: str  # the head token of the resolved noun phrase
    actors: list[Actor]  # one per coordinated country ("the Turkish and Greek sides")
    offices: list[tuple[str, Office, bool]] = field(default_factory=list)  # (name, office,
    # covers the date) for every person name in the phrase

    @property
    def actor(self) -> Actor | None:
        return self.actors[0] if self.actors else None

    def format(self) -> str:
        lines = [f"phrase   {self.text!r}" + (f" on {self.date}" if self.date else "")]
        if not self.actors:
            lines.append(f"actor    none: '{self.head}' names no country, group, agent or "
                         "person we know")
        for a in self.actors:
            lines += [f"code     {a.code or '-'}",
                      f"country  {a.country or '-'}",
                      f"sector   {a.sector or '-'}",
                      f"kb       {a.kb_id or '-'}",
                      f"how      {a.how or '-'}"]
        if self.offices:
            lines.append("offices of the names in the phrase:")
            for name, o, covers in self.offices:
                mark = "*" if covers else " "
                lines.append(f"  {mark} {name}: {o.code} {o.office} {o.start}–{o.end or ''} "
                             f"({o.source}, {o.where})")
            if self.date:
                lines.append("  (* = the term covers the date)")
        return "\n".join(lines)


def phrase_head(doc: Doc) -> Token:
    """The head of the phrase's root noun phrase."""
    root = doc[:].root
    if root.pos_ in NOMINAL:
        return root
    chunks = list(doc.noun_chunks)
    if chunks:
        return max(chunks, key=len).root
    return root


def lookup(resolver: ActorResolver, nlp, text: str, on: date | None = None) -> Lookup:
    """Resolve `text` as a noun phrase on the date `on`; ValueError for an empty phrase."""
    if not any(ch.isalnum() for ch in text):
        raise ValueError("nothing to look up: give a name or a noun phrase")
    doc = nlp(text.strip())
    head = phrase_head(doc)
    scope = resolver.scope(doc, Discourse(), on)
    actors = resolver.resolve_many(head, scope)
    offices = []
    for s, e in scope.people:
        name = doc[s:e].text
        for o in resolver.kb.people.candidates(name):
            offices.append((name, o, on is not None and o.covers(on)))
    return Lookup(text, on, head.text, actors, offices)


def resolve_in_text(pipeline, text: str, mention: str, on: date | None = None) -> list[Actor]:
    """The actors of `mention` (its first occurrence in the last sentence of `text`), with
    the discourse the pipeline builds from the sentences before it: for short references,
    pronouns and names bound earlier in an article. Raises ValueError if it is not there."""
    from dyads.model import Article

    sents, candidate = pipeline.sentences(Article(doc_id="lookup", text=text, date=on))
    todo = [s for s, c in zip(sents[:-1], candidate[:-1], strict=True) if c] + sents[-1:]
    docs = list(pipeline.parser.parse(s.text for s in todo))
    discourse = Discourse()
    for s, doc in zip(todo[:-1], docs[:-1], strict=True):
        pipeline.coder.code_sentence(doc, doc_id="lookup", sentence_index=s.index, date=on,
                                     headline=False, discourse=discourse)
    doc = docs[-1]
    at = doc.text.find(mention)
    if at < 0:
        raise ValueError(f"{mention!r} is not in the last sentence {doc.text!r}")
    span = doc.char_span(at, at + len(mention), alignment_mode="expand")
    return pipeline.resolver.resolve_many(span.root, pipeline.resolver.scope(doc, discourse, on))
