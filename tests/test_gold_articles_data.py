"""Integrity checks for the whole-article gold set and the bundled sample article.

The gold set (data/gold/articles) is hand-written: these tests guard against the
drift that creeps in when an article is edited but its gold record is not.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "data" / "gold" / "articles"
GOLD_FILE = GOLD_DIR / "gold.jsonl"
QUOTES_FILE = GOLD_DIR / "quotes.jsonl"
SAMPLE = ROOT / "src" / "tidings" / "data" / "sample" / "sample_article.txt"

# Syndication byline as the last line of a wire story: initial.Surname--OUTLET
BYLINE = re.compile(r"^[A-Z]\.[A-Z][A-Za-z'-]+--[A-Z]{2,6}$")
ARTICLE_ID = re.compile(r"^a\d\d_[a-z0-9]+(?:_[a-z0-9]+)*$")
# Straight double quotes only; a closing comma or full stop inside the marks is
# wire-style punctuation, not part of the quoted words.
QUOTED = re.compile(r'"([^"]+)"')

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
ORG_CODES = frozenset(
    "EU NATO UN UNSC IMF WB ICC ICJ ECOWAS AU ASEAN OPEC WHO IAEA BRICS G7 G20 SCO "
    "ARL GCC OSCE WTO OAS".split()
)
# ISO 3166-1 alpha-3, plus XKX (Kosovo) as used by the scorer.
ISO3 = frozenset(
    """ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN
    BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK
    CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA
    DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA
    GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN
    IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
    LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI
    MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD
    NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU
    ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK
    SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX""".split()
)
VALID_CODES = ISO3 | ORG_CODES | {"*"}
MODALITIES = frozenset({"asserted", "reported", "intended", "alleged", "conditional"})
EVENT_KEYS = {"source", "types", "target", "undirected", "optional"}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _strip_byline(raw: str) -> str:
    lines = raw.rstrip("\n").split("\n")
    if BYLINE.match(lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)


def _quoted_spans(text: str) -> list[str]:
    return [span.rstrip(",.") for span in QUOTED.findall(text)]


GOLD = _read_jsonl(GOLD_FILE)
GOLD_BY_ID = {rec["id"]: rec for rec in GOLD}
QUOTES = _read_jsonl(QUOTES_FILE)
GOLD_IDS = [rec["id"] for rec in GOLD]
QUOTE_IDS = [rec["id"] for rec in QUOTES]


def _events() -> list[tuple[str, dict[str, Any]]]:
    return [(rec["id"], ev) for rec in GOLD for ev in rec["gold"]]


EVENTS = _events()
EVENT_IDS = [f"{aid}-{i}" for i, (aid, _) in enumerate(EVENTS)]


def test_set_size_and_unique_ids() -> None:
    assert len(GOLD) >= 15
    assert len(set(GOLD_IDS)) == len(GOLD_IDS)
    assert len(set(QUOTE_IDS)) == len(QUOTE_IDS)


def test_every_article_file_has_a_record() -> None:
    files = sorted(p.name for p in GOLD_DIR.glob("a*.txt"))
    assert files == sorted(rec["file"] for rec in GOLD)


def test_at_least_twelve_articles_with_quotes() -> None:
    assert sum(1 for rec in QUOTES if rec["quotes"]) >= 12
    assert set(QUOTE_IDS) <= set(GOLD_IDS)


@pytest.mark.parametrize("rec", GOLD, ids=GOLD_IDS)
def test_record_matches_file(rec: dict[str, Any]) -> None:
    assert ARTICLE_ID.match(rec["id"])
    assert rec["file"] == f"{rec['id']}.txt"
    raw = (GOLD_DIR / rec["file"]).read_text(encoding="utf-8")
    assert rec["text"] == _strip_byline(raw)
    assert not BYLINE.match(rec["text"].split("\n")[-1])


@pytest.mark.parametrize("rec", GOLD, ids=GOLD_IDS)
def test_article_shape(rec: dict[str, Any]) -> None:
    text = rec["text"]
    assert 300 <= len(text.split()) <= 900
    lines = text.split("\n")
    assert len(lines) >= 8, "headline plus one paragraph a line"
    assert all(line.strip() == line and line for line in lines)
    assert "\u201c" not in text and "\u201d" not in text, "straight quotes only"


@pytest.mark.parametrize("rec", GOLD, ids=GOLD_IDS)
def test_record_dates_and_required_events(rec: dict[str, Any]) -> None:
    published = dt.date.fromisoformat(rec["date"])
    assert dt.date(2022, 1, 1) <= published <= dt.date(2025, 12, 31)
    required = [ev for ev in rec["gold"] if not ev["optional"]]
    assert 2 <= len(required) <= 12
    for ev in rec["gold"]:
        if "date" in ev:
            assert dt.date.fromisoformat(ev["date"]) <= published


@pytest.mark.parametrize(("aid", "ev"), EVENTS, ids=EVENT_IDS)
def test_event_schema(aid: str, ev: dict[str, Any]) -> None:
    assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | {"date"}
    assert isinstance(ev["undirected"], bool) and isinstance(ev["optional"], bool)
    assert ev["types"] and len(set(ev["types"])) == len(ev["types"])
    assert set(ev["types"]) <= PLOVER_TYPES
    for side in ("source", "target"):
        codes = ev[side].split("|")
        assert set(codes) <= VALID_CODES, f"{aid}: {ev[side]}"


@pytest.mark.parametrize("qrec", QUOTES, ids=QUOTE_IDS)
def test_quotes_occur_and_are_complete(qrec: dict[str, Any]) -> None:
    text = GOLD_BY_ID[qrec["id"]]["text"]
    listed = [q["text"] for q in qrec["quotes"]]
    for quote in qrec["quotes"]:
        assert quote["text"] in text
        assert quote["speaker"] in VALID_CODES
        assert quote["speaker_name"]
        assert isinstance(quote["via"], list)
    assert sorted(_quoted_spans(text)) == sorted(listed)


@pytest.mark.parametrize("qrec", QUOTES, ids=QUOTE_IDS)
def test_attributions(qrec: dict[str, Any]) -> None:
    text = GOLD_BY_ID[qrec["id"]]["text"]
    assert qrec["attributions"]
    for att in qrec["attributions"]:
        assert att["sentence_contains"] in text
        assert 4 <= len(att["sentence_contains"].split()) <= 8
        assert att["modality"] in MODALITIES
        assert isinstance(att["sources"], list)


@pytest.mark.parametrize(
    "needle",
    [
        "is willing to",
        "on October 7",
        "has not condemned",
        "It was unclear whether",
        "the state news agency",
        "as saying",
        "on Wednesday",
    ],
    ids=[
        "pledge",
        "dated-background",
        "negation",
        "hypothetical",
        "state-media",
        "as-saying",
        "weekday",
    ],
)
def test_sample_article_features(needle: str) -> None:
    assert needle in SAMPLE.read_text(encoding="utf-8")


def test_sample_article_shape() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert BYLINE.match(lines[-1])
    body = "\n".join(lines[:-1])
    assert 350 <= len(body.split()) <= 500
    assert all(line.strip() for line in lines)
