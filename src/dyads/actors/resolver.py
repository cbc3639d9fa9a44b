"""Resolve actor mentions in a parsed sentence to CAMEO actor codes.

The resolver answers two questions for the coder:
- `mentions(doc)`: which token spans name a country or group (a cheap check, run before parsing,
  so sentences with no actor are never parsed);
- `resolve(token)`: given the head of a noun phrase that fills an event slot, which actor it is.
An actor we cannot place keeps its text and gets no code: we never guess.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dyads.actors.knowledge import Entry, KnowledgeBase
from dyads.actors.people import GROUP_COUNTRIES, SURNAME_FIRST, Office, normalize
from dyads.lang import phrase_table, words
from dyads.model import Actor
from dyads.nlp import (
    POS_NOUN,
    POS_PROPN,
    VERBAL_POS,
    Text,
    children,
    columns,
    lefts,
    rights,
    span_text,
    string_id,
    string_ids,
    subtree_bounds,
    tokens,
)

# Dependents that belong to a noun phrase's left side ("the South Korean national adviser").
LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "punct"}
RIGHT_DEPS = {"flat", "compound", "nmod", "case"}
PRONOUNS = words("actors", "pronouns")
DETERMINERS = words("actors", "determiners")
# Proper nouns that are times, not actors ("rejected ... on Monday").
TIME_WORDS = words("actors", "time_words")
LOCATION_PREPS = {"in", "from", "of"}
# Kinds of knowledge entries that are organisations people can be members of.
ORGANISATION_KINDS = {"agency", "armed_group", "business", "igo", "ngo", "party", "un"}


# Pronouns that stand for an actor named elsewhere (the speaker, the previous subject).
ANAPHORS = words("actors", "anaphors")
FIRST_PERSON = {"we", "i"}
PLURAL_ANAPHORS = {"they", "we"}
REPORTING_VERBS = words("grammar", "reporting_verbs")
# Nouns of number: alone, in the plural, they count people ("[Thousands] marched in Paris");
# "groups" and "numbers" do not.
COUNT_NOUNS = words("grammar", "count_nouns") - {"group", "number"}
# Common nouns that head an organisation's name ("the Umma [party]", "the Homeland [front]")
ORGANISATION_WORDS = words("grammar", "organisation_words")
# Nouns of a role in a group, whose sector is the group's when the group is named before
# them ("rebel spokesman", "union officials", "student leaders").
ROLE_NOUNS = words("grammar", "role_nouns")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
POSSESSIVES = words("actors", "possessives")
MAKER_PARTICIPLES = words("actors", "maker_participles")
LEADER_NOUNS = words("actors", "leader_nouns")
OFFICE_TITLES = phrase_table("actors", "office_titles")
ARMED_GROUP_SECTORS = {"REB", "INS", "UAF", "IMG"}  # armed forces that are no state's
# Clause links through which a pronoun subject takes the governing clause's subject
# ("Japan said [it had halted aid]", "..., saying [they had lost trust]").
CLAUSE_DEPS = {"ccomp", "advcl", "conj", "xcomp", "parataxis", "relcl"}
# The labels and words as spaCy string ids, compared with `tok.dep` and `tok.lower`: reading
# `tok.dep_` or `tok.lower_` makes a new str every time.
LEFT_DEPS_IDS, RIGHT_DEPS_IDS = string_ids(LEFT_DEPS), string_ids(RIGHT_DEPS)
SUBJECT_DEPS_IDS, CLAUSE_DEPS_IDS = string_ids(SUBJECT_DEPS), string_ids(CLAUSE_DEPS)
ACOMP, AMOD, APPOS, COMPOUND, CONJ, FLAT, POBJ, POSS, PREP, XCOMP = map(string_id, (
    "acomp", "amod", "appos", "compound", "conj", "flat", "pobj", "poss", "prep", "xcomp"))
MODIFIER_DEPS = frozenset((COMPOUND, AMOD, string_id("nmod")))  # nouns before a head
OF, FOR, BETWEEN = string_id("of"), string_id("for"), string_id("between")
S_CLITIC = string_id("'s")
PRONOUNS_IDS, TIME_WORDS_IDS = string_ids(PRONOUNS), string_ids(TIME_WORDS)
DETERMINERS_IDS, FORCE_WORDS = string_ids(DETERMINERS), string_ids(("force", "forces"))
NNPS, TAG_POS = string_id("NNPS"), string_id("POS")  # tags: a plural name, a possessive 's


ACTOR, PERSON = string_id("ACTOR"), string_id("PERSON")  # the labels of name matches


class _NotedNames(threading.local):
    """Name matches of the sentences of the article last split, by the sentence's words
    (ORTH ids), per thread; None until an article is split with `note_article`."""

    by_words: dict[tuple[int, ...], list[tuple[int, int, int]]] | None = None
    doc: Doc | None = None  # the paragraph last read, and the ORTH ids of its words
    orths: list[int] | None = None


def _text(doc: Doc | Span, start: int, end: int) -> str:
    """The words of tokens `start`..`end` of `doc` (a span's indices are its own)."""
    return span_text(doc, start, end).text if isinstance(doc, Doc) else doc[start:end].text


@dataclass(frozen=True)
class Mention:
    start: int  # token index in the doc
    end: int
    entry: Entry


@dataclass
class Discourse:
    """What one article has said so far: the actor a later "he" or "it" may stand for.

    Created per article by the pipeline and updated sentence by sentence (never shared).
    """

    last_subject: Actor | None = None
    # names introduced with a title ("US Secretary of State Mike Pompeo"), by normalised
    # full name and surname, so a later "Pompeo" resolves
    people: dict[str, Actor] = field(default_factory=dict)
    # for short references (data/actors/references.yaml):
    seen: set[str] = field(default_factory=set)  # countries named so far ("the North")
    countries: list[Actor] = field(default_factory=list)  # country mentions, latest last
    last_pair: tuple[Actor, Actor] | None = None  # "both sides": two countries named together
    last_country: Actor | None = None  # "the country": the latest country subject
    agents: list[tuple[str, Actor]] = field(default_factory=list)  # "the minister": (agent
    # form, actor) of actors introduced with an agent, latest last


@dataclass
class Scope:
    """What the resolver knows while coding one sentence."""

    mentions: list[Mention]
    discourse: Discourse | None = None
    people: list[tuple[int, int]] = field(default_factory=list)  # spans of known names
    date: date | None = None  # the article's date: which office holder a name means
    resolved: dict[int, list[Actor]] = field(default_factory=dict)  # head index -> actors
    text: str = ""  # the sentence (Doc.text joins its tokens on every call)
    prev_pair: tuple[Actor, Actor] | None = None  # the discourse's pair before this sentence
    prev_countries: list[Actor] = field(default_factory=list)  # countries named before it
    refs: dict[int, list[Actor]] = field(default_factory=dict)  # short references, by head
    # actors of lists of heads (EventCoder._resolve_all), by their indices
    resolved_all: dict[tuple[int, ...], list[Actor]] = field(default_factory=dict)


# Offices in the order a name is read when a person held several at once.
OFFICE_RANK = {"head_of_state": 0, "head_of_government": 1, "party_leader": 2,
               "foreign_minister": 3, "defense_minister": 4, "interior_minister": 5}
FORMER = words("actors", "former")


class ActorResolver:
    """Matches knowledge-base forms in spaCy docs and resolves noun phrases to actors."""

    def __init__(self, kb: KnowledgeBase, nlp: Language):
        self.kb = kb
        # forms are tokenized by the model's own tokenizer so they match its tokens; the
        # forms of countries and groups (ACTOR) and people's names (PERSON) in one matcher,
        # as both are matched by exact form: one pass over a sentence finds both
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._names.add("ACTOR", [nlp.make_doc(f) for f in kb.entries])
        self._names.add("PERSON", [nlp.make_doc(f) for f in kb.people.name_forms()])
        self._noted = _NotedNames()
        self._agents = PhraseMatcher(nlp.vocab, attr="LOWER")
        agent_forms = set(kb.agents) | {_plural(a) for a in kb.agents}
        self._agents.add("AGENT", [nlp.make_doc(a) for a in agent_forms])
        self._max_agent_words = kb.max_agent_words  # computed once: it scans every agent
        self._agent_ends = {a.split()[-1] for a in kb.agents}  # last words of agent phrases
        self._agent_end_ids = string_ids(self._agent_ends)  # (to test `tok.lower`)
        self._refs = PhraseMatcher(nlp.vocab, attr="LOWER")  # "both sides", "the North"
        self._refs.add("REF", [nlp.make_doc(f) for f in kb.references.phrases()])
        # last words of the phrases a short reference is read from (see _short_reference)
        refs = kb.references
        self._ref_ends = {f.rsplit(" ", 1)[-1] for f in (*kb.agents, *refs.sets, *refs.pair,
                                                          *refs.country)}
        self._half_ends = {f.rsplit(" ", 1)[-1] for h in refs.halves for f in h.forms}

    def scope(self, doc: Doc, discourse: Discourse | None = None,
              on: date | None = None, text: str | None = None) -> Scope:
        """Everything the resolver needs for one parsed sentence; notes the sentence's
        countries in `discourse` for later short references."""
        names = self._name_matches(doc)
        mentions = self._mentions(doc, names)
        if on is not None and self.kb.dated:  # "Taliban" in 2019 and in 2023
            mentions = [replace(m, entry=self.kb.entry_on(m.entry.form, on))
                        if m.entry.form in self.kb.dated else m for m in mentions]
        scope = Scope(mentions, discourse, _longest(m for m in names if m[0] == PERSON), on,
                      text=doc.text if text is None else text)
        if discourse is not None:
            scope.prev_pair, scope.prev_countries = discourse.last_pair, discourse.countries[-8:]
            countries = [self.mention_actor(doc, m) for m in scope.mentions if _is_country(m)]
            discourse.seen.update(a.country for a in countries)
            # the parties "between" whom something is ("mediate between Israel and Hamas")
            # are the pair "both sides" later means, before other countries named
            pair = (self._between_pair(doc, scope.mentions) if " between " in scope.text
                    else None) or _first_two(countries)
            if pair:
                discourse.last_pair = pair
            discourse.countries = (discourse.countries + countries)[-8:]
        return scope

    # --- finding mentions -------------------------------------------------------------
    def mentions(self, doc: Doc | Span) -> list[Mention]:
        """Longest non-overlapping knowledge-base forms in `doc`."""
        return self._mentions(doc, self._name_matches(doc) if isinstance(doc, Doc)
                              else self._names(doc))

    def _mentions(self, doc: Doc | Span, names: list[tuple[int, int, int]]) -> list[Mention]:
        spans = [(start, end) for key, start, end in names if key == ACTOR]
        spans.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
        taken: set[int] = set()
        out = []
        offset = doc.start if isinstance(doc, Span) else 0
        for start, end in spans:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            entry = self.kb.entries[_text(doc, start, end)]
            if entry.kind == "adjective" and end + 1 < len(doc) and doc[end].text == "-" \
                    and doc[end + 1].lower_ in MAKER_PARTICIPLES:
                continue  # "Russian-made missiles" are no Russian actor: only their maker
            if entry.kind in ("adjective", "demonym") and start > 0 \
                    and doc[start - 1].lower_ == "ethnic":
                continue  # "ethnic Albanians in Kosovo" are of where they live, not Albania
            out.append(Mention(start + offset, end + offset, entry))
            if end - start >= 2 and start >= 2 and doc[start - 1].lower_ in ("and", "or") \
                    and start - 2 not in taken and doc[start - 2].is_title:
                # "[North] and South Korea", "[East] and West Germany": the first name
                # shares the second's last words
                shared = self.kb.entries.get(
                    f"{doc[start - 2].text} {_text(doc, start + 1, end)}")
                if shared is not None and shared.kind in ("name", "short"):
                    taken.add(start - 2)
                    out.append(Mention(start - 2 + offset, start - 1 + offset, shared))
        return sorted(out, key=lambda m: m.start)

    def has_actor(self, doc: Doc | Span, *, note: bool = False) -> bool:
        """Could this text hold an event? Any country, group, person or sector agent
        mentioned. With `note`, the names found are kept for the parse of this sentence
        (see `note_article`)."""
        names = self._names(doc)
        if note:
            noted = self._noted
            if noted.by_words is not None:
                # (matches index the whole doc, whose words are read once for its sentences)
                whole, offset = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
                if noted.doc is not whole:
                    noted.doc, noted.orths = whole, whole.to_array(ORTH).tolist()
                words = tuple(noted.orths[offset:offset + len(doc)])
                noted.by_words[words] = [(k, s - offset, e - offset) for k, s, e in names]
        return bool(names) or bool(self._agents(doc))

    def note_article(self) -> None:
        """Start keeping the names that `has_actor(..., note=True)` finds in an article's
        sentences, forgetting the previous article's: the sentences are parsed next, and
        a parse with the same words (ORTH) has the same names."""
        self._noted.by_words = {}
        self._noted.doc = self._noted.orths = None

    def _name_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The (label, start, end) matches of the name forms in a parsed sentence: those
        noted when its article was split, if it has the same words, else found again."""
        noted = self._noted.by_words
        if noted:
            found = noted.get(tuple(columns(doc).orth))
            if found is not None:
                return found
        return self._names(doc)

    def has_reference(self, doc: Doc | Span) -> bool:
        """Does this text hold a short reference ("the two countries", "the North")? Such a
        sentence can hold an event only once the article has named an actor."""
        return bool(self._refs(doc))

    # --- resolving a slot ---------------------------------------------------------------
    def resolve(self, head: Token, scope: Scope) -> Actor | None:
        """The actor named by the noun phrase headed by `head`, or None if it is not one."""
        mentions = scope.mentions
        low = head.lower
        if low in PRONOUNS_IDS and not any(m.start <= head.i < m.end for m in mentions):
            # "us" is a pronoun, "US" a country; subject pronouns take their antecedent
            return self.antecedent(head, scope) if head.lower_ in ANAPHORS else None
        if low in TIME_WORDS_IDS and not (  # "Theresa May" is no month
                head.is_title and any(c.dep == COMPOUND and c.pos == POS_PROPN
                                      for c in lefts(head))):
            return None
        lo, hi = np_bounds(head)
        # a name the parse cut ("Doctors [Without Borders]") still names its head word
        inside = [m for m in mentions if (m.start >= lo and m.end - 1 <= hi)
                  or m.start <= head.i < m.end]
        mention = _best_mention(head, inside)
        place = _location_mention(head, mentions)
        # "rebels in Darfur", "Albanians in south Serbia": CAMEO codes groups by where they are
        located = place is not None and (
            mention is None or (mention.entry.kind == "demonym"
                                and mention.start <= head.i < mention.end))
        if located and mention is None and self._possessor(head, scope) is not None:
            located = False  # "its forces in Crimea" are the possessor's, only placed there
        if located and mention is None and place.entry.kind == "capital" \
                and head.pos != POS_PROPN and not self.is_agent_noun(head):
            # a capital stands for a government when it places people, not things:
            # "[relations] with Pakistan in New Delhi" are no Indian government
            located = False
        if located:
            mention = place
        if mention is None:
            person = self._person(head, lo, hi, scope)
            if person is not None:
                span = _trim(head.doc, lo, hi)
                actor = replace(person, text=span.text, start=span.start_char,
                                end=span.end_char)
                self._note_agent(head, lo, hi, actor, scope)
                return actor
            refs = self._short_reference(head, lo, hi, scope)
            if refs:
                scope.refs[head.i] = refs
                if head.dep in SUBJECT_DEPS_IDS and scope.discourse and len(refs) == 1 \
                        and refs[0].country in scope.discourse.seen:
                    scope.discourse.last_country = refs[0]
                return refs[0]
        # (the phrase's sector and its words, read only for the answers that use them)
        sector, sector_src = self._head_sector(head)
        if mention is None:
            owner = self._possessor(head, scope)
            if owner is not None and any(c.dep == APPOS and c.pos == POS_PROPN
                                         for c in children(head)):
                # a named person apposed says who it is better than whose it is: "accused
                # his predecessor [Tansu Ciller]" is Ciller, not the accuser's own
                named = [f for c in children(head) if c.dep == APPOS and c.pos == POS_PROPN
                         and (f := self.resolve(c, scope)) is not None and f.country
                         and "person '" in (f.how or "")]
                if named:
                    span = _trim(head.doc, lo, max(hi, np_bounds(named_c := next(
                        c for c in children(head) if c.dep == APPOS and c.pos == POS_PROPN))[1]))
                    return replace(named[0], text=span.text, start=span.start_char,
                                   end=span.end_char,
                                   how=f"apposition {named_c.text!r}: {named[0].how}")
            if owner is not None:  # "China recalled its ambassador": the possessor's country
                sec = sector or owner.sector
                if sec == "MIL" and owner.sector in ARMED_GROUP_SECTORS:
                    sec = owner.sector  # "the rebel leader said his forces will disarm"
                code = owner.code if owner.code and owner.code[:3] != owner.country \
                    else owner.country + (sec or "")
                span = _trim(head.doc, lo, hi)
                return Actor(code, owner.country, sec, span.text, span.start_char,
                             span.end_char, owner.kb_id,
                             f"possessive = {owner.text!r} ({owner.how})")
            # "Salaheddine Sidhoum, Algeria's leading rights activist": the apposition says who
            for c in children(head):
                if c.dep == APPOS and c.lower_ not in PRONOUNS:
                    found = self.resolve(c, scope)
                    if found is not None and found.country:
                        if sector and found.sector is None and found.code == found.country:
                            # "the adviser, Chung Eui-yong of South Korea": KOR + GOV
                            inner = found
                            found = replace(found, code=found.country + sector, sector=sector)
                            if scope.discourse is not None:
                                people = scope.discourse.people
                                for k in [k for k, v in people.items() if v is inner]:
                                    people[k] = found
                        # (with an apposed name: "the then president, [Goodluck Jonathan]")
                        span = _trim(head.doc, lo, max(hi, np_bounds(c)[1])
                                     if c.pos == POS_PROPN else hi)
                        return replace(found, text=span.text, start=span.start_char,
                                       end=span.end_char,
                                       how=f"apposition '{found.text}': {found.how}")
            if sector:
                # (with an apposed name: "the journalist, [Moussa Tchangari]")
                names = [np_bounds(c)[1] for c in children(head)
                         if c.dep == APPOS and c.pos == POS_PROPN]
                span = _trim(head.doc, lo, max([hi, *names]))
                return Actor(None, None, sector, span.text, span.start_char, span.end_char,
                             None, f"agent '{sector_src}' without a country")
            named_body = head.pos == POS_NOUN and head.lemma_ in ORGANISATION_WORDS and any(
                c.dep == COMPOUND and c.pos == POS_PROPN for c in lefts(head))
            if (head.pos == POS_PROPN or named_body) \
                    and not (head.dep == CONJ and head.tag == NNPS):
                # (a plural coordinated name is part of a title: "Minister of Foreign
                # Affairs and [Expatriates]")
                # "President Laurent Gbago": an unknown name keeps its title's sector
                title, title_src = self._title_agent(head.doc, lo, head.i - 1)
                span = _trim(head.doc, lo, hi)
                return Actor(None, None, title, span.text, span.start_char, span.end_char,
                             None,
                             f"unknown name + title '{title_src}'" if title else "unknown name")
            return None
        entry = mention.entry
        if sector is None and head.pos == POS_PROPN and entry.code == entry.country \
                and not mention.start <= head.i < mention.end:
            # "Chinese Foreign Minister Wang Yi": the title before the name gives the sector
            sector, sector_src = self._title_agent(head.doc, lo, head.i - 1)
        if sector is None and not located:  # "Serbs in Belgrade" are no government
            sector = entry.sector
        code = entry.code + (sector or "") if entry.code == entry.country else entry.code
        how = f"{entry.kind} '{entry.form}'" + (f" + agent '{sector_src}'" if sector_src else "")
        span = _trim(head.doc, lo, hi)
        actor = Actor(code, entry.country, sector, span.text, span.start_char, span.end_char,
                      entry.source, how)
        self._bind(head, mention, actor, scope)
        if scope.discourse is not None:
            if sector_src:
                _note(scope.discourse.agents, sector_src, actor)
            if head.dep in SUBJECT_DEPS_IDS and _is_country(mention):
                scope.discourse.last_country = actor
        return actor

    # --- short references ---------------------------------------------------------------
    def _short_reference(self, head: Token, lo: int, hi: int, scope: Scope) -> list[Actor]:
        """Actors of a phrase that names them through the article so far (data in
        references.yaml): "the North" in a Korea story, "the two Koreas", "both sides", "the
        country", "the minister"; "the country's president" takes the country + GOV."""
        doc, refs = head.doc, self.kb.references
        # the common case, cheaply: the phrase's last word (or the head's lemma) ends no
        # reference, agent or half form, and the head has no possessor
        last = hi
        toks = tokens(doc)
        while last >= lo and (toks[last].is_punct or toks[last].tag == TAG_POS):
            last -= 1
        if last < lo:
            return []
        end, head_lemma = toks[last].text, head.lemma_.lower()
        if " " not in end and end.lower() not in self._ref_ends and end not in self._half_ends \
                and " " not in head_lemma and head_lemma not in self._ref_ends \
                and not any(c.dep == POSS for c in children(head)):
            return []
        words = [t for t in _tokens(doc, lo, hi) if not t.is_punct and t.tag != TAG_POS]
        definite = bool(words) and words[0].lower_ == "the"
        if definite:
            words = words[1:]
        if not words:
            return []
        text = " ".join(t.text for t in words)
        low = text.lower()
        lemma = " ".join([t.lower_ for t in words[:-1]] + [head.lemma_.lower()])
        poss = [c for c in children(head) if c.dep == POSS and c.i != head.i]
        if not (poss or (definite and (low in self.kb.agents or lemma in self.kb.agents))
                or low in refs.sets or low in refs.pair or lemma in refs.pair
                or low in refs.country or lemma in refs.country
                or any(text in h.forms for h in refs.halves)):
            return []  # the common case: no short reference, nothing more to compute
        sector, _ = self._sector(head)
        span = _trim(doc, lo, hi)

        def make(country: str, how: str, sec: str | None = sector, kb: str | None = None,
                 ) -> Actor:
            return Actor(country + (sec or ""), country, sec, span.text, span.start_char,
                         span.end_char, kb or refs.where, f"short reference '{span.text}': {how}")

        discourse = scope.discourse
        for half in refs.halves:
            if text in half.forms:
                seen = (discourse.seen if discourse else set()) | {
                    m.entry.country for m in scope.mentions if _is_country(m)}
                if seen & half.countries:
                    return [make(half.forms[text], "the article names "
                                 + "/".join(sorted(seen & half.countries)))]
        if low in refs.sets:
            return [make(c, "a set of countries") for c in refs.sets[low]]
        if low in refs.pair or lemma in refs.pair:
            here = _first_two([self.mention_actor(doc, m) for m in scope.mentions
                               if _is_country(m) and m.end <= lo])
            pair = here or scope.prev_pair
            if pair:
                where = "earlier in the sentence" if here else "in an earlier sentence"
                return [make(a.country, f"'{a.text}' and '{pair[1 - i].text}' named together "
                             f"{where}", kb=a.kb_id) for i, a in enumerate(pair)]
            return []
        if definite and (low in refs.country or lemma in refs.country):
            last = discourse.last_country if discourse else None
            if last is None:
                before = [self.mention_actor(doc, m) for m in scope.mentions
                          if _is_country(m) and m.end <= lo] or scope.prev_countries
                last = before[-1] if before else None
            if last is not None:
                return [make(last.country, f"the article's last country '{last.text}'",
                             kb=last.kb_id)]
            return []
        if definite and discourse is not None and len(words) <= 3 \
                and (low in self.kb.agents or lemma in self.kb.agents):
            form = low if low in self.kb.agents else lemma
            family = refs.agent_family(form)
            for earlier, actor in reversed(discourse.agents):
                last_word = earlier.split()[-1]
                if earlier in family or (" " not in form and last_word in family):
                    return [replace(actor, text=span.text, start=span.start_char,
                                    end=span.end_char,
                                    how=f"short reference '{span.text}': the article's "
                                        f"'{actor.text}' ({actor.how})")]
        for c in poss:  # "the country's president", "the North's leader"
            inner = self._short_reference(c, c.left_edge.i, c.i, scope)
            if len(inner) == 1 and sector:
                a = inner[0]
                return [replace(a, code=a.country + sector, sector=sector, text=span.text,
                                start=span.start_char, end=span.end_char)]
        return []

    def _note_agent(self, head: Token, lo: int, hi: int, actor: Actor, scope: Scope) -> None:
        """Remember a person with the agent their title (or office) gives, for a later
        "the minister"."""
        if scope.discourse is None or not actor.country:
            return
        doc = head.doc
        form = None
        for t in _tokens(doc, lo, hi):
            sec, src = self._sector(t)
            if sec:
                form = src
        if form is None:
            office = actor.how.split(":", 1)[1].split()[0] if actor.how and ":" in actor.how \
                else ""
            form = self.kb.references.offices.get(office)
        if form:
            _note(scope.discourse.agents, form, actor)

    # --- people -------------------------------------------------------------------------
    def _person(self, head: Token, lo: int, hi: int, scope: Scope) -> Actor | None:
        """A person named in the phrase: bound earlier in the article, or in the knowledge
        base with an office covering the article's date. Outside any office the title in
        the text decides (the caller's sector fallback); with no date, the country all of
        the name's offices share."""
        doc = head.doc
        bound = scope.discourse.people if scope.discourse else {}
        name = _name_tokens(head) if bound else None
        for key in (normalize(name), normalize(head.text)) if name else ():
            if key in bound:
                b = bound[key]
                return replace(b, how=f"'{head.text}' introduced earlier as {b.text!r}")
        # a known name, not a piece of a longer unknown one ("Khalifa" in "Muhammad Bin
        # Khalifa Al Thani"): the span holds the head or ends where the name ends
        toks = tokens(doc)
        spans = [(s, e) for s, e in scope.people if lo <= s and e - 1 <= hi
                 and (s <= head.i < e or e >= len(doc) or toks[e].pos != POS_PROPN)
                 and (s == 0 or toks[s - 1].pos != POS_PROPN or toks[s - 1].lower_ in _TITLE_WORDS
                      or s <= head.i < e)]
        if not spans:
            return None
        spans.sort(key=lambda se: not (se[0] <= head.i < se[1]))
        former = any(t.lower_ in FORMER for t in _tokens(doc, lo, hi))
        for s, e in spans:
            text = span_text(doc, s, e).text
            if scope.date is not None:
                offices = self.kb.people.lookup(text, scope.date)
                if not offices:
                    # "former President Lula" after his terms: an elite of his country
                    past = [o for o in self.kb.people.candidates(text) if o.start <= scope.date]
                    if former and past and len({o.country for o in past}) == 1 \
                            and past[0].country not in GROUP_COUNTRIES:
                        o = max(past, key=lambda o: o.start)
                        return self._office_actor(o, "ELI", f"person '{text}': former "
                                                  f"{o.office} to {o.end} ({o.where})")
                    continue
                o = min(offices, key=lambda o: OFFICE_RANK.get(o.office, 9))
                how = (f"person '{text}': {o.office} {o.start}–{o.end or ''} "
                       f"({o.where})")
                return self._office_actor(o, "ELI" if former else o.sector, how)
            cands = self.kb.people.candidates(text)
            countries = {o.country for o in cands}
            if len(countries) > 1:  # the title says which office: "UN Secretary-General X"
                title = " ".join(t.lower_ for t in _tokens(doc, lo, s - 1)).replace(" - ", "-")
                titled = [o for o in cands
                          if any(f in title for f in OFFICE_TITLES.get(o.office, ()))]
                if len({o.country for o in titled}) == 1:
                    cands, countries = titled, {titled[0].country}
            if len(countries) == 1:
                o = cands[0]
                sector = "ELI" if former else (self._title_sector(doc, lo, hi) or o.sector)
                return self._office_actor(o, sector, f"person '{text}' (undated: every office "
                                                     f"of the name is in {o.country})")
        return None

    @staticmethod
    def _office_actor(o: Office, sector: str, how: str) -> Actor:
        if o.country == "IGO" or (o.actor_code and sector == o.sector):
            code = o.code  # IGOUNO, or a dictionary's full code (PETRARCH: USAGOVBUS)
        else:
            code = o.country + sector
        return Actor(code, o.country, None if o.country == "IGO" else sector, o.name, 0, 0,
                     o.source, how)

    def _title_agent(self, doc: Doc, lo: int, hi: int) -> tuple[str | None, str | None]:
        """The last sector agent among tokens lo..hi (a title before a name)."""
        found: tuple[str | None, str | None] = (None, None)
        for t in _tokens(doc, lo, hi):
            hit = self._sector(t)
            if hit[0]:
                found = hit
        return found

    def _title_sector(self, doc: Doc, lo: int, hi: int) -> str | None:
        for t in _tokens(doc, lo, hi):
            sector, _ = self._sector(t)
            if sector:
                return sector
        return None

    def _bind(self, head: Token, mention: Mention, actor: Actor, scope: Scope) -> None:
        """Remember a name introduced with its country ("US Secretary of State Mike
        Pompeo") so the article's later "Pompeo" resolves to the same actor."""
        if scope.discourse is None or head.pos != POS_PROPN \
                or mention.start <= head.i < mention.end:
            return
        name = _name_tokens(head)
        if name and " " in name:
            people = scope.discourse.people
            people[normalize(name)] = actor
            people[normalize(head.text)] = actor
            # the surname alone: "Choe" of "Choe Son-hui", "Pompeo" of "Mike Pompeo"
            parts = name.replace("-", " ").split()
            people[normalize(parts[0] if actor.country in SURNAME_FIRST else parts[-1])] = actor

    def resolve_many(self, head: Token, scope: Scope) -> list[Actor]:
        """Like `resolve`, but one actor per country coordinated inside the noun phrase:
        "Sierra Leonean and Liberian refugees", "the Turkish and Greek sides"."""
        if head.i in scope.resolved:  # the same slot is read by several predicates
            return scope.resolved[head.i]
        found = scope.resolved[head.i] = self._resolve_many(head, scope)
        return found

    def _resolve_many(self, head: Token, scope: Scope) -> list[Actor]:
        actor = self.resolve(head, scope)
        if actor is None:
            return []
        if head.i in scope.refs:  # "both sides", "the two Koreas"
            return scope.refs[head.i]
        if actor.country is None:
            return [actor]
        doc = head.doc
        lo, hi = np_bounds(head)
        inside = [m for m in scope.mentions if lo <= m.start and m.end - 1 <= hi
                  and m.entry.country == m.entry.code]
        if len(inside) < 2:
            return [actor]
        at = {i: m for m in inside for i in range(m.start, m.end)}
        linked = {id(m): m for m in inside for i in range(m.start, m.end)
                  if doc[i].dep == CONJ and doc[i].head.i in at
                  and at[doc[i].head.i] is not m}
        for m in list(linked.values()):
            first = at[next(doc[i].head.i for i in range(m.start, m.end)
                            if doc[i].dep == CONJ)]
            linked[id(first)] = first
        out = [actor]
        for m in sorted(linked.values(), key=lambda m: m.start):
            if m.entry.country == actor.country:
                continue
            other = self.mention_actor(doc, m)
            sector = actor.sector if actor.sector else other.sector
            out.append(replace(other, sector=sector, code=m.entry.code + (sector or ""),
                               how=f"coordinated with '{actor.text}': {other.how}"))
        return out

    def _possessor(self, head: Token, scope: Scope) -> Actor | None:
        """Who "its"/"their" stands for in "its troops": the subject of the verb the phrase
        hangs from, or, for a subject phrase, the subject of the governing clause."""
        if not any(c.dep == POSS and c.lower_ in POSSESSIVES for c in children(head)):
            return None
        verb = head.head
        while verb.pos not in VERBAL_POS and verb.head.i != verb.i:
            verb = verb.head
        if head.dep not in SUBJECT_DEPS_IDS:
            # "Pakistan is willing to withdraw its troops": the controlling clause's subject
            while verb.dep in (XCOMP, ACOMP, CONJ) and verb.head.i != verb.i \
                    and not any(c.dep in SUBJECT_DEPS_IDS for c in children(verb)):
                verb = verb.head
            for c in children(verb):
                if c.dep in SUBJECT_DEPS_IDS and c.i != head.i:
                    found = (self.antecedent(c, scope) if c.lower_ in ANAPHORS
                             else self.resolve(c, scope))
                    return found if found is not None and found.country else None
            return None
        found = self.antecedent(head, scope, in_sentence=True)
        return found if found is not None and found.country else None

    def antecedent(self, pronoun: Token, scope: Scope, depth: int = 0, *,
                   in_sentence: bool = False) -> Actor | None:
        """The actor a subject pronoun stands for, or None.

        Inside the sentence: the subject of the clause that governs the pronoun's clause
        ("Japan said it had halted aid", "the rebels dismissed the appeal, saying they...").
        Failing that, the subject of the article's previous sentence.
        """
        if pronoun.dep not in SUBJECT_DEPS_IDS or depth > 2:
            return None
        if pronoun.lower_ in FIRST_PERSON:
            speaker = self._quoted_speaker(pronoun, scope)
            if speaker is not None:
                return speaker
        clause = pronoun.head
        while clause.dep in CLAUSE_DEPS_IDS and clause.head.i != clause.i:
            clause = clause.head
            for c in children(clause):
                if c.dep in SUBJECT_DEPS_IDS and c.i != pronoun.i:
                    if c.lower_ in ANAPHORS:
                        found = self.antecedent(c, scope, depth + 1)
                    else:
                        found = self.resolve(c, scope)
                    if found is not None and (found.country or found.sector):
                        if pronoun.lower_ in PLURAL_ANAPHORS and c.lower_ not in ANAPHORS:
                            # "Britain and Canada said [they] would": each of them
                            many = self.resolve_many(c, scope) + [
                                a for x in children(c) if x.dep == CONJ
                                for a in self.resolve_many(x, scope)]
                            if len(many) > 1:
                                scope.refs[pronoun.i] = [
                                    replace(a, how=f"'{pronoun.text}' = {a.how}") for a in many]
                        return replace(found, how=f"'{pronoun.text}' = {found.how}")
                    break
        last = scope.discourse.last_subject if scope.discourse and not in_sentence else None
        if last is not None:
            return replace(last, how=f"'{pronoun.text}' = previous subject ({last.how})",
                           start=pronoun.idx, end=pronoun.idx + len(pronoun.text),
                           text=pronoun.text)
        return None

    def _between_pair(self, doc: Doc, mentions: list[Mention]) -> tuple[Actor, Actor] | None:
        """The first two parties named after "between" ("talks between Israel and Hamas")."""
        for tok in tokens(doc):
            if tok.lower == BETWEEN and tok.dep == PREP:
                lo, hi = subtree_bounds(tok)
                inside = [self.mention_actor(doc, m) for m in mentions
                          if lo < m.start and m.end - 1 <= hi]
                found = _first_two(inside)
                if found:
                    return found
        return None

    def _quoted_speaker(self, pronoun: Token, scope: Scope) -> Actor | None:
        """Who "we" or "I" are inside a quote: the one the sentence says spoke ("... we urge
        the US side to stop," Zhao told reporters)."""
        verb = pronoun.head
        while verb.head.i != verb.i and (verb.lemma_.lower() not in REPORTING_VERBS
                                         or pronoun.head.i == verb.i):
            verb = verb.head
        if verb.lemma_.lower() not in REPORTING_VERBS or pronoun.head.i == verb.i:
            return None
        for c in children(verb):
            if c.dep in SUBJECT_DEPS_IDS and c.i != pronoun.i and c.lower_ not in PRONOUNS:
                found = self.resolve(c, scope)
                if found is not None and (found.country or found.sector):
                    return replace(found, how=f"'{pronoun.text}' = the speaker, {found.how}")
        return None

    def mention_actor(self, doc: Doc, m: Mention) -> Actor:
        """The actor a bare mention names ("South Korean" in "a South Korean offer")."""
        span = _trim(doc, m.start, m.end - 1)
        e = m.entry
        return Actor(e.code + (e.sector or "") if e.code == e.country else e.code, e.country,
                     e.sector, span.text, span.start_char, span.end_char, e.source,
                     f"{e.kind} '{e.form}'")

    def phrase_actor(self, head: Token) -> Actor:
        """The noun phrase of `head` as an actor of unknown code: what the text says."""
        span = _trim(head.doc, *np_bounds(head))
        return Actor(None, None, None, span.text, span.start_char, span.end_char, None,
                     "no known actor: the phrase only")

    def _led_group_sector(self, head: Token) -> tuple[str | None, str | None]:
        """The sector of the group a leader noun heads: "leaders of [the opposition
        coalition]" OPP, "a spokesman for [the rebels]" REB."""
        for p in children(head):
            if p.dep == PREP and p.lower_ in ("of", "for"):
                for n in children(p):
                    if n.dep == POBJ:
                        for w in (n, *[c for c in lefts(n) if c.dep in (COMPOUND, AMOD)]):
                            found = self._sector(w)
                            if found[0] is not None:
                                return found
        return None, None

    def _head_sector(self, head: Token) -> tuple[str | None, str | None]:
        """The sector of a phrase's head: its own or a multiword agent's, that of the group
        a leader noun heads, or that of a compound before it ("Saudi air force jets")."""
        sector, sector_src = self._sector(head)
        if head.lemma_.lower() in LEADER_NOUNS:
            led = self._led_group_sector(head)
            if led[0] is not None:
                sector, sector_src = led
        if sector is None and head.lemma_ in COUNT_NOUNS and head.lower_.endswith("s") \
                and not any(c.dep == PREP for c in children(head)):
            return "CVL", head.lower_  # "thousands marched", not "thousands of soldiers"
        if sector is None and head.pos == POS_NOUN:
            for c in lefts(head):
                if c.dep == COMPOUND and (c.pos == POS_NOUN or c.lower in FORCE_WORDS):
                    sector, sector_src = self._sector(c)
                    if sector:
                        break
        return sector, sector_src

    def is_agent_noun(self, tok: Token) -> bool:
        """Does the noun name people of a sector ("demonstrators", "troops")?"""
        return self._sector(tok)[0] is not None

    def _sector(self, head: Token) -> tuple[str | None, str | None]:
        """Sector from the head noun or a multiword agent ending at it ("prime minister")."""
        lemma = head.lemma_.lower()
        if head.lower not in self._agent_end_ids and lemma not in self._agent_ends:
            return None, None  # most heads are names: no agent ends in them
        longest = min(self._max_agent_words, head.i + 1)
        lowers = [t.lower_ for t in _tokens(head.doc, head.i - longest + 1, head.i)]
        for n in range(longest, 0, -1):
            words = lowers[-n:]
            for cand in (" ".join(words), " ".join(words[:-1] + [lemma])):
                hit = self.kb.agents.get(cand.strip())
                if hit:
                    if n == 1 and cand.strip() in ROLE_NOUNS:
                        # a role's sector is its group's: "rebel spokesmen" speak for
                        # rebels, "opposition protest leaders" lead the opposition
                        group = self._group_sector(head)
                        if group is not None:
                            return group
                    return hit[0], cand.strip()
        return None, None

    def _group_sector(self, head: Token) -> tuple[str, str] | None:
        # the nouns before the role in its phrase, nearest first ("opposition" in
        # "opposition protest leaders" modifies "protest")
        for mod in reversed(_tokens(head.doc, head.left_edge.i, head.i - 1)):
            if mod.dep not in MODIFIER_DEPS:
                continue
            for form in (mod.lower_, mod.lemma_.lower()):
                hit = self.kb.agents.get(form)
                if hit and form not in ROLE_NOUNS:
                    return hit[0], f"{form} {head.lower_}"
        return None


def _is_country(m: Mention) -> bool:
    """A mention of a country itself (name, adjective, capital...), not a group or a place."""
    e = m.entry
    return e.code == e.country and e.kind != "place" and len(e.country) == 3 \
        and e.country not in GROUP_CLASSES


GROUP_CLASSES = {"IGO", "NGO", "IMG", "MNC", "UNO", "INT"}


def _first_two(actors: list[Actor]) -> tuple[Actor, Actor] | None:
    """The first two actors of distinct countries."""
    out: list[Actor] = []
    for a in actors:
        if all(a.country != b.country for b in out):
            out.append(a)
            if len(out) == 2:
                return out[0], out[1]
    return None


def _note(agents: list[tuple[str, Actor]], form: str, actor: Actor) -> None:
    agents.append((form, actor))
    del agents[:-12]


def _longest(matches) -> list[tuple[int, int]]:
    """Longest non-overlapping (start, end) spans of PhraseMatcher matches."""
    spans = sorted(((s, e) for _, s, e in matches), key=lambda se: (se[0] - se[1], se[0]))
    taken: set[int] = set()
    out = []
    for s, e in spans:
        if not taken.intersection(range(s, e)):
            taken.update(range(s, e))
            out.append((s, e))
    return sorted(out)


def _name_tokens(head: Token) -> str | None:
    """The proper name ending at `head`: "Mike Pompeo" in "Secretary of State Mike Pompeo"."""
    if head.pos != POS_PROPN:
        return None
    toks = [head]
    cur = head.i - 1
    doc = head.doc
    doc_tokens = tokens(doc)
    while cur >= 0:
        t = doc_tokens[cur]
        # "Son-hui" split by the tokenizer
        if t.text == "-" and cur > 0 and doc_tokens[cur - 1].pos == POS_PROPN \
                and not t.whitespace_ and not doc_tokens[cur - 1].whitespace_:
            toks.insert(0, t)
            cur -= 1
            continue
        if t.pos == POS_PROPN and t.head.i in {x.i for x in toks} \
                and t.dep in (COMPOUND, FLAT) and t.lower_ not in _TITLE_WORDS:
            toks.insert(0, t)
            cur -= 1
            continue
        break
    return doc[toks[0].i: head.i + 1].text


# Capitalised title words that precede a name but are not part of it.
_TITLE_WORDS = words("actors", "title_words")


def np_bounds(head: Token) -> tuple[int, int]:
    """The first and last token index of the noun phrase headed by `head`, without clauses
    or most PPs: the head with the subtrees of its left dependents and its right names and
    of-phrases. Computed once per parsed sentence (every predicate that reads a slot asks
    again)."""
    cache = head.doc.user_data.setdefault("dyads.np_bounds", {})
    found = cache.get(head.i)
    if found is None:
        lo = hi = i = head.i
        for child in children(head):
            if (child.dep in LEFT_DEPS_IDS) if child.i < i else (
                    child.dep in RIGHT_DEPS_IDS or (child.dep == PREP and (
                        child.lower == OF or (  # "a spokesman [for the Taliban]"
                            child.lower == FOR and head.lemma_.lower() in LEADER_NOUNS)))):
                c_lo, c_hi = subtree_bounds(child)
                lo, hi = min(lo, c_lo), max(hi, c_hi)
        found = cache[i] = (lo, hi)
    return found


def _location_mention(head: Token, mentions: list[Mention]) -> Mention | None:
    """A country or capital named in a place phrase of the head ("rebels in the Ivory
    Coast"), or the organisation people are from or of ("investigators from the [U.N.] war
    crimes tribunal", "members of [Hamas]")."""
    for child in rights(head):
        if child.dep == AMOD and child.lower_ == "loyal":  # "fighters [loyal to] Taylor's NPFL"
            child = next((c for c in children(child) if c.dep == PREP and c.lower_ == "to"),
                         child)
        front = next((p for p in children(child) if p.dep == POBJ and p.lower_ == "front"),
                     None) if child.dep == PREP and child.lower_ == "in" else None
        if front is not None:
            # "students [in front of the U.S. embassy in Manila]" are where the embassy is,
            # not of its country
            found = next((f for of in children(front) if of.dep == PREP and of.lower == OF
                          for x in children(of) if x.dep == POBJ
                          if (f := _location_mention(x, mentions)) is not None), None)
            if found is not None:
                return found
            continue
        if child.dep == PREP and (child.lower_ in LOCATION_PREPS or child.lower_ == "to"
                                  and child.head.lower_ == "loyal"):
            lo, hi = child.i, child.right_edge.i
            member = child.lower_ != "in"
            for m in mentions:
                if lo < m.start and m.end - 1 <= hi and (
                        m.entry.country == m.entry.code
                        or member and m.entry.kind in ORGANISATION_KINDS):
                    return m
    return None


def _best_mention(head: Token, inside: list[Mention]) -> Mention | None:
    if not inside:
        return None
    for m in inside:
        if m.start <= head.i < m.end:
            return m
    left = [m for m in inside if m.end <= head.i]
    if left:
        return left[-1]
    return inside[0]


def _trim(doc: Doc, lo: int, hi: int) -> Text:
    toks = tokens(doc)
    while lo < hi and (toks[lo].lower in DETERMINERS_IDS or toks[lo].is_punct):
        lo += 1
    while hi > lo and (toks[hi].is_punct or toks[hi].tag == TAG_POS or toks[hi].lower == S_CLITIC):
        hi -= 1
    return span_text(doc, lo, hi + 1)


def _tokens(doc: Doc, lo: int, hi: int) -> list[Token]:
    """doc[lo: hi + 1] as a list (cheaper than a Span for 0 <= lo, hi < len(doc))."""
    return tokens(doc)[lo:hi + 1]


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"
