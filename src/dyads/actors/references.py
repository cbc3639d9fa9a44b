"""Short references: word lists for phrases that name an actor through the article so far.

Read from data/actors/references.yaml (see data/actors/README.md); the resolver
(`ActorResolver._short_reference`) applies them with the article's `Discourse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml


@dataclass(frozen=True)
class Half:
    countries: frozenset[str]  # "the North" means PRK only once the article named PRK or KOR
    forms: dict[str, str]  # case-sensitive form -> country


@dataclass
class References:
    halves: list[Half] = field(default_factory=list)
    sets: dict[str, list[str]] = field(default_factory=dict)  # "two koreas" -> [PRK, KOR]
    pair: set[str] = field(default_factory=set)  # "both sides", "two countries"
    country: set[str] = field(default_factory=set)  # "country", "nation"
    agents: dict[str, set[str]] = field(default_factory=dict)  # "official" -> family
    offices: dict[str, str] = field(default_factory=dict)  # office -> agent form
    where: str = "references.yaml"

    def phrases(self) -> list[str]:
        """Every phrase (lower case) that may be a short reference: for the cheap pre-parse
        check of which sentences could hold an event."""
        out = set(self.sets) | self.pair | {f"the {c}" for c in self.country}
        out |= {f"the {f.lower()}" for h in self.halves for f in h.forms}
        return sorted(out)

    def agent_family(self, form: str) -> set[str]:
        """The agent forms an anaphoric `the <form>` may stand for."""
        return {form} | self.agents.get(form, set())


def load_references(text: str | None = None) -> References:
    if text is None:
        text = resources.files("dyads").joinpath("data/actors/references.yaml").read_text(
            "utf-8")
    data = yaml.safe_load(text) or {}
    return References(
        halves=[Half(frozenset(h["countries"]), dict(h["forms"])) for h in data.get("halves", [])],
        sets={k.lower(): list(v) for k, v in (data.get("sets") or {}).items()},
        pair={p.lower() for p in data.get("pair", [])},
        country={c.lower() for c in data.get("country", [])},
        agents={k.lower(): {v.lower() for v in vs or []}
                for k, vs in (data.get("agents") or {}).items()},
        offices=dict(data.get("offices") or {}),
    )
