"""Distributed coding: partitions, a LocalCluster of 2 worker processes, Parquet, `dyads load`.

The central promise: `dyads code --engine dask` + `dyads load` gives the same store as
`dyads code --db` on the same inputs.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.dataset as pads
import pytest
from click.testing import CliRunner
from warcfiles import SAMPLES, sample_warc

from dyads.cli import main
from dyads.ingest import iter_articles
from dyads.runner import code_inputs
from dyads.scale import dataset, engine
from dyads.scale.partitions import plan, read_partition
from dyads.store import EventStore

REPORTS = Path(__file__).resolve().parents[1] / "samples" / "dedup" / "reports.jsonl"
SMALL = {"files_per_partition": 3, "lines_per_partition": 2}


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture
def inputs(tmp_path):
    """Files, a folder, JSONL, a WARC file and two bad inputs."""
    warc = sample_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "notes.md").write_text("not an input")
    return [str(SAMPLES), str(REPORTS), str(warc), str(tmp_path / "notes.md"),
            str(tmp_path / "missing.txt")]


def tables(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in ("articles", "sentences", "events", "unique_events", "mentions"):
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [t]).fetchall() if c != "coded_at"]
            out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def test_partitions_read_what_a_single_run_reads(tmp_path):
    jsonl = tmp_path / "wire.jsonl"
    lines = (SAMPLES / "wire_digest.jsonl").read_text().splitlines()
    jsonl.write_text("\n\n".join([*lines, "{bad json", *lines[:1]]) + "\n\n")
    inputs = [str(SAMPLES), str(jsonl), str(SAMPLES / "japan_export_curbs.txt")]
    p = plan(inputs, **SMALL)
    assert len(p.partitions) > 3 and not p.errors
    assert [p.partitions[i].seq for i in range(len(p.partitions))] == list(
        range(len(p.partitions)))
    got = [x for part in p.partitions for x in read_partition(part)]
    assert got == list(iter_articles(inputs))  # same ids, line numbers, errors, order
    assert plan(inputs, **SMALL) == p  # stable ids: a re-run finds the same partitions
    (tmp_path / "empty.jsonl").write_text("\n\n")
    assert [str(e) for e in plan([str(tmp_path / "empty.jsonl"), "-"]).errors] == [
        f"{tmp_path / 'empty.jsonl'}: empty file",
        "-: standard input cannot be distributed; give files"]


def test_dask_run_equals_single_process_run(client, inputs, tmp_path, pipeline):
    single = tmp_path / "single.duckdb"
    with EventStore(single) as store:
        stats = code_inputs(pipeline, inputs, store=store)
    out = tmp_path / "events"
    run = engine.run(inputs, out, client=client, **SMALL)
    assert run.as_dict() == stats.as_dict() and run.failed == 2
    assert sorted(map(str, run.errors)) == sorted(map(str, stats.errors))
    assert run.partitions == run.coded_partitions > 3 and not run.failed_partitions

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["events"] == stats.events
    assert manifest["versions"]["dask"] and manifest["inputs"] == inputs
    assert {p["status"] for p in manifest["partitions"]} == {"done"}
    events = pads.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert events.num_rows == stats.events
    assert set(events.column_names) == {*dataset.TABLES["events"], "event_month"}
    assert "2019-11" in set(events.column("event_month").to_pylist())

    loaded = tmp_path / "loaded.duckdb"
    r = CliRunner().invoke(main, ["load", str(out), "--db", str(loaded)])
    assert r.exit_code == 0, r.output
    assert tables(loaded) == tables(single)

    again = engine.run(inputs, out, client=client, **SMALL)  # nothing left to do
    assert again.skipped == again.partitions and again.coded_partitions == 0
    assert again.as_dict() == stats.as_dict()


def test_failed_partition_is_retried_reported_and_rerun(client, tmp_path):
    out = tmp_path / "events"
    parts = engine.partitions([str(SAMPLES)], engine.Options(), 3, 2).partitions
    blocker = out / "articles" / f"{parts[1].name}.parquet"
    blocker.mkdir(parents=True)  # the partition cannot write its file: it fails every time
    run = engine.run([str(SAMPLES)], out, client=client, retries=1, **SMALL)
    [failed] = run.failed_partitions
    assert failed["name"] == parts[1].name and failed["attempts"] == 2
    assert run.coded_partitions == len(parts) - 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["partitions_failed"] == 1
    assert [p["status"] for p in manifest["partitions"]].count("failed") == 1
    r = CliRunner().invoke(main, ["load", str(out), "--db", str(tmp_path / "part.duckdb")])
    assert r.exit_code == 1 and "1 partitions failed" in r.output

    blocker.rmdir()
    rerun = engine.run([str(SAMPLES)], out, client=client, **SMALL)
    assert (rerun.skipped, rerun.coded_partitions, rerun.failed_partitions) == (
        len(parts) - 1, 1, [])
    r = CliRunner().invoke(main, ["load", str(out), "--db", str(tmp_path / "all.duckdb")])
    assert r.exit_code == 0, r.output


def test_bad_scheduler_and_bad_dataset_are_one_line(tmp_path):
    with pytest.raises(engine.EngineError, match="cannot reach Dask scheduler tcp://127"):
        engine.connect("tcp://127.0.0.1:1", None, timeout="1s")
    runner = CliRunner()
    r = runner.invoke(main, ["code", str(REPORTS), "--engine", "dask", "--scheduler",
                             "nohost::x", "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert r.output.startswith("Error: cannot reach Dask scheduler nohost::x")
    assert r.output.count("\n") == 1
    r = runner.invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert r.exit_code == 1 and "not a dyads dataset" in r.output
    r = runner.invoke(main, ["code", str(REPORTS), "--engine", "dask"])
    assert r.exit_code == 2 and "--out" in r.output
