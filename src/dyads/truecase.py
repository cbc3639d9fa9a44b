"""Headlines in Title Case ("U.S. Lifts Travel Ban to Lebanon") parse as strings of proper
nouns. Before parsing, such a text gets its ordinary English words lower-cased, keeping every
word that belongs to a name we know; the text keeps its length, so offsets do not move."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from dyads.lang import words

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# share of capitalised words (4 letters or more) from which a text is Title Case
TITLE_SHARE = 0.75
MIN_LONG_WORDS = 2
# Titles are capitalised before names in running text too ("President Clinton met Vice
# President Al Gore."): there they are no evidence of Title Case.
TITLE_WORDS = words("actors", "title_words")


def _stems(word: str) -> list[str]:
    """`word` and the forms it may be inflected from ("lifts" lift, "eased" ease)."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""),
                         ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    if len(word) > 5 and word[-3:-2] == word[-4:-3] and word.endswith(("ed", "ing")):
        out.append(word[: -3 if word.endswith("ed") else -4])  # "slammed" slam
    return out


class Truecaser:
    """Lower-cases the ordinary words of Title Case text."""

    def __init__(self, english: Iterable[str], names: Iterable[str],
                 places: Iterable[str] = ()):
        # words of country, place and group names are never ordinary words ("Taiwan",
        # "North"), words of people's names may be ("May", "Ban")
        place_words = {w.lower() for w in places}
        self.english = ({w.lower() for w in english} - place_words) | set(STOP_WORDS)
        self.names = set(names) | set(places)  # as written ("Ban", "Lebanon")

    def is_title_case(self, text: str) -> bool:
        """Are most ordinary words (4 letters or more, not names) capitalised?"""
        found = WORD.findall(text)
        long = [w for i, w in enumerate(found) if len(w) >= 4 and not w.isupper()
                and not (w.lower() in TITLE_WORDS and i + 1 < len(found)
                         and found[i + 1][0].isupper())  # a title before a name
                and self._english(w.lower()) and w not in self.names]
        if len(long) < MIN_LONG_WORDS:
            return False
        return sum(w[0].isupper() for w in long) >= TITLE_SHARE * len(long)

    def _english(self, word: str) -> bool:
        return any(s in self.english for s in _stems(word))

    def __call__(self, text: str) -> str:
        if not self.is_title_case(text):
            return text
        chars = list(text)
        found = list(WORD.finditer(text))
        for i, m in enumerate(found):
            w = m.group()
            if not w[0].isupper() or w.isupper():
                continue  # not capitalised, or an acronym
            english = self._english(w.lower())
            if w in self.names and not english:
                continue  # a name we know ("Lebanon")
            if w in self.names:  # both ("May", "Ban", "North"): a name beside a name
                beside = [found[j].group() for j in (i - 1, i + 1) if 0 <= j < len(found)]
                if any(b in self.names and b[0].isupper() for b in beside):
                    continue  # "Theresa May", "Ban Ki-moon", "North Korea"
            if english:
                chars[m.start(): m.end()] = w.lower()
        return "".join(chars)


def english_words(lexicon, knowledge, nlp=None) -> set[str]:
    """Ordinary words: those of the event lexicon, of sector agents ("minister") and, when
    the spaCy pipeline has one, of its lemmatizer's word index (WordNet's lemmas)."""
    out: set[str] = set()
    if nlp is not None and "lemmatizer" in nlp.pipe_names:
        tables = nlp.get_pipe("lemmatizer").lookups
        if tables.has_table("lemma_index"):
            for lemmas in tables.get_table("lemma_index").values():
                out.update(lemmas)
    for p in lexicon.patterns:
        for group in (p.verbs, p.nouns, p.objects, p.object_mods, p.xcomps):
            for phrase in group:
                out.update(phrase.split())
    for agent in knowledge.agents:
        out.update(agent.split())
    return {w for w in out if w.isalpha()}


def name_words(knowledge) -> tuple[set[str], set[str]]:
    """Words of the names we know, as written: of people; of countries, places and groups."""
    people = {w for f in knowledge.people.name_forms() for w in WORD.findall(f)
              if w[0].isupper()}
    places = {w for f in knowledge.entries for w in WORD.findall(f) if w[0].isupper()}
    return people, places
