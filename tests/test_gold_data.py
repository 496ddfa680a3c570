"""Checks on the hand-written gold corpus of single news sentences (issue 3).

The corpus lives in ``data/gold/sentences/{train,dev,test}.jsonl``; its format and
split are described in ``data/gold/README.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold" / "sentences"
SPLITS = ("train", "dev", "test")

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
ORG_CODES = frozenset(
    "EU NATO UN UNSC IMF WB ICC ICJ ECOWAS AU ASEAN OPEC WHO IAEA BRICS G7 G20 SCO "
    "ARL GCC OSCE WTO OAS UNHCR ICRC AMNESTY HRW IS".split()
)
COUNTRY_RE = re.compile(r"[A-Z]{3}")
ITEM_FIELDS = {"id", "date", "text", "gold", "tags"}
EVENT_FIELDS = {"source", "types", "target", "undirected", "optional"}

Item = dict[str, Any]


def _load(split: str) -> list[Item]:
    path = GOLD_DIR / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def splits() -> dict[str, list[Item]]:
    return {name: _load(name) for name in SPLITS}


@pytest.fixture(scope="module")
def items(splits: dict[str, list[Item]]) -> list[Item]:
    return [item for name in SPLITS for item in splits[name]]


def _required(item: Item) -> list[dict[str, Any]]:
    return [g for g in item["gold"] if not g["optional"]]


def _main_type(item: Item) -> str:
    """The stratum of an item: the main type of its first required event."""
    events = _required(item) or item["gold"]
    return str(events[0]["types"][0]) if events else "NONE"


def _codes(items: list[Item]) -> set[str]:
    found: set[str] = set()
    for item in items:
        for g in item["gold"]:
            for code in (g["source"], g["target"]):
                found.update(code.split("|"))
    found.discard("*")
    return found


def _code_ok(code: str) -> bool:
    if code == "*":
        return True
    return all(COUNTRY_RE.fullmatch(p) or p in ORG_CODES for p in code.split("|"))


# --- schema -----------------------------------------------------------------


def test_files_are_not_empty(splits: dict[str, list[Item]]) -> None:
    for name in SPLITS:
        assert splits[name], f"{name}.jsonl is empty"


def test_item_schema(items: list[Item]) -> None:
    for item in items:
        assert set(item) == ITEM_FIELDS, item["id"]
        assert re.fullmatch(r"s-\d{4}", item["id"]), item["id"]
        pub = dt.date.fromisoformat(item["date"])
        assert dt.date(2000, 1, 1) <= pub <= dt.date(2026, 12, 31), item["id"]
        assert isinstance(item["text"], str) and item["text"].strip() == item["text"]
        assert len(item["text"]) > 20, item["id"]
        assert isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])


def test_event_schema(items: list[Item]) -> None:
    for item in items:
        for g in item["gold"]:
            assert EVENT_FIELDS <= set(g) <= EVENT_FIELDS | {"date"}, item["id"]
            assert g["types"] and set(g["types"]) <= PLOVER_TYPES, item["id"]
            assert len(set(g["types"])) == len(g["types"]), item["id"]
            assert _code_ok(g["source"]) and _code_ok(g["target"]), item["id"]
            assert isinstance(g["undirected"], bool) and isinstance(g["optional"], bool)


def test_event_dates_resolve_on_or_before_publication(items: list[Item]) -> None:
    # Every dated gold event is stated in the past tense, so it cannot follow
    # the publication date; weekday references reach back at most a week.
    for item in items:
        pub = dt.date.fromisoformat(item["date"])
        for g in item["gold"]:
            if "date" in g:
                day = dt.date.fromisoformat(g["date"])
                assert pub - dt.timedelta(days=31) <= day <= pub, item["id"]


def test_weekday_dates_match_their_weekday(items: list[Item]) -> None:
    # At least one dated event must fall on the weekday the sentence names;
    # others may be shifted by the text itself ("a day after ...").
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for item in items:
        said = {i for i, n in enumerate(names) if re.search(rf"\b{n}\b", item["text"].lower())}
        days = [dt.date.fromisoformat(g["date"]).weekday() for g in item["gold"] if "date" in g]
        if said and days:
            assert said & set(days), item["id"]


# --- splits -----------------------------------------------------------------


def test_ids_unique_across_splits(items: list[Item]) -> None:
    ids = Counter(item["id"] for item in items)
    assert [i for i, n in ids.items() if n > 1] == []


def test_no_text_in_two_splits(splits: dict[str, list[Item]]) -> None:
    texts = {name: {item["text"] for item in splits[name]} for name in SPLITS}
    for a, b in (("train", "dev"), ("train", "test"), ("dev", "test")):
        assert texts[a].isdisjoint(texts[b]), (a, b)


def test_no_duplicate_texts(items: list[Item]) -> None:
    texts = Counter(item["text"] for item in items)
    assert [t for t, n in texts.items() if n > 1] == []


def test_split_sizes(splits: dict[str, list[Item]]) -> None:
    # The test split is fixed (never tuned on, never rewritten); train grows with new data.
    assert len(splits["test"]) == 155 and len(splits["dev"]) >= 150
    assert len(splits["train"]) > len(splits["dev"])


@pytest.mark.parametrize("plover_type", sorted(PLOVER_TYPES))
def test_test_split_has_every_type(splits: dict[str, list[Item]], plover_type: str) -> None:
    count = sum(1 for item in splits["test"] if _main_type(item) == plover_type)
    assert count >= 6, f"test split has {count} {plover_type} items"


# --- minimums ---------------------------------------------------------------


@pytest.mark.parametrize("plover_type", sorted(PLOVER_TYPES))
def test_type_minimum(items: list[Item], plover_type: str) -> None:
    count = sum(1 for item in items if _main_type(item) == plover_type)
    assert count >= 30, f"{plover_type}: {count} items"


def test_positive_minimum(items: list[Item]) -> None:
    assert sum(1 for item in items if item["gold"]) >= 640


def test_negative_minimum(items: list[Item]) -> None:
    assert sum(1 for item in items if not item["gold"]) >= 110


def test_multi_event_minimum(items: list[Item]) -> None:
    assert sum(1 for item in items if len(_required(item)) >= 2) >= 65


def test_country_minimum(items: list[Item]) -> None:
    countries = {c for c in _codes(items) if c not in ORG_CODES}
    assert len(countries) >= 85


def test_org_minimum(items: list[Item]) -> None:
    orgs = {c for c in _codes(items) if c in ORG_CODES}
    assert len(orgs) >= 15


@pytest.mark.parametrize(
    "tag",
    ["headline", "passive", "nominalisation", "reported_speech", "intent", "multi_event"],
)
def test_phrasings_are_represented(items: list[Item], tag: str) -> None:
    assert sum(1 for item in items if tag in item["tags"]) >= 10, tag
