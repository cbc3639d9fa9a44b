"""Load the event lexicon (data/lexicon/*.yaml, see its README) into match-ready patterns."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import yaml

from dyads.cameo import Ontology, ontology
from dyads.nlp import string_ids

FIELDS = {"code", "verb", "particle", "prep", "object", "object_mod", "xcomp", "noun",
          "subject", "reciprocal", "fallback", "example", "note"}
ANY = "*"
# Up to this many patterns with objects, a verb's patterns are all tried (Lexicon.verb_patterns)
FEW_OBJECT_PATTERNS = 4


class LexiconError(ValueError):
    """A malformed lexicon file; the message names file and line."""


@dataclass(frozen=True)
class Pattern:
    id: str  # "file.yaml:LINE"
    code: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    particle: str | None
    preps: frozenset[str]
    objects: frozenset[str]
    object_mods: frozenset[str]
    xcomps: frozenset[str]
    reciprocal: bool
    fallback: bool
    example: str
    subjects: frozenset[str] = frozenset()  # who must do it ("[peacekeepers] arrived")

    @cached_property
    def specificity(self) -> int:
        """More conditions = more specific; used to pick among matching patterns."""
        return (4 * bool(self.xcomps) + 3 * bool(self.object_mods) + 2 * bool(self.objects)
                + 3 * bool(self.subjects) + bool(self.preps) + bool(self.particle))


@dataclass
class Lexicon:
    patterns: list[Pattern]

    def __post_init__(self) -> None:
        self.by_verb: dict[str, list[Pattern]] = defaultdict(list)
        self.by_noun: dict[str, list[Pattern]] = defaultdict(list)
        self.fallback_ids = {p.id for p in self.patterns if p.fallback}
        # phrasal verbs written with a space ("walk out"): verb lemma -> (particle, pattern)
        self.by_phrasal: dict[str, list[tuple[str, Pattern]]] = defaultdict(list)
        for p in self.patterns:
            for v in p.verbs:
                head, _, rest = v.partition(" ")
                if rest and " " not in rest:
                    self.by_phrasal[head].append((rest, p))
                else:
                    self.by_verb[v].append(p)
            for n in p.nouns:
                self.by_noun[n].append(p)
        # head words of event nouns (the last word; before "of" in "show of force"): a noun
        # that heads none of them cannot be an event noun
        self.noun_heads = {n.split(" of ")[0].split()[-1] for n in self.by_noun}
        self.noun_head_ids = string_ids(self.noun_heads)  # to test `tok.lower`
        # most specific first, later files (user additions) before earlier ones at equal rank
        order = {p.id: i for i, p in enumerate(self.patterns)}
        for table in (self.by_verb, self.by_noun):
            for plist in table.values():
                plist.sort(key=lambda p: (-p.specificity, -order[p.id]))
        for pairs in self.by_phrasal.values():
            pairs.sort(key=lambda rp: (-rp[1].specificity, -order[rp[1].id]))
        # per verb lemma: its patterns in trying order, those without an object, and the
        # patterns each object key may satisfy, apart for patterns whose object is a direct
        # object (see verb_patterns)
        self._verb_index: dict[str, tuple[list[Pattern], list[int], list[Pattern],
                                          dict[str, list[int]], dict[str, list[int]]]] = {}
        for lemma, plist in self.by_verb.items():
            direct: dict[str, list[int]] = defaultdict(list)
            other: dict[str, list[int]] = defaultdict(list)
            for i, p in enumerate(plist):
                for o in p.objects:
                    (other if p.preps or p.xcomps else direct)[o].append(i)
            plain = [i for i, p in enumerate(plist) if not p.objects]
            # a verb with few object patterns tries them all: cheaper than reading its nouns
            if len(plist) - len(plain) <= FEW_OBJECT_PATTERNS:
                direct.clear()
                other.clear()
            # (the patterns without an object, ready: what most verbs' nouns leave)
            self._verb_index[lemma] = (plist, plain, [plist[i] for i in plain], dict(direct),
                                       dict(other))
        self.verb_lemmas = frozenset(self._verb_index)  # lemmas with non-phrasal patterns

    def verb_patterns(self, lemma: str, keys: Callable[[], set[str]],
                      object_keys: Callable[[], set[str]] | None = None) -> Sequence[Pattern]:
        """The patterns of a verb lemma in trying order (most specific first), less those
        with objects of which none can be found: `keys()` are the lexicon keys of every noun
        the verb governs, `object_keys()` those of its direct objects (and passive subjects),
        where a pattern with neither prepositions nor complements looks for its object. Each
        is called only when needed."""
        entry = self._verb_index.get(lemma)
        if entry is None:
            return ()
        plist, plain, plain_patterns, direct, other = entry
        if not direct and not other:  # no patterns with objects, or few (see __post_init__)
            return plist
        fit: set[int] = set()
        if direct:
            for k in direct.keys() & (object_keys or keys)():
                fit.update(direct[k])
        if other:
            for k in other.keys() & keys():
                fit.update(other[k])
        if not fit:
            return plain_patterns
        return [plist[i] for i in sorted(fit.union(plain))]

    def __len__(self) -> int:
        return len(self.patterns)


def _words(value, classes: dict[str, list[str]], where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}: expected words, got {item!r}")
        if item.isupper() and item != ANY:
            if item not in classes:
                raise LexiconError(f"{where}: unknown class {item}")
            out.update(w.lower() for w in classes[item])
        else:
            out.add(item.strip().lower())
    return frozenset(out)


def load_file(path: str | Path, cameo: Ontology | None = None, text: str | None = None
              ) -> list[Pattern]:
    """Read one lexicon file; raise LexiconError naming file:line on any problem."""
    cameo = cameo or ontology()
    path = Path(path)
    name = path.name
    try:
        source = text if text is not None else path.read_text(encoding="utf-8")
        root = yaml.compose(source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{name}: cannot read lexicon: {str(exc).splitlines()[0]}") from exc
    if root is None or not isinstance(root, yaml.MappingNode):
        raise LexiconError(f"{name}: a lexicon file is a mapping with 'entries'")
    doc = yaml.safe_load(source)
    raw_classes = doc.get("classes") or {}
    classes = {str(k): [str(w) for w in v] for k, v in raw_classes.items()}
    entry_nodes = next((v for k, v in root.value if k.value == "entries"), None)
    if entry_nodes is None or not isinstance(entry_nodes, yaml.SequenceNode):
        raise LexiconError(f"{name}: no 'entries' list")
    patterns = []
    for node, entry in zip(entry_nodes.value, doc["entries"], strict=True):
        line = node.start_mark.line + 1
        where = f"{name}:{line}"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: an entry is a mapping")
        unknown = set(entry) - FIELDS
        if unknown:
            raise LexiconError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        code = str(entry.get("code", "")).strip()
        if code not in cameo:
            raise LexiconError(f"{where}: unknown CAMEO code {code!r}")
        if not entry.get("example"):
            raise LexiconError(f"{where}: every entry needs an example")
        verbs = _words(entry.get("verb"), classes, where)
        nouns = _words(entry.get("noun"), classes, where)
        if not verbs and not nouns:
            raise LexiconError(f"{where}: an entry needs 'verb' or 'noun'")
        particle = entry.get("particle")
        patterns.append(Pattern(
            id=where, code=code, verbs=verbs, nouns=nouns,
            particle=str(particle).lower() if particle else None,
            preps=_words(entry.get("prep"), classes, where),
            objects=_words(entry.get("object"), classes, where),
            object_mods=_words(entry.get("object_mod"), classes, where),
            xcomps=_words(entry.get("xcomp"), classes, where),
            reciprocal=bool(entry.get("reciprocal", False)),
            fallback=bool(entry.get("fallback", False)),
            example=str(entry["example"]),
            subjects=_words(entry.get("subject"), classes, where),
        ))
    return patterns


def bundled_files() -> list[Path]:
    folder = resources.files("dyads").joinpath("data/lexicon")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_lexicon(extra: list[str | Path] | None = None, *, bundled: bool = True,
                 petrarch: list[str | Path] | None = None) -> Lexicon:
    """The bundled lexicon plus user files (later files first among equals).

    `petrarch` names PETRARCH verb dictionaries (CAMEO.2.0.txt format); they replace the
    bundled files, and `extra` YAML files still add to them.
    """
    from dyads.coding.petrarch import read_verb_dictionary

    patterns: list[Pattern] = []
    for p in petrarch or []:
        patterns.extend(read_verb_dictionary(p).patterns)
    files = (bundled_files() if bundled and not petrarch else []) + [Path(p) for p in extra or []]
    for f in files:
        patterns.extend(load_file(f))
    return Lexicon(patterns)


def main(argv: list[str]) -> int:
    """`python -m dyads.coding.lexicon [FILE...]`: validate files, print counts per root."""
    files = [Path(a) for a in argv] or bundled_files()
    total, status = 0, 0
    for f in files:
        try:
            pats = load_file(f)
        except LexiconError as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        roots = sorted({p.code[:2] for p in pats})
        codes = len({p.code for p in pats})
        print(f"{f.name}: {len(pats)} entries, {codes} codes, roots {' '.join(roots)}")
        total += len(pats)
    print(f"total {total} entries")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
