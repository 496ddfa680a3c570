"""Direct and partial quotes with their speaker and channels (issue #4).

Quotes are text between paired quote marks: straight or curly double quotes, and single quotes
where they cannot be apostrophes. A quote's speaker is found, in order of preference, from:

1. a speech frame around it ("..., Xi reportedly said", "CCTV reported Xi as saying");
2. the subject of the verb that governs a partial quote ("Xi praised the 'good momentum'",
   "Xi, who has described Putin as an 'old friend'");
3. an "according to X" phrase (X speaks when no one else does);
4. the previous quote, when this one goes on in the next sentence.

Channels come from the frames (see :mod:`tidings.stages.attribution`), innermost first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tidings.records import Actor, Attribution, Mention, Quote, Span
from tidings.stages.attribution import Frame, TokenMentions, party
from tidings.stages.parse import sentences_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tidings.stages.actors import ActorResolver

_DOUBLE = re.compile(r'"([^"\n]{2,}?)"|“([^”\n]{2,}?)”')
# A single quote opens after a space or bracket and closes before a space or punctuation; an
# apostrophe ("Xi's", "the leaders' call") has a letter on its left and so never opens.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘]([^'‘’\n]{2,}?[^\s])['’](?=[\s.,;:!?)\]]|$)",
                     re.MULTILINE)
_TRAILING = ",;: "


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (inside the marks), in text order, without nesting."""
    spans: list[tuple[int, int]] = []
    for match in _DOUBLE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        spans.append((match.start(group), match.end(group)))
    for match in _SINGLE.finditer(text):
        start, end = match.start(1), match.end(1)
        if not any(s <= start < e for s, e in spans):  # nested quotes belong to their quote
            spans.append((start, end))
    out = []
    for start, end in sorted(spans):
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if end - start >= 2:
            out.append((start, end))
    return out


class QuoteFinder:
    """Finds the quotes of a parsed article and who said them.

    >>> quotes = QuoteFinder(resolver)(doc, mentions, frames, pub_date=dt.date(2022, 6, 15))
    """

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def __call__(self, doc: Doc, mentions: Sequence[Mention], frames: dict[int, list[Frame]],
                 *, pub_date: dt.date | None) -> list[Quote]:
        index = TokenMentions(doc, mentions)
        starts = [s.start_char for s in sentences_of(doc)]
        sentences = sentences_of(doc)
        quotes: list[Quote] = []
        for start, end in quote_spans(text_of(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            number = _sentence_of(starts, start)
            chain = self._chain(span, frames, number, index, sentences)
            quote = self._quote(doc, start, end, number, chain, quotes, pub_date)
            quotes.append(quote)
        return quotes

    def _chain(self, span: Any, frames: dict[int, list[Frame]], number: int,
               index: TokenMentions, sentences: list[Any]) -> tuple[Attribution, ...]:
        inside = {t.i for t in span}
        last = _sentence_of([s.start for s in sentences], span[-1].i)
        around = [f for n in range(number, last + 1) for f in frames.get(n, [])
                  if f.verb is None or f.verb not in inside]
        links: list[Attribution] = []
        for frame in _speech_frames(span, inside, around):
            links.extend(link for link in frame.chain if all(
                link.name != have.name for have in links))
        outer = [f for f in around if f.kind != "speech" and inside & f.content]
        if not links:
            governor = _governing_subject(span, inside, index)
            if governor is not None:
                links.append(governor)
        for frame in outer:
            links.extend(link for link in frame.chain if all(
                link.name != have.name for have in links))
        return tuple(links)

    def _quote(self, doc: Doc, start: int, end: int, number: int,
               chain: tuple[Attribution, ...], earlier: list[Quote],
               pub_date: dt.date | None) -> Quote:
        text = text_of(doc)[start:end]
        if not chain:
            previous = _continued(earlier, number)
            if previous is not None:
                return Quote(Span(text, start, end), previous.speaker, previous.speaker_span,
                             previous.via, number)
            return Quote(Span(text, start, end), None, None, (), number)
        speaker = chain[0]
        actor: Actor | None = speaker.actor or self.resolver.lookup(speaker.name,
                                                                    pub_date=pub_date)
        return Quote(Span(text, start, end), actor, speaker.span, chain[1:], number)


def _speech_frames(span: Any, inside: set[int], frames: list[Frame]) -> list[Frame]:
    """The speech frames whose content holds the quote, innermost first, else the nearest."""
    speech = [f for f in frames if f.kind == "speech" and f.chain]
    holding = [f for f in speech if inside & f.content]
    if holding or not speech:
        return holding
    middle = (span[0].i + span[-1].i) / 2
    return [min(speech, key=lambda f: abs((f.verb or 0) - middle))]


def _governing_subject(span: Any, inside: set[int],
                       index: TokenMentions) -> Attribution | None:
    """The subject of the nearest verb above a partial quote ("Xi praised the '...'")."""
    current: Token = span.root
    while current.head.i != current.i:
        current = current.head
        if current.i in inside or current.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.i not in inside), None)
        if subject is not None:
            link, mention = party(subject, index)
            if mention is not None or subject.pos_ in ("PROPN", "NOUN"):
                return link
    return None


def _continued(earlier: list[Quote], number: int) -> Quote | None:
    """A quote with no speaker right after one that has one goes on the same speech."""
    if earlier and earlier[-1].speaker is not None and number - earlier[-1].sentence <= 1:
        return earlier[-1]
    return None


def _sentence_of(starts: list[int], position: int) -> int:
    number = 0
    for i, start in enumerate(starts):
        if start <= position:
            number = i
    return number


def speaker_names(quotes: Sequence[Quote]) -> Iterator[str]:
    """Speaker names, for summaries and tests."""
    for quote in quotes:
        if quote.speaker is not None:
            yield quote.speaker.person or quote.speaker.name
