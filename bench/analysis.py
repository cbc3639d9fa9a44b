"""Benchmark the analysis layer on a store of synthetic events (default 1,000,000).

    .venv/bin/python bench/analysis.py [--events N] [--db PATH] [--repeat 3]

The store is filled with DuckDB SQL (one INSERT ... SELECT over range(N), no Python loop):
40 countries, a few sectors, every CAMEO code of the bundled ontology with its Goldstein
score and quad class, dates over 2015-2024, 10 events per article, 60 publishers, 3% negated
and 3% hypothetical, each dated by its publication date. The de-duplication tables are
filled by SQL too, as dyads/dedup.py would merge these rows (asserted events with the same
source, target, CAMEO root and date become one event, with one mention per row), so the
queries count merged events with their mentions, as on a real store. Then it times a dyad
series (USA-PRK by month and by week, undirected), top dyads (by events and by conflict)
and two exports. Figures are the best of --repeat runs.
Synthetic data: actor pairs are uniform, so the USA-PRK dyad holds about 1/800 of the events.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from dyads.aggregate import ActorSpec, dyad_series, top_dyads
from dyads.cameo import ontology
from dyads.exchange import export
from dyads.store import _EVENT_COLUMNS, EventStore

COUNTRIES = ["USA", "PRK", "KOR", "JPN", "CHN", "RUS", "UKR", "IRN", "ISR", "PSE", "SYR", "TUR",
             "IND", "PAK", "AFG", "IRQ", "SAU", "EGY", "FRA", "DEU", "GBR", "ITA", "ESP", "POL",
             "BRA", "MEX", "VEN", "COL", "NGA", "ETH", "KEN", "ZAF", "SDN", "LBY", "YEM", "TWN",
             "VNM", "PHL", "IDN", "MMR"]
# Every event column, in store order: the when/where ones get the publication date, no place.
EVENT_COLUMNS = ", ".join(_EVENT_COLUMNS)
SECTORS = [None, None, None, "GOV", "GOV", "MIL", "OPP", "REB", "CVL", "BUS"]


def fill(path: Path, n: int) -> float:
    """Create the store at `path` with `n` synthetic events; return the seconds it took."""
    t0 = time.perf_counter()
    with EventStore(path) as store:
        con = store.con
        codes = pd.DataFrame(
            [(c.code, c.root, c.name, c.goldstein, c.quad_class, c.plover_type)
             for c in ontology() if len(c.code) >= 3],
            columns=["code", "root", "name", "goldstein", "quad_class", "plover_type"])
        con.register("bench_codes", codes)
        con.execute("SELECT setseed(0.42)")
        con.execute("CREATE TEMP TABLE bc AS SELECT row_number() OVER () - 1 AS i, * "
                    "FROM bench_codes")
        n_codes = len(codes)
        n_articles = max(1, n // 10)
        countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
        sectors = "[" + ", ".join("NULL" if s is None else f"'{s}'" for s in SECTORS) + "]"
        con.begin()
        con.execute(f"""
INSERT INTO articles (doc_id, title, date, url, source, path, text, n_sentences, coded_at,
                      dyads_version)
SELECT 'doc' || i, 'Title ' || i, DATE '2015-01-01' + (i * 3653 // {n_articles})::INTEGER,
       'https://news.example/' || i, 'Publisher ' || (i % 60), NULL, 'Body of article ' || i,
       12, TIMESTAMP '2025-01-01 00:00:00', 'bench'
FROM range({n_articles}) t(i)
""")
        con.execute(f"""
INSERT INTO events ({EVENT_COLUMNS})
SELECT 'doc' || d || ':' || s || ':0', 'doc' || d, s, s, 'Synthetic sentence.',
       DATE '2015-01-01' + (d * 3653 // {n_articles})::INTEGER,
       -- source actor
       src || coalesce(ssec, ''), src, ssec, 'source text', 0, 11, NULL, 'bench',
       -- target actor
       tgt || coalesce(tsec, ''), tgt, tsec, 'target text', 20, 31, NULL, 'bench',
       bc.code, bc.root, bc.name, bc.goldstein, bc.quad_class, bc.plover_type,
       'did', 12, 15, random() < 0.03, random() < 0.03, s = 0, 'bench', []::TEXT[],
       -- when/where (schema v2): no time phrase, so the publication date; no place
       DATE '2015-01-01' + (d * 3653 // {n_articles})::INTEGER,
       DATE '2015-01-01' + (d * 3653 // {n_articles})::INTEGER, 'publication', NULL,
       {", ".join(["NULL"] * 16)}
FROM (
    SELECT i // 10 AS d, i % 10 AS s,
           list_extract({countries}, 1 + (random() * {len(COUNTRIES)})::INTEGER
                        % {len(COUNTRIES)}) AS src,
           list_extract({countries}, 1 + (random() * {len(COUNTRIES)})::INTEGER
                        % {len(COUNTRIES)}) AS tgt,
           list_extract({sectors}, 1 + (random() * {len(SECTORS)})::INTEGER
                        % {len(SECTORS)}) AS ssec,
           list_extract({sectors}, 1 + (random() * {len(SECTORS)})::INTEGER
                        % {len(SECTORS)}) AS tsec,
           (random() * {n_codes})::INTEGER % {n_codes} AS k
    FROM range({n}) t(i)
) r JOIN bc ON bc.i = r.k
""")
        key = "coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.cameo_root"
        con.execute(f"""
CREATE TEMP TABLE bm AS
SELECT e.event_id, min(e.event_id) OVER (PARTITION BY {key}, e.event_date) AS global_id,
       e.doc_id, e.sentence_index, a.source AS publisher, a.date AS published, e.sentence
FROM events e JOIN articles a ON a.doc_id = e.doc_id
WHERE NOT e.negated AND NOT e.hypothetical
""")
        con.execute("INSERT INTO mentions SELECT * FROM bm")
        con.execute("""
INSERT INTO unique_events
SELECT bm.global_id, any_value(e.source_code), any_value(e.target_code),
       any_value(e.cameo_root), any_value(e.cameo), any_value(e.event_date),
       any_value(e.event_date), NULL, count(*), count(DISTINCT bm.publisher),
       count(DISTINCT bm.doc_id), min(bm.published), max(bm.published)
FROM bm JOIN events e ON e.event_id = bm.global_id GROUP BY bm.global_id
""")
        con.commit()
        con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="store to create (default: a temporary file)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        if path.exists():
            path.unlink()
        fill_s = fill(path, args.events)
        with EventStore(path, read_only=True) as store:
            con = store.con
            n = con.execute("SELECT count(*) FROM events").fetchone()[0]
            size = path.stat().st_size / 1e6
            print(f"store: {n:,} events, {fill_s:.1f} s to generate ({size:.0f} MB)")
            usa, prk = ActorSpec.parse("USA"), ActorSpec.parse("PRK")
            cases = [
                ("dyad USA PRK --by month (undirected)",
                 lambda: dyad_series(usa, prk, by="month").df(con)),
                ("dyad USA PRK --by week --directed",
                 lambda: dyad_series(usa, prk, by="week", directed=True).df(con)),
                ("dyad USAGOV PRK --by month --since 2019-01-01",
                 lambda: dyad_series(ActorSpec.parse("USAGOV"), prk, by="month",
                                     since=pd.Timestamp("2019-01-01").date()).df(con)),
                ("top-dyads (by events, directed, 20)", lambda: top_dyads().df(con)),
                ("top-dyads --rank conflict --undirected",
                 lambda: top_dyads(rank="conflict", directed=False).df(con)),
                ("top-dyads --level code --since 2019-01-01",
                 lambda: top_dyads(level="code",
                                   since=pd.Timestamp("2019-01-01").date()).df(con)),
            ]
            for label, fn in cases:
                secs, frame = best(fn, args.repeat)
                extra = (f", {int(frame['events'].sum()):,} events in "
                         f"{len(frame):,} rows")
                print(f"{label:48s} {secs * 1000:8.1f} ms{extra}")
            for fmt in ("gdelt", "parquet"):
                out = Path(tmp) / f"export.{fmt}"
                t0 = time.perf_counter()
                rows = export(con, fmt, out)
                print(f"{'export --format ' + fmt + ' (all asserted)':48s} "
                      f"{(time.perf_counter() - t0):8.1f} s, {rows:,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
