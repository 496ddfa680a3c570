"""The trained type classifier (stages/classify.py) and its training script."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from tidings.pipeline import Pipeline
from tidings.records import Article
from tidings.stages.classify import METHOD, THRESHOLD, TypeClassifier, shipped_classifier
from tidings.stages.parse import load_nlp, sentences_of

REPO = Path(__file__).resolve().parents[2]
PLOVER_TYPES = {
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
    "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
}  # fmt: skip


@pytest.fixture(scope="module")
def with_model() -> Pipeline:
    return Pipeline(classifier=True)


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_classifier",
                                                  REPO / "scripts" / "train_classifier.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_model_loads() -> None:
    model = shipped_classifier()
    assert set(model.types) == PLOVER_TYPES
    assert len(model.weights) > 1000
    size = resources.files("tidings").joinpath("data", "model", "types.tsv")
    assert len(size.read_bytes()) < 3_000_000  # "a few MB at most"


# Sentences the rules leave empty (the reporting frame hides the trigger's subject, or the
# trigger is not in the lexicon) and the classifier codes.
MISSED = [
    # the rules know "bankroll" only with money or a project as its object
    ("Japan is bankrolling the reconstruction of Ukrainian power plants.", ("AID", "JPN", "UKR")),
]


@pytest.mark.parametrize(("text", "expected"), MISSED, ids=[t[:30] for t, _ in MISSED])
def test_codes_what_the_rules_miss(pipeline: Pipeline, with_model: Pipeline, text: str,
                                   expected: tuple[str, str, str]) -> None:
    article = Article(id="m", text=text)
    assert not pipeline.code(article).events  # the rules alone: nothing
    events = with_model.code(article).events
    assert len(events) == 1
    event = events[0]
    assert event.method == METHOD
    assert event.source is not None and event.target is not None
    assert (event.type, event.source.actor.country, event.target.actor.country) == expected
    assert event.cameo and event.trigger.text in text


NEGATIVES = [
    "Heavy rain flooded streets in Manila on Sunday.",
    "The Turkish lira fell sharply against the dollar last week.",
    "Japan's economy grew 1.2 percent in the second quarter, official data showed.",
    "An earthquake of magnitude 6.4 struck off the coast of Chile.",
    "Kenya has more than 40 ethnic groups.",
    "France's former president died in Paris at the age of 86.",
    "Oil prices rose after OPEC published its monthly report.",
    "Snow closed schools across northern Italy on Tuesday.",
    "Canada's population passed 40 million, the statistics agency said.",
    "The Egyptian government did not respond to a request for comment.",
    "Russia's central bank kept interest rates unchanged.",
    "Will Germany send tanks to Ukraine?",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:30] for t in NEGATIVES])
def test_negatives_stay_empty(with_model: Pipeline, text: str) -> None:
    assert not with_model.code(Article(id="n", text=text)).events


def test_rule_events_are_kept(pipeline: Pipeline, with_model: Pipeline) -> None:
    article = Article(id="r", text="Turkey threatened to close its airspace to Israeli planes.\n"
                                   "Denmark said it had expelled two Russian diplomats.")
    rules = pipeline.code(article).events
    both = with_model.code(article).events
    assert [e.method for e in both if not e.method.startswith("model:")] == \
        [e.method for e in rules]
    assert [e.sentence for e in both] == sorted(e.sentence for e in both)


def test_training_reproduces_the_shipped_weights(trainer: ModuleType) -> None:
    """Retraining gives the shipped weights exactly while the training data and the lexicon are
    the ones they were trained on; after a lexicon edit the predictions must still mostly agree
    (rerun scripts/train_classifier.py to refresh them)."""
    items = trainer.load(trainer.TRAIN, None)
    rows = trainer.train(items)
    shipped = resources.files("tidings").joinpath(
        "data", "model", "types.tsv").read_text(encoding="utf-8")
    stamp = next(line.split()[-1] for line in shipped.splitlines()
                 if line.startswith("# fingerprint"))
    retrained = TypeClassifier({"feature": f, "type": t, "weight": str(w)} for f, t, w in rows)
    if stamp == trainer.fingerprint():
        assert retrained.weights == shipped_classifier().weights
        assert retrained.bias == shipped_classifier().bias
        return
    nlp = load_nlp()
    docs = nlp.pipe(str(item["text"]) for item in items[:200])
    agree = 0
    for doc in docs:
        sent = sentences_of(doc)[0]
        mine, theirs = retrained.probabilities(sent), shipped_classifier().probabilities(sent)
        agree += max(mine, key=mine.__getitem__) == max(theirs, key=theirs.__getitem__)
    assert agree >= 180


def test_threshold_is_a_probability() -> None:
    assert 0.0 < THRESHOLD < 1.0
