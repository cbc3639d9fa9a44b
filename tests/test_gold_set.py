"""Our own gold sentences (bench/gold/*.jsonl) are valid eval input."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(("path", "size", "empty"), [(GOLD, 600, 40), (PLOVER_GOLD, 500, 30)],
                         ids=["wire_cameo", "wire_plover"])
def test_every_sentence_loads_with_known_codes_and_actors(path, size, empty):
    texts = load_gold(path)
    assert len(texts) == len({t.id for t in texts}) > size
    cameo, countries = ontology(), _countries() | GROUP_CLASSES
    for t in texts:
        for e in t.events:
            assert e.cameo in cameo, (t.id, e.cameo)
            assert e.source in countries | {None} and e.target in countries | {None}, t.id
            # a PLOVER type, where given, is the one of its code
            assert e.plover in (None, cameo[e.cameo].plover_type), (t.id, e.cameo, e.plover)
    # sentences that must give nothing, in both halves
    assert sum(not t.events for t in texts) >= empty
    assert split_half(texts, 0) and split_half(texts, 1)


def test_the_cameo_set_covers_every_root():
    roots = {e.cameo[:2] for t in load_gold(GOLD) for e in t.events}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
