"""The English words the grammar and the actor resolver rely on, read once from
data/grammar/en.yaml (function words and small closed classes; the event vocabulary is the
lexicon's)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _lists() -> dict[str, dict[str, list[str]]]:
    text = resources.files("dyads").joinpath("data/grammar/en.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def words(section: str, name: str) -> frozenset[str]:
    """One word list, e.g. words("grammar", "reporting_verbs")."""
    return frozenset(ordered_words(section, name))


def phrase_table(section: str, name: str) -> dict[str, tuple[str, ...]]:
    """A table of phrase lists, e.g. phrase_table("actors", "office_titles")."""
    return {k: tuple(v) for k, v in _lists()[section][name].items()}


def ordered_words(section: str, name: str) -> tuple[str, ...]:
    """One word list in its file's order, where the order is a preference."""
    found = tuple(_lists()[section][name])
    odd = [w for w in found if not isinstance(w, str)]
    if odd:  # YAML reads bare on/off/yes/no as booleans: such words must be quoted
        raise ValueError(f"en.yaml: {section}.{name}: {odd!r} are not words (quote them)")
    return found
