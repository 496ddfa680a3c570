"""Score quote speakers and event attribution on the gold articles (issue #4).

    python3 scripts/eval_quotes.py [--gold-dir data/gold/articles] [--show-misses]

Gold: ``quotes.jsonl`` lines ``{"id", "quotes": [{"text", "speaker", "speaker_name", "via"}],
"attributions": [{"sentence_contains", "sources", "modality"}]}``; article texts and dates in
``gold.jsonl``.

* A gold quote is *found* when a coded quote's text contains it or lies inside it (case and
  punctuation aside). Its *speaker* is right when the coded speaker's country, org, code or first
  three code letters give the gold code (``*``: any), and its *via* is right when the channels
  match by name (see :func:`same_name`).
* An attribution item is judged on the coded event whose trigger lies in ``sentence_contains``
  (else the fragment's head word, read with the sentence's frames): *sources* right when the
  chain names the gold sources, in any order; *modality* right when equal.

Speaker accuracy counts every gold quote (a quote not found is wrong).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.pipeline import Pipeline
from tidings.records import Actor, Article, Attribution, CodedArticle, Quote
from tidings.stages.attribution import chain_for, token_at

ROOT = Path(__file__).resolve().parents[1]
LOOKUP: Callable[[str], Actor | None] | None = None
_STOP = {"the", "a", "an", "of", "s", "'s", "’s"}


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def same_name(gold: str, link: Attribution) -> bool:
    """ "state media" ~ "Chinese state media"; "CCTV" ~ "state broadcaster CCTV"; a code too."""
    g = words(gold)
    names = [link.name, link.span.text if link.span else ""]
    if any(g and (g <= words(n) or (words(n) and words(n) <= g)) for n in names):
        return True
    actor = link.actor
    if actor is None:
        return False
    known = LOOKUP(gold) if LOOKUP else None  # "KCNA" ~ "Korean Central News Agency"
    if known is not None and known.code == actor.code:
        return True
    return gold.upper() in {c for c in (actor.country, actor.org, actor.code) if c}


def speaker_right(code: str, quote: Quote) -> bool:
    if code == "*":
        return True
    actor = quote.speaker
    if actor is None:
        return False
    keys = {k.upper() for k in (actor.country, actor.org, actor.code) if k}
    keys |= {k[:3] for k in keys if len(k) >= 3}
    return any(c in keys for c in code.split("|"))


def sources_right(gold: list[str], chain: tuple[Attribution, ...]) -> bool:
    if not gold:
        return not chain
    return all(any(same_name(g, link) for link in chain) for g in gold) and \
        len(chain) <= len(gold) + 1


def find_quote(text: str, quotes: tuple[Quote, ...]) -> Quote | None:
    want = norm(text)
    for quote in quotes:
        have = norm(quote.span.text)
        if have and (want in have or have in want):
            return quote
    return None


def score_quotes(gold: list[dict[str, Any]], coded: CodedArticle,
                 misses: list[str]) -> tuple[int, int, int, int]:
    found = speaker = via = 0
    for item in gold:
        quote = find_quote(item["text"], coded.quotes)
        if quote is None:
            misses.append(f"{coded.article.id} QUOTE NOT FOUND: {item['text'][:60]}")
            continue
        found += 1
        ok = speaker_right(item["speaker"], quote)
        speaker += ok
        via_ok = len(quote.via) >= len(item["via"]) and all(
            any(same_name(v, link) for link in quote.via) for v in item["via"])
        via += via_ok
        if not (ok and via_ok):
            got = quote.speaker.code if quote.speaker else None
            misses.append(f"{coded.article.id} QUOTE {item['text'][:50]!r}: gold "
                          f"{item['speaker']} via {item['via']}, got {got} via "
                          f"{[v.name for v in quote.via]}")
    return len(gold), found, speaker, via


def score_attributions(gold: list[dict[str, Any]], coded: CodedArticle, pipeline: Pipeline,
                       doc: Any, misses: list[str]) -> tuple[int, int, int]:
    frames = pipeline.frames(doc, coded.mentions)
    sources = modality = 0
    for item in gold:
        start = coded.article.text.find(item["sentence_contains"])
        if start < 0:
            misses.append(f"{coded.article.id} ATTR fragment not in text: "
                          f"{item['sentence_contains']}")
            continue
        end = start + len(item["sentence_contains"])
        event = next((e for e in coded.events for m in e.mentions or ()
                      if start <= m.trigger.start < end), None)
        if event is not None:
            mention = next(m for m in event.mentions if start <= m.trigger.start < end)
            chain, mood = event.attribution, event.modality
            if mention.trigger.start != event.trigger.start:  # a merged repeat: read it again
                token = token_at(doc, mention.trigger.start, mention.trigger.end)
                chain = chain_for(token, frames.get(mention.sentence, []))[0] if token else ()
        else:
            span = doc.char_span(start, end, alignment_mode="expand")
            number = sum(1 for s in doc.sents if s.start_char <= start) - 1
            chain, reported = chain_for(span.root, frames.get(number, []))
            mood = pipeline.attributor.modality(span.root, "asserted", reported)
        s_ok = sources_right(item["sources"], chain)
        m_ok = mood == item["modality"]
        sources += s_ok
        modality += m_ok
        if not (s_ok and m_ok):
            misses.append(f"{coded.article.id} ATTR {item['sentence_contains'][:40]!r}: gold "
                          f"{item['sources']} {item['modality']}, got "
                          f"{[a.name for a in chain]} {mood}"
                          f"{'' if event else ' (no event)'}")
    return len(gold), sources, modality


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", type=Path, default=ROOT / "data" / "gold" / "articles")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    texts = {r["id"]: r for r in map(json.loads, (args.gold_dir / "gold.jsonl").open())}
    pipeline = Pipeline()
    global LOOKUP
    LOOKUP = pipeline.actors.lookup
    misses: list[str] = []
    q = [0, 0, 0, 0]
    a = [0, 0, 0]
    for line in (args.gold_dir / "quotes.jsonl").open():
        item = json.loads(line)
        record = texts[item["id"]]
        text = record["text"]
        article = Article(id=item["id"], text=text, title=text.split("\n", 1)[0],
                          date=dt.date.fromisoformat(record["date"]))
        doc = pipeline.nlp(text)
        coded = pipeline.code_doc(doc, article)
        q = [x + y for x, y in zip(q, score_quotes(item["quotes"], coded, misses), strict=True)]
        a = [x + y for x, y in zip(a, score_attributions(item["attributions"], coded, pipeline,
                                                          doc, misses), strict=True)]
    if args.show_misses:
        print("\n".join(misses))
    print(f"quotes: gold={q[0]} found={q[1]} speaker accuracy={q[2] / max(q[0], 1):.3f} "
          f"(on found {q[2] / max(q[1], 1):.3f}) via accuracy={q[3] / max(q[0], 1):.3f}")
    print(f"attributions: gold={a[0]} sources accuracy={a[1] / max(a[0], 1):.3f} "
          f"modality accuracy={a[2] / max(a[0], 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
