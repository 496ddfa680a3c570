"""Reading the actor tables (``tidings/data/actors/*.tsv`` and user files) into entries.

Each table yields ``(surface form, Entry)`` pairs; :class:`tidings.stages.actors.ActorResolver`
builds its phrase matcher from them. Errors name the file, the line and what was expected::

    for form, entry in package_entries():
        ...
    list(user_entries("my_actors.tsv"))
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

_CODE = re.compile(r"^[A-Z]{3}$")
_ORG = re.compile(r"^[A-Z0-9]{2,12}$")
USER_REQUIRED = ("name", "aliases", "country", "sector")
USER_OPTIONAL = ("org", "start", "end")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary surface form and what it stands for."""

    kind: str
    surface: str  # the form as written, tokens joined by spaces (for case checks)
    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    cue: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    exact: bool = True



def _rows(text: str, source: str, required: Sequence[str], optional: Sequence[str] = (),
          *, strict: bool = True) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` from TSV text with a header; skips ``#`` lines and blank lines."""
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            _check_header(header, source, number, required, optional)
            continue
        if len(cells) > len(header) or len(cells) < len(required):
            message = (f"{source}, line {number}: expected {len(header)} tab-separated cells "
                       f"({', '.join(header)}), got {len(cells)}")
            if strict:
                raise ValueError(message)
            log.warning("skipping row: %s", message)
            continue
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
    if header is None:
        raise ValueError(f"{source}: expected a header row with columns {', '.join(required)}")


def _check_header(header: list[str], source: str, number: int, required: Sequence[str],
                  optional: Sequence[str]) -> None:
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required and c not in optional]
    if missing or unknown:
        wanted = ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")
        raise ValueError(f"{source}, line {number}: expected a tab-separated header with columns "
                         f"{wanted}, got {', '.join(header)!r}")


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _date(value: str, source: str, number: int, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{source}, line {number}: expected '{column}' as a date YYYY-MM-DD "
                         f"or empty, got {value!r}") from None


def _iso(value: str, source: str, number: int, column: str) -> str | None:
    if value and not _CODE.match(value):
        raise ValueError(f"{source}, line {number}: expected '{column}' as a three-letter code "
                         f"in capitals such as CHN or GOV (or empty), got {value!r}")
    return value or None


def _package_text(name: str) -> str | None:
    path = resources.files("tidings") / "data" / "actors" / name
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def package_entries() -> Iterator[tuple[str, Entry]]:
    """Yield ``(surface form, entry)`` for every package table; leaders.tsv may be absent."""
    loaders = (("countries.tsv", _countries), ("orgs.tsv", _orgs), ("groups.tsv", _groups),
               ("media.tsv", _media), ("leaders.tsv", _leaders), ("sectors.tsv", _words),
               ("titles.tsv", _words), ("cues.tsv", _cues))
    for filename, loader in loaders:
        text = _package_text(filename)
        if text is None:
            log.warning("actor table %s is missing; its actors will not be found", filename)
            continue
        yield from loader(text, filename)


def _countries(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    columns = ("iso3", "name", "aliases", "adjectives", "capitals", "seats")
    for number, row in _rows(text, source, columns):
        iso, name = row["iso3"], row["name"]
        for kind, cell in (("country", "|".join([name, row["aliases"]])),
                           ("adjective", row["adjectives"])):
            for written in _split(cell):
                form, start, end = _period(written, source, number)
                yield form, Entry(kind, form, name, country=iso, code=iso, start=start, end=end)
        for form in _split(row["capitals"]):
            yield form, Entry("capital", form, form, country=iso, sector="GOV")
        for seat in _split(row["seats"]):
            form, _, sector = seat.rpartition("=")
            yield form, Entry("seat", form, form, country=iso, sector=sector)


def _period(written: str, source: str, number: int) -> tuple[str, dt.date | None, dt.date | None]:
    """ "Congo@1971-10-27..1997-05-16": a name that meant this country only in that period."""
    form, at, period = written.partition("@")
    if not at:
        return form, None, None
    start, dots, end = period.partition("..")
    if not dots:
        raise ValueError(f"{source}, line {number}: expected a period as NAME@START..END "
                         f"(dates YYYY-MM-DD, either may be empty), got {written!r}")
    return (form, _date(start, source, number, "start"), _date(end, source, number, "end"))


def _orgs(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    for _, row in _rows(text, source, ("code", "name", "aliases", "cameo", "sector")):
        entry = Entry("org", "", row["name"], org=row["code"], sector=row["sector"] or None,
                       code=row["cameo"] or row["code"])
        for form in [row["name"], *_split(row["aliases"])]:
            yield form, replace(entry, surface=form)


def _dated(kind: str, text: str, source: str, columns: Sequence[str],
           optional: Sequence[str] = ()) -> Iterator[tuple[str, Entry]]:
    strict = kind != "leader"  # leaders.tsv is edited by hand and may be mid-edit: skip bad rows
    for number, row in _rows(text, source, columns, optional, strict=strict):
        try:
            entry = Entry(kind, "", row["name"], country=_iso(row["country"], source, number,
                                                               "country"),
                           org=row.get("org") or None,
                           sector=_iso(row.get("sector", ""), source, number, "sector"),
                           role=row.get("role") or None,
                           start=_date(row.get("start", ""), source, number, "start"),
                           end=_date(row.get("end", ""), source, number, "end"))
        except ValueError as error:
            if strict:
                raise
            log.warning("skipping row: %s", error)
            continue
        for form in [row["name"], *_split(row["aliases"])]:
            yield form, replace(entry, surface=form)


def _groups(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    columns = ("name", "aliases", "country", "org", "sector", "start", "end")
    return _dated("group", text, source, columns)


def _leaders(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    columns = ("name", "aliases", "country", "role", "sector", "start", "end")
    return _dated("leader", text, source, columns)


def _media(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    for _, row in _rows(text, source, ("name", "aliases", "country", "kind")):
        entry = Entry("media", "", row["name"], country=row["country"] or None, sector="JRN")
        for form in [row["name"], *_split(row["aliases"])]:
            yield form, replace(entry, surface=form)


def _words(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    kind = "title" if source.startswith("titles") else "sector"
    for _, row in _rows(text, source, ("word", "sector")):
        sector = None if row["sector"] == "-" else row["sector"]
        yield row["word"], Entry(kind, row["word"], row["word"], sector=sector)


def _cues(text: str, source: str) -> Iterator[tuple[str, Entry]]:
    for _, row in _rows(text, source, ("phrase", "kind")):
        yield row["phrase"], Entry("cue", row["phrase"], row["phrase"], cue=row["kind"])


def user_entries(path: str | Path) -> Iterator[tuple[str, Entry]]:
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{source}: cannot read the actor file ({error}); expected a UTF-8 TSV "
                         f"with header {chr(9).join(USER_REQUIRED + USER_OPTIONAL)}") from error
    for number, row in _rows(text, source, USER_REQUIRED, USER_OPTIONAL):
        if not row["name"]:
            raise ValueError(f"{source}, line {number}: expected a name in the first column")
        org = row.get("org", "")
        if org and not _ORG.match(org):
            raise ValueError(f"{source}, line {number}: expected 'org' as a code in capitals "
                             f"such as EU or NATO (or empty), got {org!r}")
        if not (row["country"] or org or row["sector"]):
            raise ValueError(f"{source}, line {number}: expected a country, org or sector "
                             f"for {row['name']!r}")
    yield from _dated("user", text, source, USER_REQUIRED, USER_OPTIONAL)


__all__ = ["Entry", "USER_OPTIONAL", "USER_REQUIRED", "package_entries", "user_entries"]
