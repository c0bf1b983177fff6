"""The guide's section 1 over GraphQL: a parent submits the registration form, staff
validate or reject it, errors come back with their paths, retries are idempotent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    BankAccount,
    Child,
    Family,
    Guardian,
    OutboxMessage,
    Registration,
    Request,
    RequestHistory,
)
from tests.api.family_registration._helpers import (
    REJECT,
    VALIDATE,
    VIEWER_FAMILY,
    Town,
    _as,
    _submit,
    form,
)
from tests.support.graphql_client import GraphQLClient


async def _counts(session: AsyncSession) -> dict[str, int]:
    models = (Family, Guardian, Child, Registration, Request, RequestHistory, BankAccount)
    counts = {}
    for model in (*models, OutboxMessage):
        counts[model.__name__] = int(
            await session.scalar(select(func.count()).select_from(model)) or 0
        )
    return counts


# --- section 1, from the account to the validated family ------------------------------------


async def test_section_1_submit_validate_and_see_the_family(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str, staff: str
) -> None:
    assert (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"] is None

    submitted = await _submit(api, parent, form(town))
    assert submitted["errors"] == []
    assert submitted["requestReference"] == "10 000 000"
    family = submitted["family"]
    assert (family["name"], family["status"], family["statusLabel"], family["subscriberCode"]) == (
        "Martin",
        "SUBMITTED",
        "En attente de validation",
        None,
    )
    assert [
        (g["rank"], g["firstName"], g["isPayer"], g["isAllocataire"], g["mobilePhone"])
        for g in family["guardians"]
    ] == [(1, "Camille", True, True, "+33612345678"), (2, "Lucas", False, False, "+33781234567")]
    # Guardian 2 gave no address: the family's.
    assert family["guardians"][1]["address"]["city"] == "Saint-Ismier"
    # The parent never reads the whole IBAN back.
    assert family["bankAccounts"] == [
        {
            "iban": "•••• •••• •••• •••• •••• •••0 189",
            "bic": "AGRIFRPP",
            "holderName": "Camille Martin",
        }
    ]

    # A new request: the viewer's family comes from the account's guardian.
    pending = (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"]
    assert (pending["id"], pending["status"]) == (family["id"], "SUBMITTED")

    validated = (await _as(api, staff, VALIDATE, {"family": family["id"]}))["data"]
    result = validated["familyValidate"]
    assert result["errors"] == []
    assert (result["family"]["status"], result["family"]["subscriberCode"]) == (
        "VALIDATED",
        "000001",
    )
    assert result["family"]["validatedAt"] is not None

    mine = (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"]
    assert (mine["status"], mine["subscriberCode"]) == ("VALIDATED", "000001")
    assert [g["firstName"] for g in mine["guardians"]] == ["Camille", "Lucas"]
    assert [(c["firstName"], c["grade"], c["school"]["name"]) for c in mine["children"]] == [
        ("Lenny", "CE1", "Ecole Lux"),
        ("Léa", "MS", "Ecole Lux"),
    ]
    assert mine["communication"] == {
        "acceptsSms": True,
        "paperInvoice": False,
        "reminderBySms": True,
    }

    registrations = list(await session.scalars(select(Registration.status)))
    assert [str(s) for s in registrations] == ["ACTIVE", "ACTIVE"]
    request = await session.scalar(select(Request))
    assert request is not None
    assert str(request.status) == "ACCEPTED"
    mails = [
        (m.template, m.to_address)
        for m in await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    ]
    assert mails == [
        ("family_registration_received", "camille.martin@example.fr"),
        ("family_validated", "camille.martin@example.fr"),
    ]

    again = (await _as(api, staff, VALIDATE, {"family": family["id"]}))["data"]["familyValidate"]
    assert again["family"] is None
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]


async def test_every_error_comes_back_with_its_path_and_nothing_is_stored(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    values = form(town)
    values["guardian1"] = {**values["guardian1"], "mobilePhone": "06 12", "email": "camille@"}
    values["bankAccount"] = {"holderName": "Camille Martin", "iban": "FR7630006000011234567890188"}
    # Two days ahead: "today" is the tenant's (Europe/Paris), which may already be
    # tomorrow by the machine's UTC date late in the evening.
    in_the_future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    values["children"][1] = {**values["children"][1], "birthDate": in_the_future}
    values["registrations"] = [{"child": 0, "activity": town.school}]  # not an Activity
    before = await _counts(session)

    result = await _submit(api, parent, values)

    assert result["family"] is None
    assert {(tuple(e["field"]), e["code"]) for e in result["errors"]} == {
        (("guardian1", "mobilePhone"), "INVALID_PHONE"),
        (("guardian1", "email"), "INVALID_EMAIL"),
        (("bankAccount", "iban"), "INVALID_IBAN"),
        (("children", "1", "birthDate"), "BIRTH_DATE_IN_FUTURE"),
        (("registrations", "0", "activity"), "UNKNOWN_ACTIVITY"),
    }
    messages = {tuple(e["field"]): e["message"] for e in result["errors"]}
    assert messages[("guardian1", "mobilePhone")] == "Le numéro de téléphone n'est pas valide."
    assert await _counts(session) == before
    assert (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"] is None


async def test_a_retry_with_the_idempotency_key_returns_the_first_result(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    first = await _submit(api, parent, form(town, idempotencyKey="formulaire-1"))
    counts = await _counts(session)
    retry = await _submit(api, parent, form(town, idempotencyKey="formulaire-1"))
    assert retry["errors"] == []
    assert (retry["family"]["id"], retry["requestReference"]) == (
        first["family"]["id"],
        first["requestReference"],
    )
    assert await _counts(session) == counts

    second = await _submit(api, parent, form(town))
    assert second["family"] is None
    assert [(e["code"], e["field"]) for e in second["errors"]] == [("ALREADY_SUBMITTED", [])]
    assert await _counts(session) == counts


async def test_reject_path_with_a_reason(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str, staff: str
) -> None:
    family_id = (await _submit(api, parent, form(town)))["family"]["id"]

    no_reason = (await _as(api, staff, REJECT, {"family": family_id, "reason": " "}))["data"]
    assert [(e["code"], e["field"]) for e in no_reason["familyReject"]["errors"]] == [
        ("REQUIRED", ["reason"])
    ]

    reason = "Merci de joindre un justificatif de domicile."
    rejected = (await _as(api, staff, REJECT, {"family": family_id, "reason": reason}))["data"]
    assert rejected["familyReject"] == {
        "family": {"id": family_id, "status": "REJECTED", "rejectionReason": reason},
        "errors": [],
    }
    mine = (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"]
    assert (mine["status"], mine["rejectionReason"], mine["subscriberCode"]) == (
        "REJECTED",
        reason,
        None,
    )
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "family_rejected")
    )
    assert mail is not None
    assert reason in mail.text_body

    late = (await _as(api, staff, VALIDATE, {"family": family_id}))["data"]["familyValidate"]
    assert [e["code"] for e in late["errors"]] == ["INVALID_STATE"]

    # A rejected file may be replaced by a new one.
    again = await _submit(api, parent, form(town))
    assert again["errors"] == []
    assert again["family"]["id"] != family_id
