"""Our own gold sentences (bench/gold/*.jsonl) are valid eval input."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from dyads.actors.resolver import GROUP_CLASSES
from dyads.cameo import ontology
from dyads.evaluate import load_gold, split_half

GOLD_DIR = Path(__file__).resolve().parents[1] / "bench" / "gold"
GOLD = GOLD_DIR / "wire_cameo.jsonl"
PLOVER_GOLD = GOLD_DIR / "wire_plover.jsonl"


def _countries() -> set[str]:
    text = resources.files("dyads").joinpath("data/actors/countries.tsv").read_text("utf-8")
    rows = csv.reader((ln for ln in text.splitlines() if not ln.startswith("#")),
                      delimiter="\t")
    return {r[0] for r in rows if r}


def test_every_sentence_loads_with_known_codes_and_actors():
    texts = load_gold(GOLD)
    assert len(texts) == len({t.id for t in texts}) > 600
    cameo, countries = ontology(), _countries() | GROUP_CLASSES
    for t in texts:
        for e in t.events:
            assert e.cameo in cameo, (t.id, e.cameo)
            assert e.source in countries | {None} and e.target in countries | {None}, t.id
    # every root, and sentences that must give nothing
    assert {e.cameo[:2] for t in texts for e in t.events} == {f"{r:02d}" for r in range(1, 21)}
    assert sum(not t.events for t in texts) >= 40
    assert split_half(texts, 0) and split_half(texts, 1)


def test_the_plover_style_set_loads_with_known_codes_actors_and_types():
    texts = load_gold(PLOVER_GOLD)
    assert len(texts) == len({t.id for t in texts}) > 500
    cameo, countries = ontology(), _countries() | GROUP_CLASSES
    for t in texts:
        for e in t.events:
            assert e.cameo in cameo, (t.id, e.cameo)
            assert e.source in countries | {None} and e.target in countries | {None}, t.id
            assert e.plover == cameo[e.cameo].plover_type, (t.id, e.cameo, e.plover)
    assert sum(not t.events for t in texts) >= 30
    assert split_half(texts, 0) and split_half(texts, 1)

