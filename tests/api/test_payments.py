"""Payments through the API: staff-recorded payments, online card payment in the sandbox
(page, signed callback, return page), direct debit, treasury, childcare certificates, and
who may see or do what."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import GlobalID

from domain.payments.provider import (
    DEFAULT_SANDBOX_SECRET,
    SIGNATURE_HEADER,
    Notification,
    SandboxProvider,
)
from models import Payment, PaymentIntent, Tenant
from models.billing import PaymentIntentStatus
from tests import factories
from tests.factories.family import (
    make_parent_account_with_token,
    make_staff_account_with_token,
)
from tests.factories.payments import (
    CREDITOR,
    PayingFamily,
    make_billed_invoice,
    make_paying_family,
    make_payment,
)
from tests.support.graphql_client import GraphQLClient, StatementCounter

TODAY = dt.datetime.now(ZoneInfo("Europe/Paris")).date()

RECORD = """mutation($input: PaymentRecordInput!) {
  paymentRecord(input: $input) {
    payment { id operationNumber paidOn method methodLabel amountCents description
              invoice { number } }
    invoice { status statusLabel paidCents remainingCents }
    errors { field message code }
  }
}"""
START = """mutation($id: ID!) {
  invoicePaymentStart(input: {invoiceId: $id}) {
    paymentUrl intent { reference amountCents status statusLabel }
    errors { field message code }
  }
}"""
INVOICES = """{ invoices(first: 20) { totalCount edges { node {
  number status remainingCents
  payments { operationNumber paidOn method methodLabel amountCents description } } } } }"""
PAYMENTS = """{ payments(first: 20) { totalCount edges { node {
  operationNumber amountCents method invoice { number } } } } }"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def arrange(
    session: AsyncSession, tenant: Tenant, *, due_in_days: int = 10, direct_debit: bool = False
) -> tuple[PayingFamily, int, str, str]:
    """A family with an invoice of 68,60 € due in ``due_in_days``, a parent and a staff token."""
    tenant.settings = {"sepaCreditor": CREDITOR}
    paying = await make_paying_family(session, tenant, direct_debit=direct_debit)
    invoice = await make_billed_invoice(
        session,
        paying,
        issued_on=TODAY - dt.timedelta(days=20),
        due_on=TODAY + dt.timedelta(days=due_in_days),
    )
    _, parent = await make_parent_account_with_token(session, tenant, guardian=paying.payer)
    _, staff = await make_staff_account_with_token(session, tenant)
    await session.commit()
    return paying, invoice.id, parent, staff


async def test_staff_records_payments_and_the_family_sees_them(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    paying, invoice_id, parent, staff = await arrange(session, tenant)
    variables = {
        "input": {
            "invoiceId": gid("Invoice", invoice_id),
            "method": "CHEQUE",
            "amountCents": 2000,
            "paidOn": TODAY.isoformat(),
            "reference": "4872153",
        }
    }
    body = await api.post(RECORD, variables, headers=auth(staff))
    result = body["data"]["paymentRecord"]
    assert result["errors"] == []
    assert result["payment"]["description"] == "Chèque n° 4872153"
    assert result["payment"]["methodLabel"] == "Chèque"
    assert result["invoice"] == {
        "status": "PARTIALLY_PAID",
        "statusLabel": result["invoice"]["statusLabel"],
        "paidCents": 2000,
        "remainingCents": 4860,
    }

    too_much = {"input": {**variables["input"], "amountCents": 4861}}
    body = await api.post(RECORD, too_much, headers=auth(staff))
    [error] = body["data"]["paymentRecord"]["errors"]
    assert error["code"] == "AMOUNT_EXCEEDS_REMAINING"
    assert error["field"] == ["amountCents"] or error["field"] == ["amount"]
    assert "solde" in error["message"]

    body = await api.post(INVOICES, headers=auth(parent))
    [edge] = body["data"]["invoices"]["edges"]
    assert edge["node"]["payments"][0]["description"] == "Chèque n° 4872153"
    body = await api.post(PAYMENTS, headers=auth(parent))
    assert body["data"]["payments"]["totalCount"] == 1

    # A page of invoices with their payments: a constant number of statements.
    for _ in range(5):
        other = await make_billed_invoice(session, paying, issued_on=TODAY)
        await make_payment(session, other, 100)
        await make_payment(session, other, 200)
    await session.commit()
    with statements.counting() as counted:
        body = await api.post(INVOICES, headers=auth(parent))
    assert body["data"]["invoices"]["totalCount"] == 6
    assert len(counted) <= 8, counted


async def test_parents_and_other_tenants_cannot_record_payments(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    _, invoice_id, parent, _ = await arrange(session, tenant)
    elsewhere = await factories.make_tenant(session)
    _, foreign_staff = await make_staff_account_with_token(session, elsewhere)
    await session.commit()
    variables = {
        "input": {
            "invoiceId": gid("Invoice", invoice_id),
            "method": "CASH",
            "amountCents": 100,
            "paidOn": TODAY.isoformat(),
        }
    }
    body = await api.post(RECORD, variables, headers=auth(parent))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.post(RECORD, variables, tenant=elsewhere.slug, headers=auth(foreign_staff))
    assert body["data"]["paymentRecord"]["errors"][0]["code"] == "NOT_FOUND"
    body = await api.post(RECORD, variables, headers=auth(foreign_staff))  # token of another tenant
    assert body["errors"] and not body.get("data")  # refused before any resolver runs
    assert await session.scalar(select(func.count()).select_from(Payment)) == 0


async def test_online_payment_in_the_sandbox(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    _, invoice_id, parent, _ = await arrange(session, tenant)
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    started = body["data"]["invoicePaymentStart"]
    assert started["errors"] == []
    assert started["intent"]["amountCents"] == 6860
    reference = started["intent"]["reference"]
    path = f"/{tenant.slug}/payment-sandbox/{reference}"
    assert started["paymentUrl"].endswith(path)

    page = await http.get(path)
    assert page.status_code == 200 and "68,60" in page.text and "Payer" in page.text
    paid = await http.post(path, data={"outcome": "pay"})
    assert paid.status_code == 303
    assert paid.headers["location"] == f"/{tenant.slug}/payments/return/{reference}"
    back = await http.get(paid.headers["location"])
    assert "votre paiement a été accepté" in back.text

    body = await api.post(INVOICES, headers=auth(parent))
    node = body["data"]["invoices"]["edges"][0]["node"]
    assert node["status"] == "PAID" and node["remainingCents"] == 0
    [payment] = node["payments"]
    assert payment["method"] == "CARD" and payment["methodLabel"] == "Carte bancaire"
    assert payment["description"].startswith("Règlement en ligne - Transaction n° ")

    # The provider retries the same notification: still one payment.
    transaction = payment["description"].rsplit(" ", 1)[-1]
    provider = SandboxProvider(DEFAULT_SANDBOX_SECRET, "http://testserver")
    notification = Notification(reference, PaymentIntentStatus.SUCCEEDED, 6860, transaction)
    raw = provider.notification_body(notification)
    callback = f"/{tenant.slug}/payments/notify/sandbox"
    again = await http.post(callback, content=raw, headers={SIGNATURE_HEADER: provider.sign(raw)})
    assert again.status_code == 200 and again.json()["replayed"] is True
    forged = await http.post(callback, content=raw, headers={SIGNATURE_HEADER: "0" * 64})
    assert forged.status_code == 400
    assert await session.scalar(select(func.count()).select_from(Payment)) == 1

    # Paid: a new start is refused.
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    assert body["data"]["invoicePaymentStart"]["errors"][0]["code"] == "ALREADY_PAID"


async def test_refused_sandbox_payment_records_nothing(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    _, invoice_id, parent, _ = await arrange(session, tenant)
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    reference = body["data"]["invoicePaymentStart"]["intent"]["reference"]
    refused = await http.post(
        f"/{tenant.slug}/payment-sandbox/{reference}", data={"outcome": "refuse"}
    )
    back = await http.get(refused.headers["location"])
    assert "refusé" in back.text
    intent = await session.scalar(select(PaymentIntent))
    assert intent is not None and intent.status is PaymentIntentStatus.FAILED
    assert await session.scalar(select(func.count()).select_from(Payment)) == 0
    assert (await http.get(f"/{tenant.slug}/payment-sandbox/unknown")).status_code == 404


@pytest.mark.parametrize(
    ("due_in_days", "direct_debit", "code"),
    [(-1, False, "DUE_DATE_PASSED"), (10, True, "DIRECT_DEBIT_FAMILY")],
)
async def test_online_payment_refusals(
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
    due_in_days: int,
    direct_debit: bool,
    code: str,
) -> None:
    _, invoice_id, parent, _ = await arrange(
        session, tenant, due_in_days=due_in_days, direct_debit=direct_debit
    )
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    result = body["data"]["invoicePaymentStart"]
    assert result["paymentUrl"] is None
    assert [e["code"] for e in result["errors"]] == [code]


async def test_a_parent_cannot_pay_or_see_another_familys_invoice(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    _, invoice_id, _, staff = await arrange(session, tenant)
    other = await make_paying_family(session, tenant)
    _, stranger = await make_parent_account_with_token(session, tenant, guardian=other.payer)
    await session.commit()
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(stranger))
    assert body["data"]["invoicePaymentStart"]["errors"][0]["code"] == "NOT_FOUND"
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(staff))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.post(INVOICES, headers=auth(stranger))
    assert body["data"]["invoices"]["totalCount"] == 0
    body = await api.post(PAYMENTS, headers=auth(stranger))
    assert body["data"]["payments"]["totalCount"] == 0
    await make_payment(session, await make_billed_invoice(session, other), 100)
    await session.commit()
    body = await api.post(PAYMENTS, headers=auth(stranger))
    assert body["data"]["payments"]["totalCount"] == 1
