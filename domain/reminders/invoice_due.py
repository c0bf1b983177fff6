"""Reminder: an invoice is due within five days and something is left to pay.

An invoice (not a credit note) still owed here — ISSUED or PARTIALLY_PAID; PAID, CANCELLED
and TRANSMITTED_TO_TREASURY are not — whose remaining amount (``domain.payments.ledger``:
total − paid − credited) is positive is reminded once to its payer, on the first run when
its due date is at most ``NOTICE_DAYS`` days away: five days before, or later that week if
the worker was stopped then — never on the day it is issued (the « facture disponible »
mail has just said when it is due) nor once the due date is reached. Families paying by
direct debit are left out: the bank collects the invoice, there is nothing to do.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.formatting import euros
from domain.payments.ledger import OPEN_STATUSES, amounts_by_invoice
from domain.reminders.base import INVOICE_DUE, ReminderIntent, local_now
from models import Family, Invoice, Tenant
from models.billing import InvoiceKind

NOTICE_DAYS: Final = 5


async def invoice_due_reminders(
    session: AsyncSession, tenant: Tenant, now: dt.datetime
) -> list[ReminderIntent]:
    """The payers to remind at ``now`` that an invoice is due within five days."""
    today = local_now(tenant, now).date()
    rows = (
        await session.execute(
            select(Invoice, Family.name)
            .join(Family, Family.id == Invoice.family_id)
            .where(
                Invoice.tenant_id == tenant.id,
                Invoice.kind == InvoiceKind.INVOICE,
                Invoice.status.in_(sorted(OPEN_STATUSES)),
                Invoice.due_on > today,
                Invoice.due_on <= today + dt.timedelta(days=NOTICE_DAYS),
                Invoice.issued_on < today,
                Family.direct_debit.is_(False),
            )
            .order_by(Invoice.due_on, Invoice.id)
        )
    ).all()
    amounts = await amounts_by_invoice(session, [invoice for invoice, _ in rows])
    intents: list[ReminderIntent] = []
    for invoice, family_name in rows:
        remaining = amounts[invoice.id].remaining_cents
        if remaining <= 0:
            continue
        intents.append(
            ReminderIntent(
                topic=INVOICE_DUE,
                family_id=invoice.family_id,
                thing=f"invoice-{invoice.id}",
                day=invoice.due_on,
                context={
                    "family_name": family_name,
                    "number": invoice.number,
                    # Plain spaces: the same text goes into the SMS (GSM-7).
                    "remaining": euros(remaining, thousands=" ", before_unit=" "),
                    "due_on": invoice.due_on,
                    "days_left": (invoice.due_on - today).days,
                },
                guardian_ids=()
                if invoice.payer_guardian_id is None
                else (invoice.payer_guardian_id,),
            )
        )
    return intents
