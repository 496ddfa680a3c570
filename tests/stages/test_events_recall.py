"""Recall of the event engine on constructions that lost events: an attack a speaker tells of
another actor (an accusation), warnings of what the speaker will do (threats), complements that
name the speaker's own side before the party acted on, coordinated targets and verbs, passive
"by" phrases the parse hangs as plain prepositions, truces that hold, "set up / form / establish"
carrying a cooperation noun, passive forces moved, and documents and pronoun objects that stand
for their actors.

Expected triples are (type, source code prefix, target code prefix); a None prefix accepts any
actor (or none) in that role. The table runs the real pipeline (parse, actors, events).
"""

from __future__ import annotations

import datetime as dt

import pytest

from stages.event_cases import Expected, matches
from tidings.pipeline import Pipeline
from tidings.records import Article, Event

PUBLISHED = dt.date(2024, 5, 1)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline.code(Article(id="t", text=text, date=PUBLISHED)).events)


PRESENT = [
    pytest.param('The Egyptian president was invited to attend talks with Israel in Cairo.',
                 ('CONSULT', 'EGY', 'ISR'), id='xcomp-of-passive-is-active'),
    pytest.param('Thousands of Polish reservists were called up on Monday.',
                 ('MOBILIZE', 'POL', None), id='passive-force-owner-mobilizes'),
    pytest.param('Hundreds of Kenyan soldiers were airlifted to Haiti.',
                 ('MOBILIZE', 'KEN', 'HTI'), id='passive-force-sent-to'),
    pytest.param('Chile became the first country to recognise Kosovo.',
                 ('SUPPORT', 'CHL', 'XKX'), id='first-country-to'),
    pytest.param('The Houthi movement issued a statement condemning the United States.',
                 ('ACCUSE', 'YEM', 'USA'), id='statement-condemning'),
    pytest.param('Morocco expelled Algerian diplomats, accusing them of espionage.',
                 ('ACCUSE', 'MAR', 'DZA'), id='accusing-them-of'),
    pytest.param('Ghana received 300 tonnes of humanitarian aid from Japan.',
                 ('AID', 'JPN', 'GHA'), id='received-tonnes-of-aid'),
    pytest.param('Israel blamed Hezbollah for a rocket strike that killed 12 Israeli children.',
                 ('ASSAULT', 'LBN', 'ISR'), id='strike-that-killed'),
    pytest.param('Erdogan threatened to open the gates and send refugees to Europe if the EU '
                 'criticised the operation.', ('THREATEN', 'TUR', 'IGOEU'),
                 id='threat-condition-on-second-verb'),
    pytest.param('Relations soured amid Greek accusations that Turkey violates its airspace.',
                 ('ACCUSE', 'GRC', 'TUR'), id='accusations-that'),
    pytest.param('Maria Lopez, the UN refugee chief, urged Hungary to open its borders.',
                 ('REQUEST', 'IGOUNO', 'HUN'), id='unknown-name-apposition'),
    pytest.param('Georgia said Russian troops had shelled its villages near the border.',
                 ('ACCUSE', 'GEO', 'RUS'), id='charge-said-had-shelled'),
    pytest.param('Georgia said Russian troops had shelled its villages near the border.',
                 ('ASSAULT', 'RUS', 'GEO'), id='charge-keeps-the-attack'),
    pytest.param('The US claimed that Iran had attacked the tanker.',
                 ('ACCUSE', 'USA', 'IRN'), id='charge-claimed-that'),
    pytest.param('Belarus warned it would respond to any Polish provocation with force.',
                 ('THREATEN', 'BLR', 'POL'), id='warn-target-past-own-side'),
    pytest.param('Serbia warned that it would use every means to protect Serbs in Kosovo.',
                 ('THREATEN', 'SRB', 'XKX'), id='warn-would-defend'),
    pytest.param('Chad threatened to pull its soldiers out of Niger unless it was paid.',
                 ('THREATEN', 'TCD', 'NER'), id='threat-own-troops-out-of'),
    pytest.param('Washington threatened to impose tariffs on goods from Brazil and India.',
                 ('THREATEN', 'USA', 'IND'), id='coordinated-second-target'),
    pytest.param('Jordan imposed tariffs on imports from Syria and Iraq.',
                 ('SANCTION', 'JOR', 'IRQ'), id='coordinated-tariffs-second'),
    pytest.param('Baghdad blamed Turkey for the strike on its territory and vowed revenge.',
                 ('THREATEN', 'IRQ', 'TUR'), id='conj-verb-shares-object'),
    pytest.param('Ghana was granted a $2 billion loan by the World Bank on Monday.',
                 ('AID', 'IGO', 'GHA'), id='passive-by-on-object'),
    pytest.param('Hundreds of Syrian refugees were given asylum by Sweden.',
                 ('AID', 'SWE', 'SYR'), id='passive-by-plain-prep'),
    pytest.param('Vietnam completed its withdrawal from Cambodia.',
                 ('RETREAT', 'VNM', 'KHM'), id='withdrawal-from-is-target'),
    pytest.param('The truce between Armenia and Azerbaijan held on Sunday.',
                 ('RETREAT', 'ARM', 'AZE'), id='truce-held'),
    pytest.param('A ceasefire between Sudan and South Sudan took hold on Friday.',
                 ('RETREAT', 'SDN', 'SSD'), id='ceasefire-took-hold'),
    pytest.param('Chilean and Peruvian police set up a joint task force against smuggling.',
                 ('COOPERATE', 'CHL', 'PER'), id='set-up-joint-force'),
    pytest.param('A French tourist was arrested in Iran on Monday.',
                 ('COERCE', 'IRN', 'FRA'), id='arrested-in-country-by-its-authorities'),
    pytest.param('Ten Nigerians were deported from Libya.',
                 ('COERCE', 'LBY', 'NGA'), id='deported-from-country'),
    pytest.param('The opposition leader was arrested in Kampala on Tuesday.',
                 ('COERCE', 'UGA', 'UGA'), id='arrested-in-own-capital'),
    pytest.param('Russia was expelled from the Council of Europe.',
                 ('SANCTION', 'IGOCOE', 'RUS'), id='expelled-from-body'),
    pytest.param('A gunman killed three Israeli police officers.',
                 ('ASSAULT', None, 'ISR'), id='unknown-gunman'),
    pytest.param('A roadside bomb killed three Afghan soldiers.',
                 ('ASSAULT', None, 'AFG'), id='roadside-bomb'),
    pytest.param('Masked men abducted two Italian engineers in Libya.',
                 ('ASSAULT', None, 'ITA'), id='masked-men'),
    pytest.param('Militants took two Japanese journalists hostage.',
                 ('ASSAULT', None, 'JPN'), id='took-object-hostage'),
]

ABSENT = [
    pytest.param('Pakistan said it had carried out strikes on militant hideouts in Iran.',
                 ('ACCUSE', 'PAK', None), id='own-strikes-no-charge'),
    pytest.param('The militants said they had attacked the convoy near Kabul.',
                 ('ACCUSE', None, None), id='pronoun-doer-no-charge'),
    pytest.param('Russian shelling hit Kharkiv overnight, Ukrainian officials said.',
                 ('ACCUSE', None, None), id='trailing-attribution-no-charge'),
    pytest.param('Belarus warned it would respond to any Polish provocation with force.',
                 ('THREATEN', 'BLR', 'BLR'), id='warn-not-at-itself'),
    pytest.param('Serbia warned that it would use every means to protect Serbs in Kosovo.',
                 ('AGREE', None, None), id='warning-is-no-promise'),
    pytest.param('The truce between Armenia and Azerbaijan held on Sunday.',
                 ('CONCEDE', None, None), id='held-truce-not-declared'),
    pytest.param('Chilean and Peruvian police set up a joint task force against smuggling.',
                 ('AGREE', None, None), id='set-up-is-done-not-planned'),
    pytest.param('France condemned as unacceptable allegations by Rwanda that it had armed the '
                 'militias.', ('ACCUSE', 'RWA', None), id='answered-allegation-not-coded'),
    pytest.param('Two Iranians were arrested in connection with the plot.',
                 ('COERCE', None, None), id='arrest-without-place-or-agent'),
    pytest.param('Mexican migrants were deported to Mexico.',
                 ('COERCE', 'MEX', None), id='deported-to-is-not-the-deporter'),
    pytest.param('A gas explosion in a Nairobi neighbourhood killed three Kenyan workers.',
                 ('ASSAULT', None, None), id='accidental-blast-no-attacker'),
]


@pytest.mark.parametrize(("text", "expected"), PRESENT)
def test_event_present(pipeline: Pipeline, text: str, expected: Expected) -> None:
    events = _events(pipeline, text)
    assert any(matches(e, expected) for e in events), \
        [(e.type, e.source and e.source.actor.code, e.target and e.target.actor.code)
         for e in events]


@pytest.mark.parametrize(("text", "unexpected"), ABSENT)
def test_event_absent(pipeline: Pipeline, text: str, unexpected: Expected) -> None:
    events = _events(pipeline, text)
    assert not any(matches(e, unexpected) for e in events), \
        [(e.type, e.source and e.source.actor.code, e.target and e.target.actor.code)
         for e in events]
