"""The actor resolution test set (tests/data/actor_mentions.tsv): accuracy >= 95%."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dyads.actors.lookup import resolve_in_text

DATA = Path(__file__).parent / "data" / "actor_mentions.tsv"


def load_cases(path: Path = DATA) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def resolved_code(pipeline, case: dict[str, str]) -> str:
    on = date.fromisoformat(case["date"]) if case["date"] else None
    actors = resolve_in_text(pipeline, case["text"], case["mention"], on)
    # a sector without a country ("Police arrested ...") is written as the sector alone
    return "+".join(a.code or a.sector or "-" for a in actors) or "-"


def test_the_set_covers_what_it_should():
    cases = load_cases()
    assert len(cases) >= 150
    sectors = {c["expected"][3:6] for c in cases if len(c["expected"]) == 6}
    agents = Path(__file__).parents[1] / "src" / "dyads" / "data" / "actors" / "agents.tsv"
    listed = {ln.split("\t")[0] for ln in agents.read_text("utf-8").splitlines()
              if ln and not ln.startswith("#") and not ln.startswith("sector")}
    assert listed <= sectors | {"COP"}, listed - sectors


def test_accuracy(pipeline):
    cases = load_cases()
    misses = []
    for c in cases:
        got = resolved_code(pipeline, c)
        if got != c["expected"]:
            misses.append(f"{c['expected']:>10} got {got:<10} {c['mention']!r} in {c['text']!r} "
                          f"({c['date']}; {c['note']})")
    accuracy = 1 - len(misses) / len(cases)
    print(f"\nactor mentions: {len(cases) - len(misses)}/{len(cases)} = {accuracy:.1%}")
    print("\n".join(misses))
    assert accuracy >= 0.95, "\n".join(misses)
