"""Integrity and spot checks for the political leaders dictionary (data/actors/leaders.tsv)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import NamedTuple

import pytest

HEADER = ["name", "aliases", "country", "role", "sector", "start", "end"]
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
SECTORS = {"GOV", "MIL"}
ISO3 = re.compile(r"^[A-Z]{3}$")
# Surnames shared by many prominent people: as bare aliases they would mis-resolve.
AMBIGUOUS_ALIASES = {"Lee", "Kim", "Khan", "Li", "Wang", "Ali", "Singh", "Sharif", "Park", "Chen"}


class Row(NamedTuple):
    line: int
    name: str
    aliases: tuple[str, ...]
    country: str
    role: str
    sector: str
    start: str
    end: str


@cache
def _raw_lines() -> list[str]:
    path = files("tidings") / "data" / "actors" / "leaders.tsv"
    return path.read_text(encoding="utf-8").splitlines()


def _cells() -> list[tuple[int, list[str]]]:
    """Data lines (1-based line number, cells), skipping the header, comments and blanks."""
    out = []
    for number, line in enumerate(_raw_lines()[1:], start=2):
        if line.strip() and not line.startswith("#"):
            out.append((number, line.split("\t")))
    return out


@cache
def _rows() -> list[Row]:
    rows = []
    for number, cells in _cells():
        name, aliases, country, role, sector, start, end = cells
        alias_list = tuple(a for a in aliases.split("|") if a) if aliases else ()
        rows.append(Row(number, name, alias_list, country, role, sector, start, end))
    return rows


def _date(text: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), f"not YYYY-MM-DD: {text!r}"
    return dt.date.fromisoformat(text)


def test_header_is_exact() -> None:
    assert _raw_lines()[0].split("\t") == HEADER


def test_every_row_has_seven_columns() -> None:
    bad = [number for number, cells in _cells() if len(cells) != len(HEADER)]
    assert bad == []


def test_roles_sectors_and_country_codes_are_valid() -> None:
    for row in _rows():
        assert row.role in ROLES, row
        assert row.sector in SECTORS, row
        assert ISO3.match(row.country), row


def test_names_and_aliases_are_clean() -> None:
    for row in _rows():
        assert row.name and row.name == row.name.strip(), row
        for alias in row.aliases:
            assert alias == alias.strip() and alias, row
            assert alias not in AMBIGUOUS_ALIASES, row
        assert len(set(row.aliases)) == len(row.aliases), row


def test_dates_parse_and_are_ordered() -> None:
    for row in _rows():
        start = _date(row.start)
        if row.end:
            assert start <= _date(row.end), row


def test_coverage_is_broad() -> None:
    rows = _rows()
    assert len(rows) >= 600
    assert len({row.country for row in rows}) >= 50


def test_no_duplicate_terms() -> None:
    counts = Counter((row.name, row.role, row.start) for row in _rows())
    assert [key for key, n in counts.items() if n > 1] == []


def test_at_most_one_incumbent_per_office() -> None:
    counts = Counter((row.country, row.role) for row in _rows() if not row.end)
    assert [key for key, n in counts.items() if n > 1] == []


def _terms(name: str, country: str, role: str) -> list[tuple[str, str]]:
    return [
        (row.start, row.end)
        for row in _rows()
        if row.name == name and row.country == country and row.role == role
    ]


SPOT_CHECKS = [
    # (id, name, country, role, start, end); start None = any term counts
    ("trump-first", "Donald Trump", "USA", "head_of_state", "2017-01-20", "2021-01-20"),
    ("trump-second", "Donald Trump", "USA", "head_of_state", "2025-01-20", ""),
    ("biden", "Joe Biden", "USA", "head_of_state", "2021-01-20", "2025-01-20"),
    ("putin-return", "Vladimir Putin", "RUS", "head_of_state", "2012-05-07", ""),
    ("xi", "Xi Jinping", "CHN", "head_of_state", "2013-03-14", ""),
    ("zelensky", "Volodymyr Zelensky", "UKR", "head_of_state", "2019-05-20", ""),
    ("modi", "Narendra Modi", "IND", "head_of_government", "2014-05-26", ""),
    ("wang-yi", "Wang Yi", "CHN", "foreign_minister", None, None),
    ("lavrov", "Sergei Lavrov", "RUS", "foreign_minister", "2004-03-09", ""),
    ("scholz", "Olaf Scholz", "DEU", "head_of_government", "2021-12-08", "2025-05-06"),
    ("merkel", "Angela Merkel", "DEU", "head_of_government", "2005-11-22", "2021-12-08"),
    ("macron", "Emmanuel Macron", "FRA", "head_of_state", "2017-05-14", ""),
    ("erdogan-pres", "Recep Tayyip Erdoğan", "TUR", "head_of_state", "2014-08-28", ""),
    ("netanyahu-2022", "Benjamin Netanyahu", "ISR", "head_of_government", "2022-12-29", ""),
    ("assad", "Bashar al-Assad", "SYR", "head_of_state", "2000-07-17", "2024-12-08"),
    ("blinken", "Antony Blinken", "USA", "foreign_minister", "2021-01-26", "2025-01-20"),
    ("shoigu", "Sergei Shoigu", "RUS", "defence_minister", "2012-11-06", "2024-05-12"),
]


@pytest.mark.parametrize(
    ("name", "country", "role", "start", "end"),
    [pytest.param(*case[1:], id=case[0]) for case in SPOT_CHECKS],
)
def test_spot_checks(
    name: str, country: str, role: str, start: str | None, end: str | None
) -> None:
    terms = _terms(name, country, role)
    assert terms, f"no {role} term for {name} ({country})"
    if start is not None:
        assert (start, end) in terms, terms


ALIAS_CHECKS = [
    ("putin", "Vladimir Putin", "Putin"),
    ("xi", "Xi Jinping", "Xi"),
    ("macron", "Emmanuel Macron", "Macron"),
    ("zelenskyy", "Volodymyr Zelensky", "Zelenskyy"),
    ("zelenskiy", "Volodymyr Zelensky", "Zelenskiy"),
    ("erdogan-ascii", "Recep Tayyip Erdoğan", "Erdogan"),
    ("amlo", "Andrés Manuel López Obrador", "AMLO"),
    ("jolani", "Ahmed al-Sharaa", "Jolani"),
]


@pytest.mark.parametrize(
    ("name", "alias"), [pytest.param(*case[1:], id=case[0]) for case in ALIAS_CHECKS]
)
def test_known_aliases(name: str, alias: str) -> None:
    aliases = {a for row in _rows() if row.name == name for a in row.aliases}
    assert alias in aliases
