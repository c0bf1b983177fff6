"""The guide's section 1 over GraphQL: a parent submits the family form, staff validate or
reject it, a parent with a subscriber code links their account — and who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import to_base64

from domain.accounts import create_active_account
from models import (
    Account,
    BankAccount,
    Child,
    Family,
    Guardian,
    LoginAttempt,
    OutboxMail,
    Registration,
    Request,
    RequestHistory,
    Tenant,
)
from models.account import Role
from models.base import utcnow
from models.child import Grade
from models.family import FamilyStatus
from tests import factories
from tests.factories.family import (
    PASSWORD,
    make_child,
    make_family,
    make_guardian,
    make_invoice,
    make_staff_account_with_token,
)
from tests.support.graphql_client import GraphQLClient

LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token errors { code } } }"""

FAMILY_FIELDS = """
  id name status statusLabel subscriberCode rejectionReason directDebit
  communication { acceptsSms paperInvoice reminderBySms }
  guardians { rank civility firstName lastName email phone mobilePhone isPayer isAllocataire
              allowanceRegime allocataireNumber address { line1 postalCode city country } }
  children { firstName birthDate grade school { name } }
  bankAccounts { iban bic holderName }
"""

SUBMIT = f"""mutation($input: FamilyRegistrationSubmitInput!) {{
  familyRegistrationSubmit(input: $input) {{
    family {{ {FAMILY_FIELDS} }}
    requestReference
    errors {{ field message code }}
  }} }}"""

VALIDATE = """mutation($family: ID!) {
  familyValidate(input: {family: $family}) {
    family { id status subscriberCode validatedAt } errors { field message code } } }"""

REJECT = """mutation($family: ID!, $reason: String!) {
  familyReject(input: {family: $family, reason: $reason}) {
    family { id status rejectionReason } errors { field message code } } }"""

LINK = """mutation($input: FamilyLinkInput!) {
  familyLink(input: $input) {
    family { id name subscriberCode } guardian { rank firstName } errors { field message code }
  } }"""

VIEWER_FAMILY = f"{{ viewer {{ family {{ {FAMILY_FIELDS} }} }} }}"


async def _as(
    api: GraphQLClient,
    token: str | None,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    tenant: str | None = None,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await api.http.post(
        f"/{tenant or api.tenant}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
    )
    return {"status": response.status_code, **response.json()}


async def _logged_in(
    session: AsyncSession, api: GraphQLClient, tenant: Tenant, email: str, role: Role
) -> str:
    """An active account created as administrators do, then a real login over GraphQL."""
    await create_active_account(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        role=role,
        first_name="Camille",
        last_name="Martin",
        now=utcnow(),
    )
    await session.commit()
    body = await _as(api, None, LOGIN, {"email": email, "password": PASSWORD}, tenant=tenant.slug)
    token = body["data"]["login"]["token"]
    assert token, body
    return str(token)


class Town:
    """The tenant's catalogue for the current school year, and its people's tokens."""

    def __init__(self, tenant: Tenant, school_id: int, garderie_id: int, maternelle_id: int):
        self.tenant = tenant
        self.school = to_base64("Establishment", school_id)
        self.garderie = to_base64("Activity", garderie_id)
        self.maternelle = to_base64("Activity", maternelle_id)


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    today = dt.date.today()
    year = await factories.make_school_year(
        session,
        tenant,
        label="courante",
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=200),
    )
    school = await factories.make_establishment(session, tenant, name="Ecole Lux")
    garderie = await factories.make_activity(
        session, school, year, name="Garderie Matin", min_grade=Grade.CP
    )
    maternelle = await factories.make_activity(
        session, school, year, name="Accueil maternelle", max_grade=Grade.GS
    )
    await session.commit()
    return Town(tenant, school.id, garderie.id, maternelle.id)


@pytest.fixture
async def parent(session: AsyncSession, api: GraphQLClient, tenant: Tenant) -> str:
    return await _logged_in(session, api, tenant, "camille.martin@example.fr", Role.PARENT)


@pytest.fixture
async def staff(session: AsyncSession, api: GraphQLClient, tenant: Tenant) -> str:
    return await _logged_in(session, api, tenant, "agent@mairie.example", Role.STAFF)


def form(town: Town, **overrides: Any) -> dict[str, Any]:
    """The family form as the guide fills it (two guardians, two children, direct debit)."""
    values: dict[str, Any] = {
        "guardian1": {
            "civility": "MADAME",
            "firstName": "Camille",
            "lastName": "Martin",
            "relationship": "MERE",
            "maritalStatus": "MARIE",
            "phone": "04 76 52 00 00",
            "mobilePhone": "06 12 34 56 78",
            "email": "camille.martin@example.fr",
            "address": {
                "line1": "1 place de la Mairie",
                "postalCode": "38330",
                "city": "Saint-Ismier",
                "country": "FR",
            },
            "profession": "Infirmière",
            "allocataire": {"regime": "CAF", "number": "1234567", "consentsQuotientLookup": True},
        },
        "guardian2": {
            "civility": "MONSIEUR",
            "firstName": "Lucas",
            "lastName": "Martin",
            "relationship": "PERE",
            "maritalStatus": "MARIE",
            "mobilePhone": "07 81 23 45 67",
        },
        "communication": {
            "acceptsEmail": True,
            "acceptsSms": True,
            "acceptsPost": True,
            "paperInvoice": False,
            "reminderByEmail": True,
            "reminderBySms": True,
            "reminderByPost": True,
        },
        "directDebit": True,
        "bankAccount": {
            "holderName": "Camille Martin",
            "iban": "FR76 3000 6000 0112 3456 7890 189",
            "bic": "AGRIFRPP",
        },
        "children": [
            {
                "firstName": "Lenny",
                "lastName": "Martin",
                "birthDate": "2018-05-02",
                "sex": "M",
                "school": town.school,
                "grade": "CE1",
            },
            {
                "firstName": "Léa",
                "lastName": "Martin",
                "birthDate": "2021-01-20",
                "sex": "F",
                "school": town.school,
                "grade": "MS",
            },
        ],
        "registrations": [
            {"child": 0, "activity": town.garderie},
            {"child": 1, "activity": town.maternelle},
        ],
    }
    values.update(overrides)
    return values


async def _counts(session: AsyncSession) -> dict[str, int]:
    models = (Family, Guardian, Child, Registration, Request, RequestHistory, BankAccount)
    counts = {}
    for model in (*models, OutboxMail):
        counts[model.__name__] = int(
            await session.scalar(select(func.count()).select_from(model)) or 0
        )
    return counts


async def _submit(api: GraphQLClient, token: str, values: dict[str, Any]) -> dict[str, Any]:
    body = await _as(api, token, SUBMIT, {"input": values})
    assert "errors" not in body, body
    return dict(body["data"]["familyRegistrationSubmit"])


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
        for m in await session.scalars(select(OutboxMail).order_by(OutboxMail.id))
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
    mail = await session.scalar(select(OutboxMail).where(OutboxMail.template == "family_rejected"))
    assert mail is not None
    assert reason in mail.text_body

    late = (await _as(api, staff, VALIDATE, {"family": family_id}))["data"]["familyValidate"]
    assert [e["code"] for e in late["errors"]] == ["INVALID_STATE"]

    # A rejected file may be replaced by a new one.
    again = await _submit(api, parent, form(town))
    assert again["errors"] == []
    assert again["family"]["id"] != family_id


# --- linking to a family that has a subscriber code -----------------------------------------


@pytest.fixture
async def dupont(session: AsyncSession, tenant: Tenant) -> str:
    """A validated family « DUPONT » (code 000123), with Zoé born 3 June 2017 and a recent
    invoice; returns its global ID."""
    family = await make_family(session, tenant, subscriber_code="000123", name="DUPONT")
    await make_guardian(session, family, rank=1, first_name="Marie", email="marie@example.fr")
    await make_guardian(session, family, rank=2, first_name="Paul", email="paul@example.fr")
    await make_child(session, family, first_name="Zoé", birth_date=dt.date(2017, 6, 3))
    await make_invoice(
        session,
        family,
        issued_on=dt.date.today() - dt.timedelta(days=40),
        number="2026-10-0042",
    )
    await session.commit()
    return to_base64("Family", family.id)


def proofs(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "subscriberCode": "000123",
        "childBirthDate": "2017-06-03",
        "invoiceNumber": "2026-10-0042",
    }
    values.update(overrides)
    return values


async def _link(api: GraphQLClient, token: str, values: dict[str, Any]) -> dict[str, Any]:
    body = await _as(api, token, LINK, {"input": values})
    assert "errors" not in body, body
    return dict(body["data"]["familyLink"])


async def test_a_parent_with_a_subscriber_code_links_their_account(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str
) -> None:
    linked = await _link(api, parent, proofs(subscriberCode=" 000 123 "))
    assert linked == {
        "family": {"id": dupont, "name": "DUPONT", "subscriberCode": "000123"},
        "guardian": {"rank": 1, "firstName": "Marie"},
        "errors": [],
    }
    mine = (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"]
    assert (mine["id"], mine["subscriberCode"]) == (dupont, "000123")
    assert [c["firstName"] for c in mine["children"]] == ["Zoé"]

    again = await _link(api, parent, proofs())
    assert [e["code"] for e in again["errors"]] == ["ALREADY_LINKED"]


@pytest.mark.parametrize(
    "wrong",
    [
        {"subscriberCode": "000124"},
        {"childBirthDate": "2017-06-04"},
        {"invoiceNumber": "2026-10-0043"},
        {"invoiceNumber": None, "childFirstName": "Zoé"},  # the family has invoices
    ],
)
async def test_a_wrong_proof_gets_one_generic_answer(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str, wrong: dict[str, Any]
) -> None:
    refused = await _link(api, parent, proofs(**wrong))
    assert refused["family"] is None
    assert refused["errors"] == [
        {
            "field": [],
            "message": "Ces informations ne correspondent à aucun dossier.",
            "code": "LINK_REFUSED",
        }
    ]
    account = await session.scalar(
        select(Account).where(Account.email == "camille.martin@example.fr")
    )
    assert account is not None
    assert account.guardian_id is None


async def test_link_attempts_are_throttled(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str
) -> None:
    for _ in range(5):
        refused = await _link(api, parent, proofs(childBirthDate="2017-01-01"))
        assert refused["errors"][0]["code"] == "LINK_REFUSED"
    throttled = await _link(api, parent, proofs())
    assert throttled["family"] is None
    assert [e["code"] for e in throttled["errors"]] == ["THROTTLED"]
    failures = await session.scalar(
        select(func.count()).where(
            LoginAttempt.email == "link:camille.martin@example.fr",
            LoginAttempt.succeeded.is_(False),
        )
    )
    assert failures == 5
    assert (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"] is None


# --- who may do what ---------------------------------------------------------------------


def _code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_anonymous_callers_must_log_in(api: GraphQLClient, town: Town, dupont: str) -> None:
    calls = [
        (SUBMIT, {"input": form(town)}),
        (VALIDATE, {"family": dupont}),
        (REJECT, {"family": dupont, "reason": "Non."}),
        (LINK, {"input": proofs()}),
    ]
    for query, variables in calls:
        body = await _as(api, None, query, variables)
        assert _code(body) == "UNAUTHENTICATED", body
        assert body["data"] is None


async def test_a_parent_cannot_decide_on_a_family(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    family_id = (await _submit(api, parent, form(town)))["family"]["id"]
    for query, variables in (
        (VALIDATE, {"family": family_id}),
        (REJECT, {"family": family_id, "reason": "Non."}),
    ):
        body = await _as(api, parent, query, variables)
        assert _code(body) == "FORBIDDEN"
    status = await session.scalar(select(Family.status))
    assert status is FamilyStatus.SUBMITTED


async def test_staff_do_not_submit_or_link(
    api: GraphQLClient, town: Town, staff: str, dupont: str
) -> None:
    assert _code(await _as(api, staff, SUBMIT, {"input": form(town)})) == "FORBIDDEN"
    assert _code(await _as(api, staff, LINK, {"input": proofs()})) == "FORBIDDEN"


async def test_staff_of_another_tenant_cannot_validate_this_tenants_family(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    family_id = (await _submit(api, parent, form(town)))["family"]["id"]
    other = await factories.make_tenant(session)
    other_slug = other.slug
    _, foreign_token = await make_staff_account_with_token(session, other)
    await session.commit()

    # Its token is refused on this tenant's endpoint…
    refused = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": VALIDATE, "variables": {"family": family_id}},
        headers={"authorization": f"Bearer {foreign_token}"},
    )
    assert refused.status_code == 403
    # …and on its own endpoint this tenant's family does not exist.
    for query, variables in (
        (VALIDATE, {"family": family_id}),
        (REJECT, {"family": family_id, "reason": "Non."}),
    ):
        body = await _as(api, foreign_token, query, variables, tenant=other_slug)
        payload = next(iter(body["data"].values()))
        assert payload["family"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", ["family"])]
    status = await session.scalar(select(Family.status))
    assert status is FamilyStatus.SUBMITTED


async def test_a_parent_of_family_a_cannot_link_to_family_b(
    session: AsyncSession,
    api: GraphQLClient,
    town: Town,
    tenant: Tenant,
    parent: str,
    dupont: str,
) -> None:
    await _submit(api, parent, form(town))
    # Even with the right proofs: one account, one family.
    assert [e["code"] for e in (await _link(api, parent, proofs()))["errors"]] == ["ALREADY_LINKED"]
    # A parent without a family and without the proofs gets nothing either.
    stranger = await _logged_in(session, api, tenant, "inconnu@example.fr", Role.PARENT)
    guess = await _link(api, stranger, proofs(invoiceNumber=None, childFirstName="Zoé"))
    assert [e["code"] for e in guess["errors"]] == ["LINK_REFUSED"]
    # Neither reads family B through its global ID.
    node = "query($id: ID!) { node(id: $id) { id } }"
    for token in (parent, stranger):
        assert (await _as(api, token, node, {"id": dupont}))["data"]["node"] is None


async def test_the_ids_in_the_form_must_be_of_this_tenant(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    other = await factories.make_tenant(session)
    year = await factories.make_school_year(session, other)
    school = await factories.make_establishment(session, other)
    activity = await factories.make_activity(session, school, year)
    await session.commit()
    values = form(town)
    values["children"][0] = {
        **values["children"][0],
        "school": to_base64("Establishment", school.id),
    }
    values["registrations"] = [{"child": 0, "activity": to_base64("Activity", activity.id)}]
    result = await _submit(api, parent, values)
    assert {(tuple(e["field"]), e["code"]) for e in result["errors"]} == {
        (("children", "0", "school"), "UNKNOWN_SCHOOL"),
        (("registrations", "0", "activity"), "UNKNOWN_ACTIVITY"),
    }
