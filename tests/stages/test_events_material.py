"""Material-conflict triggers (PLOVER MOBILIZE, SANCTION, COERCE, ASSAULT) on single sentences.

Each case: sentence, publication date, expected (type, source code prefix, target code prefix) and
whether that event must be present or absent. A None prefix accepts any actor (or none) in that
role. The table runs the real pipeline: parse, actors and the event coder together.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.pipeline import Pipeline
from tidings.records import Article, Event

Expected = tuple[str, str | None, str | None]
D = dt.date(2024, 5, 1)


def _matches(event: Event, expected: Expected) -> bool:
    type_, source, target = expected
    source_code = event.source.actor.code if event.source else ""
    target_code = event.target.actor.code if event.target else ""
    return (event.type == type_ and (source is None or source_code.startswith(source)) and
            (target is None or target_code.startswith(target)))


PRESENT = [
    # MOBILIZE
    pytest.param('Israel put its forces on high alert for a possible Iranian attack.', D,
                 ('MOBILIZE', 'ISR', 'IRN'), id='mobilize-put-on-alert-for'),
    pytest.param("Seoul's military placed its forces on heightened alert after North Korea's "
                 'nuclear test.', dt.date(2016, 9, 9),
                 ('MOBILIZE', 'KOR', 'PRK'), id='mobilize-placed-on-heightened-alert'),
    pytest.param('Israeli troops remained on alert in the West Bank.', D,
                 ('MOBILIZE', 'ISR', 'PSE'), id='mobilize-remained-on-alert'),
    pytest.param('Israel called up 360,000 reservists and massed tanks on the Gaza border.', D,
                 ('MOBILIZE', 'ISR', 'PSE'), id='mobilize-called-up-reservists'),
    pytest.param('Britain mobilized army reservists for a possible war against Iraq.', D,
                 ('MOBILIZE', 'GBR', 'IRQ'), id='mobilize-for-war-against'),
    pytest.param('Israel has strengthened its forces in Lebanon.', D,
                 ('MOBILIZE', 'ISR', 'LBN'), id='mobilize-strengthened-forces'),
    pytest.param('The United States dispatched an aircraft carrier to the Gulf as a warning '
                 'to Iran.', D, ('MOBILIZE', 'USA', None), id='mobilize-dispatch-carrier'),
    pytest.param('India set up checkpoints along the border with Pakistan.', D,
                 ('MOBILIZE', 'IND', 'PAK'), id='mobilize-set-up-checkpoints'),
    # SANCTION
    pytest.param('Britain slapped sanctions on Russian oligarchs.', D,
                 ('SANCTION', 'GBR', 'RUS'), id='sanction-slapped'),
    pytest.param('The US placed sanctions on Chinese firms.', D,
                 ('SANCTION', 'USA', 'CHN'), id='sanction-placed'),
    pytest.param('Washington withheld military aid from Egypt.', D,
                 ('SANCTION', 'USA', 'EGY'), id='sanction-withheld-aid'),
    pytest.param('The EU blocked funds to Hungary.', D,
                 ('SANCTION', 'IGO', 'HUN'), id='sanction-blocked-funds'),
    pytest.param('Italy announced a suspension of air links with Serbia.', D,
                 ('SANCTION', 'ITA', 'SRB'), id='sanction-suspension-of-links'),
    pytest.param('Japan announced a freeze on aid to Myanmar.', D,
                 ('SANCTION', 'JPN', 'MMR'), id='sanction-freeze-noun'),
    pytest.param('Britain pulled its ambassador from Moscow.', D,
                 ('SANCTION', 'GBR', 'RUS'), id='sanction-pulled-ambassador'),
    pytest.param('Trump raised tariffs on Chinese goods.', D,
                 ('SANCTION', 'USA', 'CHN'), id='sanction-raised-tariffs'),
    pytest.param("Niger's junta ordered the French ambassador to leave the country.", D,
                 ('SANCTION', 'NER', 'FRA'), id='sanction-ordered-envoy-out'),
    pytest.param('Denmark stopped arms sales to Saudi Arabia.', D,
                 ('SANCTION', 'DNK', 'SAU'), id='sanction-stopped-sales'),
    pytest.param('Niger revoked the military cooperation agreement with the United States.', D,
                 ('SANCTION', 'NER', 'USA'), id='sanction-revoked-agreement'),
    # COERCE
    pytest.param('Italy placed the entire country under lockdown.', D,
                 ('COERCE', 'ITA', 'ITA'), id='coerce-placed-under-lockdown'),
    pytest.param('Tunisia placed opposition leaders under house arrest.', D,
                 ('COERCE', 'TUN', 'TUN'), id='coerce-house-arrest'),
    pytest.param('Ethiopia declared a nationwide state of emergency.', D,
                 ('COERCE', 'ETH', 'ETH'), id='coerce-state-of-emergency'),
    pytest.param("Thailand's army declared martial law.", D,
                 ('COERCE', 'THA', 'THA'), id='coerce-martial-law-amod'),
    pytest.param('Israel tightened its blockade of Gaza.', D,
                 ('COERCE', 'ISR', 'PSE'), id='coerce-tightened-blockade'),
    pytest.param('Israel reimposed blockades in the West Bank.', D,
                 ('COERCE', 'ISR', 'PSE'), id='coerce-reimposed-blockade'),
    pytest.param('Russian Justice Ministry labelled independent journalists as foreign agents.',
                 D, ('COERCE', 'RUS', 'RUS'), id='coerce-labelled-foreign-agents'),
    pytest.param('Police took three Russian nationals into custody.', D,
                 ('COERCE', None, 'RUS'), id='coerce-took-into-custody'),
    pytest.param('Burkina Faso suspended the French broadcaster.', D,
                 ('COERCE', 'BFA', 'FRA'), id='coerce-suspended-broadcaster'),
    # ASSAULT
    pytest.param('Chinese coast guard vessels rammed a Philippine supply boat.', D,
                 ('ASSAULT', 'CHN', 'PHL'), id='assault-rammed'),
    pytest.param('U.S. border patrol agents abused Mexican immigrants.', D,
                 ('ASSAULT', 'USA', 'MEX'), id='assault-abused-people'),
    pytest.param('Hamas took 250 Israelis hostage.', D,
                 ('ASSAULT', 'PSE', 'ISR'), id='assault-took-hostage'),
    pytest.param('Russia launched a massive missile barrage against Ukraine.', D,
                 ('ASSAULT', 'RUS', 'UKR'), id='assault-barrage'),
    pytest.param('Israel destroyed Hamas tunnels in Gaza.', D,
                 ('ASSAULT', 'ISR', 'PSE'), id='assault-destroyed-tunnels'),
    pytest.param('Kenyan police dispersed protesters in Nairobi with tear gas.', D,
                 ('ASSAULT', 'KEN', 'KEN'), id='assault-dispersed-protesters'),
    # round 2: synonyms and frames of material-conflict wire phrasing
    pytest.param('The Pentagon ordered bombers to the Gulf.', D,
                 ('MOBILIZE', 'USA', None), id='mobilize-ordered-bombers-to'),
    pytest.param('Russia rushed reinforcements to the Kursk region.', D,
                 ('MOBILIZE', 'RUS', None), id='mobilize-rushed-reinforcements'),
    pytest.param('China sent fighter jets towards Taiwan.', D,
                 ('MOBILIZE', 'CHN', 'TWN'), id='mobilize-sent-jets-towards'),
    pytest.param('Hezbollah recruited hundreds of fighters.', D,
                 ('MOBILIZE', 'LBN', None), id='mobilize-recruited-fighters'),
    pytest.param('Egyptian soldiers took up positions along the Gaza border.', D,
                 ('MOBILIZE', 'EGY', 'PSE'), id='mobilize-took-up-positions'),
    pytest.param('China quadrupled tariffs on Canadian canola.', D,
                 ('SANCTION', 'CHN', 'CAN'), id='sanction-quadrupled-tariffs'),
    pytest.param('Beijing imposed duties on Australian wine.', D,
                 ('SANCTION', 'CHN', 'AUS'), id='sanction-imposed-duties'),
    pytest.param('Russia barred entry to 500 Americans.', D,
                 ('SANCTION', 'RUS', 'USA'), id='sanction-barred-entry'),
    pytest.param('Moscow ordered ten German diplomats out of the country.', D,
                 ('SANCTION', 'RUS', 'DEU'), id='sanction-ordered-diplomats-out'),
    pytest.param('Algeria closed its airspace to Moroccan aircraft.', D,
                 ('SANCTION', 'DZA', 'MAR'), id='sanction-closed-airspace-to'),
    pytest.param('The World Bank suspended lending to Uganda.', D,
                 ('SANCTION', 'IGO', 'UGA'), id='sanction-suspended-lending'),
    pytest.param('Washington reduced aid to Ethiopia.', D,
                 ('SANCTION', 'USA', 'ETH'), id='sanction-reduced-aid'),
    pytest.param('The court handed the American journalist a 16-year sentence.', D,
                 ('SANCTION', None, 'USA'), id='sanction-handed-sentence'),
    pytest.param('Chinese hackers broke into the computer networks of the Dutch defence '
                 'ministry.', D, ('COERCE', 'CHN', 'NLD'), id='coerce-broke-into-networks'),
    pytest.param('Thailand sent 100 Uyghur migrants back to China.', D,
                 ('COERCE', 'THA', 'CHN'), id='coerce-sent-migrants-back'),
    pytest.param('Kenya restricted internet access in Nairobi.', D,
                 ('COERCE', 'KEN', 'KEN'), id='coerce-restricted-internet'),
    pytest.param('Kyrgyz and Tajik troops exchanged fire on the border.', D,
                 ('ASSAULT', 'KGZ', 'TJK'), id='assault-exchanged-fire'),
    pytest.param('Ukrainian drones hit a fuel depot in Russia.', D,
                 ('ASSAULT', 'UKR', 'RUS'), id='assault-hit-depot'),
    # round 4: wire phrasings of the four material-conflict types, by CAMEO code
    pytest.param('Armenia mobilized its army against Azerbaijan.', D,
                 ('MOBILIZE', 'ARM', 'AZE'), id='mobilize-army-against'),
    pytest.param('The United States sailed a destroyer through the Taiwan Strait.', D,
                 ('MOBILIZE', 'USA', None), id='mobilize-sailed-destroyer'),
    pytest.param('Russia began conscripting men to fight in Ukraine.', D,
                 ('MOBILIZE', 'RUS', None), id='mobilize-conscripting'),
    pytest.param('Pakistan tightened security in Islamabad.', D,
                 ('MOBILIZE', 'PAK', None), id='mobilize-tightened-security'),
    pytest.param("Ecuador's president called in the army to restore order in Guayaquil.", D,
                 ('MOBILIZE', 'ECU', None), id='mobilize-called-in-army'),
    pytest.param('North Korea paraded its new ICBMs through Pyongyang.', D,
                 ('MOBILIZE', 'PRK', None), id='mobilize-paraded-missiles'),
    pytest.param('Mali kicked out the French ambassador.', D,
                 ('SANCTION', 'MLI', 'FRA'), id='sanction-kicked-out-ambassador'),
    pytest.param('Pakistan declared an Indian diplomat persona non grata.', D,
                 ('SANCTION', 'PAK', 'IND'), id='sanction-persona-non-grata'),
    pytest.param('Bolivia summoned its ambassador in Israel back for consultations.', D,
                 ('SANCTION', 'BOL', 'ISR'), id='sanction-summoned-back'),
    pytest.param('Colombia broke diplomatic relations with Israel.', D,
                 ('SANCTION', 'COL', 'ISR'), id='sanction-broke-relations'),
    pytest.param('Britain shut its embassy in Tehran.', D,
                 ('SANCTION', 'GBR', 'IRN'), id='sanction-shut-embassy'),
    pytest.param('Morocco announced the rupture of diplomatic relations with Iran.', D,
                 ('SANCTION', 'MAR', 'IRN'), id='sanction-rupture-of-relations'),
    pytest.param('The United States tightened sanctions on Cuba.', D,
                 ('SANCTION', 'USA', 'CUB'), id='sanction-tightened'),
    pytest.param('The United States imposed a travel ban on Nigerian officials.', D,
                 ('SANCTION', 'USA', 'NGA'), id='sanction-travel-ban'),
    pytest.param('The United States restricted chip exports to China.', D,
                 ('SANCTION', 'USA', 'CHN'), id='sanction-restricted-exports'),
    pytest.param('Saudi Arabia cut trade with Qatar.', D,
                 ('SANCTION', 'SAU', 'QAT'), id='sanction-cut-trade'),
    pytest.param('Russia broke off negotiations with Ukraine.', D,
                 ('SANCTION', 'RUS', 'UKR'), id='sanction-broke-off-negotiations'),
    pytest.param('Qatar suspended its mediation between Israel and Hamas.', D,
                 ('SANCTION', 'QAT', None), id='sanction-suspended-mediation'),
    pytest.param('Britain paused funding to UNRWA.', D,
                 ('SANCTION', 'GBR', None), id='sanction-paused-funding'),
    pytest.param('Washington added Chinese companies to a trade blacklist.', D,
                 ('SANCTION', 'USA', 'CHN'), id='sanction-added-to-blacklist'),
    pytest.param('Jakarta forced the UN refugee agency, UNHCR, out of the country.', D,
                 ('SANCTION', 'IDN', 'IGO'), id='sanction-forced-agency-out'),
    pytest.param('Russia is holding an American journalist on espionage charges.', D,
                 ('COERCE', 'RUS', 'USA'), id='coerce-holding-on-charges'),
    pytest.param('Turkey forcibly returned Syrian refugees.', D,
                 ('COERCE', 'TUR', 'SYR'), id='coerce-returned-refugees'),
    pytest.param('Venezuela nationalized American oil companies.', D,
                 ('COERCE', 'VEN', 'USA'), id='coerce-nationalized'),
    pytest.param('Islamic State fighters overran the Iraqi city of Mosul.', D,
                 ('COERCE', None, 'IRQ'), id='coerce-overran-city'),
    pytest.param('Israel cut off electricity and fuel to Gaza.', D,
                 ('COERCE', 'ISR', 'PSE'), id='coerce-cut-off-electricity'),
    pytest.param('Russia spread disinformation about Ukraine.', D,
                 ('COERCE', 'RUS', 'UKR'), id='coerce-spread-disinformation'),
    pytest.param('Ethiopia imposed an internet blackout in Tigray.', D,
                 ('COERCE', 'ETH', 'ETH'), id='coerce-internet-blackout'),
    pytest.param('The Taliban barred women from universities.', D,
                 ('COERCE', 'AFG', 'AFG'), id='coerce-barred-women'),
    pytest.param('Ukraine launched a counteroffensive against Russian forces.', D,
                 ('ASSAULT', 'UKR', 'RUS'), id='assault-counteroffensive'),
    pytest.param('Turkey launched a military operation against Kurdish militants in Syria.', D,
                 ('ASSAULT', 'TUR', None), id='assault-military-operation-against'),
    pytest.param('Russia waged war on Ukraine.', D,
                 ('ASSAULT', 'RUS', 'UKR'), id='assault-waged-war'),
    pytest.param('Israeli forces pushed into Rafah.', D,
                 ('ASSAULT', 'ISR', 'PSE'), id='assault-pushed-into'),
    pytest.param('Russia rained missiles on Ukrainian cities.', D,
                 ('ASSAULT', 'RUS', 'UKR'), id='assault-rained-missiles'),
    pytest.param('Israel eliminated a senior Hezbollah commander.', D,
                 ('ASSAULT', 'ISR', 'LBN'), id='assault-eliminated-commander'),
    pytest.param('Iranian security forces used force against protesters.', D,
                 ('ASSAULT', 'IRN', None), id='assault-used-force'),
]

ABSENT = [
    pytest.param('The central bank put interest rates on hold.', D, 'MOBILIZE',
                 id='no-mobilize-put-on-hold'),
    pytest.param('Toyota strengthened its presence in India.', D, 'MOBILIZE',
                 id='no-mobilize-business-presence'),
    pytest.param('The company raised prices on its cars.', D, 'SANCTION',
                 id='no-sanction-raised-prices'),
    pytest.param('Apple placed an order for new chips from Taiwan.', D, 'SANCTION',
                 id='no-sanction-placed-order'),
    pytest.param('Kenya prevented the spread of cholera.', D, 'COERCE',
                 id='no-coerce-prevented-disease'),
    pytest.param("Spain's king dissolved parliament and called elections.", D, 'COERCE',
                 id='no-coerce-dissolved-parliament'),
    pytest.param('Norway threw its support behind the plan.', D, 'ASSAULT',
                 id='no-assault-threw-support'),
    pytest.param('Mexico destroyed its stockpile of seized drugs.', D, 'ASSAULT',
                 id='no-assault-destroyed-stockpile'),
    pytest.param('Apple abused its dominant position, the EU said.', D, 'ASSAULT',
                 id='no-assault-abused-position'),
    pytest.param("Rwanda's minister said officials had played a role in the 1994 genocide.", D,
                 'ASSAULT', id='no-assault-historic-genocide'),
    pytest.param('The company sent its engineers back to Germany.', D, 'COERCE',
                 id='no-coerce-sent-engineers-back'),
    pytest.param('The club recruited three new players from Brazil.', D, 'MOBILIZE',
                 id='no-mobilize-recruited-players'),
    pytest.param('Thieves broke into the museum in Paris overnight.', D, 'COERCE',
                 id='no-coerce-burglary'),
    pytest.param('The storm hit the port of Beira in Mozambique.', D, 'ASSAULT',
                 id='no-assault-storm-hit-port'),
    pytest.param('The firm doubled its profits in China.', D, 'SANCTION',
                 id='no-sanction-doubled-profits'),
    pytest.param('The two leaders exchanged gifts in Beijing.', D, 'ASSAULT',
                 id='no-assault-exchanged-gifts'),
    pytest.param('The central bank reduced interest rates in Kenya.', D, 'SANCTION',
                 id='no-sanction-reduced-rates'),
    pytest.param('The opposition mobilized voters in Kenya.', D, 'MOBILIZE',
                 id='no-mobilize-voters'),
    pytest.param('The British sailor sailed a yacht to Australia.', D, 'MOBILIZE',
                 id='no-mobilize-sailed-yacht'),
    pytest.param('Spain widened its lead over Italy.', D, 'SANCTION',
                 id='no-sanction-widened-lead'),
    pytest.param('Brazil summoned the striker back to the national team.', D, 'SANCTION',
                 id='no-sanction-summoned-striker'),
    pytest.param('Italy excluded two players from the squad.', D, 'SANCTION',
                 id='no-sanction-excluded-players'),
    pytest.param('Tesla paused production in China.', D, 'SANCTION',
                 id='no-sanction-paused-production'),
    pytest.param('Microsoft took over the British firm.', D, 'COERCE',
                 id='no-coerce-took-over-firm'),
    pytest.param('Rescuers searched the house for survivors in Turkey.', D, 'COERCE',
                 id='no-coerce-searched-for-survivors'),
    pytest.param('Syrian refugees returned home from Lebanon.', D, 'COERCE',
                 id='no-coerce-refugees-returned'),
    pytest.param('Brazil advanced to the final against Argentina.', D, 'ASSAULT',
                 id='no-assault-advanced-to-final'),
    pytest.param('Turkey launched a rescue operation in Syria.', D, 'ASSAULT',
                 id='no-assault-rescue-operation'),
    pytest.param('Farmers in Kenya slaughtered cattle.', D, 'ASSAULT',
                 id='no-assault-slaughtered-cattle'),
    pytest.param("Putin's party crushed the opposition in the election.", D, 'ASSAULT',
                 id='no-assault-crushed-opposition'),
    pytest.param('Russia used its veto against the resolution.', D, 'ASSAULT',
                 id='no-assault-used-veto'),
]


@pytest.mark.parametrize(("sentence", "date", "expected"), PRESENT)
def test_material_event_present(pipeline: Pipeline, sentence: str, date: dt.date,
                                expected: Expected) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=date))
    found = [(e.type, e.source.actor.code if e.source else None,
              e.target.actor.code if e.target else None) for e in coded.events]
    assert any(_matches(e, expected) for e in coded.events), found


@pytest.mark.parametrize(("sentence", "date", "absent"), ABSENT)
def test_material_event_absent(pipeline: Pipeline, sentence: str, date: dt.date,
                               absent: str) -> None:
    coded = pipeline.code(Article(id="t", text=sentence, date=date))
    assert absent not in {e.type for e in coded.events}


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in PRESENT + ABSENT]
    assert len(ids) == len(set(ids))
