"""The whole pipeline on the canonical seed article and on small hand-written cases (#2)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tidings import io as tio
from tidings.records import Article, CodedArticle, Event

SEED_DATE = dt.date(2022, 6, 15)


@pytest.fixture(scope="module")
def seed(pipeline, shared: Path) -> CodedArticle:  # type: ignore[no-untyped-def]
    items = list(tio.read_articles([shared / "seed" / "000_cf4130f4cd584bf7.txt"],
                                   date=SEED_DATE))
    assert isinstance(items[0], Article)
    return pipeline.code(items[0])


def _country(event: Event, side: str) -> str | None:
    mention = event.source if side == "source" else event.target
    if mention is None:
        return None
    return mention.actor.country or mention.actor.org


def _dyads(coded: CodedArticle) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, _country(e, "source"), _country(e, "target")) for e in coded.events}


def test_pipeline_seed_call_is_consult_phone_on_publication_day(seed: CodedArticle) -> None:
    calls = [e for e in seed.events if e.type == "CONSULT" and e.trigger.text == "call"]
    assert calls
    first = calls[0]
    assert {_country(first, "source"), _country(first, "target")} == {"CHN", "RUS"}
    assert first.mode == "phone"
    assert first.date.date == SEED_DATE and first.date.method == "weekday"


def test_pipeline_seed_invasion_dated_february_24(seed: CodedArticle) -> None:
    invasions = [e for e in seed.events if e.type == "ASSAULT" and
                 (_country(e, "source"), _country(e, "target")) == ("RUS", "UKR")]
    assert any(e.date.date == dt.date(2022, 2, 24) and e.date.method == "explicit"
               for e in invasions)


@pytest.mark.parametrize("dyad", [
    ("THREATEN", "EU", "CHN"), ("THREATEN", "USA", "CHN"), ("COOPERATE", "CHN", "RUS"),
])
def test_pipeline_seed_has(seed: CodedArticle, dyad: tuple[str, str, str]) -> None:
    found = _dyads(seed)
    assert dyad in found or (dyad[0], dyad[2], dyad[1]) in found


def test_pipeline_seed_support_or_agree_chn_rus(seed: CodedArticle) -> None:
    assert _dyads(seed) & {("SUPPORT", "CHN", "RUS"), ("AGREE", "CHN", "RUS")}


def test_pipeline_seed_bridge_is_cooperation(seed: CodedArticle) -> None:
    bridge = [e for e in seed.events if "bridge" in e.trigger.text]
    assert [e.type for e in bridge] == ["COOPERATE"]
    assert bridge[0].date.date == dt.date(2022, 6, 8) and bridge[0].date.precision == "week"


@pytest.mark.parametrize("forbidden", [
    ("ACCUSE", "CHN", "RUS"), ("SANCTION", "CHN", "RUS"), ("SANCTION", "IND", "RUS"),
    ("COERCE", "CHN", "RUS"), ("COERCE", "IND", "RUS"),
])
def test_pipeline_seed_negated_events_are_not_coded(seed: CodedArticle,
                                                    forbidden: tuple[str, str, str]) -> None:
    assert forbidden not in _dyads(seed)


def test_pipeline_seed_non_events_explain_the_negations(seed: CodedArticle) -> None:
    reasons = {(n.type, n.trigger.text): n.reason for n in seed.non_events}
    assert ("ACCUSE", "condemn") in reasons
    assert "refused" in reasons[("ACCUSE", "condemn")]


def test_pipeline_every_event_has_provenance(seed: CodedArticle) -> None:
    text = seed.article.text
    for event in seed.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert event.method.startswith("rule:")
        for mention in (event.source, event.target):
            if mention is not None:
                assert text[mention.span.start:mention.span.end] == mention.span.text


@pytest.mark.parametrize(("text", "expected"), [
    ("Did not meet", None),
    ("Israel and Hamas did not agree to a truce on Sunday.", None),
    ("It was unclear whether Beijing would send weapons to Moscow.", None),
    ("Russia will attack Ukraine again this winter.", ("THREATEN", "RUS", "UKR")),
    ("China is willing to intensify cooperation with Russia.", ("AGREE", "CHN", "RUS")),
    ("Police arrested dozens of protesters in Caracas on Friday.", ("COERCE", None, None)),
], ids=["fragment", "negated-agree", "hypothetical-send", "intent-conflict", "intent-coop",
        "arrest"])
def test_pipeline_small_cases(pipeline, text: str,  # type: ignore[no-untyped-def]
                              expected: tuple[str, str | None, str | None] | None) -> None:
    coded = pipeline.code(Article(id="t", text=text, date=dt.date(2023, 5, 10)))
    if expected is None:
        assert coded.events == ()
        return
    assert expected[0] in {e.type for e in coded.events}
    if expected[1]:
        assert expected in _dyads(coded)


def test_pipeline_no_publication_date_gives_null_dates_and_a_warning(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = pipeline.code(Article(id="t", text="Xi Jinping called Vladimir Putin on Wednesday."))
    assert coded.events and all(e.date.date is None for e in coded.events)
    assert [w.code for w in coded.warnings] == ["no_publication_date"]


@pytest.mark.parametrize(("published", "text"), [
    (dt.date.min, "Xi Jinping called Vladimir Putin last week and will visit him next year."),
    (dt.date.min, "Xi Jinping said on Monday he had called Putin in December."),
    (dt.date.max, "Xi Jinping will visit Vladimir Putin next year, he said on Monday."),
    (dt.date.max, "Xi Jinping will meet Vladimir Putin in January, he said next week."),
])
def test_pipeline_dates_at_the_ends_of_the_calendar_never_crash(  # type: ignore[no-untyped-def]
        pipeline, published: dt.date, text: str) -> None:
    """A publication date of year 1 or 9999 leaves out-of-calendar dates null (CI finding)."""
    coded = pipeline.code(Article(id="t", text=text, date=published))
    assert coded.events
    for event in coded.events:
        assert event.date.date is None or dt.date.min <= event.date.date <= dt.date.max


def test_pipeline_reference_scorer_on_seed(shared: Path) -> None:
    """The bar of #2: the reference scorer gives recall 1.0 and precision >= 0.8."""
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(shared / "eval" / "seed.jsonl"),
         "--tidings", f"{sys.executable} -m tidings"],
        capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    match = re.search(r"^F1=([\d.]+) P=([\d.]+) R=([\d.]+)$", proc.stdout, re.M)
    assert match, proc.stdout
    f1, precision, recall = map(float, match.groups())
    assert recall == 1.0 and precision >= 0.8, proc.stdout
