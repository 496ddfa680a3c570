"""Latency of the HTTP API, over real HTTP to uvicorn on 127.0.0.1.

    python benchmarks/api_latency.py [--seed FILE] [--requests 100] [--events 1000000]

1. ``POST /v1/code`` with the seed article (date 2022-06-15), after one warm-up
   request that loads the model: median and p95 over ``--requests`` requests.
2. ``GET /v1/dyads/CHN/RUS/timeline?by=month`` on a store of ``--events`` synthetic
   events (built by ``dyad_query.fill``), plus the first page of ``GET /v1/events``
   and ``GET /v1/stats`` for comparison.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dyad_query import fill  # noqa: E402

from tidings.store import EventStore  # noqa: E402
from tidings.web.app import create_app  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_cf4130f4cd584bf7.txt"


@contextmanager
def serve(app: Any) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)


def timed(client: httpx.Client, n: int, method: str, path: str, **kwargs: Any) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.request(method, path, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


def report(name: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
    print(f"{name}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"min {min(times):.1f} ms over {len(times)} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()

    body = {"text": args.seed.read_text(encoding="utf-8"), "date": "2022-06-15"}
    with serve(create_app(db=None, token=None)) as url, httpx.Client(base_url=url,
                                                                     timeout=120) as client:
        start = time.perf_counter()
        events = len(client.post("/v1/code", json=body).json()["events"])
        print(f"first POST /v1/code (loads the model): {time.perf_counter() - start:.1f} s, "
              f"{events} events")
        report("POST /v1/code, seed article", timed(client, args.requests, "POST", "/v1/code",
                                                     json=body))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with EventStore(db) as store:
            start = time.perf_counter()
            fill(store, args.events)
            print(f"filled {store.counts()['events']:,} events in "
                  f"{time.perf_counter() - start:.1f} s")
        with serve(create_app(db=str(db), token=None)) as url, httpx.Client(
                base_url=url, timeout=120) as client:
            timed(client, 2, "GET", "/v1/dyads/CHN/RUS/timeline")  # warm the file cache
            report("GET /v1/dyads/CHN/RUS/timeline?by=month",
                   timed(client, 50, "GET", "/v1/dyads/CHN/RUS/timeline?by=month"))
            report("GET /v1/events?limit=100", timed(client, 20, "GET", "/v1/events?limit=100"))
            report("GET /v1/events?source=CHN&target=RUS&limit=100",
                   timed(client, 20, "GET", "/v1/events?source=CHN&target=RUS&limit=100"))
            report("GET /v1/stats", timed(client, 5, "GET", "/v1/stats"))


if __name__ == "__main__":
    main()
