"""The Ray engine: the same pipeline on Ray Data, one pipeline per actor in a pool.

Install with ``pip install 'tidings[ray]'``. Locally Ray starts a cluster of its own; pass
``address="ray://head:10001"`` (or ``auto``) to use a running one. Order is preserved, so the
results equal the local engine's.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tidings.records import Article, CodedArticle

INSTALL_HINT = "the ray engine needs Ray: pip install 'tidings[ray]'"


def _require_ray() -> Any:
    try:
        import ray
    except ImportError as e:
        raise ImportError(INSTALL_HINT) from e
    return ray


class _CodingActor:
    """Holds one pipeline for the life of a Ray actor; codes a batch of pickled articles."""

    def __init__(self, actor_files: Sequence[str]) -> None:
        from tidings.pipeline import Pipeline

        self.pipeline = Pipeline(actor_files=actor_files)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        articles = [pickle.loads(blob) for blob in batch["article"]]
        coded = self.pipeline.pipe(articles)
        # Pickled records keep every typed field; the pickles are made by this same package.
        return {"coded": [pickle.dumps(c) for c in coded]}


class RayEngine:
    """Code articles on Ray Data with a pool of ``workers`` actors."""

    def __init__(self, *, workers: int | None = None, address: str | None = None,
                 actor_files: Sequence[str | Path] = (), batch_size: int = 16) -> None:
        self.ray = _require_ray()
        self.workers = workers or 2
        self.address = address
        self.actor_files = [str(p) for p in actor_files]
        self.batch_size = batch_size

    def _init(self) -> None:
        if not self.ray.is_initialized():
            self.ray.init(address=self.address, include_dashboard=False,
                          log_to_driver=False, ignore_reinit_error=True)

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        self._init()
        import ray.data

        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        items = [{"article": pickle.dumps(a)} for a in articles]
        if not items:
            return
        dataset = ray.data.from_items(items).map_batches(
            _CodingActor, fn_constructor_args=(self.actor_files,), batch_size=self.batch_size,
            compute=ray.data.ActorPoolStrategy(size=self.workers), num_cpus=1,
            batch_format="default",
        )
        for row in dataset.iter_rows():
            coded = pickle.loads(row["coded"])
            assert isinstance(coded, CodedArticle)
            yield coded
