"""Every engine gives the same events: local with 1 and 2 workers, and Ray (#7)."""

from __future__ import annotations

import json
import sys
from importlib import resources

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.engines import LocalEngine, make_engine
from tidings.records import Article
from tidings.serialize import article_json


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    path = resources.files("tidings").joinpath("data", "sample", "corpus.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:12]]
    return [Article(id=r["id"], text=r["text"], title=r["title"]) for r in rows]


@pytest.fixture(scope="module")
def reference(articles: list[Article]) -> list[dict[str, object]]:
    return [article_json(c) for c in LocalEngine(workers=1).pipe(articles)]


def test_engines_local_two_workers_equal_one(articles: list[Article],
                                             reference: list[dict[str, object]]) -> None:
    got = [article_json(c) for c in LocalEngine(workers=2, batch_size=3).pipe(articles)]
    assert got == reference
    assert sum(len(a["events"]) for a in got) > 20  # type: ignore[arg-type]


def test_engines_ray_equals_local(articles: list[Article],
                                  reference: list[dict[str, object]]) -> None:
    ray = pytest.importorskip("ray", reason="the ray extra is part of the test extras")
    try:
        got = [article_json(c) for c in make_engine("ray", workers=2).pipe(articles)]
    finally:
        ray.shutdown()
    assert got == reference


def test_engines_ray_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    result = CliRunner().invoke(main, ["code", "--sample", "--engine", "ray"])
    assert result.exit_code == 1
    assert "pip install 'tidings[ray]'" in result.output


def test_engines_unknown_name() -> None:
    with pytest.raises(ValueError, match="expected 'local' or 'ray'"):
        make_engine("spark")
