"""Where and through whom a story was filed, and statements that contradict its date (issue #4).

A dateline opens the body of a wire story: ``BEIJING (Reuters) -``, ``Beijing (AFP) -``,
``WASHINGTON, Jan 5 (Reuters) -``. Its place becomes ``dateline`` and the agency in brackets
``agency``; a republished wire story keeps the agency as its original source while ``outlet``
names the publisher.

An anachronism is an anticipatory act ("invited ... to the opening ceremony of the Winter
Olympics in early February") whose object is dated well before publication, told as news rather
than recalled ("had invited", "earlier"): worth a warning naming the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.records import DateRef, Warning
from tidings.stages.attribution import cues
from tidings.stages.dates import shift_days
from tidings.stages.merge import date_range
from tidings.stages.parse import sentences_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

ANACHRONISM_DAYS = 30

_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?"
    r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?)"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"  # ", Jan 5"
    r"[ \t]*\((?P<agency>[A-Z][A-Za-z&. -]{0,30}?)\)[ \t]*[-–—:]+[ \t]*",
)
# Without an agency only a place in capitals is a dateline ("NAIROBI -"): "China - the
# country" or "Officials: ..." are ordinary sentences.
_BARE_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,[ \t]*[A-Z][A-Za-z.'’ -]{1,30}?)?)"
    r"[ \t]*[-–—:][ \t]",
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place and agency of a dateline, with where the dateline ends in the text."""

    place: str
    agency: str | None
    end: int


def find_dateline(text: str, *, has_title: bool = True) -> Dateline | None:
    """The dateline at the start of the body (the first or, after a headline, second line)::

        find_dateline("Headline\nKYIV, Ukraine (AP) - Russian forces ...")
        # Dateline("Kyiv, Ukraine", "AP", 34)
        find_dateline("NAIROBI - Police said ...", has_title=False)  # Dateline("Nairobi", None, 10)
    """
    lines = text.split("\n", 2)
    offset = 0
    for number, line in enumerate(lines[:2]):
        if number == 0 and has_title and len(lines) > 1:
            offset += len(line) + 1
            continue
        match = _DATELINE.match(line) or _BARE_DATELINE.match(line)
        if match:
            place = match.group("place").strip()
            place = " ".join(w.title() if w.isupper() else w for w in place.split(" "))
            agency = match.groupdict().get("agency")
            return Dateline(place, agency.strip() if agency else None, offset + match.end())
        offset += len(line) + 1
    return None


def anachronisms(doc: Doc, dates: dict[int, list[DateRef]],
                 published: dt.date | None) -> Iterator[Warning]:
    """Warnings for anticipatory statements about things long past at publication."""
    if published is None:
        return
    words = cues()
    limit = shift_days(published, -ANACHRONISM_DAYS)
    for number, sent in enumerate(sentences_of(doc)):
        if any(t.lower_ in words["past"] for t in sent):
            continue
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in words["anticipate"]:
                continue
            if any(c.dep_ == "aux" and c.lower_ in words["past"] for c in token.children):
                continue
            for ref in dates.get(number, []):
                if ref.date is None or ref.span is None or ref.method == "publication":
                    continue
                span = ref.span
                if date_range(ref)[1] >= limit or not any(
                        span.start <= t.idx < span.end for t in token.subtree):
                    continue
                yield Warning("anachronism", (
                    f"sentence {number + 1} tells as news that '{token.text}' concerns "
                    f"'{ref.span.text}' ({ref.date.isoformat()}), "
                    f"{(published - ref.date).days} days before publication on "
                    f"{published.isoformat()}: \"{sent.text.strip()}\""))
                break
