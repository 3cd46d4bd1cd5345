"""Load test of `vanban serve`: N requests from C concurrent clients over loopback.

Starts the server on a run folder (or targets one already running with --url),
sends a mix of realistic requests (lists with filters, one document with its
extractions, cites and cited-by, tasks, targets) and prints requests/s and
latency percentiles. Exits 1 if any request failed or answered other than 200.

    .venv/bin/python scripts/load_test.py --out out/dev --requests 10000 --clients 20
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(out: str | Path, timeout: float = 30.0):
    """`vanban serve OUT` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    vanban = Path(sys.executable).with_name("vanban")
    cmd = [str(vanban)] if vanban.exists() else [sys.executable, "-m", "pipeline.apps.cli"]
    proc = subprocess.Popen([*cmd, "serve", str(out), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"vanban serve exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("vanban serve did not answer /health in time")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def request_mix(url: str, seed: int = 0) -> list[str]:
    """Paths worth asking for, built from what the server holds."""
    docs = httpx.get(url + "/documents", params={"limit": 500}, timeout=30).json()["items"]
    bodies = httpx.get(url + "/bodies", params={"limit": 20}, timeout=30).json()["items"]
    rnd = random.Random(seed)
    paths = ["/health", "/documents?limit=20", "/documents?status=ok&sort=-issued_date&limit=10",
             "/documents?date_from=2024-01-01&date_to=2025-12-31", "/references?resolved=true",
             "/references?relation=basis&limit=20", "/bodies?limit=20", "/targets?unit=%25&limit=20",
             "/dates?kind=deadline&limit=20", "/errors"]
    for d in rnd.sample(docs, min(len(docs), 30)):
        src = quote(d["source"])
        paths += [f"/documents/{src}", f"/cites/{src}", f"/cited-by/{src}",
                  f"/targets?source={quote(d['source'], safe='')}"]
        if d.get("doc_type"):
            paths.append(f"/documents?doc_type={quote(d['doc_type'])}&limit=10")
        if d.get("identifier"):
            paths.append(f"/documents?identifier={quote(d['identifier'], safe='')}")
    for b in bodies:
        paths.append(f"/tasks?body={quote(b['name'], safe='')}&limit=20")
    return paths


def run_load(url: str, requests: int, clients: int, seed: int = 0) -> dict:
    """Send `requests` GETs from `clients` threads, each with its own keep-alive connection."""
    paths = request_mix(url, seed)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        mine, bad = [], []
        with httpx.Client(base_url=url, timeout=30) as http:
            while True:
                with lock:
                    if next(counter, None) is None:
                        break
                path = rnd.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = http.get(path)
                    r.read()
                    if r.status_code != 200:
                        bad.append(f"{r.status_code} {path}")
                except httpx.HTTPError as exc:
                    bad.append(f"{type(exc).__name__} {path}")
                mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0

    return {"requests": len(latencies), "clients": clients, "errors": len(failures), "failures": failures[:10],
            "seconds": elapsed, "rps": len(latencies) / elapsed if elapsed else 0.0,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0)}


def report(res: dict) -> str:
    return (f"{res['requests']} requests, {res['clients']} clients, {res['errors']} errors in {res['seconds']:.1f} s: "
            f"{res['rps']:.0f} requests/s, latency p50 {res['p50_ms']:.1f} ms, p95 {res['p95_ms']:.1f} ms, "
            f"p99 {res['p99_ms']:.1f} ms, max {res['max_ms']:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="run folder to serve (vanban.duckdb inside)")
    where.add_argument("--url", help="a server already running, e.g. http://127.0.0.1:8000")
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if args.url:
        res = run_load(args.url.rstrip("/"), args.requests, args.clients)
    else:
        with serving(args.out) as url:
            res = run_load(url, args.requests, args.clients)
    print(report(res))
    for f in res["failures"]:
        print("  failed:", f)
    return 1 if res["errors"] or res["requests"] != args.requests else 0


if __name__ == "__main__":
    sys.exit(main())
