"""Cooperative event types (AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, RETREAT) on single
sentences: wire-story phrasings beyond the plain verb ("reached a consensus", "renewed
negotiations", "wrote off the debt", "handed over their weapons"), and the readings that must not
win ("agreed to a ceasefire" is the concession itself, not a promise of it).

Expected triples are (type, source code prefix, target code prefix); a None prefix accepts any
actor (or none) in that role. The table runs the real pipeline (parse, actors, events).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.pipeline import Pipeline
from tidings.records import Article, Event

Expected = tuple[str, str | None, str | None]
PUBLISHED = dt.date(2024, 5, 1)


def _matches(event: Event, expected: Expected) -> bool:
    type_, source, target = expected
    source_code = event.source.actor.code if event.source else ""
    target_code = event.target.actor.code if event.target else ""
    return (event.type == type_ and (source is None or source_code.startswith(source)) and
            (target is None or target_code.startswith(target)))


PRESENT = [
    pytest.param('Serbia and Kosovo reached a consensus on vehicle licence plates.',
                 ('AGREE', 'SRB', 'XKX'), id='agree-consensus'),
    pytest.param('Peru and Ecuador reached an understanding on their maritime border.',
                 ('AGREE', 'PER', 'ECU'), id='agree-understanding'),
    pytest.param('Indonesia and Malaysia reached a compromise on palm oil tariffs.',
                 ('AGREE', 'IDN', 'MYS'), id='agree-compromise'),
    pytest.param('Sudan accepted the roadmap proposed by Ethiopia.',
                 ('AGREE', 'SDN', None), id='agree-accept-roadmap'),
    pytest.param('Jordan and Britain agreed to undertake joint military exercises.',
                 ('AGREE', 'JOR', None), id='agree-undertake-exercise'),
    pytest.param('The Philippine president will attend a summit with Chinese leaders.',
                 ('AGREE', 'PHL', 'CHN'), id='agree-will-attend'),
    pytest.param('The Indonesian president attended a summit with Chinese leaders in Beijing.',
                 ('CONSULT', 'IDN', 'CHN'), id='consult-attend-summit'),
    pytest.param('Armenia and Azerbaijan renewed negotiations on Tuesday.',
                 ('CONSULT', 'ARM', 'AZE'), id='consult-renewed-negotiations'),
    pytest.param('Greece and Turkey concluded two days of talks in Athens.',
                 ('CONSULT', 'GRC', 'TUR'), id='consult-concluded-talks'),
    pytest.param('Qatar launched a mediation effort between Israel and Hamas.',
                 ('CONSULT', 'QAT', 'ISR'), id='consult-mediation-effort'),
    pytest.param('The Algerian foreign minister undertook a mediation mission between Mali and '
                 'the rebels.',
                 ('CONSULT', 'DZA', 'MLI'), id='consult-mediation-mission'),
    pytest.param('The Nigerian president gave a warm welcome to the Ghanaian president.',
                 ('CONSULT', 'GHA', 'NGA'), id='consult-warm-welcome'),
    pytest.param('China sent an envoy to Myanmar.',
                 ('CONSULT', 'CHN', 'MMR'), id='consult-sent-envoy'),
    pytest.param('The Egyptian president sat down with the Sudanese leader.',
                 ('CONSULT', 'EGY', 'SDN'), id='consult-sat-down-with'),
    pytest.param('Brazil and Argentina exchanged views on the trade bloc.',
                 ('CONSULT', 'BRA', 'ARG'), id='consult-exchange-views'),
    pytest.param('Kenya and Uganda agreed to exchange intelligence on militants.',
                 ('AGREE', 'KEN', 'UGA'), id='agree-exchange-intelligence'),
    pytest.param('Poland exchanged intelligence with Lithuania.',
                 ('COOPERATE', 'POL', 'LTU'), id='cooperate-exchange-intelligence'),
    pytest.param('Georgian soldiers trained alongside US Marines.',
                 ('COOPERATE', 'GEO', 'USA'), id='cooperate-trained-alongside'),
    pytest.param('Polish troops participated in the exercise alongside German troops.',
                 ('COOPERATE', 'POL', 'DEU'), id='cooperate-participate-exercise'),
    pytest.param('The World Bank approved a $500 million loan to Kenya.',
                 ('AID', None, 'KEN'), id='aid-approve-loan'),
    pytest.param('Washington approved the transfer of missiles to Taiwan.',
                 ('AID', 'USA', 'TWN'), id='aid-approve-transfer'),
    pytest.param("France will write off Senegal's debt.",
                 ('AGREE', 'FRA', 'SEN'), id='agree-will-write-off-debt'),
    pytest.param("Germany wrote off Ghana's debt.",
                 ('AID', 'DEU', 'GHA'), id='aid-wrote-off-debt'),
    pytest.param('Turkey set up a field hospital in Syria.',
                 ('AID', 'TUR', 'SYR'), id='aid-field-hospital'),
    pytest.param('The United States is providing military intelligence to Ukraine.',
                 ('AID', 'USA', 'UKR'), id='aid-provide-intelligence'),
    pytest.param('Swiss doctors handed over medicine to Iran.',
                 ('AID', 'CHE', 'IRN'), id='aid-hand-over-medicine'),
    pytest.param('Bangladesh contributed troops to the UN mission in Mali.',
                 ('AID', 'BGD', None), id='aid-contribute-troops'),
    pytest.param('Israel and Hamas agreed to a ceasefire.',
                 ('CONCEDE', 'ISR', 'PSE'), id='concede-agreed-ceasefire'),
    pytest.param('The Mozambican government accepted demands from the rebels.',
                 ('CONCEDE', 'MOZ', 'MOZ'), id='concede-accept-demands'),
    pytest.param('The Zimbabwean president granted amnesty to prisoners.',
                 ('CONCEDE', 'ZWE', None), id='concede-grant-amnesty'),
    pytest.param('The Venezuelan opposition leader conceded defeat.',
                 ('CONCEDE', 'VEN', None), id='concede-defeat'),
    pytest.param('The Italian prime minister handed his resignation to the president.',
                 ('RETREAT', 'ITA', 'ITA'), id='retreat-hand-resignation'),
    pytest.param('FARC rebels handed over their weapons to UN monitors.',
                 ('RETREAT', 'COL', 'IGOUNO'), id='retreat-hand-over-weapons'),
    pytest.param('The rebels handed over child soldiers to UNICEF.',
                 ('RETREAT', None, 'IGO'), id='retreat-hand-over-children'),
    pytest.param('Uganda paid compensation to British nationals.',
                 ('RETREAT', 'UGA', 'GBR'), id='retreat-compensation'),
    pytest.param('Russia allowed a humanitarian corridor to open.',
                 ('RETREAT', 'RUS', None), id='retreat-allow-corridor'),
    pytest.param('The European Union granted Ukraine candidate status.',
                 ('SUPPORT', 'IGOEU', 'UKR'), id='support-grant-status'),
    pytest.param("Hungary ratified Sweden's accession to NATO.",
                 ('SUPPORT', 'HUN', 'SWE'), id='support-ratify-accession'),
    pytest.param('Zelensky expressed gratitude to Germany.',
                 ('SUPPORT', 'UKR', 'DEU'), id='support-gratitude'),
    pytest.param('Ghana and Togo struck a deal on cross-border electricity supplies.',
                 ('AGREE', 'GHA', 'TGO'), id='agree-struck-deal'),
    pytest.param('Chile sealed a trade agreement with South Korea.',
                 ('AGREE', 'CHL', 'KOR'), id='agree-sealed-agreement'),
    pytest.param('Nepal has agreed to buy electricity from India.',
                 ('AGREE', 'NPL', 'IND'), id='agree-to-buy'),
    pytest.param('Chad agreed to take in refugees from Sudan.',
                 ('AGREE', 'TCD', 'SDN'), id='agree-take-in-refugees'),
    pytest.param('The European Union assured Moldova of its continued support.',
                 ('AGREE', 'IGOEU', 'MDA'), id='agree-assure'),
    pytest.param('Egypt bought 24 fighter jets from France.',
                 ('COOPERATE', 'EGY', 'FRA'), id='cooperate-buy-jets'),
    pytest.param('The Polish president spoke by telephone with the Lithuanian president.',
                 ('CONSULT', 'POL', 'LTU'), id='consult-by-telephone-with'),
    pytest.param('The Moroccan king received a phone call from the French president.',
                 ('CONSULT', 'FRA', 'MAR'), id='consult-received-call'),  # the caller acts
    pytest.param('The Chinese premier toured Kenya and Ethiopia.',
                 ('CONSULT', 'CHN', 'KEN'), id='consult-toured'),
    pytest.param('Egypt and Ethiopia resumed negotiations on the dam.',
                 ('CONSULT', 'EGY', 'ETH'), id='consult-resumed-negotiations'),
    pytest.param("Brazil threw its weight behind India's bid for a permanent seat.",
                 ('SUPPORT', 'BRA', 'IND'), id='support-threw-weight-behind'),
    pytest.param('The United States reaffirmed its support for Israel.',
                 ('SUPPORT', 'USA', 'ISR'), id='support-reaffirmed'),
    pytest.param("Croatia ratified Finland's application to join NATO.",
                 ('SUPPORT', 'HRV', 'FIN'), id='support-ratify-application'),
    pytest.param('Canada paid tribute to Ukrainian soldiers.',
                 ('SUPPORT', 'CAN', 'UKR'), id='support-tribute'),
    pytest.param("Indonesia championed Timor-Leste's bid to join ASEAN.",
                 ('SUPPORT', 'IDN', 'TLS'), id='support-championed'),
    pytest.param('Kenya and Uganda linked their power grids.',
                 ('COOPERATE', 'KEN', 'UGA'), id='cooperate-linked-grids'),
    pytest.param('Peru and Bolivia launched a joint investigation team.',
                 ('COOPERATE', 'PER', 'BOL'), id='cooperate-joint-team'),
    pytest.param('Malian troops fought alongside Burkinabe soldiers.',
                 ('COOPERATE', 'MLI', 'BFA'), id='cooperate-fought-alongside'),
    pytest.param('The Greek coast guard worked with Italian authorities to rescue the migrants.',
                 ('COOPERATE', 'GRC', 'ITA'), id='cooperate-worked-with'),
    pytest.param('The navies of India and France trained together off Goa.',
                 ('COOPERATE', 'IND', 'FRA'), id='cooperate-trained-together'),
    pytest.param('The Spanish and Moroccan armies launched a joint offensive against smugglers.',
                 ('COOPERATE', 'ESP', 'MAR'), id='cooperate-joint-offensive'),
    pytest.param('Colombia transferred a suspected drug trafficker to the United States.',
                 ('COOPERATE', 'COL', 'USA'), id='cooperate-transferred-trafficker'),
    pytest.param('Turkey approved the extradition of two suspects to Sweden.',
                 ('COOPERATE', 'TUR', 'SWE'), id='cooperate-extradition-noun'),
    pytest.param('Germany shipped Patriot interceptors to Ukraine.',
                 ('AID', 'DEU', 'UKR'), id='aid-shipped-interceptors'),
    pytest.param('Japan gave the Philippines five patrol vessels.',
                 ('AID', 'JPN', 'PHL'), id='aid-gave-vessels'),
    pytest.param('The World Bank lent Kenya $1 billion.',
                 ('AID', None, 'KEN'), id='aid-lent'),
    pytest.param('Turkey distributed aid in northern Syria.',
                 ('AID', 'TUR', 'SYR'), id='aid-distributed'),
    pytest.param('Iran bankrolled Hezbollah for decades.',
                 ('AID', 'IRN', 'LBN'), id='aid-bankrolled'),
    pytest.param('Russia equipped the Syrian army with new air defences.',
                 ('AID', 'RUS', 'SYR'), id='aid-equipped'),
    pytest.param('Turkey rushed aid to quake-hit Morocco.',
                 ('AID', 'TUR', 'MAR'), id='aid-rushed'),
    pytest.param('Hungary dropped its veto on EU aid to Ukraine.',
                 ('CONCEDE', 'HUN', None), id='concede-dropped-veto'),
    pytest.param('The Kenyan president withdrew the tax bill after mass protests.',
                 ('CONCEDE', 'KEN', None), id='concede-withdrew-bill'),
    pytest.param('China removed tariffs on Australian barley.',
                 ('CONCEDE', 'CHN', 'AUS'), id='concede-removed-tariffs'),
    pytest.param('Washington waived sanctions on Iranian oil sales.',
                 ('CONCEDE', 'USA', 'IRN'), id='concede-waived-sanctions'),
    pytest.param('The Japanese prime minister expressed regret to South Korea over '
                 'wartime forced labour.',
                 ('CONCEDE', 'JPN', 'KOR'), id='concede-expressed-regret'),
    pytest.param('Ukraine accepted a ceasefire with Russia.',
                 ('CONCEDE', 'UKR', 'RUS'), id='concede-accepted-ceasefire'),
    pytest.param('Guinea revoked the ban on opposition rallies.',
                 ('CONCEDE', 'GIN', None), id='concede-revoked-ban'),
    pytest.param('Israel and Hamas agreed to a humanitarian pause in the fighting.',
                 ('CONCEDE', 'ISR', 'PSE'), id='concede-humanitarian-pause'),
    pytest.param('Israel opened the Kerem Shalom crossing for aid deliveries.',
                 ('CONCEDE', 'ISR', None), id='concede-opened-crossing'),
    pytest.param('Armenia handed over control of four villages to Azerbaijan.',
                 ('RETREAT', 'ARM', 'AZE'), id='retreat-handed-over-control'),
    pytest.param('The Sudanese military handed power to a civilian government.',
                 ('RETREAT', 'SDN', None), id='retreat-handed-power'),
    pytest.param('Colombian rebels handed in their weapons to UN monitors.',
                 ('RETREAT', 'COL', None), id='retreat-handed-in-weapons'),
    pytest.param('A ceasefire between Armenia and Azerbaijan came into force on Saturday.',
                 ('RETREAT', 'ARM', 'AZE'), id='retreat-came-into-force'),
    pytest.param('The truce between Ukraine and Russia took effect at midnight.',
                 ('RETREAT', 'UKR', 'RUS'), id='retreat-took-effect'),
    pytest.param('Peruvian president quits amid graft scandal',
                 ('RETREAT', 'PER', None), id='retreat-quits-headline'),
    pytest.param('Venezuela admitted a team of UN inspectors.',
                 ('RETREAT', 'VEN', 'IGO'), id='retreat-admitted-inspectors'),
    pytest.param('Armenia received observers from the OSCE.',
                 ('RETREAT', 'ARM', 'IGO'), id='retreat-received-observers'),
    pytest.param('Russia repatriated 50 prisoners to Ukraine.',
                 ('RETREAT', 'RUS', 'UKR'), id='retreat-repatriated'),
    pytest.param('Robert Mugabe relinquished power after 37 years.',
                 ('RETREAT', 'ZWE', None), id='retreat-relinquished-power'),
    pytest.param('Turkish troops vacated their positions in northern Iraq.',
                 ('RETREAT', 'TUR', None), id='retreat-vacated'),
]

ABSENT = [
    pytest.param('Sudan accepted the roadmap proposed by Ethiopia.',
                 'CONCEDE', id='accept-roadmap-not-concede'),
    pytest.param('Israel and Hamas agreed to a ceasefire.',
                 'AGREE', id='agreed-ceasefire-not-agree'),
    pytest.param('FARC rebels handed over their weapons to UN monitors.',
                 'AID', id='hand-over-weapons-not-aid'),
    pytest.param('The Italian prime minister handed his resignation to the president.',
                 'AGREE', id='resignation-not-agree'),
    pytest.param('Russia deployed troops to the border with Ukraine.',
                 'AID', id='deploy-troops-not-aid'),
    pytest.param('Scientists exchanged views on climate models.',
                 'CONSULT', id='exchange-views-no-actor'),
    pytest.param('The Kenyan president withdrew the tax bill after mass protests.',
                 'RETREAT', id='withdraw-bill-not-retreat'),
    pytest.param('Zambia struck a debt deal with China.',
                 'ASSAULT', id='struck-deal-not-assault'),
    pytest.param('Slovakia dropped its objection to new sanctions against Russia.',
                 'ASSAULT', id='dropped-objection-not-assault'),
    pytest.param('US troops arrived in Poland on Monday.',
                 'CONSULT', id='troops-arrive-not-visit'),
    pytest.param('Italian police stopped a migrant boat off Sicily.',
                 'RETREAT', id='stopped-boat-not-ceasefire'),
    pytest.param('Microsoft bought a stake in a Kenyan startup.',
                 'COOPERATE', id='buy-stake-not-cooperate'),
    pytest.param('The Kremlin denied reports that Putin had spoken with Trump by phone.',
                 'CONSULT', id='denied-phone-call'),
]


@pytest.mark.parametrize(("sentence", "expected"), PRESENT)
def test_cooperation_event_present(pipeline: Pipeline, sentence: str, expected: Expected) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=PUBLISHED))
    found = [(e.type, e.source.actor.code if e.source else None,
              e.target.actor.code if e.target else None) for e in coded.events]
    assert any(_matches(e, expected) for e in coded.events), found


@pytest.mark.parametrize(("sentence", "absent"), ABSENT)
def test_cooperation_type_absent(pipeline: Pipeline, sentence: str, absent: str) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=PUBLISHED))
    assert absent not in {e.type for e in coded.events}


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in PRESENT + ABSENT]
    assert len(ids) == len(set(ids))
