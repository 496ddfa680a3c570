"""Shared by the event case tables: an expected (type, source prefix, target prefix) triple, how
an event matches it, and the triples a coded text gives (shown when an assertion fails). A None
type or prefix accepts any type, or any actor or none in that role."""

from __future__ import annotations

from collections.abc import Iterable

from tidings.records import Event

Expected = tuple[str | None, str | None, str | None]


def matches(event: Event, expected: Expected) -> bool:
    type_, source, target = expected
    source_code = event.source.actor.code if event.source else ""
    target_code = event.target.actor.code if event.target else ""
    return ((type_ is None or event.type == type_) and
            (source is None or source_code.startswith(source)) and
            (target is None or target_code.startswith(target)))


def triples(events: Iterable[Event]) -> list[Expected]:
    return [(e.type, e.source.actor.code if e.source else None,
             e.target.actor.code if e.target else None) for e in events]
