"""Engines: where the pipeline runs. ``local`` uses worker processes on this machine; each worker
loads the pipeline once and codes batches of articles. Results come back in input order, so
every engine and every worker count gives the same events.

>>> engine = LocalEngine(workers=2)
>>> for coded in engine.pipe(articles):
...     ...
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tidings.records import Article, CodedArticle

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

log = logging.getLogger(__name__)

_worker_pipeline: Pipeline | None = None


class Engine(Protocol):
    """Anything that turns a stream of articles into coded articles, in order."""

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...


def _init_worker(actor_files: Sequence[str]) -> None:
    global _worker_pipeline
    from tidings.pipeline import Pipeline

    _worker_pipeline = Pipeline(actor_files=actor_files)


def _code_batch(batch: list[Article]) -> list[CodedArticle]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return list(_worker_pipeline.pipe(batch))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(articles)
    while batch := list(islice(stream, size)):
        yield batch


class InProcessEngine:
    """The pipeline in this process: no start-up cost, one core."""

    def __init__(self, *, actor_files: Sequence[str | Path] = (), batch_size: int = 32) -> None:
        from tidings.pipeline import Pipeline

        self.pipeline = Pipeline(actor_files=actor_files)
        self.batch_size = batch_size

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        yield from self.pipeline.pipe(articles, batch_size=self.batch_size)


class LocalEngine:
    """Worker processes on this machine, each with its own pipeline.

    ``workers`` defaults to the number of cores. Batches are handed out as workers free up and
    results are yielded in input order.
    """

    def __init__(self, *, workers: int | None = None, actor_files: Sequence[str | Path] = (),
                 batch_size: int = 16) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.actor_files = [str(p) for p in actor_files]
        self.batch_size = batch_size
        self._in_process: InProcessEngine | None = None
        if self.workers == 1:
            self._in_process = InProcessEngine(actor_files=self.actor_files,
                                               batch_size=batch_size)
        else:
            from tidings.stages.actors import ActorResolver

            # a bad user file fails here, not inside a worker
            ActorResolver(extra_files=self.actor_files)

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        if self._in_process is not None:
            yield from self._in_process.pipe(articles)
            return
        # fork shares the loaded interpreter cheaply; spawn would re-import everything.
        context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with context.Pool(self.workers, initializer=_init_worker,
                          initargs=(self.actor_files,)) as pool:
            # imap keeps order and bounds memory to a few batches in flight per worker
            for coded_batch in pool.imap(_code_batch, _batches(articles, self.batch_size),
                                         chunksize=1):
                yield from coded_batch


def make_engine(name: str, *, workers: int | None = None, address: str | None = None,
                actor_files: Sequence[str | Path] = ()) -> Engine:
    """Build an engine by name: ``local`` (default) or ``ray``."""
    if name == "local":
        return LocalEngine(workers=workers, actor_files=actor_files)
    if name == "ray":
        from tidings.ray_engine import RayEngine

        return RayEngine(workers=workers, address=address, actor_files=actor_files)
    raise ValueError(f"unknown engine {name!r}; expected 'local' or 'ray'")
