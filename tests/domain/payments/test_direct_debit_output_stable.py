"""The direct-debit file of a generated town is the same with the fast paths as without.

``prepare_direct_debit`` writes the pain.008 file through ``export_file`` (sepaxml's own
export, validated against the XSD loaded once) and queues the pre-notification mails in
one statement (``queue_prenotifications``) with the items numbered together on SQLite.
Here the same town (fixed seed) is prepared twice, each time rolled back: once as the
code runs, once through the plain paths — ``SepaDD.export(validate=True,
pretty_print=True)``, ``enqueue_mail`` per family, no numbering — and the file (but for
its message id and creation time), the items, the mails and the totals must be equal.
Executing the file (payments numbered together on SQLite) records the payments of the
row-by-row path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sepaxml import SepaDD
from sepaxml.validation import ValidationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import domain.payments.direct_debit as direct_debit
from domain.mail import enqueue_mail
from domain.payments import prenotifications, sepa_file
from domain.payments.direct_debit import execute_direct_debit, prepare_direct_debit
from domain.payments.ledger import amounts_by_invoice
from models import DirectDebitItem, Family, Invoice, OutboxMessage, Payment, Tenant
from models.billing import InvoiceStatus
from models.engine import create_session_factory
from seed.synthetic import generate_town

SLUG = "dd-stable"
CREDITOR = {
    "name": "Régie enfance",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP",
    "creditorId": "FR12ZZZ123456",
}


def _normalised(xml: str) -> str:
    """The file without what changes at every export: message ids and creation time."""
    return re.sub(r"<(MsgId|PmtInfId|CreDtTm)>[^<]*<", r"<\1>…<", xml)


async def _town(engine: AsyncEngine) -> tuple[int, dt.date]:
    """A generated town whose direct-debit families owe their invoices again."""
    await generate_town(engine, children=60, seed=5, slug=SLUG)
    async with create_session_factory(engine)() as session, session.begin():
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == SLUG))).one()
        tenant.settings = {**(tenant.settings or {}), "sepaCreditor": CREDITOR}
        debited = select(Family.id).where(
            Family.tenant_id == tenant.id, Family.direct_debit.is_(True)
        )
        await session.execute(
            update(Invoice)
            .where(Invoice.family_id.in_(debited), Invoice.status == InvoiceStatus.PAID)
            .values(status=InvoiceStatus.ISSUED)
        )
        await session.execute(delete(Payment).where(Payment.family_id.in_(debited)))
        latest = await session.scalar(
            select(func.max(Invoice.due_on)).where(Invoice.tenant_id == tenant.id)
        )
        assert latest is not None
        return tenant.id, latest


async def _prepare(session: AsyncSession, tenant_id: int, today: dt.date) -> dict[str, Any]:
    """Prepare the file of ``today`` + 10 days, read what it wrote, and roll it back."""
    try:
        prepared = await prepare_direct_debit(
            session, tenant_id=tenant_id, collection_date=today + dt.timedelta(days=10), today=today
        )
        batch = prepared.batch
        items = list(
            await session.scalars(
                select(DirectDebitItem)
                .where(DirectDebitItem.batch_id == batch.id)
                .order_by(DirectDebitItem.id)
            )
        )
        mails = list(
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.tenant_id == tenant_id)
                .order_by(OutboxMessage.id)
            )
        )
        invoices = list(
            await session.scalars(
                select(Invoice).where(Invoice.id.in_([i.invoice_id for i in items]))
            )
        )
        remaining = await amounts_by_invoice(session, invoices)
        return {
            "xml": _normalised(batch.xml),
            "count": batch.transaction_count,
            "total": batch.total_cents,
            "owed": sum(remaining[i.invoice_id].remaining_cents for i in items),
            "skipped": [(invoice.id, reason) for invoice, reason in prepared.skipped],
            # In id order; the ids themselves differ on PostgreSQL (sequences never roll back).
            "items": [
                (i.invoice_id, i.family_id, i.mandate_reference, i.amount_cents) for i in items
            ],
            "mails": [
                (m.template, m.to_address, m.subject, m.text_body, m.html_body, m.status)
                for m in mails
            ],
        }
    finally:
        await session.rollback()


async def test_the_file_and_mails_are_those_of_the_plain_paths(
    engine: AsyncEngine, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant_id, today = await _town(engine)

    fast = await _prepare(session, tenant_id, today)

    async def one_mail_at_a_time(
        session: AsyncSession, mails: list[tuple[Any, dict[str, Any]]], *, tenant_id: int
    ) -> None:
        for payer, context in mails:
            await enqueue_mail(
                session,
                tenant_id=tenant_id,
                to=payer.email,
                template=prenotifications.PRENOTIFICATION,
                context=context,
            )

    monkeypatch.setattr(
        direct_debit, "export_file", lambda sepa: sepa.export(validate=True, pretty_print=True)
    )
    monkeypatch.setattr(direct_debit, "queue_prenotifications", one_mail_at_a_time)
    monkeypatch.setattr(direct_debit, "number_new_rows", lambda *_a, **_k: None)
    plain = await _prepare(session, tenant_id, today)

    assert fast["count"] > 10 and fast["mails"]
    assert fast["total"] == fast["owed"]  # every debited invoice for what it still owes
    assert len(fast["items"]) == fast["count"] == fast["xml"].count("<DrctDbtTxInf>")
    for key in ("xml", "count", "total", "skipped", "items"):
        assert fast[key] == plain[key], key
    # The same mails, to the same families, in the same order.
    assert fast["mails"] == plain["mails"]


async def _execute(session: AsyncSession, tenant_id: int, collection: dt.date) -> dict[str, Any]:
    """Execute the file of ``collection``, read the payments and invoices, roll back."""
    try:
        executed = await execute_direct_debit(
            session, tenant_id=tenant_id, collection_date=collection, today=collection
        )
        payments = list(
            await session.scalars(
                select(Payment).where(Payment.tenant_id == tenant_id).order_by(Payment.id)
            )
        )
        invoices = list(
            await session.scalars(
                select(Invoice.status)
                .where(Invoice.id.in_([p.invoice_id for p in payments]))
                .order_by(Invoice.id)
            )
        )
        return {
            "skipped": executed.skipped,
            "recorded": [p.id for p in executed.payments],
            "ids": [p.id for p in payments],
            "payments": [
                (
                    p.invoice_id,
                    p.family_id,
                    p.method,
                    p.amount_cents,
                    p.paid_on,
                    p.operation_number,
                    p.description,
                    p.provider_reference,
                )
                for p in payments
            ],
            "statuses": invoices,
        }
    finally:
        await session.rollback()


async def test_the_execution_records_the_payments_of_the_plain_path(
    engine: AsyncEngine, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Executing a file numbers its payments together on SQLite (one INSERT for all):
    the payments, their operation numbers and the invoices' statuses are those of the
    row-by-row path (and, on SQLite, so are the ids)."""
    tenant_id, today = await _town(engine)
    collection = today + dt.timedelta(days=10)
    async with create_session_factory(engine)() as prepare, prepare.begin():
        await prepare_direct_debit(
            prepare, tenant_id=tenant_id, collection_date=collection, today=today
        )

    fast = await _execute(session, tenant_id, collection)
    monkeypatch.setattr(direct_debit, "number_new_rows", lambda *_a, **_k: None)
    plain = await _execute(session, tenant_id, collection)

    assert len(fast["payments"]) > 10 and not fast["skipped"]
    assert fast["recorded"] == fast["ids"][-len(fast["recorded"]) :]
    for key in ("skipped", "payments", "statuses"):
        assert fast[key] == plain[key], key
    if engine.dialect.name == "sqlite":
        assert fast["ids"] == plain["ids"]


def _invalid_file() -> SepaDD:
    sepa = SepaDD(
        {
            "name": "Régie",
            "IBAN": "FR7630006000011234567890189",
            "BIC": "AGRIFRPP",
            "batch": True,
            "creditor_id": "FR12ZZZ123456",
            "currency": "EUR",
        },
        schema=sepa_file.SEPA_SCHEMA,
    )
    sepa.add_payment(
        {
            "name": "Famille",
            "IBAN": "FR7630006000011234567890189",
            "BIC": "AGRIFRPP",
            "amount": 1000,
            "type": "FRST",
            "collection_date": dt.date(2026, 3, 5),
            "mandate_id": "M" * 40,  # the schema allows 35 characters
            "mandate_date": dt.date(2025, 9, 1),
            "description": "Facture",
            "endtoend_id": "FACT-1",
        }
    )
    return sepa


def test_an_invalid_file_is_refused_as_before() -> None:
    """The XSD still applies: a value the schema refuses fails the export, as it fails
    sepaxml's own validation."""
    with pytest.raises(ValidationError):
        _invalid_file().export(validate=True, pretty_print=True)
    with pytest.raises(ValidationError):
        sepa_file.export_file(_invalid_file())
