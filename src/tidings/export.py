"""Export stored events as Parquet, CSV or JSON lines, in one of three schemas.

* ``tidings``: the events table as stored (output-contract names, flattened), with
  the first reporting article's URL, outlet and headline.
* ``polecat``: a POLECAT-like PLOVER layout (event_type, event_mode, actor_* and
  recipient_*, quad_code, placename...).
* ``cameo``: a GDELT-like CAMEO layout (Actor1Code, Actor2Code, EventCode,
  GoldsteinScale, QuadClass, NumMentions, NumSources, NumArticles, ActionGeo_*,
  SOURCEURL).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tidings.store import EventStore

__all__ = ["FORMATS", "SCHEMAS", "export_events", "schema_query"]

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl")
SCHEMAS = ("tidings", "polecat", "cameo")

# GDELT's QuadClass from the CAMEO root code: 01-05 verbal cooperation, 06-09 material
# cooperation, 10-14 verbal conflict, 15-20 material conflict.
_QUAD = """CASE WHEN try_cast(left(e.cameo, 2) AS INTEGER) BETWEEN 1 AND 5 THEN 1
     WHEN try_cast(left(e.cameo, 2) AS INTEGER) BETWEEN 6 AND 9 THEN 2
     WHEN try_cast(left(e.cameo, 2) AS INTEGER) BETWEEN 10 AND 14 THEN 3
     WHEN try_cast(left(e.cameo, 2) AS INTEGER) BETWEEN 15 AND 20 THEN 4 END"""

_FROM = "FROM events e LEFT JOIN articles a ON a.id = e.article_id"

_QUERIES = {
    "tidings": f"""
        SELECT e.* EXCLUDE (merge_key), a.url AS article_url, a.outlet AS article_outlet,
               a.title AS article_title
        {_FROM} ORDER BY e.date NULLS LAST, e.id""",
    "polecat": f"""
        SELECT e.id AS event_id, e.date AS event_date, e.type AS event_type,
               e.mode AS event_mode, e.goldstein AS event_intensity,
               CASE {_QUAD} WHEN 1 THEN 'Verbal Cooperation' WHEN 2 THEN 'Material Cooperation'
                    WHEN 3 THEN 'Verbal Conflict' WHEN 4 THEN 'Material Conflict' END
                 AS quad_code,
               array_to_string(e.contexts, ';') AS contexts,
               e.source_name AS actor_name, e.source_country AS actor_country,
               e.source_sector AS actor_sector, e.source_org AS actor_org,
               e.target_name AS recipient_name, e.target_country AS recipient_country,
               e.target_sector AS recipient_sector, e.target_org AS recipient_org,
               e.location_name AS placename, e.location_admin1 AS state,
               e.location_country AS country, e.location_lat AS latitude,
               e.location_lon AS longitude, e.modality AS modality,
               e.date_precision AS date_precision, a.date AS story_date,
               a.title AS headline, a.outlet AS source, a.url AS url, e.text AS event_text,
               e.story_id AS story_id, e.n_articles AS num_articles,
               e.n_outlets AS num_sources
        {_FROM} ORDER BY e.date NULLS LAST, e.id""",
    "cameo": f"""
        SELECT e.id AS GLOBALEVENTID,
               CAST(strftime(e.date, '%Y%m%d') AS INTEGER) AS SQLDATE,
               CAST(strftime(e.date, '%Y%m') AS INTEGER) AS MonthYear,
               year(e.date) AS Year,
               e.source_code AS Actor1Code, upper(e.source_name) AS Actor1Name,
               e.source_country AS Actor1CountryCode, e.source_org AS Actor1KnownGroupCode,
               e.source_sector AS Actor1Type1Code,
               e.target_code AS Actor2Code, upper(e.target_name) AS Actor2Name,
               e.target_country AS Actor2CountryCode, e.target_org AS Actor2KnownGroupCode,
               e.target_sector AS Actor2Type1Code,
               CAST(e.sentence_index <= 1 AS INTEGER) AS IsRootEvent,
               e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode,
               left(e.cameo, 2) AS EventRootCode, {_QUAD} AS QuadClass,
               e.goldstein AS GoldsteinScale,
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) AS NumMentions,
               e.n_outlets AS NumSources, e.n_articles AS NumArticles,
               e.location_resolution AS ActionGeo_Type, e.location_name AS ActionGeo_FullName,
               e.location_country AS ActionGeo_CountryCode,
               e.location_admin1 AS ActionGeo_ADM1Code, e.location_lat AS ActionGeo_Lat,
               e.location_lon AS ActionGeo_Long,
               CAST(strftime(a.ingested_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
               a.url AS SOURCEURL
        {_FROM} ORDER BY e.date NULLS LAST, e.id""",
}


def schema_query(schema: str) -> str:
    """The SELECT that produces ``schema``'s columns."""
    if schema not in _QUERIES:
        raise ValueError(f"unknown schema {schema!r}; choose one of {', '.join(SCHEMAS)}")
    return _QUERIES[schema]


def export_events(store: EventStore, *, fmt: str, schema: str = "tidings",
                  output: str | Path | None = None, stream: TextIO | None = None) -> int:
    """Write the events to ``output`` (a file) or ``stream``; return the number of rows.

    Parquet needs a file. Files are written by DuckDB's COPY, streams row by row.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    query = schema_query(schema)
    if output is not None:
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true",
                   "jsonl": "FORMAT json"}[fmt]
        target = str(output).replace("'", "''")
        store.con.execute(f"COPY ({query}) TO '{target}' ({options})")
        row = store.con.execute(f"SELECT count(*) FROM ({query})").fetchone()
        return int(row[0]) if row else 0
    if fmt == "parquet":
        raise ValueError("parquet is a binary format: give a file with --output FILE")
    if stream is None:
        raise ValueError("give an output file or a stream")
    cursor = store.con.execute(query)
    names = [d[0] for d in cursor.description or ()]
    rows = _rows(cursor)
    return _write_csv(stream, names, rows) if fmt == "csv" else _write_jsonl(stream, names, rows)


def _rows(cursor: Any) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(5000):
        yield from batch


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _write_csv(stream: TextIO, names: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    writer = csv.writer(stream)
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([";".join(v) if isinstance(v, list) else _plain(v) for v in row])
        count += 1
    return count


def _write_jsonl(stream: TextIO, names: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    count = 0
    for row in rows:
        record = {n: _json_value(n, v) for n, v in zip(names, row, strict=True)}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _json_value(name: str, value: Any) -> Any:
    # JSON columns come back from DuckDB as text; nest them again.
    if name in {"attribution", "via", "warnings"} and isinstance(value, str):
        return json.loads(value)
    return _plain(value)
