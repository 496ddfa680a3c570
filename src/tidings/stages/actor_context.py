"""Context rules for actor resolution: words that borrow, inherit or point to an identity.

Used by :class:`tidings.stages.actors.ActorResolver` after its phrase matcher has found the atoms:
coordinated demonyms sharing one head ("Hungarian and Romanian officials"), possessive pronouns
("his government"), "the group", surnames written family-first ("Lai") and people named in
apposition ("X, an adviser to Y").
"""

from __future__ import annotations

import re
from collections import Counter
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
                doc[before[-1].start - 1].lower_ in {"of", "from"}):  # "leaders of A and B"
            borrowed[index] = [a for a in before if a.kind == "sector"]
    return borrowed


def shared_modifiers(doc: Doc, runs: list[list[Atom]]) -> list[list[Atom]]:
    """The demonym a bare sector word borrows from the noun it is coordinated with.

    "Israeli helicopters and tanks": "tanks" is Israeli too. Only a conjunct in the parse that
    follows its partner directly ("and", "or", a comma) borrows.
    """
    borrowed: list[list[Atom]] = [[] for _ in runs]
    for index in range(1, len(runs)):
        run, before = runs[index], runs[index - 1]
        if not _bare_sector(run) or before[-1].kind != "sector" or not _coordinated(
                doc, before, run):
            continue
        places = [a for a in before if a.kind in {"adjective", "country"}]
        token = doc[run[-1].end - 1]
        if places and token.dep_ == "conj" and before[-1].start <= token.head.i < before[-1].end:
            borrowed[index] = places[-1:]
    return borrowed


def _bare_sector(run: list[Atom]) -> bool:
    return all(a.kind == "sector" for a in run) and any(a.entries[0].sector for a in run)


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


_FACTIONS = {"GOV", "MIL", "REB", "UAF", "OPP", "PTY"}
_TARGETS = {"dobj", "pobj", "prep", "dative", "agent", "xcomp"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_REBELS = {"REB", "UAF"}
_FILLER = {"the", "a", "an", "its", "their"}


def pair_sides(doc: Doc, cue_start: int, cue_end: int, state: State) -> tuple[Actor, Actor] | None:
    """The two sides "the two sides" / "both countries" / "the two leaders" refers to.

    Sides named together earlier win ("China and Russia", "talks between Armenia and
    Azerbaijan"), then the subject and object of one earlier clause ("Armenia accused
    Azerbaijan"), then the two countries named most. A country that is the subject of the
    cue's own clause ("Washington urged both sides") is a third party, never a side.
    Each side is a country actor (sector None), or for two factions of one country ("the
    Sudanese army and the RSF") the faction's own actor.
    """
    seen = [m for m in state.mentions if m.actor.country and not m.actor.org
            and not m.actor.method.startswith("coref:pair")]
    roots = [_root(doc, m) for m in seen]
    cue = doc[cue_start:cue_end].root
    # "The US urged both sides": whoever acts on the pair is not one of them.
    third = {m.actor.code for m, r in zip(seen, roots, strict=True)
             if r is not None and r.sent.start == cue.sent.start and _related(r, cue)}
    third |= {code[:3] for code in third}
    linked: list[list[tuple[Actor, Actor]]] = [[], []]
    # Token.sent walks the parse on every access: look each root's sentence up once
    starts = [r.sent.start if r is not None else -1 for r in roots]
    for i, (left, lroot) in enumerate(zip(seen, roots, strict=True)):
        for j in range(i + 1, len(seen)):
            right, rroot = seen[j], roots[j]
            sides = _sides(left.actor, right.actor)
            if (sides is None or lroot is None or rroot is None or left.span == right.span
                    or starts[i] != starts[j]  # both links lie in one sentence
                    or {sides[0].code, sides[1].code} & third):
                continue
            if _conjoined(doc, lroot, rroot):
                linked[0].append(sides)
            elif _related(lroot, rroot):
                linked[1].append(sides)
    counts = Counter(m.actor.country for m in seen)
    for pairs in linked:
        if pairs:
            # Most-named sides first; a later pair wins ties (it is closer to the cue).
            best = max(enumerate(pairs), key=lambda p: (
                counts[p[1][0].country] + counts[p[1][1].country], p[0]))
            return best[1]
    return _most_named(seen, counts, third)


def _root(doc: Doc, mention: Mention) -> Any:
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _sides(left: Actor, right: Actor) -> tuple[Actor, Actor] | None:
    """Two different countries, or two factions of one country; else no pair."""
    if left.country != right.country:
        return _country(left), _country(right)
    sectors = {left.sector, right.sector}
    # A capital names the government, seldom a fighting side ("the RSF shelled Khartoum").
    capital = "dictionary:capital" in {left.method, right.method}
    if left.code != right.code and sectors <= _FACTIONS and sectors & _REBELS and not capital:
        return left, right
    return None


def _country(actor: Actor) -> Actor:
    country = actor.country or ""
    return Actor(country, country, None, None, country, method="coref:pair")


def _conjoined(doc: Doc, left: Any, right: Any) -> bool:
    """ "X and Y", "between X and the Y": coordinated in the parse or by the words between."""
    if right.dep_ == "conj" and right.head.i == left.i:
        return True
    gap = [t.lower_ for t in doc[left.i + 1:right.i] if t.lower_ not in _FILLER]
    return gap == ["and"] and right.i - left.i <= 4


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


def _related(left: Any, right: Any) -> bool:
    """ "Armenia accused Azerbaijan", "Xi held talks with Putin": subject and object of a verb."""
    if left.dep_ not in _SUBJECTS:
        return False
    verb, token = left.head, right
    for _ in range(4):
        if token.dep_ not in _TARGETS or token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return True
    return False


def _most_named(seen: list[Mention], counts: Counter[str | None],
                third: set[str]) -> tuple[Actor, Actor] | None:
    """The two countries named most (ties: most recently), leaving out third-party subjects;
    one country's two armed factions when it alone is at war with itself."""
    last = {m.actor.country: i for i, m in enumerate(seen)}
    ranked = sorted((c for c in counts if c not in third),
                    key=lambda c: (counts[c], last[c]), reverse=True)
    if not ranked:
        return None
    armed = {m.actor.code: m.actor for m in seen if m.actor.country == ranked[0]
             and m.actor.sector in _FACTIONS}.values()
    rebel = next((a for a in armed if a.sector in _REBELS), None)
    loyal = min((a for a in armed if a.sector not in _REBELS), default=None,
                key=lambda a: a.sector != "MIL")  # the army, else the government
    # A country far ahead of the rest and fighting itself: its two factions are the sides.
    if rebel is not None and loyal is not None and (
            len(ranked) < 2 or counts[ranked[1]] * 2 <= counts[ranked[0]]):
        return loyal, rebel
    if len(ranked) < 2:
        return None
    first = {m.actor.country: i for i, m in reversed(list(enumerate(seen)))}
    pair = sorted(ranked[:2], key=lambda c: first[c])  # in the order the text named them
    return _country(seen[first[pair[0]]].actor), _country(seen[first[pair[1]]].actor)


def _acting(partner: Actor, name: str) -> Actor:
    sector = partner.sector or "GOV" if partner.country and not partner.org else partner.sector
    code = partner.code if partner.org else (partner.country or "") + (sector or "")
    return Actor(name, partner.country, partner.org, sector, code, person=name,
                 method="coref:appos")


# --------------------------------------------------------------------------- "it" and "they"

_CLAUSE_UP = {"ccomp", "xcomp", "advcl", "conj", "parataxis"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_GROUPS = {"REB", "UAF", "CRM", "PTY"}


def antecedents(doc: Doc, index: int, state: State, *, plural: bool, possessive: bool,
                words: dict[str, set[str]]) -> list[Actor]:
    """Who "it"/"its" (``plural`` False) or "they"/"them"/"their" at token ``index`` refers to.

    First the subject of a clause that governs the pronoun's own ("Japan said it had halted
    aid", "Iran gave them 60 days to shield it"), then the last fitting subject of the same or
    the previous sentence; a possessive also takes a fitting actor named earlier in its
    sentence ("Israeli jets struck Hamas targets, bombing its positions"). "it" never means a
    person or a plural noun, and an expletive "it" ("it was unclear whether") means no one.
    ``words`` holds the cue word sets ("personal" adjectives, "impersonal" and "aside" verbs,
    "locative" prepositions). Object pronouns ("them", "it") stay unresolved.
    """
    token = doc[index]
    mentions = [m for m in state.mentions if _fits(doc, m, plural)
                and m.span.end <= token.idx]
    if possessive:
        return _owner(doc, token, mentions, words["locative"]) if token.dep_ == "poss" else []
    # An object "it" is mostly a thing ("sent supplies to reinforce it"); a speaker's aside
    # ("what it called aggression") names the speaker, who is no party to the event.
    if token.dep_ not in _SUBJECTS or _aside(token, words["aside"]) or (
            not plural and _expletive(token, words)):
        return []
    found = _governing(doc, token, mentions)
    if found:
        return found
    sentence = token.sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
    for mention in reversed(mentions):
        root = _root(doc, mention)
        if root is None or root.i < previous.start:
            break
        if root.dep_ in _SUBJECTS:
            if root.i < sentence.start and not _salient(mention.actor, mentions):
                return []  # "The US quit the deal in 2018. It has since enriched uranium"
            return _with_conjuncts(doc, mention, mentions, plural)
    return []


def _salient(actor: Actor, mentions: list[Mention]) -> bool:
    """Across a sentence break only the article's most named party is taken for "it"."""
    counts = Counter(m.actor.country or m.actor.org for m in mentions)
    return counts[actor.country or actor.org] >= max(counts.values())


def _owner(doc: Doc, token: Any, mentions: list[Mention], locative: set[str]) -> list[Actor]:
    """ "bombing its positions": an armed group named earlier in the sentence. The clause's own
    subject is left out: "Poland deployed troops along its border" names no one new, and a
    possessive that echoes the subject would only turn the event into a domestic one."""
    own = {a.code for a in _governing(doc, token, mentions)}
    verb = _verb_of(token.head)
    agents = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if verb.dep_ in {"acl", "relcl"}:
        agents.append(verb.head)  # "rebels handing over their weapons"
    own |= {m.actor.code for c in agents for m in mentions if _inside(doc, m, c)}
    sentence = token.sent.start
    near = [m for m in mentions if (r := _root(doc, m)) is not None and r.i >= sentence
            and not _located(r, locative) and m.actor.code not in own
            and m.actor.sector in _GROUPS]
    return [near[-1].actor] if near else []


def _fits(doc: Doc, mention: Mention, plural: bool) -> bool:
    """Whether a mention can be what "it" (not a person, not a plural noun) or "they" means."""
    actor = mention.actor
    if actor.method.startswith("coref:pair") or actor.former:
        return False
    root = _root(doc, mention)
    if root is None:
        return False
    if actor.method.startswith("coref:pronoun"):
        said = root.lower_
        return said in ({"they", "them", "their"} if plural else {"it", "its"})
    many = root.tag_ in _PLURAL_TAGS or bool(root.conjuncts)
    if plural:
        # a group may be "they" ("Hamas said they"); one country or person may not
        return many or (actor.person is None and actor.sector in _GROUPS)
    named = root.pos_ == "PROPN"  # "the United States", "the Philippines" are one country
    return actor.person is None and (named or not many) and bool(actor.country or actor.org)


def _governing(doc: Doc, token: Any, mentions: list[Mention]) -> list[Actor]:
    """The subject of the clause above the pronoun's own: "X said it would", "X announced
    on Monday that they had", "X ... and said it would"."""
    verb = token.head if token.dep_ != "poss" else _verb_of(token.head)
    for _ in range(4):
        if verb.dep_ not in _CLAUSE_UP or verb.head.i == verb.i:
            return []
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        for subject in subjects:
            hits = [m for m in mentions if _inside(doc, m, subject)]
            if hits:
                return [hits[0].actor] + [m.actor for m in hits[1:]
                                          if m.actor.code != hits[0].actor.code]
        if subjects:
            return []  # the clause has a subject that names no one: the chain ends here
    return []


def _verb_of(token: Any) -> Any:
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _inside(doc: Doc, mention: Mention, subject: Any) -> bool:
    """The mention is the subject, or its head noun ("Iraq's interim government")."""
    root = _root(doc, mention)
    if root is None:
        return False
    while root.dep_ == "conj" and root.i != subject.i:  # "France, Britain and Germany"
        root = root.head
    return bool(root.i == subject.i)


def _with_conjuncts(doc: Doc, mention: Mention, mentions: list[Mention],
                    plural: bool) -> list[Actor]:
    """ "India and Pakistan said ... They": every conjoined subject."""
    if not plural:
        return [mention.actor]
    root = _root(doc, mention)
    subject = root
    while subject is not None and subject.dep_ == "conj":
        subject = subject.head
    if subject is None:
        return [mention.actor]
    found = [m.actor for m in mentions if _inside(doc, m, subject)]
    return found or [mention.actor]


def _expletive(token: Any, words: dict[str, set[str]]) -> bool:
    """ "it was unclear", "it is raining", "it emerged that", "it was reported that": no one.
    "it was ready to mediate", "it is willing to" keep their referent."""
    verb = token.head
    if verb.lemma_.lower() in words["impersonal"]:
        return True
    if token.dep_ == "nsubjpass":
        return any(c.dep_ == "ccomp" for c in verb.children)  # "it is believed that"
    if verb.lemma_ in {"be", "become", "remain"}:
        complements = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
        return any(c.lower_ not in words["personal"] for c in complements)
    return False


def _aside(token: Any, verbs: set[str]) -> bool:
    """ "what it called", "raids in which it said 20 died", "strikes that it said killed"."""
    verb = token.head
    return verb.lemma_.lower() in verbs and verb.dep_ != "ROOT" and (
        verb.dep_ == "relcl" or any(c.tag_ in {"WP", "WDT"} for c in verb.children))


def _located(token: Any, locative: set[str]) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in locative


__all__ = ["Atom", "State", "antecedents", "apposed", "last_group", "owner_country",
           "pair_sides",
           "shared_heads", "shared_modifiers", "surname_keys"]
