"""Syndication de-duplication: group near-copies of one wire story into stories.

A syndicated copy is the same text with its own headline, byline and light
edits, so articles are compared on the *body* (headline line dropped) as sets
of word 4-shingles, estimated with MinHash and searched with LSH (datasketch).

The threshold was chosen by measurement on the bundled sample corpus (see
``docs/dedup.md`` and :func:`pairwise_scores`): true copies there have a
shingle Jaccard of 0.58 or more, different stories at most 0.045; 0.3 sits
well inside that gap, so light edits (a trimmed or added paragraph) still
match while stories on the same topic do not.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

__all__ = [
    "NUM_PERM",
    "SHINGLE",
    "THRESHOLD",
    "StoryIndex",
    "article_key",
    "minhash",
    "minhash_from_bytes",
    "minhash_to_bytes",
    "normalise",
    "pairwise_scores",
    "shingles",
]

NUM_PERM = 128
SHINGLE = 4
THRESHOLD = 0.3
_SEED = 1
# Named explicitly so stored signatures stay comparable if the library default changes.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces (for hashing)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(folded))


def article_key(url: str | None, text: str) -> str:
    """An article's identity: its URL, else a hash of its normalised text."""
    if url and url.strip():
        return url.strip()
    digest = hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=16).hexdigest()
    return f"text:{digest}"


def _body(text: str, title: str | None) -> str:
    """The text without its headline line: copies are re-headlined, bodies are not."""
    first, newline, rest = text.partition("\n")
    if newline and rest.strip() and (title is None or first.strip() == title.strip()):
        return rest
    return text


def shingles(text: str, title: str | None = None) -> set[str]:
    """Word ``SHINGLE``-grams of the body."""
    words = normalise(_body(text, title)).split()
    if len(words) <= SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@functools.cache
def _permutations() -> Any:
    """The hash permutations, drawn once: drawing them costs more than hashing an article."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def minhash(text: str, title: str | None = None) -> MinHash:
    """The MinHash signature of an article body."""
    from datasketch import MinHash

    sig = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    sig.update_batch([s.encode("utf-8") for s in shingles(text, title)])
    return sig


def minhash_to_bytes(sig: MinHash) -> bytes:
    """The signature's hash values as bytes, for storage."""
    return bytes(sig.hashvalues.astype("<u8").tobytes())


def minhash_from_bytes(data: bytes) -> MinHash:
    """Inverse of :func:`minhash_to_bytes`."""
    import numpy as np
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, scheme=_SCHEME)


class StoryIndex:
    """Assigns each new article to the story of its closest earlier near-copy.

    Deterministic for a given insertion order, so a resumed ingest that reloads
    the stored signatures in order assigns the same stories as one run would.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh: MinHashLSH = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}
        self._story: dict[str, str] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: str, sig: MinHash, story: str) -> None:
        """Record an article already assigned to ``story``."""
        if key in self._sigs:
            return
        self._lsh.insert(key, sig)
        self._sigs[key] = sig
        self._story[key] = story
        self._order[key] = len(self._order)

    def assign(self, key: str, sig: MinHash) -> tuple[str, float | None]:
        """Add an article and return (story id, similarity to the copy it joined or None).

        A new story is named after its first article.
        """
        if key in self._story:
            return self._story[key], None
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(sig):
            score = sig.jaccard(self._sigs[other])
            if score < self.threshold:
                continue
            # Highest similarity wins; ties go to the earliest article.
            candidate = (-score, self._order[other], other)
            if best is None or candidate < best:
                best = candidate
        story, similarity = (key, None) if best is None else (self._story[best[2]], -best[0])
        self.add(key, sig, story)
        return story, similarity


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise precision and recall of a clustering against the truth."""

    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int


def _pairs(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for item, group in groups.items():
        members.setdefault(group, []).append(item)
    return {
        (a, b) for ids in members.values() for a, b in itertools.combinations(sorted(ids), 2)
    }


def pairwise_scores(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairScores:
    """Score ``predicted`` (item -> cluster) against ``truth`` on same-cluster pairs."""
    got, want = _pairs(predicted), _pairs(truth)
    hit = len(got & want)
    return PairScores(
        precision=hit / len(got) if got else 1.0,
        recall=hit / len(want) if want else 1.0,
        true_pairs=len(want),
        predicted_pairs=len(got),
    )


def cluster(
    items: Iterable[tuple[str, str, str | None]], threshold: float = THRESHOLD
) -> dict[str, str]:
    """Cluster ``(id, text, title)`` items in order; returns id -> story id."""
    index = StoryIndex(threshold)
    return {key: index.assign(key, minhash(text, title))[0] for key, text, title in items}
