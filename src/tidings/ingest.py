"""Ingest articles into the event store: read, code, de-duplicate, write in batches.

>>> with EventStore("tidings.duckdb") as store:
...     summary = Ingester(store).run(read_inputs(["news/"]))

Idempotent and resumable: an article's identity is its URL (else a hash of its
normalised text) and articles already stored are skipped before coding. Each
batch is written in one transaction, and stories are assigned in ingestion
order from signatures reloaded from the store, so a run killed midway and run
again ends with exactly the rows of one uninterrupted run.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings import dedup
from tidings import io as tio
from tidings.records import Article, CodedArticle, Event, InputProblem, Mention
from tidings.serialize import attribution_json, event_json
from tidings.store import EventStore, Row, WriteBatch
from tidings.warc import is_warc, read_warc

if TYPE_CHECKING:
    from tidings.engines import Engine
    from tidings.pipeline import Pipeline

__all__ = ["BATCH_SIZE", "IngestStats", "Ingester", "expand_paths", "read_inputs",
           "read_parquet_output"]

logger = logging.getLogger(__name__)

BATCH_SIZE = 64
_KNOWN_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".csv",
                     ".warc", ".warc.gz")
_GLOB_CHARS = frozenset("*?[")


# --------------------------------------------------------------------------- inputs


def expand_paths(paths: Sequence[str], *,
                 extensions: tuple[str, ...] = _KNOWN_EXTENSIONS) -> list[str]:
    """Files to read, in a stable order: directories recursively, globs expanded.

    Inside a directory, hidden files and other ``extensions`` are left out; a path
    named explicitly is kept whatever it is, so a bad one is reported.
    """
    out: list[str] = []
    for name in paths:
        if name != "-" and _GLOB_CHARS & set(name) and not os.path.exists(name):
            matches = sorted(glob.glob(name, recursive=True))
            out.extend(expand_paths(matches, extensions=extensions) if matches else [name])
        elif os.path.isdir(name):
            out.extend(_directory_files(Path(name), extensions))
        else:
            out.append(name)
    return out


def _directory_files(root: Path, extensions: tuple[str, ...]) -> list[str]:
    return [
        str(p) for p in sorted(root.rglob("*"))
        if p.is_file() and p.name.lower().endswith(extensions)
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]


def read_inputs(paths: Sequence[str], *, date: dt.date | None = None,
                max_chars: int = 1_000_000) -> Iterator[Article | InputProblem]:
    """Articles from files, directories, globs and WARC archives, with a problem per bad input."""
    for name in expand_paths(paths):
        if name != "-" and is_warc(Path(name)) and os.path.isfile(name):
            yield from read_warc(Path(name), date=date, max_chars=max_chars)
        else:
            yield from tio.read_articles([name], date=date, max_chars=max_chars)


def read_parquet_output(directory: str | os.PathLike[str], *,
                        chunk: int = 256) -> Iterator[CodedArticle | InputProblem]:
    """What ``tidings code-parquet`` wrote under ``directory``, in input order.

    Yields the coded articles (from ``articles/month=*/``) and the inputs that could not be read
    (from ``problems/``), ordered as ``tidings ingest`` would have read the same inputs, so
    loading them gives the same stories and event ids.
    """
    import duckdb

    from tidings.deserialize import coded_article_from_json

    root = Path(directory)
    articles = root / "articles"
    if not any(articles.rglob("*.parquet")):
        raise FileNotFoundError(f"no articles/**/*.parquet under {root}; expected the output "
                                "directory of tidings code-parquet")
    parts = [f"SELECT input_rank, input, position, article_json, text, NULL AS source, "
             f"NULL AS code, NULL AS message FROM read_parquet('{_glob(articles)}', "
             f"hive_partitioning = true, union_by_name = true)"]
    problems = root / "problems"
    if any(problems.rglob("*.parquet")):
        parts.append(f"SELECT input_rank, input, position, NULL, NULL, source, code, message "
                     f"FROM read_parquet('{_glob(problems)}', union_by_name = true)")
    con = duckdb.connect()
    try:
        result = con.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 3")
        while rows := result.fetchmany(chunk):
            for _rank, _input, _pos, payload, text, source, code, message in rows:
                if payload is None:
                    yield InputProblem(source, code, message)
                    continue
                obj = json.loads(payload)
                obj.setdefault("text", text)
                yield coded_article_from_json(obj)
    finally:
        con.close()


def _glob(folder: Path) -> str:
    return str(folder / "**" / "*.parquet").replace("'", "''")


# --------------------------------------------------------------------------- stats


@dataclass
class IngestStats:
    """What an ingest run did so far (also passed to the progress callback)."""

    read: int = 0  # articles read from the inputs
    added: int = 0  # new articles stored
    already_stored: int = 0  # skipped: same identity already in the store or earlier in this run
    quarantined: int = 0  # bad inputs (files, lines, records)
    events: int = 0  # new events stored
    merged_mentions: int = 0  # event mentions that joined an existing event
    joined_stories: int = 0  # articles that joined another article's story
    batches: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles stored per second."""
        return self.added / self.seconds if self.seconds > 0 else 0.0


Progress = Callable[[IngestStats], None]


# --------------------------------------------------------------------------- rows


def _hash(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def merge_key(event: Event) -> str:
    """Events of one story with the same key are one event reported by several copies."""
    src = event.source.actor.code if event.source else ""
    tgt = event.target.actor.code if event.target else ""
    day = event.date.date.isoformat() if event.date.date else ""
    return "|".join((event.type, event.cameo, src, tgt, day))


def _flat(prefix: str, value: dict[str, Any] | None, names: Sequence[str]) -> dict[str, Any]:
    return {f"{prefix}_{n}": (value or {}).get(n) for n in names}


def event_row(event: Event, *, event_id: str, article_id: str, story_id: str) -> dict[str, Any]:
    """The events-table row of an event, keyed by column name (contract names, flattened)."""
    from tidings.store.schema import ACTOR_FIELDS, LOCATION_FIELDS

    data = event_json(event)
    actor_names = [n for n, _ in ACTOR_FIELDS]
    return {
        "id": event_id, "type": data["type"], "mode": data["mode"],
        "contexts": data["contexts"], "cameo": data["cameo"], "goldstein": data["goldstein"],
        **_flat("source", data["source"], actor_names),
        **_flat("target", data["target"], actor_names),
        "date": event.date.date, "date_text": data["date_text"],
        "date_method": data["date_method"], "date_precision": data["date_precision"],
        "sentence": data["sentence"], "sentence_index": data["sentence_index"],
        "text": data["text"], "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "modality": data["modality"], "method": data["method"],
        "attribution": json.dumps(data["attribution"], ensure_ascii=False),
        "background": data["background"],
        **_flat("location", data["location"], [n for n, _ in LOCATION_FIELDS]),
        "article_id": article_id, "story_id": story_id, "merge_key": merge_key(event),
        "n_articles": 1, "n_outlets": 1,
    }


def _mention_rows(event: Event, event_id: str, article_id: str) -> list[Row]:
    rows: list[Row] = [(event_id, article_id, event.id, event.sentence, event.sentence_text,
                        event.text, event.trigger.text, event.trigger.start, event.trigger.end)]
    rows.extend((event_id, article_id, event.id, m.sentence, m.sentence_text, m.text,
                 m.trigger.text, m.trigger.start, m.trigger.end) for m in event.mentions)
    return rows


def _actor_rows(mentions: Iterable[Mention], article_id: str) -> list[Row]:
    seen: dict[tuple[str, str], Row] = {}
    for m in mentions:
        a = m.actor
        seen.setdefault((a.code, a.name),
                        (a.code, a.name, a.country, a.org, a.sector, a.person, article_id))
    return list(seen.values())


def _quote_rows(coded: CodedArticle, article_id: str) -> list[Row]:
    return [
        (_hash(article_id, str(q.span.start)), article_id, q.span.text, q.span.start, q.span.end,
         q.speaker.name if q.speaker else None, q.speaker.code if q.speaker else None,
         q.speaker_span.text if q.speaker_span else None,
         json.dumps([attribution_json(v) for v in q.via], ensure_ascii=False), q.sentence)
        for q in coded.quotes
    ]


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article that passed the identity check and waits for its batch."""

    key: str
    signature: Any  # datasketch.MinHash


# --------------------------------------------------------------------------- ingester


class Ingester:
    """Reads, codes and stores articles; one instance per store and run."""

    def __init__(self, store: EventStore, *, pipeline: Pipeline | None = None,
                 engine: Engine | None = None, batch_size: int = BATCH_SIZE,
                 progress: Progress | None = None) -> None:
        self.store = store
        self._pipeline = pipeline
        self._engine = engine
        self.batch_size = batch_size
        self.progress = progress
        self.stats = IngestStats()
        self.index = store.load_story_index(dedup.StoryIndex())
        self._known = store.article_ids()
        self._seq = store.next_seq()
        self._problems: list[InputProblem] = []
        self._pending: dict[str, _Pending] = {}

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from tidings.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def run(self, items: Iterable[Article | InputProblem]) -> IngestStats:
        """Ingest everything in ``items``; return the run's statistics."""
        fresh = self._fresh(items)
        first = next(fresh, None)
        if first is None:  # load the model only when there is something to code
            return self._store(())
        stream = _chain(first, fresh)
        return self._store(self._engine.pipe(stream) if self._engine is not None
                           else self.pipeline.pipe(stream, batch_size=32))

    def run_coded(self, items: Iterable[CodedArticle | InputProblem]) -> IngestStats:
        """Store articles coded elsewhere (say, read back from the Ray engine's Parquet).

        Identity, de-duplication into stories and batching are those of :meth:`run`, so the
        same articles in the same order give the same rows. Each article needs its text.
        """
        return self._store(self._fresh_coded(items))

    def _store(self, coded_stream: Iterable[CodedArticle]) -> IngestStats:
        batch: list[CodedArticle] = []
        for coded in coded_stream:
            batch.append(coded)
            if len(batch) >= self.batch_size:
                self._write(batch)
                batch = []
        if batch or self._problems:
            self._write(batch)
        self.store.refresh_corroborations()
        self._tick()
        return self.stats

    def _fresh(self, items: Iterable[Article | InputProblem]) -> Iterator[Article]:
        """Articles not stored yet; problems are kept for the next batch."""
        for item in items:
            if isinstance(item, InputProblem):
                self._hold(item)
            elif self._admit(item):
                yield item

    def _fresh_coded(self, items: Iterable[CodedArticle | InputProblem]
                     ) -> Iterator[CodedArticle]:
        for item in items:
            if isinstance(item, InputProblem):
                self._hold(item)
            elif self._admit(item.article):
                yield item

    def _hold(self, problem: InputProblem) -> None:
        self._problems.append(problem)
        self.stats.quarantined += 1
        self._tick()

    def _admit(self, article: Article) -> bool:
        """Count the article; True when it is not stored yet (nor earlier in this run)."""
        self.stats.read += 1
        key = dedup.article_key(article.url, article.text)
        if key in self._known or key in self._pending:
            self.stats.already_stored += 1
            self._tick()
            return False
        self._pending[key] = _Pending(key, dedup.minhash(article.text, article.title))
        return True

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.stats)

    def _write(self, coded: list[CodedArticle]) -> None:
        batch = self._build(coded)
        self.store.write_batch(batch)
        for row in batch.articles:
            self._known.add(row[0])
            self._pending.pop(row[0], None)
        self.stats.batches += 1
        logger.info("committed batch %d (%d articles, %d problems)", self.stats.batches,
                    len(batch.articles), len(batch.quarantine))
        self._tick()

    def _build(self, coded: list[CodedArticle]) -> WriteBatch:
        batch = WriteBatch(quarantine=[(p.where, p.code, p.message) for p in self._problems])
        self._problems = []
        placed = [self._place(c) for c in coded]
        keys = self.store.event_keys(story for _, story, _ in placed)
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        for item, (key, story, similarity) in zip(coded, placed, strict=True):
            self._add_article(batch, item, key, story, similarity, now)
            self._add_events(batch, item, key, story, keys)
        return batch

    def _place(self, coded: CodedArticle) -> tuple[str, str, float | None]:
        """Assign the article to a story, in ingestion order."""
        a = coded.article
        pending = self._pending[dedup.article_key(a.url, a.text)]
        story, similarity = self.index.assign(pending.key, pending.signature)
        if similarity is not None:
            self.stats.joined_stories += 1
        return pending.key, story, similarity

    def _add_article(self, batch: WriteBatch, coded: CodedArticle, key: str, story: str,
                     similarity: float | None, now: dt.datetime) -> None:
        a = coded.article
        signature = dedup.minhash_to_bytes(self._pending[key].signature)
        warnings = json.dumps([{"code": w.code, "message": w.message} for w in coded.warnings])
        batch.articles.append((key, a.id, a.title, a.date, a.url, a.outlet, a.byline, a.source,
                               a.text, story, similarity, signature, len(coded.events),
                               warnings, self._seq, now))
        self._seq += 1
        batch.touched_stories.add(story)
        batch.actors.extend(_actor_rows(coded.mentions, key))
        batch.quotes.extend(_quote_rows(coded, key))
        self.stats.added += 1

    def _add_events(self, batch: WriteBatch, coded: CodedArticle, key: str, story: str,
                    keys: dict[tuple[str, str], str]) -> None:
        from tidings.store.schema import EVENT_NAMES

        for event in coded.events:
            slot = (story, merge_key(event))
            event_id = keys.get(slot)
            if event_id is None:
                event_id = keys[slot] = _hash(key, event.id)
                row = event_row(event, event_id=event_id, article_id=key, story_id=story)
                batch.events.append(tuple(row[n] for n in EVENT_NAMES))
                self.stats.events += 1
            else:
                self.stats.merged_mentions += 1
            batch.mentions.extend(_mention_rows(event, event_id, key))
            batch.touched_events.add(event_id)


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
