"""Actor resolution speed: noun phrases resolved per second, the parse excluded.

Parses the dev sentences in ../shared/eval/dev and the actor test set once, then times the
resolver alone: for each sentence `ActorResolver.scope` (mentions, people, short-reference
bookkeeping) and `resolve_many` on the head of every noun phrase, with one `Discourse` per
20 sentences (as in an article). Usage: python bench/actors.py [--sentences N] [--repeat R]
[--petrarch]; with --petrarch also the time to read the Phoenix actor and agent dictionaries
(../shared/reference/petrarch) and to load them into the knowledge base.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from dyads.actors.resolver import Discourse
from dyads.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV = next((d for d in (ROOT.parent / "shared" / "eval" / "dev", Path("/work/shared/eval/dev"))
            if d.is_dir()), ROOT.parent / "shared" / "eval" / "dev")
TEST_SET = ROOT / "tests" / "data" / "actor_mentions.tsv"


def sentences(n: int) -> list[str]:
    out = [json.loads(line)["text"] for f in sorted(DEV.glob("*.jsonl"))
           for line in f.open(encoding="utf-8")]
    out += [ln.split("\t")[0] for ln in TEST_SET.read_text("utf-8").splitlines()[1:]
            if ln and not ln.startswith(("#", "text\t"))]
    return out[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--petrarch", action="store_true")
    args = ap.parse_args()
    if args.petrarch:
        petrarch_load()
    pipeline = Pipeline()
    resolver = pipeline.resolver
    docs = list(pipeline.parser.parse(sentences(args.sentences)))
    heads = [[c.root for c in doc.noun_chunks] for doc in docs]
    on = date(2019, 11, 10)
    best = None
    for _ in range(args.repeat):
        found = 0
        t = time.perf_counter()
        discourse = Discourse()
        for i, (doc, hs) in enumerate(zip(docs, heads, strict=True)):
            if i % 20 == 0:
                discourse = Discourse()
            scope = resolver.scope(doc, discourse, on)
            for h in hs:
                found += bool(resolver.resolve_many(h, scope))
        s = time.perf_counter() - t
        best = s if best is None else min(best, s)
    mentions = sum(len(h) for h in heads)
    print(f"sentences {len(docs)}, noun phrases {mentions} ({found} resolved to an actor)")
    print(f"resolution only (best of {args.repeat}): {best:.3f} s = "
          f"{mentions / best:,.0f} noun phrases/s, {len(docs) / best:,.0f} sentences/s")


def petrarch_load() -> None:
    from dyads.actors.knowledge import load_knowledge
    from dyads.actors.petrarch import read_actors

    folder = DEV.parents[1] / "reference" / "petrarch"
    actors = [folder / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International",
                                                          "MilNonState")]
    agents = folder / "Phoenix.agents.txt"
    if not agents.exists():
        print(f"no PETRARCH dictionaries in {folder}")
        return
    t = time.perf_counter()
    for p in actors:
        read_actors(p)
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    load_knowledge(petrarch_actors=actors, petrarch_agents=[agents])
    print(f"PETRARCH actor files read: {read_s:.2f} s; knowledge base with them and the "
          f"agents: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
