"""The quality floor: event F1 on the held-out test split may not fall below the recorded baseline.

``data/gold/baseline.json`` holds the best test-split F1 measured so far. Raise it (append to its
``history``) when the coder improves; never lower it. A failure prints the per-type figures and the
confusion table so the regression is easy to locate.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tidings.evaluate import evaluate_file, report

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "data" / "gold" / "baseline.json"
TEST_SPLIT = REPO / "data" / "gold" / "sentences" / "test.jsonl"
TOLERANCE = 0.02  # room for harmless noise, e.g. a new model build shifting a parse or two


def _baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def test_test_split_f1_stays_above_the_floor(pipeline: Pipeline) -> None:
    baseline = _baseline()["test_f1"]
    scores = evaluate_file(TEST_SPLIT, pipeline=pipeline)
    floor = baseline - TOLERANCE
    if scores.f1 < floor:
        pytest.fail(
            f"event F1 on {TEST_SPLIT.name} is {scores.f1:.3f}, below the floor {floor:.3f} "
            f"(baseline {baseline:.3f} in {BASELINE.name} minus {TOLERANCE}).\n"
            f"Run `tidings eval {TEST_SPLIT.relative_to(REPO)} --show-misses` for details.\n\n"
            + report(scores),
            pytrace=False,
        )
    if scores.f1 > baseline + TOLERANCE:
        warnings.warn(f"test-split F1 {scores.f1:.3f} is well above the baseline {baseline:.3f}: "
                      f"raise it in {BASELINE.relative_to(REPO)}", stacklevel=1)


def test_baseline_history_only_goes_up() -> None:
    data = _baseline()
    history = [entry["test_f1"] for entry in data["history"]]
    assert history, "the baseline needs at least one history entry"
    assert history == sorted(history), f"the baseline was lowered: {history}"
    assert data["test_f1"] == history[-1], "test_f1 must be the last history entry"
    assert data["updated"] == data["history"][-1]["updated"]


def _committed_baselines() -> list[float]:
    """test_f1 of every committed version of the baseline, oldest first (read-only git)."""
    rel = BASELINE.relative_to(REPO).as_posix()
    revs = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.split()
    values = []
    for rev in reversed(revs):
        shown = subprocess.run(["git", "show", f"{rev}:{rel}"], cwd=REPO, capture_output=True,
                               text=True)
        if shown.returncode == 0:  # the file was deleted in that commit
            values.append(float(json.loads(shown.stdout)["test_f1"]))
    return values


def test_baseline_never_lowered_in_git_history() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: cannot read earlier baselines")
    values = [*_committed_baselines(), _baseline()["test_f1"]]
    assert values == sorted(values), f"the baseline went down across commits: {values}"
