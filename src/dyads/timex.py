"""Event dates: the time expression the parse attaches to an event, resolved to dates.

Two parts:

- `resolve(text, ref, tense)` turns one time phrase ("on Sunday", "earlier this month", "by
  the end of the year", "in June 2018", "two days ago", "5/6/2018") into a `TimeValue`: a first
  and last day and a granularity (day, week, month, year or range), relative to `ref`, the
  article's publication date. Phrases that need `ref` give None without it; dates are never
  taken from today.
- `event_time(trigger, ref, future)` finds the phrase attached to an event's predicate in the
  dependency parse (its prepositional phrases, npadvmod/advmod children, a nominal trigger's
  possessor) and resolves it; "future" decides between last and next Sunday or April.

The words (weekdays, months, numbers, relative words, prepositions) are in
`data/time/words.yaml`. `dateparser` reads explicit numeric dates ("2018-06-05", "06/05/2018");
it is not used for relative phrases, where it keeps the reference day for month-only dates
and misses "earlier this month".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from spacy.tokens import Token

Tense = Literal["past", "future", "nearest"]
GRANULARITIES = ("day", "week", "month", "year", "range")
# Dependency labels under which a predicate carries a time phrase.
TIME_DEPS = {"prep", "npadvmod", "tmod", "advmod", "obl", "nmod", "dobj", "poss", "compound",
             "pobj", "appos", "attr"}
# Parts of a phrase's subtree that are not the time phrase ("on 5 June of provocations").
_SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "ccomp", "xcomp"}
_MAX_PHRASE = 9  # tokens; longer subtrees are clauses, not time phrases


@dataclass(frozen=True)
class TimeValue:
    """A resolved time phrase: the days from `start` to `end` (inclusive)."""

    start: date
    end: date
    granularity: str  # one of GRANULARITIES
    text: str  # the phrase as written


@dataclass(frozen=True)
class _Words:
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int | None]
    units: frozenset[str]
    past: frozenset[str]
    current: frozenset[str]
    future: frozenset[str]
    days: dict[str, int]
    day_parts: frozenset[str]
    parts: dict[str, tuple[float, float]]
    before_now: frozenset[str]
    after_now: frozenset[str]
    prepositions: dict[str, str]


@cache
def words() -> _Words:
    raw = yaml.safe_load(
        resources.files("dyads").joinpath("data/time/words.yaml").read_text("utf-8"))
    return _Words(
        weekdays={w: i for i, names in enumerate(raw["weekdays"]) for w in names},
        months={w: i + 1 for i, names in enumerate(raw["months"]) for w in names},
        numbers=dict(raw["numbers"]),
        units=frozenset(raw["units"]),
        past=frozenset(raw["relative"]["past"]),
        current=frozenset(raw["relative"]["current"]),
        future=frozenset(raw["relative"]["future"]),
        days=dict(raw["days"]),
        day_parts=frozenset(raw["day_parts"]),
        parts={k: (float(a), float(b)) for k, (a, b) in raw["parts"].items()},
        before_now=frozenset(raw["before_now"]),
        after_now=frozenset(raw["after_now"]),
        prepositions=dict(raw["prepositions"]),
    )


# --- periods ----------------------------------------------------------------------------

Period = tuple[date, date, str]


def _month(y: int, m: int) -> Period:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"


def _year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31), "year"


def _week(d: date) -> Period:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6), "week"


def _weekend(d: date) -> Period:
    sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return sat, sat + timedelta(days=1), "range"


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _unit_period(unit: str, ref: date, shift: int) -> Period:
    """The calendar `unit` containing `ref`, moved `shift` units."""
    if unit == "day":
        d = ref + timedelta(days=shift)
        return d, d, "day"
    if unit == "week":
        return _week(ref + timedelta(weeks=shift))
    if unit == "weekend":
        return _weekend(ref + timedelta(weeks=shift))
    if unit == "month":
        return _month(*_shift_month(ref.year, ref.month, shift))
    if unit == "decade":
        y = ref.year // 10 * 10 + 10 * shift
        return date(y, 1, 1), date(y + 9, 12, 31), "range"
    return _year(ref.year + shift)


def _choose(past: Period, future: Period, ref: date, tense: Tense) -> Period:
    if tense == "past":
        return past
    if tense == "future":
        return future
    return past if (ref - past[0]) <= (future[0] - ref) else future


def _part(p: Period, part: tuple[float, float]) -> Period:
    n = (p[1] - p[0]).days + 1
    a, b = round(part[0] * n), round(part[1] * n)
    return p[0] + timedelta(days=a), p[0] + timedelta(days=max(a, b - 1)), "range"


# --- phrases ----------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DECADE = re.compile(r"^(1[89]\d0|20\d0)s$")
_NUMERIC = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$")


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("’", "'")
    text = re.sub(r"\b(mid|early|late)-", r"\1 ", text)
    text = re.sub(r"(?<=[a-z])\.", "", text)  # "Sept." -> "sept"
    toks = re.findall(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|[\w']+", text)
    return [t for t in toks if t not in ("the", "of", "'s", "s")]


def _day(tok: str) -> int | None:
    m = _ORDINAL.match(tok)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _calendar(w: list[str], ref: date | None, tense: Tense) -> Period | None:
    """Month names, days and years: "June 5, 2018", "5 June", "June 2018", "2018", "1990s"."""
    W = words()
    if len(w) == 1 and _YEAR.match(w[0]):
        return _year(int(w[0]))
    if len(w) == 1 and _DECADE.match(w[0]):
        y = int(w[0][:4])
        return date(y, 1, 1), date(y + 9, 12, 31), "range"
    months = [i for i, t in enumerate(w) if t in W.months]
    if len(months) != 1:
        return None
    mi = months[0]
    month = W.months[w[mi]]
    rest = w[:mi] + w[mi + 1:]
    day = year = None
    for t in rest:
        if _YEAR.match(t) and year is None:
            year = int(t)
        elif _day(t) is not None and day is None:
            day = _day(t)
        else:
            return None
    if year is not None:
        if day is None:
            return _month(year, month)
        d = _safe_date(year, month, day)
        return (d, d, "day") if d else None
    if ref is None:
        return None
    if day is None:
        past = _month(ref.year if month <= ref.month else ref.year - 1, month)
        fut = _month(ref.year if month >= ref.month else ref.year + 1, month)
        return _choose(past, fut, ref, tense)
    this = _safe_date(ref.year, month, day)
    if this is None:
        return None
    past_d = this if this <= ref else _safe_date(ref.year - 1, month, day)
    fut_d = this if this >= ref else _safe_date(ref.year + 1, month, day)
    if past_d is None or fut_d is None:  # February 29 in one of the two years
        d = past_d or fut_d
        return (d, d, "day") if d else None
    return _choose((past_d, past_d, "day"), (fut_d, fut_d, "day"), ref, tense)


def _weekday(w: list[str], ref: date, tense: Tense) -> Period | None:
    W = words()
    w = [t for t in w if t not in W.day_parts]
    rel = None
    if len(w) == 2 and (w[0] in W.past or w[0] in W.future or w[0] in W.current):
        rel, w = w[0], w[1:]
    if len(w) != 1 or w[0] not in W.weekdays:
        return None
    back = (ref.weekday() - W.weekdays[w[0]]) % 7
    past = ref - timedelta(days=back)
    fut = ref + timedelta(days=(7 - back) % 7)
    if rel in W.past:
        d = past if back else ref - timedelta(days=7)
    elif rel in W.future:
        d = fut if back else ref + timedelta(days=7)
    else:
        d = _choose((past, past, "day"), (fut, fut, "day"), ref, tense)[0]
    return d, d, "day"


def _relative(w: list[str], ref: date, tense: Tense) -> Period | None:
    """Days and periods named from the publication date: "yesterday", "last week", "two days
    ago", "this year", "the past week", "the weekend"."""
    W = words()
    core = [t for t in w if t not in W.day_parts]
    joined = " ".join(w)
    if joined in W.days or (core and " ".join(core) in W.days) or (
            len(w) == 2 and w[0] in W.days and w[1] in W.day_parts):
        key = joined if joined in W.days else (" ".join(core) if core else w[0])
        d = ref + timedelta(days=W.days.get(key, W.days.get(w[0], 0)))
        return d, d, "day"
    if len(w) >= 3 and w[-1] == "ago":
        n_word, unit = w[-3], w[-2].rstrip("s")
        n = int(n_word) if n_word.isdigit() else W.numbers.get(n_word)
        if n is None or unit not in W.units:
            return None
        if unit == "day":
            d = ref - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            return _week(ref - timedelta(weeks=n))
        if unit == "month":
            return _month(*_shift_month(ref.year, ref.month, -n))
        if unit == "year":
            return _year(ref.year - n)
        return None
    if len(w) == 1 and w[0] in W.units and w[0] != "day":
        if w[0] == "weekend":
            return _choose(_weekend(ref - timedelta(weeks=1)), _weekend(ref), ref, tense) \
                if ref.weekday() < 5 else _weekend(ref)
        return _unit_period(w[0], ref, 0)
    if len(w) == 2 and w[1] in W.units:
        rel, unit = w
        if rel == "past" and unit in ("week", "month", "year", "decade"):
            days = {"week": 7, "month": 30, "year": 365, "decade": 3652}[unit]
            return ref - timedelta(days=days), ref, "range"
        if rel in W.past:
            return _unit_period(unit, ref, -1)
        if rel in W.current:
            return _unit_period(unit, ref, 0)
        if rel in W.future:
            return _unit_period(unit, ref, 1)
    if len(w) == 3 and w[1] in W.past | W.future | W.current and w[2] in W.units:
        return None
    return None


def _core(w: list[str], ref: date | None, tense: Tense) -> Period | None:
    found = _calendar(w, ref, tense)
    if found is None and ref is not None:
        found = _weekday(w, ref, tense) or _relative(w, ref, tense)
    return found


def _numeric(text: str) -> date | None:
    """Explicit numeric dates with dateparser ("2018-06-05", "06/05/2018", "5.6.2018")."""
    import dateparser

    order = "DMY" if "." in text else "MDY"
    if re.match(r"^\d{4}", text):
        order = "YMD"
    first = re.match(r"^(\d{1,2})[/-]", text)
    if first and int(first.group(1)) > 12:
        order = "DMY"
    got = dateparser.parse(text, languages=["en"], settings={
        "DATE_ORDER": order, "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": datetime(2000, 1, 1)})
    return got.date() if got else None


def resolve(text: str, ref: date | None, tense: Tense = "past") -> TimeValue | None:
    """Resolve one time phrase relative to the publication date `ref`; None if it is not a
    time phrase we understand, or if it needs `ref` and there is none."""
    W = words()
    w = _tokens(text)
    if not w:
        return None
    mode = "at"
    if w[0] in W.prepositions:
        mode, w = W.prepositions[w[0]], w[1:]
    if mode in ("before", "after"):  # open-ended: no day to give
        return None
    if len(w) == 1 and _NUMERIC.match(w[0]):
        d = _numeric(w[0])
        return TimeValue(d, d, "day", text) if d else None
    part = None
    around = None
    while w and (w[0] in W.parts or w[0] in W.before_now or w[0] in W.after_now):
        if w[0] in W.parts:
            part = W.parts[w[0]]
        else:
            around = "before" if w[0] in W.before_now else "after"
        w = w[1:]
    if not w:
        return None
    if part is not None and w in (["year"], ["month"], ["week"]):
        w = ["this", *w]  # "by the end of the year"
    p = _core(w, ref, tense)
    if p is None:
        return None
    start, end, gran = p
    if part is not None and gran != "day":  # "late Sunday" is still Sunday
        start, end, gran = _part(p, part)
    if around is not None:
        if ref is None or not (start <= ref <= end):
            return None
        start, end = (start, ref) if around == "before" else (ref, end)
        gran = "range"
    if mode == "since":
        if ref is None or start > ref:
            return None
        end, gran = ref, "range"
    elif mode in ("by", "until"):
        if ref is not None and start <= ref <= end or ref is not None and ref < start:
            start, gran = ref, "range"
    return TimeValue(start, end, gran, text)


# --- the parse --------------------------------------------------------------------------

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PAST_AUX = {"did", "had", "has", "have", "was", "were"}


def tense_of(v: Token) -> Tense:
    """Past, future or (present) nearest, from the predicate's tag and auxiliaries."""
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or "to" in aux and v.tag_ == "VB":
        return "future"
    if v.dep_ == "xcomp" and v.head.lemma_ in ("go",) and "to" in aux:
        return "future"
    if v.tag_ in ("VBD", "VBN") or aux & PAST_AUX:
        return "past"
    if v.tag_ in ("VBZ", "VBP", "VBG"):
        return "nearest"
    return "past"


def _phrase(tok: Token) -> list[Token]:
    out = [tok]
    named = tok.lower_ in words().months or tok.lower_ in words().weekdays
    for c in tok.children:
        if c.dep_ in _SKIP_DEPS or c.dep_ == "prep" and (c.lower_ != "of" or named):
            continue  # "on 5 June [of provocations]", but "the end of the year"
        out.extend(_phrase(c))
    return out


def phrase_text(tok: Token) -> str:
    toks = sorted(_phrase(tok), key=lambda t: t.i)
    return " ".join(t.text for t in toks)


def predicates(trigger: Token) -> list[Token]:
    """The trigger, then the verb a nominal trigger belongs to, then the verbs it is
    coordinated with or the complement of ("agreed on Monday to ...")."""
    chain = [trigger]
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr",
                                                       "pobj") and tok.head.i != tok.i:
        tok = tok.head
        if tok.dep_ == "prep" and tok.head.i != tok.i:
            tok = tok.head
        chain.append(tok)
    for _ in range(3):
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        if (tok.dep_ == "xcomp" or tok.dep_ == "conj" and not own_subject) \
                and tok.head.i != tok.i:
            tok = tok.head
            chain.append(tok)
        else:
            break
    return chain


def event_time(trigger: Token, ref: date | None, *, future: bool = False) -> TimeValue | None:
    """The time phrase the parse attaches to the event whose predicate is `trigger`.

    Failing the predicates' own phrases, a phrase on the verb's object is taken when it agrees
    with the verb's tense ("rejected an offer [on Sunday]", where the parser hangs "on
    Sunday" on "offer"), but not "rejected an offer of talks next week"."""
    found = _attached(predicates(trigger), trigger, ref, future)
    if found is not None:
        return found
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return None
    objects = [o for o in verb.children if o.dep_ in ("dobj", "obj")]
    found = _attached(objects, trigger, ref, future, tense=tense_of(verb))
    if found is None or ref is None:
        return None
    tense = "future" if future else tense_of(verb)
    if tense == "past" and found.end <= ref or tense == "future" and found.start >= ref:
        return found
    return None


def _attached(preds: list[Token], trigger: Token, ref: date | None, future: bool,
              tense: Tense | None = None) -> TimeValue | None:
    for pred in preds:
        verb = pred if pred.pos_ in ("VERB", "AUX") else None
        t: Tense = tense or ("future" if future else (
            tense_of(verb) if verb is not None else "past"))
        for c in pred.children:
            if c.dep_ not in TIME_DEPS or c.i == trigger.i:
                continue
            if c.dep_ == "prep" and c.lower_ not in words().prepositions:
                continue
            toks = _phrase(c)
            if len(toks) > _MAX_PHRASE:
                continue
            text = phrase_text(c)
            found = resolve(text, ref, t)
            if found is not None:
                return found
    return None
