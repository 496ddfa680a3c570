"""A small trained classifier that codes what the rules miss (issue #3).

The rules stay first. For a sentence where the rule coder found no event and recorded no negated or
hypothetical candidate, a sentence-level multi-label logistic regression over lemma and dependency
features (``data/model/types.tsv``, trained on our ``train`` split by
``scripts/train_classifier.py``) gives each PLOVER type a probability. Above the threshold, one
event of the most probable type is coded between the sentence's actor mentions: the mention on the
subject side of the main clause is the source, the nearest other party the target. Such events say
so in ``method`` (``model:logreg``) and their trigger is the clause's verb.

>>> classifier = TypeClassifier()
>>> classifier.probabilities(sentence)          # {"ASSAULT": 0.83, ...}
>>> events = ModelCoder(classifier)(doc, article=article, mentions=mentions, events=events,
...                                 non_events=non_events, dates=found, publication=publication)

The pipeline runs it only with ``Pipeline(classifier=True)``: on the development sets it does not
raise F1 (figures in ``data/model/README.md``).
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tidings import ontology
from tidings.records import Article, DateRef, Event, Mention, Modality, NonEvent, Trigger
from tidings.stages.events import INTENT_TO_AGREE, INTENT_TO_THREATEN, MentionIndex, cues
from tidings.stages.parse import sentences_of, text_of
from tidings.tables import package_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

MODEL_FILE = ("data", "model", "types.tsv")
METHOD = "model:logreg"
# Chosen on dev, plover_gsr and petr2 (see data/model/README.md): high, because most sentences
# of an article report no event at all.
THRESHOLD = 0.5
# The CAMEO code an event of each type gets when only the type is known: the type's general code.
GENERIC_CODES = {
    "ACCUSE": "112", "AGREE": "030", "AID": "070", "ASSAULT": "190", "COERCE": "170",
    "CONCEDE": "080", "CONSULT": "040", "COOPERATE": "060", "MOBILIZE": "150", "PROTEST": "140",
    "REJECT": "120", "REQUEST": "100", "RETREAT": "084", "SANCTION": "160", "SUPPORT": "050",
    "THREATEN": "130",
}  # fmt: skip
# Named entities stand for their kind: "Israel" must not teach the model that Israel assaults.
ENTITY_KINDS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
WORD_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "ADP", "PART", "AUX", "PROPN", "NUM"})


# -- features ---------------------------------------------------------------------------------


def _word(token: Token) -> str:
    if token.ent_type_ in ENTITY_KINDS:
        return token.ent_type_
    if token.like_num:
        return "NUM"
    return token.lemma_.lower()


@functools.cache
def lexicon_types() -> dict[tuple[str, str], frozenset[str]]:
    """The PLOVER types each (lemma, POS) of the trigger lexicon can express."""
    codes = ontology.cameo_codes()
    return {key: frozenset(codes[r.cameo].type for r in rules if r.cameo in codes)
            for key, rules in ontology.trigger_rules().items()}


def features(sent: DocSpan) -> list[str]:
    """The features of one sentence: words (lemmas, entity kinds), word pairs, what each verb
    governs (its object, preposition, clausal complement, negation), and the types the trigger
    lexicon gives its words even where a rule's frame did not hold."""
    words = [_word(t) for t in sent if t.pos_ in WORD_POS and not t.is_punct]
    out = {f"w:{w}" for w in words}
    lexicon = lexicon_types()
    for token in sent:
        for type_ in lexicon.get((token.lemma_.lower(), token.pos_), ()):
            out.add(f"x:{type_}")
            if token.dep_ in ("ROOT", "ccomp", "xcomp", "conj"):
                out.add(f"xv:{type_}")
    out |= {f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    for token in sent:
        if token.pos_ not in ("VERB", "NOUN") or token.ent_type_ in ENTITY_KINDS:
            continue
        head = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("dobj", "prep", "xcomp", "prt", "neg", "nsubjpass", "pobj",
                              "compound", "amod"):
                out.add(f"d:{head}>{child.dep_}>{_word(child)}")
        if token.dep_ == "ROOT":
            out.add(f"r:{head}")
    return sorted(out)


# -- the model -------------------------------------------------------------------------------


class TypeClassifier:
    """One-vs-rest logistic regression over :func:`features`, read from ``types.tsv``.

    The file has one row per (feature, type) weight; the feature ``__bias__`` holds each type's
    intercept.
    """

    def __init__(self, rows: Iterable[dict[str, str]] | None = None) -> None:
        self.weights: dict[str, dict[str, float]] = {}
        self.bias: dict[str, float] = {}
        for row in rows if rows is not None else (r for _, r in package_rows(*MODEL_FILE)):
            weight = float(row["weight"])
            if row["feature"] == "__bias__":
                self.bias[row["type"]] = weight
            else:
                self.weights.setdefault(row["feature"], {})[row["type"]] = weight
        self.types = tuple(sorted(self.bias))

    def probabilities(self, sent: DocSpan) -> dict[str, float]:
        """Each type's probability for the sentence."""
        scores = dict(self.bias)
        for feature in features(sent):
            for type_, weight in self.weights.get(feature, {}).items():
                scores[type_] += weight
        return {t: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s)))) for t, s in scores.items()}


@functools.cache
def shipped_classifier() -> TypeClassifier:
    """The classifier shipped in the package, loaded once per process."""
    return TypeClassifier()


# -- the stage --------------------------------------------------------------------------------


class ModelCoder:
    """Codes one event for each sentence the rules left empty and the classifier is sure of."""

    def __init__(self, classifier: TypeClassifier | None = None, *,
                 threshold: float = THRESHOLD) -> None:
        self.classifier = classifier or shipped_classifier()
        self.threshold = threshold
        self.codes = ontology.cameo_codes()
        self.report = cues().get("report", frozenset())
        self.intent = cues().get("intent", frozenset())

    def __call__(
        self,
        doc: Doc,
        *,
        article: Article,
        mentions: Sequence[Mention],
        events: Sequence[Event],
        non_events: Sequence[NonEvent],
        dates: dict[int, list[DateRef]],
        publication: DateRef,
    ) -> list[Event]:
        """The rules' events and the classifier's own, in sentence order."""
        by_sentence: dict[int, list[Event]] = {}
        for event in events:
            by_sentence.setdefault(event.sentence, []).append(event)
        denied = {n.sentence for n in non_events}
        index = MentionIndex(doc, mentions)
        out: list[Event] = []
        for number, sent in enumerate(sentences_of(doc)):
            coded = by_sentence.get(number, [])
            out += coded
            if not coded and number not in denied and not sent.text.rstrip().endswith("?"):
                guessed = self._event(sent, number, article, index, dates.get(number, []),
                                      publication)
                out += [guessed] if guessed is not None else []
        return out

    def _event(self, sent: DocSpan, number: int, article: Article, index: MentionIndex,
               dates: list[DateRef], publication: DateRef) -> Event | None:
        verb = self._main_verb(sent)
        source, target = self._parties(sent, verb, index)
        if source is None:
            return None
        probs = self.classifier.probabilities(sent)
        type_, p = max(probs.items(), key=lambda kv: (kv[1], kv[0]))
        if p < self.threshold:
            return None
        code = self.codes[GENERIC_CODES[type_]]
        intended = self._intended(verb)
        if intended:
            # PLOVER codes a promise of cooperation as AGREE, an announced attack as a threat
            promised = INTENT_TO_AGREE.get(type_, "") or INTENT_TO_THREATEN.get(type_, "")
            code = self.codes[promised or GENERIC_CODES["AGREE"]] \
                if type_ in INTENT_TO_AGREE or type_ in INTENT_TO_THREATEN else code
            type_ = code.type
        doc = sent.doc
        trigger = Trigger(verb.text, verb.idx, verb.idx + len(verb))
        key = (source.actor.code, target.actor.code if target else "")
        raw = f"{article.id}|{trigger.start}|{type_}|{key[0]}|{key[1]}|model"
        modality: Modality = "intended" if intended else \
            "reported" if verb is not sent.root else "asserted"
        return Event(
            id=hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest(),
            type=type_, mode=code.mode, contexts=code.contexts, cameo=code.code,
            goldstein=code.goldstein, source=source, target=target,
            date=next((d for d in dates if d.span is not None), publication),
            sentence=number, sentence_text=sent.text.strip(),
            text=text_of(doc)[sent.start_char:sent.end_char].strip(), trigger=trigger,
            modality=modality, method=METHOD,
        )

    def _intended(self, verb: Token) -> bool:
        """Whether the clause promises or plans rather than reports a deed: "will support",
        "is willing to withdraw", "pledged to send"."""
        chain = [verb]
        while chain[-1].dep_ in ("xcomp", "acomp") and chain[-1].head.i != chain[-1].i:
            chain.append(chain[-1].head)
        chain += [c for c in verb.children if c.dep_ in ("xcomp", "acomp")]
        return any(t.lemma_.lower() in self.intent or any(
            c.dep_ == "aux" and c.lower_ in self.intent for c in t.children) for t in chain)

    def _main_verb(self, sent: DocSpan) -> Token:
        """The root, or what a report verb reports ("X said Y attacked Z": attacked)."""
        root = sent.root
        if root.lemma_.lower() in self.report:
            told = [c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
            if told:
                return told[0]
        return root

    def _parties(self, sent: DocSpan, verb: Token,
                 index: MentionIndex) -> tuple[Mention | None, Mention | None]:
        """Source: a mention on the subject side of the verb (the agent of a passive), else of
        the verb that reports it ("Hungary said it will support"); target: the first other party
        of the clause, else of the sentence. An actor named only by its sector ("the military")
        belongs to no country here and is no target."""
        source = None
        for head in (verb, sent.root):
            side = [c for c in head.children if c.dep_ in SUBJECTS] or \
                [g for c in head.children if c.dep_ == "agent" for g in c.children]
            found = [m for t in side for m in index.within(t) if _placed(m)]
            if found:
                source = found[0]
                break
        if source is None:
            return None, None
        passive = [m for c in verb.children if c.dep_ in PASSIVE_SUBJECTS
                   for m in index.within(c)]
        clause = _ordered(index, verb.subtree)
        for options in (passive, clause, _ordered(index, sent)):
            others = [m for m in options if _placed(m) and not _same(m, source)]
            if others:
                return source, others[0]
        return source, None


def _ordered(index: MentionIndex, tokens: Iterable[Token]) -> list[Mention]:
    out: list[Mention] = []
    for token in tokens:
        for mention in index.at(token):
            if mention not in out:
                out.append(mention)
    return out


def _placed(mention: Mention) -> bool:
    return mention.actor.country is not None or mention.actor.org is not None


def _same(a: Mention, b: Mention) -> bool:
    if a.actor.code == b.actor.code:
        return True
    return a.actor.country is not None and a.actor.country == b.actor.country and \
        (a.actor.sector is None or b.actor.sector is None)
