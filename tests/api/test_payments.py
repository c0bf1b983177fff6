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

import kernel.clock
from domain.payments.provider import (
    DEFAULT_SANDBOX_SECRET,
    SIGNATURE_HEADER,
    Notification,
    SandboxProvider,
)
from models import Invoice, OutboxMail, Payment, PaymentIntent, Tenant
from models.billing import PaymentIntentStatus
from tests import factories
from tests.factories.family import (
    make_parent_account_with_token,
    make_staff_account_with_token,
)
from tests.factories.payments import (
    CREDITOR,
    PayingFamily,
    make_bank_account,
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


DEBIT_PREPARE = """mutation($date: Date!) {
  directDebitPrepare(input: {collectionDate: $date}) {
    created batch { id status statusLabel transactionCount totalCents fileUrl
                    invoices { number } }
    skipped { invoice { number } reason }
    errors { field message code }
  }
}"""
DEBIT_EXECUTE = """mutation($date: Date!) {
  directDebitExecute(input: {collectionDate: $date}) {
    batch { status } payments { method amountCents paidOn } errors { code }
  }
}"""
TREASURY = """mutation($asOf: Date) {
  treasuryTransmit(input: {asOf: $asOf}) {
    transmittedOn exportUrl invoices { number status statusLabel } errors { code message }
  }
}"""
CERTIFICATES = """query($year: Int!, $child: ID) {
  childcareCertificates(year: $year, child: $child) {
    year amountCents pdfUrl child { firstName } invoices { number countedCents }
  }
}"""


async def test_direct_debit_through_the_api(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http = app_http[0]
    paying, _, parent, staff = await arrange(session, tenant, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    await session.commit()
    due = (TODAY + dt.timedelta(days=10)).isoformat()
    body = await api.post(DEBIT_PREPARE, {"date": due}, headers=auth(parent))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.post(DEBIT_PREPARE, {"date": due}, headers=auth(staff))
    result = body["data"]["directDebitPrepare"]
    assert result["errors"] == [] and result["created"] is True
    batch = result["batch"]
    assert (batch["transactionCount"], batch["totalCents"]) == (1, 6860)
    assert batch["statusLabel"] == "Fichier préparé"
    mails = (await session.scalars(select(OutboxMail))).all()
    assert len(mails) == 1 and mails[0].to_address == paying.payer.email

    xml = await http.get(batch["fileUrl"], headers=auth(staff))
    assert xml.status_code == 200 and b"pain.008.001.02" in xml.content
    assert (await http.get(batch["fileUrl"], headers=auth(parent))).status_code == 404
    assert (await http.get(batch["fileUrl"])).status_code == 401

    # Before the collection date the bank has debited nothing: refused, nothing recorded.
    body = await api.post(DEBIT_EXECUTE, {"date": due}, headers=auth(staff))
    early = body["data"]["directDebitExecute"]
    assert early == {"batch": None, "payments": [], "errors": [{"code": "NOT_YET_COLLECTED"}]}
    body = await api.post(INVOICES, headers=auth(parent))
    assert body["data"]["invoices"]["edges"][0]["node"]["status"] == "ISSUED"

    # On the collection date (the tenant's clock moved there), the debit is recorded.
    real_utcnow = kernel.clock.utcnow
    monkeypatch.setattr(kernel.clock, "utcnow", lambda: real_utcnow() + dt.timedelta(days=10))
    body = await api.post(DEBIT_EXECUTE, {"date": due}, headers=auth(staff))
    executed = body["data"]["directDebitExecute"]
    assert executed["batch"]["status"] == "EXECUTED"
    assert executed["payments"] == [{"method": "DIRECT_DEBIT", "amountCents": 6860, "paidOn": due}]
    body = await api.post(DEBIT_EXECUTE, {"date": due}, headers=auth(staff))
    assert body["data"]["directDebitExecute"]["payments"] == []
    body = await api.post(INVOICES, headers=auth(parent))
    assert body["data"]["invoices"]["edges"][0]["node"]["status"] == "PAID"


async def test_treasury_through_the_api(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    _, invoice_id, parent, staff = await arrange(session, tenant, due_in_days=-3)
    body = await api.post(TREASURY, {"asOf": None}, headers=auth(staff))
    result = body["data"]["treasuryTransmit"]
    assert result["errors"] == []
    assert result["transmittedOn"] == TODAY.isoformat()
    assert [i["status"] for i in result["invoices"]] == ["TRANSMITTED_TO_TREASURY"]
    body = await api.post(TREASURY, {"asOf": None}, headers=auth(staff))
    assert body["data"]["treasuryTransmit"]["invoices"] == []
    csv_response = await http.get(result["exportUrl"], headers=auth(staff))
    assert csv_response.status_code == 200
    text = csv_response.content.decode("utf-8-sig")
    assert text.startswith("Numéro de facture;") and "68,60" in text
    assert (await http.get(result["exportUrl"], headers=auth(parent))).status_code == 404
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    assert body["data"]["invoicePaymentStart"]["errors"][0]["code"] == "INVOICE_TRANSMITTED"


async def test_childcare_certificates(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    paying, invoice_id, parent, staff = await arrange(session, tenant)
    invoice = await session.get_one(Invoice, invoice_id)
    await make_payment(session, invoice, invoice.total_cents, paid_on=TODAY)
    other = await make_paying_family(session, tenant)
    _, stranger = await make_parent_account_with_token(session, tenant, guardian=other.payer)
    await session.commit()
    year = TODAY.year
    body = await api.post(CERTIFICATES, {"year": year}, headers=auth(parent))
    [certificate] = body["data"]["childcareCertificates"]
    assert certificate["amountCents"] == 3500  # childcare only: 10 × 3,50 €
    assert certificate["child"]["firstName"] == paying.child.first_name
    pdf = await http.get(certificate["pdfUrl"], headers=auth(parent))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert (await http.get(certificate["pdfUrl"], headers=auth(stranger))).status_code == 404
    assert (await http.get(certificate["pdfUrl"], headers=auth(staff))).status_code == 200
    body = await api.post(
        CERTIFICATES, {"year": year, "child": gid("Child", paying.child.id)}, headers=auth(stranger)
    )
    assert body["data"]["childcareCertificates"] == []
    body = await api.post(
        CERTIFICATES, {"year": year, "child": gid("Child", paying.child.id)}, headers=auth(staff)
    )
    assert body["data"]["childcareCertificates"][0]["amountCents"] == 3500
