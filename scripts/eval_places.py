"""Score the place resolver on the place gold (``data/gold/places/places.jsonl``).

Each gold line is one wire-style sentence with the place of its event. The sentence runs through
the pipeline and :class:`tidings.stages.places.PlaceResolver`; the first event found is scored (a
sentence without an event gets a stand-in event on its main verb, and is counted apart).

exact-place: a city or landmark within 25 km of the gold point; an admin1 the same division
(same country and admin1 name) or within 25 km; a region the same name or within 25 km; a
country the same country resolved at country level. country: the same ISO3 code.

    python3 scripts/eval_places.py [GOLD.jsonl] [--show-misses] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Any

from tidings.pipeline import Pipeline
from tidings.records import Article, DateRef, Event, Location, Trigger
from tidings.stages.places import PlaceResolver, normalize

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold" / "places" / "places.jsonl"
EXACT_KM = 25.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def exact(gold: dict[str, Any], pred: Location | None) -> bool:
    if pred is None:
        return False
    res = gold["resolution"]
    if res == "country":
        return pred.country == gold["country"] and pred.resolution == "country"
    near = pred.lat is not None and pred.lon is not None and \
        km(gold["lat"], gold["lon"], pred.lat, pred.lon) <= EXACT_KM
    if res == "admin1":
        same = (pred.country == gold["country"] and pred.admin1 is not None and
                normalize(pred.admin1) == normalize(gold.get("admin1") or ""))
        return same or near
    if res == "region":
        return near or normalize(pred.name) == normalize(gold["name"])
    return near


def stand_in(doc: Any) -> Event:
    """An event on the root of the longest sentence, for sentences the coder finds nothing in."""
    sents = list(doc.sents)
    number, sent = max(enumerate(sents), key=lambda p: len(p[1]))
    root = sent.root
    trigger = Trigger(root.text, root.idx, root.idx + len(root.text))
    return Event(id="stand-in", type="", mode=None, contexts=(), cameo="", goldstein=0.0,
                 source=None, target=None, date=DateRef(None, "day", "none"), sentence=number,
                 sentence_text=sent.text, text=sent.text, trigger=trigger, modality="asserted",
                 method="stand-in")


def evaluate(path: Path) -> dict[str, Any]:
    pipeline = Pipeline()
    resolver = PlaceResolver()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    n_exact = n_country = n_stand_in = 0
    misses: list[dict[str, Any]] = []
    for row in rows:
        article = Article(id=row["id"], text=row["text"], date=dt.date.fromisoformat(row["date"]))
        doc = pipeline.nlp(article.text)
        coded = pipeline.code_doc(doc, article)
        events = sorted(coded.events, key=lambda e: e.trigger.start)[:1]
        if not events:
            events, n_stand_in = [stand_in(doc)], n_stand_in + 1
        located = resolver(doc, events, coded.mentions, dateline=coded.dateline)[0]
        pred, gold = located.location, row["place"]
        ok_exact, ok_country = exact(gold, pred), pred is not None and \
            pred.country == gold["country"]
        n_exact += ok_exact
        n_country += ok_country
        if not ok_exact:
            misses.append({"id": row["id"], "text": row["text"], "gold": gold,
                           "pred": None if pred is None else {
                               "name": pred.name, "country": pred.country,
                               "admin1": pred.admin1, "lat": pred.lat, "lon": pred.lon,
                               "resolution": pred.resolution, "method": pred.method},
                           "trigger": located.trigger.text})
    total = len(rows)
    return {"sentences": total, "exact_place": round(n_exact / total, 4),
            "country": round(n_country / total, 4), "stand_in_events": n_stand_in,
            "misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args(argv)
    report = evaluate(args.gold)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"sentences {report['sentences']}  exact-place {report['exact_place']:.3f}  "
          f"country {report['country']:.3f}  (stand-in events: {report['stand_in_events']})")
    if args.show_misses:
        for miss in report["misses"]:
            pred = miss["pred"]
            got = "-" if pred is None else \
                f"{pred['name']} {pred['country']} {pred['resolution']} ({pred['method']})"
            print(f"  {miss['id']} [{miss['trigger']}] gold {miss['gold']['name']} "
                  f"{miss['gold']['country']} {miss['gold']['resolution']} | got {got}\n"
                  f"      {miss['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
