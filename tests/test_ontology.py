"""The ontology tables: CAMEO codes and the trigger lexicon, one file per PLOVER type (#3)."""

from __future__ import annotations

from importlib import resources

from tidings import ontology

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
                "COERCE", "ASSAULT"}


def test_cameo_table_covers_all_sixteen_plover_types() -> None:
    assert {code.type for code in ontology.cameo_codes().values()} == PLOVER_TYPES


def test_one_trigger_file_per_plover_type() -> None:
    folder = resources.files("tidings").joinpath("data", "lexicon", "triggers")
    names = {f.name.removesuffix(".tsv").upper() for f in folder.iterdir()
             if f.name.endswith(".tsv")}
    assert names == PLOVER_TYPES


def test_every_type_has_triggers_and_rules_sort_most_specific_first() -> None:
    rules = ontology.trigger_rules()
    codes = ontology.cameo_codes()
    assert {codes[r.cameo].type for group in rules.values() for r in group} == PLOVER_TYPES
    for group in rules.values():
        ranks = [r.specificity for r in group]
        assert ranks == sorted(ranks, reverse=True)


def test_a_trigger_row_knows_its_frame() -> None:
    (impose,) = [r for r in ontology.trigger_rules()[("impose", "VERB")] if r.cameo == "160"]
    assert "sanction" in impose.objects and impose.specificity == 2
