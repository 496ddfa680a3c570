"""Verbal conflict triggers (REQUEST, ACCUSE, REJECT, THREATEN, PROTEST) on single sentences.

Each case is a sentence, its publication date, an expected (type, source code prefix, target code
prefix) and whether that event must be present or absent. A None prefix accepts any actor (or
none) in that role; prefixes are compared with the start of the actor ``code`` (``IGO`` matches
``IGOUNO``). The real pipeline runs, so the parse, the actor stage and the coder are all checked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.pipeline import Pipeline
from tidings.records import Article, Event

Triple = tuple[str, str | None, str | None]
DAY = dt.date(2024, 5, 1)


def _matches(event: Event, expected: Triple) -> bool:
    type_, source, target = expected
    source_code = event.source.actor.code if event.source else ""
    target_code = event.target.actor.code if event.target else ""
    return (event.type == type_ and (source is None or source_code.startswith(source)) and
            (target is None or target_code.startswith(target)))


def case(sentence: str, expected: Triple, id: str, *, present: bool = True,
         date: dt.date = DAY) -> object:
    return pytest.param(sentence, date, expected, present, id=id)


CASES = [
    # REQUEST
    case("Ukraine pushed the United States for more air defence systems.",
         ("REQUEST", "UKR", "USA"), "request-push-for"),
    case("Britain lobbied the United States to support the plan.",
         ("REQUEST", "GBR", "USA"), "request-lobby"),
    case("Iraqi Kurds sought refuge in Germany.", ("REQUEST", "IRQ", "DEU"), "request-seek-refuge"),
    case("Ukraine applied for membership in the European Union.",
         ("REQUEST", "UKR", "IGO"), "request-apply-membership"),
    case("The Indian company applied for a loan from a local bank.",
         ("REQUEST", None, None), "request-apply-loan-not", present=False),
    case("The United States urged China to release the detained activists.",
         ("REQUEST", "USA", "CHN"), "request-urge"),
    case("France called on Russia to withdraw its troops.", ("REQUEST", "FRA", "RUS"),
         "request-call-on"),
    # ACCUSE
    case("China lambasted Japan over the release of wastewater.", ("ACCUSE", "CHN", "JPN"),
         "accuse-lambast"),
    case("Washington faulted Iran for the collapse of the talks.", ("ACCUSE", "USA", "IRN"),
         "accuse-fault"),
    case("The United States chided China for its human rights record.",
         ("ACCUSE", "USA", "CHN"), "accuse-chide"),
    case("Nigerian authorities launched a probe into the killings by soldiers in Lagos.",
         ("ACCUSE", "NGA", None), "accuse-probe-noun"),
    case("Russia will prosecute Ukrainian soldiers for war crimes.", ("ACCUSE", "RUS", "UKR"),
         "accuse-prosecute"),
    case("US prosecutors filed charges against two Russian hackers.", ("ACCUSE", "USA", "RUS"),
         "accuse-charges-against"),
    case("South Africa brought a case against Israel at the World Court.",
         ("ACCUSE", "ZAF", "ISR"), "accuse-bring-case"),
    case("Ukraine took Russia to the International Court of Justice over the genocide claims.",
         ("ACCUSE", "UKR", "RUS"), "accuse-take-to-court"),
    case("The United States pointed the finger at Russia for the cyberattack.",
         ("ACCUSE", "USA", "RUS"), "accuse-point-finger"),
    case("Turkey voiced anger at Sweden over the protests.", ("ACCUSE", "TUR", "SWE"),
         "accuse-voice-anger"),
    case("China expressed strong dissatisfaction with the US arms sale.",
         ("ACCUSE", "CHN", "USA"), "accuse-dissatisfaction"),
    case("Russia raised objections to the US missile plan.", ("ACCUSE", "RUS", "USA"),
         "accuse-raise-objections"),
    case("India called in the Pakistani envoy to protest the killings.",
         ("ACCUSE", "IND", "PAK"), "accuse-call-in-envoy"),
    # REJECT
    case("Iran reneged on its commitments under the agreement with the United States.",
         ("REJECT", "IRN", "USA"), "reject-renege"),
    case("North Korea flouted UN sanctions with a new missile launch.",
         ("REJECT", "PRK", "IGO"), "reject-flout"),
    case("Turkey blocked Sweden's bid to join NATO.", ("REJECT", "TUR", "SWE"),
         "reject-block-bid"),
    case("India called off talks with Pakistan after the attack.", ("REJECT", "IND", "PAK"),
         "reject-call-off-talks"),
    case("China balked at the US proposal.", ("REJECT", "CHN", "USA"), "reject-balk-at"),
    case("Russia shot down the US proposal for new talks.", ("REJECT", "RUS", "USA"),
         "reject-shoot-down-proposal"),
    case("Trump tore up the nuclear deal with Iran.", ("REJECT", "USA", "IRN"),
         "reject-tear-up-deal"),
    case("Turkey torpedoed the US plan for northern Syria.", ("REJECT", "TUR", "USA"),
         "reject-torpedo"),
    case("Russia cast its veto against the Ukraine resolution.", ("REJECT", "RUS", "UKR"),
         "reject-cast-veto"),
    case("Israel shrugged off US criticism of the settlements.", ("REJECT", "ISR", "USA"),
         "reject-shrug-off"),
    # THREATEN
    case("North Korea menaced the United States with its missiles.",
         ("THREATEN", "PRK", "USA"), "threaten-menace"),
    case("Iran vowed revenge against the United States.", ("THREATEN", "IRN", "USA"),
         "threaten-vow-revenge"),
    case("China warned Taiwan against any move toward independence.",
         ("THREATEN", "CHN", "TWN"), "threaten-warn"),
    case("The government set a deadline for the end of the year.",
         ("THREATEN", None, None), "threaten-deadline-not", present=False),
    # PROTEST
    case("Doctors in Zambia walked off the job to demand better pay.",
         ("PROTEST", None, "ZMB"), "protest-walk-off-job"),
    case("Junior doctors in Britain went on strike for four days.",
         ("PROTEST", None, None), "protest-go-on-strike"),
    case("Thousands of workers in Serbia stopped work over the new labour law.",
         ("PROTEST", None, None), "protest-stop-work"),
    case("The Chinese government stopped work on the dam after the landslide.",
         ("PROTEST", None, None), "protest-stop-work-not-government", present=False),
    case("Opposition supporters in Armenia staged a sit-in outside the parliament.",
         ("PROTEST", None, None), "protest-sit-in"),
    case("Protesters chanted slogans against the government in Tehran.",
         ("PROTEST", "IRN", "IRN"), "protest-chant-slogans"),
    # round 2: synonyms and nominalisations
    case("Kenya sought funding from the United Nations.", ("REQUEST", "KEN", "IGO"),
         "request-seek-funding"),
    case("Washington nudged Seoul to mend ties with Tokyo.", ("REQUEST", "USA", "KOR"),
         "request-nudge"),
    case("The European Commission launched legal proceedings against Poland.",
         ("ACCUSE", "IGO", "POL"), "accuse-proceedings-against"),
    case("Beijing disapproved of the US decision.", ("ACCUSE", "CHN", "USA"),
         "accuse-disapprove-of"),
    case("Hungary blocked an EU statement criticising China.", ("REJECT", "HUN", "IGO"),
         "reject-block-statement"),
    case("Beijing pushed back against US demands to curb chip exports.",
         ("REJECT", "CHN", "USA"), "reject-push-back-against"),
    case("Israel disregarded the UN call for a truce.", ("REJECT", "ISR", "IGO"),
         "reject-disregard-call"),
    case("The rebels stayed away from talks with the government of Sudan.",
         ("REJECT", "SDN", "SDN"), "reject-stay-away-from-talks"),
    case("The opposition in Ghana boycotted talks with the government.",
         ("REJECT", "GHA", "GHA"), "reject-boycott-talks"),
    case("Opposition parties in Togo boycotted the parliamentary election.",
         ("PROTEST", "TGO", "TGO"), "protest-boycott-election"),
    case("Opposition parties in Togo boycotted the parliamentary election.",
         ("REJECT", None, None), "protest-boycott-election-not-reject", present=False),
    case("Iran vowed a crushing response against Israel.", ("THREATEN", "IRN", "ISR"),
         "threaten-vow-response"),
    case("Protesters blocked the main motorway into Lisbon.", ("PROTEST", "PRT", "PRT"),
         "protest-block-motorway"),
    case("The government blocked the main motorway into Lisbon.", ("PROTEST", None, None),
         "protest-block-motorway-not-government", present=False),
    case("Demonstrators barricaded streets in Caracas.", ("PROTEST", "VEN", "VEN"),
         "protest-barricade"),
    case("Protesters ransacked the parliament building in Skopje.", ("PROTEST", "MKD", "MKD"),
         "protest-ransack"),
    case("Crowds looted shops in Kinshasa.", ("PROTEST", "COD", "COD"), "protest-loot"),
    case("Thousands of protesters massed outside parliament in Tbilisi.",
         ("PROTEST", "GEO", "GEO"), "protest-mass"),
    case("Unions in Nigeria began a nationwide work stoppage.", ("PROTEST", "NGA", "NGA"),
         "protest-work-stoppage"),
    case("Unilever rejected a takeover bid from Kraft Heinz.",
         ("REJECT", None, None), "reject-takeover-bid-not", present=False),
    case("The minister went on a tour of the region.", ("PROTEST", None, None),
         "protest-go-on-tour-not", present=False),
    case("He walked off the stage after the speech.", ("PROTEST", None, None),
         "protest-walk-off-stage-not", present=False),
    # round 4: phrasings by knowledge, per CAMEO code
    case("Greece demanded war reparations from Germany.", ("REQUEST", "GRC", "DEU"),
         "request-demand-from"),
    case("The Palestinians sought UN membership.", ("REQUEST", "PSE", "IGO"),
         "request-seek-membership"),
    case("Armenia asked Russia to mediate in the conflict with Azerbaijan.",
         ("REQUEST", "ARM", "RUS"), "request-ask-mediate"),
    case("Pakistan appealed to the United Nations for flood relief.", ("REQUEST", "PAK", "IGO"),
         "request-appeal-to-for"),
    case("Demand for oil rose sharply in China last month.", ("REQUEST", None, None),
         "request-economic-demand-not", present=False),
    case("Germany took Hungary to task over its rule of law record.", ("ACCUSE", "DEU", "HUN"),
         "accuse-take-to-task"),
    case("The European Commission launched legal action against Poland.",
         ("ACCUSE", "IGO", "POL"), "accuse-legal-action"),
    case("China lodged a protest with Japan over the visit to the shrine.",
         ("ACCUSE", "CHN", "JPN"), "accuse-lodge-protest-with"),
    case("China lodged a protest with Japan over the visit to the shrine.",
         ("PROTEST", None, None), "accuse-lodge-protest-not-demo", present=False),
    case("Japan protested the Chinese incursion into its waters.", ("ACCUSE", "JPN", "CHN"),
         "accuse-protest-object"),
    case("Students in Seoul protested the tuition increase.", ("ACCUSE", None, None),
         "accuse-protest-object-crowd-not", present=False),
    case("China voiced strong opposition to the US sanctions.", ("ACCUSE", "CHN", "USA"),
         "accuse-voice-opposition"),
    case("Britain laid the blame on Russia for the poisoning.", ("ACCUSE", "GBR", "RUS"),
         "accuse-lay-blame-on"),
    case("ICC prosecutor seeks arrest warrant for Netanyahu", ("ACCUSE", "IGO", "ISR"),
         "accuse-seek-warrant"),
    case("Canada filed suit against China at the WTO.", ("ACCUSE", "CAN", "CHN"),
         "accuse-file-suit"),
    case("The opposition leader in Kenya wore a grey suit to the rally.", ("ACCUSE", None, None),
         "accuse-suit-clothes-not", present=False),
    case("Erdogan railed against Israel over the raids in Jenin.", ("ACCUSE", "TUR", "ISR"),
         "accuse-rail-against"),
    case("Biden took aim at China over its trade practices.", ("ACCUSE", "USA", "CHN"),
         "accuse-take-aim-at"),
    case("Germany expressed disappointment with the US decision to withdraw troops.",
         ("ACCUSE", "DEU", "USA"), "accuse-disappointment"),
    case("The United States attributed the SolarWinds hack to Russia.",
         ("ACCUSE", "USA", "RUS"), "accuse-attribute-to"),
    case("The company attributed the fall in profits to the strong dollar.",
         ("ACCUSE", None, None), "accuse-attribute-business-not", present=False),
    case("A UN report implicated Saudi Arabia in the killing of Khashoggi.",
         ("ACCUSE", "IGO", "SAU"), "accuse-implicate"),
    case("Russia put Ukrainian soldiers on trial in Rostov.", ("ACCUSE", "RUS", "UKR"),
         "accuse-put-on-trial"),
    case("The manager criticised the referee after the match.", ("ACCUSE", None, None),
         "accuse-sports-not", present=False),
    case("Russia brushed aside Ukraine's peace formula.", ("REJECT", "RUS", "UKR"),
         "reject-brush-aside"),
    case("Russia used its veto against the resolution on Ukraine.", ("REJECT", "RUS", "UKR"),
         "reject-use-veto"),
    case("The United States backed out of the nuclear deal with Iran.",
         ("REJECT", "USA", "IRN"), "reject-back-out-of"),
    case("Iran walked away from the talks with the United States.", ("REJECT", "IRN", "USA"),
         "reject-walk-away-from"),
    case("North Korea shunned talks with South Korea.", ("REJECT", "PRK", "KOR"),
         "reject-shun-talks"),
    case("The Pakistani cricket team skipped training on Monday.", ("REJECT", None, None),
         "reject-skip-training-not", present=False),
    case("A spokesman for the Russian foreign ministry refused to comment on the report.",
         ("REJECT", None, None), "reject-refuse-comment-not", present=False),
    case("Thailand refused to extradite the activist to Vietnam.", ("REJECT", "THA", "VNM"),
         "reject-refuse-extradite"),
    case("Russia annulled the agreement with Ukraine.", ("REJECT", "RUS", "UKR"),
         "reject-annul-agreement"),
    case("Turkey stalled Sweden's bid to join NATO.", ("REJECT", "TUR", "SWE"),
         "reject-stall-bid"),
    case("Russia disregarded the UN resolution.", ("REJECT", "RUS", "IGO"),
         "reject-disregard-resolution"),
    case("Russia withdrew from the Black Sea grain initiative.", ("REJECT", "RUS", None),
         "reject-withdraw-initiative"),
    case("The United States rolled back tariffs on Chinese goods.", ("CONCEDE", "USA", "CHN"),
         "concede-roll-back-tariffs"),
    case("The United States unfroze Iranian assets.", ("CONCEDE", "USA", None),
         "concede-unfreeze-past"),
    case("Russia acquiesced to the demands.", ("CONCEDE", "RUS", None), "concede-acquiesce"),
    case("Washington issued sanctions waivers for Iran.", ("CONCEDE", "USA", "IRN"),
         "concede-waiver"),
    case("China climbed down over its trade demands.", ("CONCEDE", "CHN", None),
         "concede-climb-down"),
    case("China intimidated the Philippines with naval manoeuvres.", ("THREATEN", "CHN", "PHL"),
         "threaten-intimidate"),
    case("Israel gave Hamas until Saturday to release the hostages.", ("THREATEN", "ISR", "PSE"),
         "threaten-give-until"),
    case("The United States gave Iraq 48 hours to comply.", ("THREATEN", "USA", "IRQ"),
         "threaten-give-hours"),
    case("Forecasters warned of heavy rain in southern China.", ("THREATEN", None, None),
         "threaten-weather-not", present=False),
    case("Demonstrators in Bangkok defied a ban on gatherings.", ("PROTEST", "THA", None),
         "protest-defy-ban-crowd"),
    case("Political prisoners in Belarus are refusing food to protest against their treatment.",
         ("PROTEST", None, None), "protest-refuse-food"),
    case("Teachers in Zimbabwe stayed away from classrooms to demand better pay.",
         ("PROTEST", None, None), "protest-stay-away-from-classrooms"),
    case("Protesters surrounded the parliament building in Bishkek.", ("PROTEST", "KGZ", None),
         "protest-surround"),
    case("Russian troops surrounded the city of Mariupol.", ("PROTEST", None, None),
         "protest-surround-troops-not", present=False),
    case("Protesters threw stones at police in Srinagar.", ("PROTEST", None, None),
         "protest-throw-stones"),
    case("Demonstrators set up barricades in the streets of La Paz.", ("PROTEST", None, None),
         "protest-set-up-barricades"),
    case("The army marched into the capital of Niger.", ("PROTEST", None, None),
         "protest-army-march-not", present=False),
]


@pytest.mark.parametrize(("sentence", "date", "expected", "present"), CASES)
def test_verbal_events(pipeline: Pipeline, sentence: str, date: dt.date, expected: Triple,
                       present: bool) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=date))
    found = [(e.type, e.source.actor.code if e.source else None,
              e.target.actor.code if e.target else None) for e in coded.events]
    assert any(_matches(e, expected) for e in coded.events) is present, found


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))


MODE_CASES = [
    pytest.param("Violent protests erupted in Nairobi against the tax bill.", "PROTEST", "145",
                 id="mode-violent-protest-riot"),
    pytest.param("Russia issued a nuclear threat against Britain.", "THREATEN", "1385",
                 id="mode-nuclear-threat"),
    pytest.param("China lodged a formal complaint with Japan over the visit.", "ACCUSE", "114",
                 id="mode-formal-complaint"),
    pytest.param("Kurdish prisoners in Turkey began a hunger strike.", "PROTEST", "142",
                 id="mode-hunger-strike"),
    pytest.param("The United States threatened Iran with sanctions.", "THREATEN", "1312",
                 id="mode-threaten-sanctions"),
    pytest.param("Peru sent an extradition request to the United States.", "REQUEST", "1053",
                 id="mode-extradition-request"),
    pytest.param("Japan lodged a diplomatic protest with China.", "ACCUSE", "114",
                 id="mode-diplomatic-protest"),
    pytest.param("China threatened Taiwan with invasion.", "THREATEN", "1382",
                 id="mode-threaten-invasion"),
    pytest.param("Iran charged the British citizen with espionage.", "ACCUSE", "1125",
                 id="mode-espionage-charge"),
    pytest.param("Pakistan sent a loan request to China.", "REQUEST", "1031",
                 id="mode-loan-request"),
]


@pytest.mark.parametrize(("sentence", "type_", "cameo"), MODE_CASES)
def test_verbal_modes(pipeline: Pipeline, sentence: str, type_: str, cameo: str) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=DAY))
    codes = {e.cameo for e in coded.events if e.type == type_}
    assert cameo in codes, [(e.type, e.cameo) for e in coded.events]
