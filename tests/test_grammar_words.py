"""The grammar's word lists (data/grammar/en.yaml) are lists of words."""

from __future__ import annotations

from dyads.lang import _lists, ordered_words


def test_every_word_list_holds_only_words():
    # YAML reads bare on/off/yes/no as booleans; ordered_words refuses them
    for section, lists in _lists().items():
        for name, value in lists.items():
            if isinstance(value, list):
                assert all(isinstance(w, str) for w in ordered_words(section, name))
