"""Throughput on this machine: 1 process vs `--engine dask --workers N`, and a cost profile.

Writes the corpus of bench/throughput.py (N articles, default 1000) as JSONL shards, then:

1. codes it in one process (`code_inputs`, no store) and reports articles/s and peak RSS;
2. codes it with the Dask engine on a LocalCluster of `--workers` processes into a Parquet
   dataset, and reports articles/s (with and without cluster start-up), the scaling
   efficiency (speed-up / workers) and each worker's peak RSS;
3. with `--profile`, profiles the single-process run with cProfile and splits the time into
   ingest, sentence split, parse, actors, coding, when/where and store (DuckDB write).

Usage: python bench/scale.py [--articles 1000] [--workers 2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus  # noqa: E402

from dyads.pipeline import Pipeline  # noqa: E402
from dyads.runner import code_inputs  # noqa: E402
from dyads.scale import engine  # noqa: E402
from dyads.store import EventStore  # noqa: E402


def write_shards(n: int, folder: Path, per_file: int = 250) -> list[str]:
    arts = corpus(n)
    paths = []
    for i in range(0, len(arts), per_file):
        p = folder / f"shard-{i // per_file:04d}.jsonl"
        with p.open("w", encoding="utf-8") as f:
            for a in arts[i:i + per_file]:
                f.write(json.dumps({"id": a.doc_id, "text": a.text, "title": a.title,
                                    "date": a.date.isoformat() if a.date else None}) + "\n")
        paths.append(str(p))
    return paths


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _entered(stats: pstats.Stats, inside: str, func: str | None = None,
             caller_in: str | None = None) -> float:
    """Cumulative time of functions of file `inside` (named `func`, if given) when called
    from outside that file (from file `caller_in`, if given): a stage's own total, with the
    stage's internal calls not counted twice."""
    total = 0.0
    for (file, _l, name), (*_x, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if not file.endswith(inside) or (func and name != func):
            continue
        for (cfile, _cl, _cn), (_cc, _nc, _tt, ct) in callers.items():
            if cfile.endswith(inside) or (caller_in and not cfile.endswith(caller_in)):
                continue
            total += ct
    return total


def profile(inputs: list[str], pipeline: Pipeline, workdir: Path) -> None:
    prof = cProfile.Profile()
    with EventStore(workdir / "profile.duckdb") as store:
        prof.enable()
        t0 = time.perf_counter()
        code_inputs(pipeline, inputs, store=store)
        total = time.perf_counter() - t0
        prof.disable()
    st = pstats.Stats(prof)
    stages = {
        "ingest (JSONL)": _entered(st, "dyads/ingest/__init__.py"),
        "sentence split": _entered(st, "spacy/language.py", "pipe", "dyads/pipeline.py:sents"),
        "candidate check": _entered(st, "dyads/actors/resolver.py", "has_actor"),
        "parse (spaCy)": _entered(st, "spacy/language.py", "pipe", "dyads/pipeline.py"),
        "coding (+actors)": _entered(st, "dyads/coding/coder.py", "code_sentence"),
        "  of which actors": _entered(st, "dyads/actors/resolver.py", None,
                                      "dyads/coding/grammar.py")
        + _entered(st, "dyads/actors/resolver.py", None, "dyads/coding/coder.py"),
        "when/where": _entered(st, "dyads/situate.py", "situate"),
        "store (DuckDB)": _entered(st, "dyads/store.py", "write_batch"),
    }
    # the split and the parse both run spaCy's Language.pipe: tell them apart by the caller
    split = sum(ct for (f, _l, n), (*_x, callers) in st.stats.items()  # type: ignore[attr-defined]
                if f.endswith("spacy/language.py") and n == "pipe"
                for (cf, _cl, cn), (_a, _b, _c, ct) in callers.items()
                if cf.endswith("dyads/pipeline.py") and cn == "sentences")
    stages["sentence split"] = split
    stages["parse (spaCy)"] -= split
    print(f"\nprofile of one process with a DuckDB store (cProfile, {total:.1f} s "
          "with profiling overhead):")
    for stage, secs in stages.items():
        print(f"  {stage:18} {secs:7.2f} s  {100 * secs / total:5.1f} %")
    print("  top functions by own time:")
    st.sort_stats("tottime").print_stats(10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dyads-bench-"))
    try:
        inputs = write_shards(args.articles, work)
        t0 = time.perf_counter()
        pipeline = Pipeline()
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        stats = code_inputs(pipeline, inputs)
        one = time.perf_counter() - t0
        print(f"articles {stats.coded}, events {stats.events}; model load {load_s:.1f} s")
        print(f"1 process:          {one:7.1f} s  {stats.coded / one:6.1f} articles/s  "
              f"peak RSS {peak_mib():.0f} MiB")

        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.register_plugin(engine._Preload(engine.Options()), name="dyads-pipeline")
            ready = time.perf_counter() - t0
            t1 = time.perf_counter()
            run = engine.run(inputs, work / "events", client=client,
                             lines_per_partition=max(1, args.articles // (8 * args.workers)))
            secs = time.perf_counter() - t1
            rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        assert run.coded == stats.coded and run.events == stats.events, "runs differ"
        speedup = one / secs
        print(f"dask, {args.workers} workers:   {secs:7.1f} s  {run.coded / secs:6.1f} "
              f"articles/s  ({run.partitions} partitions; cluster start + model load "
              f"{ready:.1f} s, with it {run.coded / (secs + ready):.1f} articles/s)")
        print(f"speed-up {speedup:.2f}x, scaling efficiency {100 * speedup / args.workers:.0f} %")
        for addr, kib in sorted(rss.items()):
            print(f"  worker {addr}: peak RSS {kib / 1024:.0f} MiB")
        if args.profile:
            profile(inputs, pipeline, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
