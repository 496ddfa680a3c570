"""Headline and nominal forms of all event types on single sentences.

Wire copy codes events in two forms that plain-verb phrasings miss: headlines (present tense, no
articles, no final stop: "China curbs exports to US", "Ukraine hits Russian refinery with drones")
and nominalisations in body text ("Iran's seizure of the British tanker", "the lifting of tariffs
on Australian barley", "Russia's veto of the UN resolution"). The look-alikes are the same nouns
and headline verbs outside politics ("the delivery of the package", "Critics pan new film").

Expected triples are (type, source code prefix, target code prefix); a None prefix accepts any
actor (or none) in that role. The table runs the real pipeline (parse, actors, events).
"""

from __future__ import annotations

import datetime as dt

import pytest

from stages.event_cases import Expected, matches, triples
from tidings.pipeline import Pipeline
from tidings.records import Article

PUBLISHED = dt.date(2024, 5, 1)


PRESENT = [
    pytest.param('India rushes fuel to Sri Lanka',
                 ('AID', 'IND', 'LKA'), id='aid-india-rushes-fuel-to-sri-lanka'),
    pytest.param("Germany's delivery of Leopard tanks to Ukraine began in March.",
                 ('AID', 'DEU', 'UKR'), id='aid-germany-s-delivery-of-leopard'),
    pytest.param("Iran's provision of drones to Russia worried Europe.",
                 ('AID', 'IRN', 'RUS'), id='aid-iran-s-provision-of-drones-to'),
    pytest.param("Britain's donation of fighter jets to Ukraine was applauded.",
                 ('AID', 'GBR', 'UKR'), id='aid-britain-s-donation-of-fighter'),
    pytest.param('The US airdrop of aid to Gaza began on Saturday.',
                 ('AID', 'USA', 'PSE'), id='aid-the-us-airdrop-of-aid-to-gaza'),
    pytest.param('Russia blocks Facebook',
                 ('COERCE', 'RUS', None), id='coerce-russia-blocks-facebook'),
    pytest.param("Iran's seizure of the British tanker angered London.",
                 ('COERCE', 'IRN', 'GBR'), id='coerce-iran-s-seizure-of-the'),
    pytest.param("Israel's demolition of Palestinian homes in the West Bank continued.",
                 ('ASSAULT', 'ISR', 'PSE'), id='assault-israel-s-demolition-of'),
    pytest.param('China lifts curbs on Australian wine',
                 ('CONCEDE', 'CHN', 'AUS'), id='concede-china-lifts-curbs-on'),
    pytest.param("China's lifting of tariffs on Australian barley ended the dispute.",
                 ('CONCEDE', 'CHN', 'AUS'), id='concede-china-s-lifting-of-tariffs'),
    pytest.param("Russia's veto of the UN resolution on Ukraine was condemned.",
                 ('REJECT', 'RUS', 'IGO'), id='reject-russia-s-veto-of-the-un'),
    pytest.param("Iran's defiance of the IAEA deepened the crisis.",
                 ('REJECT', 'IRN', 'IGO'), id='reject-iran-s-defiance-of-the-iaea'),
    pytest.param('France pans Russia over election meddling',
                 ('ACCUSE', 'FRA', 'RUS'), id='accuse-france-pans-russia-over'),
    pytest.param('China curbs exports to US',
                 ('SANCTION', 'CHN', 'USA'), id='sanction-china-curbs-exports-to-us'),
    pytest.param('Russia blocked Telegram.',
                 ('COERCE', 'RUS', None), id='coerce-russia-blocked-telegram'),
    pytest.param("The EU's suspension of sanctions on Belarus surprised analysts.",
                 ('CONCEDE', 'IGOEU', 'BLR'), id='concede-the-eu-s-suspension-of'),
    pytest.param("Russia's veto of the UN resolution drew anger.",
                 ('REJECT', 'RUS', 'IGO'), id='reject-russia-s-veto-drew-anger'),
    pytest.param('Washington curbed exports of chips to China.',
                 ('SANCTION', 'USA', 'CHN'), id='sanction-washington-curbed-exports'),
    pytest.param("US backs Israel's right to self-defence",
                 ('SUPPORT', 'USA', 'ISR'), id='support-us-backs-israel-s-right-to'),
    pytest.param('India shuts internet in Kashmir',
                 ('COERCE', 'IND', None), id='coerce-india-shuts-internet-in'),
    pytest.param('US blacklists Russian banks',
                 ('SANCTION', 'USA', 'RUS'), id='sanction-us-blacklists-russian-banks'),
    pytest.param('Saudi Arabia, Iran restore diplomatic ties',
                 ('SUPPORT', 'SAU', 'IRN'), id='support-saudi-arabia-iran-restore'),
    pytest.param('Russia pulls back troops from Kyiv',
                 ('RETREAT', 'RUS', 'UKR'), id='retreat-russia-pulls-back-troops'),
    pytest.param('Russia rebukes US over Ukraine aid',
                 ('ACCUSE', 'RUS', 'USA'), id='accuse-russia-rebukes-us-over'),
    pytest.param('Ukraine presses US for more weapons',
                 ('REQUEST', 'UKR', 'USA'), id='request-ukraine-presses-us-for-more'),
    pytest.param('Ukraine downs Russian drones',
                 ('ASSAULT', 'UKR', 'RUS'), id='assault-ukraine-downs-russian-drones'),
    pytest.param("Russia recognises Venezuela's Maduro",
                 ('SUPPORT', 'RUS', 'VEN'), id='support-russia-recognises-venezuela'),
    pytest.param('China lends Pakistan $2 billion',
                 ('AID', 'CHN', 'PAK'), id='aid-china-lends-pakistan-2-billion'),
    pytest.param('US calls on Israel to protect civilians',
                 ('REQUEST', 'USA', 'ISR'), id='request-us-calls-on-israel-to'),
    pytest.param('Germany condemns Russian strike on Kyiv hospital',
                 ('ACCUSE', 'DEU', 'RUS'), id='accuse-germany-condemns-russian'),
    pytest.param('Hunger strike by Egyptian activist enters 100th day',
                 ('PROTEST', None, None), id='protest-hunger-strike-by-egyptian'),
    pytest.param('Israel defies US on Rafah',
                 ('REJECT', 'ISR', 'USA'), id='reject-israel-defies-us-on-rafah'),
    pytest.param("Iran's threats against Israel intensified after the strike.",
                 ('THREATEN', 'IRN', 'ISR'), id='threaten-iran-s-threats-against'),
    pytest.param("China's financial assistance to Sri Lanka helped stabilise the rupee.",
                 ('AID', 'CHN', 'LKA'), id='aid-china-s-financial-assistance-to'),
    pytest.param("China's military exercises around Taiwan ended on Monday.",
                 ('MOBILIZE', 'CHN', 'TWN'), id='mobilize-china-s-military-exercises'),
    pytest.param("Turkey's denunciation of Sweden followed the Koran burning.",
                 ('ACCUSE', 'TUR', 'SWE'), id='accuse-turkey-s-denunciation-of'),
    pytest.param("Britain's backing of Ukraine was unwavering.",
                 ('SUPPORT', 'GBR', 'UKR'), id='support-britain-s-backing-of'),
    pytest.param("France's offer of help to Morocco after the quake was declined.",
                 ('AGREE', 'FRA', 'MAR'), id='agree-france-s-offer-of-help-to'),
    pytest.param('Britain summoned the Russian ambassador in protest at the poisoning.',
                 ('ACCUSE', 'GBR', 'RUS'), id='accuse-britain-summoned-the-russian'),
    pytest.param("Russia's annexation of Crimea was condemned.",
                 ('COERCE', 'RUS', 'UKR'), id='coerce-russia-s-annexation-of'),
]

ABSENT = [
    pytest.param('The delivery of the package to the office was late.', 'AID',
                 id='not-aid-the-delivery-of-the-package'),
    pytest.param('The transfer of the player to Chelsea was confirmed.', 'AID',
                 id='not-aid-the-transfer-of-the-player'),
    pytest.param('The launch of the satellite was delayed.', 'MOBILIZE',
                 id='not-mobilize-the-launch-of-the'),
    pytest.param('The seizure of drugs at the port was the largest this year.', 'COERCE',
                 id='not-coerce-the-seizure-of-drugs-at'),
    pytest.param('The lifting of the lockdown lifted spirits.', 'CONCEDE',
                 id='not-concede-the-lifting-of-the'),
    pytest.param('His refusal to comment was noted.', 'REJECT',
                 id='not-reject-his-refusal-to-comment'),
    pytest.param('Companies curb spending as rates rise', 'SANCTION',
                 id='not-sanction-companies-curb'),
    pytest.param('Critics pan new film', 'ACCUSE',
                 id='not-accuse-critics-pan-new-film'),
    pytest.param('Twitter blocks spam accounts', 'COERCE',
                 id='not-coerce-twitter-blocks-spam'),
    pytest.param('Stocks hit record high', 'ASSAULT',
                 id='not-assault-stocks-hit-record-high'),
]


@pytest.mark.parametrize(("sentence", "expected"), PRESENT)
def test_headline_or_nominal_event_present(pipeline: Pipeline, sentence: str,
                                           expected: Expected) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=PUBLISHED))
    found = triples(coded.events)
    assert any(matches(e, expected) for e in coded.events), found


@pytest.mark.parametrize(("sentence", "type_"), ABSENT)
def test_look_alike_codes_no_event_of_type(pipeline: Pipeline, sentence: str, type_: str) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=PUBLISHED))
    assert not [e for e in coded.events if e.type == type_], [(e.type, e.cameo)
                                                              for e in coded.events]
