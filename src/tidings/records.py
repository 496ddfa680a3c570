"""The typed records that flow through the pipeline.

Every record is a frozen, slotted dataclass. Spans are character offsets into
``Article.text`` (the full article text, headline included), so a value can
always be traced back to the words it came from. Serialisation to the public
JSON contract lives in :mod:`tidings.serialize`, nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DatePrecision = Literal["day", "week", "month", "year"]
DateMethod = Literal["explicit", "relative", "weekday", "publication", "none"]
Modality = Literal["asserted", "reported", "intended", "alleged", "conditional"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, as read from a file or a record.

    ``text`` is what gets coded: the headline (if any) on the first line,
    then the body. Metadata lines such as a trailing byline are *not* part
    of ``text``; they are kept in their own fields.
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    source: str | None = None  # where it was read from: "file.jsonl:12"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article; ``index`` counts from 0 (the headline is 0)."""

    index: int
    text: str
    start: int
    end: int
    is_headline: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: who a mention refers to.

    ``country`` is ISO 3166-1 alpha-3 (or None), ``org`` an organisation code
    such as ``EU`` or ``NATO`` (or None), ``sector`` a PLOVER/CAMEO sector
    code such as ``GOV`` or ``MIL``. ``code`` is the CAMEO-style
    concatenation (``CHNGOV``, ``IGOEU``). ``method`` names the rule that
    resolved it (``dictionary:country``, ``coref:counterpart``...).
    """

    name: str
    country: str | None
    org: str | None
    sector: str | None
    code: str
    person: str | None = None
    former: bool = False
    method: str = "dictionary"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an actor."""

    span: Span
    actor: Actor
    sentence: int


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved calendar date with the evidence it came from.

    ``span`` is None when the date falls back to the publication date.
    """

    date: dt.date | None
    precision: DatePrecision
    method: DateMethod
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that express an event, with the rule that matched them."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """One link of the chain of sources an article gives for a statement."""

    name: str
    actor: Actor | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or partial quote with its speaker and the channels it came through."""

    span: Span
    speaker: Actor | None
    speaker_span: Span | None
    via: tuple[Attribution, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One place in the article that reports an event."""

    sentence: int
    sentence_text: str
    text: str
    trigger: Trigger


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, with how it was found."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    resolution: str
    method: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A coded political event.

    ``method`` says which rule or model produced it, e.g.
    ``rule:verb:condemn`` or ``rule:noun:invasion``.
    """

    id: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    goldstein: float
    source: Mention | None
    target: Mention | None
    date: DateRef
    sentence: int
    sentence_text: str
    text: str
    trigger: Trigger
    modality: Modality
    method: str
    attribution: tuple[Attribution, ...] = ()
    background: bool = False
    mentions: tuple[EventMention, ...] = ()
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class NonEvent:
    """A candidate that was not coded, and why (negated, hypothetical...)."""

    type: str
    text: str
    reason: str
    sentence: int
    trigger: Trigger


@dataclass(frozen=True, slots=True)
class Warning:
    """A coded warning attached to an article (``code`` is machine-readable)."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with everything the pipeline found in it."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    non_events: tuple[NonEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[Warning, ...] = field(default=())
    dateline: str | None = None  # place of a wire dateline: "BEIJING (Reuters) -" -> "Beijing"
    agency: str | None = None  # the wire agency that filed the story (its original source)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read as an article; reported, then skipped.

    ``where`` names the file and, where there is one, the line or record
    (``corpus.jsonl:12``). ``message`` says what was expected and the fix.
    """

    where: str
    code: str
    message: str
