"""Score coded events against human-coded gold files (see /work/shared/eval/README.md).

Gold files are JSONL, one text per line with its gold events. For each text the coder's
asserted events (negated and hypothetical ones are not predictions) are matched one-to-one
to the gold events, greedily in gold order: for each gold event in turn, the first
still-unmatched prediction that matches it is taken. This is done separately at four levels:

- ``type``: actors ignored; same CAMEO root if the gold has a CAMEO code, else same quad
  class, else same penta class;
- ``quad``: actors must match; same quad class (same penta class where the gold only has
  penta);
- ``root``: actors must match; same 2-digit CAMEO root where the gold has a CAMEO code,
  else as ``quad``;
- ``code``: actors must match; exact CAMEO code.

Interpretation choices (where the README leaves room):

- Actors: a null gold slot (no code, no text) accepts anything, including a missing
  predicted actor. A gold code must equal the predicted actor's ``country``. A gold text
  span without a code needs a predicted actor whose text shares at least half of the
  distinct words of the shorter span (by distinct content words). Words are runs of letters
  and digits, lower-cased ("Israel's" -> "israel", "s"); "the", "a", "an", "of", "s" are
  ignored. A span with no content word left matches nothing. A missing predicted actor
  matches neither a code nor a span.
- The predicted quad class is ``Event.quad_class``; the predicted penta class is derived
  from ``Event.cameo_root``. Where the gold has a CAMEO code but no quad/penta, the gold
  class is derived from its root. A gold event with no class at all accepts any class.
- ``code`` level: only gold events that carry a CAMEO code count in recall (and take part
  in matching), and only predictions on texts whose gold has at least one CAMEO code count
  in precision. Texts with empty gold therefore do not count at this level (they do at the
  other three, where every prediction on them is a false positive).
- Precision (recall) is 0.0 when nothing was predicted (nothing is in the gold); F1 is 0.0
  when precision + recall is 0.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from dyads.model import Actor, Event

LEVELS: tuple[str, ...] = ("type", "quad", "root", "code")
STOP_WORDS = frozenset({"the", "a", "an", "of", "s"})
_WORD = re.compile(r"[^\W_]+")
_CAMEO = re.compile(r"^\d{2,4}$")


@dataclass
class GoldEvent:
    """One human-coded event (any field may be None where the source does not annotate it)."""

    source: str | None = None
    source_sector: str | None = None
    source_text: str | None = None
    target: str | None = None
    target_sector: str | None = None
    target_text: str | None = None
    cameo: str | None = None
    quad: int | None = None
    penta: int | None = None
    plover: str | None = None
    reciprocal: bool = False

    @property
    def cameo_root(self) -> str | None:
        return self.cameo[:2] if self.cameo else None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class GoldText:
    """One gold text with its events; an empty ``events`` list means nothing to code."""

    id: str
    text: str
    date: date | None
    events: list[GoldEvent]
    split_group: str | None = None
    origin: str | None = None
    span_annotation: bool = True

    @property
    def has_cameo(self) -> bool:
        """True when at least one gold event carries a CAMEO code (counts at ``code`` level)."""
        return any(e.cameo for e in self.events)


# ---------------------------------------------------------------------------- loading


def _opt_str(d: dict, key: str) -> str | None:
    v = d.get(key)
    if v is not None and not isinstance(v, str):
        raise ValueError(f"{key!r} must be a string or null, got {v!r}")
    return v


def _opt_int(d: dict, key: str, lo: int, hi: int) -> int | None:
    v = d.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise ValueError(f"{key!r} must be an integer {lo}..{hi} or null, got {v!r}")
    return v


def _parse_event(e: object) -> GoldEvent:
    if not isinstance(e, dict):
        raise ValueError(f"event must be an object, got {e!r}")
    cameo = _opt_str(e, "cameo")
    if cameo is not None and not _CAMEO.match(cameo):
        raise ValueError(f"bad CAMEO code {cameo!r}")
    reciprocal = e.get("reciprocal", False)
    if not isinstance(reciprocal, bool):
        raise ValueError(f"'reciprocal' must be a boolean, got {reciprocal!r}")
    return GoldEvent(
        source=_opt_str(e, "source"),
        source_sector=_opt_str(e, "source_sector"),
        source_text=_opt_str(e, "source_text"),
        target=_opt_str(e, "target"),
        target_sector=_opt_str(e, "target_sector"),
        target_text=_opt_str(e, "target_text"),
        cameo=cameo,
        quad=_opt_int(e, "quad", 1, 4),
        penta=_opt_int(e, "penta", 0, 4),
        plover=_opt_str(e, "plover"),
        reciprocal=reciprocal,
    )


def _parse_text(d: object) -> GoldText:
    if not isinstance(d, dict):
        raise ValueError("line must be a JSON object")
    for key in ("id", "text"):
        if not isinstance(d.get(key), str):
            raise ValueError(f"missing or non-string {key!r}")
    events = d.get("events")
    if not isinstance(events, list):
        raise ValueError("'events' must be a list")
    raw_date = _opt_str(d, "date")
    try:
        day = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        raise ValueError(f"bad date {raw_date!r}") from None
    group = d.get("split_group")
    return GoldText(
        id=d["id"],
        text=d["text"],
        date=day,
        events=[_parse_event(e) for e in events],
        split_group=None if group is None else str(group),
        origin=_opt_str(d, "origin"),
        span_annotation=bool(d.get("span_annotation", True)),
    )


def load_gold(path: str | Path) -> list[GoldText]:
    """Read a gold JSONL file; blank lines are skipped, a bad line raises ValueError(file:line)."""
    out: list[GoldText] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                out.append(_parse_text(json.loads(line)))
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"{path}:{n}: {exc}") from exc
    return out


def split_half(texts: Iterable[GoldText], half: int) -> list[GoldText]:
    """The texts in half 0 or 1, by a stable hash of ``split_group`` (``id`` if missing).

    Texts sharing a group (the same or related sentences, also across files) stay together.
    """
    if half not in (0, 1):
        raise ValueError(f"half must be 0 or 1, got {half!r}")
    out = []
    for t in texts:
        key = t.split_group if t.split_group is not None else t.id
        digest = hashlib.sha1(key.encode("utf-8")).digest()
        if digest[-1] % 2 == half:
            out.append(t)
    return out


# ---------------------------------------------------------------------------- classes


def _root_int(cameo_root: str) -> int:
    root = int(str(cameo_root)[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO root out of range: {cameo_root!r}")
    return root


def penta_of(cameo_root: str) -> int:
    """Five-way class: 0 = roots 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = rest."""
    root = _root_int(cameo_root)
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def quad_of(cameo_root: str) -> int:
    """Quad class: 1 = roots 01-05, 2 = 06-08, 3 = 09-13, 4 = 14-20."""
    root = _root_int(cameo_root)
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


# ---------------------------------------------------------------------------- matching


def span_words(text: str) -> set[str]:
    """Content words of an actor span: lower-cased alphanumeric runs minus stop words."""
    return {w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS}


def spans_match(gold_text: str, pred_text: str) -> bool:
    """At least half of the shorter span's content words occur in the other span."""
    a, b = span_words(gold_text), span_words(pred_text)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return 2 * len(shorter & longer) >= len(shorter)


def actor_matches(code: str | None, text: str | None, pred: Actor | None) -> bool:
    """One actor slot: null accepts anything; a code must equal; a bare span needs overlap."""
    if code is not None:
        return pred is not None and pred.country == code
    if text is not None:
        return pred is not None and spans_match(text, pred.text or "")
    return True


def actors_match(gold: GoldEvent, pred: Event) -> bool:
    return actor_matches(gold.source, gold.source_text, pred.source) and actor_matches(
        gold.target, gold.target_text, pred.target
    )


def _pred_quad(pred: Event) -> int:
    return pred.quad_class if pred.quad_class in (1, 2, 3, 4) else quad_of(pred.cameo_root)


def _same_quad(gold: GoldEvent, pred: Event) -> bool:
    if gold.quad is not None:
        return _pred_quad(pred) == gold.quad
    if gold.penta is not None:
        return penta_of(pred.cameo_root) == gold.penta
    if gold.cameo:
        return _pred_quad(pred) == quad_of(gold.cameo)
    return True


def _same_type(gold: GoldEvent, pred: Event) -> bool:
    if gold.cameo:
        return pred.cameo_root == gold.cameo[:2]
    return _same_quad(gold, pred)


def event_matches(gold: GoldEvent, pred: Event, level: str) -> bool:
    """Whether ``pred`` matches ``gold`` at ``level`` (one of LEVELS)."""
    if level == "type":
        return _same_type(gold, pred)
    if level == "quad":
        return actors_match(gold, pred) and _same_quad(gold, pred)
    if level == "root":
        return actors_match(gold, pred) and _same_type(gold, pred)
    if level == "code":
        return gold.cameo is not None and actors_match(gold, pred) and pred.cameo == gold.cameo
    raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")


def counted(gold: GoldText, preds: list[Event], level: str) -> tuple[list[int], list[int]]:
    """Indices of the gold events and predictions that count at ``level`` for this text."""
    if level == "code":
        if not gold.has_cameo:
            return [], []
        return [i for i, e in enumerate(gold.events) if e.cameo], list(range(len(preds)))
    return list(range(len(gold.events))), list(range(len(preds)))


def match_text(gold: GoldText, preds: list[Event], level: str) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in gold order: (gold index, prediction index) pairs."""
    gold_ix, pred_ix = counted(gold, preds, level)
    free = list(pred_ix)
    pairs = []
    for g in gold_ix:
        for p in free:
            if event_matches(gold.events[g], preds[p], level):
                pairs.append((g, p))
                free.remove(p)
                break
    return pairs


# ---------------------------------------------------------------------------- report


@dataclass
class LevelScore:
    """Counts and scores at one level."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class TextResult:
    """Per-text detail for error analysis; ``matches[level]`` lists (gold, pred) index pairs."""

    id: str
    text: str
    gold: list[GoldEvent]
    predicted: list[Event]  # asserted predictions only
    matches: dict[str, list[tuple[int, int]]]
    dropped: int = 0  # negated/hypothetical events the coder returned (not predictions)

    def unmatched_gold(self, level: str) -> list[GoldEvent]:
        hit = {g for g, _ in self.matches[level]}
        return [e for i, e in enumerate(self.gold) if i not in hit]

    def unmatched_predicted(self, level: str) -> list[Event]:
        hit = {p for _, p in self.matches[level]}
        return [e for i, e in enumerate(self.predicted) if i not in hit]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "gold": [e.to_dict() for e in self.gold],
            "predicted": [_event_summary(e) for e in self.predicted],
            "matches": {lvl: [list(p) for p in pairs] for lvl, pairs in self.matches.items()},
            "dropped": self.dropped,
        }


def _event_summary(e: Event) -> dict:
    def actor(a: Actor | None) -> dict | None:
        return None if a is None else {"country": a.country, "sector": a.sector, "text": a.text}

    return {
        "source": actor(e.source),
        "target": actor(e.target),
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "trigger": e.trigger,
        "rule": e.rule,
    }


@dataclass
class Report:
    """Scores per level plus per-text details."""

    levels: dict[str, LevelScore] = field(default_factory=lambda: {k: LevelScore() for k in LEVELS})
    texts: list[TextResult] = field(default_factory=list)

    def to_dict(self, details: bool = True) -> dict:
        d: dict = {
            "texts": len(self.texts),
            "levels": {k: v.to_dict() for k, v in self.levels.items()},
        }
        if details:
            d["details"] = [t.to_dict() for t in self.texts]
        return d

    def format_table(self) -> str:
        head = (
            f"{'level':<6} {'P':>6} {'R':>6} {'F1':>6} {'matched':>8} {'predicted':>10} {'gold':>6}"
        )
        lines = [head, "-" * len(head)]
        for name, s in self.levels.items():
            lines.append(
                f"{name:<6} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                f"{s.matched:>8} {s.predicted:>10} {s.gold:>6}"
            )
        return "\n".join(lines)


def score_text(gold: GoldText, events: list[Event]) -> TextResult:
    """Match one text's coded events (all of them; non-asserted ones are dropped here)."""
    preds = [e for e in events if e.asserted]
    matches = {level: match_text(gold, preds, level) for level in LEVELS}
    return TextResult(gold.id, gold.text, gold.events, preds, matches, len(events) - len(preds))


def evaluate(gold: list[GoldText], code: Callable[[str, date | None], list[Event]]) -> Report:
    """Run ``code(text, date)`` on every gold text and score it at every level."""
    report = Report()
    for g in gold:
        result = score_text(g, list(code(g.text, g.date)))
        for level in LEVELS:
            gold_ix, pred_ix = counted(g, result.predicted, level)
            s = report.levels[level]
            s.gold += len(gold_ix)
            s.predicted += len(pred_ix)
            s.matched += len(result.matches[level])
        report.texts.append(result)
    return report
