"""The CAMEO event ontology: names, Goldstein scores, quad classes and PLOVER types.

Facts live in data/cameo/cameo.tsv (derived from the CAMEO manual and CAMEO2PLOVER tables).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    description: str


class Ontology:
    """Lookup of CAMEO codes; unknown codes raise KeyError with the code in the message."""

    def __init__(self, codes: dict[str, CameoCode]):
        self._codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def __iter__(self):
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)


@cache
def ontology() -> Ontology:
    """The bundled CAMEO ontology (read-only, so safe to share)."""
    text = resources.files("dyads").joinpath("data/cameo/cameo.tsv").read_text("utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                          delimiter="\t")
    codes = {}
    for r in rows:
        codes[r["code"]] = CameoCode(
            code=r["code"], root=r["root"], name=r["name"], goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]), plover_type=r["plover_type"] or None,
            plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None,
            description=r["description"])
    return Ontology(codes)
