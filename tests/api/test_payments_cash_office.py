"""The cash office over the API: direct-debit files, transmission to the treasury, yearly
childcare certificates (split from test_payments.py)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import kernel.clock
from models import Invoice, OutboxMessage, Tenant
from tests.api.test_payments import INVOICES, START, TODAY, arrange, auth, gid
from tests.factories.family import (
    make_parent_account_with_token,
)
from tests.factories.payments import (
    make_bank_account,
    make_paying_family,
    make_payment,
)
from tests.support.graphql_client import GraphQLClient

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
    mails = (await session.scalars(select(OutboxMessage))).all()
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
