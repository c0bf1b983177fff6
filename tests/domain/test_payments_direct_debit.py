"""SEPA direct debit at the domain level: the pain.008 file, the pre-notification mails,
the execution, and what is refused.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from sepaxml.validation import try_valid_xml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.direct_debit import execute_direct_debit, prepare_direct_debit
from domain.payments.ledger import invoice_amounts
from kernel.results import DomainFailure
from models import OutboxMessage
from models.billing import DirectDebitBatchStatus, InvoiceStatus, PaymentMethod
from tests.domain._payments_helpers import TODAY, codes
from tests.factories.payments import (
    make_bank_account,
    make_billed_invoice,
    make_paying_family,
    make_payment,
)

# --- direct debit --------------------------------------------------------------------


async def test_direct_debit_file_mails_and_execution(session: AsyncSession) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    due = dt.date(2026, 3, 5)
    invoice = await make_billed_invoice(session, paying, due_on=due)
    await make_payment(session, invoice, 860)
    card_family = await make_paying_family(session, paying.tenant)  # not on direct debit
    await make_billed_invoice(session, card_family, due_on=due)
    no_account = await make_paying_family(session, paying.tenant, direct_debit=True)
    orphan = await make_billed_invoice(session, no_account, due_on=due)

    prepared = await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    batch = prepared.batch
    assert prepared.created
    assert (batch.transaction_count, batch.total_cents) == (1, 6000)
    assert [(i.id, reason) for i, reason in prepared.skipped] == [
        (orphan.id, "Aucun compte bancaire principal.")
    ]
    try_valid_xml(batch.xml.encode(), "pain.008.001.02")
    root = ET.fromstring(batch.xml)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
    assert root.findtext(".//p:MndtId", namespaces=ns) == f"MDT-{paying.family.subscriber_code}"
    assert root.findtext(".//p:CdtrSchmeId//p:Othr/p:Id", namespaces=ns) == "FR12ZZZ123456"
    assert root.findtext(".//p:ReqdColltnDt", namespaces=ns) == "2026-03-05"
    assert root.findtext(".//p:InstdAmt", namespaces=ns) == "60.00"
    mails = (await session.scalars(select(OutboxMessage))).all()
    assert [m.to_address for m in mails] == [paying.payer.email]
    assert "Prélèvement de la facture" in mails[0].subject
    assert "60,00\u00a0€" in mails[0].text_body and "05/03/2026" in mails[0].text_body

    replay = await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    assert replay.batch.id == batch.id and not replay.created
    assert len((await session.scalars(select(OutboxMessage))).all()) == 1

    executed = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert executed.batch.status is DirectDebitBatchStatus.EXECUTED
    assert [p.method for p in executed.payments] == [PaymentMethod.DIRECT_DEBIT]
    assert executed.payments[0].paid_on == due
    assert invoice.status is InvoiceStatus.PAID
    again = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert again.payments == []
    assert (await invoice_amounts(session, invoice)).paid_cents == invoice.total_cents


async def test_direct_debit_refusals(session: AsyncSession) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session, tenant_id=paying.tenant.id, collection_date=TODAY, today=TODAY
        )
    assert codes(failure) == ["NOTHING_TO_DEBIT"]
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session,
            tenant_id=paying.tenant.id,
            collection_date=TODAY - dt.timedelta(days=1),
            today=TODAY,
        )
    assert codes(failure) == ["PAST_DATE"]
    paying.tenant.settings = {}
    await session.flush()
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session, tenant_id=paying.tenant.id, collection_date=TODAY, today=TODAY
        )
    assert codes(failure) == ["CREDITOR_NOT_CONFIGURED"]
    with pytest.raises(DomainFailure) as failure:
        await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=TODAY)
    assert codes(failure) == ["NOT_FOUND"]


async def test_direct_debit_execution_skips_invoices_settled_meanwhile(
    session: AsyncSession,
) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    due = dt.date(2026, 3, 5)
    first = await make_billed_invoice(session, paying, due_on=due)
    second = await make_billed_invoice(session, paying, due_on=due)
    third = await make_billed_invoice(session, paying, due_on=due)
    await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    second.status = InvoiceStatus.CANCELLED  # cancelled after the file was sent
    await session.flush()
    executed = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert [p.invoice_id for p in executed.payments] == [first.id, third.id]
    assert [i for i, _ in executed.skipped] == [second.id]
    numbers = [int(p.operation_number) for p in executed.payments]
    assert numbers[1] == numbers[0] + 1  # no gap for the skipped one
    assert first.status is InvoiceStatus.PAID and third.status is InvoiceStatus.PAID
