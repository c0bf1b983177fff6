"""Staff accounts through the API: the list (staff), invitations and their acceptance,
role changes, disabling (sessions revoked), enabling, establishments (administrators)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, AuditEntry, OutboxMessage, StaffEstablishment, Tenant
from models.account import Role
from tests import factories
from tests.support.graphql_client import GraphQLClient

STAFF_FIELDS = "account { id email role status firstName } establishments { id name }"
LIST = "{ staffAccounts { " + STAFF_FIELDS + " } }"
INVITE = (
    "mutation($input: StaffInviteInput!) { staffInvite(input: $input) { staffAccount { "
    + STAFF_FIELDS
    + " } errors { code field message } } }"
)
ROLE = (
    "mutation($input: StaffRoleChangeInput!) { staffRoleChange(input: $input) { staffAccount {"
    " account { role } } errors { code field message } } }"
)
DISABLE = (
    "mutation($input: StaffDisableInput!) { staffDisable(input: $input) { staffAccount {"
    " account { status } } errors { code field message } } }"
)
ENABLE = (
    "mutation($input: StaffEnableInput!) { staffEnable(input: $input) { staffAccount {"
    " account { status } } errors { code field message } } }"
)
LIMITS = (
    "mutation($input: StaffEstablishmentsSetInput!) { staffEstablishmentsSet(input: $input) {"
    " staffAccount { establishments { name } } errors { code field message } } }"
)
ACCEPT = (
    "mutation($input: StaffInvitationAcceptInput!) { staffInvitationAccept(input: $input) {"
    " account { email status role } errors { code field message } } }"
)
LOGIN = (
    "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) {"
    " token errors { code } } }"
)


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def _post(
    api: GraphQLClient, token: str | None, query: str, tenant: str | None = None, **variables: Any
) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    kw = {"tenant": tenant} if tenant else {}
    return await api.post(query, variables, headers=headers, **kw)


@dataclass
class Town:
    admin: str
    admin_id: int
    staff: str
    staff_id: int
    parent: str
    parent_id: int
    schools: list[int]
    school_names: list[str]
    foreign_school: int
    foreign_account: int
    foreign_slug: str
    foreign_admin: str


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    admin, admin_token = await factories.make_account_with_token(
        session, tenant, role=Role.ADMIN, email="admin@ville.example"
    )
    staff, staff_token = await factories.make_staff_account_with_token(
        session, tenant, email="agent@ville.example"
    )
    parent, parent_token = await factories.make_parent_account_with_token(session, tenant)
    schools = [await factories.make_establishment(session, tenant) for _ in range(2)]
    foreign = await factories.make_tenant(session)
    foreign_school = await factories.make_establishment(session, foreign)
    foreign_account, foreign_admin = await factories.make_account_with_token(
        session, foreign, role=Role.ADMIN
    )
    town = Town(
        admin=admin_token,
        admin_id=admin.id,
        staff=staff_token,
        staff_id=staff.id,
        parent=parent_token,
        parent_id=parent.id,
        schools=[s.id for s in schools],
        school_names=[s.name for s in schools],
        foreign_school=foreign_school.id,
        foreign_account=foreign_account.id,
        foreign_slug=foreign.slug,
        foreign_admin=foreign_admin,
    )
    await session.commit()
    return town


def _invite(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "email": "Nouvel.Agent@ville.example",
        "firstName": "Nina",
        "lastName": "Blanc",
        "civility": "MADAME",
        "role": "STAFF",
        "establishments": [],
    }
    values.update(overrides)
    return values


async def test_staff_read_the_list_of_staff_accounts(api: GraphQLClient, town: Town) -> None:
    body = await _post(api, town.staff, LIST)
    accounts = body["data"]["staffAccounts"]
    assert {a["account"]["email"] for a in accounts} == {
        "admin@ville.example",
        "agent@ville.example",
    }  # never a parent, never another town's account
    for who in (town.parent, None):
        refused = await _post(api, who, LIST)
        assert refused["errors"][0]["extensions"]["code"] in {"FORBIDDEN", "UNAUTHENTICATED"}


async def test_an_invitation_creates_a_pending_account_mails_it_and_is_accepted(
    api: GraphQLClient, town: Town, session: AsyncSession, tenant: Tenant
) -> None:
    body = await _post(
        api,
        town.admin,
        INVITE,
        input=_invite(establishments=[gid("Establishment", town.schools[0])]),
    )
    result = body["data"]["staffInvite"]
    assert result["errors"] == []
    invited = result["staffAccount"]
    assert invited["account"]["email"] == "nouvel.agent@ville.example"
    assert (invited["account"]["role"], invited["account"]["status"]) == (
        "STAFF",
        "PENDING_ACTIVATION",
    )
    assert invited["establishments"] == [
        {"id": gid("Establishment", town.schools[0]), "name": town.school_names[0]}
    ]
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == "nouvel.agent@ville.example")
    )
    assert mail is not None and mail.template == "staff_invitation"
    assert f"en tant qu'agent de {tenant.name}" in mail.text_body
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "staff.invited"))
    assert entry is not None and entry.actor_account_id == town.admin_id

    # Not usable before acceptance.
    login = await _post(api, None, LOGIN, e="nouvel.agent@ville.example", p="Mercredi-2026!")
    assert login["data"]["login"]["errors"][0]["code"] in {
        "INVALID_CREDENTIALS",
        "ACCOUNT_NOT_ACTIVATED",
    }
    found = re.search(r"invitation\?token=(\S+)", mail.text_body)
    assert found is not None
    accepted = await _post(
        api, None, ACCEPT, input={"token": found[1], "password": "Mercredi-2026!"}
    )
    assert accepted["data"]["staffInvitationAccept"] == {
        "account": {"email": "nouvel.agent@ville.example", "status": "ACTIVE", "role": "STAFF"},
        "errors": [],
    }
    login = await _post(api, None, LOGIN, e="nouvel.agent@ville.example", p="Mercredi-2026!")
    assert login["data"]["login"]["token"]
    again = await _post(api, None, ACCEPT, input={"token": found[1], "password": "Autre-2026!!"})
    assert again["data"]["staffInvitationAccept"]["errors"][0]["code"] == "TOKEN_ALREADY_USED"
    bad = await _post(api, None, ACCEPT, input={"token": "nimporte", "password": "Autre-2026!!"})
    assert bad["data"]["staffInvitationAccept"]["errors"][0]["code"] == "TOKEN_INVALID"


async def test_an_invitation_retried_with_its_key_invites_once(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    first = await _post(api, town.admin, INVITE, input=_invite(idempotencyKey="inv-1"))
    second = await _post(api, town.admin, INVITE, input=_invite(idempotencyKey="inv-1"))
    assert first["data"]["staffInvite"]["errors"] == []
    assert second["data"]["staffInvite"] == first["data"]["staffInvite"]
    count = await session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.to_address == "nouvel.agent@ville.example"
        )
    )
    assert count == 1
    reused = await _post(
        api,
        town.admin,
        INVITE,
        input=_invite(email="autre@ville.example", idempotencyKey="inv-1"),
    )
    assert reused["data"]["staffInvite"]["errors"][0]["code"] == "IDEMPOTENCY_KEY_REUSED"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"email": "agent@ville.example"}, "EMAIL_TAKEN", ["email"]),
        ({"email": "pas une adresse"}, "INVALID_EMAIL", ["email"]),
        ({"firstName": " "}, "REQUIRED", ["firstName"]),
        ({"role": "PARENT"}, "INVALID_ROLE", ["role"]),
    ],
)
async def test_a_bad_invitation_is_refused_and_creates_nothing(
    api: GraphQLClient,
    town: Town,
    session: AsyncSession,
    overrides: dict[str, Any],
    code: str,
    field: list[str],
) -> None:
    before = await session.scalar(select(func.count(Account.id)))
    body = await _post(api, town.admin, INVITE, input=_invite(**overrides))
    result = body["data"]["staffInvite"]
    assert result["staffAccount"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert await session.scalar(select(func.count(Account.id))) == before
    assert await session.scalar(select(func.count(OutboxMessage.id))) == 0


async def test_an_establishment_of_another_town_is_not_found(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    body = await _post(
        api,
        town.admin,
        INVITE,
        input=_invite(establishments=[gid("Establishment", town.foreign_school)]),
    )
    errors = body["data"]["staffInvite"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("NOT_FOUND", ["establishments"])]
    assert await session.scalar(select(func.count(OutboxMessage.id))) == 0


async def test_role_change_disable_and_enable(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    account = gid("Account", town.staff_id)
    body = await _post(api, town.admin, ROLE, input={"account": account, "role": "REPORTING"})
    assert body["data"]["staffRoleChange"] == {
        "staffAccount": {"account": {"role": "REPORTING"}},
        "errors": [],
    }
    # The new role applies at once: a reporting account may not read the staff list.
    refused = await _post(api, town.staff, LIST)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await _post(api, town.admin, ROLE, input={"account": account, "role": "STAFF"})
    assert "errors" not in await _post(api, town.staff, LIST)

    body = await _post(api, town.admin, DISABLE, input={"account": account})
    assert body["data"]["staffDisable"]["staffAccount"] == {"account": {"status": "DISABLED"}}
    # Its session ended at once.
    gone = await _post(api, town.staff, LIST)
    assert gone["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    login = await _post(api, None, LOGIN, e="agent@ville.example", p=factories.PASSWORD)
    assert login["data"]["login"]["errors"][0]["code"] == "ACCOUNT_DISABLED"

    body = await _post(api, town.admin, ENABLE, input={"account": account})
    assert body["data"]["staffEnable"]["staffAccount"] == {"account": {"status": "ACTIVE"}}
    login = await _post(api, None, LOGIN, e="agent@ville.example", p=factories.PASSWORD)
    assert login["data"]["login"]["token"]
    actions = list(
        await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_id == town.staff_id)
            .order_by(AuditEntry.id)
        )
    )
    assert actions == [
        "staff.role_changed",
        "staff.role_changed",
        "staff.disabled",
        "staff.enabled",
    ]


async def test_the_last_active_admin_can_be_neither_demoted_nor_disabled(
    api: GraphQLClient, town: Town
) -> None:
    me = gid("Account", town.admin_id)
    body = await _post(api, town.admin, ROLE, input={"account": me, "role": "STAFF"})
    assert body["data"]["staffRoleChange"]["errors"][0]["code"] == "LAST_ADMIN"
    body = await _post(api, town.admin, DISABLE, input={"account": me})
    assert body["data"]["staffDisable"]["errors"][0]["code"] == "LAST_ADMIN"
    assert "errors" not in await _post(api, town.admin, LIST)  # still an admin, still in

    # With a second admin, the first may step down.
    staff = gid("Account", town.staff_id)
    await _post(api, town.admin, ROLE, input={"account": staff, "role": "ADMIN"})
    body = await _post(api, town.admin, ROLE, input={"account": me, "role": "STAFF"})
    assert body["data"]["staffRoleChange"]["errors"] == []


async def test_parent_and_foreign_accounts_cannot_be_targeted(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    parent = gid("Account", town.parent_id)
    foreign = gid("Account", town.foreign_account)
    for query, name, extra in (
        (ROLE, "staffRoleChange", {"role": "STAFF"}),
        (DISABLE, "staffDisable", {}),
        (ENABLE, "staffEnable", {}),
        (LIMITS, "staffEstablishmentsSet", {"establishments": []}),
    ):
        body = await _post(api, town.admin, query, input={"account": parent, **extra})
        assert body["data"][name]["errors"][0]["code"] == "NOT_STAFF_ACCOUNT", name
        body = await _post(api, town.admin, query, input={"account": foreign, **extra})
        assert body["data"][name]["errors"][0]["code"] == "NOT_FOUND", name
    assert await session.scalar(select(func.count(AuditEntry.id))) == 0


async def test_establishments_set_and_lifted(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    account = gid("Account", town.staff_id)
    schools = [gid("Establishment", pk) for pk in town.schools]
    body = await _post(
        api, town.admin, LIMITS, input={"account": account, "establishments": schools}
    )
    result = body["data"]["staffEstablishmentsSet"]
    assert result["errors"] == []
    assert {e["name"] for e in result["staffAccount"]["establishments"]} == set(town.school_names)
    assert await session.scalar(select(func.count()).select_from(StaffEstablishment)) == 2

    body = await _post(api, town.admin, LIMITS, input={"account": account, "establishments": []})
    assert body["data"]["staffEstablishmentsSet"]["staffAccount"]["establishments"] == []
    assert await session.scalar(select(func.count()).select_from(StaffEstablishment)) == 0


@pytest.mark.parametrize("who", ["staff", "parent"])
async def test_only_administrators_manage_staff(
    api: GraphQLClient, town: Town, session: AsyncSession, who: str
) -> None:
    token = town.staff if who == "staff" else town.parent
    account = gid("Account", town.staff_id)
    for query, variables in (
        (INVITE, {"input": _invite()}),
        (ROLE, {"input": {"account": account, "role": "ADMIN"}}),
        (DISABLE, {"input": {"account": account}}),
        (ENABLE, {"input": {"account": account}}),
        (LIMITS, {"input": {"account": account, "establishments": []}}),
    ):
        body = await _post(api, token, query, **variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await session.scalar(select(func.count(AuditEntry.id))) == 0


async def test_another_towns_admin_is_refused_on_this_endpoint(
    api: GraphQLClient, town: Town
) -> None:
    body = await _post(api, town.foreign_admin, INVITE, input=_invite())
    assert body.get("data") is None and body["errors"]
