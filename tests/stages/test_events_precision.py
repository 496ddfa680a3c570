"""Precision of the event coder: sentences that must code no event, or not a given one.

Denials, forecasts, demands, sports and company reports, statistics, dated background, places
read as doers and the topic of a discussion are the look-alikes covered here. A few sentences
close to each look-alike must still code, so that the rules do not overreach.

Each case is a sentence, an expected (type, source code prefix, target code prefix) and whether
that event must be present or absent; ``None`` as the type means no event at all. A None prefix
accepts any actor (or none) in that role; prefixes are compared with the start of the actor
``code``. The real pipeline runs, so the parse, the actor stage and the coder are all checked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stages.event_cases import Expected, matches, triples
from tidings.pipeline import Pipeline
from tidings.records import Article

DAY = dt.date(2024, 5, 1)




def case(sentence: str, expected: Expected, id: str, *, present: bool = True) -> object:
    return pytest.param(sentence, expected, present, id=id)


def nothing(sentence: str, id: str) -> object:
    return pytest.param(sentence, (None, None, None), False, id=id)


CASES = [
    # denials: what is denied did not happen, and denying an unnamed accuser's claim is no event
    nothing("Turkey denied that it had agreed to sell its air defence system to Iran.",
            "deny-that-agree"),
    nothing("Uganda denied that its soldiers were fighting alongside the rebels in Congo.",
            "deny-that-fight"),
    nothing("Russia denied that its jets had bombed the market in Aleppo.", "deny-that-bomb"),
    nothing("Eritrea denied accusations that it supports the rebels in Ethiopia.",
            "deny-accusations-that"),
    nothing("Rwanda rejected claims that it arms the rebels in eastern Congo.",
            "reject-claims-that"),
    nothing("The Kremlin denied reports that Putin had met Zelensky in Istanbul.",
            "deny-reports-that-meet"),
    case("Congo rejected Rwanda's claim that it had attacked Rwandan territory.",
         ("REJECT", "COD", "RWA"), "reject-owned-claim"),
    case("Ukraine accused Russia of shelling the plant, a charge Moscow denied.",
         ("ACCUSE", "UKR", "RUS"), "accusation-before-denial"),
    # a pundit's forecast, a demand made with "must", a want
    nothing("Analysts said Ethiopia would attack Eritrea if the talks failed.", "pundit-would-if"),
    case("Ethiopia would attack Eritrea if the talks failed, the foreign minister said.",
         ("THREATEN", "ETH", "ERI"), "speaker-would-if"),
    case("Britain said Iran must release the detained tanker crew.",
         ("REQUEST", "GBR", "IRN"), "must-is-request"),
    case("Britain said Iran must release the detained tanker crew.",
         ("RETREAT", "IRN", None), "must-not-done", present=False),
    case("Washington wants Israel to halt the offensive.", ("RETREAT", "ISR", None),
         "want-subject-infinitive", present=False),
    # "raped" lemmatises to "rap", which is not the reprimand
    case("Soldiers raped women in the village, Human Rights Watch said.", ("ACCUSE", None, None),
         "raped-is-not-rapped", present=False),
    # sports and company reports
    nothing("Brazil beat Argentina 2-1 in Rio de Janeiro on Tuesday.", "sport-score-split"),
    nothing("Morocco's national team arrived in Doha ahead of their World Cup opener.",
            "sport-national-team-visit"),
    nothing("Senegal retreated into defence after taking the lead against Egypt in the final "
            "of the Africa Cup of Nations.", "sport-retreat-cup"),
    nothing("Spain's forwards attacked relentlessly but could not break down Italy's defence "
            "in the tournament.", "sport-forwards-attack"),
    nothing("The chief executive of the oil company resigned after a bribery scandal.",
            "business-ceo-resigns"),
    nothing("Anglo American rejected a takeover offer from a rival miner.",
            "business-takeover-rejected"),
    nothing("Workers at the car plant rejected the company's pay offer.",
            "business-workers-company"),
    case("Russia banned the Ukrainian team from the tournament in Moscow.",
         (None, "RUS", "UKR"), "sport-government-acts"),
    case("Russia's state energy company cut gas supplies to Poland.",
         ("SANCTION", "RUS", "POL"), "business-state-company-acts"),
    # statistics, dated background and places that are where, not who
    nothing("More than 500,000 people have been killed in Syria's civil war.", "where-war-poss"),
    nothing("The 1994 genocide in Rwanda killed about 800,000 people.", "dated-genocide"),
    nothing("A gas explosion in a Lagos market killed five people.", "where-explosion-in"),
    nothing("The protests of 2011 in Cairo forced Mubarak from power.", "dated-protests-of"),
    nothing("The film recalls the 1980 uprising, in which troops killed hundreds of civilians.",
            "dated-relative-clause"),
    nothing("The number of people killed by Israeli strikes rose to 100.", "statistic-number-of"),
    case("Russia's war in Ukraine has killed thousands of Ukrainian civilians.",
         ("ASSAULT", "RUS", "UKR"), "war-owner-acts"),
    case("An Israeli air strike in Gaza killed five people.", ("ASSAULT", "ISR", None),
         "strike-owner-acts"),
    # the topic of a talk is not a party; a reciprocal pairs the two; naming is not phoning
    case("Iran's president and the Saudi crown prince spoke by telephone, discussing the war "
         "between Israel and Hamas.", ("CONSULT", None, "PSE"), "discuss-topic-not-target",
         present=False),
    case("Egypt's president and Turkey's president discussed the Gaza ceasefire in a phone call.",
         ("CONSULT", "EGY", "TUR"), "discuss-pair-kept"),
    case("Egypt's president and Turkey's president discussed the Gaza ceasefire in a phone call.",
         ("CONCEDE", None, None), "discuss-ceasefire-topic", present=False),
    case("The UN Security Council held an emergency session on the fighting in Sudan.",
         ("ASSAULT", None, None), "session-on-topic", present=False),
    case("Raisi discussed the situation in Gaza with the leaders of Syria and Qatar.",
         ("CONSULT", "IRN", "SYR"), "discuss-with-target"),
    case("Greece and Turkey reopened consulates in each other's cities.",
         ("CONCEDE", "TUR", "GRC"), "reciprocal-each-other"),
    case("Greece and Turkey reopened consulates in each other's cities.",
         ("CONCEDE", "GRC", "GRC"), "reciprocal-not-self", present=False),
    case("Beijing refused to talk to Lai, calling him a dangerous separatist.",
         ("CONSULT", "CHN", None), "call-naming-not-phone", present=False),
    case("Biden called Xi on Tuesday.", ("CONSULT", "USA", "CHN"), "call-phone-kept"),
    # a retreat or concession gives up a foreign town: its country is the target, not the source's
    case("Russian forces withdrew from Kherson.", ("RETREAT", "RUS", "UKR"), "withdrew-town"),
    case("Russian forces withdrew from Kherson.", ("RETREAT", "RUS", "RUS"),
         "withdrew-town-not-self", present=False),
    case("Russian troops retreated from Avdiivka.", ("RETREAT", "RUS", "UKR"), "retreated-town"),
    case("Israeli forces pulled out of Jenin on Thursday.", ("RETREAT", "ISR", "PSE"),
         "pulled-out-of-town"),
    case("Israel lifted the curfew in Hebron.", ("RETREAT", "ISR", "PSE"), "lifted-curfew-town"),
    case("Ukrainian troops withdrew from Avdiivka.", ("RETREAT", "UKR", "UKR"),
         "withdrew-own-town"),
    # a concession to another actor's demand: the concession codes, the demand's owner its target
    case("Israel agreed to the demands of Hamas.", ("CONCEDE", "ISR", "PSE"), "agreed-to-demands"),
    case("Israel agreed to the demands of Hamas.", ("REQUEST", "ISR", None),
         "agreed-to-demands-not-request", present=False),
    case("Israel gave in to the demands of Hamas.", ("CONCEDE", "ISR", "PSE"),
         "gave-in-to-demands"),
    case("Iran agreed to a ceasefire with Iraq.", ("CONCEDE", "IRN", "IRQ"),
         "agreed-to-ceasefire-kept"),
    # leaving a place is a withdrawal for forces or a state, travel for an envoy
    nothing("The Chinese ambassador left Beijing for Washington.", "envoy-left-city"),
    nothing("The president left Washington for Paris on Monday.", "president-left-city"),
    case("American troops left Afghanistan in 2021.", ("RETREAT", "USA", "AFG"),
         "troops-left-country"),
    case("The United States left Afghanistan in 2021.", ("RETREAT", "USA", "AFG"),
         "state-left-country"),
    # whoever announces a plan does what it plans
    case("Britain announced plans to send troops to Estonia.", (None, "GBR", "EST"),
         "announced-plans-to"),
]


@pytest.mark.parametrize(("sentence", "expected", "present"), CASES)
def test_precision(pipeline: Pipeline, sentence: str, expected: Expected, present: bool) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=DAY))
    found = triples(coded.events)
    assert any(matches(e, expected) for e in coded.events) is present, found


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))


REASONS = [
    pytest.param("Iran denied that it had attacked the tanker.", "denial", id="reason-denial"),
    pytest.param("Brazil's national team arrived in Doha for the World Cup.", "sports",
                 id="reason-sports"),
    pytest.param("The 1967 war, in which Israel seized the West Bank, reshaped the region.",
                 "background", id="reason-dated"),
]


@pytest.mark.parametrize(("sentence", "reason"), REASONS)
def test_non_event_reasons(pipeline: Pipeline, sentence: str, reason: str) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=DAY))
    assert not coded.events, [(e.type, e.method) for e in coded.events]
    assert any(n.reason.startswith(reason) for n in coded.non_events), coded.non_events
