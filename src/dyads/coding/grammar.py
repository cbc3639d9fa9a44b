"""Reading a dependency parse: subjects, objects, control chains and modality.

These are facts about English syntax (as spaCy's parser labels it), not about events, so they
live apart from the lexicon and the coder that combines both. The word lists they use (control
verbs, modals, reporting verbs, nouns of time and measure...) are data: data/grammar/en.yaml.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyads.lang import phrase_table, words
from dyads.nlp import (
    NOMINAL_POS,
    POS_ADJ,
    POS_NOUN,
    POS_PROPN,
    POS_VERB,
    VERBAL_POS,
    children,
    columns,
    lefts,
    per_sentence,
    string_id,
    string_ids,
    tokens,
)

VERBAL = {"VERB", "AUX"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}  # "reflected", "reflects", "reflect" (present or past)
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
# Dependency labels as spaCy string ids, compared with `tok.dep` (an int): reading `tok.dep_`
# makes a new str every time, and the coder reads the labels of the parse very often.
(ACL, ACOMP, ADVCL, ADVMOD, AGENT, AMOD, APPOS, ATTR, AUX, AUXPASS, CCOMP, COMPOUND, CONJ,
 DATIVE, DET, DOBJ, EXPL, IOBJ, MARK, NEG, NMOD, NSUBJ, OBJ, PARATAXIS, PCOMP, POBJ, POSS,
 PREP, PRT, RELCL, ROOT, XCOMP) = map(string_id, (
    "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass",
    "ccomp", "compound", "conj", "dative", "det", "dobj", "expl", "iobj", "mark", "neg",
    "nmod", "nsubj", "obj", "parataxis", "pcomp", "pobj", "poss", "prep", "prt", "relcl",
    "ROOT", "xcomp"))
SUBJECT_DEPS_IDS = string_ids(SUBJECT_DEPS)
PASSIVE_SUBJECT_DEPS_IDS = string_ids(PASSIVE_SUBJECT_DEPS)
OBJECT_DEPS_IDS = string_ids(OBJECT_DEPS)
NOUN_PHRASE_DEPS_IDS = string_ids(("nsubj", "nsubjpass", "dobj", "pobj"))
# and words, compared with `tok.lower`
TO, FOR, OF, NO, YET, WHERE = map(string_id, ("to", "for", "of", "no", "yet", "where"))
# and tags, compared with `tok.tag`
VB, VBD, VBG, VBN, VBP, VBZ, NNP, NNS = map(string_id, (
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NNP", "NNS"))
DEP = string_id("dep")
CC, NPADVMOD = string_id("cc"), string_id("npadvmod")
# Verbs whose object, not subject, does what the complement says ("urged Iran to return").
OBJECT_CONTROL = words("grammar", "object_control")
# Governors after which the complement happened (or is happening): "began to withdraw".
REALIS_GOVERNORS = words("grammar", "realis_governors")
# Governors that deny their complement: "failed to attend", "has yet to respond".
NEGATING_GOVERNORS = words("grammar", "negating_governors")
# Verbs whose that-clause is denied: "Russia denied that its troops had attacked".
DENYING_GOVERNORS = words("grammar", "denying_governors")
MODALS = words("grammar", "modals")
ATTEMPT_NOUNS = words("grammar", "attempt_nouns")
# Objects of violent verbs that are what is fired or done, not whom it hits ("exchanged fire").
FIRE_NOUNS = words("grammar", "fire_nouns")
ATTRIBUTIVE_PARTICIPLES = words("grammar", "attributive_participles")
ARRIVAL_VERBS = words("grammar", "arrival_verbs")
HELD_PLACES = words("grammar", "held_places")
PASSING_VERBS = words("grammar", "passing_verbs")
PLACE_NOUNS = words("grammar", "place_nouns")
UNDERGOING_VERBS = words("grammar", "undergoing_verbs")
BEARING_VERBS = words("grammar", "bearing_verbs")
CAPACITY_NOUNS = words("grammar", "capacity_nouns")
DRAWING_VERBS = words("grammar", "drawing_verbs")
# Nouns of a decision taken, whose possessor does the infinitive ("Peru's decision to expel").
DECISION_NOUNS = words("grammar", "decision_nouns")
# Verbs of going somewhere, whose purpose infinitive is what the goers do there.
MOTION_VERBS = words("grammar", "motion_verbs")  # "an [attempt] to assassinate
MODALS_IDS = string_ids(MODALS)
FUTURE_AUX = words("grammar", "future_aux")  # "wo" is spaCy's token for the "wo" of "won't"
# Adjectives whose to-infinitive is an announced act ("is ready to send troops").
INTENT_ADJECTIVES = words("grammar", "intent_adjectives")
# Modals by which a speaker says what somebody else has to do ("X must withdraw").
OBLIGATION_MODALS = words("grammar", "obligation_modals")
OBLIGATION_MODALS_IDS = string_ids(OBLIGATION_MODALS)
# Verbs that report speech or thought: their complement clause is what was said.
REPORTING_VERBS = words("grammar", "reporting_verbs")
CONDITIONAL_MARKS = words("grammar", "conditional_marks")
CONDITIONAL_MARKS_IDS = string_ids(CONDITIONAL_MARKS)
BACKGROUND_MARKS_IDS = string_ids(words("grammar", "background_marks"))
# Prepositions that introduce the target of an act ("sanctions on", "talks with"); not
# places or topics ("in Geneva", "over Taiwan").
TARGET_PREPS = ("against", "on", "to", "with", "at", "toward", "towards", "into", "upon")


def verb_read_as_noun(doc) -> list[Token]:
    """The root the tagger called a noun though the parser gave it a verb's dependents: "EU
    and UN [hand] over medical supplies to ..." (present-tense verbs after a plural
    subject, which the small model often tags NNS/NN)."""
    for tok in tokens(doc):
        if tok.dep == ROOT:
            kids = {c.dep for c in children(tok)}
            # (or coordinated with a verb: "the government [rejects] and condemns the
            # decision")
            if tok.pos == POS_NOUN and NSUBJ in kids and (DOBJ in kids or PRT in kids or any(
                    c.dep == CONJ and c.pos == POS_VERB for c in children(tok))):
                return [tok]
            return []
    return []


COMPASS_WORDS = words("grammar", "compass_words")


def compass_places(tok: Token) -> list[Token]:
    """The places of "south of [Algiers]", "40 km north of [Kabul]" under `tok`."""
    return [n for c in children(tok) if c.dep in (ADVMOD, NPADVMOD, PREP) and c.lower_
            in COMPASS_WORDS for _, n in prep_objects(c, ("of",))]


WHEN_AS_IDS = string_ids(("when", "as"))


def when_clause(c: Token) -> bool:
    """Is `c` a clause of what happened at the time: "... [as they demanded ...]", "[as an
    army convoy passed]"?"""
    return c.dep == ADVCL and any(k.dep == MARK and k.lower in WHEN_AS_IDS for k in children(c))


def undergone(n: Token) -> bool:
    """Is the act noun `n` what its verb's subject comes under ("the patrol came under
    [attack]")?"""
    return n.dep == POBJ and n.head.lower_ == "under" \
        and n.head.head.lemma_.lower() in UNDERGOING_VERBS


def clause_chain(tok: Token, depth: int = 4) -> set[int]:
    """Indices of the verbs `tok` hangs on through participle clauses and coordination
    ("rallied ..., waving flags and [chanting] slogans" hangs on "rallied")."""
    out: set[int] = set()
    while depth and tok.dep in (ADVCL, CONJ) and tok.head.i != tok.i:
        tok = tok.head
        out.add(tok.i)
        depth -= 1
    return out


def locative_object(tok: Token) -> bool:
    """Is `tok` the noun of a place phrase: "near [Kabul]", "south of [Algiers]"?"""
    if tok.dep != POBJ:
        return False
    prep = tok.head
    return prep.lower_ in LOCATIVE_PREPS or (prep.lower == OF and prep.head.lower_ in COMPASS_WORDS)


def noun_read_as_verb(tok: Token) -> bool:
    """A word the tagger called a bare verb where the parser made it a noun phrase's head
    ("[Aid] from the EU reached Moldova": a capitalised first word is often tagged VB)."""
    return tok.tag in (VB, VBP) and tok.dep in NOUN_PHRASE_DEPS_IDS and not any(
        c.dep in SUBJECT_DEPS_IDS or c.dep in (AUX, DOBJ) for c in children(tok))


def expand_conj(tok: Token) -> list[Token]:
    """`tok` and the heads coordinated with it ("Israel and Jordan")."""
    out = [tok]
    for c in lefts(tok):  # "[Erdogan] and Russian President Vladimir Putin" (misparsed)
        if c.dep in (NMOD, COMPOUND) and c.pos == POS_PROPN and any(
                k.dep == CC for k in children(c)) and any(
                k.dep == CONJ and k.lower_ in TITLE_NOUNS for k in children(c)):
            out.append(c)
        elif c.dep == NMOD and c.pos == POS_NOUN and any(k.dep == CC for k in children(c)):
            out.append(c)  # "Sudan's [government] and southern rebels" (misparsed)
    for child in children(tok):
        if child.dep == CONJ and tok.tag == NNS and child.pos == POS_PROPN \
                and child.left_edge.i > 0 and tok.doc[child.left_edge.i - 1].text == "," \
                and not any(k.dep == CC for k in children(tok)):
            continue  # names apposed to a plural, misparsed: "the foreign ministers of Iran
            # and Iraq, [Ali Akbar Velayati] and Mohammed Saeed al-Sahaf, met"
        if child.dep == CONJ and child.pos == tok.pos or (
                child.dep == CONJ and child.pos in NOMINAL_POS):
            out.extend(expand_conj(child))
        elif child.dep == APPOS and tok.pos == POS_PROPN and child.pos == POS_PROPN \
                and any(k.dep == CONJ for k in children(child)):
            # a list the parser read as an apposition: "The United States, [India], Israel,
            # Pakistan and other governments have sent"
            out.extend(expand_conj(child))
    return out


def is_passive(v: Token) -> bool:
    return any(c.dep in PASSIVE_SUBJECT_DEPS_IDS or c.dep == AUXPASS for c in children(v)) or (
        v.dep == ACL and v.tag == VBN)


def passive_agents(v: Token) -> list[Token]:
    """The 'by' phrase of a passive ("was attacked by rebels")."""
    for c in children(v):
        if c.dep == AGENT:
            for p in children(c):
                if p.dep == POBJ:
                    return expand_conj(p)
    return []


def subjects(v: Token, depth: int = 0) -> list[Token]:
    """Who does `v`, following coordination, control and relative clauses."""
    if depth > 6:
        return []
    if is_passive(v):
        return passive_agents(v)
    for c in children(v):
        if c.dep in SUBJECT_DEPS_IDS and c.dep != EXPL:
            if v.tag == VBP and c.tag == NNP:
                # a plural verb after one name and another before or apposed to it is a
                # list: a headline's "Pakistan, India agree to resume talks"
                listed = [k for k in children(c) if k.dep == APPOS and k.tag == NNP] + [
                    k for k in children(v) if k.i != c.i and k.tag == NNP
                    and (k.dep == NSUBJ or k.dep == NPADVMOD and k.i < c.i)]
                return [a for k in sorted([c, *listed], key=lambda t: t.i)
                        for a in expand_conj(k)]
            if v.tag == VBP and c.tag == NNS:
                # ... as is a plural noun phrase before it and a comma: "Israeli troops,
                # Hizbollah guerrillas clash"
                listed = [k for k in children(v) if k.dep == DEP and k.i < c.i
                          and k.tag in (NNS, NNP) and k.i + 1 < len(v.doc)
                          and v.doc[k.i + 1].text == ","]
                if listed:
                    return [a for k in [*listed, c] for a in expand_conj(k)]
            return expand_conj(c)
    head = v.head
    if head.i == v.i:
        # a headline's "Turkey expels Dutch ambassador": the parser made the subject a
        # compound of the verb
        # (or an unlabelled name before a headline's infinitive: "[US] to ease Cuba
        # embargo")
        return [c for c in lefts(v) if c.dep == COMPOUND and c.pos == POS_PROPN
                and v.tag == VBZ][-1:] or [
            c for c in lefts(v) if c.dep == DEP and c.pos == POS_PROPN and v.tag == VB
            and any(a.dep == AUX and a.lower_ == "to" for a in children(v))][-1:]
    if v.dep == XCOMP:
        if head.dep == ROOT and head.pos not in VERBAL_POS and head.pos != POS_ADJ:
            return [head]  # a headline's "NK (yet) to respond ...": the root is the subject
        if head.lemma_ in OBJECT_CONTROL:
            for c in children(head):
                if c.dep in (DOBJ, OBJ):
                    return expand_conj(c)
            if is_passive(head):  # "Iran was urged to return": the urged one returns
                return [c for c in children(head) if c.dep in PASSIVE_SUBJECT_DEPS_IDS]
        return subjects(head, depth + 1)
    if v.dep == CONJ and head.pos in VERBAL_POS:
        return subjects(head, depth + 1)
    committed = _committed_to(v)
    if committed is not None:  # "France is committed to [sending] aid"
        if is_passive(committed):  # "is committed": its subject, however it is labelled
            # (also one the parser hung on the auxiliary)
            near = [committed] + [a for a in children(committed) if a.dep in (AUX, AUXPASS)]
            return [c for w in near for c in children(w)
                    if c.dep in PASSIVE_SUBJECT_DEPS_IDS or c.dep in SUBJECT_DEPS_IDS]
        return subjects(committed, depth + 1)
    if v.dep in (ADVCL, PCOMP) and v.tag in (VBG, VBN):
        return subjects(head, depth + 1)
    if dispatched_purpose(v):  # "Egypt sent a delegation to mediate": Egypt mediates
        return subjects(head, depth + 1)
    if purpose_clause(v) and head.lemma_.lower() in MOTION_VERBS:
        return subjects(head, depth + 1)  # "soldiers deployed to Nigeria [to train] ...
    if v.dep == ACL and head.lemma_ in DECISION_NOUNS and head.dep in SUBJECT_DEPS_IDS \
            and to_infinitive(v):
        # "[Peru's] decision to expel the ambassador drew protests": who decided does it
        # (a decision praised or protested against is what the sentence reacts to)
        return [c for c in children(head) if c.dep == POSS]
    attempt = attempted(v)  # "rebels made an attempt [to assassinate] ...", not "foiled"
    if attempt is not None and attempt.dep == DOBJ \
            and attempt.head.lemma_.lower() not in AVERTING_VERBS:
        return subjects(attempt.head, depth + 1)
    if v.dep == CCOMP and head.lemma_ == "let" and v.i == head.i + 1:
        return subjects(head, depth + 1)  # "Ethiopia let [free] 74 political leaders"
    if v.dep == ACOMP and head.pos in VERBAL_POS:  # "Norway is [willing] to send"
        return subjects(head, depth + 1)
    if v.dep == RELCL and head.pos in NOMINAL_POS:
        return [head]
    return []


def passive_targets(v: Token) -> list[Token]:
    """The patient of a passive: its subject, or the noun a passive participle modifies."""
    if v.dep == ACL and v.tag == VBN:
        return [v.head]
    for c in children(v):
        if c.dep in PASSIVE_SUBJECT_DEPS_IDS:
            return expand_conj(c)
    if v.dep == CONJ and is_passive(v.head):
        return passive_targets(v.head)
    if v.dep == CONJ and v.head.pos in VERBAL_POS:
        # "the Pope arrived in Havana and [was greeted] by Castro": the first verb's doer
        return [s for c in children(v.head) if c.dep in SUBJECT_DEPS_IDS
                for s in expand_conj(c)]
    return []


# Words for a part of a group, which stands for the group ("expelled some of the peacekeepers").
PARTITIVES = words("grammar", "partitives")
PARTITIVES_IDS = string_ids(PARTITIVES)
# Prepositions that place an act ("near Kabul"): a capital there is a place, not a government.
LOCATIVE_PREPS = words("grammar", "locative_preps")


def partitive_whole(tok: Token) -> Token | None:
    """The group a part stands for: "peacekeepers" in "some of the peacekeepers"."""
    if tok.lower not in PARTITIVES_IDS:
        return None
    return next((n for p in children(tok) if p.dep == PREP and p.lower == OF
                 for n in children(p) if n.dep == POBJ), None)


def direct_objects(v: Token) -> list[Token]:
    out: list[Token] = []
    for c in children(v):
        if c.dep in OBJECT_DEPS_IDS or c.dep in (DATIVE, IOBJ):
            out.extend(expand_conj(partitive_whole(c) or c))
        elif c.dep == NPADVMOD and c.i > v.i and c.pos in NOMINAL_POS \
                and c.lower not in TIME_NOUNS_IDS and (
                    v.dep == ROOT and v.tag == VBZ or c.left_edge.i == v.i + 1
                    and not any(k.dep_ == "nummod" for k in children(c))):
            # "Turkey expels Dutch [ambassador]" (headline misparse), "eased curfew
            # [hours]" (but not a measure: "rose [5 percent]")
            out.append(c)
        elif c.dep == CCOMP and infinitive_clause(c):  # "allowed [the candidate] to run"
            out.extend(x for k in children(c) if k.dep == NSUBJ
                       for x in expand_conj(partitive_whole(k) or k))
        elif c.dep == PRT:  # "handed in [their weapons]": the parser hangs it on the particle
            out.extend(x for k in children(c) if k.dep == POBJ for x in expand_conj(k))
    if not out:
        reduced = _reduced_relative(v)
        if reduced is not None:  # "will not accept [refugees] fleeing the violence"
            out.extend(expand_conj(reduced[0]))
        for c in children(v):  # "allow [UN agencies] [access]" parsed as a small clause
            if c.dep == CCOMP and c.pos == POS_NOUN and c.i > v.i:
                out.append(c)
                out.extend(s for s in children(c) if s.dep == NSUBJ)
    return out


def _reduced_relative(v: Token) -> tuple[Token, Token] | None:
    """(noun, participle) of "accept [refugees fleeing X]" when the parser made the noun
    the subject of a complement clause right after the verb."""
    for c in children(v):
        if c.dep == CCOMP and c.tag == VBG and c.i > v.i \
                and not any(k.dep == AUX for k in children(c)):  # (not "[were] gathering")
            subj = [s for s in children(c) if s.dep == NSUBJ and s.pos in NOMINAL_POS]
            if subj and subj[0].left_edge.i == v.i + 1:
                return subj[0], c
    return None


# Nouns of time: "called Netanyahu on Sunday" is no "call on".
TIME_NOUNS = words("grammar", "time_nouns")
TIME_NOUNS_IDS = string_ids(TIME_NOUNS)
# Words heading prepositional phrases that attribute or explain, never name a participant
# ("according to the Canadian Press", "due to sanctions", "thanks to Qatar's mediation").
NON_ARGUMENT_PREPS = words("grammar", "non_argument_preps")
NON_ARGUMENT_PREPS_IDS = string_ids(NON_ARGUMENT_PREPS)
NAMING_VERBS = words("grammar", "naming_verbs")


def names_something(v: Token) -> bool:
    """Does `v` only name what it speaks of ("[what] it called ceasefire violations")?"""
    return v.lemma_.lower() in NAMING_VERBS and any(
        c.dep == DOBJ and c.lower_ in ("what", "which") for c in children(v))


# Titles before a name ("Ambassador Yasuo Morita"): the lexicon's object nouns.
TITLE_NOUNS = words("actors", "title_words")


def for_to_clause(c: Token) -> bool:
    """Is `c` the verb of a "for X to do" clause ("called [for Burma to institute
    reforms]"), which the parser makes an adverbial clause with 'for' as its mark?"""
    return c.dep == ADVCL and any(k.dep == MARK and k.lower == FOR for k in children(c)) \
        and to_infinitive(c)


DISPATCH_VERBS = words("grammar", "dispatch_verbs")
DISPATCHED_PEOPLE = words("grammar", "dispatched_people")


def dispatched_purpose(v: Token) -> bool:
    """Is `v` what envoys are sent to do ("sent a delegation [to mediate]")?"""
    return v.dep in (ADVCL, XCOMP) and v.head.lemma_.lower() in DISPATCH_VERBS \
        and to_infinitive(v) \
        and not any(k.dep in SUBJECT_DEPS_IDS for k in children(v)) \
        and any(o.dep in OBJECT_DEPS_IDS and o.lemma_.lower() in DISPATCHED_PEOPLE
                for o in children(v.head))


# "let [inspectors] resume": causatives whose complement is a bare infinitive
BARE_INFINITIVE_VERBS = words("grammar", "bare_infinitive_verbs")


def to_infinitive(v: Token) -> bool:
    """Is the verb `v` a to-infinitive ("[to] train", "[to] assassinate")?"""
    return any(k.dep == AUX and k.lower == TO for k in children(v))


def purpose_clause(v: Token) -> bool:
    """Is `v` an infinitive saying what its head's subject acts for ("deployed to Nigeria [to
    train] soldiers", "gave firearms [to help] in operations")?"""
    return v.dep == ADVCL and v.head.pos in VERBAL_POS \
        and v.head.lemma_ not in OBJECT_CONTROL and attempted(v) is None \
        and to_infinitive(v) \
        and not any(k.dep in SUBJECT_DEPS_IDS for k in children(v))


def purpose_of(v: Token) -> Token | None:
    """The purpose clause `v` is, or is part of through complements and coordination ("to
    [help] defend", "to help [defend]"), if any."""
    for _ in range(6):
        if purpose_clause(v):
            return v
        if v.dep not in (XCOMP, CONJ, DOBJ) or v.head.i == v.i:
            return None
        v = v.head
    return None


def infinitive_clause(c: Token) -> bool:
    """Is `c` an infinitive with its own subject that the parser made a clausal complement:
    "allowed [the candidate to run]", "asked [Iran to free them]"? The subject is the
    governing verb's object and the infinitive its complement, as in "urged Iran to"."""
    return c.dep == CCOMP and (to_infinitive(c) or c.tag in (VB, VBP) and c.i > c.head.i
                               and c.head.lemma_.lower() in BARE_INFINITIVE_VERBS) \
        and any(k.dep == NSUBJ for k in children(c))


def prep_objects(tok: Token, preps: frozenset[str] | tuple[str, ...] | None = None
                 ) -> list[tuple[str, Token]]:
    """(preposition, noun) pairs under `tok`, also through a particle ("pull out of talks")."""
    out: list[tuple[str, Token]] = []
    for c in children(tok):
        if c.lower in NON_ARGUMENT_PREPS_IDS:
            continue
        if c.dep == ADVCL and (preps is None or "for" in preps) and for_to_clause(c):
            # "called for [Burma] to institute reforms": who is to do it is for's object
            out.extend(("for", n) for k in children(c) if k.dep in SUBJECT_DEPS_IDS
                       for n in expand_conj(k))
            continue
        if c.dep == PREP and c.lower_ == "in" and any(p.dep == POBJ and p.lower_ == "front"
                                                       for p in children(c)):
            # "in front of the embassy" is outside it
            if preps is None or "outside" in preps:
                out.extend(("outside", n) for p in children(c) if p.lower_ == "front"
                           for _, n in prep_objects(p, ("of",)))
            continue
        if c.dep in (PREP, DATIVE) and (preps is None or c.lower_ in preps):
            for p in children(c):
                if p.dep == POBJ and p.lower not in TIME_NOUNS_IDS:  # not "on Sunday"
                    out.extend((c.lower_, n) for n in expand_conj(p))
                elif p.dep == PCOMP and p.tag == VBG:  # "accused X of [embezzling]"
                    people = [o for o in children(p) if o.dep == DOBJ] \
                        if p.lemma_.lower() in ATTRIBUTIVE_PARTICIPLES else []
                    # (but "concessions to striking [miners]": the participle describes them)
                    out.extend((c.lower_, n) for o in people[:1] for n in expand_conj(o))
                    if not people:
                        out.append((c.lower_, p))
                elif p.dep == PREP:  # "out of", "away from"
                    out.extend(prep_objects(c, preps=None))
        elif c.dep == PRT or (c.dep == PREP and any(p.dep == PREP
                                                          for p in children(c))):
            out.extend(prep_objects(c, preps))  # "walked out of the talks"
    return out


# Verbs of purpose clauses that name whom an act is aimed at ("struck to protest X").
PURPOSE_VERBS = words("grammar", "purpose_verbs")
# Nouns of "in protest against X", "in response to X", "in retaliation for X".
PURPOSE_NOUNS = words("grammar", "purpose_nouns")


def participle_agents(n: Token) -> list[Token]:
    """Who did what a noun phrase describes: the 'by' agents of participles on `n` or on its
    'of' object ("the return of property [seized by government forces]")."""
    out: list[Token] = []
    for w in (n, *[x for _, x in prep_objects(n, ("of",))]):
        out += [a for c in children(w) if c.dep == ACL and c.tag == VBN
                for a in passive_agents(c)]
    return out


def purpose_objects(v: Token) -> list[Token]:
    """Nouns a purpose clause or phrase of `v` aims at: "began a strike [to protest X]"."""
    out: list[Token] = []
    for c in children(v):
        if c.dep in (ADVCL, XCOMP) and c.lemma_ in PURPOSE_VERBS \
                and to_infinitive(c):
            out += direct_objects(c) + [n for _, n in prep_objects(c, TARGET_PREPS + ("from",))]
        elif c.dep == PREP and c.lower_ == "in":
            for p in children(c):
                if p.dep == POBJ and p.lemma_ in PURPOSE_NOUNS:
                    out += [n for _, n in prep_objects(p, TARGET_PREPS + ("of", "for"))]
    return out


def modifier_clause_tokens(doc) -> set[int]:
    """Indices of the tokens inside noun-modifying clauses (see `in_modifier_clause`),
    found in one pass over the sentence."""
    out: set[int] = set()
    candidates = []  # verbs a "where" or a misparsed participle hangs on, checked after
    # read the parse as arrays: making a Token for every word costs more than the test
    cols = columns(doc)
    relcl, acl, ccomp, vbg, where = RELCL, ACL, CCOMP, VBG, WHERE
    if relcl not in cols.dep and acl not in cols.dep and ccomp not in cols.dep \
            and where not in cols.lower:
        return out  # most sentences: none of the labels and words looked for below
    toks = tokens(doc)
    for i, (dep, tag, low) in enumerate(zip(cols.dep, cols.tag, cols.lower, strict=True)):
        if dep == relcl or dep == acl:
            t = toks[i]
            if i not in out and in_modifier_clause(t):
                out.update(x.i for x in t.subtree)
        elif low == where or (dep == ccomp and tag == vbg):
            candidates.append(toks[i].head)
    for v in candidates:
        if v.i in out or v.pos not in VERBAL_POS:
            continue
        if _where_clause(v):
            out.update(x.i for x in v.subtree)
            continue
        reduced = _reduced_relative(v)
        if reduced is not None:  # "refugees [fleeing the violence]" describes them
            noun, participle = reduced
            out.update(x.i for x in participle.subtree if x.i > noun.right_edge.i
                       or x.i == participle.i)
    return out


def _reported_where(v: Token) -> bool:
    """A non-restrictive "where" clause with a named doer reports news of its own: "in New
    York, [where Guterres urged an end to the fighting]"."""
    first = v.left_edge
    return first.lower_ == "where" and first.i > 0 and v.doc[first.i - 1].lower_ == "," \
        and any(c.dep == NSUBJ and c.pos == POS_PROPN for c in children(v))


def _where_clause(v: Token) -> bool:
    """A clause opened by "where" right after a noun ("the city of Susangerd [where 100
    people were killed]") describes the place, whatever the parser hung it on."""
    first = v.left_edge
    if first.lower_ != "where" or first.i == 0 or first.head.i != v.i:
        return False
    if _reported_where(v):
        return False
    before = v.doc[first.i - 1]
    if before.is_punct and before.i > 0:
        before = v.doc[before.i - 1]
    return before.pos in NOMINAL_POS


def in_modifier_clause(tok: Token) -> bool:
    """Is `tok` inside a clause that modifies a noun (relative clause, participle)?

    Not an infinitive ("steps [to ease tensions]", "a plan [to withdraw]": what is planned),
    and not a "participle" hung on a sentence whose root is a noun: that is the parser
    misreading a plain clause ("The FARC disarmed under the deal").
    """
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep in (RELCL, ACL) and cur.pos in VERBAL_POS:
            infinitive = to_infinitive(cur)
            misparsed = cur.dep == ACL and cur.head.dep == ROOT \
                and cur.head.pos in NOMINAL_POS and cur.tag in (VBD, VBN)
            if not (infinitive or misparsed or _reported_where(cur)):
                return True
            if infinitive and cur.dep == ACL and cur.head.lemma_.lower() in CAPACITY_NOUNS:
                return True  # "powers [to ban gatherings]": allowed, not done
        cur = cur.head
    return False


def background_clause(tok: Token) -> str | None:
    """The subordinator of the time clause `tok` is in, if it is one that sets the scene
    ("demanded elections [after a special court cleared him]", "after [meeting] Putin"):
    that act happened on another day, and is reported where it happened, not here."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep == ADVCL:
            for c in children(cur):
                if c.dep in (MARK, ADVMOD) and c.lower in BACKGROUND_MARKS_IDS:
                    return c.lower_
        elif cur.dep == PCOMP and cur.head.lower in BACKGROUND_MARKS_IDS \
                and cur.pos_ in VERBAL:
            return cur.head.lower_
        cur = cur.head
    return None


def indicative(v: Token) -> bool:
    """Is the clause of `v` a plain statement ("unrest reflected", "it is enforcing", "has
    been"), not a subjunctive ("that he [resign]") nor a modal ("should resign")?"""
    if v.tag_ in FINITE_TAGS:
        # a present form may be a subjunctive: after a singular subject ("that the United
        # States [lift] sanctions"), or after a past verb that does not shift it back
        # ("insisted that the rebels [lay] down their arms")
        return v.tag_ != "VBP" or not (v.head.tag_ == "VBD" or any(
            s.tag_ in ("NN", "NNP") or s.lower_ in ("he", "she", "it") for s in subjects(v)))
    auxes = [c for c in children(v) if c.dep in (AUX, AUXPASS)]
    return bool(auxes) and auxes[0].tag_ in FINITE_TAGS and not any(
        a.lower in MODALS_IDS or a.lower_ in FUTURE_AUX for a in auxes)


def governors(v: Token) -> list[Token]:
    """Verbs above `v` along complement/coordination chains, nearest first."""
    out = []
    cur = v
    while cur.dep in (XCOMP, CONJ, CCOMP, ADVCL, RELCL) and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def has_neg(tok: Token) -> bool:
    return any(c.dep == NEG or (c.dep == DET and c.lower == NO) for c in children(tok))


def negated(v: Token) -> bool:
    """Negated itself, or under a negating/negated control verb ("did not agree to meet")."""
    if has_neg(v):
        return True
    if any(c.lower == YET and c.dep == ADVMOD for c in children(v)):
        # "has yet to respond": 'yet' hangs on the governing 'have'
        return True
    if any(c.dep in OBJECT_DEPS_IDS and any(k.dep == DET and k.lower == NO for k in children(c))
           for c in children(v)):
        return True  # "made [no] concessions", "will accept [no] more refugees"
    cur = v
    while cur.dep in (XCOMP, CONJ, CCOMP) and cur.head.i != cur.i:
        head = cur.head
        if cur.dep == CCOMP:  # "denied that its troops had attacked"
            return head.lemma_ in DENYING_GOVERNORS and not has_neg(head)
        if cur.dep == XCOMP and (head.lemma_ in NEGATING_GOVERNORS or has_neg(head)
                                    or any(c.lower == YET for c in children(head))):
            return True
        cur = head
    return False


def attempted(v: Token) -> Token | None:
    """The noun of an attempt whose act `v` is ("an [attempt] to assassinate the governor")."""
    if not to_infinitive(v):
        return None
    if v.dep == ACL and v.head.lemma_ in ATTEMPT_NOUNS:
        return v.head
    if v.dep == ADVCL:  # (hung by the parser on the verb: "foiled a plot [to assassinate]")
        return next((o for o in children(v.head) if o.dep == DOBJ
                     and o.lemma_ in ATTEMPT_NOUNS and o.i < v.i), None)
    return None


def failed(v: Token) -> bool:
    """Is `v` what its subject failed to do ("failed to [reach] agreement")?"""
    return v.dep == XCOMP and v.head.lemma_ == "fail"


def modal(v: Token) -> str | None:
    """'hypothetical' when the event is only possible, conditional, claimed or asked about."""
    for c in children(v):
        if c.dep == AUX and c.lower in MODALS_IDS:
            return f"modal '{c.lower_}'"
        if c.dep == MARK and c.lower in CONDITIONAL_MARKS_IDS:
            return f"conditional '{c.lower_}'"
    claim = claimed_by(v)
    if claim is not None:
        return f"claimed ('{claim.lemma_.lower()}')"
    if v.dep == CCOMP and v.head.lemma_.lower() in MANDATIVE_VERBS and not indicative(v):
        return f"complement of '{v.head.lemma_.lower()}'"  # "demanded that Japan [end] it"
    if dispatched_purpose(v):  # what envoys are sent to do is done as they are sent
        return modal(v.head)
    if v.dep == XCOMP or for_to_clause(v) or infinitive_clause(v):
        head = v.head
        if head.lemma_ not in REALIS_GOVERNORS:
            return f"complement of '{head.lemma_}'"
        return modal(head)
    if v.dep == CONJ and v.head.pos in VERBAL_POS:
        return modal(v.head)
    return None


def future(v: Token) -> bool:
    return any(c.dep == AUX and c.lower_ in FUTURE_AUX for c in children(v))


CLAIMING_VERBS = words("grammar", "claiming_verbs")
MANDATIVE_VERBS = words("grammar", "mandative_verbs")
ANAPHORS = words("actors", "anaphors")  # "claimed [they] had attacked"


def claimed_by(v: Token) -> Token | None:
    """The verb of unproven assertion whose that-clause holds `v` ("claimed [they had
    attacked] the base")."""
    cur = _first_conjunct(v)
    if cur.dep == CCOMP and cur.head.lemma_.lower() in CLAIMING_VERBS:
        return cur.head
    return None


def _first_conjunct(v: Token) -> Token:
    """The first of the verbs coordinated with `v` ("attacked ... and [killed]")."""
    while v.dep == CONJ and v.head.pos in VERBAL_POS:
        v = v.head
    return v


def reported(v: Token) -> Token | None:
    """The reporting verb whose complement clause holds `v` ("said [it would meet]")."""
    cur = _first_conjunct(v)
    if cur.dep in (CCOMP, PARATAXIS) and cur.head.lemma_ in REPORTING_VERBS:
        return cur.head
    # "..., the official said": the reporting verb is the clause's own dependent
    for c in children(cur):
        if c.dep in (CCOMP, PARATAXIS, CONJ) and c.lemma_ in REPORTING_VERBS and c.i > cur.i \
                and any(s.dep in SUBJECT_DEPS_IDS for s in children(c)) \
                and not any(o.dep in (CCOMP, DOBJ) for o in children(c)) \
                and (c.dep != CONJ or _appended_speaker(c)):
            return c
    return None


def _appended_speaker(c: Token) -> bool:
    """"Norway will suspend its role, the minister [warned]": a reporting verb the parser
    made a conjunct is the speaker's, when only a comma comes before its subject (no "and")."""
    subject = next(s for s in children(c) if s.dep in SUBJECT_DEPS_IDS)
    start = subject.left_edge.i
    return start > 0 and c.doc[start - 1].text == "," \
        and not any(k.dep == CC and k.i < c.i for k in children(c.head))


def _committed_to(v: Token) -> Token | None:
    """The intent word of "is committed / ready to [sending]" (a gerund after "to")."""
    if v.dep != PCOMP or v.tag != VBG or v.head.lower != TO:
        return None
    gov = v.head.head
    return gov if gov.lemma_.lower() in INTENT_ADJECTIVES or gov.lower_ in INTENT_ADJECTIVES \
        else None


AVERTING_VERBS = words("grammar", "averting_verbs")
SUPPORT_VERBS = words("grammar", "support_verbs")
JOINING_VERBS = words("grammar", "joining_verbs")
PARTICIPATION_VERBS = phrase_table("grammar", "participation_verbs")


def participation_verb(n: Token) -> Token | None:
    """The verb by which the subject takes part in the event noun `n`: "were [participating]
    in a hunger strike", "[went] on strike", "[took] part in the protests"."""
    if n.dep != POBJ:
        return None
    prep = n.head
    verb = prep.head
    if verb.lemma_.lower() == "part" and verb.dep == DOBJ:  # "took part [in]"
        verb = verb.head
    if verb.pos_ in VERBAL and prep.lower_ in PARTICIPATION_VERBS.get(verb.lemma_.lower(), ()):
        return verb
    return None


def averted(tok: Token) -> str | None:
    """The verb by which the act of `tok` (a noun or verb) is kept from happening: "to
    prevent [a civil war]", "avoided [clashes]", "prevented Iran from [acquiring] arms"."""
    head = tok.head
    if tok.dep == PCOMP and head.dep == PREP:
        head = head.head
    elif tok.dep not in (DOBJ, XCOMP):
        return None
    return head.lemma_.lower() if head.lemma_.lower() in AVERTING_VERBS else None


def is_attribution(v: Token) -> bool:
    """Is the reporting verb `v` the attribution of a report ("..., the military said",
    "..., reports Ansa") rather than a statement of its own? Its clause comes first."""
    if v.dep in (CCOMP, PARATAXIS) and v.head.i < v.i and v.head.pos in VERBAL_POS:
        return True
    return any(c.dep in (CCOMP, PARATAXIS) and c.i < v.i and c.pos in VERBAL_POS
               for c in children(v))


def demanded_clause(v: Token) -> Token | None:
    """The that-clause of "X said (that) Y must act": its verb, if it carries an obligation
    modal and a subject of its own."""
    for c in children(v):
        if c.dep == CCOMP and c.i > v.i and c.pos in VERBAL_POS and obligation(c) \
                and any(s.dep in SUBJECT_DEPS_IDS or s.dep in PASSIVE_SUBJECT_DEPS_IDS
                        for s in children(clause_verb(c))):
            return c  # (also "said [military intervention] must be avoided")
    return None


def intent_marker(v: Token) -> str | None:
    """Why `v` is an announced or intended act rather than a done one, if it is one.

    "will release", "is going to meet", "is ready to send", and "said it would meet" (the
    future of reported speech). A plain "would" outside reported speech stays hypothetical.
    """
    aux = {c.lower_ for c in children(v) if c.dep == AUX}
    if aux & FUTURE_AUX:
        return "future"
    if v.dep == ROOT and "to" in aux:
        return "future (headline 'X to ...')"  # "Egypt to send aid to Gaza"
    if v.dep == XCOMP:
        head = v.head
        if head.tag == VBG and head.lemma_ == "go":
            return "future 'going to'"
        if head.dep == ROOT and head.pos not in VERBAL_POS and head.pos != POS_ADJ:
            return "future (headline 'X to ...')"
        if head.pos == POS_ADJ and head.lemma_ in INTENT_ADJECTIVES:
            return f"intent '{head.lemma_}'"
    committed = _committed_to(v)
    if committed is not None:
        return f"intent '{committed.lower_}'"
    if "would" in aux and "have" not in aux and reported(v) is not None:
        return "reported 'would'"
    if v.dep == CONJ and v.head.pos in VERBAL_POS:  # "will lay down arms and disband"
        return intent_marker(v.head)
    return None


def clause_verb(v: Token) -> Token:
    """The finite verb of `v`'s clause when `v` hangs from an adjective ("is ready to act")."""
    if v.dep == XCOMP and v.head.pos == POS_ADJ and v.head.dep == ACOMP:
        return v.head.head
    return v


def obligation(v: Token) -> str | None:
    """The modal of "Y must/should <act>" ("must be ready to <act>"), if `v` carries one."""
    for c in children(clause_verb(v)):
        if c.dep == AUX and c.lower in OBLIGATION_MODALS_IDS:
            return c.lower_
    return None


# Nouns of measure and number whose "of" phrase names the thing itself ("25,000 tons of food
# aid", "scores of refugees", "millions of dollars in loans").
QUANTITY_NOUNS = words("grammar", "quantity_nouns")


THEIR = string_id("their")
MUTUAL_WORDS = words("grammar", "mutual_words")
RELATION_NOUNS = words("grammar", "relation_nouns")


def mutual_marker(v: Token) -> str | None:
    """What says that a predicate's coordinated doers act on each other: "held [joint]
    exercises", "massed troops along [their border]", "accused [each other]"."""
    skip = {t.i for s in subjects(v) for t in s.subtree}
    for t in v.subtree:
        if t.i in skip:
            continue
        lemma = t.lemma_.lower()
        if lemma in MUTUAL_WORDS and t.dep in (AMOD, ADVMOD):
            return f"mutual '{t.text}'"
        if t.lower_ in ("other", "another") and t.i > 0 \
                and t.doc[t.i - 1].lower_ in ("each", "one"):
            return f"mutual '{t.doc[t.i - 1].text} {t.text}'"
        if lemma in RELATION_NOUNS and any(c.dep == POSS and c.lower == THEIR
                                           for c in children(t)):
            return f"mutual 'their {t.text}'"
    return None


# The lexicon's word for any named place (a country, capital, city or region the actor
# knowledge names; the coder lists their tokens in doc.user_data[PLACES_KEY]): "the rebels
# captured [<place>]" ("seized Kabul") as well as "captured [the town]".
PLACE_KEY = "<place>"
PLACES_KEY = "dyads.places"


def noun_keys(n: Token, measures: bool = True) -> set[str]:
    """Ways a noun can be named in the lexicon: lemma, form, and with its compounds.

    A noun of measure also goes by what it measures: "tons of food aid" is food aid.
    """
    cache = n.doc.user_data.setdefault("dyads.noun_keys", {})  # per parsed sentence
    if (n.i, measures) in cache:
        return cache[(n.i, measures)]
    keys = cache[(n.i, measures)] = _noun_keys(n, measures)
    return keys


def _noun_keys(n: Token, measures: bool) -> set[str]:
    lemma, low = n.lemma_.lower(), n.lower_  # each read makes a new str
    keys = {lemma, low}
    comps = [c for c in lefts(n) if c.dep in (COMPOUND, AMOD) and c.i == n.i - 1]
    if not comps and n.left_edge.i < n.i and n.doc[n.i - 1].pos_ == "NOUN":
        # the noun before it, however the parser hung it: "search-and-[rescue] teams"
        comps = [n.doc[n.i - 1]]
    if comps:
        keys.add(f"{comps[0].lemma_.lower()} {lemma}")
        keys.add(f"{comps[0].lower_} {low}")
        c = comps[0].i
        if c >= 2 and n.doc[c - 1].lower_ == "-":  # "no-fly zone" as written: "no - fly zone"
            keys.add(f"{n.doc[c - 2].lower_} - {comps[0].lower_} {lemma}")
    elif n.i >= 2 and n.doc[n.i - 1].lower_ == "-":  # "cease-fire" is a ceasefire
        first = n.doc[n.i - 2].lower_
        keys |= {f"{first}{low}", f"{first}{lemma}", f"{first}-{low}", f"{first} {lemma}"}
    if n.i in n.doc.user_data.get(PLACES_KEY, ()):  # a named place: "seized [Kabul]"
        keys.add(PLACE_KEY)
    for c in children(n):  # "show of force", "weapon of mass destruction"
        if c.dep == PREP and c.lower == OF:
            for p in children(c):
                if p.dep == POBJ:
                    tails = {p.lemma_.lower(), p.lower_}
                    before = p.doc[p.i - 1]
                    if before.head.i == p.i and before.dep in (COMPOUND, AMOD):
                        tails.add(f"{before.lemma_.lower()} {p.lemma_.lower()}")
                    keys |= {f"{head} of {tail}" for head in (lemma, low) for tail in tails}
    if n.pos == POS_PROPN:  # a titled name goes by its title: "[Ambassador] Yasuo Morita"
        for c in lefts(n):
            if c.dep == COMPOUND and c.lower_ in TITLE_NOUNS:
                keys.add(c.lower_)
                prev = n.doc[c.i - 1] if c.i > 0 else None
                if prev is not None and prev.dep in (COMPOUND, AMOD) and prev.head.i in (
                        c.i, n.i):
                    keys.add(f"{prev.lower_} {c.lower_}")  # "[deputy] high commissioner"
    if measures and lemma in QUANTITY_NOUNS:
        for c in children(n):
            if c.dep == PREP and c.lower_ in ("of", "in"):
                for p in children(c):
                    if p.dep == POBJ:
                        keys |= noun_keys(p)
    return keys


def noun_modifiers(n: Token) -> set[str]:
    """Words that say what a noun is about: "offer of talks", "talks offer", "offer to meet"."""
    out: set[str] = set()
    for c in children(n):
        if c.dep in (COMPOUND, AMOD, NMOD):
            out |= noun_keys(c)
        elif c.dep == PREP:
            for p in children(c):
                if p.dep == POBJ:
                    for q in expand_conj(p):
                        out |= noun_keys(q) | noun_modifiers(q)
                elif p.dep == PCOMP:
                    out |= verb_keys(p)
        elif c.dep in (ACL, RELCL):
            out |= verb_keys(c)
    return out


def verb_keys(v: Token) -> set[str]:
    """A complement verb and what it takes: "to meet", "to hold talks", "to return to talks"."""
    keys = {v.lemma_.lower()}
    for o in direct_objects(v):
        keys |= noun_keys(o)
    for _, o in prep_objects(v):
        keys |= noun_keys(o)
    for c in children(v):
        if c.dep == CONJ and c.pos in VERBAL_POS:
            keys |= verb_keys(c)
    return keys


# The coder asks the same questions of the same tokens for every pattern and predicate; the
# answers depend only on the parse, so they are kept while one sentence is read
# (dyads.nlp.per_sentence).
is_passive = per_sentence(is_passive)
passive_agents = per_sentence(passive_agents)
passive_targets = per_sentence(passive_targets)
subjects = per_sentence(subjects)
direct_objects = per_sentence(direct_objects)
verb_keys = per_sentence(verb_keys)
noun_modifiers = per_sentence(noun_modifiers)
