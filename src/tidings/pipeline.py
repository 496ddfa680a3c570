"""The pipeline: parse, find actors, dates and events, over one article or a stream of them.

>>> pipeline = Pipeline()
>>> coded = pipeline.code(Article(id="a1", text="Xi called Putin on Wednesday.", date=...))
>>> for coded in pipeline.pipe(articles): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.records import Article, CodedArticle, DateRef, Event, Mention, Sentence, Warning
from tidings.stages import dates as dates_stage
from tidings.stages import parse
from tidings.stages.actors import ActorResolver
from tidings.stages.attribution import Attributor, FrameFinder
from tidings.stages.classify import ModelCoder
from tidings.stages.dateline import anachronisms, find_dateline
from tidings.stages.events import EventCoder
from tidings.stages.merge import merge_events
from tidings.stages.parse import sentences_of, text_of
from tidings.stages.places import PlaceResolver
from tidings.stages.quotes import QuoteFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc

BACKGROUND_DAYS = 30
# Whether the trained type classifier adds events where the rules code none (stages/classify.py):
# off, as it lowers F1 on dev and petr2 (figures in data/model/README.md).
CLASSIFIER = False


class Pipeline:
    """Everything that turns an :class:`Article` into a :class:`CodedArticle`.

    Models and lexicons load once, when the pipeline is built.
    """

    def __init__(self, *, actor_files: Sequence[str | Path] = (),
                 classifier: bool = CLASSIFIER) -> None:
        self.nlp = parse.load_nlp()
        self.actors = ActorResolver(extra_files=actor_files)
        self.places = PlaceResolver()
        self.events = EventCoder(places=self.places)
        # the trained classifier codes sentences the rules leave empty (stages/classify.py)
        self.model = ModelCoder() if classifier else None
        self.frames = FrameFinder()
        self.attributor = Attributor()
        self.quotes = QuoteFinder(self.actors)

    def code(self, article: Article) -> CodedArticle:
        """Code one article."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[CodedArticle]:
        """Code a stream of articles, parsing them in batches."""
        stream = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            yield self.code_doc(doc, article)

    def code_doc(self, doc: Doc, article: Article) -> CodedArticle:
        """Code an article whose text has already been parsed."""
        doc.user_data["tidings_text"] = article.text  # the same string; spares Doc.text joins
        sentences = _sentences(doc, article)
        mentions = self.actors(doc, pub_date=article.date)
        publication = dates_stage.publication_date(article.date)
        found = {i: dates_stage.find_dates(sent, pub_date=article.date)
                 for i, sent in enumerate(sentences_of(doc))}
        events, non_events = self.events(doc, article=article, mentions=mentions, dates=found,
                                         publication=publication)
        if self.model is not None:
            events = self.model(doc, article=article, mentions=mentions, events=events,
                                non_events=non_events, dates=found, publication=publication)
        # who says so (#4): attribution per mention, then merge repeats, then background
        frames = self.frames(doc, mentions)
        quotes = self.quotes(doc, mentions, frames, pub_date=article.date)
        events = merge_events(self.attributor(doc, events, frames))
        events = [_mark_background(e, article.date) for e in events]
        dateline = find_dateline(article.text, has_title=article.title is not None)
        events = self.places(doc, events, mentions,
                             dateline=dateline.place if dateline else None)
        warnings = [*_warnings(article, found), *anachronisms(doc, found, article.date)]
        return CodedArticle(
            article=article, sentences=sentences, mentions=_with_event_actors(mentions, events),
            events=tuple(events), non_events=tuple(non_events), quotes=tuple(quotes),
            warnings=tuple(warnings),
            dateline=dateline.place if dateline else None,
            agency=dateline.agency if dateline else None,
        )


def _with_event_actors(mentions: Sequence[Mention], events: Sequence[Event]) -> tuple[Mention, ...]:
    """The article's actor mentions plus those the event stage made for a side nobody names
    ("about 30 armed men", "protesters"), so every event actor has its mention and sentence."""
    spans = {(m.span.start, m.span.end) for m in mentions}
    made: dict[tuple[int, int], Mention] = {}
    for event in events:
        for side in (event.source, event.target):
            if side is not None and (side.span.start, side.span.end) not in spans:
                made.setdefault((side.span.start, side.span.end), side)
    return (*mentions, *made.values())


def _sentences(doc: Doc, article: Article) -> tuple[Sentence, ...]:
    first_line_end = text_of(doc).find("\n")
    return tuple(
        Sentence(i, s.text.strip(), s.start_char, s.end_char,
                 is_headline=article.title is not None and 0 <= first_line_end and
                 s.end_char <= first_line_end + 1)
        for i, s in enumerate(sentences_of(doc))
    )


def _mark_background(event: Event, published: dt.date | None) -> Event:
    """An event dated well before publication is background, not news (#4)."""
    if published is None or event.date.date is None or event.date.method == "publication":
        return event
    if (published - event.date.date).days > BACKGROUND_DAYS:
        return replace(event, background=True)
    return event


def _warnings(article: Article, found: dict[int, list[DateRef]]) -> Iterator[Warning]:
    if article.date is None:
        relative = [r for refs in found.values() for r in refs if r.date is None]
        message = "the article has no publication date"
        if relative:
            message += (f"; {len(relative)} relative date expression(s) could not be resolved "
                        "(give one with --date YYYY-MM-DD)")
        yield Warning("no_publication_date", message)

