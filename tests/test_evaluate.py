"""Tests for tidings.evaluate: matching rules on hand-built events, the report, the CLI, and
agreement with the reference scorer in ../shared/eval (skipped where that folder is absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from tidings.cli_eval import eval_command
from tidings.evaluate import (
    EXTRA,
    MISSING,
    Scores,
    actor_keys,
    evaluate,
    evaluate_file,
    load_gold,
    report,
)

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = REPO / "data" / "gold" / "sentences" / "dev.jsonl"

JSON = dict[str, Any]


def actor(code: str | None, country: str | None = None, org: str | None = None) -> JSON | None:
    """An actor as `tidings code` emits it (only the fields scoring looks at)."""
    if code is None:
        return None
    return {"name": code.title(), "code": code, "country": country, "org": org}


def ev(type_: str, src: str | None, tgt: str | None, date: str | None = None, *,
       src_country: str | None = None, tgt_country: str | None = None) -> JSON:
    return {"type": type_, "source": actor(src, src_country), "target": actor(tgt, tgt_country),
            "date": date, "sentence": "The sentence."}


def gold(source: str, types: str, target: str, *, undirected: bool = False,
         optional: bool = False, date: str | None = None) -> JSON:
    out: JSON = {"source": source, "types": types.split("/"), "target": target,
                 "undirected": undirected, "optional": optional}
    if date is not None:
        out["date"] = date
    return out


def item(golds: list[JSON], id_: str = "x1") -> JSON:
    return {"id": id_, "date": "2024-01-02", "text": "Some sentence.", "gold": golds}


# (gold events, emitted events, expected Scores fields)
CASES: list[Any] = [
    pytest.param([gold("CHN", "CONSULT", "RUS")], [ev("CONSULT", "CHNGOV", "RUSGOV")],
                 {"tp": 1, "fp": 0, "fn": 0, "f1": 1.0}, id="exact-match-by-code-prefix"),
    pytest.param([gold("CHN", "CONSULT", "RUS")], [ev("consult", "CHN", "RUS")],
                 {"tp": 1}, id="emitted-type-case-ignored"),
    pytest.param([gold("CHN", "CONSULT", "RUS")], [ev("ACCUSE", "CHN", "RUS")],
                 {"tp": 0, "fp": 1, "fn": 1, "confusion": {"CONSULT": {"ACCUSE": 1}}},
                 id="wrong-type-is-confusion"),
    pytest.param([gold("CHN", "CONSULT", "RUS", undirected=True)], [ev("CONSULT", "RUS", "CHN")],
                 {"tp": 1, "fp": 0}, id="undirected-either-way"),
    pytest.param([gold("CHN", "CONSULT", "RUS")], [ev("CONSULT", "RUS", "CHN")],
                 {"tp": 0, "fp": 1, "fn": 1, "actor_ok": 0, "actor_n": 1,
                  "confusion": {"CONSULT": {MISSING: 1}, EXTRA: {"CONSULT": 1}}},
                 id="directed-swap-is-actor-error"),
    pytest.param([gold("USA", "ACCUSE", "*")], [ev("ACCUSE", "USA", None)],
                 {"tp": 1}, id="star-matches-no-target"),
    pytest.param([gold("USA", "ACCUSE", "RUS|UKR")], [ev("ACCUSE", "USA", "UKRMIL")],
                 {"tp": 1}, id="alternative-codes"),
    pytest.param([gold("EU", "SANCTION", "IRN")], [ev("SANCTION", "IGOEUREEC", "IRN")],
                 {"tp": 1}, id="org-alias"),
    pytest.param([gold("SRB", "ACCUSE", "XKX")],
                 [ev("ACCUSE", "SRB", "KOSGOV", tgt_country="KOS")], {"tp": 1},
                 id="country-alias"),
    pytest.param([gold("CHN", "AGREE/SUPPORT", "RUS")], [ev("SUPPORT", "CHN", "RUS")],
                 {"tp": 1, "confusion": {"AGREE": {"AGREE": 1}}}, id="second-accepted-type"),
    pytest.param([gold("ISR", "ASSAULT", "PSE")],
                 [ev("ASSAULT", "ISR", "PSE"), ev("ASSAULT", "ISRMIL", "PSE")],
                 {"tp": 1, "fp": 1}, id="different-actor-keys-not-a-duplicate"),
    pytest.param([gold("ISR", "ASSAULT", "PSE")],
                 [ev("ASSAULT", "ISR", "PSE"), ev("ASSAULT", "ISR", "PSE")],
                 {"tp": 1, "fp": 0, "precision": 1.0}, id="duplicate-of-match-not-counted"),
    pytest.param([gold("USA", "CONSULT", "QAT", optional=True)], [ev("CONSULT", "USA", "QAT")],
                 {"tp": 0, "fp": 0, "fn": 0}, id="optional-coded-is-free"),
    pytest.param([gold("USA", "CONSULT", "QAT", optional=True)], [],
                 {"tp": 0, "fp": 0, "fn": 0}, id="optional-missed-is-free"),
    pytest.param([gold("USA", "CONSULT", "*", optional=True), gold("USA", "CONSULT", "QAT")],
                 [ev("CONSULT", "USA", "QAT")], {"tp": 1, "fn": 0},
                 id="required-events-match-first"),
    pytest.param([], [ev("PROTEST", "FRA", "FRA"), ev("PROTEST", "FRA", "FRA")],
                 {"fp": 2, "fp_on_negatives": 2, "negatives": 1, "f1": 0.0,
                  "confusion": {EXTRA: {"PROTEST": 2}}}, id="negative-item"),
    pytest.param([gold("DEU", "AGREE", "POL", date="2021-06-02")],
                 [ev("AGREE", "DEU", "POL", "2021-06-02")], {"date_ok": 1, "date_n": 1},
                 id="date-right"),
    pytest.param([gold("DEU", "AGREE", "POL", date="2021-06-02")],
                 [ev("AGREE", "DEU", "POL", "2021-06-03")], {"tp": 1, "date_ok": 0, "date_n": 1},
                 id="date-wrong-still-matches"),
    pytest.param([gold("DEU", "AGREE", "POL"), gold("FRA", "AGREE", "POL")],
                 [ev("AGREE", "DEU", "POL"), ev("REJECT", "ITA", "POL")],
                 {"tp": 1, "fp": 1, "fn": 1, "type_tp": 1, "type_fp": 1, "type_fn": 0},
                 id="type-only-counts-distinct-types"),
]


@pytest.mark.parametrize(("golds", "events", "expected"), CASES)
def test_matching(golds: list[JSON], events: list[JSON], expected: JSON) -> None:
    scores = evaluate([item(golds)], {"x1": events})
    got = {name: getattr(scores, name) for name in expected}
    assert got == expected


def test_per_type_figures_split_by_gold_and_emitted_type() -> None:
    records = [item([gold("CHN", "CONSULT", "RUS")], "a"),
               item([gold("USA", "ACCUSE", "IRN")], "b")]
    predicted = {"a": [ev("CONSULT", "CHN", "RUS")], "b": [ev("THREATEN", "USA", "IRN")]}
    scores = evaluate(records, predicted)
    per = {t: (s.tp, s.fp, s.fn) for t, s in scores.per_type.items()}
    assert per == {"CONSULT": (1, 0, 0), "ACCUSE": (0, 0, 1), "THREATEN": (0, 1, 0)}
    assert scores.per_type["ACCUSE"].recall == 0.0


def test_unknown_item_ids_count_as_nothing_coded() -> None:
    scores = evaluate([item([gold("CHN", "CONSULT", "RUS")])], {"other": [ev("CONSULT", "CHN",
                                                                             "RUS")]})
    assert (scores.tp, scores.fn, scores.fp) == (0, 1, 0)


@pytest.mark.parametrize(("emitted", "key"), [
    pytest.param({"code": "CHNGOV"}, "CHN", id="code-prefix"),
    pytest.param({"org": "NATO", "code": "IGOWSTNAT"}, "NATO", id="org"),
    pytest.param({"name": "United Nations", "code": "IGOUNO"}, "UN", id="name-alias"),
    pytest.param({"country": "pal"}, "PSE", id="lower-case-country-alias"),
])
def test_actor_keys(emitted: JSON, key: str) -> None:
    assert key in actor_keys(emitted)


def test_report_lists_types_and_misses() -> None:
    scores = evaluate([item([gold("CHN", "CONSULT", "RUS")])], {"x1": [ev("ACCUSE", "CHN",
                                                                          "RUS")]})
    text = report(scores, show_misses=True)
    assert "x1 MISS CONSULT CHN -> RUS (coded as ACCUSE) | The sentence." in text
    assert "x1 EXTRA ACCUSE CHN -> RUS | The sentence." in text
    assert re.search(r"^CONSULT +0 +0 +1 ", text, re.M)
    assert text.rstrip().endswith("F1=0.000 P=0.000 R=0.000")


@pytest.mark.parametrize(("line", "message"), [
    pytest.param("{not json", "not valid JSON", id="bad-json"),
    pytest.param('{"id": "a", "text": "t"}', 'missing "gold"', id="no-gold"),
    pytest.param('{"id": "a", "text": "t", "gold": [{"source": "A", "target": "B"}]}',
                 '"types"', id="no-types"),
    pytest.param('{"id": "a", "text": "t", "gold": [{"types": ["AGREE"], "target": "B"}]}',
                 '"source"', id="no-source"),
])
def test_load_gold_rejects_malformed_lines(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        load_gold(path)


# ------------------------------------------------------- with the model (`pipeline` is in conftest)


@pytest.fixture(scope="module")
def dev_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 dev items spread over the file, so negatives, dates and optional events all occur."""
    lines = [ln for ln in DEV.read_text(encoding="utf-8").splitlines() if ln.strip()]
    path = tmp_path_factory.mktemp("eval") / "dev40.jsonl"
    path.write_text("\n".join(lines[::4][:40]) + "\n", encoding="utf-8")
    return path


def test_cli_eval_table_and_json(dev_subset: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(eval_command, [str(dev_subset), "--show-misses"])
    assert table.exit_code == 0, table.output
    assert re.search(r"^F1=\d\.\d{3} P=\d\.\d{3} R=\d\.\d{3}$", table.output, re.M)
    as_json = runner.invoke(eval_command, [str(dev_subset), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["items"] == 40 and "misses" not in data


def _reference(gold_path: Path) -> dict[str, Any]:
    """Run the reference scorer (it calls this interpreter's tidings) and read its figures."""
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), "--show-misses",
         "--tidings", f"{sys.executable} -m tidings"],
        capture_output=True, text=True, timeout=600, check=True,
    )
    out = proc.stdout
    figures = re.search(r"^F1=(\S+) P=(\S+) R=(\S+)$", out, re.M)
    types = re.search(r"^type-only F1=(\S+) \(P=(\S+) R=(\S+)\); dates (\d+)/(\d+)$", out, re.M)
    counts = re.search(r"gold=(\d+) predicted_unmatched=(\d+) negatives=(\d+) "
                       r"fp_on_negatives=(\d+)", out)
    recall = re.search(r"^per-type recall: (.*)$", out, re.M)
    assert figures and types and counts and recall, out
    return {
        "f1/p/r": figures.groups(), "type f1/p/r": types.groups()[:3],
        "dates": (int(types[4]), int(types[5])), "counts": tuple(map(int, counts.groups())),
        "per-type recall": recall[1],
        "misses": Counter(tuple(ln.split()[:2]) for ln in out.splitlines()
                          if re.match(r"^\S+ (MISS|EXTRA) ", ln)),
    }


def _ours(s: Scores) -> dict[str, Any]:
    return {
        "f1/p/r": (f"{s.f1:.3f}", f"{s.precision:.3f}", f"{s.recall:.3f}"),
        "type f1/p/r": (f"{s.type_f1:.3f}", f"{s.type_precision:.3f}", f"{s.type_recall:.3f}"),
        "dates": (s.date_ok, s.date_n), "counts": (s.gold, s.fp, s.negatives, s.fp_on_negatives),
        "per-type recall": ", ".join(f"{t.type} {t.tp}/{t.tp + t.fn}"
                                     for t in s.per_type.values() if t.tp + t.fn),
        "misses": Counter((m.item, m.kind) for m in s.misses),
    }


def test_agrees_with_reference_scorer(dev_subset: Path, pipeline: Pipeline) -> None:
    if not SCORER.is_file():
        pytest.skip(f"reference scorer not found at {SCORER} (../shared is absent here)")
    assert _ours(evaluate_file(dev_subset, pipeline=pipeline)) == _reference(dev_subset)
