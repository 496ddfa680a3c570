"""Headline syntax: the parse of a headline (no final stop, the first line) is repaired before it
is coded. A comma-joined pair of names opens it as coordinated subjects ("China, US hold talks"),
and a word the parse read as a noun, an auxiliary or an object-verb stands where the verb must be
("Turkey snubs Sweden's NATO bid", "Turkey lifts veto", "North Korea fires missile over Japan").

Expected triples are (type, source code prefix, target code prefix); a None prefix accepts any
actor (or none) in that role. The table runs the real pipeline (parse, actors, events).
"""

from __future__ import annotations

import datetime as dt

import pytest

from stages.event_cases import Expected, matches
from tidings.pipeline import Pipeline
from tidings.records import Article, Event

PUBLISHED = dt.date(2024, 5, 1)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline.code(Article(id="h", text=text, date=PUBLISHED)).events)


PRESENT = [
    pytest.param("China, US hold talks on trade", ("CONSULT", "CHN", "USA"), id="comma-talks"),
    pytest.param("Russia, China hold joint naval drills", ("COOPERATE", "RUS", "CHN"),
                 id="comma-drills"),
    pytest.param("Kenya, Somalia agree to restore ties", ("AGREE", "KEN", "SOM"),
                 id="comma-agree"),
    pytest.param("Serbia, Kosovo strike deal on licence plates", ("AGREE", "SRB", "XKX"),
                 id="comma-bare-verb-as-noun"),
    pytest.param("Turkey snubs Sweden's NATO bid", ("REJECT", "TUR", "SWE"),
                 id="verb-as-noun-possessive-object"),
    pytest.param("Turkey lifts veto on Sweden's NATO bid", ("CONCEDE", "TUR", "SWE"),
                 id="verb-as-aux"),
    pytest.param("Protesters storm parliament in Lima", ("PROTEST", None, None),
                 id="plural-crowd-bare-verb"),
    pytest.param("North Korea test-fires ballistic missile", ("MOBILIZE", "PRK", None),
                 id="hyphen-verb"),
    pytest.param("Russia fires missiles at Kyiv", ("ASSAULT", "RUS", "UKR"),
                 id="verb-as-compound-needed-prep"),
    pytest.param("North Korea fires missile over Japan", ("MOBILIZE", "PRK", "JPN"),
                 id="object-read-as-verb"),
    pytest.param("Armenia mobilises troops on Azerbaijan border", ("MOBILIZE", "ARM", None),
                 id="verb-as-noun-mobilise"),
]

# The repair must leave alone what the parse already reads, and sentences with a stop.
ABSENT = [
    pytest.param("China, US hold talks on trade", ("CONSULT", "USA", "CHN"),
                 id="comma-not-reversed"),
    pytest.param("California fires kill three", ("ASSAULT", None, None),
                 id="noun-subject-before-trigger-verb"),
    pytest.param("The Turkey snubs report was shelved.", ("REJECT", None, None),
                 id="body-sentence-untouched"),
]


@pytest.mark.parametrize(("text", "expected"), PRESENT)
def test_headline_event_present(pipeline: Pipeline, text: str, expected: Expected) -> None:
    events = _events(pipeline, text)
    assert any(matches(e, expected) for e in events), [(e.type, e.method) for e in events]


@pytest.mark.parametrize(("text", "expected"), ABSENT)
def test_headline_event_absent(pipeline: Pipeline, text: str, expected: Expected) -> None:
    events = _events(pipeline, text)
    assert not any(matches(e, expected) for e in events), [(e.type, e.method) for e in events]


def test_headline_in_article_first_line_only(pipeline: Pipeline) -> None:
    text = "Turkey snubs Sweden's NATO bid\nAnkara said on Monday it would not approve it."
    events = _events(pipeline, text)
    assert any(matches(e, ("REJECT", "TUR", "SWE")) for e in events)
