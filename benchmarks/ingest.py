"""Ingest throughput against coding alone, on N articles made from the sample corpus.

    python benchmarks/ingest.py [--n 2000] [--batch-size 64]

Each copy of a sample article gets its own id and URL and one changed sentence
(so identities differ; the copies still group into stories, as real wire
copies would). Both runs share one loaded pipeline, so model loading is not
measured. Target: ingest >= 0.85 of the throughput of coding alone.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from importlib import resources
from pathlib import Path

from tidings.ingest import Ingester, read_inputs
from tidings.pipeline import Pipeline
from tidings.store import EventStore


def make_corpus(n: int, path: Path) -> None:
    text = (resources.files("tidings") / "data" / "sample" / "corpus.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row['id']}-{i}"
            row["url"] = f"{row['url']}?copy={i}"
            row["text"] = row["text"] + f"\nThis is edition {i} of the report."
            out.write(json.dumps(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        make_corpus(args.n, corpus)
        pipeline = Pipeline()
        start = time.perf_counter()
        events = sum(len(c.events) for c in pipeline.pipe(
            a for a in read_inputs([str(corpus)]) if not hasattr(a, "code")))
        code_s = time.perf_counter() - start
        with EventStore(Path(tmp) / "bench.duckdb") as store:
            start = time.perf_counter()
            stats = Ingester(store, pipeline=pipeline, batch_size=args.batch_size).run(
                read_inputs([str(corpus)]))
            ingest_s = time.perf_counter() - start
            counts = store.counts()
    code_rate, ingest_rate = args.n / code_s, args.n / ingest_s
    print(f"articles: {args.n}  (events coded: {events})")
    print(f"code alone: {code_s:.1f} s = {code_rate:.1f} articles/s")
    print(f"ingest:     {ingest_s:.1f} s = {ingest_rate:.1f} articles/s "
          f"({stats.added} stored, {counts['events']} events, {counts['stories']} stories)")
    print(f"ratio ingest/code: {ingest_rate / code_rate:.2f} (target >= 0.85)")


if __name__ == "__main__":
    main()
