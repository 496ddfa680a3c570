"""Column lists of the event store, shared by the migrations, the writer and the exports.

Event columns use the output-contract names of :func:`tidings.serialize.event_json`,
with nested objects flattened: ``source.code`` becomes ``source_code``,
``trigger.start`` becomes ``trigger_start``, ``location.lat`` becomes
``location_lat``.
"""

from __future__ import annotations

ACTOR_FIELDS: tuple[tuple[str, str], ...] = (
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("org", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("code", "VARCHAR"),
    ("person", "VARCHAR"),
    ("former", "BOOLEAN"),
    ("method", "VARCHAR"),
)

LOCATION_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("resolution", "VARCHAR"),
    ("method", "VARCHAR"),
)

EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("type", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("contexts", "VARCHAR[]"),
    ("cameo", "VARCHAR"),
    ("goldstein", "DOUBLE"),
    *((f"source_{n}", t) for n, t in ACTOR_FIELDS),
    *((f"target_{n}", t) for n, t in ACTOR_FIELDS),
    ("date", "DATE"),
    ("date_text", "VARCHAR"),
    ("date_method", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("sentence", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("text", "VARCHAR"),
    ("trigger_text", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("modality", "VARCHAR"),
    ("method", "VARCHAR"),
    ("attribution", "JSON"),
    ("background", "BOOLEAN"),
    *((f"location_{n}", t) for n, t in LOCATION_FIELDS),
    # Provenance and de-duplication, beyond the per-article contract.
    ("article_id", "VARCHAR"),
    ("story_id", "VARCHAR"),
    ("merge_key", "VARCHAR"),
    ("n_articles", "INTEGER"),
    ("n_outlets", "INTEGER"),
)

EVENT_NAMES: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMNS)

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),  # identity: URL, else text:<hash of normalised text>
    ("source_id", "VARCHAR"),  # the id the input gave it
    ("title", "VARCHAR"),
    ("date", "DATE"),
    ("url", "VARCHAR"),
    ("outlet", "VARCHAR"),
    ("byline", "VARCHAR"),
    ("source", "VARCHAR"),  # where it was read: file.jsonl:12
    ("text", "VARCHAR"),
    ("story_id", "VARCHAR"),
    ("similarity", "DOUBLE"),  # MinHash Jaccard to the copy it joined, NULL for a story's first
    ("minhash", "BLOB"),
    ("n_events", "INTEGER"),
    ("warnings", "JSON"),
    ("seq", "BIGINT"),  # ingestion order, so a resumed run rebuilds the same story index
    ("ingested_at", "TIMESTAMP"),
)

ARTICLE_NAMES: tuple[str, ...] = tuple(name for name, _ in ARTICLE_COLUMNS)

MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("coded_event_id", "VARCHAR"),  # the event id the pipeline gave in that article
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("text", "VARCHAR"),
    ("trigger_text", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
)

MENTION_NAMES: tuple[str, ...] = tuple(name for name, _ in MENTION_COLUMNS)

QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("article_id", "VARCHAR"),
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("speaker_name", "VARCHAR"),
    ("speaker_code", "VARCHAR"),
    ("speaker_text", "VARCHAR"),
    ("via", "JSON"),
    ("sentence_index", "INTEGER"),
)

QUOTE_NAMES: tuple[str, ...] = tuple(name for name, _ in QUOTE_COLUMNS)

ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("org", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("person", "VARCHAR"),
    ("first_article_id", "VARCHAR"),
)

ACTOR_NAMES: tuple[str, ...] = tuple(name for name, _ in ACTOR_COLUMNS)

QUARANTINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("place", "VARCHAR"),  # file and line/record: corpus.jsonl:12
    ("code", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("quarantined_at", "TIMESTAMP"),
)


def columns_sql(columns: tuple[tuple[str, str], ...]) -> str:
    """``name TYPE, ...`` with every name quoted (some are SQL keywords)."""
    return ", ".join(f'"{name}" {kind}' for name, kind in columns)
