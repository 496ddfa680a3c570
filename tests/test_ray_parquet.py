"""Ray Data to Parquet and back (#7): code-parquet, DuckDB in place, load-parquet = ingest."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from tidings.cli import main
from tidings.ingest import Ingester, read_inputs
from tidings.pipeline import Pipeline
from tidings.store import EventStore

CORPUS = resources.files("tidings") / "data" / "sample" / "corpus.jsonl"
SUBSET = 12  # c001..c012: holds the three-outlet wire story c008-c010, keeps Ray quick
MONTHS = ["2022-01", "2022-02", "2022-03", "2022-06", "2022-07", "2022-08"]  # publication


def _cli(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def ray_module() -> Iterator[object]:
    ray = pytest.importorskip("ray", reason="the ray extra is part of the test extras")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inputs")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:SUBSET]
    (root / "a.jsonl").write_text("\n".join(lines[:7]) + "\n{broken json\n", encoding="utf-8")
    (root / "b.jsonl").write_text("\n".join(lines[7:]) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def parquet_out(inputs: Path, ray_module: object,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ray") / "out"
    result = _cli("code-parquet", str(inputs), "--output", str(out), "--workers", "1")
    assert f"coded {SUBSET} article(s)" in result.output
    assert "1 input(s) could not be read" in result.output
    return out


@pytest.fixture(scope="module")
def local_db(inputs: Path, pipeline: Pipeline,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[EventStore]:
    store = EventStore(tmp_path_factory.mktemp("local") / "local.duckdb")
    Ingester(store, pipeline=pipeline, batch_size=5).run(read_inputs([str(inputs)]))
    yield store
    store.close()


@pytest.fixture(scope="module")
def loaded_db(parquet_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("loaded") / "ray.duckdb"
    result = _cli("load-parquet", str(parquet_out), "--db", str(db), "--batch-size", "5")
    assert f"loaded {SUBSET} new article(s)" in result.output
    return db


TABLES = {
    "events": "SELECT * FROM events ORDER BY id",
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
    "mentions": "SELECT * FROM event_mentions ORDER BY ALL",
    "stories": "SELECT * FROM stories ORDER BY id",
    "actors": "SELECT * FROM actors ORDER BY ALL",
    "quotes": "SELECT * FROM quotes ORDER BY ALL",
    "quarantine": "SELECT * EXCLUDE (quarantined_at) FROM quarantine ORDER BY ALL",
}


@pytest.mark.parametrize("table", list(TABLES), ids=list(TABLES))
def test_load_parquet_equals_local_ingest(local_db: EventStore, loaded_db: Path,
                                          table: str) -> None:
    _, expected = local_db.select(TABLES[table])
    with EventStore(loaded_db, read_only=True) as store:
        _, got = store.select(TABLES[table])
    assert got == expected
    if table in ("events", "articles", "stories"):
        assert got


def test_events_table_has_ids_types_actors_dates(loaded_db: Path) -> None:
    with EventStore(loaded_db, read_only=True) as store:
        _, rows = store.select("SELECT count(*), count(source_code), count(date), "
                               "max(n_articles) FROM events")
        _, stories = store.select("SELECT max(n_articles) FROM stories")
    events, with_source, with_date, most_copies = rows[0]
    assert events > SUBSET and with_source > 0 and with_date == events
    assert most_copies > 1  # syndicated copies report one event
    assert stories == [(3,)]  # the wire story c008-c010 is one story in three outlets


def test_load_parquet_again_adds_nothing(parquet_out: Path, loaded_db: Path) -> None:
    with EventStore(loaded_db, read_only=True) as store:
        before = store.counts()
    result = _cli("load-parquet", str(parquet_out), "--db", str(loaded_db))
    assert "loaded 0 new article(s)" in result.output
    assert f"{SUBSET} already stored" in result.output
    with EventStore(loaded_db, read_only=True) as store:
        after = store.counts()
    assert {k: v for k, v in after.items() if k != "quarantine"} == \
        {k: v for k, v in before.items() if k != "quarantine"}


def test_duckdb_queries_the_events_parquet_in_place(parquet_out: Path,
                                                    local_db: EventStore) -> None:
    glob = str(parquet_out / "events" / "**" / "*.parquet")
    con = duckdb.connect()
    months = con.execute(
        f"SELECT month, count(*), count(DISTINCT article_id) FROM read_parquet('{glob}', "
        "hive_partitioning = true) GROUP BY month ORDER BY month").fetchall()
    # every month with events is a month of the articles (an article may have none)
    assert {m for m, _, _ in months} <= set(MONTHS) and len(months) >= 4
    # one row per event as each article reports it, before copies are merged in the store
    _, stored = local_db.select("SELECT sum(n_events) FROM articles")
    assert sum(n for _, n, _ in months) == stored[0][0]
    dyad = con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true) "
                       "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
                       "AND month = '2022-07'").fetchall()
    assert dyad[0][0] > 0


def test_articles_parquet_is_partitioned_by_month(parquet_out: Path) -> None:
    folders = sorted(p.name for p in (parquet_out / "articles").iterdir())
    assert folders == [f"month={m}" for m in MONTHS]
    row = duckdb.connect().execute(
        f"SELECT id, url, outlet, date, title, text, article_json FROM read_parquet("
        f"'{parquet_out / 'articles' / '**' / '*.parquet'}', hive_partitioning = true) "
        "WHERE id = 'c001'").fetchone()
    assert row is not None and row[5].startswith(row[4])
    assert json.loads(row[6])["text"] == row[5]


def test_second_run_into_the_same_folder_is_refused(parquet_out: Path, inputs: Path) -> None:
    result = CliRunner().invoke(main, ["code-parquet", str(inputs), "--output",
                                       str(parquet_out)])
    assert result.exit_code == 1
    assert "already exists" in result.output


# --------------------------------------------------------------------------- other inputs


def test_parquet_and_warc_inputs(ray_module: object, tmp_path: Path,
                                 write_crawl: Callable[[Path], Path]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()[:3]]
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                      "date": pa.array([r["date"] for r in rows]).cast(pa.date32())})
    pq.write_table(table, tmp_path / "in.parquet")
    write_crawl(tmp_path / "crawl.warc.gz")
    out = tmp_path / "out"
    _cli("code-parquet", str(tmp_path / "in.parquet"), str(tmp_path / "crawl.warc.gz"),
         "--output", str(out), "--workers", "1", "--date", "2021-06-16")
    con = duckdb.connect()
    got = con.execute(f"SELECT id, source, date FROM read_parquet('{out}/articles/**/*.parquet',"
                      " hive_partitioning = true) ORDER BY input_rank, position").fetchall()
    assert [g[0] for g in got[:3]] == ["c001", "c002", "c003"]
    assert got[0][1] == f"{tmp_path / 'in.parquet'}:1" and str(got[0][2]) == rows[0]["date"]
    assert got[3][1].startswith(f"{tmp_path / 'crawl.warc.gz'}#")
    problems = con.execute(f"SELECT code FROM read_parquet('{out}/problems/*.parquet')").fetchall()
    assert problems == [("no_article_body",)]


# --------------------------------------------------------------------------- without ray


@pytest.mark.parametrize("args", [
    ["code-parquet", "x.jsonl", "--output", "out"],
    ["ingest", "x.jsonl", "--engine", "ray"],
], ids=["code-parquet", "ingest-engine-ray"])
def test_without_ray_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         args: list[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "pip install 'tidings[ray]'" in result.output
