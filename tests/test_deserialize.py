"""JSON back to records (tidings.deserialize): the exact inverse of serialize.article_json."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest

from tidings.deserialize import article_record_json, coded_article_from_json
from tidings.pipeline import Pipeline
from tidings.records import Article, CodedArticle
from tidings.serialize import article_json

CORPUS = resources.files("tidings") / "data" / "sample" / "corpus.jsonl"
SAMPLE = resources.files("tidings") / "data" / "sample" / "sample_article.txt"


@pytest.fixture(scope="module")
def corpus(pipeline: Pipeline) -> list[CodedArticle]:
    from tidings import io as tio

    items = list(tio.read_articles([str(CORPUS)]))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) == len(items)
    return list(pipeline.pipe(articles))


@pytest.fixture(scope="module")
def singles(pipeline: Pipeline, shared: Path) -> dict[str, CodedArticle]:
    seed = shared / "seed" / "000_cf4130f4cd584bf7.txt"
    return {
        "seed": pipeline.code(Article(id="seed", text=seed.read_text(encoding="utf-8").strip(),
                                      date=dt.date(2023, 10, 12))),
        "sample": pipeline.code(Article(id="sample", text=SAMPLE.read_text(encoding="utf-8"),
                                        date=dt.date(2023, 10, 12))),
        "no-date": pipeline.code(Article(id="nd", text="Japan protested to North Korea on "
                                         "Monday over a missile launch.")),
    }


def _round_trip(coded: CodedArticle) -> None:
    once = article_json(coded)
    # through a JSON string, as it travels in Parquet
    again = coded_article_from_json(json.loads(json.dumps(once)))
    assert article_json(again) == once


@pytest.mark.parametrize("name", ["seed", "sample", "no-date"])
def test_round_trip_single_articles(singles: dict[str, CodedArticle], name: str) -> None:
    _round_trip(singles[name])


def test_round_trip_whole_sample_corpus(corpus: list[CodedArticle]) -> None:
    for coded in corpus:
        _round_trip(coded)
    # the corpus exercises every part of the contract
    jsons = [article_json(c) for c in corpus]
    events = [e for a in jsons for e in a["events"]]
    assert events and any(a["quotes"] for a in jsons) and any(a["non_events"] for a in jsons)
    assert any(e["attribution"] for e in events) and any(e["mentions"] for e in events)
    assert any(e["location"] for e in events) and any(e["date_text"] for e in events)


def test_record_json_keeps_text_source_and_actor_mentions(corpus: list[CodedArticle]) -> None:
    for coded in corpus:
        back = coded_article_from_json(json.loads(json.dumps(article_record_json(coded))))
        assert back.article == coded.article
        assert back.mentions == coded.mentions
        assert [e.source for e in back.events] == [e.source for e in coded.events]
        assert [e.target for e in back.events] == [e.target for e in coded.events]
        assert back.warnings == coded.warnings
        assert [(q.speaker, q.speaker_span) for q in back.quotes] == \
            [(q.speaker, q.speaker_span) for q in coded.quotes]


def test_contract_alone_gives_an_article_without_text() -> None:
    back = coded_article_from_json({"id": "x", "title": None, "date": None, "url": None,
                                    "outlet": None, "byline": None, "events": []})
    assert back.article == Article(id="x", text="")
    assert back.events == () and back.mentions == ()
