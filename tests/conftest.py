"""Shared fixtures: one real pipeline per test session, paths to shared/ data, golden flag."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/data/expected/*.json from the current output")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from tidings.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not present at {SHARED}: development data lives outside the repo")
    return SHARED


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def _write_warc(path: Path, pages: dict[str, str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers))


GENEVA_HTML = """<html><head><title>Leaders meet in Geneva</title></head><body><article>
<h1>Leaders meet in Geneva</h1>
<p>The presidents of the United States and Russia met in Geneva on Wednesday for talks on
arms control, the first summit between the two leaders, officials said.</p>
<p>Both sides described the meeting as constructive and agreed to return their ambassadors
to each other's capitals, according to a joint statement released after the talks.</p>
<p>The two governments also said they would begin a dialogue on strategic stability.</p>
</article></body></html>"""


@pytest.fixture(scope="session")
def write_crawl() -> Callable[[Path], Path]:
    """Writes a gzipped WARC of two HTML responses, a news article and a page with no article
    body: ``write_crawl(path)``."""
    def write(path: Path) -> Path:
        _write_warc(path, {"https://news.example/geneva": GENEVA_HTML,
                           "https://news.example/menu": "<html><body></body></html>"})
        return path
    return write
