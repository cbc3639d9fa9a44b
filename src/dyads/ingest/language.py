"""A cheap "is this English?" test: the share of common English function words.

The coder only knows English, so a foreign-language article would silently yield nothing.
A stop-word ratio is enough to tell English news copy from French, German, Spanish...
and needs no model; texts in other scripts are caught by a script check.
"""

from __future__ import annotations

import re

# Frequent English function words that are rare as words in other European languages.
# Left out on purpose: "a" (French, Spanish...), "in"/"an"/"will" (German, Dutch),
# "on" (French), "de"/"die" (many), so foreign text does not score by accident.
ENGLISH_STOPWORDS = frozenset("""
the of and to that for with was is said from by at has have were are this which his her its
their they it be been had would who after not but than also or he she we you our these those
there when while about into over against between could should what other more most such
""".split())

# Frequent function words of other languages news arrives in; never English words.
FOREIGN_STOPWORDS = frozenset("""
le la les des est et une du pour dans avec sur qui pas au aux ce cette sont
der die das und ist nicht mit ein eine von zu den dem im sich auch auf wird
el los las que y del por con una para se es lo como pero su sus al
il di che e per non della sono gli nel
o os da do das dos em um uma não com para
""".split()) - {"a", "in", "on", "an", "die", "will"}

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SHORT_TEXT_WORDS = 8  # too short to judge: give it the benefit of the doubt
MIN_STOPWORD_RATIO = 0.04  # English news copy scores ~0.3, terse wire copy ~0.1
MIN_LATIN_SHARE = 0.5  # most letters must be Latin script


def is_english(text: str) -> bool:
    """True when `text` looks like English (texts under ~8 words count as English)."""
    letters = [c for c in text if c.isalpha()]
    # Chinese or Japanese text has no spaces, so a word count would call it "short"
    if len(letters) >= 20 and sum(c < "\u0250" for c in letters) / len(letters) < MIN_LATIN_SHARE:
        return False
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < SHORT_TEXT_WORDS:
        return True
    hits = sum(w in ENGLISH_STOPWORDS or w in ("a", "an", "in", "on") for w in words)
    foreign = sum(w in FOREIGN_STOPWORDS for w in words)
    return hits > foreign and hits / len(words) >= MIN_STOPWORD_RATIO
