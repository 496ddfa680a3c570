"""The store commands (tidings.cli_corpus): ingest, export, dyad, sql, quarantine, demo."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tidings.cli_corpus import demo, dyad, export, ingest, quarantine, sql
from tidings.store import EventStore

CORPUS = resources.files("tidings") / "data" / "sample" / "corpus.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("cli")
    # c002 and c033 are China-Russia stories; c008-c010 are one syndicated story.
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    (root / "some.jsonl").write_text("\n".join(lines[:12] + [lines[32]]) + "\n{bad\n",
                                     encoding="utf-8")
    path = str(root / "cli.duckdb")
    result = CliRunner().invoke(ingest, [str(root / "some.jsonl"), "--db", path])
    assert result.exit_code == 0, result.output
    yield path


def test_ingest_prints_a_plain_summary(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(ingest, [str(CORPUS), "--db", db])
    assert result.exit_code == 0, result.output
    assert "already stored" in result.output
    assert "tidings quarantine" not in result.output  # nothing new was quarantined


@pytest.mark.parametrize(
    ("fmt", "schema", "column"),
    [
        ("jsonl", "tidings", "source_code"),
        ("csv", "polecat", "event_type"),
        ("csv", "cameo", "Actor1Code"),
        ("jsonl", "cameo", "QuadClass"),
    ],
    ids=["jsonl-tidings", "csv-polecat", "csv-cameo", "jsonl-cameo"],
)
def test_export_to_stdout(db: str, fmt: str, schema: str, column: str) -> None:
    result = CliRunner().invoke(export, ["--db", db, "--format", fmt, "--schema", schema])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
    else:
        rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and column in rows[0]


@pytest.mark.parametrize("schema", ["tidings", "polecat", "cameo"], ids=str)
def test_export_parquet_file(db: str, tmp_path: Path, schema: str) -> None:
    out = tmp_path / f"{schema}.parquet"
    result = CliRunner().invoke(export, ["--db", db, "--format", "parquet", "--schema", schema,
                                         "--output", str(out)])
    assert result.exit_code == 0, result.output
    stored = duckdb.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()
    events = duckdb.connect(db, read_only=True).execute("SELECT count(*) FROM events").fetchone()
    assert stored == events


def test_cameo_export_counts_articles_and_sources(db: str, tmp_path: Path) -> None:
    out = tmp_path / "cameo.csv"
    CliRunner().invoke(export, ["--db", db, "--format", "csv", "--schema", "cameo",
                                "--output", str(out)])
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert any(int(r["NumArticles"]) > 1 for r in rows)
    assert all(int(r["NumMentions"]) >= int(r["NumArticles"]) for r in rows)
    assert {r["QuadClass"] for r in rows} <= {"1", "2", "3", "4", ""}


def test_parquet_needs_a_file(db: str) -> None:
    result = CliRunner().invoke(export, ["--db", db, "--format", "parquet"])
    assert result.exit_code != 0 and "--output" in result.output


def test_dyad_prints_a_timeline(db: str) -> None:
    result = CliRunner().invoke(dyad, ["chn", "rus", "--db", db, "--by", "month"])
    assert result.exit_code == 0, result.output
    assert "CHN - RUS, by month" in result.output
    assert "2022-02" in result.output


def test_dyad_window_with_no_events(db: str) -> None:
    result = CliRunner().invoke(dyad, ["CHN", "RUS", "--db", db, "--from", "1990-01-01",
                                       "--to", "1990-12-31"])
    assert result.exit_code == 0 and "no events" in result.output


@pytest.mark.parametrize(
    ("query", "ok"),
    [
        ("SELECT count(*) AS n FROM articles", True),
        ("WITH t AS (SELECT type FROM events) SELECT count(*) FROM t", True),
        ("DELETE FROM events", False),
        ("SELECT 1; DROP TABLE events", False),
        ("CREATE TABLE x (a INT)", False),
    ],
    ids=["select", "with", "delete", "two-statements", "create"],
)
def test_sql_is_read_only(db: str, query: str, ok: bool) -> None:
    result = CliRunner().invoke(sql, [query, "--db", db])
    assert (result.exit_code == 0) is ok, result.output
    count = duckdb.connect(db, read_only=True).execute("SELECT count(*) FROM events").fetchone()
    assert count is not None and count[0] > 0


def test_quarantine_lists_bad_lines(db: str) -> None:
    result = CliRunner().invoke(quarantine, ["--db", db])
    assert result.exit_code == 0
    assert "some.jsonl:14: [bad_json]" in result.output


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(sql, ["SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "tidings ingest" in result.output


def test_demo_runs_on_a_fresh_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    EventStore(path).close()  # an earlier demo database is replaced, not added to
    result = CliRunner().invoke(demo, ["--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "ingested 123 new article(s)" in result.output
    for heading in ("Top dyads", "Syndicated stories", "A sample event", "tidings serve"):
        assert heading in result.output


def test_demo_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.duckdb"
    path.write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(demo, ["--db", str(path)])
    assert result.exit_code != 0 and path.read_text(encoding="utf-8") == "my notes"
