"""Enum values in one language, each described (issue 15, item 7).

The French values of a few model enums (« CELIBATAIRE », « PERE », « SANS_PORC »…) are
published under English names; the French ones stay one release, deprecated: accepted as
input, never returned. Every enum value of the exported SDL has a description (its French
label, or what an error code means).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLEnumType, build_schema

from kernel.settings import Settings
from schema import build_schema as build_api_schema
from schema.enums import ENGLISH_NAMES
from tests.api.family_registration._helpers import SUBMIT, Town, _as, form
from tests.support.graphql_client import GraphQLClient

SDL = build_api_schema(Settings()).as_str()
FRENCH = {
    "Civility": {"MONSIEUR": "MR", "MADAME": "MS"},
    "MaritalStatus": {"CELIBATAIRE": "SINGLE", "MARIE": "MARRIED", "VEUF": "WIDOWED"},
    "Relationship": {"PERE": "FATHER", "MERE": "MOTHER", "FAMILLE_ACCUEIL": "FOSTER_FAMILY"},
    "Diet": {"SANS_PORC": "NO_PORK", "VEGETARIEN": "VEGETARIAN", "PAI": "PACKED_MEAL"},
}


def _enums() -> list[GraphQLEnumType]:
    return [
        t
        for name, t in build_schema(SDL).type_map.items()
        if isinstance(t, GraphQLEnumType) and not name.startswith("__")
    ]


def test_every_enum_value_of_the_exported_sdl_has_a_description() -> None:
    enums = _enums()
    values = [(e.name, name, v) for e in enums for name, v in e.values.items()]
    assert len(values) > 600
    assert [f"{e}.{name}" for e, name, v in values if not (v.description or "").strip()] == []


def test_french_values_are_deprecated_twins_listed_after_their_english_name() -> None:
    enums = {e.name: e for e in _enums()}
    for enum_name, renamed in FRENCH.items():
        names = list(enums[enum_name].values)
        for french, english in renamed.items():
            value = enums[enum_name].values[french]
            assert value.deprecation_reason == f"Use {english} (the same value in English)."
            assert enums[enum_name].values[english].deprecation_reason is None
            assert names.index(english) < names.index(french)
            # The same words for a client either way.
            assert value.description == enums[enum_name].values[english].description
    assert enums["MaritalStatus"].values["SINGLE"].description == "Célibataire"
    # Every enum of the models that stores French values is renamed entirely.
    assert {cls.__name__ for cls in ENGLISH_NAMES} == set(FRENCH)


GUARDIANS = """{ viewer { family { guardians { rank civility relationship maritalStatus
  relationshipLabel maritalStatusLabel } } } }"""


async def test_french_and_english_inputs_both_work_and_output_is_english(
    api: GraphQLClient, town: Town, parent: str
) -> None:
    values: dict[str, Any] = form(town)
    # Guardian 1 in the deprecated French values, guardian 2 in English.
    values["guardian1"] = {
        **values["guardian1"],
        "civility": "MADAME",
        "relationship": "MERE",
        "maritalStatus": "CELIBATAIRE",
    }
    values["guardian2"] = {
        **values["guardian2"],
        "civility": "MR",
        "relationship": "FATHER",
        "maritalStatus": "SINGLE",
    }
    body = await _as(api, parent, SUBMIT, {"input": values})
    assert body["data"]["familyRegistrationSubmit"]["errors"] == [], body
    family = (await _as(api, parent, GUARDIANS))["data"]["viewer"]["family"]
    guardians = sorted(family["guardians"], key=lambda g: g["rank"])
    assert [
        (g["civility"], g["relationship"], g["maritalStatus"], g["maritalStatusLabel"])
        for g in guardians
    ] == [("MS", "MOTHER", "SINGLE", "Célibataire"), ("MR", "FATHER", "SINGLE", "Célibataire")]


async def test_enum_labels_give_the_names_the_api_returns(api: GraphQLClient) -> None:
    body = await api.post(
        '{ enumLabels(enums: ["MaritalStatus", "Diet"]) { enum value label } }', {}
    )
    labels = {(e["enum"], e["value"]): e["label"] for e in body["data"]["enumLabels"]}
    assert labels[("MaritalStatus", "SINGLE")] == "Célibataire"
    assert labels[("Diet", "NO_PORK")] == "Sans porc"
    assert labels[("Diet", "STANDARD")] == "Sans régime particulier"
    assert not any(value in {"CELIBATAIRE", "SANS_PORC"} for _, value in labels)
