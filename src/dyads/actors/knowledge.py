"""The actor knowledge base: surface forms of countries, groups and sector agents.

Read from data/actors/*.tsv (see data/actors/README.md) plus any user files with the same
columns; later files win for the same form.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path

from dyads.actors.people import PeopleIndex, load_people
from dyads.actors.references import References, load_references
from dyads.lang import phrase_table

# Kinds of country forms that stand for the government when used as an actor.
GOVERNMENT_KINDS = {"capital": "GOV", "seat": "GOV", "seat_mil": "MIL", "seat_leg": "LEG"}


@dataclass(frozen=True)
class Entry:
    """One surface form and what it names."""

    form: str
    country: str  # ISO alpha-3 or group class (IGO, UNO, NGO, IMG, MNC)
    code: str  # CAMEO actor code without sector (country, or group code such as IGOWSTNAT)
    kind: str  # name, short, adjective, demonym, capital, seat, igo, ngo, armed_group...
    source: str  # provenance / file:line
    sector: str | None = None  # implied sector (a capital implies GOV)


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)  # by exact form
    agents: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower form -> (sector, src)
    people: PeopleIndex = field(default_factory=lambda: PeopleIndex([]))  # dated offices
    references: References = field(default_factory=References)  # "the North", "both sides"

    # forms whose actor changed at a date ("Taliban": rebels, then Afghanistan's government
    # from 2021-08-15): form -> [(from, until, entry)]
    dated: dict[str, list[tuple[date | None, date | None, Entry]]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries[entry.form] = entry

    def entry_on(self, form: str, on: date | None) -> Entry:
        """The entry a form names on a date: a dated row covering it, else the undated row."""
        if on is not None:
            for start, end, entry in self.dated.get(form, ()):
                if (start is None or start <= on) and (end is None or on <= end):
                    return entry
        return self.entries[form]

    @property
    def max_agent_words(self) -> int:
        return max((len(a.split()) for a in self.agents), default=1)


def _rows(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), 1)
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    header = lines[0][1].split("\t")
    out = []
    for lineno, ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        out.append((lineno, dict(zip(header, (c.strip() for c in cells), strict=False))))
    return out


# American and British spellings of the words of organisations' names, both matched.
SPELLING_PAIRS = [(us, gb) for us, (gb, *_) in phrase_table("actors", "spelling_pairs").items()]


def _spellings(form: str) -> list[str]:
    """The other spellings of a name: "Organization of ..." <-> "Organisation of ..."."""
    out = []
    for us, gb in SPELLING_PAIRS:
        for a, b in ((us, gb), (gb, us)):
            if a in form:
                out.append(form.replace(a, b))
    return out


def _data_file(name: str) -> tuple[Path, str]:
    res = resources.files("dyads").joinpath(f"data/actors/{name}")
    return Path(str(res)), res.read_text("utf-8")


def load_file(kb: KnowledgeBase, path: Path, text: str | None = None) -> None:
    """Add one TSV file; the columns say which kind of file it is."""
    text = path.read_text("utf-8") if text is None else text
    for lineno, row in _rows(path, text):
        where = f"{path.name}:{lineno}"
        form = row.get("form", "")
        if not form:
            continue
        if "sector" in row and "country" not in row:  # agents file
            kb.agents[form.lower()] = (row["sector"], where)
        elif "code" in row:  # groups file
            country = row.get("country") or row["code"][:3]
            entry = Entry(form, country, row["code"], row.get("kind", ""), where)
            start, end = row.get("from") or None, row.get("until") or None
            if start or end:
                try:
                    span = (start and date.fromisoformat(start), end and date.fromisoformat(end))
                except ValueError:
                    raise ValueError(f"{where}: from/until must be YYYY-MM-DD") from None
                kb.dated.setdefault(form, []).append((*span, entry))
                if form not in kb.entries:  # the form must still be matched in text
                    kb.add(entry)
            else:
                kb.add(entry)
                for variant in _spellings(form):  # "Organisation of the Islamic Conference"
                    if variant not in kb.entries:
                        kb.add(replace(entry, form=variant))
                if len(form) >= 4 and form.isalpha() and form.isupper() \
                        and form.title() not in kb.entries:
                    # British style writes acronyms as names: "Farc", "Nato", "Unicef" (not
                    # three letters: "Who", "Aid" are words)
                    kb.add(replace(entry, form=form.title()))
        else:  # countries file
            kind = row.get("kind", "name")
            kb.add(Entry(form, row["country"], row["country"], kind, where,
                         GOVERNMENT_KINDS.get(kind)))


def is_people_file(path: Path) -> bool:
    """People files (people.tsv columns) have an `office` column."""
    rows = [ln for ln in path.read_text("utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    return bool(rows) and "office" in rows[0].split("\t")


def load_knowledge(extra: list[str | Path] | None = None, *,
                   petrarch_actors: list[str | Path] = (),
                   petrarch_agents: list[str | Path] = ()) -> KnowledgeBase:
    """The bundled actor files, then PETRARCH/TABARI dictionaries (dyads.actors.petrarch),
    then the user's own files (countries, groups, agents or people): later files win."""
    from dyads.actors.petrarch import add_to_knowledge

    kb = KnowledgeBase()
    for name in ("countries.tsv", "groups.tsv", "agents.tsv"):
        path, text = _data_file(name)
        load_file(kb, path, text)
    petrarch_people = add_to_knowledge(kb, list(petrarch_actors), list(petrarch_agents))
    people_files = []
    for p in extra or []:
        if is_people_file(Path(p)):
            people_files.append(p)
        else:
            load_file(kb, Path(p))
    kb.people = load_people(people_files, petrarch_people)
    kb.references = load_references()
    return kb
