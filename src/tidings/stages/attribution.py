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

from tidings import ontology
from tidings.records import Attribution, Event, Mention, Modality, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Children that are not part of a speaker's noun phrase.
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_RELATIVE = frozenset({"who", "which", "that"})
_WOULD = frozenset({"would", "could", "might", "'d"})


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Attribution cue words by kind (speech, continue, quoting, according, reportedly...)."""
    by_kind: dict[str, set[str]] = {}
    for _, row in ontology._rows("lexicon/attribution.tsv"):
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
    """Actor mentions looked up by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
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


def noun_phrase(token: Token) -> list[Token]:
    """The words of the noun phrase headed by ``token``, without clauses and appositions."""
    words = [token]
    for child in token.children:
        if child.dep_ not in _NP_CUT:
            words.extend(noun_phrase(child))
    return sorted(words, key=lambda t: t.i)


def party(token: Token, index: TokenMentions) -> tuple[Attribution, Mention | None]:
    """Who a speaker or channel word stands for: its actor when the phrase names one."""
    words = noun_phrase(token)
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        # "Xi, who has described Putin as ...": the speaker is what the clause hangs on
        return party(token.head.head, index)
    found = index.at(token) or index.in_tokens(words)
    mention = found[0] if found else None
    while words and words[0].dep_ in ("det", "punct"):
        words = words[1:]
    doc = token.doc
    text = doc.text[words[0].idx: words[-1].idx + len(words[-1])] if words else token.text
    span = Span(text, words[0].idx if words else token.idx,
                words[0].idx + len(text) if words else token.idx + len(token))
    if mention is None:
        return Attribution(text, None, span), None
    actor = mention.actor
    name = actor.person or (actor.name if actor.method in ("dictionary:media", "dictionary:org")
                            else text)
    if token.lower_ in _PRONOUNS and actor.person:
        name = actor.person
    return Attribution(name, actor, span), mention


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
        for number, sent in enumerate(doc.sents):
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
        link, mention = party(pobj, index)
        head = token.head if token.head.i != token.i else token
        content = (_subtree(head) if head.i != token.i else {t.i for t in token.sent})
        return Frame(number, None, "according", (link,),
                     frozenset(content - _subtree(token)), mention)

    def _speech(self, verb: Token, number: int, index: TokenMentions) -> Frame | None:
        """ "X said ...", "..., X said", "CCTV reported Xi as saying", "X was quoted by Y as
        saying", "X told state media Y ...". A speech verb with nothing said is no frame."""
        if verb.lemma_.lower() == "say" and verb.dep_ in ("pcomp", "advcl") and \
                verb.head.lemma_.lower() in ("as", *self.cues["quoting"]):
            return None  # the "as saying" of a quoting verb: the quoting verb is the frame
        content = self._content(verb)
        if not content:
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        links: list[Attribution] = []
        speaker_mention: Mention | None = None
        quoted = self._quoted_person(verb)
        if quoted is not None:  # "CCTV reported Xi as saying": Xi speaks, CCTV relays
            first, speaker_mention = party(quoted, index)
            links.append(first)
        for word in (subject, *subject.conjuncts):
            if word.dep_ == "nsubjpass" and quoted is None:
                agent = self._agent(verb)
                link, mention = party(word, index)
                links.append(link)
                speaker_mention = speaker_mention or mention
                if agent is not None:
                    links.append(party(agent, index)[0])
                continue
            link, mention = party(word, index)
            links.append(link)
            speaker_mention = speaker_mention or mention
        links.extend(self._told_channel(verb, index))
        return Frame(number, verb.i, "speech", tuple(links), frozenset(content), speaker_mention)

    def _content(self, verb: Token) -> set[int]:
        """What the verb says: its clausal complement, or the clause it is attached to."""
        content: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("ccomp", "parataxis") or (
                    child.dep_ == "dobj" and any(t.tag_ in ("``", "''") for t in child.subtree)):
                content |= _subtree(child)
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
            if child.dep_ in ("dobj", "dative"):
                link, mention = party(child, index)
                if mention is not None and mention.actor.sector == "JRN":
                    links.append(link)
        return links

    # -- carry-over ---------------------------------------------------------------------------

    def _carry(self, frame: Frame, channels: dict[str, tuple[Attribution, ...]],
               doc: Doc) -> Frame:
        """ "Xi reportedly said", "he added": the statement goes on through the channel that
        last relayed the same speaker, so it inherits that channel."""
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
    """Innermost first: a frame whose content lies inside another's is the nearer speaker."""
    return sorted(frames, key=lambda f: (len(f.content), f.verb or 0))


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
                if child.dep_ in ("nsubj", "nsubjpass") and any(
                        t.lower_ in self.cues["condition"] for t in noun_phrase(child)):
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
