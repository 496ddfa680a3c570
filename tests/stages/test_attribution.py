"""Attribution chains, modality, merging of repeated events, datelines and anachronisms (#4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tidings.records import (
    Actor,
    Article,
    DateRef,
    Event,
    Mention,
    Span,
    Trigger,
)
from tidings.stages.dateline import find_dateline
from tidings.stages.merge import dates_compatible, merge_events, same_event

D = dt.date(2022, 6, 15)


def _code(pipeline: Any, text: str) -> Any:
    return pipeline.code(Article(id="t", text=text, date=D))


def _event(coded: Any, trigger: str) -> Event:
    found = [e for e in coded.events if e.trigger.text == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger.text for e in coded.events]}"
    return found[0]


ATTRIBUTION = [
    ("asserted", "Russia invaded Ukraine on February 24.", "invaded", [], "asserted"),
    ("according-to", "Russia invaded Ukraine on February 24, according to Reuters.", "invaded",
     ["Reuters"], "reported"),
    ("said-that", "Joe Biden said that Russia invaded Ukraine.", "invaded", ["Joe Biden"],
     "reported"),
    ("nested-told-according",
     "Xi Jinping told Vladimir Putin that Beijing would keep backing Moscow, according to state "
     "media.", "backing", ["Xi Jinping", "state media"], "intended"),
    ("quoted-as-saying",
     'China is "willing to offer support to Russia," state broadcaster CCTV reported Xi Jinping '
     "as saying.", "support", ["Xi Jinping", "CCTV"], "intended"),
    ("alleged", "China has been accused of providing diplomatic cover for Russia.", "cover", [],
     "alleged"),
    ("conditional", "The European Union warned that any backing for Russia would damage ties "
     "with China.", "warned", [], "conditional"),
]


@pytest.mark.parametrize(("text", "trigger", "chain", "modality"),
                         [c[1:] for c in ATTRIBUTION], ids=[c[0] for c in ATTRIBUTION])
def test_attribution_and_modality(pipeline: Any, text: str, trigger: str, chain: list[str],
                                  modality: str) -> None:
    event = _event(_code(pipeline, text), trigger)
    names = [a.name for a in event.attribution]
    assert len(names) == len(chain), names
    for want, have in zip(chain, names, strict=True):
        assert want in have, f"chain {names}, expected {chain} (innermost speaker first)"
    assert event.modality == modality


def _mention(country: str) -> Mention:
    return Mention(Span(country, 0, 3), Actor(country, country, None, None, country), 0)


def _ev(n: int, type_: str, lemma: str, src: str, tgt: str, date: DateRef) -> Event:
    trigger = Trigger(lemma, n * 10, n * 10 + len(lemma))
    return Event(f"e{n}", type_, None, (), "000", 0.0, _mention(src), _mention(tgt), date, n,
                 f"sentence {n}", lemma, trigger, "asserted", f"rule:noun:{lemma}")


PUB = DateRef(D, "day", "publication")
DAY = DateRef(dt.date(2022, 2, 24), "day", "explicit")
OTHER_DAY = DateRef(dt.date(2022, 3, 2), "day", "explicit")
FEB = DateRef(dt.date(2022, 2, 1), "month", "explicit")

MERGE = [
    ("same-call", _ev(1, "CONSULT", "call", "CHN", "RUS", PUB),
     _ev(2, "CONSULT", "call", "CHN", "RUS", PUB), True),
    ("symmetric-swap", _ev(1, "CONSULT", "call", "CHN", "RUS", PUB),
     _ev(2, "CONSULT", "call", "RUS", "CHN", PUB), True),
    ("directed-swap", _ev(1, "ASSAULT", "invasion", "RUS", "UKR", PUB),
     _ev(2, "ASSAULT", "invasion", "UKR", "RUS", PUB), False),
    ("other-trigger", _ev(1, "AGREE", "backing", "CHN", "RUS", PUB),
     _ev(2, "AGREE", "coordination", "CHN", "RUS", PUB), False),
    ("other-type", _ev(1, "AGREE", "call", "CHN", "RUS", PUB),
     _ev(2, "CONSULT", "call", "CHN", "RUS", PUB), False),
    ("day-in-month", _ev(1, "ASSAULT", "invasion", "RUS", "UKR", DAY),
     _ev(2, "ASSAULT", "invasion", "RUS", "UKR", FEB), True),
    ("two-days", _ev(1, "ASSAULT", "invasion", "RUS", "UKR", DAY),
     _ev(2, "ASSAULT", "invasion", "RUS", "UKR", OTHER_DAY), False),
]


@pytest.mark.parametrize(("a", "b", "same"), [c[1:] for c in MERGE], ids=[c[0] for c in MERGE])
def test_same_event(a: Event, b: Event, same: bool) -> None:
    assert same_event(a, b) is same
    assert len(merge_events([a, b])) == (1 if same else 2)


def test_merge_keeps_most_specific_date_and_every_mention() -> None:
    first = _ev(1, "ASSAULT", "invasion", "RUS", "UKR", PUB)
    dated = _ev(2, "ASSAULT", "invasion", "RUS", "UKR", DAY)
    (merged,) = merge_events([first, dated])
    assert merged.date == DAY
    assert [m.sentence for m in merged.mentions] == [1, 2]
    assert dates_compatible(PUB, DAY)


@pytest.mark.parametrize(("text", "place", "agency"), [
    ("Headline\nBEIJING (Reuters) - China said on Monday ...", "Beijing", "Reuters"),
    ("Headline\nBeijing (AFP) - China said ...", "Beijing", "AFP"),
    ("Headline\nWASHINGTON, Jan 5 (Reuters) - The United States ...", "Washington", "Reuters"),
    ("Headline\nKYIV, Ukraine (AP) — Russian forces ...", "Kyiv, Ukraine", "AP"),
    ("Headline\nChina (the country) said ...", None, None),
    ("Headline\nXi told Putin ...", None, None),
    ("Headline\nNAIROBI - Police said on Monday ...", "Nairobi", None),
    ("Headline\nBEIRUT, Lebanon — Hezbollah fired rockets.", "Beirut, Lebanon", None),
    ("Headline\nOfficials - at least three - said ...", None, None),
    ("Headline\nChina: the country said ...", None, None),
], ids=["reuters", "afp", "with-date", "with-country", "no-dash", "none", "capitals-no-agency",
        "capitals-region-no-agency", "mixed-case-no-agency", "colon-mixed-case"])
def test_dateline(text: str, place: str | None, agency: str | None) -> None:
    found = find_dateline(text)
    assert (found.place if found else None) == place
    assert (found.agency if found else None) == agency


def test_dateline_in_article_json(pipeline: Any) -> None:
    from tidings.serialize import article_json

    text = "China backs Russia\nBEIJING (Reuters) - China will keep backing Russia, Xi said."
    coded = pipeline.code(Article(id="t", text=text, title="China backs Russia", date=D,
                                  outlet="The Times"))
    out = article_json(coded)
    assert (out["dateline"], out["agency"], out["outlet"]) == ("Beijing", "Reuters", "The Times")


@pytest.mark.parametrize(("text", "warned"), [
    ("Xi also invited Putin to the opening ceremony of the Winter Olympics in early February.",
     True),
    ("Xi had invited Putin to the opening ceremony of the Winter Olympics in early February.",
     False),
    ("Xi invited Putin to the opening ceremony of the Winter Olympics in early June.", False),
], ids=["news", "past-perfect", "recent"])
def test_anachronism(pipeline: Any, text: str, warned: bool) -> None:
    codes = [w.code for w in _code(pipeline, text).warnings]
    assert ("anachronism" in codes) is warned
