"""Load the codebook (CAMEO codes, PLOVER mapping) and the event lexicon from package data.

Knowledge lives in the TSV files under ``tidings/data``; this module only reads them. Everything is
loaded once and cached: the tables are immutable after loading.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from tidings.tables import package_rows

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its PLOVER translation."""

    code: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    goldstein: float
    label: str


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon row: a lemma that can express an event, and the frame that must hold."""

    lemma: str
    pos: str
    cameo: str
    mode: str | None
    objects: frozenset[str]
    particle: str | None
    need: frozenset[str]
    preps: frozenset[str] | None
    of_source: bool
    symmetric: bool
    light: bool
    line: int
    theme: bool = False
    pobjs: frozenset[str] = frozenset()  # a prepositional object must have one of these lemmas
    # (sector group, code): the code when the source belongs to the group (cues.tsv kinds "crowd",
    # "court", "mil"); code "only": the rule codes only for that group
    recode: tuple[tuple[str, str], ...] = ()
    alone: str | None = None  # code when the event has a source but no target or partner
    modal: bool = False  # an auxiliary ("must"): the speaker acts on the subject of its verb
    # a promise of it is already the event ("agreed to a truce", "offered an apology"), not AGREE
    kept: bool = False

    @property
    def specificity(self) -> int:
        """Rules with more conditions win over generic rules for the same lemma."""
        return bool(self.objects) * 2 + bool(self.particle) + bool(self.need) + bool(self.pobjs)


@dataclass(frozen=True, slots=True)
class ModeRule:
    type: str
    word: str
    mode: str
    cameo: str | None


def _rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a table under ``tidings/data`` with their line numbers."""
    return package_rows("data", *name.split("/"))


@functools.cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code that has a PLOVER type, by code."""
    out = {}
    for _, row in _rows("cameo.tsv"):
        contexts = tuple(c for c in row["contexts"].split(";") if c)
        out[row["cameo"]] = CameoCode(
            row["cameo"], row["type"], row["mode"] or None, contexts, float(row["goldstein"]),
            row["label"],
        )
    return out


def _frame(text: str, where: str) -> dict[str, str]:
    frame = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = item.partition("=")
        frame[key] = value
    unknown = set(frame) - {"obj", "prt", "need", "prep", "of", "sym", "light", "theme",
                           "pobj", "crowd", "court", "mil", "alone", "modal", "kept"}
    if unknown:
        raise ValueError(f"{where}: unknown frame keys {sorted(unknown)}; "
                         "lexicon/triggers/README.md lists the keys")
    return frame


def _split(value: str | None) -> frozenset[str]:
    return frozenset(v for v in (value or "").split("|") if v)


def _trigger_rows() -> Iterator[tuple[str, int, dict[str, str]]]:
    """Rows of every file in lexicon/triggers/, one file per PLOVER type, by file name."""
    folder = resources.files("tidings").joinpath("data", "lexicon", "triggers")
    for name in sorted(f.name for f in folder.iterdir() if f.name.endswith(".tsv")):
        for line, row in _rows(f"lexicon/triggers/{name}"):
            yield name, line, row


@functools.cache
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """Trigger rules keyed by (lemma, pos), most specific first."""
    codes = cameo_codes()
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for name, line, row in _trigger_rows():
        where = f"lexicon/triggers/{name}:{line}"
        if row["cameo"] not in codes:
            raise ValueError(f"{where}: unknown CAMEO code {row['cameo']!r}; "
                             "use a code listed in data/cameo.tsv")
        if codes[row["cameo"]].type.lower() != name.removesuffix(".tsv"):
            raise ValueError(f"{where}: CAMEO {row['cameo']} is a "
                             f"{codes[row['cameo']].type} event; move the row to "
                             f"{codes[row['cameo']].type.lower()}.tsv")
        frame = _frame(row["frame"], where)
        rule = TriggerRule(
            lemma=row["lemma"], pos=row["pos"], cameo=row["cameo"], mode=row["mode"] or None,
            objects=_split(frame.get("obj")), particle=frame.get("prt") or None,
            need=_split(frame.get("need")),
            preps=_split(frame["prep"]) if "prep" in frame else None,
            of_source=frame.get("of") == "source", symmetric="sym" in frame,
            light="light" in frame, line=line, theme="theme" in frame,
            pobjs=_split(frame.get("pobj")), alone=frame.get("alone") or None,
            modal="modal" in frame, kept="kept" in frame,
            recode=tuple((g, frame[g]) for g in ("crowd", "court", "mil") if frame.get(g)),
        )
        for code in (rule.alone, *(c for _, c in rule.recode)):
            if code and code != "only" and code not in codes:
                raise ValueError(f"{where}: unknown CAMEO code {code!r}")
        rules.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {k: tuple(sorted(v, key=lambda r: -r.specificity)) for k, v in rules.items()}


@functools.cache
def mode_rules() -> dict[tuple[str, str], ModeRule]:
    """Mode refinements keyed by (PLOVER type, modifier lemma)."""
    return {
        (row["type"], row["word"]): ModeRule(row["type"], row["word"], row["mode"],
                                             row["cameo"] or None)
        for _, row in _rows("lexicon/modes.tsv")
    }
