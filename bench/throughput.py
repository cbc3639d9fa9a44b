"""Throughput of `dyads code` in one process: articles/s, words/s, peak memory, and the time
of each stage (sentence split, parse, coding with actors, dates/places).

Builds a corpus of N articles (default 2000) from the bundled sample articles and the dev
sentences in ../shared/eval/dev (8 sentences an article, drawn with a fixed seed), codes it with
one Pipeline, and prints the figures. Usage: python bench/throughput.py [--articles N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from dyads.ingest import iter_articles
from dyads.model import Article
from dyads.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV = next((d for d in (ROOT.parent / "shared" / "eval" / "dev", Path("/work/shared/eval/dev"))
            if d.is_dir()), ROOT.parent / "shared" / "eval" / "dev")


def corpus(n: int, seed: int = 13) -> list[Article]:
    samples = [a for a in iter_articles([ROOT / "samples" / "articles"])
               if isinstance(a, Article)]
    sentences = [json.loads(line)["text"] for f in sorted(DEV.glob("*.jsonl"))
                 for line in f.open(encoding="utf-8")]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if samples and i % 10 == 0:
            a = samples[(i // 10) % len(samples)]
            out.append(Article(doc_id=f"bench-{i}", text=a.text, title=a.title, date=a.date))
        else:
            text = "\n\n".join(rng.sample(sentences, 8)) if sentences else samples[0].text
            out.append(Article(doc_id=f"bench-{i}", text=text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    pipeline = Pipeline()
    load_s = time.perf_counter() - t0
    articles = corpus(args.articles)
    words = sum(len(a.text.split()) + len((a.title or "").split()) for a in articles)
    # the stages of Pipeline.code_articles, timed one by one
    from dyads.actors.resolver import Discourse
    from dyads.situate import situate

    stage = dict.fromkeys(("split", "parse", "code", "situate"), 0.0)
    sentences = parsed = events = 0
    clock = time.perf_counter
    t_all = clock()
    for article in articles:
        t0 = clock()
        sents, candidate = pipeline.sentences(article)
        todo = [s for s, c in zip(sents, candidate, strict=True) if c]
        t1 = clock()
        docs = list(pipeline.parser.parse(s.text for s in todo))
        t2 = clock()
        discourse = Discourse()
        coded = [(e, doc) for sent, doc in zip(todo, docs, strict=True)
                 for e in pipeline.coder.code_sentence(
                     doc, doc_id=article.doc_id, sentence_index=sent.index, date=article.date,
                     headline=sent.headline, discourse=discourse, text=sent.text)]
        t3 = clock()
        situate(coded, article.date, pipeline.gazetteer)
        t4 = clock()
        for k, a, b in (("split", t0, t1), ("parse", t1, t2), ("code", t2, t3),
                        ("situate", t3, t4)):
            stage[k] += b - a
        sentences += len(sents)
        parsed += len(todo)
        events += len(coded)
    secs = clock() - t_all
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model+data load     {load_s:8.2f} s")
    print(f"articles            {len(articles):8d}")
    print(f"words               {words:8d}")
    print(f"sentences           {sentences:8d} ({parsed} parsed, "
          f"{100 * parsed / max(sentences, 1):.0f}%)")
    print(f"events              {events:8d}")
    print(f"time                {secs:8.2f} s")
    print(f"articles/s          {len(articles) / secs:8.1f}")
    print(f"words/s             {words / secs:8.0f}")
    print(f"peak memory         {peak_mb:8.0f} MiB")
    for k, v in stage.items():
        print(f"  {k:<17} {v:8.2f} s  ({100 * v / secs:4.1f}%)")
    print(f"coder cost / parse  {100 * stage['code'] / max(stage['parse'], 1e-9):8.1f} %")


if __name__ == "__main__":
    main()
