"""The pipeline: Article -> sentences -> parse -> actors -> events.

A `Pipeline` holds everything that is expensive to load (the spaCy model, the actor knowledge
base, the lexicon) and is created once per process, then reused for every article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from dyads.actors import ActorResolver, load_knowledge
from dyads.actors.resolver import Discourse
from dyads.cameo import ontology
from dyads.coding.coder import EventCoder
from dyads.coding.lexicon import load_lexicon
from dyads.ingest.text import strip_dateline
from dyads.model import Article, Event
from dyads.nlp import MAX_SENTENCE_TOKENS, Parser, load_model
from dyads.places import gazetteer
from dyads.situate import situate
from dyads.truecase import Truecaser, english_words, name_words

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class Sentence:
    index: int
    text: str
    headline: bool = False


@dataclass
class CodedArticle:
    article: Article
    sentences: list[Sentence]
    events: list[Event]
    parsed: int = 0  # sentences that needed a parse

    @property
    def asserted(self) -> list[Event]:
        return [e for e in self.events if e.asserted]


class Pipeline:
    def __init__(self, *, lexicon_files: Iterable[str | Path] = (),
                 actor_files: Iterable[str | Path] = (), model: str | None = None,
                 petrarch_actor_files: Iterable[str | Path] = (),
                 petrarch_agent_files: Iterable[str | Path] = (),
                 petrarch_verbs: Iterable[str | Path] = ()):
        self.nlp = load_model(model)
        self.parser = Parser(self.nlp)
        self.cameo = ontology()
        self.knowledge = load_knowledge(list(actor_files),
                                        petrarch_actors=list(petrarch_actor_files),
                                        petrarch_agents=list(petrarch_agent_files))
        self.resolver = ActorResolver(self.knowledge, self.nlp)
        self.lexicon = load_lexicon(list(lexicon_files), petrarch=list(petrarch_verbs))
        self.coder = EventCoder(self.lexicon, self.resolver, self.cameo)
        people, places = name_words(self.knowledge)
        self.parser.prepare = Truecaser(english_words(self.lexicon, self.knowledge, self.nlp),
                                        people, places)
        self.gazetteer = gazetteer()

    # --- sentences ----------------------------------------------------------------------
    def sentences(self, article: Article) -> tuple[list[Sentence], list[bool]]:
        """Split an article; also say which sentences could hold an event (name an actor)."""
        sents: list[Sentence] = []
        candidate: list[bool] = []
        self.resolver.note_article()  # the names found here serve again when coding
        paragraphs = [strip_dateline(p.strip()) for p in PARAGRAPH_BREAK.split(article.text)
                      if p.strip()]
        if article.title and article.title.strip():
            paragraphs.insert(0, article.title.strip())
        title_first = bool(article.title and article.title.strip())
        for pi, doc in enumerate(self.parser.split(" ".join(p.split()) for p in paragraphs)):
            for span in doc.sents:
                text = span.text.strip()
                if not text:
                    continue
                sents.append(Sentence(len(sents), text, headline=title_first and pi == 0))
                # a short reference ("the two countries") needs an earlier actor to stand for
                candidate.append(len(span) <= MAX_SENTENCE_TOKENS
                                 and (self.resolver.has_actor(span, note=True)
                                      or (any(candidate) and self.resolver.has_reference(span))))
        return sents, candidate

    # --- coding -------------------------------------------------------------------------
    def code_article(self, article: Article) -> CodedArticle:
        return next(self.code_articles([article]))

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            sents, candidate = self.sentences(article)
            todo = [s for s, c in zip(sents, candidate, strict=True) if c]
            coded: list[tuple[Event, Doc]] = []
            discourse = Discourse()
            for sent, doc in zip(todo, self.parser.parse(s.text for s in todo), strict=True):
                coded.extend((e, doc) for e in self.coder.code_sentence(
                    doc, doc_id=article.doc_id, sentence_index=sent.index, date=article.date,
                    headline=sent.headline, discourse=None if sent.headline else discourse,
                    text=sent.text))
            situate(coded, article.date, self.gazetteer)  # when and where, after coding
            yield CodedArticle(article, sents, [e for e, _ in coded], parsed=len(todo))

    def code_text(self, text: str, *, date: date | None = None, doc_id: str = "text",
                  title: str | None = None) -> list[Event]:
        """Code a piece of text; all events, flagged ones included (see Event.asserted)."""
        return self.code_article(Article(doc_id=doc_id, text=text, title=title,
                                         date=date)).events
