"""Syndication de-duplication (tidings.dedup): identity, signatures, story clustering."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tidings import dedup

SAMPLE = resources.files("tidings") / "data" / "sample"


def corpus() -> list[dict[str, str]]:
    text = (SAMPLE / "corpus.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def truth() -> dict[str, str]:
    lines = (SAMPLE / "corpus_groups.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.split("\t") for line in lines if line.strip())


def test_story_clustering_on_sample_corpus_meets_target() -> None:
    rows = corpus()
    predicted = dedup.cluster([(r["id"], r["text"], r["title"]) for r in rows])
    scores = dedup.pairwise_scores(predicted, truth())
    assert scores.precision >= 0.95, scores
    assert scores.recall >= 0.95, scores


@pytest.mark.parametrize("threshold", [0.2, 0.3, 0.4, 0.5], ids=lambda t: f"t{t}")
def test_threshold_sits_inside_a_perfect_range(threshold: float) -> None:
    rows = corpus()
    predicted = dedup.cluster([(r["id"], r["text"], r["title"]) for r in rows], threshold)
    scores = dedup.pairwise_scores(predicted, truth())
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_independent_reports_of_one_event_stay_apart() -> None:
    rows = {r["id"]: r for r in corpus()}
    for a, b in [("c003", "c004"), ("c040", "c041"), ("c094", "c095"), ("c105", "c106")]:
        sim = dedup.minhash(rows[a]["text"], rows[a]["title"]).jaccard(
            dedup.minhash(rows[b]["text"], rows[b]["title"]))
        assert sim < dedup.THRESHOLD, (a, b, sim)


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        ("https://a.example/x", "anything", "https://a.example/x"),
        ("  https://a.example/x ", "anything", "https://a.example/x"),
        (None, "Same words.", dedup.article_key(None, "same   WORDS")),
        ("", "Same words.", dedup.article_key(None, "Same words!")),
    ],
    ids=["url", "url-stripped", "text-normalised", "empty-url-uses-text"],
)
def test_article_key(url: str | None, text: str, expected: str) -> None:
    assert dedup.article_key(url, text) == expected


def test_text_keys_differ_for_different_text() -> None:
    assert dedup.article_key(None, "one text") != dedup.article_key(None, "another text")


def test_signature_survives_storage() -> None:
    sig = dedup.minhash("Headline\nThe body of the story goes on for a while here.", "Headline")
    back = dedup.minhash_from_bytes(dedup.minhash_to_bytes(sig))
    assert back.jaccard(sig) == 1.0


def test_headline_is_not_compared() -> None:
    body = "\n".join(f"Paragraph {i} says something about the summit talks." for i in range(8))
    one = dedup.minhash(f"Leaders meet\n{body}", "Leaders meet")
    two = dedup.minhash(f"Summit opens amid tension\n{body}", "Summit opens amid tension")
    assert one.jaccard(two) == 1.0


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ({"a": "1", "b": "1", "c": "2"}, (1.0, 1.0)),
        ({"a": "1", "b": "2", "c": "3"}, (1.0, 0.0)),
        ({"a": "1", "b": "1", "c": "1"}, (1 / 3, 1.0)),
    ],
    ids=["exact", "all-apart", "all-together"],
)
def test_pairwise_scores(predicted: dict[str, str], expected: tuple[float, float]) -> None:
    scores = dedup.pairwise_scores(predicted, {"a": "g1", "b": "g1", "c": "g2"})
    assert (scores.precision, scores.recall) == pytest.approx(expected)


def test_story_index_joins_the_earliest_story() -> None:
    index = dedup.StoryIndex()
    text = "Body\n" + " ".join(f"word{i}" for i in range(200))
    sig = dedup.minhash(text)
    assert index.assign("first", sig) == ("first", None)
    story, similarity = index.assign("second", sig)
    assert story == "first" and similarity == 1.0
    assert index.assign("first", sig) == ("first", None)  # already known: unchanged
