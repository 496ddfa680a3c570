"""The JSON output contract back to records: the inverse of :mod:`tidings.serialize`.

Coded articles travel as JSON between machines (the Ray engine writes them to Parquet and
``tidings load-parquet`` stores them), so the store must be able to rebuild a
:class:`~tidings.records.CodedArticle` from :func:`tidings.serialize.article_json`.

:func:`article_record_json` is ``article_json`` plus what the contract leaves out but the store
needs: the article ``text``, its ``source`` and every actor mention (``actor_mentions``).
:func:`coded_article_from_json` reads either form, and
``article_json(coded_article_from_json(article_json(c))) == article_json(c)``.

The contract does not carry a few offsets (where a date phrase starts, the sentence index of
a non-event or of an event's actor mention, a location's span); those come back as
:data:`UNKNOWN` (-1) or None, and nothing in the store reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from tidings.records import (
    Actor,
    Article,
    Attribution,
    CodedArticle,
    DateMethod,
    DatePrecision,
    DateRef,
    Event,
    EventMention,
    Location,
    Mention,
    Modality,
    NonEvent,
    Quote,
    Span,
    Trigger,
    Warning,
)
from tidings.serialize import JSON, article_json

__all__ = ["UNKNOWN", "article_record_json", "coded_article_from_json"]

_T = TypeVar("_T")

UNKNOWN = -1  # an offset or index the JSON contract does not carry
_IDENTITY_KEY = "code"  # present in an object exactly when it carries an actor identity
_SPAN_KEY = "start"  # present exactly when it carries a span


# --------------------------------------------------------------------------- records -> JSON


def article_record_json(coded: CodedArticle) -> JSON:
    """``article_json`` plus the article text, its source and all actor mentions.

    A quote whose speaker was found in the text but not resolved to an actor also keeps the
    speaker's words (``speaker_span``), which the contract drops.
    """
    out = article_json(coded)
    for quote, data in zip(coded.quotes, out["quotes"], strict=True):
        if quote.speaker is None and quote.speaker_span is not None:
            data["speaker_span"] = _span_json(quote.speaker_span)
    return {
        **out,
        "text": coded.article.text,
        "source": coded.article.source,
        "actor_mentions": [_actor_mention_json(m) for m in coded.mentions],
    }


def _span_json(span: Span) -> JSON:
    return {"text": span.text, "start": span.start, "end": span.end}


def _actor_mention_json(mention: Mention) -> JSON:
    a = mention.actor
    return {
        "text": mention.span.text, "start": mention.span.start, "end": mention.span.end,
        "sentence": mention.sentence, "name": a.name, "country": a.country, "org": a.org,
        "sector": a.sector, "code": a.code, "person": a.person, "former": a.former,
        "method": a.method,
    }


# --------------------------------------------------------------------------- JSON -> records


def coded_article_from_json(obj: dict[str, Any]) -> CodedArticle:
    """Rebuild a coded article from ``article_json`` (or :func:`article_record_json`) output."""
    mentions = tuple(_actor_mention(m) for m in obj.get("actor_mentions") or ())
    by_span = {(m.span.start, m.span.end): m for m in mentions}
    return CodedArticle(
        article=_article(obj),
        mentions=mentions,
        events=tuple(_event(e, by_span) for e in obj.get("events") or ()),
        non_events=tuple(_non_event(n) for n in obj.get("non_events") or ()),
        quotes=tuple(_quote(q) for q in obj.get("quotes") or ()),
        warnings=tuple(Warning(w["code"], w["message"]) for w in obj.get("warnings") or ()),
        dateline=obj.get("dateline"),
        agency=obj.get("agency"),
    )


def _article(obj: JSON) -> Article:
    return Article(
        id=obj["id"], text=obj.get("text") or "", title=obj.get("title"),
        date=_date(obj.get("date")), url=obj.get("url"), outlet=obj.get("outlet"),
        byline=obj.get("byline"), source=obj.get("source"),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span(obj: JSON | None) -> Span | None:
    if obj is None or _SPAN_KEY not in obj:
        return None
    return Span(obj["text"], obj["start"], obj["end"])


def _identity(obj: JSON) -> Actor:
    return Actor(
        name=obj["name"], country=obj.get("country"), org=obj.get("org"),
        sector=obj.get("sector"), code=obj["code"], person=obj.get("person"),
        former=bool(obj.get("former", False)), method=obj.get("method") or "dictionary",
    )


def _actor_mention(obj: JSON) -> Mention:
    return Mention(Span(obj["text"], obj["start"], obj["end"]), _identity(obj),
                   obj.get("sentence", UNKNOWN))


def _event_actor(obj: JSON | None, sentence: int,
                 by_span: dict[tuple[int, int], Mention]) -> Mention | None:
    if obj is None:
        return None
    # The article's own mention list knows the sentence; the event JSON does not.
    known = by_span.get((obj["start"], obj["end"]))
    if known is not None and known.actor == _identity(obj):
        return known
    # an actor derived from a mention ("its own country") lies in that mention's sentence
    where = known.sentence if known is not None else sentence
    return Mention(Span(obj["text"], obj["start"], obj["end"]), _identity(obj), where)


def _trigger(obj: JSON) -> Trigger:
    return Trigger(obj["text"], obj["start"], obj["end"])


def _attribution(obj: JSON) -> Attribution:
    actor = _identity(obj) if _IDENTITY_KEY in obj else None
    return Attribution(name=obj["name"], actor=actor, span=_span(obj))


def _date_ref(obj: JSON) -> DateRef:
    text = obj.get("date_text")
    return DateRef(
        date=_date(obj.get("date")),
        precision=cast(DatePrecision, obj["date_precision"]),
        method=cast(DateMethod, obj["date_method"]),
        span=None if text is None else Span(text, UNKNOWN, UNKNOWN),
    )


def _location(obj: JSON | None) -> Location | None:
    if obj is None:
        return None
    return Location(name=obj["name"], country=obj.get("country"), admin1=obj.get("admin1"),
                    lat=obj.get("lat"), lon=obj.get("lon"), resolution=obj["resolution"],
                    method=obj["method"])


def _event_mention(obj: JSON) -> EventMention:
    return EventMention(sentence=obj["sentence_index"], sentence_text=obj["sentence"],
                        text=obj["text"], trigger=_trigger(obj["trigger"]))


def _event(obj: JSON, by_span: dict[tuple[int, int], Mention]) -> Event:
    sentence = obj["sentence_index"]
    return Event(
        id=obj["id"], type=obj["type"], mode=obj.get("mode"),
        contexts=tuple(obj.get("contexts") or ()), cameo=obj["cameo"],
        goldstein=obj["goldstein"],
        source=_event_actor(obj.get("source"), sentence, by_span),
        target=_event_actor(obj.get("target"), sentence, by_span),
        date=_date_ref(obj), sentence=sentence, sentence_text=obj["sentence"],
        text=obj["text"], trigger=_trigger(obj["trigger"]),
        modality=cast(Modality, obj["modality"]), method=obj["method"],
        attribution=_tuple(_attribution, obj.get("attribution")),
        background=bool(obj.get("background", False)),
        mentions=_tuple(_event_mention, obj.get("mentions")),
        location=_location(obj.get("location")),
    )


def _non_event(obj: JSON) -> NonEvent:
    return NonEvent(type=obj["type"], text=obj["sentence"], reason=obj["reason"],
                    sentence=UNKNOWN, trigger=_trigger(obj["trigger"]))


def _quote(obj: JSON) -> Quote:
    speaker = obj.get("speaker")
    return Quote(
        span=Span(obj["text"], obj["start"], obj["end"]),
        speaker=None if speaker is None else _identity(speaker),
        speaker_span=_span(speaker if speaker is not None else obj.get("speaker_span")),
        via=_tuple(_attribution, obj.get("via")),
        sentence=obj["sentence"],
    )


def _tuple(read: Callable[[JSON], _T], items: Sequence[JSON] | None) -> tuple[_T, ...]:
    return tuple(read(item) for item in items or ())
