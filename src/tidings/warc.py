"""Reading articles from WARC archives (``.warc``, ``.warc.gz``).

Each ``response`` record whose payload is HTML becomes an article: the page
goes through trafilatura for its text and metadata, the record's target URI is
its URL. A record that cannot be used becomes an
:class:`~tidings.records.InputProblem` naming the file and record number.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.records import Article, InputProblem

__all__ = ["WARC_EXTENSIONS", "is_warc", "read_warc"]

logger = logging.getLogger(__name__)

WARC_EXTENSIONS = (".warc", ".warc.gz")
MAX_PAGE_BYTES = 20_000_000


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_EXTENSIONS)


def read_warc(path: Path, *, date: dt.date | None = None,
              max_chars: int = 1_000_000) -> Iterator[Article | InputProblem]:
    """Yield an article per HTML response record of the archive, a problem per bad one."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    found = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                found += 1
                yield _record_article(record, f"{where}#{number}", date, max_chars)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        yield InputProblem(where, "bad_warc",
                           f"not a readable WARC file ({err}); records before the damage were read")
        return
    if found == 0:
        yield InputProblem(where, "empty", "the WARC file holds no HTML response records")


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    kind = headers.get_header("Content-Type") if headers is not None else None
    return kind is not None and "html" in kind.lower()


def _record_article(record: Any, where: str, date: dt.date | None,
                    max_chars: int) -> Article | InputProblem:
    url = record.rec_headers.get_header("WARC-Target-URI")
    raw = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        return InputProblem(where, "too_large", f"page is over {MAX_PAGE_BYTES:,} bytes")
    doc = _extract(raw)
    body = (doc.get("text") or "").strip()
    if not body:
        return InputProblem(where, "no_article_body",
                            f"no article text found in the page {url or ''} "
                            "(only navigation or boilerplate?)")
    title = (doc.get("title") or "").strip() or None
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title is not None and lines[0] != title:
        lines.insert(0, title)
    text = "\n".join(lines)
    if len(text) > max_chars:
        return InputProblem(where, "too_large",
                            f"article is {len(text):,} characters, over {max_chars:,}")
    return Article(
        id=str(record.rec_headers.get_header("WARC-Record-ID") or where).strip("<>"),
        text=text, title=title, date=_when(doc, record, date), url=url or None,
        outlet=doc.get("sitename") or None, byline=doc.get("author") or None, source=where,
    )


def _when(doc: dict[str, Any], record: Any, default: dt.date | None) -> dt.date | None:
    # The page's own date wins, then --date; the crawl date is a fallback close to publication.
    return (_iso_date(doc.get("date")) or default
            or _iso_date(record.rec_headers.get_header("WARC-Date")))


def _iso_date(value: Any) -> dt.date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _extract(raw: bytes) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, include_comments=False, with_metadata=True)
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return {k: getattr(doc, k, None) for k in ("text", "title", "date", "url", "sitename",
                                                "author")}
