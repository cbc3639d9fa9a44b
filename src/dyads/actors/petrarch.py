"""Readers for PETRARCH/TABARI actor and agent dictionaries.

Users with years of dictionary work in the TABARI format (the Phoenix files of the Open Event
Data Alliance: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt, Phoenix.agents.txt) can load them next to ours.

Actor dictionaries (TABARI manual, ch. 5; the headers of the Phoenix files):

    AFGHANISTAN_  [AFG]              a phrase and its code on one line
    +KABUL_                          `+` lines are synonyms of the entry above
    KOFI_ANNAN_                      a person: dated codes on the following indented lines
    +SECRETARY-GENERAL_KOFI_ANNAN
        [IGOUNO 970101-061231]       yymmdd-yymmdd (or yyyymmdd): the code within the dates
        [ELI]                        an undated code next to dated ones: any other date
    BAN_KI-MOON  [IGOUNO >20070101]  `>date`: from the date on; `<date`: up to the date
    # comment                        anything after `#` is a comment; [---] is "no code"

Words are joined by `_`; a trailing `_` means "the whole word" and no trailing `_` a stem.
Two-digit years 00-30 are 20yy, others 19yy (as in KEDS, TABARI and PETRARCH).

How the entries become ours:
- an entry whose codes are all undated becomes a `KnowledgeBase` form (kind `petrarch`):
  `[AFG]` a country name, `[AFGMIL]` the country with a sector, `[IGOUNO]`, `[PSEREBHMS]`
  a group code (country = its first three letters, as in groups.tsv);
- an entry with dated codes becomes people rows (`PeopleIndex`), one office per dated code,
  never matched on a surname alone (PETRARCH matches only the listed phrases). The undated
  default code of such an entry is not kept: outside its dates a name falls back to the
  title in the text, as for our own people.
- TABARI phrases are case-insensitive and ours case-sensitive, so each phrase is added in
  title case ("Afghan National Army", "Bank of England") and in upper case ("NATO");
  stems are matched as whole words.

Agent dictionaries: `FARMER [~AGR]`, `CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]`
(`{...}` irregular plurals, `{}` none), and substitution sets (`!PERSON! = MAN, MEN, WOMAN`)
expanded where used (`CATTLE!PERSON!`). A compound agent code takes its first sector that we
know (`~GOVMED` -> GOV); religion codes (MUS, CHR, CTH, JEW, HIN, BUD, ...) become REL; codes
with no sector of ours (NGO, HRI, RAD, PPL, DEV, PTY) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dyads.actors.knowledge import Entry, KnowledgeBase
from dyads.actors.people import Office, PersonRow, normalize

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "UAF", "BUS", "MED", "CVL",
           "EDU", "HLH", "LAB", "REF", "SPY", "ELI", "AGR", "ENV", "CRM", "REL"}
RELIGIONS = {"MUS", "CHR", "CTH", "JEW", "HIN", "BUD", "SHI", "SUN", "ORT", "PRO", "SIK",
             "JAN", "CON", "DOX", "BAH", "ZRO", "ITR", "MRN", "JEH", "ALE", "DRZ", "SFI"}
# Words kept lower case in the title-case form of a phrase.
_SMALL = {"of", "the", "and", "for", "in", "on", "to", "at", "de", "du", "des", "la", "le",
          "del", "di", "da", "van", "von", "der", "bin", "ibn", "a", "an"}
_CODE = re.compile(r"\[([^\]\}]*)[\]\}]")
_SUBST_DEF = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_EARLY = date(1, 1, 1)


@dataclass
class PetrarchActors:
    """What one actor dictionary holds, in our structures."""

    entries: list[Entry] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: why"


def two_digit_year(yy: int) -> int:
    return 2000 + yy if yy <= 30 else 1900 + yy


def parse_tabari_date(s: str) -> date:
    """yymmdd or yyyymmdd."""
    s = s.strip()
    if len(s) == 6:
        return date(two_digit_year(int(s[:2])), int(s[2:4]), int(s[4:6]))
    if len(s) == 8:
        return date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    raise ValueError(f"bad TABARI date {s!r}")


def parse_code(text: str) -> tuple[str, date | None, date | None, bool] | None:
    """`CODE`, `CODE a-b`, `CODE >a`, `CODE <b` -> (code, start, end, dated); None for
    `---` and empty codes. Raises ValueError on a bad date."""
    parts = text.split(None, 1)
    if not parts or parts[0].startswith("-") or not parts[0].isalnum():
        return None
    code = parts[0].upper()
    if len(parts) == 1:
        return code, None, None, False
    rng = parts[1].replace(" ", "")
    if rng.startswith(">"):
        return code, parse_tabari_date(rng[1:]), None, True
    if rng.startswith("<"):
        return code, _EARLY, parse_tabari_date(rng[1:]), True
    a, _, b = rng.partition("-")
    return code, parse_tabari_date(a), parse_tabari_date(b), True


def phrase_text(phrase: str) -> str:
    """`AFGHAN_NATIONAL_ARMY_` -> `AFGHAN NATIONAL ARMY` (stem marks dropped)."""
    return " ".join(w for w in phrase.strip().strip("+").replace("_", " ").split())


def title_case(text: str, *, hyphen_lower: bool = False) -> str:
    """`BANK OF ENGLAND` -> `Bank of England`; words of one or two letters stay upper case
    (UN, US, EU); with `hyphen_lower`, `Ban Ki-moon` rather than `Ban Ki-Moon`."""
    words = []
    for i, w in enumerate(text.split()):
        lw = w.lower()
        if i and lw in _SMALL:
            words.append(lw)
        elif len(w) <= 2 and w.isalpha() and lw not in _SMALL:
            words.append(w.upper())
        else:
            parts = w.split("-")
            words.append("-".join(p[:1].upper() + p[1:].lower() if j == 0 or not hyphen_lower
                                  else p.lower() for j, p in enumerate(parts)))
    return " ".join(words)


def surface_forms(phrase: str) -> list[str]:
    """The case variants under which a TABARI phrase is matched."""
    text = phrase_text(phrase)
    return list(dict.fromkeys([title_case(text), title_case(text, hyphen_lower=True),
                               text.upper()]))


def _split_line(line: str) -> tuple[str, list[str]]:
    """(phrase part, code texts) of one line, comments removed."""
    body = line.split("#", 1)[0]
    codes = _CODE.findall(body)
    phrase = _CODE.sub(" ", body).strip()
    return phrase, codes


def _group_country(code: str) -> str:
    return code[:3]


def read_actors(path: str | Path) -> PetrarchActors:
    """Read one TABARI/PETRARCH actor dictionary."""
    path = Path(path)
    out = PetrarchActors()
    lines = path.read_text("utf-8", errors="replace").splitlines()
    entry: list[str] = []  # phrases of the current entry
    codes: list[tuple[int, str]] = []
    first_line = 0

    def close() -> None:
        if entry:
            _convert(path.name, first_line, entry, codes, out)

    for lineno, raw in enumerate(lines, 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        phrase, found = _split_line(raw)
        if raw[0].isspace() or not phrase:  # a code line of the current entry
            codes.extend((lineno, c) for c in found)
            continue
        if phrase.startswith("+"):
            entry.append(phrase)
            codes.extend((lineno, c) for c in found)
            continue
        close()
        entry, codes, first_line = [phrase], [(lineno, c) for c in found], lineno
    close()
    return out


def _convert(file: str, lineno: int, phrases: list[str], codes: list[tuple[int, str]],
             out: PetrarchActors) -> None:
    parsed = []
    for at, text in codes:
        try:
            c = parse_code(text)
        except ValueError as exc:
            out.skipped.append(f"{file}:{at}: {exc}")
            continue
        if c is not None:
            parsed.append((at, c))
    if not parsed:
        out.skipped.append(f"{file}:{lineno}: {phrase_text(phrases[0])}: no code")
        return
    dated = [(at, c) for at, c in parsed if c[3]]
    where = f"{file}:{lineno}"
    places = [(at, c) for at, c in dated if len(c[0]) == 3]
    if places:
        # a country whose code changed ([USRARM <900823] [ARM >911221]): its latest code
        places.sort(key=lambda ac: ac[1][2] or date.max)
        parsed, dated = [places[-1]], []
    if not dated:
        code = parsed[0][1][0]
        if len(code) < 3:
            out.skipped.append(f"{where}: {phrase_text(phrases[0])}: code {code} has no country")
            return
        country = _group_country(code)
        sector = code[3:6] if code[3:6] in SECTORS else None
        entry_code = country if len(code) == 3 or (sector and len(code) == 6) else code
        for p in phrases:
            for form in surface_forms(p):
                out.entries.append(Entry(form, country, entry_code, "petrarch", where, sector))
        return
    names = list(dict.fromkeys(title_case(phrase_text(p), hyphen_lower=h)
                               for p in phrases for h in (False, True)))
    person_id = "petrarch." + normalize(names[0]).replace(" ", "_")
    for at, (code, start, end, _) in dated:
        if len(code) < 6:
            out.skipped.append(f"{file}:{at}: {names[0]}: code {code} has no country+sector")
            continue
        country, sector = code[:3], code[3:6]
        office = Office(person_id, names[0], country, sector, f"petrarch {code}",
                        start or _EARLY, end, "PETRARCH", f"{file}:{at}", actor_code=code)
        out.people.append(PersonRow(office, tuple(names[1:]), ""))


def read_agents(path: str | Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Read one PETRARCH agents dictionary: lower-case form -> (sector, file:line), and
    the lines skipped."""
    path = Path(path)
    subst: dict[str, list[str]] = {}
    agents: dict[str, tuple[str, str]] = {}
    skipped: list[str] = []
    lines = path.read_text("utf-8", errors="replace").splitlines()
    vocabulary = _words(lines)
    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _SUBST_DEF.match(line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            skipped.append(f"{path.name}:{lineno}: no code")
            continue
        sector = agent_sector(codes[0])
        if sector is None:
            skipped.append(f"{path.name}:{lineno}: code {codes[0].strip()} has no sector of ours")
            continue
        phrase = _CODE.sub(" ", line)
        plurals = re.findall(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", " ", phrase).strip()
        for form in [phrase, *(p for p in plurals if p.strip())]:
            for expanded in _expand(form, subst):
                for text in _unstem(expanded, vocabulary):
                    agents[text] = (sector, f"{path.name}:{lineno}")
    return agents, skipped


def _words(lines: list[str]) -> set[str]:
    """Every whole word of an agents file (its phrases and substitution sets), lower case."""
    words: set[str] = set()
    for ln in lines:
        body = re.sub(r"![A-Z]+!", " ", _CODE.sub(" ", ln.split("#", 1)[0]))
        words.update(w.lower() for w in re.split(r"[\s_,={}!]+", body) if w.isalpha())
    return words


def _unstem(phrase: str, vocabulary: set[str]) -> list[str]:
    """A phrase whose last word is a stem (no trailing `_`: `DEFENCE_MINIST`) stands for
    itself and every word of the file that starts with it (defence minister, defence
    ministry, ...); other phrases for themselves. Returns lower-case forms."""
    text = phrase_text(phrase).lower()
    if not text:
        return []
    if phrase.rstrip().endswith("_"):
        return [text]
    *head, stem = text.split()
    longer = sorted(w for w in vocabulary if w.startswith(stem) and w != stem)
    return [text] + [" ".join([*head, w]) for w in longer]


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", phrase)
    if not m or m.group(0) not in subst:
        return [phrase.replace("!", "")]
    out = []
    for word in subst[m.group(0)]:
        out += _expand(phrase[:m.start()] + word + phrase[m.end():], subst)
    return out


def agent_sector(code: str) -> str | None:
    """`~GOVMED` -> GOV; `~MUS` -> REL; `~NGO` -> None."""
    code = code.strip().lstrip("~").upper()
    for i in range(0, len(code) - 2, 3):
        part = code[i:i + 3]
        if part in SECTORS:
            return part
        if part in RELIGIONS:
            return "REL"
    return None


def add_to_knowledge(kb: KnowledgeBase, actor_files: list[str | Path] = (),
                     agent_files: list[str | Path] = ()) -> list[PersonRow]:
    """Add PETRARCH dictionaries to `kb` (later entries win for the same form); returns the
    people rows, for the caller to index with its other people files."""
    people: list[PersonRow] = []
    for p in actor_files:
        read = read_actors(p)
        for e in read.entries:
            kb.add(e)
        people += read.people
    for p in agent_files:
        agents, _ = read_agents(p)
        kb.agents.update(agents)
    return people
