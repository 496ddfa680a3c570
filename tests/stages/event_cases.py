"""Shared by the event case tables: an expected (type, source prefix, target prefix) triple and
how an event matches it. A None prefix accepts any actor, or none, in that role."""

from __future__ import annotations

from tidings.records import Event

Expected = tuple[str, str | None, str | None]


def matches(event: Event, expected: Expected) -> bool:
    type_, source, target = expected
    source_code = event.source.actor.code if event.source else ""
    target_code = event.target.actor.code if event.target else ""
    return (event.type == type_ and (source is None or source_code.startswith(source)) and
            (target is None or target_code.startswith(target)))
