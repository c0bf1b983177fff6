"""collectivitySettings / collectivitySettingsUpdate through the API: staff read,
administrators change, partially, every invalid field reported, audited, per tenant."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import AuditEntry, Tenant
from models.account import Role
from tests import factories
from tests.factories.reporting import make_report_town
from tests.factories.towns import make_staff_town
from tests.support.graphql_client import GraphQLClient

READ = """{ collectivitySettings { serviceName mailFrom postalAddress contactEmail contactPhone
  portalUrl sepaCreditor { name creditorId iban bic } paymentProvider paymentProviderLabel
  reportMinGroupSize invoiceDueDays invoiceIssuer } }"""
UPDATE = """mutation($input: CollectivitySettingsUpdateInput!) {
  collectivitySettingsUpdate(input: $input) {
    settings { serviceName contactPhone sepaCreditor { creditorId iban bic } paymentProvider
      invoiceDueDays }
    errors { code field message } } }"""


async def _post(
    api: GraphQLClient, token: str | None, query: str, tenant: str | None = None, **variables: Any
) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    kw = {"tenant": tenant} if tenant else {}
    return await api.post(query, variables, headers=headers, **kw)


@pytest.fixture
async def tokens(session: AsyncSession, tenant: Tenant) -> dict[str, Any]:
    _, admin = await factories.make_account_with_token(session, tenant, role=Role.ADMIN)
    _, staff = await factories.make_staff_account_with_token(session, tenant)
    _, parent = await factories.make_parent_account_with_token(session, tenant)
    _, reporting = await factories.make_account_with_token(session, tenant, role=Role.REPORTING)
    other = await factories.make_tenant(session, service_name="Service de la ville B")
    _, other_admin = await factories.make_account_with_token(session, other, role=Role.ADMIN)
    await session.commit()
    return {
        "admin": admin,
        "staff": staff,
        "parent": parent,
        "reporting": reporting,
        "other_admin": other_admin,
        "other_slug": other.slug,
        "other_id": other.id,
    }


async def test_an_admin_changes_some_settings_and_the_rest_stays(
    api: GraphQLClient, tenant: Tenant, tokens: dict[str, Any], session: AsyncSession
) -> None:
    body = await _post(
        api,
        tokens["admin"],
        UPDATE,
        input={
            "contactPhone": "04 76 08 04 54",
            "sepaCreditor": {
                "name": "Régie enfance",
                "creditorId": "FR72ZZZ123456",
                "iban": "FR76 3000 6000 0112 3456 7890 189",
                "bic": "AGRIFRPP",
            },
            "paymentProvider": "NONE",
            "invoiceDueDays": 15,
        },
    )
    result = body["data"]["collectivitySettingsUpdate"]
    assert result["errors"] == []
    assert result["settings"] == {
        "serviceName": "Le service enfance",
        "contactPhone": "+33476080454",
        "sepaCreditor": {
            "creditorId": "FR72ZZZ123456",
            "iban": "FR7630006000011234567890189",
            "bic": "AGRIFRPP",
        },
        "paymentProvider": "NONE",
        "invoiceDueDays": 15,
    }
    # Staff read them; the audit entry names the admin and only what changed.
    read = (await _post(api, tokens["staff"], READ))["data"]["collectivitySettings"]
    assert read["paymentProviderLabel"] == "Pas de paiement en ligne"
    assert read["mailFrom"] == tenant.mail_from
    [entry] = (
        await session.scalars(select(AuditEntry).where(AuditEntry.tenant_id == tenant.id))
    ).all()
    assert entry.action == "collectivity.settings_changed"
    assert entry.actor_account_id is not None
    assert entry.before is not None and entry.after is not None
    assert set(entry.after) == {
        "contact_phone",
        "sepa_creditor",
        "payment_provider",
        "invoice_due_days",
    }
    assert entry.before["invoice_due_days"] == 30 and entry.after["invoice_due_days"] == 15


async def test_invalid_fields_are_payload_errors_and_nothing_changes(
    api: GraphQLClient, tenant: Tenant, tokens: dict[str, Any], session: AsyncSession
) -> None:
    before = (await _post(api, tokens["admin"], READ))["data"]
    body = await _post(
        api,
        tokens["admin"],
        UPDATE,
        input={
            "serviceName": "Nouveau service",  # valid, yet not written either
            "contactEmail": "pas une adresse",
            "sepaCreditor": {
                "name": "Régie",
                "creditorId": "FR12ZZZ123456",
                "iban": "FR76 3000 6000 0112 3456 7890 180",
                "bic": "AGRIFRPP",
            },
            "reportMinGroupSize": 0,
        },
    )
    result = body["data"]["collectivitySettingsUpdate"]
    assert result["settings"] is None
    assert {(e["code"], tuple(e["field"])) for e in result["errors"]} == {
        ("INVALID_EMAIL", ("contactEmail",)),
        ("INVALID_CREDITOR_ID", ("sepaCreditor", "creditorId")),
        ("INVALID_IBAN", ("sepaCreditor", "iban")),
        ("OUT_OF_RANGE", ("reportMinGroupSize",)),
    }
    assert all(e["message"] for e in result["errors"])
    assert (await _post(api, tokens["admin"], READ))["data"] == before
    assert (
        await session.scalar(select(AuditEntry.id).where(AuditEntry.tenant_id == tenant.id))
    ) is None


@pytest.mark.parametrize("who", ["staff", "parent", "reporting"])
async def test_only_administrators_change_settings(
    api: GraphQLClient, tokens: dict[str, Any], who: str
) -> None:
    body = await _post(api, tokens[who], UPDATE, input={"serviceName": "Piraté"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await _post(api, None, UPDATE, input={"serviceName": "Piraté"})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("who", ["parent", "reporting"])
async def test_parents_and_reporting_do_not_read_settings(
    api: GraphQLClient, tokens: dict[str, Any], who: str
) -> None:
    body = await _post(api, tokens[who], READ)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_two_towns_stay_isolated(
    api: GraphQLClient, tenant: Tenant, tokens: dict[str, Any], session: AsyncSession
) -> None:
    # Town B's admin on town A's endpoint: their token is refused there.
    body = await _post(api, tokens["other_admin"], READ)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await _post(api, tokens["other_admin"], UPDATE, input={"serviceName": "Piraté"})
    assert "errors" in body and body.get("data") is None
    # Town A's admin on town B's endpoint: refused too.
    body = await _post(api, tokens["admin"], READ, tenant=tokens["other_slug"])
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await _post(
        api, tokens["admin"], UPDATE, tenant=tokens["other_slug"], input={"serviceName": "Piraté"}
    )
    assert "errors" in body and body.get("data") is None
    # Each admin reads and changes their own town only.
    body = await _post(api, tokens["admin"], UPDATE, input={"serviceName": "Service de la ville A"})
    assert body["data"]["collectivitySettingsUpdate"]["errors"] == []
    other = await _post(api, tokens["other_admin"], READ, tenant=tokens["other_slug"])
    assert other["data"]["collectivitySettings"]["serviceName"] == "Service de la ville B"
    rows = await session.execute(select(Tenant.id, Tenant.service_name))
    names = {row.id: row.service_name for row in rows}
    assert names[tenant.id] == "Service de la ville A"
    assert names[tokens["other_id"]] == "Service de la ville B"


async def test_the_new_service_name_is_what_the_collectivity_shows_at_once(
    api: GraphQLClient, tokens: dict[str, Any]
) -> None:
    before = (await _post(api, None, "{ collectivity { serviceName } }"))["data"]
    assert before["collectivity"]["serviceName"] == "Le service enfance"
    await _post(api, tokens["admin"], UPDATE, input={"serviceName": "Le service scolaire"})
    after = (await _post(api, None, "{ collectivity { serviceName } }"))["data"]
    assert after["collectivity"]["serviceName"] == "Le service scolaire"


LISTS = """mutation($input: CollectivitySettingsUpdateInput!) {
  collectivitySettingsUpdate(input: $input) {
    settings { autoAcceptedChanges reportQfBrackets }
    errors { code field message } } }"""
AUTHORIZATIONS = """mutation($input: ChildAuthorizationsChangeRequestCreateInput!) {
  childAuthorizationsChangeRequestCreate(input: $input) {
    request { status } errors { code } } }"""
QF_REPORT = """{ reports { children(groupBy: [QF_BRACKET]) {
  groups { keys { qfBracket { minimum maximum label } } count } suppressedGroups } } }"""


def _gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def test_a_change_type_set_auto_accepted_is_applied_when_a_parent_asks(
    api: GraphQLClient, tenant: Tenant, tokens: dict[str, Any], session: AsyncSession
) -> None:
    town = await make_staff_town(session, tenant)
    await session.commit()

    def ask(child: int) -> dict[str, Any]:
        return {"child": _gid("Child", town.children[child].id), "changes": {"leaveAlone": True}}

    before = await _post(api, town.parent, AUTHORIZATIONS, input=ask(0))
    assert before["data"]["childAuthorizationsChangeRequestCreate"]["request"] == {
        "status": "PENDING"
    }

    body = await _post(
        api, tokens["admin"], LISTS, input={"autoAcceptedChanges": ["CHILD_AUTHORIZATIONS_CHANGE"]}
    )
    result = body["data"]["collectivitySettingsUpdate"]
    assert result["errors"] == []
    assert result["settings"]["autoAcceptedChanges"] == ["CHILD_AUTHORIZATIONS_CHANGE"]
    read = await _post(api, tokens["staff"], "{ collectivitySettings { autoAcceptedChanges } }")
    assert read["data"]["collectivitySettings"]["autoAcceptedChanges"] == [
        "CHILD_AUTHORIZATIONS_CHANGE"
    ]

    after = await _post(api, town.parent, AUTHORIZATIONS, input=ask(1))
    assert after["data"]["childAuthorizationsChangeRequestCreate"]["request"] == {
        "status": "ACCEPTED"
    }
    entry = (
        await session.scalars(
            select(AuditEntry).where(
                AuditEntry.tenant_id == tenant.id,
                AuditEntry.action == "collectivity.settings_changed",
            )
        )
    ).one()
    assert entry.after == {"auto_accepted_changes": ["CHILD_AUTHORIZATIONS_CHANGE"]}


async def test_a_booking_type_is_refused_in_french_and_nothing_changes(
    api: GraphQLClient, tenant: Tenant, tokens: dict[str, Any], session: AsyncSession
) -> None:
    body = await _post(
        api,
        tokens["admin"],
        LISTS,
        input={"autoAcceptedChanges": ["VACCINATION_CHANGE", "RESERVATION"]},
    )
    result = body["data"]["collectivitySettingsUpdate"]
    assert result["settings"] is None
    [error] = result["errors"]
    assert (error["code"], error["field"]) == ("NOT_A_CHANGE_TYPE", ["autoAcceptedChanges"])
    assert error["message"].startswith("Ces demandes ne peuvent pas être acceptées")
    assert "« Ajout de réservation »" in error["message"]
    for brackets in ([800, 400], [400, 400], [0, 400], list(range(100, 2200, 100))):
        body = await _post(api, tokens["admin"], LISTS, input={"reportQfBrackets": brackets})
        errors = body["data"]["collectivitySettingsUpdate"]["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [
            ("INVALID_BRACKETS", ["reportQfBrackets"])
        ]
    await session.refresh(tenant)
    assert "autoAcceptedChanges" not in (tenant.settings or {})
    assert "reportQfBrackets" not in (tenant.settings or {})


async def test_the_population_report_uses_the_new_brackets(
    session: AsyncSession, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    town = await make_report_town(session)
    _, admin = await factories.make_account_with_token(session, town.tenant, role=Role.ADMIN)
    await session.commit()
    api = GraphQLClient(app_http[0], town.tenant.slug)
    default = (await _post(api, admin, QF_REPORT))["data"]["reports"]["children"]
    assert default == {"groups": [], "suppressedGroups": 6}  # two children per bracket

    body = await _post(api, admin, LISTS, input={"reportQfBrackets": [1000]})
    assert body["data"]["collectivitySettingsUpdate"]["errors"] == []
    assert body["data"]["collectivitySettingsUpdate"]["settings"]["reportQfBrackets"] == [1000]
    report = (await _post(api, admin, QF_REPORT))["data"]["reports"]["children"]
    # Quotients 300, 500, 900 (six children) below 1000; 1300, 2000 and none: too few.
    assert report["groups"] == [
        {
            "keys": {"qfBracket": {"minimum": 0, "maximum": 1000, "label": "moins de 1000"}},
            "count": 6,
        }
    ]
    assert report["suppressedGroups"] == 2

    body = await _post(api, admin, LISTS, input={"reportQfBrackets": []})
    assert body["data"]["collectivitySettingsUpdate"]["settings"]["reportQfBrackets"] is None
    again = (await _post(api, admin, QF_REPORT))["data"]["reports"]["children"]
    assert again == default
