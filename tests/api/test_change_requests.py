"""Change requests over HTTP: a parent proposes, staff accept or refuse, the file shows the
pending values beside the current ones; every other family, tenant and role is kept out."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.settings import Settings
from models import (
    AuthorizedPerson,
    BankAccount,
    Child,
    ChildAuthorizations,
    Guardian,
    OutboxMail,
    Request,
    Tenant,
)
from models.account import Role
from models.request import RequestType
from schema import build_schema
from tests import factories
from tests.factories import family as ff
from tests.support.graphql_client import GraphQLClient, StatementCounter

schema = build_schema(Settings())

IBAN = "FR7630006000011234567890189"
T = TypeVar("T")

REQUEST_FIELDS = """
  id reference referenceLabel type typeLabel status statusLabel createdAt decidedAt comment
  history { at step status statusLabel label note }
  messages { subject body fromStaff }
  changes { field label currentValue proposedValue subject }
  family { name } guardian { firstName } child { firstName }
"""


def _payload(mutation: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ request {{"
        + REQUEST_FIELDS
        + "} errors { field message code } } }"
    )


GUARDIAN_CHANGE = _payload("guardianChangeRequestCreate", "GuardianChangeRequestCreateInput")
ACCEPT = _payload("changeRequestAccept", "ChangeRequestAcceptInput")
REFUSE = _payload("changeRequestRefuse", "ChangeRequestRefuseInput")
CANCEL = """mutation($input: ChangeRequestCancelInput!) {
  changeRequestCancel(input: $input) { request { status } errors { field message code } } }"""
FILE = """{ viewer { family {
  pendingChanges { field label currentValue proposedValue request { referenceLabel } }
  guardians { id firstName mobilePhone employer
    pendingChanges { field label currentValue proposedValue subject request { id typeLabel } } }
  children { id firstName
    authorizations { photo leaveAlone }
    pendingChanges { field label currentValue proposedValue subject request { typeLabel } } }
} } }"""
LIST = """query($where: ChangeRequestFilter, $first: Int, $after: String) {
  changeRequests(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id reference type status family { name } } } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on Request {" + REQUEST_FIELDS + "} } }"


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@dataclass
class Town:
    tenant_id: int
    guardian_ids: list[int]
    guardian_first_name: str
    child_ids: list[int]
    family_id: int
    family_name: str
    parent: str
    other_family_id: int
    other_parent: str
    staff: str
    reporting: str


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    family, guardians, children = await ff.make_family_with_members(
        session, tenant, guardians=2, children=2
    )
    other, other_guardians, _ = await ff.make_family_with_members(session, tenant)
    _, parent = await ff.make_parent_account_with_token(session, tenant, guardian=guardians[0])
    _, other_parent = await ff.make_parent_account_with_token(
        session, tenant, guardian=other_guardians[0]
    )
    _, staff = await ff.make_staff_account_with_token(session, tenant)
    _, reporting = await ff.make_account_with_token(session, tenant, role=Role.REPORTING)
    await session.commit()
    return Town(
        tenant_id=tenant.id,
        guardian_ids=[g.id for g in guardians],
        guardian_first_name=guardians[0].first_name,
        child_ids=[c.id for c in children],
        family_id=family.id,
        family_name=family.name,
        parent=parent,
        other_family_id=other.id,
        other_parent=other_parent,
        staff=staff,
        reporting=reporting,
    )


async def call(
    api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The JSON response to a document sent with ``token`` (None: anonymous)."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def data(
    api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The ``data`` of a response that must have no top-level errors."""
    body = await call(api, token, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def only(payload: dict[str, Any]) -> dict[str, Any]:
    """The request of a mutation payload that must have succeeded."""
    assert payload["errors"] == [], payload["errors"]
    return payload["request"]  # type: ignore[no-any-return]


async def ask_guardian_change(
    api: GraphQLClient, town: Town, changes: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    variables = {"input": {"guardian": gid("Guardian", town.guardian_ids[0]), "changes": changes}}
    variables["input"].update(extra)
    result = await data(api, town.parent, GUARDIAN_CHANGE, variables)
    return result["guardianChangeRequestCreate"]  # type: ignore[no-any-return]


async def fresh(session: AsyncSession, model: type[T], pk: int) -> T:
    """A row as the database holds it now (the app wrote it through its own engine)."""
    row = await session.get(model, pk, populate_existing=True)
    assert row is not None
    return row


async def templates(session: AsyncSession) -> list[str]:
    return list(await session.scalars(select(OutboxMail.template).order_by(OutboxMail.id)))


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


def create_document(name: str, input_type: str) -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{
    request {{ id type status changes {{ field label currentValue proposedValue subject }} }}
    errors {{ field message code }} }} }}"""


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
    assert await session.scalar(select(func.count()).select_from(OutboxMail)) == 1


async def test_other_families_are_out_of_reach(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    # Family B's parent on family A's guardian: the same answer as for an unknown ID.
    async def guardian_change_as_b(guardian_id: str) -> Any:
        variables = {"input": {"guardian": guardian_id, "changes": {"employer": "Pirate"}}}
        return (await data(api, town.other_parent, GUARDIAN_CHANGE, variables))[
            "guardianChangeRequestCreate"
        ]

    foreign = await guardian_change_as_b(gid("Guardian", town.guardian_ids[0]))
    unknown = await guardian_change_as_b(gid("Guardian", 987_654))
    wrong_type = await guardian_change_as_b(gid("Child", town.child_ids[0]))
    assert foreign == unknown == wrong_type
    assert foreign["errors"][0]["code"] == "NOT_FOUND"
    document = create_document("childChangeRequestCreate", "ChildChangeRequestCreateInput")
    variables = {"input": {"child": gid("Child", town.child_ids[0]), "changes": {"firstName": "X"}}}
    child = (await data(api, town.other_parent, document, variables))["childChangeRequestCreate"]
    assert [e["code"] for e in child["errors"]] == ["NOT_FOUND"]

    # A's request: invisible to B, and B can neither cancel nor decide it.
    request = only(await ask_guardian_change(api, town, {"employer": "A"}))
    assert (await data(api, town.other_parent, NODE, {"id": request["id"]}))["node"] is None
    assert (await data(api, town.parent, NODE, {"id": request["id"]}))["node"]["id"] == request[
        "id"
    ]
    listed = await data(
        api, town.other_parent, LIST, {"where": {"family": gid("Family", town.family_id)}}
    )
    assert listed["changeRequests"]["totalCount"] == 0
    mine = await data(api, town.parent, LIST)
    assert mine["changeRequests"]["totalCount"] == 1
    cancelled = (await data(api, town.other_parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert [e["code"] for e in cancelled["errors"]] == ["NOT_FOUND"]
    family_b = (await data(api, town.other_parent, FILE))["viewer"]["family"]
    assert all(g["pendingChanges"] == [] for g in family_b["guardians"])

    # Parents cannot decide, not even their own request; reporting sees no request.
    for token in (town.parent, town.other_parent, town.reporting):
        refused = await call(api, token, ACCEPT, {"input": {"request": request["id"]}})
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await call(api, None, ACCEPT, {"input": {"request": request["id"]}}))["errors"][0][
        "extensions"
    ]["code"] == "UNAUTHENTICATED"
    for token in (town.reporting,):
        body = await call(api, token, LIST)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert (await data(api, token, NODE, {"id": request["id"]}))["node"] is None
    # Staff change files their own way, not through a family's requests.
    staff_try = await call(
        api,
        town.staff,
        GUARDIAN_CHANGE,
        {
            "input": {
                "guardian": gid("Guardian", town.guardian_ids[0]),
                "changes": {"employer": "X"},
            }
        },
    )
    assert staff_try["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    # The parent withdraws it; then it cannot be cancelled again.
    done = (await data(api, town.parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert done["request"]["status"] == "CANCELLED"
    again = (await data(api, town.parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    count = await session.scalar(select(func.count()).select_from(Request))
    assert count == 1


async def test_another_tenants_staff_is_refused(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request = only(await ask_guardian_change(api, town, {"employer": "A"}))
    elsewhere = await factories.make_tenant(session)
    _, foreign_staff = await ff.make_staff_account_with_token(session, elsewhere)
    await session.commit()

    # Their token on this tenant's endpoint: refused outright.
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": ACCEPT, "variables": {"input": {"request": request["id"]}}},
        headers={"authorization": f"Bearer {foreign_staff}"},
    )
    assert response.status_code == 403
    # On their own endpoint, this tenant's request does not exist.
    theirs = GraphQLClient(http=api.http, tenant=elsewhere.slug)
    accepted = await data(theirs, foreign_staff, ACCEPT, {"input": {"request": request["id"]}})
    assert [e["code"] for e in accepted["changeRequestAccept"]["errors"]] == ["NOT_FOUND"]
    assert (await data(theirs, foreign_staff, NODE, {"id": request["id"]}))["node"] is None
    listed = await data(theirs, foreign_staff, LIST)
    assert listed["changeRequests"]["totalCount"] == 0
    stored = await fresh(session, Request, int(base64.b64decode(request["id"]).split(b":")[1]))
    assert stored.status.value == "PENDING"


async def test_the_list_pages_newest_first_and_filters(api: GraphQLClient, town: Town) -> None:
    references = []
    for field, value in (("employer", "A"), ("profession", "B"), ("birthName", "C")):
        references.append(only(await ask_guardian_change(api, town, {field: value}))["reference"])
    page = (await data(api, town.staff, LIST, {"first": 2}))["changeRequests"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["reference"] for e in page["edges"]] == references[::-1][:2]
    rest = (
        await data(api, town.staff, LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]})
    )["changeRequests"]
    assert [e["node"]["reference"] for e in rest["edges"]] == [references[0]]
    assert rest["pageInfo"]["hasNextPage"] is False
    by_reference = await data(
        api, town.staff, LIST, {"where": {"reference": cr.format_reference(references[1])}}
    )
    assert [e["node"]["reference"] for e in by_reference["changeRequests"]["edges"]] == [
        references[1]
    ]
    none = await data(api, town.staff, LIST, {"where": {"type": {"eq": "CHILD_CHANGE"}}})
    assert none["changeRequests"]["totalCount"] == 0
    bad = await call(api, town.staff, LIST, {"after": "pas-un-curseur"})
    assert "Curseur" in bad["errors"][0]["message"]


async def test_pending_changes_cost_the_same_statements_for_many_children(
    session: AsyncSession, api: GraphQLClient, tenant: Tenant, statements: StatementCounter
) -> None:
    async def family_with(children: int) -> str:
        family, guardians, kids = await ff.make_family_with_members(
            session, tenant, guardians=2, children=children
        )
        account, token = await ff.make_parent_account_with_token(
            session, tenant, guardian=guardians[0]
        )
        school = await factories.make_establishment(session, tenant)
        for kid in kids:
            for request_type, changes in (
                (RequestType.CHILD_CHANGE, {"firstName": "Autre", "school": school.id}),
                (RequestType.CHILD_AUTHORIZATIONS_CHANGE, {"photo": True}),
            ):
                await cr.create_change_request(
                    session,
                    tenant_id=tenant.id,
                    request_type=request_type,
                    account_id=account.id,
                    family_id=family.id,
                    target_id=kid.id,
                    changes=changes,
                    comment=None,
                    idempotency_key=None,
                    portal_url="https://famille.example",
                    now=dt.datetime.now(dt.UTC),
                )
        await session.commit()
        return token

    small_token = await family_with(1)
    large_token = await family_with(6)
    with statements.counting() as small:
        small_file = (await data(api, small_token, FILE))["viewer"]["family"]
    with statements.counting() as large:
        large_file = (await data(api, large_token, FILE))["viewer"]["family"]
    assert len(large_file["children"]) == 6
    assert all(len(c["pendingChanges"]) == 3 for c in large_file["children"])
    assert len(small_file["children"][0]["pendingChanges"]) == 3
    assert len(large) == len(small), large


def test_each_mutation_error_enum_lists_exactly_the_domain_codes() -> None:
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    expected: dict[str, frozenset[str]] = {
        "guardianChangeRequestCreate": cr.CHANGE_KINDS[RequestType.GUARDIAN_CHANGE].error_codes,
        "changeRequestAccept": cr.ACCEPT_ERROR_CODES,
        "changeRequestRefuse": cr.REFUSE_ERROR_CODES,
        "changeRequestCancel": cr.CANCEL_ERROR_CODES,
    }
    for name, request_type in (
        ("guardianAddressChangeRequestCreate", RequestType.GUARDIAN_ADDRESS_CHANGE),
        ("bankAccountChangeRequestCreate", RequestType.BANK_ACCOUNT_CHANGE),
        ("childChangeRequestCreate", RequestType.CHILD_CHANGE),
        ("childComplementChangeRequestCreate", RequestType.CHILD_COMPLEMENT_CHANGE),
        ("childAuthorizationsChangeRequestCreate", RequestType.CHILD_AUTHORIZATIONS_CHANGE),
        ("vaccinationsChangeRequestCreate", RequestType.VACCINATION_CHANGE),
        ("authorizedPersonAddRequestCreate", RequestType.AUTHORIZED_PERSON_ADD),
        ("authorizedPersonChangeRequestCreate", RequestType.AUTHORIZED_PERSON_CHANGE),
        ("authorizedPersonRemoveRequestCreate", RequestType.AUTHORIZED_PERSON_REMOVE),
    ):
        expected[name] = cr.CHANGE_KINDS[request_type].error_codes
    for name, codes in expected.items():
        payload = mutation_type.fields[name].type
        assert isinstance(payload, GraphQLNonNull)
        payload_type = payload.of_type
        assert isinstance(payload_type, GraphQLObjectType)
        error_type = payload_type.fields["errors"].type.of_type.of_type.of_type
        code_type = error_type.fields["code"].type.of_type
        assert isinstance(code_type, GraphQLEnumType)
        assert set(code_type.values) == set(codes), name
