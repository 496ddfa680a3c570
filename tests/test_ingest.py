"""Ingesting articles into the store (tidings.ingest): idempotence, resume, dedup, quarantine."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from tidings.ingest import Ingester, expand_paths, read_inputs
from tidings.pipeline import Pipeline
from tidings.store import EventStore

CORPUS = resources.files("tidings") / "data" / "sample" / "corpus.jsonl"
SUBSET = 36  # c001..c036: holds syndicated groups and singletons, keeps the tests quick


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:SUBSET]
    path = tmp_path_factory.mktemp("corpus") / "subset.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest(db: Path, paths: list[str], pipeline: Pipeline, batch_size: int = 64) -> EventStore:
    store = EventStore(db)
    Ingester(store, pipeline=pipeline, batch_size=batch_size).run(read_inputs(paths))
    return store


def snapshot(store: EventStore) -> dict[str, object]:
    """Everything a rerun must reproduce, independent of timestamps."""
    q = store.con.execute
    return {
        "counts": store.counts(),
        "articles": q("SELECT id, story_id, seq, n_events FROM articles ORDER BY id").fetchall(),
        "events": q("SELECT id, story_id, n_articles, n_outlets FROM events ORDER BY id")
        .fetchall(),
        "mentions": q("SELECT * FROM event_mentions ORDER BY ALL").fetchall(),
        "stories": q("SELECT * FROM stories ORDER BY id").fetchall(),
        "corroborations": q("SELECT * FROM corroborations ORDER BY ALL").fetchall(),
    }


@pytest.fixture(scope="module")
def reference(subset: Path, pipeline: Pipeline,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[EventStore]:
    store = ingest(tmp_path_factory.mktemp("ref") / "ref.duckdb", [str(subset)], pipeline, 8)
    yield store
    store.close()


def test_subset_lands(reference: EventStore) -> None:
    counts = reference.counts()
    assert counts["articles"] == SUBSET
    assert counts["events"] > SUBSET
    assert counts["quarantine"] == 0
    _, dup = reference.select("SELECT count(*) - count(DISTINCT id) FROM events")
    assert dup == [(0,)]


def test_ingesting_again_adds_nothing(reference: EventStore, subset: Path,
                                      pipeline: Pipeline) -> None:
    before = snapshot(reference)
    stats = Ingester(reference, pipeline=pipeline).run(read_inputs([str(subset)]))
    assert (stats.added, stats.already_stored, stats.events) == (0, SUBSET, 0)
    assert snapshot(reference) == before


def test_batch_size_does_not_change_the_result(reference: EventStore, subset: Path,
                                               pipeline: Pipeline, tmp_path: Path) -> None:
    with ingest(tmp_path / "one.duckdb", [str(subset)], pipeline, 100) as one_batch:
        assert snapshot(one_batch) == snapshot(reference)


def test_syndicated_copies_collapse_into_stories(reference: EventStore) -> None:
    _, stories = reference.select(
        "SELECT s.id, s.n_articles, s.n_outlets, count(a.id) FROM stories s "
        "JOIN articles a ON a.story_id = s.id GROUP BY ALL HAVING s.n_articles > 1")
    # c008-c010 are one wire story in three outlets (corpus_groups.tsv g08).
    assert any(n == 3 and outlets == 3 and rows == 3 for _, n, outlets, rows in stories)
    _, multi = reference.select("SELECT count(*) FROM events WHERE n_articles > 1")
    assert multi[0][0] > 0
    # An event found in every copy is stored once, with one mention per copy.
    _, check = reference.select(
        "SELECT e.n_articles, count(DISTINCT m.article_id) FROM events e "
        "JOIN event_mentions m ON m.event_id = e.id GROUP BY e.id, e.n_articles "
        "HAVING e.n_articles <> count(DISTINCT m.article_id)")
    assert check == []
    _, counted = reference.select(
        "SELECT count(*) FROM (SELECT story_id, merge_key FROM events "
        "GROUP BY ALL HAVING count(*) > 1)")
    assert counted == [(0,)]


def _command() -> list[str]:
    from tidings.cli import main

    module = "tidings" if "ingest" in main.commands else "tidings.cli_corpus"
    return [sys.executable, "-m", module, "-v", "ingest"]


def test_sigkill_midway_then_rerun_matches_an_uninterrupted_run(
        reference: EventStore, subset: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    args = [*_command(), str(subset), "--db", str(db), "--batch-size", "8"]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    deadline = time.monotonic() + 240
    for line in proc.stderr:
        if "committed batch 1 " in line or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with EventStore(db) as partial:
        landed = partial.counts()["articles"]
    assert 0 < landed < SUBSET, "the kill should land between the first and the last batch"
    rerun = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with EventStore(db) as resumed:
        assert snapshot(resumed) == snapshot(reference)


# --------------------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory,
          write_crawl: Callable[[Path], Path]) -> Path:
    root = tmp_path_factory.mktemp("messy")
    good = {"id": "g1", "date": "2023-03-21", "text": "Xi meets Putin\nChinese President Xi "
            "Jinping met Russian President Vladimir Putin in Moscow on Tuesday."}
    (root / "good.txt").write_text("Japan protests missile launch\nJapan protested to North "
                                   "Korea on Monday over a missile launch.\n", encoding="utf-8")
    (root / "records.jsonl").write_text(
        json.dumps(good) + "\n{broken json\n" + json.dumps({"id": "n", "text": ""}) + "\n",
        encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "latin1.txt").write_bytes("Caf\xe9 talks\nM\xe9xico met Spain.".encode("latin-1"))
    blob = gzip.compress((json.dumps(good | {"id": "g2", "url": "https://x.example/2"})
                          + "\n").encode() * 3)
    (root / "cut.jsonl.gz").write_bytes(blob[: len(blob) - 12])
    (root / "nav.html").write_text(
        "<html><head><title>Menu</title></head><body><div></div></body></html>",
        encoding="utf-8")
    write_crawl(root / "crawl.warc.gz")
    return root


EXPECTED_QUARANTINE = [
    ("records.jsonl:2", "bad_json"),
    ("records.jsonl:3", "no_text"),
    ("empty.txt", "empty"),
    ("binary.txt", "binary"),
    ("latin1.txt", "not_utf8"),
    ("cut.jsonl.gz", "truncated_gzip"),
    ("nav.html", "no_article_body"),
    ("crawl.warc.gz#", "no_article_body"),
]


@pytest.fixture(scope="module")
def messy_store(messy: Path, pipeline: Pipeline,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[EventStore]:
    store = ingest(tmp_path_factory.mktemp("messy-db") / "m.duckdb", [str(messy)], pipeline)
    yield store
    store.close()


@pytest.mark.parametrize(("place", "code"), EXPECTED_QUARANTINE,
                         ids=[f"{p}-{c}" for p, c in EXPECTED_QUARANTINE])
def test_bad_input_is_quarantined(messy_store: EventStore, place: str, code: str) -> None:
    # WARC records are numbered by position in the archive: compare up to the "#".
    found = {(Path(p).name.split("#")[0] + ("#" if "#" in p else ""), c)
             for p, c, _, _ in messy_store.quarantined()}
    assert (place, code) in found, found


def test_the_good_inputs_land(messy_store: EventStore) -> None:
    _, rows = messy_store.select("SELECT source_id, url FROM articles ORDER BY seq")
    ids = [r[0] for r in rows]
    urls = {r[1] for r in rows}
    assert "good" in ids and "g1" in ids
    assert "https://news.example/geneva" in urls  # the WARC's article page
    assert "https://x.example/2" in urls  # the line before the gzip was cut
    assert len(rows) == 4


def test_expand_paths_reads_folders_and_globs(messy: Path) -> None:
    everything = expand_paths([str(messy)])
    assert str(messy / "crawl.warc.gz") in everything
    assert expand_paths([str(messy / "*.txt")]) == sorted(str(p) for p in messy.glob("*.txt"))
    assert expand_paths([str(messy / "nothing-*.txt")]) == [str(messy / "nothing-*.txt")]
