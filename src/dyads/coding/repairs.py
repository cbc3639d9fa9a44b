"""Parse repairs: a pipeline component that corrects attachments the small English model
gets wrong in a regular way, before any reading of the parse (grammar.py) sees them.

Each repair is narrow, named and tested (tests/test_repairs.py); the words it relies on live in
data/grammar/en.yaml like the grammar's other word lists.
"""

from __future__ import annotations

from spacy.attrs import DEP, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from dyads.lang import words

SUBJECT_CONTROL = words("grammar", "subject_control")
HEADLINE_VERBS = words("grammar", "headline_verbs")
INTRANSITIVE_ACTS = words("grammar", "intransitive_acts")
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# both repairs start from an adverbial clause or a participle: most sentences have neither
_ADVCL, _ACL = get_string_id("advcl"), get_string_id("acl")
_COMPOUND = get_string_id("compound")
_VERBAL_POS = {AUX, VERB}  # part-of-speech ids, as `to_array(POS)` gives them


def displaced_complement(doc: Doc) -> int:
    """"Kazakhstan offered [on Tuesday] to expand cooperation": a control verb's
    to-complement after an adjunct is parsed as an adverbial clause (a purpose); it is the
    complement (xcomp), as with no adjunct between. Returns how many were relabelled."""
    fixed = 0
    for tok in doc:
        head = tok.head
        if tok.dep_ != "advcl" or head.i >= tok.i or head.pos_ != "VERB" \
                or head.lemma_.lower() not in SUBJECT_CONTROL:
            continue
        kids = list(tok.children)
        if not any(k.dep_ == "aux" and k.lower_ == "to" for k in kids) \
                or any(k.dep_ in _SUBJECT_DEPS or k.dep_ == "mark" for k in kids) \
                or any(k.dep_ == "xcomp" for k in head.children):
            continue
        # only an adjunct between: every word between the verb and "to" hangs from the verb
        # through a preposition, a noun of time or an adverb ("on Tuesday", "again")
        start = min(k.i for k in kids if k.dep_ == "aux")
        between = doc[head.i + 1:start]
        tops = [w for w in between if w.head.i == head.i]
        if not tops or any(w.dep_ not in ("prep", "npadvmod", "advmod") for w in tops) \
                or any(not (head.i < w.head.i < start or w.head.i == head.i) for w in between):
            continue
        tok.dep_ = "xcomp"
        fixed += 1
    return fixed + _complement_on_an_adjunct(doc)


def _complement_on_an_adjunct(doc: Doc) -> int:
    """"The Council voted 10-0 [with five abstentions on Tuesday] to impose an embargo": the
    to-complement after a longer adjunct is parsed as modifying the adjunct's noun
    ("abstentions [to impose]"); it is the control verb's complement when the verb has none
    and every word between hangs from the verb through adjuncts."""
    fixed = 0
    for tok in doc:
        if tok.dep_ != "acl" or tok.pos_ != "VERB" or tok.head.i >= tok.i:
            continue
        kids = list(tok.children)
        if not any(k.dep_ == "aux" and k.lower_ == "to" and k.i < tok.i for k in kids) \
                or any(k.dep_ in _SUBJECT_DEPS or k.dep_ == "mark" for k in kids):
            continue
        # climb from the noun through pobj/prep/npadvmod links to a control verb
        verb, link = tok.head, None
        while verb.dep_ in ("pobj", "prep", "npadvmod") and verb.head.i != verb.i:
            link, verb = verb, verb.head
        if link is None or link.dep_ not in ("prep", "npadvmod") or verb.pos_ != "VERB" \
                or verb.lemma_.lower() not in SUBJECT_CONTROL \
                or any(k.dep_ in ("xcomp", "dobj", "ccomp") for k in verb.children):
            continue
        tok.head = verb
        tok.dep_ = "xcomp"
        fixed += 1
    return fixed


@Language.component("dyads_parse_repairs")
def parse_repairs(doc: Doc) -> Doc:
    # (read the labels as one array: a Token per word costs more than the repairs)
    labels = set(doc.to_array(DEP).tolist())
    if _COMPOUND in labels and not _VERBAL_POS & set(doc.to_array(POS).tolist()):
        headline_verb(doc)
    if _ADVCL not in labels and _ACL not in labels:
        return doc
    displaced_complement(doc)  # first: its complement shows the participle is a verb
    verbless_sentence(doc)
    return doc


def headline_verb(doc: Doc) -> int:
    """"U.S. [lifts] travel ban to Lebanon": in a sentence without a verb, a headline verb
    read as a plural noun between a name and a noun phrase is the verb, the name its subject
    and the phrase its object. Returns how many were fixed."""
    for tok in doc:
        if tok.dep_ != "compound" or tok.tag_ not in ("NNS", "VBZ") or tok.i == 0 \
                or tok.lemma_.lower() not in HEADLINE_VERBS or tok.head.i <= tok.i \
                or doc[tok.i - 1].pos_ != "PROPN":
            continue
        obj = tok.head
        subject = [t for t in doc[:tok.i] if t.head.i in (obj.i, tok.i)]
        if not subject or obj.head.i != obj.i:
            continue  # only the root phrase: "[U.S.] lifts [travel ban]"
        subj = subject[-1]
        tok.pos_, tok.tag_, tok.dep_ = "VERB", "VBZ", "ROOT"
        tok.head = tok
        for t in subject:
            t.head = subj if t is not subj else tok
        subj.dep_ = "nsubj"
        obj.head, obj.dep_ = tok, "dobj"
        return 1
    return 0


_ACTIVE_DEPS = {"dobj", "xcomp", "ccomp", "dative"}


def verbless_sentence(doc: Doc) -> int:
    """"Tamil Tiger rebels offered on Thursday to observe a ceasefire": with no finite verb
    of its own, the parser may make the subject the root and the verb a participle modifying
    it ("rebels [offered ...]"); a participle that takes an object or a complement is the
    sentence's verb, with the noun as its subject, as is one of a verb that is never passive
    ("Hundreds of students [protested] outside the embassy"). (A passive headline's
    participle takes no object: "Five soldiers killed in ambush" stays as parsed.) Returns
    how many were fixed."""
    fixed = 0
    for noun in [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN")]:
        verbs = [c for c in noun.rights if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")]
        if not verbs:
            continue
        verb = verbs[0]
        if not (any(k.dep_ in _ACTIVE_DEPS for k in verb.children)
                or verb.lemma_.lower() in INTRANSITIVE_ACTS) \
                or any(k.dep_ in ("auxpass", "agent") for k in verb.children) \
                or any(t.i < verb.i and t.pos_ in ("VERB", "AUX") for t in noun.children):
            continue
        # the noun's own modifiers before the verb stay with it; what follows the verb and
        # hung on the noun is the verb's ("..., [the ministry said]")
        later = [c for c in noun.children if c.i > verb.i]
        verb.head = verb
        verb.dep_ = "ROOT"
        noun.head = verb
        noun.dep_ = "nsubj"
        for c in later:
            c.head = verb
        fixed += 1
    return fixed
