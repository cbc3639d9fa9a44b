"""The event coder: lexicon patterns + the parse -> who did what to whom.

For each predicate of a parsed sentence (a verb, or an event noun such as "sanctions"), the
coder finds the most specific lexicon pattern that fits, then the source (subject, through
control chains and passives) and the target (object, prepositional object, or the possessor
of the object), resolves both to actors and records flags for negation and modality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from dyads.actors.resolver import ActorResolver, Mention
from dyads.cameo import Ontology
from dyads.coding import grammar as g
from dyads.coding.lexicon import ANY, Lexicon, Pattern
from dyads.model import Actor, Event

# Roots whose target may be the subject of a that-clause (appeals, demands, accusations,
# rejections, threats).
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "12", "13"}


@dataclass
class Match:
    """A predicate that a lexicon pattern fits, before actors are attached."""

    trigger: Token
    pattern: Pattern
    obj: Token | None = None  # the object noun the pattern needed, if any
    xcomp: Token | None = None  # the complement verb the pattern consumed, if any
    nominal: bool = False
    notes: list[str] = field(default_factory=list)


class EventCoder:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, cameo: Ontology):
        self.lexicon = lexicon
        self.resolver = resolver
        self.cameo = cameo

    # --- pattern matching ---------------------------------------------------------------
    def match_verb(self, v: Token) -> Match | None:
        lemma = v.lemma_.lower()
        for particle, p in self.lexicon.by_phrasal.get(lemma, ()):
            if _has_particle(v, particle):
                m = self._fit(v, p)
                if m is not None:
                    return m
        for p in self.lexicon.by_verb.get(lemma, ()):
            m = self._fit(v, p)
            if m is not None:
                return m
        return None

    def _fit(self, v: Token, p: Pattern) -> Match | None:
        if p.particle and not _has_particle(v, p.particle):
            return None
        obj = None
        if p.objects or p.preps:
            if p.preps:
                cands = [n for _, n in g.prep_objects(v, p.preps)]
                if not cands and not p.objects:
                    return None
            else:
                cands = g.direct_objects(v) + (g.passive_targets(v) if g.is_passive(v) else [])
            if p.objects:
                obj = next((n for n in cands if g.noun_keys(n) & p.objects), None)
                if obj is None:
                    return None
                if p.object_mods and not g.noun_modifiers(obj) & p.object_mods:
                    return None
            elif p.preps and not cands:
                return None
        xcomp = None
        if p.xcomps:
            for c in v.children:
                if c.dep_ == "xcomp" and (ANY in p.xcomps or g.verb_keys(c) & p.xcomps):
                    xcomp = c
                    break
            if xcomp is None:
                return None
        return Match(v, p, obj=obj, xcomp=xcomp)

    def match_noun(self, n: Token) -> Match | None:
        for p in self.lexicon.by_noun.get(n.lemma_.lower(), ()):
            if p.object_mods and not g.noun_modifiers(n) & p.object_mods:
                continue
            return Match(n, p, nominal=True)
        return None

    # --- a sentence ---------------------------------------------------------------------
    def code_sentence(self, doc: Doc, *, doc_id: str, sentence_index: int,
                      date: date | None = None, headline: bool = False,
                      trace: list[str] | None = None) -> list[Event]:
        mentions = self.resolver.mentions(doc)
        matches: list[Match] = []
        consumed: set[int] = set()
        for tok in doc:
            if tok.pos_ in g.VERBAL and tok.i not in consumed:
                m = self.match_verb(tok)
                if m:
                    matches.append(m)
                    if m.xcomp is not None:  # "agreed to [provide aid]" is one event
                        consumed.add(m.xcomp.i)
                        consumed.update(o.i for o in g.direct_objects(m.xcomp))
                    if m.obj is not None:
                        consumed.add(m.obj.i)
        for tok in doc:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                m = self.match_noun(tok)
                if m:
                    matches.append(m)
        events: list[Event] = []
        seen: set[tuple] = set()
        for m in matches:
            for ev in self._events(m, mentions, doc_id, sentence_index, date, headline):
                key = (_actor_key(ev.source), ev.cameo, _actor_key(ev.target))
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
            if trace is not None:
                trace.append(f"{m.trigger.text!r} matched {m.pattern.id} -> {m.pattern.code}")
        # residual codes (010 say ...) only where nothing more specific was said
        if any(not _is_fallback(e, self.lexicon) for e in events):
            events = [e for e in events if not _is_fallback(e, self.lexicon)]
        if doc.text.rstrip().endswith("?"):
            for e in events:
                e.hypothetical = True
                e.flags.append("question")
        return events

    def _events(self, m: Match, mentions: list[Mention], doc_id: str, index: int,
                day: date | None, headline: bool) -> list[Event]:
        if m.nominal:
            sources, targets = self._nominal_actors(m, mentions)
            anchor = m.trigger.head if m.trigger.dep_ in ("dobj", "nsubj", "attr", "pobj") \
                else m.trigger
        else:
            sources = self._resolve_all(g.subjects(m.trigger), mentions)
            targets = self._targets(m, mentions, sources)
            anchor = m.trigger
        neg = g.negated(anchor) if anchor.pos_ in g.VERBAL else g.has_neg(anchor)
        if m.nominal and g.has_neg(m.trigger):
            neg = True
        hypo = g.modal(anchor) if anchor.pos_ in g.VERBAL else None
        flags = []
        if hypo:
            flags.append(hypo)
        if anchor.pos_ in g.VERBAL and g.future(anchor):
            flags.append("future")
        if m.nominal:
            flags.append("nominal")
        pairs: list[tuple[Actor | None, Actor | None, bool]] = []
        srcs = sources or [None]
        tgts = targets or [None]
        for s in srcs:
            for t in tgts:
                if s is not None and t is not None and _same(s, t):
                    continue
                pairs.append((s, t, False))
        if m.pattern.reciprocal:
            if len(sources) >= 2:  # "X and Y clashed": each against the other
                pairs = [(a, b, False) for a in sources for b in sources if a is not b
                         and not _same(a, b)]
            else:
                pairs += [(t, s, True) for s, t, _ in list(pairs) if s and t]
        code = self.cameo[m.pattern.code]
        out = []
        for s, t, reversed_ in pairs:
            if not (_known(s) or _known(t)):
                continue
            out.append(Event(
                doc_id=doc_id, sentence_index=index, sentence=m.trigger.doc.text, date=day,
                source=s, target=t, cameo=code.code, cameo_root=code.root,
                cameo_name=code.name, goldstein=code.goldstein, quad_class=code.quad_class,
                plover_type=code.plover_type, trigger=m.trigger.text,
                trigger_start=m.trigger.idx, trigger_end=m.trigger.idx + len(m.trigger.text),
                negated=neg, hypothetical=bool(hypo), headline=headline, rule=m.pattern.id,
                flags=flags + (["reciprocal"] if reversed_ else []),
            ))
        return out

    # --- actors -------------------------------------------------------------------------
    def _resolve_all(self, heads: list[Token], mentions: list[Mention]) -> list[Actor]:
        out = []
        for h in heads:
            a = self.resolver.resolve(h, mentions)
            if a is not None:
                out.append(a)
        return out

    def _modifier_actors(self, n: Token, mentions: list[Mention]) -> list[Actor]:
        """Actors named inside a noun's left side: "a South Korean offer", "Japan's curbs"."""
        for c in n.children:
            if c.dep_ == "poss":
                found = self._resolve_all(g.expand_conj(c), mentions)
                if found:
                    return found
        left = [m for m in mentions if m.end <= n.i and m.start >= n.left_edge.i]
        return [self.resolver.mention_actor(n.doc, m) for m in left[-1:]]

    def _targets(self, m: Match, mentions: list[Mention], sources: list[Actor]) -> list[Actor]:
        v = m.trigger
        groups: list[list[Token]] = []
        if g.is_passive(v):
            groups.append(g.passive_targets(v))
        if m.pattern.preps and not m.pattern.objects:
            groups.append([n for _, n in g.prep_objects(v, m.pattern.preps)])
        groups.append([o for o in g.direct_objects(v) if m.obj is None or o.i != m.obj.i])
        obj_preps = [n for _, n in g.prep_objects(m.obj, g.TARGET_PREPS)] if m.obj is not None \
            else []
        groups.append(obj_preps)
        groups.append([n for p, n in g.prep_objects(v, g.TARGET_PREPS)
                       if m.obj is None or n.i != m.obj.i])
        if m.xcomp is not None:
            groups.append(g.direct_objects(m.xcomp)
                          + [n for _, n in g.prep_objects(m.xcomp, g.TARGET_PREPS)])
        if m.pattern.code[:2] in CLAUSE_TARGET_ROOTS:
            # "demanded that Russia withdraw": who is asked, warned or blamed is the clause's
            # subject
            groups.append([s for c in v.children if c.dep_ == "ccomp"
                           for s in g.subjects(c)])
        src_keys = {_actor_key(s) for s in sources}
        for heads in groups:
            found = [a for a in self._resolve_all(heads, mentions)
                     if _actor_key(a) not in src_keys]
            if any(_known(a) for a in found):
                return found
        if m.obj is not None:
            found = [a for a in self._modifier_actors(m.obj, mentions)
                     if _actor_key(a) not in src_keys]
            if found:
                return found
        # the first actor named after the predicate in its own phrase ("opened an embassy in
        # Tehran", "aid for Romania"), as dictionary coders take the verb phrase's first actor
        lo, hi = v.i, v.right_edge.i
        for mention in mentions:
            if lo < mention.start and mention.end - 1 <= hi:
                actor = self.resolver.mention_actor(v.doc, mention)
                if _actor_key(actor) not in src_keys and not _in_other_clause(v, mention):
                    return [actor]
        for heads in groups:  # unknown names are better than nothing
            found = [a for a in self._resolve_all(heads, mentions)
                     if _actor_key(a) not in src_keys]
            if found:
                return found
        return []

    def _nominal_actors(self, m: Match, mentions: list[Mention]
                        ) -> tuple[list[Actor], list[Actor]]:
        n = m.trigger
        sources = self._modifier_actors(n, mentions)
        if not sources:
            sources = self._resolve_all([x for _, x in g.prep_objects(n, ("by",))], mentions)
        if not sources and n.dep_ in ("dobj", "attr") and n.head.pos_ in g.VERBAL:
            sources = self._resolve_all(g.subjects(n.head), mentions)
        preps = m.pattern.preps or frozenset(g.TARGET_PREPS + ("between", "of"))
        targets = self._resolve_all([x for _, x in g.prep_objects(n, preps)], mentions)
        src_keys = {_actor_key(s) for s in sources}
        targets = [t for t in targets if _actor_key(t) not in src_keys]
        return sources, targets


def _has_particle(v: Token, word: str) -> bool:
    """The parser labels particles prt, advmod or prep ("stepped down", "pulled out of")."""
    return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == word and c.i > v.i
               for c in v.children)


def _actor_key(a: Actor | None) -> str | None:
    if a is None:
        return None
    return a.code or a.text.lower()


def _same(a: Actor, b: Actor) -> bool:
    return _actor_key(a) == _actor_key(b)


def _known(a: Actor | None) -> bool:
    return a is not None and (a.country is not None or a.sector is not None)


def _is_fallback(e: Event, lexicon: Lexicon) -> bool:
    return e.rule in lexicon.fallback_ids


def _in_other_clause(v: Token, mention: Mention) -> bool:
    """Is the mention inside a clause with its own subject below `v` ("said that X ...")?"""
    tok = v.doc[mention.start]
    while tok.i != v.i and tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "advcl", "relcl", "conj") and any(
                c.dep_ in g.SUBJECT_DEPS for c in tok.children):
            return True
        tok = tok.head
    return False
