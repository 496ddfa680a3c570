"""Geoparsing over real parses: place resolution, homonyms, event locations, datelines, the gold."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tidings.records import Article, DateRef, Event, Location, Trigger
from tidings.stages.dateline import find_dateline
from tidings.stages.places import PlaceResolver, normalize

GOLD = Path(__file__).resolve().parents[2] / "data" / "gold" / "places" / "places.jsonl"
BRIDGE = ("The two sides last week unveiled the first road bridge linking the two countries, "
          "connecting the far eastern Russian city of Blagoveshchensk with the northern Chinese "
          "city of Heihe.")


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def _coded(pipeline: Any, text: str) -> tuple[Any, Any]:
    article = Article(id="t", text=text, date=dt.date(2024, 3, 1))
    doc = pipeline.nlp(text)
    return doc, pipeline.code_doc(doc, article)


def _event_at(doc: Any, word: str) -> Event:
    """An event record built by hand on the first occurrence of ``word``."""
    match = re.search(rf"\b{re.escape(word)}\b", doc.text)
    assert match, word
    sents = list(doc.sents)
    number = next(i for i, s in enumerate(sents) if s.start_char <= match.start() < s.end_char)
    return Event(id="e1", type="TEST", mode=None, contexts=(), cameo="", goldstein=0.0,
                 source=None, target=None, date=DateRef(None, "day", "none"), sentence=number,
                 sentence_text=sents[number].text, text=sents[number].text,
                 trigger=Trigger(word, match.start(), match.end()), modality="asserted",
                 method="test")


def _locate(pipeline: Any, resolver: PlaceResolver, text: str, word: str,
            dateline: str | None = None) -> Location | None:
    doc, coded = _coded(pipeline, text)
    return resolver(doc, [_event_at(doc, word)], coded.mentions, dateline=dateline)[0].location


# -- resolving names ---------------------------------------------------------------------------

RESOLVE = [
    # id, text, surface, name, country, resolution
    ("paris-france", "French police fired tear gas at protesters in Paris.", "Paris", "Paris",
     "FRA", "city"),
    ("paris-texas", "Police in Paris, Texas, arrested a man on Monday.", "Paris", "Paris", "USA",
     "city"),
    ("georgia-country", "Police detained protesters in Tbilisi as unrest spread across Georgia.",
     "Georgia", "Georgia", "GEO", "country"),
    ("georgia-state", "Trump surrendered at a jail in Atlanta, Georgia, on Thursday.", "Atlanta",
     "Atlanta", "USA", "city"),
    # a US state outranks a small foreign town of the same name (Florida, Uruguay)
    ("florida-state", "A gunman opened fire at a high school in Florida on Wednesday.", "Florida",
     "Florida", "USA", "admin1"),
    ("tripoli-libya", "Rival militias clashed in Tripoli overnight, Libya's health ministry said.",
     "Tripoli", "Tripoli", "LBY", "city"),
    ("tripoli-lebanon", "Soldiers clashed with gunmen in the northern Lebanese city of Tripoli.",
     "Tripoli", "Tripoli", "LBN", "city"),
    ("hyderabad-india", "Indian police detained lawmakers in Hyderabad on Monday.", "Hyderabad",
     "Hyderabad", "IND", "city"),
    ("hyderabad-pakistan", "Pakistani police arrested protesters in Hyderabad in Sindh province.",
     "Hyderabad", "Hyderabad", "PAK", "city"),
    ("birmingham-alabama", "Civil rights groups marched through Birmingham, Alabama, on Sunday.",
     "Birmingham", "Birmingham", "USA", "city"),
    ("birmingham-uk", "British police arrested two men in Birmingham on Friday.", "Birmingham",
     "Birmingham", "GBR", "city"),
    ("alexandria-virginia", "A federal judge in Alexandria, Virginia, sentenced a former officer.",
     "Alexandria", "Alexandria", "USA", "city"),
    ("alexandria-egypt", "Egyptian security forces arrested 15 activists in Alexandria.",
     "Alexandria", "Alexandria", "EGY", "city"),
    ("cordoba-spain", "Farmers blocked roads near Córdoba, Spain, on Tuesday.", "Córdoba",
     "Córdoba", "ESP", "city"),
    ("cordoba-argentina", "Argentine workers went on strike in Córdoba on Wednesday.", "Córdoba",
     "Córdoba", "ARG", "city"),
    ("geneva-switzerland", "Washington imposed sanctions, and Beijing protested in Geneva.",
     "Geneva", "Geneva", "CHE", "city"),
    ("blagoveshchensk-amur", BRIDGE, "Blagoveshchensk", "Blagoveshchensk", "RUS", "city"),
    ("heihe", BRIDGE, "Heihe", "Heihe", "CHN", "city"),
    ("gaza-strip", "Israeli forces struck targets in the Gaza Strip overnight.", "the Gaza Strip",
     "Gaza Strip", "PSE", "admin1"),
    ("red-sea", "Houthi rebels attacked a cargo ship in the Red Sea.", "the Red Sea", "Red Sea",
     None, "region"),
    ("kursk-region", "Ukrainian troops pushed into Russia's Kursk region.", "Kursk region",
     "Kursk region", "RUS", "admin1"),
    ("second-thomas-shoal", "Chinese vessels blocked a supply boat near Second Thomas Shoal.",
     "Second Thomas Shoal", "Second Thomas Shoal", None, "landmark"),
    ("nagorno-karabakh", "Azerbaijani forces launched an offensive in Nagorno-Karabakh.",
     "Nagorno-Karabakh", "Nagorno-Karabakh", "AZE", "region"),
    ("sanaa-untagged", "Coalition aircraft bombed Houthi positions around Sanaa overnight.",
     "Sanaa", "Sanaa", "YEM", "city"),
]


@pytest.mark.parametrize(("text", "surface", "name", "country", "resolution"),
                         [c[1:] for c in RESOLVE], ids=[c[0] for c in RESOLVE])
def test_place_resolution(pipeline: Any, resolver: PlaceResolver, text: str, surface: str,
                          name: str, country: str | None, resolution: str) -> None:
    doc, coded = _coded(pipeline, text)
    found = {span.text: loc for span, loc in resolver.places(doc, coded.mentions)}
    assert surface in found, found
    loc = found[surface]
    assert (loc.name, loc.country, loc.resolution) == (name, country, resolution)
    assert loc.lat is not None and loc.lon is not None


def test_blagoveshchensk_is_the_amur_city(pipeline: Any, resolver: PlaceResolver) -> None:
    doc, coded = _coded(pipeline, BRIDGE)
    found = {span.text: loc for span, loc in resolver.places(doc, coded.mentions)}
    assert found["Blagoveshchensk"].admin1 == "Amur Oblast"
    assert found["Blagoveshchensk"].lon is not None and found["Blagoveshchensk"].lon > 120


# -- event locations ----------------------------------------------------------------------------

LOCATE = [
    # id, text, trigger word, name, country, method
    ("bridge", BRIDGE, "bridge", "Blagoveshchensk", "RUS", "sentence"),
    ("in-city", "Chilean police fired water cannon at students in Santiago.", "fired", "Santiago",
     "CHL", "syntax"),
    ("capital-actor-subject", "Beijing condemned the missile test in Pyongyang on Monday.",
     "condemned", "Pyongyang", "PRK", "syntax"),
    ("capital-actor-only", "Beijing condemned the sanctions on Monday.", "condemned", None, None,
     None),
    ("country-actor-only", "Russia accused Ukraine of sabotage.", "accused", None, None, None),
    ("in-capital", "Putin and Xi held talks in Moscow on Monday.", "talks", "Moscow", "RUS",
     "syntax"),
    ("city-over-country", "Turkish police detained 40 people in Turkey's largest city, Istanbul.",
     "detained", "Istanbul", "TUR", "syntax"),
    ("city-of", "Soldiers clashed with gunmen in the northern Lebanese city of Tripoli.",
     "clashed", "Tripoli", "LBN", "syntax"),
    ("qualifier-not-place", "Police in Paris, Texas, arrested a man on Monday.", "arrested",
     "Paris", "USA", "syntax"),
    ("region-sea", "Houthi rebels attacked a cargo ship in the Red Sea.", "attacked", "Red Sea",
     None, "syntax"),
    ("admin1", "Russian shelling killed three civilians in the Donetsk region.", "killed",
     "Donetsk region", "UKR", "syntax"),
    ("strike-on-city", "A Russian missile strike on Kharkiv killed seven people.", "strike",
     "Kharkiv", "UKR", "syntax"),
    ("at-country-is-target", "Hezbollah fired rockets at Israel and hit a base in Safed.",
     "fired", "Safed", "ISR", "sentence"),
    ("possessive-area", "Israeli strikes hit Beirut's southern suburbs overnight.", "hit",
     "Beirut", "LBN", "sentence"),
    ("area-of-city", "Russian troops shelled residential areas of Kherson overnight.", "shelled",
     "Kherson", "UKR", "sentence"),
    ("other-clause", "Moscow accused Kyiv of attacking an air base in the Saratov region.",
     "accused", "Saratov region", "RUS", "sentence"),
    ("same-clause-noun", "The ministers signed a deal at a summit in Astana.", "signed", "Astana",
     "KAZ", "syntax"),
    ("compound-city", "Moscow police detained 40 protesters on Sunday.", "detained", "Moscow",
     "RUS", "sentence"),
    ("non-capital-object", "Russian forces shelled Kharkiv overnight.", "shelled", "Kharkiv",
     "UKR", "sentence"),
    ("capital-object-is-actor", "China warned Taipei against provocations.", "warned", None,
     None, None),
    ("division-to-city", "The RSF besieged El Fasher, the last army stronghold in North Darfur.",
     "besieged", "El Fasher", "SDN", "sentence"),
    ("into-admin1", "Ukrainian troops pushed deeper into Russia's Kursk region.", "pushed",
     "Kursk region", "RUS", "syntax"),
    ("landmark-shoal", "A Chinese ship fired water cannon near Second Thomas Shoal.", "fired",
     "Second Thomas Shoal", None, "syntax"),
]


@pytest.mark.parametrize(("text", "word", "name", "country", "method"),
                         [c[1:] for c in LOCATE], ids=[c[0] for c in LOCATE])
def test_event_location(pipeline: Any, resolver: PlaceResolver, text: str, word: str,
                        name: str | None, country: str | None, method: str | None) -> None:
    loc = _locate(pipeline, resolver, text, word)
    if name is None:
        assert loc is None, loc
        return
    assert loc is not None
    assert (loc.name, loc.country) == (name, country)
    assert loc.method == method
    assert loc.span is not None and text[loc.span.start:loc.span.end] == loc.span.text


def test_bridge_event_from_pipeline(pipeline: Any, resolver: PlaceResolver) -> None:
    text = "Russia and China deepened their cooperation this year.\n" + BRIDGE
    doc, coded = _coded(pipeline, text)
    located = resolver(doc, coded.events, coded.mentions)
    bridge = [e for e in located if "bridge" in e.trigger.text]
    assert bridge, [e.trigger.text for e in coded.events]
    for event in bridge:
        assert event.location is not None
        assert (event.location.name, event.location.country) in (
            ("Blagoveshchensk", "RUS"), ("Heihe", "CHN"))


NO_CENTROID = [
    ("ukraine-kyiv", "Russian drones hit Ukraine overnight, damaging power lines in Kyiv."),
    ("iran-isfahan", "Explosions were heard in Iran near the city of Isfahan on Friday."),
    ("syria-aleppo", "Air strikes in Syria killed 12 civilians in Aleppo, monitors said."),
    ("pakistan-karachi", "Police in Pakistan arrested 30 protesters in Karachi."),
    ("mexico-culiacan", "Mexican troops clashed with gunmen in Mexico's Culiacán."),
    ("india-srinagar", "Gunmen attacked a bus in India, killing nine near Srinagar."),
]


@pytest.mark.parametrize("text", [c[1] for c in NO_CENTROID], ids=[c[0] for c in NO_CENTROID])
def test_no_country_centroid_when_a_city_is_named(pipeline: Any, resolver: PlaceResolver,
                                                  text: str) -> None:
    doc, coded = _coded(pipeline, text)
    cities = {loc.country for _, loc in resolver.places(doc, coded.mentions)
              if loc.resolution == "city"}
    events = list(coded.events) or [_event_at(doc, str(list(doc.sents)[0].root))]
    for event in resolver(doc, events, coded.mentions):
        loc = event.location
        assert loc is not None
        assert not (loc.resolution == "country" and loc.country in cities), loc


def test_located_events_are_kept_and_order_preserved(pipeline: Any,
                                                     resolver: PlaceResolver) -> None:
    text = "Police arrested 12 people in Nairobi. Soldiers fired on protesters in Lagos."
    doc, coded = _coded(pipeline, text)
    given = Location("Somewhere", "KEN", None, 0.0, 0.0, "city", "user")
    first = _event_at(doc, "arrested")
    events = [first.__class__(**{**{f: getattr(first, f) for f in first.__slots__},
                                 "location": given}), _event_at(doc, "fired")]
    out = resolver(doc, events, coded.mentions)
    assert out[0].location is given
    assert out[1].location is not None and out[1].location.name == "Lagos"


# -- datelines ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("dateline", "name", "country"), [
    ("MOSCOW", "Moscow", "RUS"),
    ("Tripoli, Lebanon", "Tripoli", "LBN"),
    ("ALEXANDRIA, Va.", "Alexandria", None),
], ids=["caps", "qualified", "unknown-qualifier"])
def test_dateline_fallback(pipeline: Any, resolver: PlaceResolver, dateline: str, name: str,
                           country: str | None) -> None:
    loc = _locate(pipeline, resolver, "Officials said the talks had stalled.", "said",
                  dateline=dateline)
    assert loc is not None and loc.method == "dateline" and loc.name == name
    if country:
        assert loc.country == country


def test_dateline_city_beats_country_of_same_name(pipeline: Any,
                                                  resolver: PlaceResolver) -> None:
    text = "KYIV (Reuters) - Russia launched more than 100 drones at Ukraine overnight."
    found = find_dateline(text, has_title=False)
    assert found is not None
    loc = _locate(pipeline, resolver, text, "launched", dateline=found.place)
    assert loc is not None and (loc.name, loc.country) == ("Kyiv", "UKR")


@pytest.mark.parametrize(("raw", "key"), [
    ("the Nagorno-Karabakh", "nagorno karabakh"), ("Córdoba", "cordoba"),
    ("Białystok", "bialystok"), ("U.S.", "us"), ("Russia's", "russia"),
    ("Ren'ai Reef", "renai reef"),
], ids=["hyphen-the", "accent", "stroke", "dots", "possessive", "apostrophe"])
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


# -- the gold ------------------------------------------------------------------------------------

def test_place_gold_is_well_formed() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 160
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    for row in rows:
        dt.date.fromisoformat(row["date"])
        place = row["place"]
        assert place["resolution"] in ("city", "admin1", "country", "landmark", "region"), row
        assert place["country"] is None or re.fullmatch(r"[A-Z]{3}", place["country"]), row
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, row
        if place["resolution"] == "admin1":
            assert place.get("admin1"), row
    homonyms = {(r["place"]["name"], r["place"]["country"]) for r in rows}
    for pair in [("Paris", "FRA"), ("Paris", "USA"), ("Tripoli", "LBY"), ("Tripoli", "LBN"),
                 ("Hyderabad", "IND"), ("Hyderabad", "PAK"), ("Birmingham", "GBR"),
                 ("Birmingham", "USA"), ("Alexandria", "EGY"), ("Alexandria", "USA")]:
        assert pair in homonyms, pair
