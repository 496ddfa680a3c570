"""One event, many mentions: merge the repeats of an event within an article (issue #4).

Two coded events are the same event when all of these hold:

* the same PLOVER type;
* the same dyad at country level (``actor.country or actor.org`` of source and of target;
  CONSULT and COOPERATE are symmetric, so a swapped pair also counts);
* the same trigger lemma (the rule in ``method``: ``rule:noun:call``) - "backing" and
  "coordination" are both AGREE China->Russia but are two different commitments, so a different
  word keeps events apart;
* compatible dates: a publication-date fallback fits any date, otherwise the two dates' ranges
  (day, week, month, year) must overlap.

The merged event takes its fields from the mention with the most specific date (an explicit day
beats a month, any real date beats the publication fallback; the first mention breaks ties) and
keeps the position of its first mention. ``mentions`` lists every mention in text order; an event
that is not merged still carries its own single mention.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from tidings.records import DateRef, Event, EventMention, Mention
from tidings.stages.dates import shift_days

SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


def mention_of(event: Event) -> EventMention:
    """The place in the text an event was coded from."""
    return EventMention(event.sentence, event.sentence_text, event.text, event.trigger)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Merge repeated mentions of the same event; order follows each event's first mention."""
    groups: list[list[Event]] = []
    for event in events:
        group = next((g for g in groups if all(same_event(event, other) for other in g)), None)
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    return [_combine(group) for group in groups]


def same_event(a: Event, b: Event) -> bool:
    """Whether two coded events report the same happening (see the module docstring)."""
    if a.type != b.type or _lemma(a) != _lemma(b) or not dates_compatible(a.date, b.date):
        return False
    pair_a, pair_b = (_party(a.source), _party(a.target)), (_party(b.source), _party(b.target))
    if pair_a == pair_b:
        return True
    return a.type in SYMMETRIC and pair_a == pair_b[::-1]


def dates_compatible(a: DateRef, b: DateRef) -> bool:
    if a.method in ("publication", "none") or b.method in ("publication", "none"):
        return True
    if a.date is None or b.date is None:
        return True
    (a0, a1), (b0, b1) = date_range(a), date_range(b)
    return a0 <= b1 and b0 <= a1


def date_range(ref: DateRef) -> tuple[dt.date, dt.date]:
    """The first and last day a date of some precision may stand for."""
    day = ref.date
    assert day is not None
    if ref.precision == "week":
        return day, shift_days(day, 6)
    if ref.precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if ref.precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def _lemma(event: Event) -> str:
    # the head word: "a phone call" and "the call", "air strikes" and "the strikes" match
    return event.method.rsplit(":", 1)[-1].split()[-1]


def _party(mention: Mention | None) -> str:
    if mention is None:
        return ""
    actor = mention.actor
    return actor.country or actor.org or actor.code


def _specificity(event: Event) -> int:
    if event.date.method in ("publication", "none") or event.date.date is None:
        return 9
    return _PRECISION.get(event.date.precision, 5)


def _combine(group: list[Event]) -> Event:
    best = min(group, key=_specificity)  # min keeps the first of equals
    mentions = tuple(mention_of(e) for e in sorted(group, key=lambda e: e.trigger.start))
    return replace(best, mentions=mentions)
