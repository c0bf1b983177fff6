"""A town without online payment (collectivitySettings.paymentProvider NONE): the parent's
invoicePaymentStart is refused with ONLINE_PAYMENT_UNAVAILABLE and creates nothing, and
Invoice.canPayOnline tells the client not to offer « Payer en ligne »; back to SANDBOX, the
payment starts again."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import GlobalID

from models import PaymentIntent, Tenant
from models.account import Role
from tests import factories
from tests.factories.family import make_parent_account_with_token
from tests.factories.payments import CREDITOR, make_billed_invoice, make_paying_family
from tests.support.graphql_client import GraphQLClient, StatementCounter

TODAY = dt.datetime.now(ZoneInfo("Europe/Paris")).date()

START = """mutation($id: ID!) {
  invoicePaymentStart(input: {invoiceId: $id}) {
    paymentUrl intent { reference amountCents }
    errors { field message code }
  }
}"""
INVOICES = """{ invoices(first: 20) { totalCount edges { node {
  number status remainingCents canPayOnline } } } }"""
SETTINGS = """mutation($provider: PaymentProviderChoice!) {
  collectivitySettingsUpdate(input: {paymentProvider: $provider}) {
    settings { paymentProvider } errors { code } } }"""


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def _set_provider(api: GraphQLClient, admin: str, provider: str) -> None:
    body = await api.post(SETTINGS, {"provider": provider}, headers=_auth(admin))
    result = body["data"]["collectivitySettingsUpdate"]
    assert result["errors"] == [] and result["settings"]["paymentProvider"] == provider


async def _can_pay(api: GraphQLClient, parent: str) -> dict[str, Any]:
    body = await api.post(INVOICES, headers=_auth(parent))
    return {
        e["node"]["number"]: e["node"]["canPayOnline"] for e in body["data"]["invoices"]["edges"]
    }


async def test_a_town_without_online_payment_refuses_it_and_says_so_on_each_invoice(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    tenant.settings = {"sepaCreditor": CREDITOR}
    paying = await make_paying_family(session, tenant)
    owed = await make_billed_invoice(
        session, paying, issued_on=TODAY - dt.timedelta(days=20), due_on=TODAY + dt.timedelta(10)
    )
    late = await make_billed_invoice(
        session, paying, issued_on=TODAY - dt.timedelta(days=40), due_on=TODAY - dt.timedelta(1)
    )
    _, parent = await make_parent_account_with_token(session, tenant, guardian=paying.payer)
    _, admin = await factories.make_account_with_token(session, tenant, role=Role.ADMIN)
    await session.commit()
    owed_id = str(GlobalID("Invoice", str(owed.id)))

    # Absent setting: the sandbox, online payment offered on the invoice still in time.
    assert await _can_pay(api, parent) == {owed.number: True, late.number: False}

    await _set_provider(api, admin, "NONE")
    assert await _can_pay(api, parent) == {owed.number: False, late.number: False}
    body = await api.post(START, {"id": owed_id}, headers=_auth(parent))
    result = body["data"]["invoicePaymentStart"]
    assert result["paymentUrl"] is None and result["intent"] is None
    [error] = result["errors"]
    assert error["code"] == "ONLINE_PAYMENT_UNAVAILABLE"
    assert error["field"] == ["invoiceId"]
    assert "paiement en ligne n'est pas proposé" in error["message"]
    assert await session.scalar(select(func.count()).select_from(PaymentIntent)) == 0

    await _set_provider(api, admin, "SANDBOX")
    assert await _can_pay(api, parent) == {owed.number: True, late.number: False}
    body = await api.post(START, {"id": owed_id}, headers=_auth(parent))
    started = body["data"]["invoicePaymentStart"]
    assert started["errors"] == [] and started["paymentUrl"]


async def test_can_pay_online_follows_the_family_and_costs_constant_statements(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    tenant.settings = {"sepaCreditor": CREDITOR}
    debited = await make_paying_family(session, tenant, direct_debit=True)
    _, parent = await make_parent_account_with_token(session, tenant, guardian=debited.payer)
    for _ in range(4):
        await make_billed_invoice(
            session, debited, issued_on=TODAY, due_on=TODAY + dt.timedelta(days=10)
        )
    await session.commit()
    with statements.counting() as counted:
        paid_by_the_bank = await _can_pay(api, parent)
    # The bank debits this family: online payment is never offered.
    assert len(paid_by_the_bank) == 4 and set(paid_by_the_bank.values()) == {False}
    assert len(counted) <= 8, counted
