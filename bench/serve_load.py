"""Load test of `dyads serve` on 1,000,000 synthetic events: requests/s and p95 latency.

Builds the store with bench/analysis.py's generator (DuckDB SQL), starts `dyads serve
--read-only` on 127.0.0.1 in a subprocess, and sends a bounded number of requests per endpoint
from a few client threads. Only 127.0.0.1 is ever contacted. A benchmark, not a test:

    .venv/bin/python bench/serve_load.py [--events 1000000 --requests 400 --concurrency 8]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis import COUNTRIES, fill  # noqa: E402  (bench/analysis.py)

HOST = "127.0.0.1"  # fixed: this never loads anything but the local server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "dyads.cli", "serve", "--db", str(db),
                             "--host", HOST, "--port", str(port), "--read-only"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"dyads serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("dyads serve did not start within 60 s")


def pair(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(COUNTRIES, 2)
    return a, b


# name -> function(rng) -> (path, params)
CASES: dict[str, Callable[[random.Random], tuple[str, dict]]] = {
    "GET /api/events?actor=X&page=N (50 rows)": lambda r: (
        "/api/events", {"actor": r.choice(COUNTRIES), "page": r.randint(1, 20),
                        "page_size": 50}),
    "GET /api/events?cameo&quad&since, sort=goldstein": lambda r: (
        "/api/events", {"cameo": r.choice(["14", "17", "19", "04"]),
                        "quad": r.choice([3, 4]), "since": f"{r.randint(2015, 2023)}-01-01",
                        "sort": "goldstein", "desc": "true"}),
    "GET /api/dyad?a&b&by=month": lambda r: (
        "/api/dyad", dict(zip(("a", "b"), pair(r), strict=True), by="month")),
    "GET /api/dyad/events (one bar)": lambda r: (
        "/api/dyad/events", {**dict(zip(("a", "b"), pair(r), strict=True)), "by": "month",
                             "period": f"{r.randint(2015, 2024)}-{r.randint(1, 12):02d}-01"}),
}


def run_case(base: str, make: Callable[[random.Random], tuple[str, dict]], requests: int,
             concurrency: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    todo = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    if next(todo, None) is None:
                        return
                path, params = make(rng)
                t0 = time.perf_counter()
                ok = client.get(path, params=params).status_code == 200
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += not ok

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ordered = sorted(latencies)
    return {"n": len(ordered), "errors": errors, "rps": len(ordered) / wall,
            "p50": statistics.median(ordered) * 1000,
            "p95": ordered[max(0, int(0.95 * len(ordered)) - 1)] * 1000,
            "max": ordered[-1] * 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="reuse or create this store (default: temporary)")
    ap.add_argument("--requests", type=int, default=400, help="per endpoint")
    ap.add_argument("--concurrency", type=int, default=8, help="client threads")
    ap.add_argument("--max-seconds", type=float, default=60, help="per endpoint, at most")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "serve_bench.duckdb"
        if not db.exists():
            print(f"store: generating {args.events:,} events ...", flush=True)
            print(f"store: {fill(db, args.events):.1f} s to generate "
                  f"({db.stat().st_size / 1e6:.0f} MB)", flush=True)
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        print(f"store: {db} holds {n:,} events", flush=True)
        port = free_port()
        proc = start_server(db, port)
        try:
            base = f"http://{HOST}:{port}"
            httpx.get(base + "/api/events", params={"actor": "USA"}, timeout=60)  # warm up
            print(f"{args.requests} requests per endpoint, {args.concurrency} client threads, "
                  f"one uvicorn process on {HOST}")
            print(f"{'endpoint':52s} {'req/s':>7s} {'p50 ms':>8s} {'p95 ms':>8s} "
                  f"{'max ms':>8s} {'errors':>6s}")
            for name, make in CASES.items():
                r = run_case(base, make, args.requests, args.concurrency, args.max_seconds)
                print(f"{name:52s} {r['rps']:7.1f} {r['p50']:8.1f} {r['p95']:8.1f} "
                      f"{r['max']:8.1f} {r['errors']:6d}  (n={r['n']})", flush=True)
        finally:
            proc.terminate()
            proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
