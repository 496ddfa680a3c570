"""Who says so: the chain of sources an article gives for what it reports (issue #4).

A *frame* is one act of saying found in a sentence: a speech verb with its speaker and the
channels it came through ("CCTV reported Xi as saying ..."), an "according to X" phrase, or a
bare "reportedly". Each frame covers the words that are said (its *content*). An event inside a
frame's content is attributed to that frame; frames nest ("Xi told Putin that ..., according to
state media"), so the chain of an event lists the innermost speaker first and the outermost
channel (the one the article cites itself) last: ``(Xi Jinping, state media)``.

Modality is then settled per event: ``intended`` and ``alleged`` set by the event coder are kept,
a consequence under a condition ("if ...", "any backing ... would damage ties") is
``conditional``, an attributed or "reportedly" event is ``reported``, the rest ``asserted``.

The cue words live in ``data/lexicon/attribution.tsv``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tidings.records import Actor, Attribution, Event, Mention, Modality, Span
from tidings.stages.parse import sentences_of, text_of
from tidings.tables import package_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Children that are not part of a speaker's noun phrase.
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_RELATIVE = frozenset({"who", "which", "that"})
_NAMED = frozenset({"dictionary:media", "dictionary:org"})
_WOULD = frozenset({"would", "could", "might", "'d"})


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Attribution cue words by kind (speech, continue, quoting, according, reportedly...)."""
    by_kind: dict[str, set[str]] = {}
    for _, row in package_rows("data", "lexicon", "attribution.tsv"):
        by_kind.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in by_kind.items()}


@dataclass(frozen=True, slots=True)
class Frame:
    """One act of saying in a sentence.

    ``chain`` runs from the speaker to the outermost channel of this frame; ``content`` holds the
    token indices of what is said; ``verb`` is the speech verb (None for "according to" and
    "reportedly"); ``speaker`` the speaker's mention when the speaker is a known actor.
    """

    sentence: int
    verb: int | None
    kind: str  # speech | according | reportedly
    chain: tuple[Attribution, ...]
    content: frozenset[int]
    speaker: Mention | None = None
    carried: bool = False  # channels inherited from an earlier statement of the same speaker


class TokenMentions:
    """Actor mentions looked up by token, and the mentions before a point in the text."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.by_token: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, []).append(mention)

    def at(self, token: Token) -> list[Mention]:
        return self.by_token.get(token.i, [])

    def in_tokens(self, tokens: Iterable[Token]) -> list[Mention]:
        out: list[Mention] = []
        for token in tokens:
            out.extend(m for m in self.at(token) if m not in out)
        return out

    def before(self, token: Token) -> list[Mention]:
        """Mentions that end before ``token``, nearest first."""
        return [m for m in reversed(self.mentions) if m.span.end <= token.idx]

    def tokens_of(self, doc: Doc, mention: Mention) -> list[Token]:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        return list(span) if span is not None else []


def noun_phrase(token: Token) -> list[Token]:
    """The words of the noun phrase headed by ``token``, without clauses and appositions."""
    words = [token]
    for child in token.children:
        if child.dep_ not in _NP_CUT:
            words.extend(noun_phrase(child))
    return sorted(words, key=lambda t: t.i)


def _text(words: list[Token], token: Token) -> Span:
    while len(words) > 1 and words[0].dep_ in ("det", "punct"):
        words = words[1:]
    if not words:
        words = [token]
    doc = token.doc
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return Span(text_of(doc)[start:end], start, end)


def party(token: Token, index: TokenMentions) -> tuple[Attribution, Mention | None]:
    """Who a speaker or channel word stands for: its actor when the phrase names one."""
    links, mention = parties(token, index)
    return links[0], mention


def parties(token: Token, index: TokenMentions) -> tuple[list[Attribution], Mention | None]:
    """The links a speaker phrase gives: usually one; "his spokesman" gives the owner, then the
    spokesman as a channel. The mention returned carries the actor the links resolved to."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        # "Xi, who has described Putin as ...": the speaker is what the clause hangs on
        return parties(token.head.head, index)
    words = noun_phrase(token)
    span = _text(words, token)
    found = index.at(token) + [m for m in index.in_tokens(words) if m not in index.at(token)]
    owner = _owner(token, index)
    if owner is not None and token.lemma_.lower() in cues()["mouthpiece"]:
        return [_link(owner.actor, owner.span, token), Attribution(span.text, None, span)], owner
    actor = _resolve(token, found, owner, span, index)
    if actor is None:
        return [Attribution(span.text, None, span)], None
    return [_link(actor, span, token)], Mention(span, actor, 0)


def _resolve(token: Token, found: list[Mention], owner: Mention | None, span: Span,
             index: TokenMentions) -> Actor | None:
    mention = _best_mention(found)
    if mention is not None and (mention.actor.country or mention.actor.org):
        return mention.actor
    if mention is not None:  # a sector only ("the ministry"): whose?
        anchor = owner or _best_mention([m for m in found if m.actor.country or m.actor.org])
        return _with_country(mention.actor, anchor.actor, span.text) if anchor else \
            mention.actor
    named = _named_before(token, index) or _group_before(token, index) or \
        _pronoun(token, index)
    if named is not None:
        return named.actor
    appos = _apposition(token, index)
    if appos is not None:  # "Velayati, an adviser to ...": his country, not his name
        return Actor(span.text, appos.actor.country, appos.actor.org, appos.actor.sector,
                     appos.actor.code, person=span.text if token.pos_ == "PROPN" else None,
                     method="attribution:apposition")
    return None


def _link(actor: Actor, span: Span, token: Token) -> Attribution:
    name = actor.person or (_proper_name(token) if actor.method in _NAMED else None) or span.text
    return Attribution(name, actor, span)


def _best_mention(found: list[Mention]) -> Mention | None:
    """The mention that says most: a person, then a country or org, then anything."""
    for mention in found:
        if mention.actor.person:
            return mention
    for mention in found:
        if mention.actor.country or mention.actor.org:
            return mention
    return found[0] if found else None


def _with_country(actor: Actor, anchor: Actor, name: str) -> Actor:
    """ "its foreign ministry" after Saudi Arabia: the ministry is Saudi."""
    base = anchor.country or anchor.code
    return Actor(name, anchor.country, anchor.org, actor.sector or anchor.sector,
                 base + (actor.sector or ""), method="attribution:owner")


def _owner(token: Token, index: TokenMentions) -> Mention | None:
    """Whose "his/its ..." this is: the nearest subject actor before it in the sentence, else the
    nearest actor named before (a person for his/her)."""
    poss = next((c for c in token.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if poss is None:
        return None
    earlier = [m for m in index.before(token) if m.actor.country or m.actor.org]
    if poss.lower_ in ("his", "her"):
        earlier = [m for m in earlier if m.actor.person] or earlier
    doc, start = token.doc, token.sent.start_char
    subjects = [m for m in earlier if m.span.start >= start and any(
        t.dep_ in ("nsubj", "nsubjpass") for t in index.tokens_of(doc, m))]
    chosen = subjects or earlier
    return chosen[0] if chosen else None


def _named_before(token: Token, index: TokenMentions) -> Mention | None:
    """ "Kim", "Lai": a bare name that is part of a person named earlier."""
    if token.pos_ != "PROPN":
        return None
    return next((m for m in index.before(token) if m.actor.person and
                 token.text in m.actor.person.replace("-", " ").split()), None)


def _group_before(token: Token, index: TokenMentions) -> Mention | None:
    """ "the bloc", "the command": the last actor so called, or the last organisation."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    word = token.lower_
    earlier = index.before(token)
    named = next((m for m in earlier if word in m.span.text.lower().split()), None)
    if named is not None:
        return named
    for other in reversed(token.doc[:token.i]):
        # "the People's Liberation Army's Eastern Theater Command said" ... "the command said"
        if other.lower_ == word and other.pos_ == "PROPN":
            found = _best_mention([m for m in index.in_tokens(noun_phrase(other))
                                   if m.actor.country or m.actor.org])
            if found is not None:
                return found
    if token.lemma_.lower() not in cues()["group"]:
        return None
    return next((m for m in earlier if m.actor.org), None)


def _pronoun(token: Token, index: TokenMentions) -> Mention | None:
    """An unresolved "it"/"they" in a reported clause: the subject of the clause above
    ("The bloc said it would take ...")."""
    if token.lower_ not in _PRONOUNS:
        return None
    current = token.head
    while current.head.i != current.i:
        current = current.head
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.i != token.i and c.lower_ not in _PRONOUNS), None)
        if subject is not None:
            return _best_mention(index.at(subject) or index.in_tokens(noun_phrase(subject))) \
                or _group_before(subject, index)
    return None


def _apposition(token: Token, index: TokenMentions) -> Mention | None:
    for child in token.children:
        if child.dep_ == "appos":
            found = [m for m in index.in_tokens(child.subtree) if m.actor.country or m.actor.org]
            if found:
                return found[0]
    return None


def _proper_name(token: Token) -> str | None:
    """ "Chinese state broadcaster CCTV" -> "CCTV": the proper-noun run ending at the head."""
    if token.pos_ != "PROPN":
        return None
    words = [token]
    while words[0].i > 0 and token.doc[words[0].i - 1].pos_ == "PROPN" and \
            token.doc[words[0].i - 1].dep_ == "compound":
        words.insert(0, token.doc[words[0].i - 1])
    return " ".join(w.text for w in words)


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


class FrameFinder:
    """Finds the frames of every sentence of a parsed article, with channel carry-over.

    >>> frames = FrameFinder()(doc, mentions)   # {sentence index: [Frame, ...]}
    """

    def __init__(self) -> None:
        self.cues = cues()

    def __call__(self, doc: Doc, mentions: Sequence[Mention]) -> dict[int, list[Frame]]:
        index = TokenMentions(doc, mentions)
        channels: dict[str, tuple[Attribution, ...]] = {}  # speaker key -> last channels
        out: dict[int, list[Frame]] = {}
        for number, sent in enumerate(sentences_of(doc)):
            frames = [f for token in sent for f in self._frames(token, number, index)]
            frames = [self._carry(f, channels, doc) for f in frames]
            out[number] = _nest(frames)
        return out

    # -- frames -------------------------------------------------------------------------------

    def _frames(self, token: Token, number: int, index: TokenMentions) -> Iterable[Frame]:
        lemma = token.lemma_.lower()
        if lemma in self.cues["according"] or token.lower_ in self.cues["according"]:
            frame = self._according(token, number, index)
            if frame is not None:
                yield frame
        elif token.pos_ in ("VERB", "AUX") and lemma in self.cues["speech"]:
            frame = self._speech(token, number, index)
            if frame is not None:
                yield frame
        elif token.lower_ in self.cues["reportedly"] and token.head.lemma_.lower() not in \
                self.cues["speech"]:
            yield Frame(number, None, "reportedly", (), frozenset(_subtree(token.head)))

    def _according(self, token: Token, number: int, index: TokenMentions) -> Frame | None:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if pobj is None:
            return None
        link = party(pobj, index)[0]
        head = token.head if token.head.i != token.i else token
        content = (_subtree(head) if head.i != token.i else {t.i for t in token.sent})
        # "According to CCTV, Xi praised ...": Xi's later words may come through CCTV too
        subject = _subject(head) if head.i != token.i else None
        speaker = party(subject, index)[1] if subject is not None else None
        return Frame(number, None, "according", (link,),
                     frozenset(content - _subtree(token)), speaker)

    def _speech(self, verb: Token, number: int, index: TokenMentions) -> Frame | None:
        """ "X said ...", "..., X said", "CCTV reported Xi as saying", "X was quoted by Y as
        saying", "X told state media Y ...". A speech verb with nothing said is no frame."""
        if verb.lemma_.lower() == "say" and verb.dep_ in ("pcomp", "advcl") and \
                verb.head.lemma_.lower() in ("as", *self.cues["quoting"]):
            return None  # the "as saying" of a quoting verb: the quoting verb is the frame
        content = self._content(verb)
        if not content:
            return None
        subject = _subject(verb)
        if subject is None:
            return None
        links: list[Attribution] = []
        speaker_mention: Mention | None = None
        quoted = self._quoted_person(verb)
        if quoted is not None:  # "CCTV reported Xi as saying": Xi speaks, CCTV relays
            first, speaker_mention = party(quoted, index)
            links.append(first)
        for word in (subject, *subject.conjuncts):
            found, mention = parties(word, index)
            links.extend(found)
            speaker_mention = speaker_mention or mention
            if word.dep_ == "nsubjpass" and quoted is None:  # "was quoted by KCNA as saying"
                agent = self._agent(verb)
                if agent is not None:
                    links.append(party(agent, index)[0])
        links.extend(self._told_channel(verb, index))
        return Frame(number, verb.i, "speech", tuple(links), frozenset(content), speaker_mention)

    def _content(self, verb: Token) -> set[int]:
        """What the verb says: its clausal complement, or the clause it is attached to."""
        content: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("ccomp", "parataxis") or (
                    child.dep_ == "dobj" and any(t.tag_ in ("``", "''") for t in child.subtree)):
                content |= _subtree(child)
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            # "said in a statement that ...": the parser hangs the clause on "statement"
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for clause in pobj.children:
                    if clause.dep_ in ("acl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                        content |= _subtree(clause)
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and not content:
            # "Beijing is ready to ..., Xi said": the parser hangs "said" under what was said
            content = _subtree(verb.head) - _subtree(verb)
        return content

    def _quoted_person(self, verb: Token) -> Token | None:
        if verb.lemma_.lower() not in self.cues["quoting"]:
            return None
        says = any(t.lemma_.lower() == "say" and t.i != verb.i for t in verb.subtree)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj if says and obj is not None else None

    @staticmethod
    def _agent(verb: Token) -> Token | None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None

    @staticmethod
    def _told_channel(verb: Token, index: TokenMentions) -> list[Attribution]:
        """ "Velayati told Tasnim news agency": a medium told is the channel, not the hearer."""
        links = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
                link, mention = party(child, index)
                if mention is not None and mention.actor.sector == "JRN":
                    links.append(link)
        return links

    # -- carry-over ---------------------------------------------------------------------------

    def _carry(self, frame: Frame, channels: dict[str, tuple[Attribution, ...]],
               doc: Doc) -> Frame:
        """ "Xi reportedly said", "he added": the statement goes on through the channel that
        last relayed the same speaker, so it inherits that channel."""
        if frame.kind == "according" and frame.speaker is not None:
            channels[_key(Attribution("", frame.speaker.actor))] = frame.chain
            return frame
        if not frame.chain:
            return frame
        key = _key(frame.chain[0])
        if len(frame.chain) > 1:
            channels[key] = frame.chain[1:]
            return frame
        if frame.verb is None or key not in channels:
            return frame
        verb = doc[frame.verb]
        continues = (verb.lemma_.lower() in self.cues["continue"] or
                     any(c.lower_ in self.cues["reportedly"] for c in verb.children) or
                     any(c.dep_ == "nsubj" and c.lower_ in _PRONOUNS for c in verb.children))
        if not continues:
            return frame
        return replace(frame, chain=frame.chain + channels[key], carried=True)


def _key(link: Attribution) -> str:
    if link.actor is not None:
        return link.actor.person or link.actor.code
    return link.name.lower()


def _nest(frames: list[Frame]) -> list[Frame]:
    """Innermost first: a frame whose content lies inside another's is the nearer speaker. A
    medium that reports ("..., the IRNA news agency reported") is a channel, so it goes outside
    whatever the parser made of it."""
    return sorted(frames, key=lambda f: (_is_medium(f), len(f.content), f.verb or 0))


def _is_medium(frame: Frame) -> bool:
    first = frame.chain[0].actor if frame.chain else None
    return frame.kind == "speech" and first is not None and first.sector == "JRN" and \
        not first.person


def _subject(verb: Token) -> Token | None:
    """The subject of a speech verb; "..., adding that" and "and said" borrow their head's."""
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if current.dep_ not in ("advcl", "conj", "xcomp") or current.head.i == current.i:
            return None
        current = current.head
    return None


def chain_for(token: Token, frames: Sequence[Frame]) -> tuple[tuple[Attribution, ...], bool]:
    """The attribution chain of a word, innermost speaker first, and whether it is hearsay."""
    chain: list[Attribution] = []
    reported = False
    for frame in frames:
        if token.i not in frame.content or token.i == frame.verb:
            continue
        reported = True
        for link in frame.chain:
            if not chain or _key(chain[-1]) != _key(link):
                chain.append(link)
    return tuple(chain), reported


class Attributor:
    """Adds ``attribution`` and settles ``modality`` on the events of one article.

    >>> events = Attributor()(doc, events, frames)
    """

    def __init__(self) -> None:
        self.cues = cues()

    def __call__(self, doc: Doc, events: Sequence[Event],
                 frames: dict[int, list[Frame]]) -> list[Event]:
        out = []
        for event in events:
            token = token_at(doc, event.trigger.start, event.trigger.end)
            if token is None:
                out.append(event)
                continue
            chain, reported = chain_for(token, frames.get(event.sentence, []))
            modality = self.modality(token, event.modality, reported)
            out.append(replace(event, attribution=chain, modality=modality))
        return out

    def modality(self, token: Token, coded: Modality, reported: bool) -> Modality:
        if self.conditional(token):
            return "conditional"
        if coded in ("intended", "alleged"):
            return coded
        return "reported" if reported or coded == "reported" else "asserted"

    def conditional(self, token: Token) -> bool:
        """A "would" consequence of a condition: "if ..., X would ...", "any backing would
        damage ties". The trigger's clause or the complement of a warning is checked."""
        for clause in _clauses(token):
            aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            if not aux & _WOULD:
                continue
            for child in clause.children:
                if child.dep_ == "advcl" and any(
                        m.lower_ in self.cues["condition"] for m in child.children
                        if m.dep_ == "mark"):
                    return True
                if child.dep_ in ("nsubj", "nsubjpass") and token.i not in _subtree(child) \
                        and any(t.lower_ in self.cues["condition"] for t in noun_phrase(child)):
                    return True
        return False


def _clauses(token: Token) -> list[Token]:
    """The trigger's own clause and, for a statement verb, the clause it states."""
    clause = token
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    found = [clause]
    found += [c for c in token.children if c.dep_ == "ccomp"]
    return found


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of a stretch of text ("road bridge" -> "bridge")."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None
