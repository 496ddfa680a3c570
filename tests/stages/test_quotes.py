"""Quotes (#4): quote marks, speakers resolved to actors, and the channels they came through."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tidings.records import Article, Quote
from tidings.stages.quotes import quote_spans

D = dt.date(2022, 6, 15)


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we will win" today.', ["we will win"]),
    ("He said “we will win” today.", ["we will win"]),
    ("Xi backs Russia on 'sovereignty, security'", ["sovereignty, security"]),
    ("Russia's war and the leaders' call", []),
    ("They called it ‘a shame’.", ["a shame"]),
    ('"We are ready," he said, "to talk."', ["We are ready", "to talk."]),
    ('"The so-called \'deal\' failed," he said.', ["The so-called 'deal' failed"]),
], ids=["straight", "curly", "single-headline", "apostrophes", "curly-single", "split",
        "nested"])
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == expected


def _quotes(pipeline: Any, text: str) -> list[Quote]:
    return list(pipeline.code(Article(id="t", text=text, date=D)).quotes)


def _find(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.span.text]
    assert found, f"no quote with {fragment!r} in {[q.span.text for q in quotes]}"
    return found[0]


CASES = [
    ("said-after", 'Russia "will not back down," Vladimir Putin said on Friday.',
     "will not back down", "Vladimir Putin", []),
    ("according-to", 'Xi Jinping praised the "good momentum" of ties, according to CCTV.',
     "good momentum", "Xi Jinping", ["CCTV"]),
    ("as-saying", 'China is "willing to help," state broadcaster CCTV reported Xi Jinping as '
     'saying.', "willing to help", "Xi Jinping", ["CCTV"]),
    ("reportedly-carries-channel",
     'According to CCTV, Xi Jinping praised the "good momentum". Beijing was ready to "deepen '
     'coordination", Xi reportedly said.', "deepen coordination", "Xi Jinping", ["CCTV"]),
    ("he-added", 'Joe Biden said the strikes were "a clear message". "We will not hesitate," he '
     'added.', "We will not hesitate", "Joe Biden", []),
    ("split-quote", '"We are ready," Emmanuel Macron said, "to talk to anyone."',
     "to talk to anyone", "Emmanuel Macron", []),
    ("nested-channel", 'Kim Jong Un said the country would respond "with all-out '
     'confrontation", the official Korean Central News Agency (KCNA) reported.',
     "all-out confrontation", "Kim Jong Un", ["Korean Central News Agency"]),
    ("relative-clause", 'Xi Jinping, who has described Vladimir Putin as an "old friend", '
     'invited him to Beijing.', "old friend", "Xi Jinping", []),
    ("spokesman", 'UN Secretary-General Antonio Guterres called for "maximum restraint", his '
     'spokesman said.',
     "maximum restraint", "Antonio Guterres", ["spokesman"]),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "via"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_speaker_and_channels(pipeline: Any, text: str, fragment: str, speaker: str,
                              via: list[str]) -> None:
    quote = _find(_quotes(pipeline, text), fragment)
    assert quote.speaker is not None, f"no speaker for {fragment!r}"
    assert quote.speaker.person == speaker
    names = " | ".join(f"{v.name} {v.span.text if v.span else ''}" for v in quote.via)
    for channel in via:
        assert channel in names, f"{channel!r} not among channels {names!r}"
    if not via:
        assert quote.via == ()


def test_quote_json_shape(pipeline: Any) -> None:
    from tidings.serialize import article_json

    text = 'Russia "will not back down," Vladimir Putin said, according to TASS.'
    out = article_json(pipeline.code(Article(id="t", text=text, date=D)))
    quote = out["quotes"][0]
    assert set(quote) >= {"text", "start", "end", "speaker", "via", "sentence"}
    assert text[quote["start"]:quote["end"]] == quote["text"]
    assert quote["speaker"]["person"] == "Vladimir Putin"
