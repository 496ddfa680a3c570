"""Read-only queries behind the HTTP API, over :meth:`EventStore.select`.

Every value from a request travels as a bound parameter; the SQL text is
fixed. Rows come back in the shapes of the output contract
(:func:`tidings.serialize.event_json`): flat store columns such as
``source_code`` are nested again as ``source.code``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.store import EventStore
from tidings.store.schema import ACTOR_FIELDS, EVENT_NAMES, LOCATION_FIELDS
from tidings.tables import package_rows

__all__ = [
    "BadCursor", "EventFilter", "actors", "countries", "decode_cursor", "encode_cursor",
    "events_page", "network", "quads", "stats", "story", "timeline",
]

JSON = dict[str, Any]
_NO_DATE = dt.date(1, 1, 1)  # sorts undated events last in a newest-first listing
_SORT_DATE = f"coalesce(date, DATE '{_NO_DATE.isoformat()}')"
_HIDDEN = {"merge_key"}
_EVENT_SELECT = ", ".join(f'"{name}"' for name in EVENT_NAMES if name not in _HIDDEN)


class BadCursor(ValueError):
    """A pagination cursor that this server did not make."""


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by the event list, the statistics, the map and the network.

    An actor (``source``, ``target``) matches its country, organisation or
    full code; ``country`` matches either side or the event's location.
    """

    source: str | None = None
    target: str | None = None
    country: str | None = None
    types: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    q: str | None = None
    story: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition (always valid, ``TRUE`` when empty) and its parameters."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                parts.append(f"({side}_country = ? OR {side}_org = ? OR {side}_code = ?)")
                params += [value] * 3
        if self.country:
            parts.append("(source_country = ? OR target_country = ? OR location_country = ?)")
            params += [self.country] * 3
        if self.types:
            parts.append("type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.types))
        if self.start:
            parts.append("date >= ?")
            params.append(self.start)
        if self.end:
            parts.append("date <= ?")
            params.append(self.end)
        if self.q:
            # contains() takes the text literally: no LIKE wildcards to escape.
            parts.append("(contains(lower(sentence), lower(?)) OR contains(lower(text), lower(?)))")
            params += [self.q, self.q]
        if self.story:
            parts.append("story_id = ?")
            params.append(self.story)
        return " AND ".join(parts), params


# --------------------------------------------------------------------------- data files


def _tsv(name: str) -> list[dict[str, str]]:
    return [row for _, row in package_rows("data", name, package="tidings.web")]


@functools.cache
def quads() -> dict[str, tuple[str, str]]:
    """PLOVER type -> (quad class, cooperation or conflict)."""
    return {row["type"]: (row["quad"], row["side"]) for row in _tsv("plover_quad.tsv")}


@functools.cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (ISO numeric code as the world atlas writes it, country name)."""
    return {row["iso3"]: (row["numeric"], row["name"]) for row in _tsv("iso_numeric.tsv")}


# --------------------------------------------------------------------------- rows to JSON


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _nested(row: JSON, prefix: str, names: Sequence[str]) -> JSON | None:
    part = {name: row.pop(f"{prefix}_{name}") for name in names}
    return part if any(v is not None for v in part.values()) else None


def event_from_row(names: Sequence[str], values: Sequence[Any]) -> JSON:
    """A stored event in the shape of the output contract, plus its provenance fields."""
    row = {name: _iso(value) for name, value in zip(names, values, strict=True)}
    actor_names = [name for name, _ in ACTOR_FIELDS]
    row["source"] = _nested(row, "source", actor_names)
    row["target"] = _nested(row, "target", actor_names)
    row["location"] = _nested(row, "location", [name for name, _ in LOCATION_FIELDS])
    row["trigger"] = {"text": row.pop("trigger_text"), "start": row.pop("trigger_start"),
                      "end": row.pop("trigger_end")}
    attribution = row.get("attribution")
    row["attribution"] = json.loads(attribution) if isinstance(attribution, str) else []
    row["contexts"] = list(row.get("contexts") or [])
    row["quad"], row["side"] = quads().get(str(row.get("type")), (None, None))
    return row


# --------------------------------------------------------------------------- events


def encode_cursor(date: dt.date | None, event_id: str) -> str:
    raw = json.dumps([(date or _NO_DATE).isoformat(), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        return dt.date.fromisoformat(day), str(event_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as err:
        raise BadCursor("bad cursor; pass back the next_cursor of a previous page") from err


def events_page(store: EventStore, where: EventFilter, *, limit: int,
                cursor: str | None = None) -> JSON:
    """Events newest first (undated last), ``limit`` at a time, with a cursor to the next page."""
    condition, params = where.where()
    if cursor:
        day, last_id = decode_cursor(cursor)
        condition += f" AND ({_SORT_DATE} < ? OR ({_SORT_DATE} = ? AND id > ?))"
        params += [day, day, last_id]
    names, rows = store.select(
        f"SELECT {_EVENT_SELECT} FROM events WHERE {condition} "
        f"ORDER BY {_SORT_DATE} DESC, id LIMIT ?", [*params, limit + 1])
    events = [event_from_row(names, row) for row in rows[:limit]]
    following = None
    if len(rows) > limit:
        last = events[-1]
        following = encode_cursor(
            dt.date.fromisoformat(last["date"]) if last["date"] else None, str(last["id"]))
    return {"events": events, "count": len(events), "next_cursor": following}


# --------------------------------------------------------------------------- summaries


def timeline(store: EventStore, a: str, b: str, *, by: str, start: dt.date | None,
             end: dt.date | None) -> JSON:
    """Events between two actors per period and type, with the quad class of each type."""
    rows = store.dyad_timeline(a, b, by=by, start=start, end=end)
    out = []
    for period, kind, count, goldstein in rows:
        quad, side = quads().get(kind, (None, None))
        out.append({"period": period.isoformat(), "type": kind, "quad": quad, "side": side,
                    "events": count, "goldstein": goldstein})
    return {"a": a, "b": b, "by": by, "rows": out, "events": sum(r[2] for r in rows)}


def _dicts(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[JSON]:
    return [{n: _iso(v) for n, v in zip(names, row, strict=True)} for row in rows]


def stats(store: EventStore, where: EventFilter) -> JSON:
    """Totals, events per type and per country, top dyads and the date range."""
    condition, params = where.where()
    names, rows = store.select(
        f"SELECT count(*) AS events, min(date) AS first, max(date) AS last, "
        f"round(avg(goldstein), 2) AS goldstein FROM events WHERE {condition}", params)
    total = _dicts(names, rows)[0]
    names, rows = store.select(
        f"SELECT type, count(*) AS events, round(avg(goldstein), 2) AS goldstein FROM events "
        f"WHERE {condition} GROUP BY type ORDER BY events DESC, type", params)
    by_type = _dicts(names, rows)
    for row in by_type:
        row["quad"], row["side"] = quads().get(str(row["type"]), (None, None))
    names, rows = store.select(
        f"""SELECT least(source_country, target_country) AS a,
                   greatest(source_country, target_country) AS b,
                   count(*) AS events, round(avg(goldstein), 2) AS goldstein
            FROM events WHERE {condition} AND source_country IS NOT NULL
              AND target_country IS NOT NULL AND source_country <> target_country
            GROUP BY ALL ORDER BY events DESC, a, b LIMIT 10""", params)
    return {"events": total["events"], "first_date": total["first"],
            "last_date": total["last"], "goldstein": total["goldstein"],
            "tables": store.counts(), "by_type": by_type,
            "by_country": by_country(store, where), "top_dyads": _dicts(names, rows)}


def by_country(store: EventStore, where: EventFilter) -> list[JSON]:
    """Events involving each country (as source, target or place), with the atlas id."""
    condition, params = where.where()
    _, rows = store.select(
        f"""WITH picked AS (SELECT id, source_country, target_country, location_country,
                                   goldstein FROM events WHERE {condition})
            SELECT country, count(DISTINCT id) AS events, round(avg(goldstein), 2)
            FROM (SELECT id, goldstein, unnest([source_country, target_country,
                                                location_country]) AS country FROM picked)
            WHERE country IS NOT NULL GROUP BY country ORDER BY 2 DESC, country""", params)
    table = countries()
    out = []
    for country, count, goldstein in rows:
        numeric, name = table.get(str(country), (None, None))
        out.append({"country": country, "numeric": numeric, "name": name, "events": count,
                    "goldstein": goldstein})
    return out


def network(store: EventStore, where: EventFilter, *, limit: int) -> JSON:
    """The busiest ``limit`` source -> target actor links and the actors they join."""
    condition, params = where.where()
    names, rows = store.select(
        f"""SELECT source_code AS source, target_code AS target, count(*) AS events,
                   round(avg(goldstein), 2) AS goldstein
            FROM events WHERE {condition} AND source_code IS NOT NULL
              AND target_code IS NOT NULL AND source_code <> target_code
            GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?""", [*params, limit])
    links = _dicts(names, rows)
    degree: dict[str, int] = {}
    for link in links:
        for end in (link["source"], link["target"]):
            degree[end] = degree.get(end, 0) + int(link["events"])
    labels = _actor_names(store, sorted(degree))
    nodes = [{"code": code, "name": labels.get(code, code), "events": count}
             for code, count in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "links": links}


def _actor_names(store: EventStore, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    _, rows = store.select(
        "SELECT code, mode(name) FROM actors WHERE code IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY code", [codes])
    return {str(code): str(name) for code, name in rows if name}


def actors(store: EventStore, *, q: str | None, limit: int) -> JSON:
    """Actors by the number of events they take part in, optionally matching ``q``."""
    _, rows = store.select(
        """WITH sides AS (
               SELECT source_code AS code, source_name AS name, source_country AS country,
                      source_org AS org, source_sector AS sector, 1 AS as_source, 0 AS as_target
               FROM events WHERE source_code IS NOT NULL
               UNION ALL
               SELECT target_code, target_name, target_country, target_org, target_sector, 0, 1
               FROM events WHERE target_code IS NOT NULL)
           SELECT code, mode(name), any_value(country), any_value(org), any_value(sector),
                  count(*) AS events, sum(as_source), sum(as_target)
           FROM sides
           WHERE ?::VARCHAR IS NULL OR contains(lower(code), lower(?))
              OR contains(lower(coalesce(name, '')), lower(?))
           GROUP BY code ORDER BY events DESC, code LIMIT ?""", [q, q, q, limit])
    keys = ("code", "name", "country", "org", "sector", "events", "as_source", "as_target")
    return {"actors": [dict(zip(keys, row, strict=True)) for row in rows]}


def story(store: EventStore, story_id: str) -> JSON | None:
    """A story with its articles (copies), its events and every mention of them."""
    names, rows = store.select("SELECT * FROM stories WHERE id = ?", [story_id])
    if not rows:
        return None
    out = _dicts(names, rows)[0]
    names, rows = store.select(
        "SELECT id, source_id, title, date, url, outlet, byline, similarity, n_events "
        "FROM articles WHERE story_id = ? ORDER BY seq", [story_id])
    out["articles"] = _dicts(names, rows)
    names, rows = store.select(
        f"SELECT {_EVENT_SELECT} FROM events WHERE story_id = ? ORDER BY {_SORT_DATE}, id",
        [story_id])
    out["events"] = [event_from_row(names, row) for row in rows]
    names, rows = store.select(
        "SELECT m.* FROM event_mentions m JOIN events e ON e.id = m.event_id "
        "WHERE e.story_id = ? ORDER BY m.event_id, m.article_id, m.sentence_index", [story_id])
    mentions: dict[str, list[JSON]] = {}
    for mention in _dicts(names, rows):
        mentions.setdefault(str(mention.pop("event_id")), []).append(mention)
    for event in out["events"]:
        event["mentions"] = mentions.get(str(event["id"]), [])
    return out

