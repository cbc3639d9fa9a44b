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


MOODS = ("intent", "appeal", "demand", "refusal", "threat")
# The mood a governing verb's own root gives its complement ("pledged to X" -> intent).
MOOD_OF_ROOT = {"02": "appeal", "03": "intent", "10": "demand", "12": "refusal",
                "13": "threat"}


class Ontology:
    """Lookup of CAMEO codes; unknown codes raise KeyError with the code in the message."""

    def __init__(self, codes: dict[str, CameoCode],
                 counterparts: dict[str, dict[str, str]] | None = None,
                 polity_acts: frozenset[str] = frozenset()):
        self._codes = codes
        self._counterparts = counterparts or {}
        self._polity_acts = polity_acts

    def is_polity_act(self, code: str) -> bool:
        """Whether `code` is an act on a country's own polity (data/cameo/polity.tsv):
        reform, emergency rule, party bans, dissent and protest. Looked up by prefix."""
        return any(code[:n] in self._polity_acts for n in range(len(code), 1, -1))

    def counterpart(self, code: str, mood: str) -> str | None:
        """The code of `code`'s act in another mood (data/cameo/counterparts.tsv).

        "will release" is intent 0353, "threatened to halt talks" threat 134; None where
        CAMEO has no such code. Looked up by the act's longest listed prefix.
        """
        for n in range(len(code), 1, -1):
            row = self._counterparts.get(code[:n])
            if row is not None:
                return row.get(mood) or None
        return None

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


def _tsv_rows(name: str) -> csv.DictReader:
    text = resources.files("dyads").joinpath(f"data/cameo/{name}").read_text("utf-8")
    return csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                          delimiter="\t")


@cache
def ontology() -> Ontology:
    """The bundled CAMEO ontology (read-only, so safe to share)."""
    codes = {}
    for r in _tsv_rows("cameo.tsv"):
        codes[r["code"]] = CameoCode(
            code=r["code"], root=r["root"], name=r["name"], goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]), plover_type=r["plover_type"] or None,
            plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None,
            description=r["description"])
    counterparts = {}
    for r in _tsv_rows("counterparts.tsv"):
        row = {m: (r.get(m) or "").strip() for m in MOODS}
        for m, c in row.items():
            if c and c not in codes:
                raise ValueError(f"counterparts.tsv: {r['act']}: unknown {m} code {c!r}")
        counterparts[r["act"]] = row
    polity_acts = frozenset(r["act"] for r in _tsv_rows("polity.tsv"))
    for act in polity_acts:
        if act not in codes:
            raise ValueError(f"polity.tsv: unknown CAMEO code {act!r}")
    return Ontology(codes, counterparts, polity_acts)
