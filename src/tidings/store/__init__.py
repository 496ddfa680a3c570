"""The event store: one DuckDB file behind one small class.

>>> with EventStore("tidings.duckdb") as store:
...     store.counts()

Writes happen in :meth:`EventStore.write_batch`, one transaction per batch, so
a killed ingest leaves whole batches only. The schema comes from the named,
ordered migrations in :mod:`tidings.store.migrations`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tidings.store.migrations import applied_migrations, apply_migrations
from tidings.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    QUARANTINE_COLUMNS,
    QUOTE_COLUMNS,
)

if TYPE_CHECKING:
    import duckdb

    from tidings.dedup import StoryIndex

__all__ = ["DEFAULT_DB", "EventStore", "ReadOnlyQueryError", "StoreError", "WriteBatch"]

logger = logging.getLogger(__name__)

DEFAULT_DB = "tidings.duckdb"
TABLES = ("articles", "stories", "events", "event_mentions", "actors", "quotes", "quarantine",
          "corroborations")
Row = tuple[Any, ...]


class StoreError(Exception):
    """The database cannot be opened or used; the message says why and what to do."""


class ReadOnlyQueryError(StoreError):
    """A query given to :meth:`EventStore.select` is not a single SELECT/WITH statement."""


@dataclass
class WriteBatch:
    """Rows to add in one transaction (column order as in :mod:`tidings.store.schema`)."""

    articles: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    quarantine: list[Row] = field(default_factory=list)  # (place, code, reason)
    touched_events: set[str] = field(default_factory=set)
    touched_stories: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.articles) + len(self.quarantine)


def _base_type(kind: str) -> str:
    """``VARCHAR PRIMARY KEY`` -> ``VARCHAR``."""
    return kind.replace("PRIMARY KEY", "").strip()


_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


def check_select(sql: str) -> str:
    """Return the statement if it is one SELECT/WITH query, else raise ReadOnlyQueryError."""
    body = _SQL_COMMENT.sub(" ", sql).strip().rstrip(";").strip()
    if not body:
        raise ReadOnlyQueryError("empty query; give one SELECT (or WITH ... SELECT) statement")
    first = body.split(None, 1)[0].lower()
    if first not in {"select", "with", "from"}:
        raise ReadOnlyQueryError(
            f"only a single SELECT or WITH query is allowed, not {first.upper()}"
        )
    import duckdb

    try:
        statements = duckdb.extract_statements(body)
    except duckdb.Error as err:
        raise ReadOnlyQueryError(f"cannot parse the query: {err}") from err
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise ReadOnlyQueryError("only a single SELECT or WITH query is allowed")
    return body


class EventStore:
    """A DuckDB event database: articles, stories, events, mentions, actors, quotes,
    quarantine and corroborations.

    ``read_only=True`` opens an existing file without the right to change it
    (and without running migrations).
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *,
                 read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database; create it with `tidings ingest`")
        try:
            self.con: duckdb.DuckDBPyConnection = duckdb.connect(str(self.path),
                                                                 read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open the database ({err})") from err
        self.read_only = read_only
        if not read_only:
            apply_migrations(self.con)
        elif "0001_core_tables" not in self._migrations_or_empty():
            self.con.close()
            raise StoreError(f"{self.path}: not a tidings database")

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _migrations_or_empty(self) -> list[str]:
        import duckdb

        try:
            return applied_migrations(self.con)
        except duckdb.Error:
            return []

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return applied_migrations(self.con)

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        out: dict[str, int] = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def article_ids(self) -> set[str]:
        return {str(r[0]) for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def next_seq(self) -> int:
        row = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()
        return int(row[0]) if row else 1

    def load_story_index(self, index: StoryIndex) -> StoryIndex:
        """Fill ``index`` with every stored article's signature, in ingestion order."""
        from tidings.dedup import minhash_from_bytes

        cursor = self.con.execute(
            "SELECT id, minhash, story_id FROM articles WHERE minhash IS NOT NULL ORDER BY seq")
        while rows := cursor.fetchmany(10_000):
            for key, sig, story in rows:
                index.add(str(key), minhash_from_bytes(bytes(sig)), str(story))
        return index

    def event_keys(self, stories: Iterable[str]) -> dict[tuple[str, str], str]:
        """(story id, merge key) -> event id for the events of ``stories``."""
        wanted = sorted(set(stories))
        if not wanted:
            return {}
        rows = self.con.execute(
            "SELECT story_id, merge_key, id FROM events WHERE story_id IN "
            "(SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        return {(str(s), str(k)): str(i) for s, k, i in rows}

    def select(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        """Run one read-only SELECT/WITH query; return (column names, rows)."""
        body = check_select(sql)
        cursor = self.con.execute(body, list(params))
        names = [d[0] for d in cursor.description or ()]
        return names, cursor.fetchall()

    def quarantined(self) -> list[Row]:
        """(place, code, reason, quarantined_at) of every quarantined input."""
        return self.con.execute(
            "SELECT place, code, reason, quarantined_at FROM quarantine ORDER BY place, code"
        ).fetchall()

    def dyad_timeline(self, a: str, b: str, *, by: str = "month",
                      start: dt.date | None = None,
                      end: dt.date | None = None) -> list[tuple[dt.date, str, int, float]]:
        """(period, event type, events, mean Goldstein) for events between actors ``a`` and
        ``b`` in either direction. An actor matches its country, org or full code."""
        if by not in {"day", "week", "month", "year"}:
            raise ValueError(f"by must be day, week, month or year, not {by!r}")
        rows = self.con.execute(
            f"""
            SELECT date_trunc('{by}', date)::DATE AS period, type, count(*) AS events,
                   round(avg(goldstein), 2) AS goldstein
            FROM events
            WHERE date IS NOT NULL
              AND ((source_country = $a OR source_org = $a OR source_code = $a)
                   AND (target_country = $b OR target_org = $b OR target_code = $b)
                OR (source_country = $b OR source_org = $b OR source_code = $b)
                   AND (target_country = $a OR target_org = $a OR target_code = $a))
              AND ($start IS NULL OR date >= $start) AND ($end IS NULL OR date <= $end)
            GROUP BY ALL ORDER BY period, events DESC, type
            """,
            {"a": a, "b": b, "start": start, "end": end},
        ).fetchall()
        return [(r[0], str(r[1]), int(r[2]), float(r[3])) for r in rows]

    # ------------------------------------------------------------------ writing

    def write_batch(self, batch: WriteBatch) -> None:
        """Add a batch in one transaction: all of it lands, or none of it."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._insert(batch)
            self._refresh_events(batch.touched_events)
            self._refresh_stories(batch.touched_stories)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _insert(self, batch: WriteBatch) -> None:
        for table, columns, rows, ignore in (
            ("articles", ARTICLE_COLUMNS, batch.articles, False),
            ("events", EVENT_COLUMNS, batch.events, False),
            ("event_mentions", MENTION_COLUMNS, batch.mentions, True),
            ("actors", ACTOR_COLUMNS, batch.actors, True),
            ("quotes", QUOTE_COLUMNS, batch.quotes, True),
        ):
            self._bulk_insert(table, columns, rows, ignore=ignore)
        if batch.quarantine:
            now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            self._bulk_insert("quarantine", QUARANTINE_COLUMNS,
                              [(*row, now) for row in batch.quarantine], ignore=True)

    def _bulk_insert(self, table: str, columns: Sequence[tuple[str, str]], rows: list[Row], *,
                     ignore: bool) -> None:
        """Insert rows column-wise in one statement.

        Row-by-row ``executemany`` costs milliseconds a row in DuckDB; passing each
        column as one list and unnesting them side by side is a single statement.
        """
        if not rows:
            return
        names = ", ".join(f'"{name}"' for name, _ in columns)
        values = ", ".join(f"unnest(${i}::{_base_type(kind)}[])"
                           for i, (_, kind) in enumerate(columns, start=1))
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        data = [list(column) for column in zip(*rows, strict=True)]
        self.con.execute(f"{verb} INTO {table} ({names}) SELECT {values}", data)

    def _refresh_events(self, ids: set[str]) -> None:
        if not ids:
            return
        self.con.execute(
            """
            UPDATE events SET n_articles = agg.n_articles, n_outlets = agg.n_outlets
            FROM (SELECT m.event_id, count(DISTINCT m.article_id) AS n_articles,
                         count(DISTINCT coalesce(a.outlet, a.id)) AS n_outlets
                  FROM event_mentions m JOIN articles a ON a.id = m.article_id
                  WHERE m.event_id IN (SELECT unnest(?::VARCHAR[]))
                  GROUP BY m.event_id) AS agg
            WHERE events.id = agg.event_id
            """,
            [sorted(ids)],
        )

    def _refresh_stories(self, ids: set[str]) -> None:
        if not ids:
            return
        wanted = [sorted(ids)]
        self.con.execute(
            """
            INSERT OR IGNORE INTO stories
            SELECT story_id, NULL, NULL, NULL, 0, 0 FROM articles
            WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id
            """, wanted)
        self.con.execute(
            """
            UPDATE stories SET title = agg.title, first_date = agg.first_date,
                   last_date = agg.last_date, n_articles = agg.n_articles,
                   n_outlets = agg.n_outlets
            FROM (SELECT story_id, arg_min(title, seq) AS title, min(date) AS first_date,
                         max(date) AS last_date, count(*) AS n_articles,
                         count(DISTINCT coalesce(outlet, id)) AS n_outlets
                  FROM articles WHERE story_id IN (SELECT unnest(?::VARCHAR[]))
                  GROUP BY story_id) AS agg
            WHERE stories.id = agg.story_id
            """, wanted)

    def refresh_corroborations(self) -> int:
        """Link events that different stories report for the same dyad, type and date.

        Corroboration is a link, not a merge: both events stay. Returns the number
        of new links.
        """
        before = self.counts()["corroborations"]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                """
                INSERT OR IGNORE INTO corroborations
                SELECT a.id, b.id, 'same dyad, type and date; different stories'
                FROM events a JOIN events b
                  ON a.source_code = b.source_code AND a.target_code = b.target_code
                 AND a.type = b.type AND a.date = b.date
                 AND a.story_id <> b.story_id AND a.id < b.id
                WHERE a.source_code IS NOT NULL AND a.target_code IS NOT NULL
                  AND a.date IS NOT NULL AND NOT a.background AND NOT b.background
                """)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return self.counts()["corroborations"] - before
