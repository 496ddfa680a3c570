"""Named, ordered schema migrations; each applied one is recorded in ``_migrations``.

Append new migrations at the end and never edit an applied one: a database
remembers which names it has run and runs only the ones it lacks, in order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    QUARANTINE_COLUMNS,
    QUOTE_COLUMNS,
    columns_sql,
)

if TYPE_CHECKING:
    import duckdb

__all__ = ["MIGRATIONS", "Migration", "apply_migrations", "applied_migrations"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_core_tables",
        (
            f"CREATE TABLE articles ({columns_sql(ARTICLE_COLUMNS)})",
            "CREATE TABLE stories (id VARCHAR PRIMARY KEY, title VARCHAR, first_date DATE, "
            "last_date DATE, n_articles INTEGER, n_outlets INTEGER)",
            f"CREATE TABLE events ({columns_sql(EVENT_COLUMNS)})",
            f"CREATE TABLE event_mentions ({columns_sql(MENTION_COLUMNS)}, "
            "PRIMARY KEY (event_id, article_id, coded_event_id, trigger_start))",
            f"CREATE TABLE actors ({columns_sql(ACTOR_COLUMNS)}, PRIMARY KEY (code, name))",
            f"CREATE TABLE quotes ({columns_sql(QUOTE_COLUMNS)})",
            f"CREATE TABLE quarantine ({columns_sql(QUARANTINE_COLUMNS)}, "
            "PRIMARY KEY (place, code))",
        ),
    ),
    Migration(
        "0002_corroborations",
        (
            "CREATE TABLE corroborations (event_id VARCHAR, other_event_id VARCHAR, "
            "rule VARCHAR, PRIMARY KEY (event_id, other_event_id))",
        ),
    ),
    Migration(
        "0003_query_indexes",
        (
            "CREATE INDEX events_story ON events (story_id)",
            "CREATE INDEX mentions_article ON event_mentions (article_id)",
        ),
    ),
)


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations this database has run, in order."""
    rows = con.execute("SELECT name FROM _migrations ORDER BY seq").fetchall()
    return [str(r[0]) for r in rows]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run the migrations the database lacks, each in its own transaction; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(seq INTEGER PRIMARY KEY, name VARCHAR UNIQUE, applied_at TIMESTAMP)"
    )
    done = set(applied_migrations(con))
    ran: list[str] = []
    for seq, migration in enumerate(MIGRATIONS, start=1):
        if migration.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO _migrations VALUES (?, ?, current_timestamp)", [seq, migration.name]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        logger.info("applied migration %s", migration.name)
        ran.append(migration.name)
    return ran
