"""Loading a dataset of N events (default 1,000,000) into each backend, then a dyad query.

    .venv/bin/python bench/load.py [--events N] [--partitions 10] [--pg URL] [--durable]

1. Generates N synthetic events with bench/analysis.py's SQL (10 events an article, 40
   countries, every CAMEO code, 2015-2024; event dates = publication dates) in a scratch
   DuckDB file and writes them as a `dyads code --engine dask` dataset (P partitions, events
   by month, manifest).
2. Times `dyads load` (dyads.scale.dataset.load: batches of 1,000 articles, one transaction
   each, then the merged events of every group rebuilt once) into a new DuckDB file and into
   a new PostgreSQL database, with de-duplication on.
3. Times the dyad series USA-PRK by month afterwards: `dyads dyad` on DuckDB; on PostgreSQL
   the same counts in hand-written PostgreSQL SQL (the analysis layer is DuckDB SQL).

PostgreSQL: `--pg` names a server where the user may create databases; without it, a
throwaway server is started like the tests' (tests/pgserver.py), with fsync off unless
`--durable`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from analysis import fill  # noqa: E402

from dyads.aggregate import ActorSpec, dyad_series  # noqa: E402
from dyads.scale import dataset  # noqa: E402
from dyads.store import EventStore, open_store  # noqa: E402

PG_DYAD = """
SELECT date_trunc('month', e.date)::date AS period, count(*) AS events,
       count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
       count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
       avg(goldstein) AS goldstein_mean, count(DISTINCT a.source) AS sources
FROM events e LEFT JOIN articles a USING (doc_id)
WHERE ((source_country = 'USA' AND target_country = 'PRK')
    OR (source_country = 'PRK' AND target_country = 'USA'))
  AND NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)
  AND e.date IS NOT NULL
GROUP BY 1 ORDER BY 1
"""


def make_dataset(n: int, parts: int, work: Path) -> Path:
    src = work / "synthetic.duckdb"
    fill(src, n)
    out = work / "dataset"
    with EventStore(src) as store:
        con = store.con
        con.execute("UPDATE events SET event_date = date, event_date_end = date, "
                    "date_granularity = 'day'")
        entries = []
        for p in range(parts):
            name = f"part-{p:05d}-synthetic{p:07d}"
            where = f"hash(doc_id) % {parts} = {p}"
            for table, cols in dataset.TABLES.items():
                sel = f"SELECT {', '.join(cols)} FROM {table} WHERE {where}"
                if table != "events":
                    (out / table).mkdir(parents=True, exist_ok=True)
                    con.execute(f"COPY ({sel}) TO '{out / table / name}.parquet' "
                                "(FORMAT parquet)")
                    continue
                months = [m for (m,) in con.execute(
                    f"SELECT DISTINCT strftime(event_date, '%Y-%m') FROM events WHERE {where}"
                ).fetchall()]
                for m in months:
                    d = out / "events" / f"event_month={m}"
                    d.mkdir(parents=True, exist_ok=True)
                    con.execute(f"COPY ({sel} AND strftime(event_date, '%Y-%m') = '{m}') "
                                f"TO '{d / name}.parquet' (FORMAT parquet)")
            dataset.write_json(out / dataset.DONE / f"{name}.json", {"name": name})
            entries.append({"seq": p, "name": name})
    dataset.write_json(out / dataset.MANIFEST, {"partitions": entries, "failed_partitions": []})
    return out


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def best_of(fn, repeat: int = 3) -> float:
    return min(timed(fn)[0] for _ in range(repeat))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--partitions", type=int, default=10)
    ap.add_argument("--pg", help="PostgreSQL server URL (default: a throwaway server)")
    ap.add_argument("--durable", action="store_true", help="throwaway server with fsync on")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        secs, out = timed(lambda: make_dataset(args.events, args.partitions, work))
        files = sum(1 for _ in out.rglob("*.parquet"))
        print(f"dataset: {args.events:,} events in {files} Parquet files ({secs:.1f} s)")

        db = work / "loaded.duckdb"
        with open_store(db) as store:
            secs, stats = timed(lambda: dataset.load(out, store))
            n = store.counts()["events"]
            merged = store.execute("SELECT count(*) FROM unique_events").fetchone()[0]
        print(f"DuckDB load:      {secs:7.1f} s  ({stats.events:,} events, {n:,} stored, "
              f"{merged:,} merged events, {stats.events / secs:,.0f} events/s)")
        with EventStore(db, read_only=True) as store:
            usa, prk = ActorSpec.parse("USA"), ActorSpec.parse("PRK")
            q = best_of(lambda: dyad_series(usa, prk, by="month").df(store.con))
        print(f"DuckDB dyad USA PRK --by month: {1000 * q:.0f} ms")

        server = None
        url_base = args.pg
        if not url_base:
            from pgserver import TempPostgres

            server = TempPostgres.start(durable=args.durable)
            url_base = server.base_url
        try:
            name = f"bench_{int(time.time())}"
            with psycopg.connect(url_base, autocommit=True) as con:
                con.execute(f"CREATE DATABASE {name}")
            url = url_base.rsplit("/", 1)[0] + f"/{name}"
            with open_store(url) as store:
                secs, stats = timed(lambda: dataset.load(out, store))
                n = store.counts()["events"]
                merged = store.execute("SELECT count(*) FROM unique_events").fetchone()[0]
                store.execute("ANALYZE")
            fsync = "fsync on" if args.durable or args.pg else "fsync off"
            print(f"PostgreSQL load:  {secs:7.1f} s  ({stats.events:,} events, {n:,} stored, "
                  f"{merged:,} merged events, {stats.events / secs:,.0f} events/s; {fsync})")
            with psycopg.connect(url) as con:
                q = best_of(lambda: con.execute(PG_DYAD).fetchall())
                rows = len(con.execute(PG_DYAD).fetchall())
            print(f"PostgreSQL dyad USA PRK by month (SQL): {1000 * q:.0f} ms ({rows} months)")
        finally:
            if server is not None:
                server.stop()
        print(json.dumps({"events": args.events, "partitions": args.partitions}))


if __name__ == "__main__":
    main()
