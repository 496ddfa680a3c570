"""The event store (tidings.store): migrations, atomic batches, read-only queries, dyads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tidings.store import EventStore, ReadOnlyQueryError, StoreError, WriteBatch, check_select
from tidings.store.migrations import MIGRATIONS
from tidings.store.schema import EVENT_NAMES


def event(eid: str, src: str, tgt: str, day: str, kind: str = "CONSULT",
          goldstein: float = 1.0, story: str = "s1") -> tuple[object, ...]:
    values = {name: None for name in EVENT_NAMES}
    values.update(id=eid, type=kind, cameo="040", goldstein=goldstein, source_code=src,
                  source_country=src, target_code=tgt, target_country=tgt,
                  date=dt.date.fromisoformat(day), background=False, contexts=[],
                  story_id=story, merge_key=eid, n_articles=1, n_outlets=1)
    return tuple(values[n] for n in EVENT_NAMES)


@pytest.fixture
def store(tmp_path: Path) -> EventStore:
    return EventStore(tmp_path / "t.duckdb")


def test_migrations_are_recorded_in_order_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    with EventStore(path) as first:
        assert first.migrations() == [m.name for m in MIGRATIONS]
    with EventStore(path) as again:
        rows = again.con.execute("SELECT seq, name FROM _migrations ORDER BY seq").fetchall()
    assert rows == [(i, m.name) for i, m in enumerate(MIGRATIONS, start=1)]


def test_all_tables_exist(store: EventStore) -> None:
    assert set(store.counts()) >= {"articles", "stories", "events", "event_mentions", "actors",
                                   "quotes", "quarantine", "corroborations"}


def test_a_failing_batch_leaves_nothing(store: EventStore) -> None:
    good = WriteBatch(events=[event("e1", "CHN", "RUS", "2024-05-16")])
    store.write_batch(good)
    bad = WriteBatch(events=[event("e2", "CHN", "RUS", "2024-05-17"),
                             event("e1", "CHN", "RUS", "2024-05-16")],  # duplicate id
                     quarantine=[("x.jsonl:1", "bad_json", "broken")])
    with pytest.raises(duckdb.Error):
        store.write_batch(bad)
    assert store.counts()["events"] == 1
    assert store.counts()["quarantine"] == 0


def test_quarantine_is_idempotent(store: EventStore) -> None:
    batch = WriteBatch(quarantine=[("x.jsonl:3", "bad_json", "not valid JSON")])
    store.write_batch(batch)
    store.write_batch(batch)
    assert [r[:3] for r in store.quarantined()] == [("x.jsonl:3", "bad_json", "not valid JSON")]


def test_dyad_timeline_counts_both_directions(store: EventStore) -> None:
    store.write_batch(WriteBatch(events=[
        event("e1", "CHN", "RUS", "2024-05-16", goldstein=2.0),
        event("e2", "RUS", "CHN", "2024-05-20", goldstein=4.0),
        event("e3", "CHN", "RUS", "2024-06-01", kind="AGREE", goldstein=5.0),
        event("e4", "CHN", "USA", "2024-05-16"),
    ]))
    assert store.dyad_timeline("CHN", "RUS") == [
        (dt.date(2024, 5, 1), "CONSULT", 2, 3.0),
        (dt.date(2024, 6, 1), "AGREE", 1, 5.0),
    ]
    assert store.dyad_timeline("CHN", "RUS", start=dt.date(2024, 6, 1)) == [
        (dt.date(2024, 6, 1), "AGREE", 1, 5.0)]


def test_corroboration_links_different_stories_only(store: EventStore) -> None:
    store.write_batch(WriteBatch(events=[
        event("e1", "IND", "PAK", "2025-05-07", kind="ASSAULT", story="s1"),
        event("e2", "IND", "PAK", "2025-05-07", kind="ASSAULT", story="s2"),
        event("e3", "IND", "PAK", "2025-05-07", kind="ASSAULT", story="s2"),
        event("e4", "IND", "PAK", "2025-05-08", kind="ASSAULT", story="s3"),
    ]))
    assert store.refresh_corroborations() == 2
    assert store.refresh_corroborations() == 0
    _, rows = store.select("SELECT event_id, other_event_id FROM corroborations ORDER BY 1, 2")
    assert rows == [("e1", "e2"), ("e1", "e3")]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT 1",
        "  select * from events -- trailing comment",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x;",
        "/* why */ SELECT count(*) FROM articles",
    ],
    ids=["select", "comment", "with", "block-comment"],
)
def test_select_accepts_single_queries(query: str) -> None:
    assert check_select(query)


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM events",
        "DROP TABLE events",
        "SELECT 1; DELETE FROM events",
        "INSERT INTO events (id) VALUES ('x')",
        "COPY events TO 'x.csv'",
        "ATTACH 'other.db'",
        "",
        "PRAGMA database_list",
    ],
    ids=["delete", "drop", "two-statements", "insert", "copy", "attach", "empty", "pragma"],
)
def test_select_rejects_everything_else(query: str) -> None:
    with pytest.raises(ReadOnlyQueryError):
        check_select(query)


def test_read_only_store_cannot_change_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.duckdb"
    EventStore(path).close()
    with EventStore(path, read_only=True) as store, pytest.raises(duckdb.Error):
        store.con.execute("DELETE FROM events")
    with EventStore(path, read_only=True) as store, pytest.raises(StoreError):
        store.write_batch(WriteBatch())


@pytest.mark.parametrize("kind", ["missing", "not-tidings"], ids=str)
def test_read_only_open_refuses_foreign_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.duckdb"
    if kind == "not-tidings":
        duckdb.connect(str(path)).close()
    with pytest.raises(StoreError):
        EventStore(path, read_only=True)
