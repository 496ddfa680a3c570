"""Arguments of noun events found one level below the noun.

A noun event often names its doer and its target on the thing it moves, lifts or threatens
rather than on itself: "the supply of Russian jets to Iran" (Russia supplies), "the easing of
US sanctions on Venezuela" (the US eases, towards Venezuela), "the expulsion of Polish
diplomats by Russia" (the parse hangs "by" on the diplomats), "the restoration of ties between
Riyadh and Tehran" (the pair restores). A promised response names its target through the event
it answers ("vowed a response to the Russian strike"). The thing lifted or threatened is not
an event of its own ("the threat of tariffs" is no tariff).

Expected triples are (type, source code prefix, target code prefix); a None prefix accepts any
actor (or none) in that role. The tables run the real pipeline (parse, actors, events).
"""

from __future__ import annotations

import datetime as dt

import pytest

from stages.event_cases import Expected, matches, triples
from tidings.pipeline import Pipeline
from tidings.records import Article, Event

PUBLISHED = dt.date(2024, 5, 1)


def _code(pipeline: Pipeline, sentence: str) -> list[Event]:
    return pipeline.code(Article(id="t", text=sentence, date=PUBLISHED)).events


PRESENT = [
    pytest.param("The supply of Russian jets to Iran worried Israel.",
                 ("AID", "RUS", "IRN"), id="aid-owner-of-supplied-jets"),
    pytest.param("The delivery of German tanks to Ukraine was delayed again.",
                 ("AID", "DEU", "UKR"), id="aid-owner-of-delivered-tanks"),
    pytest.param("The deployment of Chinese troops near the border alarmed India.",
                 ("MOBILIZE", "CHN", None), id="mobilize-owner-of-deployed-troops"),
    pytest.param("The expulsion of Polish diplomats by Russia angered Warsaw.",
                 ("SANCTION", "RUS", "POL"), id="sanction-by-phrase-on-the-object"),
    pytest.param("The detention of a French journalist by Iranian authorities angered Paris.",
                 ("COERCE", "IRN", None), id="coerce-by-phrase-on-the-object"),
    pytest.param("The easing of US sanctions on Venezuela was announced on Friday.",
                 ("CONCEDE", "USA", "VEN"), id="concede-eased-sanctions-owner-and-target"),
    pytest.param("Markets fell on the threat of US tariffs on China.",
                 ("THREATEN", "USA", "CHN"), id="threaten-threatened-tariffs"),
    pytest.param("China brokered the restoration of ties between Saudi Arabia and Iran.",
                 ("SUPPORT", "SAU", "IRN"), id="support-ties-between-pair"),
    pytest.param("Saudi Arabia and Iran agreed on the restoration of ties between the two "
                 "countries.", ("AGREE", "IRN", "SAU"), id="agree-restoration-both-ways"),
    pytest.param("Ukraine vowed a 'severe' response to the Russian strike.",
                 ("THREATEN", "UKR", "RUS"), id="threaten-response-to-owned-strike"),
    pytest.param("Kyiv vowed a severe response to the Russian missile attack on Odesa.",
                 ("THREATEN", "UKR", "RUS"), id="threaten-response-to-owned-attack"),
]


@pytest.mark.parametrize(("sentence", "expected"), PRESENT)
def test_nested_argument_found(pipeline: Pipeline, sentence: str, expected: Expected) -> None:
    events = _code(pipeline, sentence)
    found = triples(events)
    assert any(matches(e, expected) for e in events), found


ABSENT = [
    pytest.param("The easing of US sanctions on Venezuela was announced on Friday.",
                 "SANCTION", id="eased-sanctions-are-not-imposed"),
    pytest.param("The threat of American tariffs on Chinese steel rattled markets.",
                 "SANCTION", id="threatened-tariffs-are-not-imposed"),
    pytest.param("The deployment of new software across government offices was delayed.",
                 "MOBILIZE", id="software-deployment"),
    pytest.param("The supply of fresh water to the city was restored on Monday.",
                 "AID", id="water-supply-to-a-city"),
    pytest.param("The expulsion of students by the university drew protests from parents.",
                 "SANCTION", id="students-expelled-by-a-university"),
]


@pytest.mark.parametrize(("sentence", "type_"), ABSENT)
def test_no_event_of_type(pipeline: Pipeline, sentence: str, type_: str) -> None:
    events = _code(pipeline, sentence)
    assert not [e for e in events if e.type == type_], [(e.type, e.cameo) for e in events]


def test_broker_is_not_a_party_to_restored_ties(pipeline: Pipeline) -> None:
    sentence = "China brokered the restoration of ties between Saudi Arabia and Iran."
    events = _code(pipeline, sentence)
    restored = [e for e in events if e.method == "rule:noun:restoration"]
    assert restored and all(e.source is not None and not e.source.actor.code.startswith("CHN")
                            for e in restored), [(e.type, e.source) for e in restored]
