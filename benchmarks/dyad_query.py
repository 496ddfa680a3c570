"""Monthly dyad timeline on a store of synthetic events.

    python benchmarks/dyad_query.py [--events 1000000] [--repeat 5]

Fills a fresh store with random events (20 countries, 2015-2025, 10 types)
by SQL, then times ``EventStore.dyad_timeline(CHN, RUS, by="month")``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tidings.store import EventStore

COUNTRIES = ["CHN", "RUS", "USA", "UKR", "IND", "PAK", "IRN", "ISR", "PSE", "PRK", "KOR", "JPN",
             "TWN", "ARM", "AZE", "SDN", "COD", "RWA", "PHL", "SRB"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "THREATEN",
         "COERCE", "ASSAULT"]


def fill(store: EventStore, n: int) -> None:
    store.con.execute("SELECT setseed(0.42)")
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    store.con.execute(f"""
        INSERT INTO events (id, type, cameo, goldstein, source_code, source_country,
                            target_code, target_country, date, background, contexts,
                            story_id, merge_key, n_articles, n_outlets)
        SELECT 'e' || i, list_extract({types}, 1 + floor(random() * 10)::INT), '040',
               round(random() * 20 - 10, 1),
               src, src, tgt, tgt, DATE '2015-01-01' + floor(random() * 4000)::INT,
               false, [], 's' || i, '', 1, 1
        FROM (SELECT i, list_extract({countries}, 1 + floor(random() * 20)::INT) AS src,
                     list_extract({countries}, 1 + floor(random() * 20)::INT) AS tgt
              FROM range({n}) t(i))""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "b.duckdb") as store:
        start = time.perf_counter()
        fill(store, args.events)
        print(f"filled {store.counts()['events']:,} events in {time.perf_counter() - start:.1f} s")
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = store.dyad_timeline("CHN", "RUS", by="month")
            times.append(time.perf_counter() - start)
        median, best = statistics.median(times) * 1000, min(times) * 1000
        print(f"monthly CHN-RUS timeline: {len(rows)} rows; median {median:.0f} ms, "
              f"best {best:.0f} ms over {args.repeat} runs")


if __name__ == "__main__":
    main()
