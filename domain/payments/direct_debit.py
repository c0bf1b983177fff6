"""SEPA direct debit (prélèvement): one pain.008 file per collection date, pre-notification
mails, then DIRECT_DEBIT payments once the bank has executed the file.

Which invoices: those of families paying by direct debit, still open (ISSUED or
PARTIALLY_PAID, not a credit note), due on or before the collection date and never debited
before, for their remaining amount. A family needs a primary bank account; its mandate
reference is the stored one, or « subscriber code-bank account id » when none was stored.

The file itself (the creditor, each debit's entry, the export validated against the XSD)
is written by ``sepa_file``; the pre-notification mails are sent by ``prenotifications``.

Preparing a date twice returns the first batch (same file, no second mail); executing a
batch twice records nothing more.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from sepaxml import SepaDD
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.formatting import euros
from domain.payments.ledger import (
    OPEN_STATUSES,
    add_payment,
    amounts_by_invoice,
    check_amount,
    check_payable,
    reserve_operation_numbers,
)
from domain.payments.prenotifications import queue_prenotifications
from domain.payments.sepa_file import (
    SEPA_SCHEMA,
    add_debit,
    creditor_of,
    export_file,
    mandate_reference,
)
from kernel.clock import today_in
from kernel.results import DomainFailure, fail
from models import (
    BankAccount,
    DirectDebitBatch,
    DirectDebitItem,
    Family,
    Guardian,
    Invoice,
    Payment,
    Tenant,
)
from models.base import utcnow
from models.billing import DirectDebitBatchStatus, InvoiceKind, PaymentMethod
from models.sqlite_batch import number_new_rows

logger = logging.getLogger("creneau.direct_debit")


@dataclass(slots=True)
class PreparedBatch:
    """A batch and the invoices left out of it (with the reason, for the agent)."""

    batch: DirectDebitBatch
    created: bool
    skipped: list[tuple[Invoice, str]] = field(default_factory=list)


@dataclass(slots=True)
class ExecutedBatch:
    """A batch once executed: the payments recorded now (none when replayed)."""

    batch: DirectDebitBatch
    payments: list[Payment]
    skipped: list[tuple[int, str]]


async def _debtors(
    session: AsyncSession, family_ids: list[int]
) -> tuple[dict[int, Family], dict[int, BankAccount], dict[int, Guardian]]:
    families = {
        f.id: f for f in await session.scalars(select(Family).where(Family.id.in_(family_ids)))
    }
    accounts = {
        a.family_id: a
        for a in await session.scalars(
            select(BankAccount).where(
                BankAccount.family_id.in_(family_ids), BankAccount.is_primary.is_(True)
            )
        )
    }
    payers = {
        g.family_id: g
        for g in await session.scalars(
            select(Guardian).where(Guardian.family_id.in_(family_ids), Guardian.is_payer.is_(True))
        )
    }
    return families, accounts, payers


async def prepare_direct_debit(
    session: AsyncSession, *, tenant_id: int, collection_date: dt.date, today: dt.date
) -> PreparedBatch:
    """directDebitPrepare: build, validate against the pain.008 schema and store the file
    of ``collection_date``, and queue a pre-notification mail to each debited family."""
    existing = await session.scalar(
        select(DirectDebitBatch).where(
            DirectDebitBatch.tenant_id == tenant_id,
            DirectDebitBatch.collection_date == collection_date,
        )
    )
    if existing is not None:
        return PreparedBatch(existing, created=False)
    if collection_date < today:
        raise fail("PAST_DATE", "La date de prélèvement ne peut pas être passée.", "collectionDate")
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    creditor = creditor_of(tenant)
    if creditor is None:
        raise fail(
            "CREDITOR_NOT_CONFIGURED",
            "Les coordonnées de créancier SEPA de la collectivité (ICS, IBAN, BIC) ne sont "
            "pas renseignées.",
        )
    debited = select(DirectDebitItem.invoice_id).where(DirectDebitItem.tenant_id == tenant_id)
    invoices = list(
        await session.scalars(
            select(Invoice)
            .join(Family, Family.id == Invoice.family_id)
            .where(
                Invoice.tenant_id == tenant_id,
                Invoice.kind == InvoiceKind.INVOICE,
                Invoice.status.in_(OPEN_STATUSES),
                Invoice.due_on <= collection_date,
                Family.direct_debit.is_(True),
                Invoice.id.not_in(debited),
            )
            .order_by(Invoice.number)
        )
    )
    amounts = await amounts_by_invoice(session, invoices)
    families, accounts, payers = await _debtors(session, sorted({i.family_id for i in invoices}))
    used_mandates = set(
        await session.scalars(
            select(DirectDebitItem.mandate_reference).where(DirectDebitItem.tenant_id == tenant_id)
        )
    )
    sepa = SepaDD(
        {
            "name": creditor.name,
            "IBAN": creditor.iban,
            "BIC": creditor.bic,
            "batch": True,
            "creditor_id": creditor.creditor_id,
            "currency": "EUR",
        },
        schema=SEPA_SCHEMA,
    )
    prepared = PreparedBatch(DirectDebitBatch(), created=True)
    items: list[DirectDebitItem] = []
    for invoice in invoices:
        account = accounts.get(invoice.family_id)
        family = families[invoice.family_id]
        amount = amounts[invoice.id].remaining_cents
        if amount <= 0:
            continue
        if account is None:
            prepared.skipped.append((invoice, "Aucun compte bancaire principal."))
            continue
        mandate = mandate_reference(family, account)
        add_debit(
            sepa,
            invoice,
            account,
            mandate=mandate,
            amount_cents=amount,
            first=mandate not in used_mandates,
            collection_date=collection_date,
            tenant_name=tenant.name,
        )
        items.append(
            DirectDebitItem(
                tenant_id=tenant_id,
                invoice_id=invoice.id,
                family_id=invoice.family_id,
                mandate_reference=mandate,
                amount_cents=amount,
            )
        )
    if not items:
        raise fail(
            "NOTHING_TO_DEBIT",
            "Aucune facture à prélever pour cette date.",
            "collectionDate",
        )
    try:
        xml = export_file(sepa)
    except Exception as exc:  # sepaxml raises plain exceptions on invalid values
        raise fail(
            "INVALID_FILE",
            "Le fichier de prélèvement n'est pas valide (IBAN, BIC ou ICS incorrect ?).",
        ) from exc
    batch = prepared.batch
    batch.tenant_id = tenant_id
    batch.collection_date = collection_date
    batch.status = DirectDebitBatchStatus.PREPARED
    batch.message_id = str(sepa.msg_id)[:35]
    batch.transaction_count = len(items)
    batch.total_cents = sum(i.amount_cents for i in items)
    batch.xml = xml.decode()
    session.add(batch)
    await session.flush()
    # The batch row is written: on SQLite this transaction holds the write lock, so the
    # items can be numbered and inserted in one statement (models.sqlite_batch).
    number_new_rows(session.sync_session)
    by_invoice = {i.id: i for i in invoices}
    mails: list[tuple[Guardian, dict[str, Any]]] = []
    for item in items:
        item.batch_id = batch.id
        session.add(item)
        payer = payers.get(item.family_id)
        if payer is None or not payer.email:
            continue
        invoice = by_invoice[item.invoice_id]
        context = {
            "tenant": tenant,
            "recipient_name": f"{payer.first_name} {payer.last_name}",
            "invoice_number": invoice.number,
            "amount": euros(item.amount_cents),
            "collection_date": collection_date,
            "mandate_reference": item.mandate_reference,
            "creditor_id": creditor.creditor_id,
            "creditor_name": creditor.name,
        }
        mails.append((payer, context))
    await session.flush()
    await queue_prenotifications(session, mails, tenant_id=tenant_id)
    return prepared


async def execute_direct_debit(
    session: AsyncSession,
    *,
    tenant_id: int,
    collection_date: dt.date,
    today: dt.date | None = None,
) -> ExecutedBatch:
    """directDebitExecute: the bank debited the file; record a DIRECT_DEBIT payment per
    invoice, dated on the collection date. An invoice settled meanwhile by other means is
    skipped (and reported) rather than overpaid.

    The bank collects on the collection date: before it (``today``, default the tenant's
    today), nothing was debited yet, so executing is refused (NOT_YET_COLLECTED) rather
    than showing the invoices paid ahead of the debit."""
    batch = await session.scalar(
        select(DirectDebitBatch)
        .where(
            DirectDebitBatch.tenant_id == tenant_id,
            DirectDebitBatch.collection_date == collection_date,
        )
        .with_for_update()
    )
    if batch is None:
        raise fail("NOT_FOUND", "Aucun fichier de prélèvement pour cette date.", "collectionDate")
    if batch.status is DirectDebitBatchStatus.EXECUTED:
        return ExecutedBatch(batch, [], [])
    if today is None:
        tenant = await session.get(Tenant, tenant_id)
        assert tenant is not None
        today = today_in(tenant.timezone)
    if collection_date > today:
        raise fail(
            "NOT_YET_COLLECTED",
            f"Le prélèvement du {collection_date:%d/%m/%Y} n'a pas encore eu lieu : il ne "
            "peut être enregistré qu'à partir de cette date.",
            "collectionDate",
        )
    items = list(
        await session.scalars(
            select(DirectDebitItem)
            .where(DirectDebitItem.batch_id == batch.id)
            .order_by(DirectDebitItem.id)
        )
    )
    # Every invoice of the batch locked, and its amounts read, in three statements.
    invoices = {
        i.id: i
        for i in await session.scalars(
            select(Invoice)
            .where(
                Invoice.tenant_id == tenant_id,
                Invoice.id.in_([item.invoice_id for item in items]),
            )
            .order_by(Invoice.id)
            .with_for_update()
        )
    }
    amounts = await amounts_by_invoice(session, list(invoices.values()))
    # An invoice settled meanwhile by other means is skipped (checked first, so that
    # operation numbers are reserved only for the payments recorded: no gaps).
    payable: list[DirectDebitItem] = []
    skipped: list[tuple[int, str]] = []
    for item in items:
        try:
            check_payable(invoices[item.invoice_id])
            check_amount(item.amount_cents, amounts[item.invoice_id].remaining_cents)
        except DomainFailure as refused:
            logger.warning("direct debit item %s not recorded: %s", item.id, refused)
            skipped.append((item.invoice_id, str(refused)))
        else:
            payable.append(item)
    numbers = await reserve_operation_numbers(session, tenant_id, len(payable))
    if numbers:
        # The operation counter is written: on SQLite this transaction holds the write
        # lock, so the payments are numbered and inserted together (models.sqlite_batch).
        number_new_rows(session.sync_session)
    payments = [
        await add_payment(
            session,
            invoices[item.invoice_id],
            method=PaymentMethod.DIRECT_DEBIT,
            amount_cents=item.amount_cents,
            paid_on=batch.collection_date,
            description=f"Prélèvement SEPA – mandat {item.mandate_reference}",
            provider_reference=f"SDD-{batch.message_id}-{item.invoice_id}",
            amounts=amounts[item.invoice_id],
            operation_number=number,
        )
        for item, number in zip(payable, numbers, strict=True)
    ]
    batch.status = DirectDebitBatchStatus.EXECUTED
    batch.executed_at = utcnow()
    await session.flush()
    return ExecutedBatch(batch, payments, skipped)


async def batches(session: AsyncSession, tenant_id: int) -> list[DirectDebitBatch]:
    """The tenant's batches, latest collection date first."""
    return list(
        await session.scalars(
            select(DirectDebitBatch)
            .where(DirectDebitBatch.tenant_id == tenant_id)
            .order_by(DirectDebitBatch.collection_date.desc())
        )
    )


# export_file and queue_prenotifications are used from here, where the plain-path
# comparisons (tests, bench/write_paths.py) patch them.
__all__ = [
    "ExecutedBatch",
    "PreparedBatch",
    "batches",
    "execute_direct_debit",
    "export_file",
    "prepare_direct_debit",
    "queue_prenotifications",
]
