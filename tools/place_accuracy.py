"""Accuracy of dyads.places.event_place on the place test set (tests/data/places.tsv).

Each row is a sentence, its event's trigger word, the expected GeoNames id (empty: no place)
and other place names of the article, which become the disambiguation context.
Usage: python tools/place_accuracy.py [--show-errors]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from dyads.places import Gazetteer, context_of, event_place, gazetteer

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "places.tsv"


def rows(path: Path = TABLE) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def check(nlp, row: dict[str, str], gaz: Gazetteer | None = None) -> tuple[bool, str]:
    gaz = gaz or gazetteer()
    doc = nlp(row["sentence"])
    trigger = next(t for t in doc if t.text == row["trigger"])
    names = [n for n in (row.get("context") or "").split(";") if n]
    ctx = context_of(p for n in names if (p := gaz.lookup(n)) is not None)
    got = event_place(trigger, gaz, ctx)
    have = str(got.geonameid) if got else ""
    label = f"{got.name} {got.country} {got.admin1}" if got else None
    return have == row["geonameid"], (f"{row['sentence']!r}: want {row['expected'] or None} "
                                      f"({row['geonameid'] or '-'}), got {label} ({have or '-'})")


def main() -> None:
    from dyads.nlp import load_model

    nlp = load_model()
    results = [check(nlp, r) for r in rows()]
    ok = sum(1 for good, _ in results if good)
    if "--show-errors" in sys.argv:
        for good, msg in results:
            if not good:
                print(msg)
    print(f"place mentions {len(results)}, correct {ok}, accuracy {ok / len(results):.1%}")


if __name__ == "__main__":
    main()
