"""Accuracy of dyads.timex.resolve on the time-phrase table (tests/data/timex_table.tsv).

Usage: python tools/timex_accuracy.py [--show-errors]
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from dyads.timex import resolve

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "timex_table.tsv"


def rows(path: Path = TABLE) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def check(row: dict[str, str]) -> tuple[bool, str]:
    ref = date.fromisoformat(row["ref"]) if row["ref"] else None
    got = resolve(row["phrase"], ref, row["tense"])  # type: ignore[arg-type]
    want = (row["start"], row["end"], row["granularity"]) if row["start"] else None
    have = (got.start.isoformat(), got.end.isoformat(), got.granularity) if got else None
    return have == want, f"{row['phrase']!r} ref={row['ref'] or None}: want {want}, got {have}"


def main() -> None:
    results = [check(r) for r in rows()]
    ok = sum(1 for good, _ in results if good)
    if "--show-errors" in sys.argv:
        for good, msg in results:
            if not good:
                print(msg)
    print(f"time phrases {len(results)}, correct {ok}, accuracy {ok / len(results):.1%}")


if __name__ == "__main__":
    main()
