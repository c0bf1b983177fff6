"""Every kind of change request over GraphQL is requested then applied; the IBAN is shown in
full to staff and masked to parents.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuthorizedPerson, BankAccount, Child, ChildAuthorizations, Guardian
from tests.api.change_requests._helpers import (
    ACCEPT,
    FILE,
    NODE,
    Town,
    create_document,
    data,
    fresh,
    gid,
    only,
)
from tests.support.graphql_client import GraphQLClient

IBAN = "FR7630006000011234567890189"


CREATES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "guardianAddressChangeRequestCreate",
        "GuardianAddressChangeRequestCreateInput",
        "guardian",
        {"changes": {"addressLine1": "12 chemin du Mas", "postalCode": "38920", "city": "Crolles"}},
    ),
    (
        "bankAccountChangeRequestCreate",
        "BankAccountChangeRequestCreateInput",
        "family",
        {"changes": {"holderName": "BLMAN", "iban": IBAN, "directDebit": True}},
    ),
    (
        "childChangeRequestCreate",
        "ChildChangeRequestCreateInput",
        "child",
        {"changes": {"firstName": "Annette", "grade": "CE2"}},
    ),
    (
        "childComplementChangeRequestCreate",
        "ChildComplementChangeRequestCreateInput",
        "child",
        {"changes": {"diet": "VEGETARIEN", "foodAllergies": "Arachide"}},
    ),
    (
        "childAuthorizationsChangeRequestCreate",
        "ChildAuthorizationsChangeRequestCreateInput",
        "child",
        {"changes": {"photo": True}},
    ),
    (
        "vaccinationsChangeRequestCreate",
        "VaccinationsChangeRequestCreateInput",
        "child",
        {"vaccinations": [{"vaccine": "DTP", "injectedOn": "2019-06-01"}]},
    ),
    (
        "authorizedPersonAddRequestCreate",
        "AuthorizedPersonAddRequestCreateInput",
        "child",
        {"person": {"firstName": "Jean", "lastName": "Bertrand", "phone": "06 33 21 47 81"}},
    ),
    (
        "authorizedPersonChangeRequestCreate",
        "AuthorizedPersonChangeRequestCreateInput",
        "authorizedPerson",
        {"changes": {"emergencyContact": True}},
    ),
    (
        "authorizedPersonRemoveRequestCreate",
        "AuthorizedPersonRemoveRequestCreateInput",
        "authorizedPerson",
        {},
    ),
]


async def test_every_kind_of_change_is_requested_then_applied(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    child_id = town.child_ids[0]
    people = [
        AuthorizedPerson(
            tenant_id=town.tenant_id, child_id=child_id, first_name=name, last_name="Bertrand",
            phone="+33633214781",
        )
        for name in ("Marie", "Luc")
    ]  # fmt: skip
    session.add_all(people)
    await session.commit()
    targets = {
        "guardian": gid("Guardian", town.guardian_ids[0]),
        "family": gid("Family", town.family_id),
        "child": gid("Child", child_id),
    }
    created = []
    for name, input_type, target, extra in CREATES:
        # Marie's file is changed, Luc is removed.
        person = people[1] if "Remove" in name else people[0]
        target_id = targets.get(target) or gid("AuthorizedPerson", person.id)
        variables = {"input": {target: target_id, **extra}}
        payload = (await data(api, town.parent, create_document(name, input_type), variables))[name]
        request = only(payload)
        assert request["status"] == "PENDING", name
        assert request["changes"], name
        created.append(request)
    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    assert [(p["label"], p["proposedValue"]) for p in family["pendingChanges"]] == [
        ("Titulaire du compte", "BLMAN"),
        ("IBAN", "•••• •••• •••• •••• •••• •••0 189"),  # masked for parents
        ("Prélèvement automatique", "Oui"),
    ]
    labels = {
        (p["request"]["typeLabel"], p["label"], p["subject"])
        for c in family["children"]
        if c["id"] == gid("Child", child_id)
        for p in c["pendingChanges"]
    }
    assert ("Ajout individu autorisation", "Prénom", "Jean BERTRAND") in labels
    assert ("Suppression individu autorisation", "Personne autorisée", "Luc BERTRAND") in labels
    assert ("Modification des vaccins", "Vaccins", None) in labels
    assert ("Modification des autorisations", "Autorisation d'être pris en photo", None) in labels

    for request in created:
        accepted = (await data(api, town.staff, ACCEPT, {"input": {"request": request["id"]}}))[
            "changeRequestAccept"
        ]
        assert only(accepted)["status"] == "ACCEPTED", request["type"]
    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    assert family["pendingChanges"] == []
    assert all(c["pendingChanges"] == [] for c in family["children"])
    assert (await fresh(session, Guardian, town.guardian_ids[0])).city == "Crolles"
    account = (await session.scalars(select(BankAccount))).one()
    assert account.iban == IBAN
    changed = await fresh(session, Child, child_id)
    assert changed.first_name == "Annette"
    assert (await fresh(session, ChildAuthorizations, child_id)).photo is True
    names = set(
        await session.scalars(
            select(AuthorizedPerson.first_name).where(AuthorizedPerson.child_id == child_id)
        )
    )
    assert names == {"Marie", "Jean"}
    assert (await fresh(session, AuthorizedPerson, people[0].id)).emergency_contact is True


async def test_staff_see_the_iban_in_full_parents_masked(api: GraphQLClient, town: Town) -> None:
    document = create_document(
        "bankAccountChangeRequestCreate", "BankAccountChangeRequestCreateInput"
    )
    variables = {
        "input": {
            "family": gid("Family", town.family_id),
            "changes": {"holderName": "BLMAN", "iban": IBAN},
        }
    }
    request = only(
        (await data(api, town.parent, document, variables))["bankAccountChangeRequestCreate"]
    )
    assert request["changes"][1]["proposedValue"] == "•••• •••• •••• •••• •••• •••0 189"
    staff_view = (await data(api, town.staff, NODE, {"id": request["id"]}))["node"]
    assert staff_view["changes"][1]["proposedValue"] == "FR76 3000 6000 0112 3456 7890 189"
