"""Reading articles from files, directories and standard input.

:func:`read_articles` turns paths into :class:`~tidings.records.Article`
records. Input that cannot be read becomes an
:class:`~tidings.records.InputProblem` in the same stream, so one bad file or
line never stops the good ones. ``InputProblem.message`` does not repeat
``where``; show them as ``f"{where}: {message}"``.

Supported inputs: ``.txt``, ``.html``/``.htm``, ``.json`` (an object or a
list of objects), ``.jsonl``, ``.jsonl.gz``, ``.csv``, directories (read
recursively) and ``-`` for standard input.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tidings.records import Article, InputProblem

__all__ = ["read_articles", "parse_byline", "parse_date", "SUPPORTED"]

logger = logging.getLogger(__name__)

SUPPORTED = ".txt, .html/.htm, .json, .jsonl, .jsonl.gz, .csv or '-' for standard input"
_EXTENSIONS = (".jsonl.gz", ".txt", ".html", ".htm", ".json", ".jsonl", ".csv")
_BINARY_SNIFF = 8192
_RECORD_FIELDS = ("id", "title", "url", "outlet", "byline")
_JSONL_HINT = 'each line must be one JSON object with a "text" field'
_STDIN_WHERE = "<stdin>"
# Raw HTML is mostly markup; refuse pages so big that parsing them would be the problem.
_HTML_MARKUP_FACTOR = 20


@dataclass(frozen=True, slots=True)
class _Options:
    date: dt.date | None
    max_chars: int


class _Skip(Exception):
    """A record cannot be used; carries the problem to report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --------------------------------------------------------------------------- public API


def read_articles(
    paths: Sequence[str | os.PathLike[str]],
    *,
    date: dt.date | None = None,
    stdin: TextIO | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | InputProblem]:
    """Yield the articles in ``paths`` in order, and a problem for each bad input.

    ``date`` is the publication date for inputs that carry none (a record's own
    ``date`` wins). ``stdin`` is read for the path ``-`` (default
    ``sys.stdin``). Articles longer than ``max_chars`` characters are refused.
    """
    opts = _Options(date=date, max_chars=max_chars)
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, opts)
        else:
            yield from _read_path(Path(name), name, opts)


def parse_date(value: str, *, where: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (or a full ISO 8601 datetime, keeping its date).

    Raises ValueError naming ``where`` and the expected format.
    """
    parsed = _parse_iso_date(value)
    if parsed is None:
        raise ValueError(
            f"{where}: bad date {value!r}; expected YYYY-MM-DD (ISO 8601), e.g. 2022-06-15"
        )
    return parsed


def parse_byline(line: str) -> tuple[str, str] | None:
    """Read a byline such as ``N.Taylor--TNT`` as ``("N. Taylor", "TNT")``.

    Recognised: ``NAME--OUTLET`` (also with spaces, an en or em dash),
    ``By NAME``, ``By NAME, OUTLET`` and ``(Reporting by NAME ...)``. The outlet
    is ``""`` when the line names none. Returns None for anything else.
    """
    line = " ".join(line.split())
    if not line or len(line) > 120:
        return None
    return _reporting_byline(line) or _dash_byline(line) or _by_byline(line)


# --------------------------------------------------------------------------- bylines

_DASH = re.compile(r"\s*(?:--|\u2014|\u2013)\s*")
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_REPORTING = re.compile(
    r"^\(?\s*(?:reporting|writing|reported) by\s+(?P<names>[^;()]+?)"
    r"(?:\s+in\s+[^;()]+)?\s*(?:[;)].*)?$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_INITIAL_GLUE = re.compile(r"(?<=\b\w\.)(?=\w)")
_PARTICLES = frozenset("van von de der den da di del du dos das la le bin ibn al el".split())
_OUTLET_LOWER = frozenset({"of", "the", "de", "du", "for"})  # not "and": it joins names


def _dash_byline(line: str) -> tuple[str, str] | None:
    parts = _DASH.split(_BY.sub("", line), maxsplit=1)
    if len(parts) != 2:
        return None
    names, outlet = (_clean_names(parts[0]), parts[1].strip())
    if names is None or not _is_outlet(outlet):
        return None
    return names, outlet


def _by_byline(line: str) -> tuple[str, str] | None:
    if not _BY.match(line):
        return None
    rest = _BY.sub("", line).strip()
    head, comma, tail = rest.rpartition(",")
    if comma and _is_outlet(tail.strip()):
        names = _clean_names(head)
        if names is not None:
            return names, tail.strip()
    names = _clean_names(rest)
    return (names, "") if names is not None else None


def _reporting_byline(line: str) -> tuple[str, str] | None:
    match = _REPORTING.match(line)
    if match is None:
        return None
    names = _clean_names(match.group("names"))
    return (names, "") if names is not None else None


def _clean_names(text: str) -> str | None:
    """Return the names with a space after each initial, or None if they are not names."""
    text = _INITIAL_GLUE.sub(" ", text.strip().rstrip(","))
    people = [p for p in _NAME_SPLIT.split(text) if p]
    if not people or not all(_is_person(p) for p in people):
        return None
    return " ".join(text.split())


def _is_person(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or tokens[0].lower() in _PARTICLES:
        return False
    words = 0
    for token in tokens:
        if token in _PARTICLES or _is_initial(token):
            continue
        if not _is_capitalised_word(token):
            return False
        words += 1
    return words > 0


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token[0].isupper() and token[1] == "."


def _is_capitalised_word(token: str) -> bool:
    body = token.rstrip(".")  # "Jr."
    return (
        len(body) >= 2
        and body[0].isupper()
        and all(c.isalpha() or c in "'\u2019-" for c in body[1:])
    )


def _is_outlet(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 5:
        return False
    for i, token in enumerate(tokens):
        if i > 0 and token in _OUTLET_LOWER:
            continue
        if not (token[0].isupper() or token[0].isdigit()):
            return False
        if not all(c.isalnum() or c in "&.'\u2019-" for c in token):
            return False
    return True


# --------------------------------------------------------------------------- dates


def _parse_iso_date(value: str) -> dt.date | None:
    value = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if value[10] not in "Tt ":
            return None
        # Python 3.10 does not read the "Z" suffix.
        if value[-1] in "Zz":
            value = value[:-1] + "+00:00"
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _record_date(value: Any, default: dt.date | None) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    parsed = _parse_iso_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise _Skip(
            "bad_date",
            f'bad date {value!r} in the "date" field; expected YYYY-MM-DD (ISO 8601), '
            "e.g. 2022-06-15; fix or remove it (the record was skipped)",
        )
    return parsed


# --------------------------------------------------------------------------- text shaping


def _lines(text: str) -> list[str]:
    """Non-empty lines, stripped: blank lines collapse so paragraphs are one newline apart."""
    return [s for s in (line.strip() for line in text.splitlines()) if s]


def _split_bylines(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """Take a trailing byline (and a ``By ...`` line under the headline) out of the text."""
    byline = outlet = None
    if len(lines) >= 2:
        found = parse_byline(lines[-1])
        if found is not None:
            lines = lines[:-1]
            byline, outlet = found[0], found[1] or None
    if len(lines) >= 3 and _BY.match(lines[1]):
        found = parse_byline(lines[1])
        if found is not None:
            lines = [lines[0], *lines[2:]]
            byline = byline or found[0]
            outlet = outlet or found[1] or None
    return lines, byline, outlet


def _check_size(text: str, opts: _Options) -> None:
    if len(text) > opts.max_chars:
        raise _Skip(
            "too_large",
            f"article is {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            "split it into smaller articles or raise max_chars",
        )


def _plain_article(text: str, *, id: str, source: str, opts: _Options) -> Article:
    lines, byline, outlet = _split_bylines(_lines(text))
    if not lines:
        raise _Skip("empty", "no text, only whitespace; expected an article (headline first)")
    body = "\n".join(lines)
    _check_size(body, opts)
    return Article(
        id=id,
        text=body,
        title=lines[0],
        date=opts.date,
        outlet=outlet,
        byline=byline,
        source=source,
    )


# --------------------------------------------------------------------------- records


def _field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise _Skip(
            "bad_field",
            f"field {name!r} is a JSON {_json_type(value)}; expected a string",
        )
    return value.strip() or None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names = {dict: "object", list: "list", str: "string", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _record_text(record: dict[str, Any]) -> str:
    if "text" not in record or record["text"] is None:
        found = ", ".join(sorted(map(str, record))) or "none"
        raise _Skip(
            "missing_text",
            f'no "text" field (fields found: {found}); each record needs the article in "text"',
        )
    text = record["text"]
    if not isinstance(text, str):
        raise _Skip(
            "missing_text",
            f'"text" is a JSON {_json_type(text)}; expected a string with the article',
        )
    if not text.strip():
        raise _Skip("no_text", '"text" is empty; expected the article text')
    return text


def article_from_record(
    record: Any, *, where: str, default_id: str, date: dt.date | None = None,
    max_chars: int = 1_000_000,
) -> Article | InputProblem:
    """One JSON-like record (``text`` and optional ``id``, ``title``, ``date``, ``url``,
    ``outlet``, ``byline``) as an article, or the problem that stops it.

    >>> article_from_record({"text": "Xi called Putin."}, where="api", default_id="a1")
    """
    return _record_article(record, where=where, default_id=default_id,
                           opts=_Options(date=date, max_chars=max_chars))


def _record_article(
    record: Any, *, where: str, default_id: str, opts: _Options
) -> Article | InputProblem:
    try:
        if not isinstance(record, dict):
            raise _Skip(
                "not_object",
                f'found a JSON {_json_type(record)}; expected an object with a "text" field',
            )
        return _build_record(record, where=where, default_id=default_id, opts=opts)
    except _Skip as skip:
        return InputProblem(where, skip.code, skip.message)


def _build_record(
    record: dict[str, Any], *, where: str, default_id: str, opts: _Options
) -> Article:
    text = _record_text(record)
    fields = {name: _field(record, name) for name in _RECORD_FIELDS}
    date = _record_date(record.get("date"), opts.date)
    lines, byline, outlet = _split_bylines(_lines(text))
    title = fields["title"]
    if title is not None and (not lines or lines[0] != title):
        lines = [title, *lines]
    body = "\n".join(lines)
    _check_size(body, opts)
    return Article(
        id=fields["id"] or default_id,
        text=body,
        title=title,
        date=date,
        url=fields["url"],
        outlet=fields["outlet"] or outlet,
        byline=fields["byline"] or byline,
        source=where,
    )


# --------------------------------------------------------------------------- dispatch


def _extension(path: Path) -> str | None:
    name = path.name.lower()
    return next((ext for ext in _EXTENSIONS if name.endswith(ext)), None)


def _stem(path: Path, ext: str) -> str:
    return path.name[: -len(ext)] if ext else path.stem


def _read_path(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    if path.is_dir():
        yield from _read_directory(path, opts)
        return
    if not path.exists():
        yield InputProblem(
            where, "not_found", "no such file or directory; check the path and spelling"
        )
        return
    ext = _extension(path)
    if ext is None:
        yield InputProblem(
            where,
            "unknown_extension",
            f"unknown extension {path.suffix.lower() or '(none)'!r}; tidings reads {SUPPORTED}",
        )
        return
    try:
        yield from _READERS[ext](path, where, opts)
    except OSError as err:
        yield InputProblem(where, "unreadable", f"cannot read the file ({err.strerror or err})")


def _read_directory(root: Path, opts: _Options) -> Iterator[Article | InputProblem]:
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    readable = [p for p in files if _extension(p) is not None]
    for skipped in sorted(set(files) - set(readable)):
        logger.debug("skipping %s: not a known article format", skipped)
    if not readable:
        yield InputProblem(
            str(root), "empty", f"directory holds no readable files; tidings reads {SUPPORTED}"
        )
    for path in readable:
        yield from _read_path(path, str(path), opts)


# --------------------------------------------------------------------------- whole files


def _decode(data: bytes) -> str:
    """Decode a whole file, or raise _Skip for binary or non-UTF-8 content."""
    if b"\0" in data[:_BINARY_SNIFF]:
        raise _Skip("binary", "looks like a binary file (NUL bytes); expected UTF-8 text")
    return _utf8(data, 0)


def _utf8(data: bytes, offset: int) -> str:
    """Decode UTF-8 (a BOM at the start of the file is dropped); name the bad byte's offset."""
    try:
        return data.decode("utf-8-sig" if offset == 0 else "utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise _Skip(
            "not_utf8",
            f"not valid UTF-8 (byte 0x{bad} at byte offset {offset + err.start}); "
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8 IN > OUT",
        ) from None


def _read_article_file(path: Path, opts: _Options) -> str:
    if path.stat().st_size > 4 * opts.max_chars + 4:  # UTF-8 takes at most 4 bytes a character
        raise _Skip(
            "too_large",
            f"file is {path.stat().st_size:,} bytes, over the limit of {opts.max_chars:,} "
            "characters; split it into smaller articles or raise max_chars",
        )
    text = _decode(path.read_bytes())
    if not text.strip():
        raise _Skip("empty", "file is empty; expected an article (headline on the first line)")
    return text


def _read_txt(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    try:
        text = _read_article_file(path, opts)
        yield _plain_article(text, id=_stem(path, ".txt"), source=where, opts=opts)
    except _Skip as skip:
        yield InputProblem(where, skip.code, skip.message)


def _read_html(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    try:
        yield _html_article(path, where, opts)
    except _Skip as skip:
        yield InputProblem(where, skip.code, skip.message)


def _html_article(path: Path, where: str, opts: _Options) -> Article:
    size = path.stat().st_size
    if size > _HTML_MARKUP_FACTOR * opts.max_chars:
        raise _Skip(
            "too_large",
            f"HTML file is {size:,} bytes, too big for an article of at most "
            f"{opts.max_chars:,} characters; raise max_chars if it is one",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise _Skip("empty", "file is empty; expected an HTML page with an article")
    html: str | bytes
    try:
        html = _decode(raw)
    except _Skip as skip:
        if skip.code != "not_utf8":
            raise
        html = raw  # web pages declare their own charset; trafilatura reads it from the bytes
    doc = _extract_html(html)
    body = (doc.get("text") or "").strip()
    if not body:
        raise _Skip(
            "no_article_body",
            "no article text found in the page (only navigation or boilerplate?); "
            "save the article page itself, or give the text as .txt",
        )
    lines, byline, outlet = _split_bylines(_lines(body))
    title = (doc.get("title") or "").strip() or None
    if title is not None and lines[0] != title:
        lines = [title, *lines]
    text = "\n".join(lines)
    _check_size(text, opts)
    date = _parse_iso_date(doc["date"]) if isinstance(doc.get("date"), str) else None
    return Article(
        id=_stem(path, _extension(path) or ""),
        text=text,
        title=title,
        date=date or opts.date,
        url=doc.get("url") or None,
        outlet=doc.get("sitename") or outlet,
        byline=doc.get("author") or byline,
        source=where,
    )


def _extract_html(html: str | bytes) -> dict[str, Any]:
    import trafilatura  # heavy: only when HTML is read

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return {
        k: getattr(doc, k, None) for k in ("text", "title", "date", "url", "sitename", "author")
    }


def _read_json(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    try:
        text = _read_records_file(path)
        data = json.loads(text)
    except _Skip as skip:
        yield InputProblem(where, skip.code, skip.message)
        return
    except json.JSONDecodeError as err:
        yield InputProblem(
            where,
            "bad_json",
            f"not valid JSON ({err.msg} at line {err.lineno} column {err.colno}); "
            'the file must hold one JSON object, or a list of objects, with a "text" field',
        )
        return
    stem = _stem(path, ".json")
    if not isinstance(data, list):
        yield _record_article(data, where=where, default_id=stem, opts=opts)
        return
    if not data:
        yield InputProblem(
            where, "empty", 'the list is empty; expected objects with a "text" field'
        )
    for number, record in enumerate(data, start=1):
        yield _record_article(
            record, where=f"{where}#{number}", default_id=f"{stem}:{number}", opts=opts
        )


def _read_records_file(path: Path) -> str:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise _Skip("empty", 'file is empty; expected records with a "text" field')
    return text


def _read_csv(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    try:
        text = _read_records_file(path)
    except _Skip as skip:
        yield InputProblem(where, skip.code, skip.message)
        return
    yield from _csv_records(text, where, _stem(path, ".csv"), opts)


def _csv_records(
    text: str, where: str, stem: str, opts: _Options
) -> Iterator[Article | InputProblem]:
    # The csv module's default 128 KiB field limit is below max_chars; the real
    # limit is checked per article.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
        if "text" not in header:
            yield InputProblem(
                where,
                "missing_text",
                f'no "text" column (columns: {", ".join(header)}); the first row must name '
                'the columns, one of them "text"',
            )
            return
        yield from _csv_rows(reader, header, where, stem, opts)
    except csv.Error as err:
        yield InputProblem(
            f"{where}:{reader.line_num}", "bad_csv", f"not valid CSV ({err}); check the quoting"
        )


def _csv_rows(
    reader: Any, header: list[str], where: str, stem: str, opts: _Options
) -> Iterator[Article | InputProblem]:
    count = 0
    while True:
        start = reader.line_num + 1
        row = next(reader, None)
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        line_where = f"{where}:{start}"
        if len(row) > len(header):
            yield InputProblem(
                line_where,
                "bad_csv",
                f"row has {len(row)} fields but the header has {len(header)}; "
                "put fields that contain commas in double quotes",
            )
            continue
        # An empty "text" cell is kept so it is reported as no text, not a missing column.
        record = {k: v for k, v in zip(header, row, strict=False) if v.strip() or k == "text"}
        yield _record_article(record, where=line_where, default_id=f"{stem}:{start}", opts=opts)
    if count == 0:
        yield InputProblem(where, "empty", "the CSV has a header but no rows")


# --------------------------------------------------------------------------- JSON lines


def _read_jsonl(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    with path.open("rb") as stream:
        yield from _jsonl_records(_decoded_lines(stream, where), where, _stem(path, ".jsonl"), opts)


def _read_jsonl_gz(path: Path, where: str, opts: _Options) -> Iterator[Article | InputProblem]:
    with gzip.open(path, "rb") as stream:
        lines = _decoded_lines(stream, where)
        yield from _jsonl_records(lines, where, _stem(path, ".jsonl.gz"), opts)


def _decoded_lines(stream: Iterable[bytes], where: str) -> Iterator[tuple[int, str] | InputProblem]:
    """Yield ``(line number, text)`` per line, or a problem for a line that is not UTF-8.

    Decoding line by line keeps one bad line from losing the others; a broken
    gzip stream ends the file with a problem after the lines read so far.
    """
    offset = number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if offset < _BINARY_SNIFF and b"\0" in raw:
                yield InputProblem(
                    where,
                    "binary",
                    "looks like a binary file (NUL bytes); expected UTF-8 JSON lines",
                )
                return
            try:
                yield number, _utf8(raw, offset)
            except _Skip as skip:
                yield InputProblem(f"{where}:{number}", skip.code, skip.message)
            offset += len(raw)
    except EOFError:
        yield InputProblem(
            where,
            "truncated_gzip",
            f"the compressed file ends early, inside line {number + 1}; the lines before it "
            "were read; re-download or re-compress the file",
        )
    except (gzip.BadGzipFile, zlib.error) as err:
        yield InputProblem(
            where, "bad_gzip", f"not a readable gzip file ({err}); expected gzip-compressed JSONL"
        )


def _jsonl_records(
    lines: Iterable[tuple[int, str] | InputProblem], where: str, stem: str, opts: _Options
) -> Iterator[Article | InputProblem]:
    count = 0
    for item in lines:
        if isinstance(item, InputProblem):
            count += 1
            yield item
            if item.code == "binary":
                return
            continue
        number, line = item
        if not line.strip():
            continue  # blank lines are allowed between records
        count += 1
        yield _jsonl_record(line, f"{where}:{number}", f"{stem}:{number}", opts)
    if count == 0:
        yield InputProblem(where, "empty", f"no records; {_JSONL_HINT}")


def _jsonl_record(line: str, where: str, default_id: str, opts: _Options) -> Article | InputProblem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return InputProblem(
            where, "bad_json", f"not valid JSON ({err.msg} at column {err.colno}); {_JSONL_HINT}"
        )
    return _record_article(record, where=where, default_id=default_id, opts=opts)


# --------------------------------------------------------------------------- standard input


def _read_stdin(stream: TextIO, opts: _Options) -> Iterator[Article | InputProblem]:
    where = _STDIN_WHERE
    try:
        text = stream.read()
    except UnicodeDecodeError:
        yield InputProblem(
            where,
            "not_utf8",
            "standard input is not valid UTF-8; convert it, e.g. iconv -f latin1 -t utf-8",
        )
        return
    # Undecodable bytes survive as lone surrogates when stdin uses surrogateescape.
    bad = re.search("[\ud800-\udfff]", text)
    if bad is not None:
        yield InputProblem(
            where,
            "not_utf8",
            f"standard input is not valid UTF-8 (at character {bad.start()}); "
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
        )
        return
    if "\0" in text[:_BINARY_SNIFF]:
        yield InputProblem(where, "binary", "standard input looks binary (NUL bytes)")
        return
    if text.lstrip().startswith("{"):
        numbered = enumerate(text.splitlines(), start=1)
        yield from _jsonl_records(numbered, where, "stdin", opts)
        return
    if not text.strip():
        yield InputProblem(where, "empty", "standard input is empty; expected an article or JSONL")
        return
    try:
        yield _plain_article(text, id="stdin", source=where, opts=opts)
    except _Skip as skip:
        yield InputProblem(where, skip.code, skip.message)


_READERS = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".jsonl.gz": _read_jsonl_gz,
    ".csv": _read_csv,
}
