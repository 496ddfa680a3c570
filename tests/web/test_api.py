"""The HTTP API against the real app, the real model and a real store (over HTTP, uvicorn)."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tidings import io as tio
from tidings.serialize import article_json

SAMPLE = Path(str(resources.files("tidings").joinpath("data", "sample", "sample_article.txt")))
SAMPLE_DATE = "2023-10-12"
pytestmark = pytest.mark.issue(6)


def _all_events(client: httpx.Client, params: dict[str, Any] | None = None,
                limit: int = 37) -> list[dict[str, Any]]:
    """Walk every page with the cursor."""
    out: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = client.get("/v1/events", params={**(params or {}), "limit": limit,
                                                **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["count"] == len(body["events"]) <= limit
        out += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return out
    raise AssertionError("pagination did not end")


# --------------------------------------------------------------------------- POST /v1/code


def test_code_matches_the_cli_output(client: httpx.Client, pipeline: Any) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    response = client.post("/v1/code", json={"text": text, "date": SAMPLE_DATE})
    assert response.status_code == 200, response.text
    got = response.json()
    article = next(iter(tio.read_articles([SAMPLE], date=dt.date(2023, 10, 12))))
    expected = article_json(pipeline.code(article))  # what `tidings code --format json` prints
    assert got["id"] == "article" and expected["id"] == "sample_article"
    assert got["text"] == article.text  # the offsets refer to this text
    def without_ids(article: dict[str, Any]) -> dict[str, Any]:
        # event ids hash the article id, which is the file name for the CLI
        events = [{k: v for k, v in e.items() if k != "id"} for e in article["events"]]
        return {**article, "id": None, "events": events}

    assert without_ids(got) == without_ids(expected) | {"text": article.text}
    assert len(got["events"]) >= 10


def test_code_offsets_point_into_the_returned_text(client: httpx.Client) -> None:
    body = client.post("/v1/code", json={"text": SAMPLE.read_text(), "date": SAMPLE_DATE}).json()
    for event in body["events"]:
        trigger = event["trigger"]
        assert body["text"][trigger["start"]:trigger["end"]] == trigger["text"]
        for side in ("source", "target"):
            if event[side] is not None:
                actor = event[side]
                assert body["text"][actor["start"]:actor["end"]] == actor["text"]


def test_code_accepts_an_article_object(client: httpx.Client) -> None:
    record = {"id": "a1", "title": "Russia and Ukraine sign grain deal",
              "text": "Russia and Ukraine signed a deal in Istanbul on Friday to reopen ports.",
              "date": "2022-07-22", "url": "https://example.org/grain", "outlet": "Example News",
              "extra_field": "ignored"}
    response = client.post("/v1/code", json=record)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["url"], body["outlet"], body["date"]) == (
        "a1", "https://example.org/grain", "Example News", "2022-07-22")
    assert body["text"].startswith("Russia and Ukraine sign grain deal\n")
    assert any(e["type"] == "AGREE" for e in body["events"])


@pytest.mark.parametrize(("body", "needle"), [
    pytest.param({"date": "2022-01-01"}, "text", id="missing-text"),
    pytest.param({"text": "   \n "}, "whitespace", id="blank-text"),
    pytest.param({"text": ""}, "text", id="empty-text"),
    pytest.param({"text": 42}, "text", id="text-not-string"),
    pytest.param({"text": "x", "date": "15/06/2022"}, "date", id="bad-date"),
    pytest.param([1, 2], "body", id="not-an-object"),
])
def test_code_rejects_bad_bodies(client: httpx.Client, error_of: Any, body: Any,
                                 needle: str) -> None:
    message = error_of(client.post("/v1/code", json=body), 422)["error"]
    assert needle in message


def test_code_rejects_malformed_json(client: httpx.Client, error_of: Any) -> None:
    response = client.post("/v1/code", content=b'{"text": ',
                           headers={"content-type": "application/json"})
    assert "JSON" in error_of(response, 422)["error"]


def test_sample_is_the_bundled_article(client: httpx.Client) -> None:
    body = client.get("/v1/sample").json()
    assert body == {"text": SAMPLE.read_text(encoding="utf-8"), "date": SAMPLE_DATE}


# --------------------------------------------------------------------------- GET /v1/events


def test_pagination_walks_every_event_once(client: httpx.Client, store: Any) -> None:
    events = _all_events(client)
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)) == store.counts()["events"]
    keys = [(e["date"] or "0001-01-01", e["id"]) for e in events]
    assert keys == sorted(keys, key=lambda k: (-dt.date.fromisoformat(k[0]).toordinal(), k[1]))


def test_events_have_the_contract_shape(client: httpx.Client) -> None:
    event = client.get("/v1/events", params={"limit": 1}).json()["events"][0]
    for key in ("id", "type", "cameo", "goldstein", "source", "target", "date", "sentence",
                "trigger", "modality", "attribution", "location", "story_id", "article_id",
                "n_articles", "n_outlets", "quad"):
        assert key in event
    assert set(event["trigger"]) == {"text", "start", "end"}
    assert "merge_key" not in event and "source_code" not in event


def _side(event: dict[str, Any], side: str) -> set[str]:
    actor = event[side] or {}
    return {actor.get("country"), actor.get("org"), actor.get("code")} - {None}


FILTERS = [
    pytest.param({"source": "CHN"}, lambda e: "CHN" in _side(e, "source"), id="source"),
    pytest.param({"target": "rus"}, lambda e: "RUS" in _side(e, "target"), id="target-lowercase"),
    pytest.param({"country": "UKR"}, lambda e: "UKR" in {
        (e["source"] or {}).get("country"), (e["target"] or {}).get("country"),
        (e["location"] or {}).get("country")}, id="country"),
    pytest.param({"type": "ASSAULT"}, lambda e: e["type"] == "ASSAULT", id="type"),
    pytest.param([("type", "AGREE"), ("type", "CONSULT")],
                 lambda e: e["type"] in {"AGREE", "CONSULT"}, id="two-types"),
    pytest.param({"from": "2022-03-01", "to": "2022-12-31"},
                 lambda e: e["date"] and "2022-03-01" <= e["date"] <= "2022-12-31", id="dates"),
    pytest.param({"q": "GRAIN"}, lambda e: "grain" in (e["sentence"] + e["text"]).lower(),
                 id="text-search"),
]


@pytest.mark.parametrize(("params", "holds"), FILTERS)
def test_filters_keep_only_matching_events(client: httpx.Client, params: Any, holds: Any) -> None:
    response = client.get("/v1/events", params=params | {"limit": 500} if isinstance(
        params, dict) else [*params, ("limit", "500")])
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert events, f"the test store should have events for {params}"
    assert all(holds(e) for e in events)


def test_story_filter(client: httpx.Client) -> None:
    story = client.get("/v1/events", params={"limit": 1}).json()["events"][0]["story_id"]
    events = client.get("/v1/events", params={"story": story, "limit": 500}).json()["events"]
    assert events and {e["story_id"] for e in events} == {story}


@pytest.mark.parametrize(("params", "needle"), [
    pytest.param({"limit": 501}, "limit", id="limit-too-big"),
    pytest.param({"limit": 0}, "limit", id="limit-zero"),
    pytest.param({"cursor": "not-a-cursor"}, "cursor", id="bad-cursor"),
    pytest.param({"from": "yesterday"}, "from", id="bad-date"),
    pytest.param({"type": "DANCE"}, "type", id="unknown-type"),
    pytest.param({"source": "CHN GOV"}, "source", id="bad-actor"),
    pytest.param({"country": "CHINA"}, "country", id="bad-country"),
])
def test_event_parameters_are_validated(client: httpx.Client, error_of: Any, params: Any,
                                        needle: str) -> None:
    assert needle in error_of(client.get("/v1/events", params=params), 422)["error"]


# --------------------------------------------------------------------------- summaries


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_timeline_matches_the_store(client: httpx.Client, store: Any, by: str) -> None:
    body = client.get(f"/v1/dyads/chn/RUS/timeline?by={by}").json()
    expected = store.dyad_timeline("CHN", "RUS", by=by)
    assert body["a"] == "CHN" and body["by"] == by and body["rows"]
    assert [(r["period"], r["type"], r["events"], r["goldstein"]) for r in body["rows"]] == [
        (p.isoformat(), t, n, g) for p, t, n, g in expected]
    assert {r["side"] for r in body["rows"]} <= {"cooperation", "conflict"}


def test_timeline_date_range_and_errors(client: httpx.Client, error_of: Any) -> None:
    rows = client.get("/v1/dyads/CHN/RUS/timeline",
                      params={"from": "2022-01-01", "to": "2022-12-31"}).json()["rows"]
    assert all(r["period"].startswith("2022") for r in rows)
    error_of(client.get("/v1/dyads/CHN/RUS/timeline?by=decade"), 422)
    error_of(client.get("/v1/dyads/CHN/RUS/timeline?from=2022-13-01"), 422)


def test_stats_add_up(client: httpx.Client, store: Any) -> None:
    body = client.get("/v1/stats").json()
    assert body["events"] == store.counts()["events"] == body["tables"]["events"]
    assert sum(t["events"] for t in body["by_type"]) == body["events"]
    countries = {c["country"]: c for c in body["by_country"]}
    assert countries["USA"]["numeric"] == "840" and countries["USA"]["name"] == "United States"
    assert body["top_dyads"] and body["top_dyads"][0]["events"] >= body["top_dyads"][-1]["events"]
    filtered = client.get("/v1/stats", params={"type": "ASSAULT"}).json()
    assert [t["type"] for t in filtered["by_type"]] == ["ASSAULT"]


def test_network_links_join_listed_nodes(client: httpx.Client) -> None:
    body = client.get("/v1/network", params={"limit": 10}).json()
    assert 0 < len(body["links"]) <= 10
    codes = {n["code"] for n in body["nodes"]}
    assert all(link["source"] in codes and link["target"] in codes for link in body["links"])


def test_actors_are_ranked_and_searchable(client: httpx.Client) -> None:
    actors = client.get("/v1/actors", params={"limit": 20}).json()["actors"]
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    assert all(a["events"] == a["as_source"] + a["as_target"] for a in actors)
    found = client.get("/v1/actors", params={"q": "russia"}).json()["actors"]
    assert found and all("russia" in (a["name"] or "").lower() or "russia" in a["code"].lower()
                         for a in found)


def test_story_has_articles_events_and_mentions(client: httpx.Client, store: Any,
                                                error_of: Any) -> None:
    _, rows = store.select("SELECT id FROM stories ORDER BY n_articles DESC, id LIMIT 1")
    story_id = rows[0][0]
    body = client.get("/v1/stories/" + quote(story_id, safe="")).json()
    assert body["id"] == story_id and body["articles"] and body["events"]
    assert len(body["articles"]) == body["n_articles"]
    assert all(e["story_id"] == story_id and e["mentions"] for e in body["events"])
    error_of(client.get("/v1/stories/no-such-story"), 404)


def test_health_docs_and_schema(client: httpx.Client) -> None:
    assert client.get("/v1/health").json()["db"] is True
    schema = client.get("/openapi.json").json()
    assert {"/v1/code", "/v1/events", "/v1/dyads/{a}/{b}/timeline", "/v1/actors",
            "/v1/stories/{story_id}", "/v1/stats"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_pages_load_only_local_assets(client: httpx.Client, path: str) -> None:
    """No CDN: every script and stylesheet comes from this server."""
    html = client.get(path).text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for asset in ("/static/vendor/vega.min.js", "/static/vendor/vega-lite.min.js",
                  "/static/vendor/vega-embed.min.js", "/static/vendor/countries-110m.json",
                  "/static/vendor/swagger-ui.css", "/static/app.js", "/static/charts.js"):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize(("method", "path", "status"), [
    pytest.param("GET", "/v2/nothing", 404, id="unknown-path"),
    pytest.param("DELETE", "/v1/events", 405, id="wrong-method"),
    pytest.param("GET", "/static/missing.js", 404, id="missing-static"),
])
def test_errors_have_one_shape(client: httpx.Client, error_of: Any, method: str, path: str,
                               status: int) -> None:
    error_of(client.request(method, path), status)


def test_without_a_database_the_corpus_routes_say_how_to_get_one(serve_app: Any,
                                                                 error_of: Any) -> None:
    from tidings.web.app import create_app

    with serve_app(create_app(db=None, token=None, max_body=1000)) as url:
        response = httpx.get(url + "/v1/events")
        assert "--db" in error_of(response, 503)["error"]
        assert httpx.get(url + "/v1/health").json()["db"] is False


def test_the_schema_lists_every_plover_type() -> None:
    from typing import get_args

    from tidings.ontology import PLOVER_TYPES
    from tidings.web.app import EventType

    assert get_args(EventType) == PLOVER_TYPES
