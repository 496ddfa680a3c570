"""Whole articles against their golden expected events.

Run ``pytest tests/test_golden.py --update-golden`` after an intended change, then read the diff
in ``git diff tests/data/expected``.
"""

from __future__ import annotations

import difflib
import json
from importlib import resources
from pathlib import Path

import pytest

from tidings import io as tio
from tidings.records import Article, CodedArticle

REPO = Path(__file__).resolve().parents[1]
EXPECTED = REPO / "tests" / "data" / "expected"
ARTICLES = REPO / "data" / "gold" / "articles"
SAMPLE = Path(str(resources.files("tidings").joinpath("data", "sample", "sample_article.txt")))


def _dates() -> dict[str, str]:
    lines = (ARTICLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["file"]: r["date"] for r in map(json.loads, lines)}


def _cases() -> list[tuple[Path, str]]:
    dates = _dates()
    cases = [(ARTICLES / name, date) for name, date in sorted(dates.items())]
    return [(SAMPLE, "2023-10-12"), *cases]


def _summary(coded: CodedArticle) -> list[str]:
    """One readable line per event: what a reviewer checks in a diff."""
    lines = []
    for e in coded.events:
        src = e.source.actor.code if e.source else "-"
        tgt = e.target.actor.code if e.target else "-"
        lines.append(f"{e.type} {e.mode or '-'} {src} -> {tgt} | {e.date.date} "
                     f"({e.date.method}) | {e.modality} | {e.trigger.text!r} | s{e.sentence}")
    lines += [f"NOT {n.type} {n.trigger.text!r}: {n.reason}" for n in coded.non_events]
    return lines


def _read(path: Path, date: str) -> Article:
    items = list(tio.read_articles([path], date=tio.parse_date(date, where="test")))
    assert len(items) == 1 and isinstance(items[0], Article)
    return items[0]


@pytest.mark.parametrize(("path", "date"), _cases(), ids=lambda v: getattr(v, "stem", v))
def test_golden_article(pipeline, path: Path, date: str, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    got = _summary(pipeline.code(_read(path, date)))
    target = EXPECTED / f"{path.stem}.json"
    if update_golden or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{target} did not exist; written now, review and commit it")
        return
    want = json.loads(target.read_text(encoding="utf-8"))
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "expected", "got", lineterm=""))
        pytest.fail(f"{path.name} events changed (rerun with --update-golden if intended):\n"
                    f"{diff}")
