"""Transmission to the public treasury (Trésor public): invoices still unpaid after their
due date are handed over for collection, with an export file for the treasury.

A transmitted invoice keeps its amounts and payments; its status becomes
TRANSMITTED_TO_TREASURY with the transmission date, and the cash office takes no payment for
it anymore. Transmitting again for the same date finds nothing new (idempotent); the export
of a transmission date can be downloaded again at any time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.ledger import OPEN_STATUSES, amounts_by_invoice
from kernel.results import DomainFailure, Problem, fail
from models import DirectDebitBatch, DirectDebitItem, Family, Guardian, Invoice
from models.billing import DirectDebitBatchStatus, InvoiceKind, InvoiceStatus

CSV_HEADERS = (
    "Numéro de facture",
    "Date d'émission",
    "Date d'échéance",
    "Date de transmission",
    "Code abonné",
    "Famille",
    "Redevable",
    "Adresse",
    "Code postal",
    "Ville",
    "Montant facturé",
    "Réglé ou annulé par avoir",
    "Reste à recouvrer",
)


@dataclass(frozen=True, slots=True)
class Transmission:
    """The invoices transmitted by one call (empty when replayed), and the date."""

    transmitted_on: dt.date
    invoices: list[Invoice]


async def transmit_to_treasury(
    session: AsyncSession,
    *,
    tenant_id: int,
    as_of: dt.date,
    today: dt.date,
    only: Sequence[int | None] | None = None,
) -> Transmission:
    """treasuryTransmit: every open invoice due before ``as_of`` goes to the treasury, or
    only the invoices ``only`` (each must be one of them, else nothing is transmitted).

    An invoice due on ``as_of`` is not late yet. Invoices waiting in a direct-debit file not
    yet executed are left alone: the bank is about to pay them.
    """
    if as_of > today:
        raise fail("FUTURE_DATE", "La date de transmission ne peut pas être dans le futur.", "asOf")
    if only is not None and len(only) > 100:
        raise fail("TOO_MANY", "100 factures au plus par transmission.", "invoices")
    pending_debit = (
        select(DirectDebitItem.invoice_id)
        .join(DirectDebitBatch, DirectDebitBatch.id == DirectDebitItem.batch_id)
        .where(
            DirectDebitItem.tenant_id == tenant_id,
            DirectDebitBatch.status == DirectDebitBatchStatus.PREPARED,
        )
    )
    invoices = list(
        await session.scalars(
            select(Invoice)
            .where(
                Invoice.tenant_id == tenant_id,
                Invoice.kind == InvoiceKind.INVOICE,
                Invoice.status.in_(OPEN_STATUSES),
                Invoice.due_on < as_of,
                Invoice.id.not_in(pending_debit),
            )
            .order_by(Invoice.number)
            .with_for_update()
        )
    )
    if only is not None:
        eligible = {i.id: i for i in invoices}
        problems = [
            Problem(
                "NOT_TRANSMISSIBLE",
                "Facture introuvable, réglée, ou pas encore échue à cette date.",
                ("invoices", str(index)),
            )
            for index, pk in enumerate(only)
            if pk is None or pk not in eligible
        ]
        if problems:
            raise DomainFailure(problems)
        wanted = set(only)
        invoices = [i for i in invoices if i.id in wanted]
    for invoice in invoices:
        invoice.status = InvoiceStatus.TRANSMITTED_TO_TREASURY
        invoice.transmitted_on = as_of
    await session.flush()
    return Transmission(as_of, invoices)


def _euros(cents: int) -> str:
    # A number for spreadsheets and the treasury's import: « 1234,56 », no symbol.
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"


def _date(value: dt.date | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y}"


async def treasury_export(session: AsyncSession, *, tenant_id: int, transmitted_on: dt.date) -> str:
    """The CSV (semicolon-separated, French headers and numbers) of the invoices transmitted
    on ``transmitted_on``: who owes what. Read-only."""
    invoices = list(
        await session.scalars(
            select(Invoice)
            .where(
                Invoice.tenant_id == tenant_id,
                Invoice.status == InvoiceStatus.TRANSMITTED_TO_TREASURY,
                Invoice.transmitted_on == transmitted_on,
            )
            .order_by(Invoice.number)
        )
    )
    family_ids = sorted({i.family_id for i in invoices})
    families = {
        f.id: f for f in await session.scalars(select(Family).where(Family.id.in_(family_ids)))
    }
    guardians = {
        g.id: g
        for g in await session.scalars(select(Guardian).where(Guardian.family_id.in_(family_ids)))
    }
    payers = {g.family_id: g for g in guardians.values() if g.is_payer}
    amounts = await amounts_by_invoice(session, invoices)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for invoice in invoices:
        family = families[invoice.family_id]
        payer = guardians.get(invoice.payer_guardian_id or 0) or payers.get(invoice.family_id)
        address = ""
        if payer is not None:
            address = " ".join(p for p in (payer.address_line1, payer.address_line2) if p)
        writer.writerow(
            (
                invoice.number,
                _date(invoice.issued_on),
                _date(invoice.due_on),
                _date(invoice.transmitted_on),
                family.subscriber_code or "",
                family.name,
                f"{payer.last_name} {payer.first_name}" if payer is not None else "",
                address,
                (payer.postal_code or "") if payer is not None else "",
                (payer.city or "") if payer is not None else "",
                _euros(invoice.total_cents),
                _euros(amounts[invoice.id].paid_cents + amounts[invoice.id].credited_cents),
                _euros(amounts[invoice.id].remaining_cents),
            )
        )
    return out.getvalue()
