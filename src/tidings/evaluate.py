"""Score coded events against hand-written gold (the format is described in docs/gold-format.md).

>>> scores = evaluate_file("data/gold/sentences/dev.jsonl")
>>> scores.f1, scores.per_type["AGREE"].recall

The overall figures (precision, recall, F1 on source/type/target triples, type-only F1, dates,
false positives on negatives) follow the conventions of the project's reference scorer, so both
report the same numbers for the same input:

* gold events are matched greedily, required ones first, each to the first unused emitted event
  whose type is accepted and whose actors match (either way round when ``undirected``);
* an optional gold event may consume an emitted event but never counts as missed;
* an emitted event that repeats an already matched (type, source, target) in the same item is
  not a false positive: coders often report one event once per mention.

The diagnostics (per-type figures, type confusion, actor accuracy, misses) are ours.
"""

from __future__ import annotations

import functools
import io
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.tables import package_rows

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

__all__ = [
    "ANY", "EXTRA", "MISSING", "GoldEvent", "GoldItem", "Miss", "Scores", "TypeScores",
    "actor_keys", "actor_matches", "code_items", "evaluate", "evaluate_file", "event_matches",
    "load_gold", "parse_gold", "per_type_lines", "report",
]  # fmt: skip

logger = logging.getLogger(__name__)

ANY = "*"
MISSING = "MISSING"
EXTRA = "EXTRA"
_ACTOR_FIELDS = ("country", "org", "code", "name")
_CODE_PREFIX = 3  # a CAMEO code's first three letters are its country (CHNGOV -> CHN)

EventJSON = Mapping[str, Any]
JSON = dict[str, Any]


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event a coder must (or, when ``optional``, may) extract."""

    source: str
    types: tuple[str, ...]
    target: str
    undirected: bool = False
    optional: bool = False
    date: str | None = None

    @property
    def main_type(self) -> str:
        return self.types[0]


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One text with its gold events; an empty ``gold`` marks a negative item."""

    id: str
    text: str
    date: str | None
    gold: tuple[GoldEvent, ...]
    tags: tuple[str, ...] = ()


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: a gold event must be a JSON object")
    types = raw.get("types")
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        raise ValueError(f'{where}: "types" must be a non-empty list of PLOVER type names')
    for key in ("source", "target"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ValueError(f'{where}: "{key}" must be an actor code or "*"')
    date = raw.get("date")
    return GoldEvent(
        source=raw["source"], types=tuple(types), target=raw["target"],
        undirected=bool(raw.get("undirected", False)), optional=bool(raw.get("optional", False)),
        date=date if isinstance(date, str) else None,
    )


def parse_gold(record: Mapping[str, Any], where: str = "gold") -> GoldItem:
    """One gold line (already decoded from JSON) as a :class:`GoldItem`; ValueError if malformed."""
    for key in ("id", "text", "gold"):
        if key not in record:
            raise ValueError(f'{where}: missing "{key}"')
    if not isinstance(record["gold"], list):
        raise ValueError(f'{where}: "gold" must be a list ([] for a negative item)')
    events = tuple(_gold_event(g, f"{where}: gold[{n}]") for n, g in enumerate(record["gold"]))
    date = record.get("date")
    return GoldItem(
        id=str(record["id"]), text=str(record["text"]),
        date=date if isinstance(date, str) else None, gold=events,
        tags=tuple(str(t) for t in record.get("tags") or ()),
    )


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold JSONL file; blank lines are skipped, a malformed line raises ValueError."""
    items = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{where}: not valid JSON ({e.msg})") from e
            if not isinstance(record, Mapping):
                raise ValueError(f"{where}: expected a JSON object")
            items.append(parse_gold(record, where))
    return items


def _as_item(record: GoldItem | Mapping[str, Any]) -> GoldItem:
    return record if isinstance(record, GoldItem) else parse_gold(record)


# --------------------------------------------------------------------------- matching


@functools.cache
def _canonical_codes() -> dict[str, frozenset[str]]:
    """Alias (upper case) -> the canonical gold codes it also counts as."""
    found: dict[str, set[str]] = {}
    for _, row in package_rows("data", "eval", "aliases.tsv"):
        for alias in row["aliases"].split("|"):
            found.setdefault(alias.strip().upper(), set()).add(row["canonical"])
    return {alias: frozenset(codes) for alias, codes in found.items()}


def actor_keys(actor: Mapping[str, Any] | None) -> frozenset[str]:
    """Every gold code an emitted actor (its JSON) can be scored as."""
    if not actor:
        return frozenset()
    keys = set()
    for name in _ACTOR_FIELDS:
        value = actor.get(name)
        if isinstance(value, str) and value:
            keys.add(value.upper())
            if name == "code" and len(value) >= _CODE_PREFIX:
                keys.add(value[:_CODE_PREFIX].upper())
    aliases = _canonical_codes()
    return frozenset(keys.union(*(aliases.get(k, ()) for k in keys)))


def actor_matches(gold_code: str, actor: Mapping[str, Any] | None) -> bool:
    """Whether an emitted actor satisfies a gold code (``*`` or ``A|B`` alternatives)."""
    if gold_code == ANY:
        return True
    keys = actor_keys(actor)
    return any(code in keys for code in gold_code.split("|"))


def _type(event: EventJSON) -> str:
    return str(event.get("type", "")).upper()


def _actors_match(gold: GoldEvent, event: EventJSON) -> bool:
    src, tgt = event.get("source"), event.get("target")
    if actor_matches(gold.source, src) and actor_matches(gold.target, tgt):
        return True
    return gold.undirected and actor_matches(gold.source, tgt) and actor_matches(gold.target, src)


def event_matches(gold: GoldEvent, event: EventJSON) -> bool:
    """Whether an emitted event (its JSON) matches a gold event: accepted type, matching actors."""
    return _type(event) in gold.types and _actors_match(gold, event)


def _signature(event: EventJSON) -> tuple[Any, frozenset[str], frozenset[str]]:
    return (event.get("type"), actor_keys(event.get("source")), actor_keys(event.get("target")))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class TypeScores:
    """Figures for one PLOVER type: gold events by main type, false positives by emitted type."""

    type: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold event that was not coded (MISS) or an emitted event not in gold (EXTRA)."""

    item: str
    kind: str
    type: str
    source: str
    target: str
    text: str
    note: str = ""

    def line(self, width: int = 110) -> str:
        """One readable line: ``s-0003 MISS AGREE DEU -> POL (note) | sentence``."""
        note = f" ({self.note})" if self.note else ""
        head = f"{self.item} {self.kind} {self.type} {self.source} -> {self.target}{note}"
        return f"{head} | {' '.join(self.text.split())[:width]}"


@dataclass(frozen=True, slots=True)
class Scores:
    """Everything :func:`evaluate` measures; ``confusion[gold_type][predicted_type]`` counts."""

    items: int
    negatives: int
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    type_tp: int
    type_fp: int
    type_fn: int
    type_precision: float
    type_recall: float
    type_f1: float
    actor_ok: int
    actor_n: int
    date_ok: int
    date_n: int
    fp_on_negatives: int
    per_type: dict[str, TypeScores]
    confusion: dict[str, dict[str, int]]
    misses: tuple[Miss, ...]

    @property
    def gold(self) -> int:
        """Required gold events."""
        return self.tp + self.fn

    @property
    def actor_accuracy(self) -> float | None:
        """Share of gold events coded with an accepted type whose actors were also right."""
        return self.actor_ok / self.actor_n if self.actor_n else None

    @property
    def date_accuracy(self) -> float | None:
        """Share of matched gold events that carry a date whose date was right."""
        return self.date_ok / self.date_n if self.date_n else None

    def to_json(self) -> JSON:
        """A JSON-ready dict (``tidings eval --format json``)."""
        out: JSON = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["gold"] = self.gold
        out["actor_accuracy"] = self.actor_accuracy
        out["date_accuracy"] = self.date_accuracy
        out["per_type"] = {t: _fields(s) for t, s in self.per_type.items()}
        out["misses"] = [_fields(m) for m in self.misses]
        return out


def _fields(obj: TypeScores | Miss) -> JSON:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------- scoring


def _label(actor: Mapping[str, Any] | None) -> str:
    if not actor:
        return "-"
    return str(actor.get("code") or actor.get("country") or actor.get("org") or "?")


def _sentence(event: EventJSON, default: str) -> str:
    """The sentence an event was coded from, else the item's text (gold has no sentence)."""
    sentence = event.get("sentence")
    return sentence if isinstance(sentence, str) and sentence else default


@dataclass
class _Item:
    """The matching of one item: which gold event took which emitted event."""

    gold: GoldItem
    events: Sequence[EventJSON]
    matched: list[tuple[GoldEvent, int]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    extras: list[int] = field(default_factory=list)


def _match(item: GoldItem, events: Sequence[EventJSON]) -> _Item:
    out = _Item(item, events)
    used: set[int] = set()
    # Required events pick first, so an optional one cannot take the event a required one needs.
    for g in sorted(item.gold, key=lambda g: g.optional):
        hit = next((i for i, e in enumerate(events) if i not in used and event_matches(g, e)),
                   None)
        if hit is not None:
            used.add(hit)
        if g.optional:
            continue
        if hit is None:
            out.missed.append(g)
        else:
            out.matched.append((g, hit))
    matched = {_signature(events[i]) for i in used}
    out.extras = [i for i, e in enumerate(events)
                  if i not in used and _signature(e) not in matched]
    return out


def _pair(missed: list[GoldEvent], extras: list[int], events: Sequence[EventJSON],
          near: Callable[[GoldEvent, EventJSON], bool]) -> dict[int, int]:
    """Pair each missed gold event (by position) with the first unpaired extra that is ``near``."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for n, g in enumerate(missed):
        hit = next((i for i in extras if i not in taken and near(g, events[i])), None)
        if hit is not None:
            pairs[n] = hit
            taken.add(hit)
    return pairs


@dataclass
class _Tally:
    items: int = 0
    negatives: int = 0
    fp_on_negatives: int = 0
    type_counts: Counter[str] = field(default_factory=Counter)
    date_counts: Counter[str] = field(default_factory=Counter)
    actor_ok: int = 0
    actor_n: int = 0
    tp: Counter[str] = field(default_factory=Counter)  # by gold main type
    fn: Counter[str] = field(default_factory=Counter)  # by gold main type
    fp: Counter[str] = field(default_factory=Counter)  # by emitted type
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def add(self, item: GoldItem, events: Sequence[EventJSON]) -> None:
        self.items += 1
        if not item.gold:
            self.negatives += 1
            self.fp_on_negatives += len(events)
        self._add_type_only(item, events)
        m = _match(item, events)
        self._add_matched(m)
        self._add_errors(m)

    def _add_type_only(self, item: GoldItem, events: Sequence[EventJSON]) -> None:
        """Types per item, ignoring actors: a gold main type is found if any accepted type is."""
        required = [g for g in item.gold if not g.optional]
        emitted = {_type(e) for e in events}
        accepted = {t for g in item.gold for t in g.types}
        self.type_counts["tp"] += len({g.main_type for g in required if set(g.types) & emitted})
        self.type_counts["fn"] += len({g.main_type for g in required
                                       if not set(g.types) & emitted})
        self.type_counts["fp"] += len(emitted - accepted)

    def _add_matched(self, m: _Item) -> None:
        for g, i in m.matched:
            self.tp[g.main_type] += 1
            # Any accepted type is right, so a match sits on the diagonal.
            self.confusion[g.main_type, g.main_type] += 1
            if g.date is not None:
                self.date_counts["n"] += 1
                self.date_counts["ok"] += m.events[i].get("date") == g.date
        self.actor_ok += len(m.matched)
        self.actor_n += len(m.matched)

    def _add_errors(self, m: _Item) -> None:
        events = m.events
        # A near miss with the right type is an actor error; one with the right actors a type error.
        wrong_actors = _pair(m.missed, m.extras, events, lambda g, e: _type(e) in g.types)
        self.actor_n += len(wrong_actors)
        rest = [n for n in range(len(m.missed)) if n not in wrong_actors]
        left = [i for i in m.extras if i not in wrong_actors.values()]
        paired = _pair([m.missed[n] for n in rest], left, events, _actors_match)
        wrong_types = {rest[k]: i for k, i in paired.items()}
        for n, g in enumerate(m.missed):
            self._add_miss(m, g, wrong_actors.get(n), wrong_types.get(n))
        confused = set(wrong_types.values())
        for i in m.extras:
            e = events[i]
            self.fp[_type(e)] += 1
            if i not in confused:
                self.confusion[EXTRA, _type(e)] += 1
            self.misses.append(Miss(m.gold.id, "EXTRA", _type(e), _label(e.get("source")),
                                    _label(e.get("target")), _sentence(e, m.gold.text)))

    def _add_miss(self, m: _Item, g: GoldEvent, actor_hit: int | None,
                  type_hit: int | None) -> None:
        self.fn[g.main_type] += 1
        note, text = "", m.gold.text
        if actor_hit is not None:
            e = m.events[actor_hit]
            note = f"coded with actors {_label(e.get('source'))} -> {_label(e.get('target'))}"
            text = _sentence(e, text)
        elif type_hit is not None:
            note = f"coded as {_type(m.events[type_hit])}"
            text = _sentence(m.events[type_hit], text)
        coded_as = MISSING if type_hit is None else _type(m.events[type_hit])
        self.confusion[g.main_type, coded_as] += 1
        self.misses.append(Miss(m.gold.id, "MISS", g.main_type, g.source, g.target, text, note))

    def scores(self) -> Scores:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        c = self.type_counts
        tp_, tr_ = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"])
        confusion: dict[str, dict[str, int]] = {}
        for (gold, predicted), n in sorted(self.confusion.items()):
            confusion.setdefault(gold, {})[predicted] = n
        return Scores(
            items=self.items, negatives=self.negatives, tp=tp, fp=fp, fn=fn,
            precision=p, recall=r, f1=_f1(p, r),
            type_tp=c["tp"], type_fp=c["fp"], type_fn=c["fn"],
            type_precision=tp_, type_recall=tr_, type_f1=_f1(tp_, tr_),
            actor_ok=self.actor_ok, actor_n=self.actor_n,
            date_ok=self.date_counts["ok"], date_n=self.date_counts["n"],
            fp_on_negatives=self.fp_on_negatives, per_type=self._per_type(),
            confusion=confusion, misses=tuple(self.misses),
        )

    def _per_type(self) -> dict[str, TypeScores]:
        out = {}
        for t in sorted(set(self.tp) | set(self.fn) | set(self.fp)):
            tp, fp, fn = self.tp[t], self.fp[t], self.fn[t]
            p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            out[t] = TypeScores(t, tp, fp, fn, p, r, _f1(p, r))
        return out


def evaluate(gold_records: Iterable[GoldItem | Mapping[str, Any]],
             predicted: Mapping[str, Sequence[EventJSON]]) -> Scores:
    """Score emitted events (event JSON as in ``tidings code --format json``) keyed by item id."""
    tally = _Tally()
    for record in gold_records:
        item = _as_item(record)
        tally.add(item, predicted.get(item.id, ()))
    return tally.scores()


# --------------------------------------------------------------------------- coding


def code_items(items: Sequence[GoldItem], pipeline: Pipeline) -> dict[str, list[JSON]]:
    """Code the gold texts exactly as ``tidings code`` codes a JSONL of id/date/text records."""
    from tidings import io as tio
    from tidings.records import Article, InputProblem
    from tidings.serialize import article_json

    if not items:
        return {}
    # Going through the JSONL reader keeps the text shaping identical to the command line's.
    lines = "".join(json.dumps({"id": it.id, "date": it.date, "text": it.text}) + "\n"
                    for it in items)
    articles: list[Article] = []
    for read in tio.read_articles(["-"], stdin=io.StringIO(lines)):
        if isinstance(read, InputProblem):
            logger.warning("gold item not coded: %s: %s", read.where, read.message)
        else:
            articles.append(read)
    return {coded.article.id: article_json(coded)["events"] for coded in pipeline.pipe(articles)}


def evaluate_file(path: str | Path, *, pipeline: Pipeline | None = None) -> Scores:
    """Code the texts of a gold JSONL file with ``pipeline`` (a new one if None) and score them."""
    items = load_gold(path)
    if pipeline is None:
        from tidings.pipeline import Pipeline

        pipeline = Pipeline()
    return evaluate(items, code_items(items, pipeline))


# --------------------------------------------------------------------------- report


def _abbrev(name: str) -> str:
    return name[:4]


def _overall_lines(s: Scores) -> list[str]:
    actors = ("-" if s.actor_accuracy is None
              else f"{s.actor_accuracy:.3f} ({s.actor_ok}/{s.actor_n} with an accepted type)")
    dates = "-" if s.date_accuracy is None else f"{s.date_accuracy:.3f} ({s.date_ok}/{s.date_n})"
    return [
        f"items {s.items}, required gold events {s.gold}, negative items {s.negatives}",
        f"events     P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
        f"(tp {s.tp}, fp {s.fp}, fn {s.fn})",
        f"type-only  P {s.type_precision:.3f}  R {s.type_recall:.3f}  F1 {s.type_f1:.3f}",
        f"actors     {actors}",
        f"dates      {dates}",
        f"negatives  {s.fp_on_negatives} event(s) coded on {s.negatives} negative item(s)",
    ]


def per_type_lines(s: Scores) -> list[str]:
    """The per-type table, one line per type."""
    lines = [f"{'type':10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for t in s.per_type.values():
        lines.append(f"{t.type:10} {t.tp:4} {t.fp:4} {t.fn:4} "
                     f"{t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}")
    return lines


def _confusion_lines(s: Scores) -> list[str]:
    rows = sorted(k for k in s.confusion if k != EXTRA) + ([EXTRA] if EXTRA in s.confusion else [])
    found = {c for row in s.confusion.values() for c in row}
    cols = sorted(found - {MISSING}) + ([MISSING] if MISSING in found else [])
    lines = ["rows: gold main type; columns: coded type (first 4 letters); "
             "MISSING: not coded, EXTRA: not in gold",
             f"{'':10}" + "".join(f"{_abbrev(c):>5}" for c in cols)]
    for row in rows:
        cells = "".join(f"{s.confusion[row].get(c, 0) or '.':>5}" for c in cols)
        lines.append(f"{row[:10]:10}{cells}")
    return lines


def report(scores: Scores, *, show_misses: bool = False) -> str:
    """A plain-text report: overall figures, per-type table, confusion table, misses."""
    parts = [_overall_lines(scores), per_type_lines(scores), _confusion_lines(scores)]
    if show_misses:
        parts.append([m.line() for m in scores.misses] or ["no misses"])
    parts.append([f"F1={scores.f1:.3f} P={scores.precision:.3f} R={scores.recall:.3f}"])
    return "\n\n".join("\n".join(p) for p in parts) + "\n"
