"""Plain-text news scrapes: strip page debris, find the headline and the dateline date.

A scraped page is the story plus menus, share buttons, bylines, time stamps, credits and
"most read" lists, each on lines of their own. Story lines are sentences: they end with
sentence-final punctuation or are long. Debris lines are short labels, so every rule below
is about a line's *shape* (short, unpunctuated, all caps, wrapped in brackets, starts with
"By"...) plus a small vocabulary of words such labels are made of. No site's strings are
listed; a new site's menus are caught by the same shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# ------------------------------------------------------------------------------------------
# dates
# ------------------------------------------------------------------------------------------

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Only formats that say which number is the month: "11/10/2019" is ambiguous, never guessed.
FULL_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # Nov. 10, 2019
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 10 November 2019
    re.compile(rf"\b{_YEAR}\s?[-/.]\s?(?P<mon>\d{{1,2}})\s?[-/.]\s?(?P<day>\d{{1,2}})\b"),  # ISO
]
_MON_ANY = _MONTH.replace("(?P<mon>", "(?:")
_DAY_ANY = _DAY.replace("(?P<day>", "(?:")
MONTH_DAY = re.compile(rf"\b{_MON_ANY}\s+{_DAY_ANY}\b|\b{_DAY_ANY}\s+{_MON_ANY}(?!\w)", re.I)
TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?",
                     re.I)
TIMEZONE = re.compile(r"\b(?:[A-Z]{2,4}T|UTC|GMT|KST|JST|IST|local time)\b(?:\s*[+-]\d{1,4})?")
# "Published : Nov 10, 2019 - 16:36", "Posted on 2019-11-10", "Updated: ..."
STAMP = re.compile(r"^(?P<kind>first published|published|posted|last updated|updated|modified"
                   r"|created|date|dated)\b\s*(?:on|at)?\s*[:|]?", re.I)
# where a dateline ends: "SEOUL, Nov. 10, 2019 (Yonhap) -- ", "WASHINGTON (Reuters) — ", ": "
DATELINE_END = re.compile(r"--|—|–|\s-\s|:(?!\d)")
# what may stand around the date in a dateline: "KYIV, Ukraine (AP), " ... " (Yonhap)"
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w.' ]*?)?"
                            r"\s*(?:\([^)]{1,40}\))?\s*,?\s*$")
DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*$")


def parse_full_date(text: str) -> tuple[date, int, int] | None:
    """The earliest complete date (with a year) in `text`, with its span; None if none."""
    found: list[tuple[int, int, date]] = []
    for pattern in FULL_DATES:
        for m in pattern.finditer(text):
            mon = m.group("mon")
            month = int(mon) if mon.isdigit() else MONTHS[mon[:3].lower()]
            try:
                found.append((m.start(), m.end(), date(int(m.group("year")), month,
                                                       int(m.group("day")))))
            except ValueError:  # "Feb. 30, 2019": not a date, keep looking
                continue
    if not found:
        return None
    start, end, day = min(found, key=lambda f: f[0])
    return day, start, end


def is_date_only(line: str) -> bool:
    """A line that is nothing but a date and/or time ("Sunday, Nov. 10, 2019 16:36 KST")."""
    rest = line
    full = parse_full_date(rest)
    if full:
        rest = rest[:full[1]] + " " + rest[full[2]:]
    else:
        rest, n = MONTH_DAY.subn(" ", rest)
        if not n and not TIME.search(rest):
            return False
    for pattern in (TIME, WEEKDAY, TIMEZONE):
        rest = pattern.sub(" ", rest)
    return not re.search(r"[^\W_]", rest)


def find_dateline_date(text: str) -> date | None:
    """Publication date from a time stamp or dateline in `text`; only a full date counts.

    Looks at "Published/Posted ..." stamps, datelines at the start of a line
    ("SEOUL, Nov. 10, 2019 (Yonhap) --") and lines holding only a date. Dates inside
    story sentences are events' dates, not the article's, so they are never used.
    "Updated" stamps are a last resort. A dateline without a year gives None.
    """
    best: tuple[int, int, date] | None = None  # (priority, line number, date)
    for n, line in enumerate(_lines(text)):
        if not line:
            continue
        found = _line_date(line)
        if found and (best is None or found[0] < best[0]):
            best = (found[0], n, found[1])
            if best[0] == 0:
                break  # document order among the best kind: the first one wins
    return best[2] if best else None


def _line_date(line: str) -> tuple[int, date] | None:
    """(priority, date) for one line: 0 published stamp or dateline, 1 bare date, 2 updated."""
    stamp = time_stamp(line)
    if stamp:
        kind, rest = stamp
        if kind in ("updated", "last updated", "modified"):
            full = parse_full_date(rest)
            return (2, full[0]) if full else None
        # "Published : Nov 10, 2019 - 16:36 Updated : Nov 11, ...": the part before "Updated"
        rest = re.split(r"\b(?:last\s+)?(?:updated|modified)\b", rest, flags=re.I)[0]
        full = parse_full_date(rest)
        return (0, full[0]) if full else None
    day = dateline_date(line)
    if day:
        return 0, day
    if is_date_only(line):
        full = parse_full_date(line)
        if full:
            return 1, full[0]
    return None


def time_stamp(line: str) -> tuple[str, str] | None:
    """("published", rest) for "Published : Nov 10, 2019 ..."; the rest must start with a date.

    "Posted on the border, troops fired ..." is a sentence, not a stamp.
    """
    m = STAMP.match(line)
    if not m:
        return None
    rest = line[m.end():].strip()
    if not any(p.match(rest) for p in (*FULL_DATES, MONTH_DAY, TIME, WEEKDAY)):
        return None
    return " ".join(m.group("kind").lower().split()), rest


def dateline_date(line: str) -> date | None:
    """The date of a dateline shaped "PLACE[, Region] [(Agency)][,] DATE [(Agency)] --"."""
    end = DATELINE_END.search(line)
    if not end or end.start() > 100:
        return None
    prefix = line[:end.start()]
    full = parse_full_date(prefix)
    if not full:
        return None  # "SEOUL, Nov. 10 (Yonhap) --": no year, no date
    day, start, stop = full
    if DATELINE_PLACE.match(prefix[:start]) and DATELINE_TAIL.match(prefix[stop:]):
        return day
    return None


# ------------------------------------------------------------------------------------------
# debris
# ------------------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
WORDS = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")

# Words page furniture is made of: navigation, accounts, sharing, sections, widgets.
DEBRIS_WORDS = frozenset("""
back top home menu search subscribe subscription subscribers sign signin signup log login logout
register account profile settings close open skip content main navigation nav toggle
share shares sharing facebook twitter tweet x whatsapp linkedin reddit telegram kakao
kakaotalk line pinterest email e-mail mail print copy link url permalink bookmark save
follow like comment comments reply replies newsletter newsletters alert alerts rss feed
advertisement advertisements ad ads sponsored promoted partner content
related article articles stories story news latest popular trending recommended read
most viewed watch listen audio video videos photo photos gallery image images slideshow
author authors reporter reporters writer editor editors contributor byline
font size larger smaller text zoom translate translation language english
previous prev next page pages section sections topics topic tags tag category categories
world politics business economy markets finance sports sport opinion editorial column
columns national international nation local lifestyle culture entertainment tech
technology science health life society features feature diplomacy defense defence
asia pacific europe americas africa middle east region regional
contact about privacy policy terms cookies cookie conditions sitemap faq help careers
minute minutes min time reading view views loading more less show hide all
""".split())
# Function words do not make a line look like story or debris either way.
NEUTRAL = frozenset("to the a an in on of and or for with by at up out us your our this it".split())
# Words site and agency names are made of.
MEDIA_WORDS = frozenset("""
news herald times post press agency daily tribune journal gazette telegraph guardian
chronicle observer standard express mirror today weekly online media network wire
broadcasting broadcast radio tv television channel newswire reuters ap afp yonhap xinhua
kyodo tass ria bbc cnn dpa ani pti upi bloomberg aljazeera jazeera daum naver yahoo msn
""".split())
# Headings of lists of other stories: the headline-like lines after them are not our story.
LIST_LABELS = ("most read", "most popular", "most viewed", "most shared", "related",
               "more stories", "more news", "more from", "read more", "also read", "see also",
               "recommended", "trending", "top stories", "latest news", "latest stories",
               "you may also like", "you might also like", "editor's picks", "editors' picks",
               "popular", "in case you missed")
AUTHOR_LABEL = re.compile(r"^(?:by|authors?|reporters?|writers?|written by)\s*:?$", re.I)

COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|all rights reserved", re.I)
READING_TIME = re.compile(r"^reading time\b|\b\d+\s*-?\s*min(?:ute)?s?\.?\s+read\b", re.I)
BYLINE = re.compile(r"^(?:by|written by|reported by|words by)\s+\S|"
                    r"^(?:authors?|reporters?|writers?|editors?|correspondents?)\s*[:|]", re.I)
CREDIT = re.compile(r"^(?:photo|photos|image|images|picture|file photo|graphic|video|source"
                    r"|caption|illustration)(?:\s+(?:credit|by))?\s*[:|/]", re.I)
BRACKETED = re.compile(r"^[(\[【].*[)\]】]$")
CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|www\.|^[\w.-]+\.(?:com|net|org|co\.\w\w|kr|jp|cn)$",
                     re.I)
SEPARATORS = re.compile(r"\s*[|>»›·•]\s*|\s+/\s+")
LIST_PUNCT = re.compile(r"[^\w\s']")


def _words(line: str) -> list[str]:
    return [w.lower() for w in WORDS.findall(line)]


def is_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def debris_reason(line: str) -> str | None:
    """Why one line (stripped, non-empty) is page debris, or None if it may be story."""
    words = _words(line)
    if not words:
        return "no words"  # numbers, bullets, separators
    if COPYRIGHT.search(line) or ("©" in line and len(words) <= 15):
        return "copyright"
    if (time_stamp(line) and len(words) <= 20) or is_date_only(line):
        return "time stamp"
    if READING_TIME.search(line) and len(words) <= 8:
        return "reading time"
    if BYLINE.match(line) and len(words) <= 10 and (not is_sentence(line) or len(words) <= 4):
        return "byline"
    # "(Yonhap)", "[AP Photo]", "(Reporting by ...; Editing by ...)"; a bracketed sentence stays
    if CREDIT.match(line) or (BRACKETED.match(line)
                              and (len(words) <= 6 or not is_sentence(line[:-1]))):
        return "credit"
    if CONTACT.search(line) and len(words) <= 10:
        return "contact"
    if is_sentence(line):
        return None  # story sentences end like sentences; none of the rules below apply
    return _label_reason(line, words)


def _label_reason(line: str, words: list[str]) -> str | None:
    """Rules for short unpunctuated lines: labels, menus, site names, UI fragments."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and len(words) <= 5:
        return "all-caps label"
    segments = [s for s in SEPARATORS.split(line) if s.strip()]
    if len(segments) >= 2 and all(len(_words(s)) <= 3 for s in segments):
        return "navigation"
    content = [w for w in words if w not in NEUTRAL]
    if len(words) <= 6 and content:
        if sum(w in DEBRIS_WORDS for w in content) * 3 >= len(content) * 2:
            return "navigation"
        if len(words) <= 4 and sum(w in MEDIA_WORDS for w in content) * 2 >= len(content):
            return "site name"
    if line[0].islower() and len(words) <= 4:
        return "fragment"  # widget text like "catch table"; story lines start with a capital
    return None


def is_list_label(line: str) -> bool:
    norm = " ".join(LIST_PUNCT.sub(" ", line.lower()).split())
    return len(norm.split()) <= 5 and norm.startswith(LIST_LABELS)


# ------------------------------------------------------------------------------------------
# cleaning
# ------------------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    block: int  # lines in the same block have no blank line between them
    reason: str | None  # debris reason; None = story

    @property
    def kept(self) -> bool:
        return self.reason is None


def _lines(raw: str) -> list[str]:
    """Lines with whitespace normalised (non-breaking and zero-width spaces, tabs)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw = re.sub(r"[\u200b-\u200d\u2060]", "", raw)
    return [" ".join(line.split()) for line in raw.split("\n")]


def _classify(raw: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    for text in _lines(raw):
        if not text:
            block += 1
            continue
        out.append(_Line(text, block, debris_reason(text)))
    _apply_context(out)
    return out


def _apply_context(lines: list[_Line]) -> None:
    """Rules that need neighbours: author names, story lists, wrapped lines."""
    in_list = False
    story_started = False  # a story sentence was seen: list items can no longer be headlines
    before_sentence = _next_kept_is_sentence(lines)
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        same_block = prev is not None and prev.block == line.block
        if not same_block:
            in_list = False
        if line.reason == "fragment" and _continues(prev, line):
            line.reason = None  # a hard-wrapped story line that starts in lower case
        if (line.kept and same_block and AUTHOR_LABEL.match(prev.text)
                and not is_sentence(line.text) and len(_words(line.text)) <= 4):
            line.reason = "byline"  # "Author" / "Kim Yoo-chul"
        if is_list_label(line.text) and not is_sentence(line.text):
            line.reason = line.reason or "list label"
            in_list = True
            continue
        if not line.kept:
            continue
        if in_list:
            if is_sentence(line.text) or (not story_started and before_sentence[i]):
                in_list = False
            else:
                line.reason = "story list"
        story_started = story_started or (line.kept and is_sentence(line.text))


def _continues(prev: _Line | None, line: _Line) -> bool:
    """`line` carries on a hard-wrapped sentence from `prev` (same block, cut mid-sentence).

    Only clear cases: a long line that stops on a comma or function word, or a next line in
    lower case. A long subheading followed by a paragraph must stay apart.
    """
    if not (prev and prev.kept and prev.block == line.block and len(prev.text) >= 40):
        return False
    if is_sentence(prev.text):
        return False
    last = _words(prev.text[-12:])
    return (line.text[0].islower() or prev.text[-1] in ",;-–"
            or bool(last and last[-1] in NEUTRAL | {"said", "that", "which", "who"}))


def _next_kept_is_sentence(lines: list[_Line]) -> list[bool]:
    """For each line: is the next story line after it a sentence? Then a headline-like
    line there is this story's headline, not an item of a list of other stories."""
    out = [False] * len(lines)
    nxt = False
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nxt
        if lines[i].kept:
            nxt = is_sentence(lines[i].text)
    return out


def _title(lines: list[str]) -> str | None:
    """The first story line is the headline unless it reads as a sentence of the body."""
    if len(lines) < 2:
        return None  # a one-line text is all body
    first = lines[0]
    if first.endswith(".") or len(_words(first)) > 30:
        return None
    return _strip_site_suffix(first)


def _strip_site_suffix(title: str) -> str:
    """"North Korea rejects talks | Yonhap News" -> "North Korea rejects talks"."""
    m = re.match(r"^(.{10,}?)\s+(?:\||-|–|—|::)\s+([^|]+)$", title)
    if m and _label_reason(m.group(2), _words(m.group(2))) == "site name":
        return m.group(1)
    return title


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Kept lines as paragraphs; a hard-wrapped line joins the line it continues."""
    paras: list[str] = []
    prev: _Line | None = None
    for line in lines:
        if paras and _continues(prev, line):
            paras[-1] += " " + line.text
        else:
            paras.append(line.text)
        prev = line
    return paras


def _trim_tail(paras: list[str]) -> list[str]:
    """Drop headline-like lines after the story's last sentence (other stories' titles)."""
    last = max((i for i, p in enumerate(paras) if is_sentence(p)), default=None)
    return paras if last is None else paras[:last + 1]


def clean_text(raw: str) -> tuple[str | None, str]:
    """(title, body) of a scraped page: debris removed, headline split off.

    Body paragraphs keep their order and are separated by blank lines.
    """
    kept = [line for line in _classify(raw) if line.kept]
    title = _title([line.text for line in kept])
    if title is not None:
        kept = kept[1:]
    seen_title = title.casefold() if title else None
    body: list[_Line] = []
    for line in kept:
        if line.text.casefold() == seen_title:
            continue  # pages repeat the headline (title bar and h1)
        if body and body[-1].text == line.text:
            continue
        body.append(line)
    return title, "\n\n".join(_trim_tail(_paragraphs(body)))


def clean_body(raw: str) -> str:
    """Debris removal only, for text whose title is known (HTML extraction)."""
    kept = [line for line in _classify(raw) if line.kept]
    return "\n\n".join(_trim_tail(_paragraphs(kept)))


# "SEOUL, Nov. 10, 2019 (Yonhap) --", "WASHINGTON (Reuters) -", "GAZA CITY, May 8 —"
DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z.'\-/ ]{1,40}(?:,\s*[A-Z0-9][A-Za-z0-9.\- ]{1,30})*"  # "BRUSSELS/KYIV"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:--|—|–|-)\s+")


def strip_dateline(paragraph: str) -> str:
    """Drop a wire dateline before the first sentence: it names a place, not an actor."""
    return DATELINE_PREFIX.sub("", paragraph, count=1)
