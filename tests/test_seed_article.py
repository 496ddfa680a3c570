"""The seed article end to end (#4): who says so, background, anachronism, merged mentions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tidings.io import read_articles
from tidings.records import Article, CodedArticle
from tidings.serialize import article_json

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_cf4130f4cd584bf7.txt"


@pytest.fixture(scope="module")
def coded(pipeline: Any) -> CodedArticle:
    if not SEED.is_file():
        pytest.skip(f"seed article not present at {SEED}: development data lives outside the repo")
    (article,) = list(read_articles([SEED], date=dt.date(2022, 6, 15)))
    assert isinstance(article, Article)
    result: CodedArticle = pipeline.code(article)
    return result


def _xi_quotes(coded: CodedArticle) -> list[Any]:
    return [q for q in coded.quotes if q.speaker is not None
            and q.speaker.person == "Xi Jinping" and q.speaker.code == "CHNGOV"]


def test_quotes_attributed_to_xi(coded: CodedArticle) -> None:
    xi = _xi_quotes(coded)
    assert len(xi) >= 6, [q.span.text for q in coded.quotes]
    via_cctv = [q for q in xi if any(v.name == "CCTV" for v in q.via)]
    assert len(via_cctv) >= 4


def test_old_friend_is_xi(coded: CodedArticle) -> None:
    assert any(q.span.text == "old friend" for q in _xi_quotes(coded))


def test_anachronism_names_the_olympics_sentence(coded: CodedArticle) -> None:
    warnings = [w for w in coded.warnings if w.code == "anachronism"]
    assert len(warnings) == 1
    assert "Winter Olympics" in warnings[0].message and "invited" in warnings[0].message


def test_invasion_is_background(coded: CodedArticle) -> None:
    invasions = [e for e in coded.events if e.type == "ASSAULT" and e.trigger.text == "invasion"]
    assert invasions and all(e.background for e in invasions)
    assert invasions[0].date.date == dt.date(2022, 2, 24)


def test_one_consult_event_for_the_call(coded: CodedArticle) -> None:
    calls = [e for e in coded.events if e.type == "CONSULT" and e.trigger.text == "call"]
    assert len(calls) == 1
    assert len(calls[0].mentions) >= 2
    assert calls[0].date.date == dt.date(2022, 6, 15)


def test_attribution_of_the_promise(coded: CodedArticle) -> None:
    support = next(e for e in coded.events if e.trigger.text == "support")
    assert [a.name for a in support.attribution] == ["Xi Jinping", "CCTV"]
    assert support.modality == "intended"


def test_byline_and_outlet(coded: CodedArticle) -> None:
    out = article_json(coded)
    assert out["outlet"] == "TNT"
    assert out["byline"] and "Taylor" in out["byline"]
    assert out["dateline"] is None and out["agency"] is None


def test_non_events(coded: CodedArticle) -> None:
    out = article_json(coded)["non_events"]
    by_text = {n["text"]: n for n in out}
    assert by_text["condemn"]["type"] == "ACCUSE"
    assert "refused" in by_text["condemn"]["reason"]
    retaliation = [n for n in out if n["type"] in ("SANCTION", "COERCE")
                   and "retaliatory measures" in n["sentence"]]
    assert retaliation and "negat" in retaliation[0]["reason"]
