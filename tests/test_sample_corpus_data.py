"""Integrity checks for the bundled sample corpus used by ``tidings demo``.

The corpus is hand-written data, so these tests guard its shape and the
de-duplication truth file rather than any pipeline behaviour.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter, defaultdict
from importlib.resources import files
from typing import Any
from urllib.parse import urlparse

import pytest

SAMPLE = files("tidings") / "data" / "sample"
REQUIRED_FIELDS = ("id", "title", "date", "url", "outlet", "byline", "text")


def _articles() -> list[dict[str, Any]]:
    lines = (SAMPLE / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _groups() -> dict[str, str]:
    text = (SAMPLE / "corpus_groups.tsv").read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r and not r.startswith("#")]
    reader = csv.DictReader(rows, delimiter="\t")
    assert reader.fieldnames == ["id", "group"]
    return {row["id"]: row["group"] for row in reader}


def _members() -> dict[str, list[dict[str, Any]]]:
    groups = _groups()
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in _articles():
        members[groups[article["id"]]].append(article)
    return members


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def _containment(a: str, b: str) -> float:
    """Share of the smaller text's 5-word shingles found in the other."""
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / min(len(sa), len(sb))


ARTICLES = _articles()
ARTICLE_IDS = [a["id"] for a in ARTICLES]


@pytest.mark.parametrize(
    ("check", "minimum"),
    [
        pytest.param(lambda: len(ARTICLES), 80, id="articles"),
        pytest.param(lambda: len({a["outlet"] for a in ARTICLES}), 12, id="outlets"),
        pytest.param(
            lambda: sum(2 <= len(m) <= 4 for m in _members().values()), 9, id="syndicated-groups"
        ),
    ],
)
def test_corpus_size(check: Any, minimum: int) -> None:
    assert check() >= minimum


@pytest.mark.parametrize("article", ARTICLES, ids=ARTICLE_IDS)
def test_article_shape(article: dict[str, Any]) -> None:
    assert set(REQUIRED_FIELDS) <= set(article)
    assert all(isinstance(article[f], str) and article[f].strip() for f in REQUIRED_FIELDS)
    assert article["text"].split("\n", 1)[0] == article["title"]
    assert 150 <= len(article["text"].split()) <= 500
    assert dt.date(2022, 1, 1) <= dt.date.fromisoformat(article["date"]) <= dt.date(2025, 12, 31)
    url = urlparse(article["url"])
    assert url.scheme == "https"
    assert url.hostname is not None and url.hostname.endswith(".example")


@pytest.mark.parametrize("field", ["id", "url", "text"])
def test_field_is_unique(field: str) -> None:
    counts = Counter(a[field] for a in ARTICLES)
    assert [v for v, n in counts.items() if n > 1] == []


def test_each_outlet_has_one_domain() -> None:
    domains: dict[str, set[str]] = defaultdict(set)
    for article in ARTICLES:
        domains[article["outlet"]].add(urlparse(article["url"]).hostname or "")
    assert {o: d for o, d in domains.items() if len(d) != 1} == {}


def test_groups_file_covers_exactly_the_corpus() -> None:
    assert set(_groups()) == set(ARTICLE_IDS)


def test_no_group_larger_than_four() -> None:
    assert max(len(m) for m in _members().values()) <= 4


@pytest.mark.parametrize(
    "group",
    sorted(g for g, m in _members().items() if len(m) > 1),
)
def test_syndicated_copies_differ_in_outlet_url_title(group: str) -> None:
    members = _members()[group]
    for field in ("outlet", "url", "title"):
        assert len({a[field] for a in members}) == len(members), field


@pytest.mark.parametrize(
    "group",
    sorted(g for g, m in _members().items() if len(m) > 1),
)
def test_syndicated_copies_share_most_text(group: str) -> None:
    members = _members()[group]
    first = members[0]["text"]
    for other in members[1:]:
        assert _containment(first, other["text"]) >= 0.6


def test_articles_in_different_groups_are_distinct_texts() -> None:
    # Independent reports of one event are separate groups; they must not look
    # like copies, or the truth file would be wrong.
    groups = _groups()
    leaders = {}
    for article in ARTICLES:
        leaders.setdefault(groups[article["id"]], article)
    texts = [a["text"] for a in leaders.values()]
    worst = max(
        _containment(texts[i], texts[j])
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
    )
    assert worst < 0.2
