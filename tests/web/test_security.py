"""Body size limit, token, loopback-only default, and injection through every filter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from tidings.cli_web import is_loopback, serve_command

pytestmark = pytest.mark.issue(6)
TOKEN = "s3cret-token"


# --------------------------------------------------------------------------- size limit


def test_default_limit_is_one_megabyte(client: httpx.Client, error_of: Any) -> None:
    body = b'{"text": "' + b"a" * 1_000_000 + b'"}'
    response = client.post("/v1/code", content=body, headers={"content-type": "application/json"})
    assert "1,000,000 bytes" in error_of(response, 413)["error"]


@pytest.fixture(scope="module")
def small_server(serve_app: Any, corpus_db: Path) -> Iterator[str]:
    from tidings.web.app import create_app

    with serve_app(create_app(db=str(corpus_db), token=None, max_body=2000)) as url:
        yield url


def test_limit_applies_to_a_declared_length(small_server: str, error_of: Any) -> None:
    response = httpx.post(small_server + "/v1/code", json={"text": "x" * 5000})
    error_of(response, 413)


def test_limit_applies_to_a_chunked_body(small_server: str, error_of: Any) -> None:
    """No Content-Length: the server counts the bytes as they arrive."""
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    response = httpx.post(small_server + "/v1/code", content=chunks(),
                          headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    error_of(response, 413)


def test_a_body_under_the_limit_is_served(small_server: str) -> None:
    response = httpx.post(small_server + "/v1/code",
                          json={"text": "France and Germany signed a treaty on Monday."})
    assert response.status_code == 200, response.text


# --------------------------------------------------------------------------- binding


@pytest.mark.parametrize(("host", "loopback"), [
    pytest.param("127.0.0.1", True, id="ipv4-loopback"),
    pytest.param("127.8.9.10", True, id="ipv4-loopback-range"),
    pytest.param("::1", True, id="ipv6-loopback"),
    pytest.param("[::1]", True, id="ipv6-brackets"),
    pytest.param("localhost", True, id="localhost"),
    pytest.param("0.0.0.0", False, id="all-ipv4"),
    pytest.param("::", False, id="all-ipv6"),
    pytest.param("192.168.1.20", False, id="private"),
    pytest.param("example.org", False, id="host-name"),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_public_bind_without_token_refuses_to_start(host: str) -> None:
    result = CliRunner().invoke(serve_command, ["--host", host, "--port", "0"], env={
        "TIDINGS_TOKEN": ""})
    assert result.exit_code == 1
    assert "refusing to listen" in result.output and "--token" in result.output


def test_serve_with_a_missing_database_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(serve_command, ["--db", str(missing)])
    assert result.exit_code == 1 and "tidings demo" in result.output


# --------------------------------------------------------------------------- token


@pytest.fixture(scope="module")
def token_server(serve_app: Any, corpus_db: Path) -> Iterator[str]:
    from tidings.web.app import create_app

    with serve_app(create_app(db=str(corpus_db), token=TOKEN, max_body=1000)) as url:
        yield url


@pytest.mark.parametrize("headers", [
    pytest.param({}, id="no-header"),
    pytest.param({"Authorization": "Bearer wrong"}, id="wrong-token"),
    pytest.param({"Authorization": TOKEN}, id="no-bearer-prefix"),
    pytest.param({"Authorization": f"Basic {TOKEN}"}, id="basic"),
])
@pytest.mark.parametrize("path", ["/v1/events", "/v1/stats", "/openapi.json", "/v1/health",
                                  "/v1/nothing"])
def test_token_is_required(token_server: str, error_of: Any, headers: dict[str, str],
                           path: str) -> None:
    response = httpx.get(token_server + path, headers=headers)
    error_of(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_token_is_checked_before_the_body(token_server: str, error_of: Any) -> None:
    error_of(httpx.post(token_server + "/v1/code", content=b"x" * 5000), 401)


def test_right_token_passes(token_server: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(token_server + "/v1/events?limit=1", headers=auth).status_code == 200
    assert httpx.get(token_server + "/openapi.json", headers=auth).status_code == 200


@pytest.mark.parametrize("path", ["/", "/docs", "/static/app.js"])
def test_the_static_page_needs_no_token(token_server: str, path: str) -> None:
    """The page holds no data; it asks for the token and sends it with each API call."""
    assert httpx.get(token_server + path).status_code == 200


# --------------------------------------------------------------------------- injection

PAYLOADS = [
    pytest.param("' OR '1'='1", id="sql-or"),
    pytest.param("x'; DROP TABLE events; --", id="sql-drop"),
    pytest.param("%' UNION SELECT id, text FROM articles --", id="sql-union"),
    pytest.param("<script>alert(1)</script>", id="html-script"),
    pytest.param('"><img src=x onerror=alert(1)>', id="html-attribute"),
]
FILTER_PARAMS = ["source", "target", "country", "type", "from", "to", "q", "story", "cursor",
                 "limit"]


ROUTES = [pytest.param(path, param, id=f"{path.rsplit('/', 1)[1]}-{param}")
          for path in ("/v1/events", "/v1/stats", "/v1/network") for param in FILTER_PARAMS
          if param != "cursor" or path == "/v1/events"]  # only the event list pages


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("path", "param"), ROUTES)
def test_injection_in_filters_is_escaped_or_rejected(client: httpx.Client, store: Any,
                                                     path: str, param: str,
                                                     payload: str) -> None:
    before = store.counts()
    response = client.get(path, params={param: payload})
    assert response.status_code in {200, 422}, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert b"<" not in response.content and b">" not in response.content
    body = response.json()
    if response.status_code == 422:
        assert body["ok"] is False and param in body["error"]
    elif path == "/v1/events":
        # taken literally: a text search for an SQL fragment finds nothing
        assert body["events"] == []
    assert store.counts() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_paths_is_escaped_or_rejected(client: httpx.Client, payload: str) -> None:
    from urllib.parse import quote

    for path in (f"/v1/dyads/{quote(payload, safe='')}/RUS/timeline",
                 f"/v1/stories/{quote(payload, safe='')}", "/v1/actors?q=" + quote(payload)):
        response = client.get(path)
        assert response.status_code in {200, 404, 422}, (path, response.text)
        assert b"<" not in response.content and b">" not in response.content


def test_markup_in_coded_text_comes_back_escaped(client: httpx.Client) -> None:
    text = "Russia <b>accused</b> Ukraine of shelling the plant <script>alert(1)</script>."
    response = client.post("/v1/code", json={"text": text})
    assert response.status_code == 200
    assert b"<script>" not in response.content and b"\\u003cscript\\u003e" in response.content
    assert response.json()["text"] == text  # the same text to a JSON parser


def test_security_headers(client: httpx.Client) -> None:
    for path in ("/", "/v1/events?limit=1", "/v1/nothing"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-eval" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
