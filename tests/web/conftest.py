"""Fixtures for the web tests: a real event store from part of the sample corpus, the real
app served by uvicorn on a free loopback port, and an HTTP client for it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra (fastapi, uvicorn)")
import httpx  # noqa: E402
import uvicorn  # noqa: E402

SUBSET = 45  # sample-corpus records in the test store: enough for every chart, quick to code


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on 127.0.0.1 and a free port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Path:
    """A DuckDB event store with the first records of the sample corpus, ingested for real."""
    from tidings.ingest import Ingester, read_inputs
    from tidings.store import EventStore

    folder = tmp_path_factory.mktemp("web")
    source = resources.files("tidings").joinpath("data", "sample", "corpus.jsonl")
    lines = source.read_text(encoding="utf-8").splitlines()[:SUBSET]
    subset = folder / "subset.jsonl"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "corpus.duckdb"
    with EventStore(db) as store:
        Ingester(store, pipeline=pipeline).run(read_inputs([str(subset)]))
    return db


@pytest.fixture(scope="session")
def app(corpus_db: Path, pipeline: Any) -> Any:
    from tidings.web.app import create_app

    return create_app(db=str(corpus_db), token=None, max_body=1_000_000, pipeline=pipeline)


@pytest.fixture(scope="session")
def base_url(app: Any) -> Iterator[str]:
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as http:
        yield http


@pytest.fixture(scope="session")
def store(corpus_db: Path) -> Iterator[Any]:
    """A second read-only view of the test store, to check answers against."""
    from tidings.store import EventStore

    with EventStore(corpus_db, read_only=True) as opened:
        yield opened


def assert_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The one error shape: ``{"ok": false, "error": "...", "status": N}``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and len(body["error"]) > 10
    return body


@pytest.fixture(scope="session")
def error_of() -> Any:
    """``assert_error`` for test modules (fixtures, since conftest is not importable)."""
    return assert_error


@pytest.fixture(scope="session")
def serve_app() -> Any:
    """``serve`` for test modules: ``with serve_app(app) as url: ...``."""
    return serve
