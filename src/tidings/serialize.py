"""Records to the public JSON contract, in one place (CLI, HTTP API, store and web page use it).

Article line: {"id", "title", "date", "url", "outlet", "byline", "dateline", "agency", "events",
"non_events", "quotes", "warnings"}. Field names are a contract: later issues and outside tools
rely on them.
"""

from __future__ import annotations

from typing import Any

from tidings.records import (
    Actor,
    Attribution,
    CodedArticle,
    Event,
    EventMention,
    Location,
    Mention,
    NonEvent,
    Quote,
    Span,
    Trigger,
)

JSON = dict[str, Any]


def actor_json(mention: Mention | None) -> JSON | None:
    """An actor as it appears in an event: the mention's span plus the resolved identity."""
    if mention is None:
        return None
    actor = mention.actor
    return {
        "text": mention.span.text, "start": mention.span.start, "end": mention.span.end,
        **_identity(actor),
    }


def _identity(actor: Actor) -> JSON:
    return {
        "name": actor.name, "country": actor.country, "org": actor.org, "sector": actor.sector,
        "code": actor.code, "person": actor.person, "former": actor.former,
        "method": actor.method,
    }


def _trigger(trigger: Trigger) -> JSON:
    return {"text": trigger.text, "start": trigger.start, "end": trigger.end}


def _span(span: Span | None) -> JSON | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def attribution_json(link: Attribution) -> JSON:
    out: JSON = {"name": link.name}
    if link.actor is not None:
        out.update(_identity(link.actor))
    if link.span is not None:
        out.update({"text": link.span.text, "start": link.span.start, "end": link.span.end})
    return out


def _mention(m: EventMention) -> JSON:
    return {"sentence": m.sentence_text, "sentence_index": m.sentence, "text": m.text,
            "trigger": _trigger(m.trigger)}


def _location(loc: Location | None) -> JSON | None:
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country, "admin1": loc.admin1, "lat": loc.lat,
            "lon": loc.lon, "resolution": loc.resolution, "method": loc.method}


def event_json(event: Event) -> JSON:
    """One event in the output contract."""
    return {
        "id": event.id, "type": event.type, "mode": event.mode,
        "contexts": list(event.contexts), "cameo": event.cameo, "goldstein": event.goldstein,
        "source": actor_json(event.source), "target": actor_json(event.target),
        "date": event.date.date.isoformat() if event.date.date else None,
        "date_text": event.date.span.text if event.date.span else None,
        "date_method": event.date.method, "date_precision": event.date.precision,
        "sentence": event.sentence_text, "sentence_index": event.sentence, "text": event.text,
        "trigger": _trigger(event.trigger), "modality": event.modality, "method": event.method,
        "attribution": [attribution_json(a) for a in event.attribution],
        "background": event.background, "mentions": [_mention(m) for m in event.mentions],
        "location": _location(event.location),
    }


def non_event_json(item: NonEvent) -> JSON:
    return {"type": item.type, "text": item.trigger.text, "reason": item.reason,
            "sentence": item.text, "trigger": _trigger(item.trigger)}


def quote_json(quote: Quote) -> JSON:
    return {
        "text": quote.span.text, "start": quote.span.start, "end": quote.span.end,
        "speaker": None if quote.speaker is None else {
            **(_span(quote.speaker_span) or {}), **_identity(quote.speaker)},
        "via": [attribution_json(v) for v in quote.via], "sentence": quote.sentence,
    }


def article_json(coded: CodedArticle) -> JSON:
    """A coded article as one JSON object (one line of ``--format jsonl``)."""
    a = coded.article
    return {
        "id": a.id, "title": a.title, "date": a.date.isoformat() if a.date else None,
        "url": a.url, "outlet": a.outlet, "byline": a.byline,
        "dateline": coded.dateline, "agency": coded.agency,
        "events": [event_json(e) for e in coded.events],
        "non_events": [non_event_json(n) for n in coded.non_events],
        "quotes": [quote_json(q) for q in coded.quotes],
        "warnings": [{"code": w.code, "message": w.message} for w in coded.warnings],
    }
