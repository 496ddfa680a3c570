"""The Ray engine: the same pipeline on Ray Data, one pipeline per actor in a pool.

Install with ``pip install 'tidings[ray]'``. Locally Ray starts a cluster of its own; pass
``address="ray://head:10001"`` (or ``auto``) to use a running one. Order is preserved, so the
results equal the local engine's.

:meth:`RayEngine.pipe` streams articles from this process; :meth:`RayEngine.write_parquet`
reads the inputs on the cluster (local paths or ``s3://``/``gs://`` URIs), codes them and
writes Parquet datasets partitioned by publication month (see ``docs/cluster.md``)::

    OUT/articles/month=2023-10/*.parquet   one row per article, with its coded JSON
    OUT/events/month=2023-10/*.parquet     one row per event, flattened for SQL
    OUT/problems/*.parquet                 inputs that could not be read, and why
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.records import Article, CodedArticle, InputProblem

__all__ = ["INSTALL_HINT", "ParquetSummary", "RayEngine"]

log = logging.getLogger(__name__)

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
    """Code articles on Ray Data with a pool of ``workers`` actors.

    Without ``workers``, :meth:`pipe` uses 2 actors and :meth:`write_parquet` grows the pool
    up to the cluster's CPU count.
    """

    def __init__(self, *, workers: int | None = None, address: str | None = None,
                 actor_files: Sequence[str | Path] = (), batch_size: int = 16) -> None:
        self.ray = _require_ray()
        self.autoscale = workers is None
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

    def write_parquet(self, inputs: Sequence[str], out_dir: str, *,
                      date: dt.date | None = None, max_chars: int = 1_000_000) -> ParquetSummary:
        """Read ``inputs`` on the cluster, code them and write Parquet under ``out_dir``.

        ``inputs`` are files, folders and globs as for ``tidings ingest`` (.jsonl, .jsonl.gz,
        .json, .csv, .txt, .html, .warc(.gz), and .parquet with a ``text`` column), or
        ``s3://``/``gs://`` URIs that Ray can read. ``out_dir`` must not hold a previous run.
        """
        started = time.monotonic()
        self._init()
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        out = _output_root(out_dir)
        plan = _plan_inputs(inputs)
        saved = context.target_max_block_size
        # Small blocks: one big input file must still feed every actor of the pool.
        context.target_max_block_size = _BLOCK_BYTES
        try:
            self._write_all(ray.data, plan, out, date, max_chars)
        finally:
            context.target_max_block_size = saved
        return ParquetSummary(out, _count(f"{out}/articles"), _count(f"{out}/events"),
                              _count(f"{out}/problems"), time.monotonic() - started)

    def _write_all(self, data: Any, plan: _Plan, out: str, date: dt.date | None,
                   max_chars: int) -> None:
        items = _read_items(data, plan, date, max_chars)
        coded = items.filter(_is_article).map_batches(
            _ParquetCoder, fn_constructor_args=(self.actor_files,), batch_size=self.batch_size,
            compute=self._pool(data), num_cpus=1, batch_format="numpy")
        _write_by_month(coded, f"{out}/articles")
        if _count(f"{out}/articles") > 0:
            events = data.read_parquet(f"{out}/articles").select_columns(["article_json"])
            _write_by_month(events.map_batches(_event_table, batch_format="pyarrow"),
                            f"{out}/events")
        # the second, cheap pass re-reads the inputs: problems are small and rare
        items.filter(_is_problem).map_batches(_problem_table, batch_format="numpy"
                                              ).write_parquet(f"{out}/problems")

    def _pool(self, data: Any) -> Any:
        # A pool that starts full can take every CPU before the read and write tasks get one,
        # and then nothing moves; growing from one actor leaves them room.
        top = self.workers
        if self.autoscale:
            top = max(1, int(self.ray.cluster_resources().get("CPU", 1)))
        return data.ActorPoolStrategy(min_size=1, max_size=top)


_BLOCK_BYTES = 64 * 1024  # a few articles: the pool gathers blocks into batches
_ROWS_PER_FILE = 10_000  # small blocks, but not a file per block
_MONTH_BLOCKS = 8  # blocks a keyed repartition spreads the months over: one writer each


def _write_by_month(ds: Any, path: str) -> None:
    """Write ``ds`` partitioned by month, in files of many rows rather than one per block.

    Ray 2.5x and later gather each month's rows with a keyed repartition and cap the file size;
    older releases only offer a minimum number of rows per file.
    """
    import inspect

    names = inspect.signature(ds.write_parquet).parameters
    if "max_rows_per_file" in names and \
            "keys" in inspect.signature(ds.repartition).parameters:
        ds.repartition(num_blocks=_MONTH_BLOCKS, keys=["month"]).write_parquet(
            path, partition_cols=["month"], max_rows_per_file=_ROWS_PER_FILE)
        return
    size = next(({n: _ROWS_PER_FILE} for n in ("min_rows_per_file", "num_rows_per_file")
                 if n in names), {})
    ds.write_parquet(path, partition_cols=["month"], **size)


@dataclass(frozen=True, slots=True)
class ParquetSummary:
    """What :meth:`RayEngine.write_parquet` wrote."""

    out_dir: str
    articles: int
    events: int
    problems: int
    seconds: float


# --------------------------------------------------------------------------- reading

_REMOTE_MARK = "://"
_PARQUET = ".parquet"
_ARTICLE = "article"
_PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class _Plan:
    """The files to read and their place in the reading order of ``tidings ingest``.

    ``local`` maps an absolute path to (rank, the name the user gave); ``remote`` maps a URI to
    its rank; files Ray finds under a URI share its rank and are ordered by path.
    """

    local: dict[str, tuple[int, str]]
    remote: dict[str, int]

    def place(self, path: str) -> tuple[int, str]:
        """The rank of a path Ray read and the name to report it under."""
        if path in self.local:
            return self.local[path]
        for uri, rank in self.remote.items():
            # Ray reports object-store paths without their scheme
            scheme, _, rest = uri.partition(_REMOTE_MARK)
            if path.startswith(rest.rstrip("/")):
                return rank, f"{scheme}{_REMOTE_MARK}{path}"
        return len(self.local) + len(self.remote), path


def _plan_inputs(inputs: Sequence[str]) -> _Plan:
    from tidings.ingest import _KNOWN_EXTENSIONS, expand_paths

    local: dict[str, tuple[int, str]] = {}
    remote: dict[str, int] = {}
    for name in inputs:
        if _REMOTE_MARK in name:
            remote.setdefault(name, len(local) + len(remote))
            continue
        for path in expand_paths([name], extensions=(*_KNOWN_EXTENSIONS, _PARQUET)):
            local.setdefault(os.path.abspath(path), (len(local) + len(remote), path))
    if not local and not remote:
        raise FileNotFoundError("no input files found")
    return _Plan(local, remote)


def _read_items(data: Any, plan: _Plan, date: dt.date | None, max_chars: int) -> Any:
    """One row per article or unreadable input, with its place in the reading order."""
    groups: list[str | list[str]] = [list(plan.local)] if plan.local else []
    groups.extend(plan.remote)  # one read per URI: each may live on its own file system
    datasets = [data.read_binary_files(paths, include_paths=True) for paths in groups]
    files = datasets[0].union(*datasets[1:]) if len(datasets) > 1 else datasets[0]
    return files.flat_map(_read_file, fn_kwargs={"plan": plan, "date": date,
                                                 "max_chars": max_chars})


def _read_file(row: dict[str, Any], *, plan: _Plan, date: dt.date | None,
               max_chars: int) -> list[dict[str, Any]]:
    rank, name = plan.place(row["path"])
    items = _parse_file(name, bytes(row["bytes"]), date, max_chars)
    return [_item_row(item, rank, name, position) for position, item in enumerate(items)]


def _item_row(item: Article | InputProblem, rank: int, name: str,
              position: int) -> dict[str, Any]:
    if isinstance(item, InputProblem):
        problem = json.dumps({"source": item.where, "code": item.code, "message": item.message})
        return {"kind": _PROBLEM, "input_rank": rank, "input": name, "position": position,
                "article": b"", "problem": problem}
    return {"kind": _ARTICLE, "input_rank": rank, "input": name, "position": position,
            "article": pickle.dumps(item), "problem": ""}


def _is_article(row: dict[str, Any]) -> bool:
    return bool(row["kind"] == _ARTICLE)


def _is_problem(row: dict[str, Any]) -> bool:
    return bool(row["kind"] == _PROBLEM)


def _parse_file(name: str, data: bytes, date: dt.date | None,
                max_chars: int) -> list[Article | InputProblem]:
    """The articles of one file, exactly as ``tidings ingest`` reads them."""
    if name.lower().endswith(_PARQUET):
        return _parquet_records(name, data, date, max_chars)
    from tidings.ingest import read_inputs

    # tidings' readers take paths: give them the bytes under the file's own name
    with tempfile.TemporaryDirectory(prefix="tidings-") as tmp:
        local = os.path.join(tmp, os.path.basename(name) or "input")
        with open(local, "wb") as stream:
            stream.write(data)
        return [_renamed(item, local, name)
                for item in read_inputs([local], date=date, max_chars=max_chars)]


def _renamed(item: Article | InputProblem, local: str, name: str) -> Article | InputProblem:
    from dataclasses import replace

    if isinstance(item, InputProblem):
        return replace(item, where=item.where.replace(local, name, 1))
    return replace(item, source=(item.source or "").replace(local, name, 1) or None,
                   id=item.id.replace(local, name, 1))


def _parquet_records(name: str, data: bytes, date: dt.date | None,
                     max_chars: int) -> list[Article | InputProblem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tidings import io as tio

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as err:
        return [InputProblem(name, "bad_parquet", f"not a readable Parquet file ({err})")]
    stem = os.path.basename(name)[: -len(_PARQUET)]
    return [tio.article_from_record(_plain(record), where=f"{name}:{number}",
                                    default_id=f"{stem}:{number}", date=date,
                                    max_chars=max_chars)
            for number, record in enumerate(table.to_pylist(), start=1)]


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    # Parquet dates and timestamps arrive as Python dates; the record reader expects ISO text.
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}


# --------------------------------------------------------------------------- coding


class _ParquetCoder:
    """Holds one pipeline for the life of a Ray actor; codes a batch into article rows."""

    def __init__(self, actor_files: Sequence[str]) -> None:
        from tidings.pipeline import Pipeline

        self.pipeline = Pipeline(actor_files=actor_files)

    def __call__(self, batch: dict[str, Any]) -> Any:
        articles = [pickle.loads(blob) for blob in batch["article"]]
        rows = [_article_row(c) for c in self.pipeline.pipe(articles)]
        for row, rank, name, position in zip(rows, batch["input_rank"], batch["input"],
                                             batch["position"], strict=True):
            row.update(input_rank=int(rank), input=str(name), position=int(position))
        return _table(rows, article_schema())


def _month(day: dt.date | None) -> str:
    return day.strftime("%Y-%m") if day else "unknown"


def _article_row(coded: CodedArticle) -> dict[str, Any]:
    from tidings.deserialize import article_record_json

    a = coded.article
    return {"id": a.id, "url": a.url, "outlet": a.outlet, "date": a.date, "month": _month(a.date),
            "title": a.title, "text": a.text, "source": a.source, "n_events": len(coded.events),
            "article_json": json.dumps(article_record_json(coded), ensure_ascii=False)}


def article_schema() -> Any:
    """Columns of ``articles/``: one row per article (``month`` becomes the folder name)."""
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
        ("date", pa.date32()), ("month", pa.string()), ("title", pa.string()),
        ("text", pa.string()), ("source", pa.string()), ("n_events", pa.int32()),
        ("input_rank", pa.int64()), ("input", pa.string()), ("position", pa.int64()),
        ("article_json", pa.string()),
    ])


_ACTOR_COLUMNS = ("text", "name", "code", "country", "org", "sector", "person")


def event_schema() -> Any:
    """Columns of ``events/``: one row per event, actors and place flattened."""
    import pyarrow as pa

    actor = [(f"{side}_{n}", pa.string()) for side in ("source", "target")
             for n in _ACTOR_COLUMNS]
    return pa.schema([
        ("article_id", pa.string()), ("article_key", pa.string()), ("url", pa.string()),
        ("outlet", pa.string()), ("event_id", pa.string()), ("type", pa.string()),
        ("mode", pa.string()), ("contexts", pa.list_(pa.string())), ("cameo", pa.string()),
        ("goldstein", pa.float64()), *actor, ("date", pa.date32()), ("date_text", pa.string()),
        ("date_method", pa.string()), ("date_precision", pa.string()),
        ("modality", pa.string()), ("method", pa.string()), ("background", pa.bool_()),
        ("attribution", pa.string()), ("sentence", pa.string()),
        ("sentence_index", pa.int32()), ("trigger", pa.string()), ("n_mentions", pa.int32()),
        ("location_name", pa.string()), ("location_country", pa.string()),
        ("location_admin1", pa.string()), ("location_lat", pa.float64()),
        ("location_lon", pa.float64()), ("month", pa.string()),
    ])


def _event_table(batch: Any) -> Any:
    rows = [row for payload in batch.column("article_json").to_pylist()
            for row in _event_rows(json.loads(payload))]
    return _table(rows, event_schema())


def _event_rows(article: dict[str, Any]) -> list[dict[str, Any]]:
    from tidings.dedup import article_key

    day = _date(article.get("date"))
    common = {"article_id": article["id"], "url": article.get("url"),
              "outlet": article.get("outlet"), "month": _month(day),
              "article_key": article_key(article.get("url"), article.get("text") or "")}
    return [{**common, **_event_columns(event)} for event in article.get("events") or ()]


def _event_columns(e: dict[str, Any]) -> dict[str, Any]:
    place = e.get("location") or {}
    actors = {f"{side}_{n}": (e.get(side) or {}).get(n) for side in ("source", "target")
              for n in _ACTOR_COLUMNS}
    return {
        "event_id": e["id"], "type": e["type"], "mode": e.get("mode"),
        "contexts": e.get("contexts") or [], "cameo": e["cameo"], "goldstein": e["goldstein"],
        **actors, "date": _date(e.get("date")), "date_text": e.get("date_text"),
        "date_method": e.get("date_method"), "date_precision": e.get("date_precision"),
        "modality": e["modality"], "method": e["method"], "background": e.get("background"),
        "attribution": json.dumps(e.get("attribution") or [], ensure_ascii=False),
        "sentence": e["sentence"], "sentence_index": e["sentence_index"],
        "trigger": e["trigger"]["text"], "n_mentions": 1 + len(e.get("mentions") or ()),
        "location_name": place.get("name"), "location_country": place.get("country"),
        "location_admin1": place.get("admin1"), "location_lat": place.get("lat"),
        "location_lon": place.get("lon"),
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def problem_schema() -> Any:
    """Columns of ``problems/``: one row per input that could not be read."""
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("code", pa.string()), ("message", pa.string()),
                      ("input_rank", pa.int64()), ("input", pa.string()),
                      ("position", pa.int64())])


def _problem_table(batch: dict[str, Any]) -> Any:
    rows = [{**json.loads(problem), "input_rank": int(rank), "input": str(name),
             "position": int(position)}
            for problem, rank, name, position in zip(batch["problem"], batch["input_rank"],
                                                      batch["input"], batch["position"],
                                                      strict=True)]
    return _table(rows, problem_schema())


def _table(rows: list[dict[str, Any]], schema: Any) -> Any:
    # A fixed schema keeps every file alike, even a batch whose column is all null.
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)


# --------------------------------------------------------------------------- output


def _output_root(out_dir: str) -> str:
    """``out_dir`` as Ray should see it; refuses one that already holds a run."""
    import pyarrow.fs as pafs

    root = out_dir.rstrip("/") if _REMOTE_MARK in out_dir else os.path.abspath(out_dir)
    fs, base = pafs.FileSystem.from_uri(root)
    for part in ("articles", "events", "problems"):
        if fs.get_file_info(f"{base}/{part}").type != pafs.FileType.NotFound:
            raise FileExistsError(f"{root}/{part} already exists; give a new --output folder "
                                  "(a second run into the same one would duplicate rows)")
    return root


def _count(folder: str) -> int:
    """Rows of the Parquet files under ``folder`` (0 when nothing was written)."""
    import pyarrow.dataset as pads
    import pyarrow.fs as pafs

    fs, base = pafs.FileSystem.from_uri(folder)
    if fs.get_file_info(base).type == pafs.FileType.NotFound:
        return 0
    return int(pads.dataset(base, filesystem=fs, format="parquet",
                            partitioning="hive").count_rows())
