"""The web page in a real browser (Debian's chromium, driven by Playwright) against the real
server: code the sample article, explore the corpus, see errors, no script injection."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.issue(6)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT = 60_000  # ms; the first POST /v1/code may load the model


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} missing: apt-get install chromium (.ci/run does)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page; fails the test on any script error or any request off this server."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    opened.on("request", lambda req: None if req.url.startswith((base_url, "blob:", "data:"))
              else problems.append(f"request off the server: {req.url}"))
    opened.goto(base_url + "/")
    yield opened
    context.close()
    assert problems == []


def _until(check: Any, what: str, seconds: float = 30) -> None:
    """Poll from Python: the page's CSP forbids the eval behind ``wait_for_function``."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _code_sample(page: Any) -> None:
    page.click("#load-sample")
    _until(lambda: len(page.input_value("#text")) > 500, "the sample text")
    assert page.input_value("#date") == "2023-10-12"
    page.click("#code-button")
    page.wait_for_selector("#code-events tbody tr", timeout=WAIT)


def test_code_the_sample_article(page: Any, client: httpx.Client) -> None:
    _code_sample(page)
    sample = client.get("/v1/sample").json()
    expected = client.post("/v1/code", json=sample).json()
    rows = page.locator("#code-events tbody tr")
    assert rows.count() == len(expected["events"]) >= 10
    first = expected["events"][0]
    assert rows.nth(0).locator("td").nth(0).inner_text() == first["type"]
    assert first["source"]["code"] in rows.nth(0).locator("td").nth(1).inner_text()
    for kind in ("actor", "trigger", "quote", "nonevent"):
        assert page.locator(f"#article-text .hl.{kind}").count() > 0, kind
    # the highlighted text is the article, in order, with nothing added
    assert page.inner_text("#article-text").replace("\n", "") == expected["text"].replace("\n", "")
    assert page.locator("#non-events li").count() == len(expected["non_events"])
    assert page.locator("#quotes li").count() == len(expected["quotes"])
    assert page.locator("#warnings li").count() == max(1, len(expected["warnings"]))


def test_hovering_an_event_highlights_its_evidence(page: Any) -> None:
    _code_sample(page)
    assert page.locator("#article-text .hot").count() == 0
    page.hover("#code-events tbody tr >> nth=0")
    hot = page.locator("#article-text .hot")
    assert hot.count() >= 2  # the trigger and at least one actor
    texts = " ".join(hot.all_inner_texts())
    trigger = page.locator("#article-text .hot.trigger").first.inner_text()
    assert trigger and trigger in texts
    page.hover("#load-sample")
    assert page.locator("#article-text .hot").count() == 0


def _open_corpus(page: Any) -> None:
    page.click("#tab-corpus")
    page.wait_for_selector("#corpus-events tbody tr", timeout=WAIT)
    for chart in ("timeline", "map", "network"):
        page.wait_for_selector(f"#{chart}-chart svg", timeout=WAIT)


def test_corpus_view_draws_charts_with_data(page: Any, client: httpx.Client) -> None:
    _open_corpus(page)
    stats = client.get("/v1/stats").json()
    assert page.locator("#corpus-events tbody tr").count() == min(50, stats["events"])
    assert str(stats["events"]) in page.inner_text("#summary")
    # timeline: bars for event types and cooperation/conflict, a Goldstein line
    assert page.locator("#timeline-chart svg .mark-rect path").count() > 0
    assert page.locator("#timeline-chart svg .mark-line path").count() > 0
    # map: every atlas country as a grey base plus a coloured shape per country with events
    shapes = page.locator("#map-chart svg .mark-shape path").count()
    assert shapes > 177 + 5
    # network: a node per actor and a line per link
    network = client.get("/v1/network").json()
    assert page.locator("#network-chart svg .mark-symbol path").count() == len(network["nodes"])
    assert page.locator("#network-chart svg .mark-path path").count() == len(network["links"])
    assert page.locator("#map-chart details").count() == 1  # the export menu


def test_charts_download_as_png_and_csv(page: Any) -> None:
    _open_corpus(page)
    page.click("#map-chart details summary")
    with page.expect_download() as png:
        page.click("#map-chart .vega-actions a:has-text('PNG')")
    assert png.value.suggested_filename.endswith(".png")
    with open(png.value.path(), "rb") as stream:
        assert stream.read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as csv:
        page.click("button.csv[data-chart='network']")
    assert csv.value.suggested_filename == "tidings-network.csv"
    with open(csv.value.path(), encoding="utf-8") as stream:
        assert stream.readline().strip() == "source,target,events,goldstein"


def test_filters_and_paging(page: Any) -> None:
    _open_corpus(page)
    page.select_option("#type-select", "ASSAULT")
    page.click("#filters button[type=submit]")
    types = page.locator("#corpus-events tbody tr td:nth-child(2)")
    _until(lambda: set(types.all_inner_texts()) == {"ASSAULT"}, "only ASSAULT rows")
    page.select_option("#type-select", "")
    page.click("#filters button[type=submit]")
    rows = page.locator("#corpus-events tbody tr")
    _until(lambda: rows.count() == 50 and len(set(types.all_inner_texts())) > 1, "all types")
    page.click("#more")
    _until(lambda: rows.count() > 50, "the second page")


@pytest.mark.parametrize(("field", "value", "needle"), [
    pytest.param("source", "'; DROP TABLE events; --", "source", id="bad-actor"),
    pytest.param("country", "<b>x</b>", "country", id="markup-country"),
])
def test_a_bad_filter_shows_a_readable_error(page: Any, field: str, value: str,
                                             needle: str) -> None:
    _open_corpus(page)
    page.fill(f"#filters input[name={field}]", value)
    page.click("#filters button[type=submit]")
    error = page.locator("#error")
    error.wait_for(state="visible", timeout=WAIT)
    text = error.inner_text()
    assert needle in text and "HTTP 422" in text
    assert page.locator("#error b").count() == 0


def test_an_empty_article_shows_a_readable_error(page: Any) -> None:
    page.fill("#text", "   ")
    page.click("#code-button")
    page.locator("#error").wait_for(state="visible", timeout=WAIT)
    assert "text" in page.inner_text("#error") and "HTTP 422" in page.inner_text("#error")
    assert page.is_visible("#code-form")


def test_markup_in_an_article_is_shown_not_run(page: Any) -> None:
    text = ("Russia accused Ukraine of shelling the plant on Monday. "
            "<img src=x onerror=\"window.__owned=1\"><script>window.__owned=2</script>")
    page.fill("#text", text)
    page.fill("#date", "2022-08-08")
    page.click("#code-button")
    page.wait_for_selector("#code-events tbody tr", timeout=WAIT)
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert "<script>window.__owned=2</script>" in page.inner_text("#article-text")
    assert page.evaluate("window.__owned === undefined")
