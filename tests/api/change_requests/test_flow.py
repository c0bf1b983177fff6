"""A change request over GraphQL: the parent asks, staff accept or refuse, the file shows
the pending value meanwhile; auto-accepted types, validation errors as payload data,
idempotent retries.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from models import Guardian, OutboxMessage, Request, Tenant
from tests.api.change_requests._helpers import (
    ACCEPT,
    FILE,
    LIST,
    NODE,
    Town,
    _payload,
    ask_guardian_change,
    create_document,
    data,
    fresh,
    gid,
    only,
)
from tests.support.graphql_client import GraphQLClient

REFUSE = _payload("changeRequestRefuse", "ChangeRequestRefuseInput")


async def templates(session: AsyncSession) -> list[str]:
    return list(await session.scalars(select(OutboxMessage.template).order_by(OutboxMessage.id)))


async def test_a_parent_asks_staff_accept_and_the_file_shows_it_meanwhile(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    created = only(
        await ask_guardian_change(
            api, town, {"mobilePhone": "06 98 76 54 32", "employer": "Mairie"}, comment="Merci"
        )
    )
    assert created["status"] == "PENDING"
    assert created["statusLabel"] == "En cours d'instruction"
    assert created["type"] == "GUARDIAN_CHANGE"
    assert created["typeLabel"] == "Modification du responsable"
    assert created["referenceLabel"] == cr.format_reference(created["reference"])
    assert created["comment"] == "Merci"
    assert created["family"]["name"] == town.family_name
    assert created["guardian"]["firstName"] == town.guardian_first_name
    assert [h["label"] for h in created["history"]] == ["Création de demande"]
    assert [(c["field"], c["currentValue"], c["proposedValue"]) for c in created["changes"]] == [
        ("mobilePhone", "06 12 34 56 78", "06 98 76 54 32"),
        ("employer", None, "Mairie"),
    ]
    assert await templates(session) == ["change_request_received"]

    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    first = family["guardians"][0]
    assert first["mobilePhone"] == "+33612345678"  # the current value stays...
    assert [(p["label"], p["proposedValue"]) for p in first["pendingChanges"]] == [
        ("Téléphone portable", "06 98 76 54 32"),  # ... the pending one beside it
        ("Employeur", "Mairie"),
    ]
    assert first["pendingChanges"][0]["request"]["id"] == created["id"]
    assert family["guardians"][1]["pendingChanges"] == []
    assert all(c["pendingChanges"] == [] for c in family["children"])

    listed = await data(api, town.staff, LIST, {"where": {"status": {"eq": "PENDING"}}})
    assert [e["node"]["id"] for e in listed["changeRequests"]["edges"]] == [created["id"]]

    accepted = only(
        (
            await data(
                api, town.staff, ACCEPT, {"input": {"request": created["id"], "message": "OK"}}
            )
        )["changeRequestAccept"]
    )
    assert accepted["status"] == "ACCEPTED" and accepted["decidedAt"] is not None
    assert [h["label"] for h in accepted["history"]] == [
        "Création de demande",
        "Statut : Acceptée",
    ]
    assert accepted["messages"] == [
        {
            "subject": f"Demande n° {created['referenceLabel']} : Modification du responsable",
            "body": "OK",
            "fromStaff": True,
        }
    ]
    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    first = family["guardians"][0]
    assert (first["mobilePhone"], first["employer"]) == ("+33698765432", "Mairie")
    assert first["pendingChanges"] == []
    assert await templates(session) == ["change_request_received", "change_request_decided"]

    again = (await data(api, town.staff, ACCEPT, {"input": {"request": created["id"]}}))[
        "changeRequestAccept"
    ]
    assert again["request"] is None
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]


async def test_a_refusal_keeps_the_old_values_with_the_reason(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    created = only(await ask_guardian_change(api, town, {"lastName": "Durand"}))
    missing = (
        await data(api, town.staff, REFUSE, {"input": {"request": created["id"], "message": " "}})
    )["changeRequestRefuse"]
    assert [(e["code"], e["field"]) for e in missing["errors"]] == [
        ("MESSAGE_REQUIRED", ["message"])
    ]
    refused = only(
        (
            await data(
                api,
                town.staff,
                REFUSE,
                {"input": {"request": created["id"], "message": "Justificatif manquant."}},
            )
        )["changeRequestRefuse"]
    )
    assert refused["status"] == "REFUSED" and refused["statusLabel"] == "Refusée"
    seen = (await data(api, town.parent, NODE, {"id": created["id"]}))["node"]
    assert seen["status"] == "REFUSED"
    assert [m["body"] for m in seen["messages"]] == ["Justificatif manquant."]
    assert seen["history"][-1]["label"] == "Statut : Refusée"
    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    assert family["guardians"][0]["pendingChanges"] == []
    guardian = await fresh(session, Guardian, town.guardian_ids[0])
    assert guardian.last_name == town.family_name
    assert await templates(session) == ["change_request_received", "change_request_decided"]


async def test_auto_accepted_types_apply_at_once(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    tenant = await session.get_one(Tenant, town.tenant_id)
    tenant.settings = {"autoAcceptedChanges": ["CHILD_AUTHORIZATIONS_CHANGE"]}
    await session.commit()
    name, input_type = (
        "childAuthorizationsChangeRequestCreate",
        "ChildAuthorizationsChangeRequestCreateInput",
    )
    variables = {
        "input": {"child": gid("Child", town.child_ids[0]), "changes": {"leaveAlone": True}}
    }
    request = only(
        (await data(api, town.parent, create_document(name, input_type), variables))[name]
    )
    assert request["status"] == "ACCEPTED"
    family = (await data(api, town.parent, FILE))["viewer"]["family"]
    child = next(c for c in family["children"] if c["id"] == gid("Child", town.child_ids[0]))
    assert child["authorizations"]["leaveAlone"] is True
    assert child["pendingChanges"] == []
    assert await templates(session) == ["change_request_decided"]
    # Guardian changes are not in the list: they wait.
    assert only(await ask_guardian_change(api, town, {"employer": "X"}))["status"] == "PENDING"


async def test_validation_errors_are_payload_data_with_paths(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    payload = await ask_guardian_change(
        api, town, {"email": "nope", "mobilePhone": "12", "firstName": None}
    )
    assert payload["request"] is None
    assert {(e["code"], tuple(e["field"])) for e in payload["errors"]} == {
        ("INVALID_EMAIL", ("changes", "email")),
        ("INVALID_PHONE", ("changes", "mobilePhone")),
        ("REQUIRED", ("changes", "firstName")),
    }
    assert all(e["message"] for e in payload["errors"])
    same = await ask_guardian_change(api, town, {"firstName": town.guardian_first_name})
    assert [e["code"] for e in same["errors"]] == ["NO_CHANGE"]
    only(await ask_guardian_change(api, town, {"employer": "A"}))
    twice = await ask_guardian_change(api, town, {"employer": "B"})
    assert [(e["code"], e["field"]) for e in twice["errors"]] == [
        ("ALREADY_PENDING", ["changes", "employer"])
    ]
    assert await session.scalar(select(func.count()).select_from(Request)) == 1


async def test_an_idempotency_key_retry_creates_nothing(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    first = only(await ask_guardian_change(api, town, {"employer": "A"}, idempotencyKey="abc-1"))
    retry = only(await ask_guardian_change(api, town, {"employer": "A"}, idempotencyKey="abc-1"))
    assert retry["id"] == first["id"] and retry["reference"] == first["reference"]
    assert await session.scalar(select(func.count()).select_from(Request)) == 1
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
