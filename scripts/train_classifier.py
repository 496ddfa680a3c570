"""Train the sentence type classifier shipped in ``src/tidings/data/model/types.tsv``.

    PYTHONPATH=src python scripts/train_classifier.py            # rewrites the shipped weights
    PYTHONPATH=src python scripts/train_classifier.py --out /tmp/types.tsv --limit 100

Reads our ``data/gold/sentences/train.jsonl`` only (never dev or test). Each item's labels are the
main PLOVER types of its gold events (none for a negative item); its features are
:func:`tidings.stages.classify.features` over its sentences. The model is one logistic regression
per type with an L2 penalty, fitted by full-batch gradient descent from zero weights for a fixed
number of steps: no randomness, so the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy as np

from tidings.stages.classify import features
from tidings.stages.parse import load_nlp, sentences_of

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO / "data" / "gold" / "sentences" / "train.jsonl"
OUT = REPO / "src" / "tidings" / "data" / "model" / "types.tsv"
MIN_COUNT = 2  # a feature seen in one training sentence only is noise
L2 = 0.001
STEPS = 2000
RATE = 2.0
DIGITS = 3  # rounding keeps the file small and the same across machines
KEEP = 0.005  # smaller weights change no decision and are left out


def fingerprint(train_path: Path = TRAIN) -> str:
    """A digest of everything the weights depend on: the training items and the trigger lexicon
    (whose types are features). Shipped weights whose fingerprint differs are stale."""
    digest = hashlib.sha256(train_path.read_bytes())
    lexicon = REPO / "src" / "tidings" / "data" / "lexicon" / "triggers"
    for path in sorted(lexicon.glob("*.tsv")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def load(path: Path, limit: int | None) -> list[dict[str, object]]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return items[:limit] if limit else items


def featurise(items: list[dict[str, object]]) -> list[list[str]]:
    nlp = load_nlp()
    out = []
    for doc in nlp.pipe(str(item["text"]) for item in items):
        out.append(sorted({f for sent in sentences_of(doc) for f in features(sent)}))
    return out


def labels_of(item: dict[str, object]) -> set[str]:
    gold = item["gold"]
    assert isinstance(gold, list)
    return {str(g["types"][0]) for g in gold if not g.get("optional")}


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression: weights (features x types) and biases (types)."""
    n, f = x.shape
    w = np.zeros((f, y.shape[1]))
    b = np.zeros(y.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= RATE * (x.T @ grad / n + L2 * w)
        b -= RATE * grad.mean(axis=0)
    return w, b


def train(items: list[dict[str, object]]) -> list[tuple[str, str, float]]:
    feats = featurise(items)
    counts = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    column = {f: i for i, f in enumerate(vocab)}
    types = sorted({t for item in items for t in labels_of(item)})
    x = np.zeros((len(items), len(vocab)))
    y = np.zeros((len(items), len(types)))
    for row, (item, fs) in enumerate(zip(items, feats, strict=True)):
        for f in fs:
            if f in column:
                x[row, column[f]] = 1.0
        for t in labels_of(item):
            y[row, types.index(t)] = 1.0
    w, b = fit(x, y)
    rows = [("__bias__", t, round(float(b[j]), DIGITS)) for j, t in enumerate(types)]
    for i, f in enumerate(vocab):
        for j, t in enumerate(types):
            weight = round(float(w[i, j]), DIGITS)
            if abs(weight) >= KEEP:
                rows.append((f, t, weight))
    return rows


def write(rows: list[tuple[str, str, float]], path: Path, stamp: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write("# Written by scripts/train_classifier.py from data/gold/sentences/train.jsonl;"
                  " see README.md.\n")
        out.write(f"# fingerprint {stamp}\n")
        out.write("feature\ttype\tweight\n")
        for feature, type_, weight in rows:
            out.write(f"{feature}\t{type_}\t{weight:.{DIGITS}f}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, default=None, help="train on the first N items only")
    args = ap.parse_args()
    items = load(args.train, args.limit)
    write(train(items), args.out, fingerprint(args.train) if not args.limit else "subset")


if __name__ == "__main__":
    main()
