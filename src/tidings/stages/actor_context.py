"""Context rules for actor resolution: words that borrow, inherit or point to an identity.

Used by :class:`tidings.stages.actors.ActorResolver` after its phrase matcher has found the atoms:
coordinated demonyms sharing one head ("Hungarian and Romanian officials"), possessive pronouns
("his government"), "the group", surnames written family-first ("Lai") and people named in
apposition ("X, an adviser to Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tidings.records import Actor, Mention, Span
from tidings.stages.actor_tables import Entry

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Atom:
    """A matched stretch of tokens ``[start, end)`` with its best entries."""

    start: int
    end: int
    kind: str
    entries: tuple[Entry, ...] = ()
    person: str | None = None  # a name read from NER after a title


@dataclass(slots=True)
class State:
    """What the article has said so far, for coreference."""

    mentions: list[Mention] = field(default_factory=list)
    surnames: dict[str, Actor] = field(default_factory=dict)
    unnamed: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, sentence


_AND = (["and"], ["or"], [","], [",", "and"])
_SURNAME_FIRST = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # "Ching-te": the family name comes first
_OWNERS = {"his", "her", "its"}


def surname_keys(person: str, family_first: set[str]) -> list[str]:
    """Keys a later short reference may use: the full name, the last word, and the family
    name of names written family-first ("Lai" of "Lai Ching-te", "Kim" of "Kim Jong Un")."""
    words = person.split()
    keys = [person, words[-1]]
    if len(words) >= 2 and (_SURNAME_FIRST.match(words[-1]) or words[0].lower() in family_first):
        keys.append(words[0])
    return keys


def shared_heads(doc: Doc, runs: list[list[Atom]]) -> list[list[Atom]]:
    """Sector words one demonym borrows from a coordinated neighbour.

    "Hungarian and Romanian officials": "Hungarian" borrows "officials"; "the leaders of Japan,
    South Korea and Canada": each country after the first borrows "leaders".
    """
    borrowed: list[list[Atom]] = [[] for _ in runs]
    for index in range(len(runs) - 2, -1, -1):  # right to left, for "A, B and C officials"
        run, after = runs[index], runs[index + 1]
        if not (_bare_place(run) and _coordinated(doc, run, after)):
            continue
        heads = [a for a in after if a.kind in {"sector", "title"}] or borrowed[index + 1]
        if heads and after[0].kind in {"adjective", "country"} and _modifies(doc, run, after):
            borrowed[index] = heads
    for index in range(1, len(runs)):
        run, before = runs[index], runs[index - 1]
        if not (_bare_place(run) and run[-1].kind == "country"
                and _coordinated(doc, before, run)):
            continue
        if borrowed[index - 1] and _bare_place(before):
            borrowed[index] = borrowed[index - 1]
        elif before[-1].kind == "country" and any(a.kind == "sector" for a in before[:-1]) and (
                doc[before[-1].start - 1].lower_ == "of"):  # "the leaders of Armenia and ..."
            borrowed[index] = [a for a in before if a.kind == "sector"]
    return borrowed


def _bare_place(run: list[Atom]) -> bool:
    """One demonym or country, perhaps with modifiers that name no sector ("Senior Hungarian")."""
    places = [a for a in run if a.kind in {"adjective", "country"}]
    rest = [a for a in run if a.kind not in {"adjective", "country"}]
    return (len(places) == 1 and run[-1] is places[0]
            and all(a.kind == "sector" and a.entries[0].sector is None for a in rest))


def _coordinated(doc: Doc, left: list[Atom], right: list[Atom]) -> bool:
    return [t.lower_ for t in doc[left[-1].end:right[0].start]] in _AND


def _modifies(doc: Doc, run: list[Atom], after: list[Atom]) -> bool:
    """The first demonym hangs on the shared head (or on the second demonym), not a verb."""
    token = doc[run[-1].end - 1]
    while token.dep_ == "conj" and token.head.i < token.i:  # "Japanese, South Korean and US"
        token = token.head
    return token.dep_ in {"amod", "compound", "nmod"} and token.head.i >= after[0].start


def last_group(state: State) -> Actor | None:
    """The armed group or movement last named ("the group" after "the Houthis")."""
    return next((m.actor for m in reversed(state.mentions)
                 if m.actor.sector in {"REB", "UAF", "CRM", "PTY"}
                 and (m.actor.country or m.actor.org)), None)


def owner_country(doc: Doc, start: int, state: State) -> str | None:
    """ "his government" is the last person's; "its ministry" the sentence subject's."""
    if start == 0 or doc[start - 1].lower_ not in _OWNERS:
        return None
    if doc[start - 1].lower_ != "its":
        return next((m.actor.country for m in reversed(state.mentions)
                     if m.actor.person and m.actor.country), None)
    sentence = doc[start].sent.start_char
    first = next((m.actor for m in state.mentions if m.span.start >= sentence), None)
    return first.country if first is not None and not first.org else None


def apposed(doc: Doc, state: State) -> list[Mention]:
    """People named in apposition take the identity beside them.

    "the AU's envoy, former Nigerian President Olusegun Obasanjo" speaks for the AU; "Ali Akbar
    Velayati, an adviser to Supreme Leader Ali Khamenei" is Iranian government. Later mentions
    of the same person follow.
    """
    mentions = list(state.mentions)
    covering = {i: m for m in mentions for i in _token_range(doc, m)}
    for start, end, sentence in state.unnamed:
        partner = _partner(doc[start:end].root, covering)
        if partner is not None:
            name = doc[start:end]
            actor = _acting(partner, name.text)
            mentions.append(Mention(Span(name.text, name.start_char, name.end_char), actor,
                                    sentence))
    renamed: dict[str, Actor] = {}
    for index, mention in enumerate(mentions):
        actor = mention.actor
        if not actor.person or actor.method.startswith("coref:pair"):
            continue
        if actor.person in renamed:
            mentions[index] = replace(mention, actor=replace(renamed[actor.person],
                                                             method=actor.method))
            continue
        if actor.country and actor.org is None and not actor.former:
            continue
        first, last = _token_range(doc, mention)[0], _token_range(doc, mention)[-1]
        partner = _partner(doc[first:last + 1].root, covering)
        if partner is None or (actor.country and not partner.org):
            continue
        renamed[actor.person] = _acting(partner, actor.person)
        mentions[index] = replace(mention, actor=renamed[actor.person])
    return sorted(mentions, key=lambda m: m.span.start)


def _token_range(doc: Doc, mention: Mention) -> list[int]:
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def _partner(root: Any, covering: dict[int, Mention]) -> Actor | None:
    """The actor named in apposition to ``root``, directly or through "adviser to X"."""
    near = [root.head] if root.dep_ == "appos" else []
    near += [child for child in root.children if child.dep_ == "appos"]
    for token in near:
        found = covering.get(token.i)
        if found is not None and (found.actor.country or found.actor.org):
            return found.actor
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"to", "of", "for"}:
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                hit = covering.get(objects[0].i) if objects else None
                if hit is not None and (hit.actor.country or hit.actor.org):
                    return hit.actor
    return None


def _acting(partner: Actor, name: str) -> Actor:
    sector = partner.sector or "GOV" if partner.country and not partner.org else partner.sector
    code = partner.code if partner.org else (partner.country or "") + (sector or "")
    return Actor(name, partner.country, partner.org, sector, code, person=name,
                 method="coref:appos")


__all__ = ["Atom", "State", "apposed", "last_group", "owner_country", "shared_heads",
           "surname_keys"]
