"""Throughput of `dyads code` in one process: articles/s, words/s, peak memory.

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
DEV = ROOT.parent / "shared" / "eval" / "dev"


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
    t0 = time.perf_counter()
    sentences = parsed = events = 0
    for coded in pipeline.code_articles(articles):
        sentences += len(coded.sentences)
        parsed += coded.parsed
        events += len(coded.events)
    secs = time.perf_counter() - t0
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


if __name__ == "__main__":
    main()
