"""Read a PETRARCH/TABARI CAMEO verb dictionary (e.g. CAMEO.2.0.txt) as lexicon patterns.

Users who have invested in PETRARCH dictionaries can code with them in dyads: `--petrarch-verbs
FILE` replaces the bundled lexicon by the file's patterns. The format (see the file's header and
PETRARCH's PETRreader.read_verb_dictionary):

    &SYNSET               a synonym set; members follow as `+WORD` lines (`_` joins words)
    --- NAME [code] ---   a verb block; `[---]` means no default code
    VERB {FORMS} [code]   a verb of the block (`+VERB_PARTICLE` for phrasal verbs)
    - pre * post [code]   a pattern: `*` is the verb; after it an object noun, `{MULTI WORD}`
                          nouns, `&SYNSET`s, `(PREP ...)` phrases; `$`, `+`, `^`, `%` mark
                          source, target and compound actors

dyads finds source and target from the parse, so the actor markers are dropped; the verb, its
particle, its object, the object's modifier phrase and a governing preposition are kept. Patterns
with words before the verb (a subject noun: "TALKS * [164]") have no equivalent and are skipped;
`read_verb_dictionary` reports how many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dyads.cameo import Ontology, ontology
from dyads.coding.lexicon import LexiconError, Pattern

MARKERS = {"$", "+", "^", "%", "|"}
PARTICLES = {"off", "down", "up", "out", "away", "back", "over", "in", "on", "through"}
_CODE = re.compile(r"\[([0-9]{2,4}|---)(?::[0-9-]*)?\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([0-9]{2,4}|---)\]\s*---")


@dataclass
class PetrarchVerbs:
    patterns: list[Pattern]
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count


def _word(raw: str) -> str:
    return raw.strip().rstrip("_").replace("_", " ").lower()


def _tokens(text: str) -> list[str]:
    """Split a pattern into tokens, keeping `{...}` and `(...)` groups whole."""
    out, buf, depth = [], "", 0
    for ch in text:
        if ch in "{(":
            if depth == 0 and buf.strip():
                out.append(buf.strip())
                buf = ""
            depth += 1
        if ch.isspace() and depth == 0:
            if buf.strip():
                out.append(buf.strip())
            buf = ""
            continue
        buf += ch
        if ch in "})":
            depth -= 1
            if depth == 0:
                out.append(buf.strip())
                buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _nouns(tok: str, synsets: dict[str, list[str]]) -> frozenset[str]:
    """The noun words a pattern token stands for."""
    if tok.startswith("{"):  # a multiword noun; a synset inside stands for each member
        phrases = [""]
        for t in (t for t in tok.strip("{}").split() if t not in MARKERS):
            words = synsets.get(t, []) if t.startswith("&") else [_word(t)]
            phrases = [f"{p} {w}".strip() for p in phrases for w in words]
        return frozenset(p for p in phrases if p)
    if tok.startswith("&"):
        return frozenset(synsets.get(tok, ()))
    return frozenset({_word(tok)})


def read_verb_dictionary(path: str | Path, cameo: Ontology | None = None) -> PetrarchVerbs:
    """All patterns of a PETRARCH verb dictionary that dyads can express."""
    cameo = cameo or ontology()
    path = Path(path)
    try:
        lines = path.read_text("utf-8", errors="strict").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path.name}: cannot read PETRARCH verbs: {exc}") from exc
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    verbs: list[str] = []
    default: str | None = None
    out = PetrarchVerbs([])
    skipped = out.skipped

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    def add(lineno: int, code: str, raw: str, **kw) -> None:
        if code == "---":
            return
        if code not in cameo:
            skip("unknown CAMEO code")
            return
        out.patterns.append(Pattern(
            id=f"{path.name}:{lineno}", code=code, verbs=frozenset(kw.get("verbs", verbs)),
            nouns=frozenset(), particle=kw.get("particle"), preps=kw.get("preps", frozenset()),
            objects=kw.get("objects", frozenset()),
            object_mods=kw.get("object_mods", frozenset()), xcomps=frozenset(),
            reciprocal=False, fallback=False, example=raw.strip()))

    in_verbs = False
    for lineno, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in line and line.startswith("#"):
            in_verbs = True
            continue
        if not text.strip():
            current = None if not in_verbs else current
            continue
        if not in_verbs:  # synonym sets
            if text.startswith("&"):
                current = text.strip()
                synsets[current] = []
            elif text.startswith("+") and current:
                synsets[current].append(_word(text[1:].split("{")[0]))
            continue
        block = _BLOCK.match(text)
        if block:
            verbs, default = [], block.group(2)
            continue
        if text.startswith("-"):
            if not verbs:
                continue
            code_m = _CODE.search(text)
            if not code_m:
                skip("no code")
                continue
            body = text[1:code_m.start()]
            pre, star, post = body.partition("*")
            if not star:
                skip("no verb position")
                continue
            if any(t not in MARKERS for t in _tokens(pre)):
                skip("words before the verb")
                continue
            fields: dict = {}
            for tok in _tokens(post):
                if tok in MARKERS:
                    continue
                if tok.startswith("("):
                    inner = [t for t in _tokens(tok[1:-1]) if t not in MARKERS]
                    if not inner:
                        continue
                    prep, rest = _word(inner[0]), inner[1:]
                    nouns = frozenset().union(*(_nouns(t, synsets) for t in rest)) \
                        if rest else frozenset()
                    if "objects" in fields:
                        fields.setdefault("object_mods", nouns)
                    elif "preps" not in fields:
                        fields["preps"] = frozenset({prep})
                        if nouns:
                            fields["objects"] = nouns
                    continue
                word = _word(tok)
                if not fields and word in PARTICLES and not tok.startswith(("{", "&")):
                    fields["particle"] = word
                elif "objects" not in fields and "preps" not in fields:
                    fields["objects"] = _nouns(tok, synsets)
            add(lineno, code_m.group(1), text, **fields)
            continue
        # a verb line: VERB {FORMS} [code], or +PHRASAL_VERB {FORMS}
        head = text.split("{")[0].split("[")[0].strip()
        if not head:
            continue
        verb = _word(head.lstrip("+"))
        verbs = verbs + [verb]
        own = _CODE.search(text)
        code = own.group(1) if own else default
        if code and code != "---":
            add(lineno, code, text, verbs=[verb])
    return out
