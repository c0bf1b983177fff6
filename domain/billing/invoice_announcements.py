"""Announcing issued invoices: an ``INVOICE_ISSUED`` event per family and the « votre facture
est disponible » notification to its payer (mail, and SMS/push as they chose).

The notifications are written in bulk (``notify_many``: a constant number of statements for
the whole run), in the run's transaction, so that they are sent only if the run commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.drafts import DraftInvoice
from domain.billing.formatting import date_long, euros, month_label
from domain.billing.invoice_terms import due_days_of, month_bounds
from domain.billing.month_reading import MonthData
from domain.events import append_event
from domain.notifications.dispatch import Notice, notify_many
from domain.notifications.recipients import INVOICES_LINK, guardian_recipients
from models import BillingRun, Tenant
from models.base import utcnow
from models.event import EventKind
from models.notification import NotificationKind

INVOICE_MAIL = "invoice_issued"


async def announce_invoices(
    session: AsyncSession,
    tenant: Tenant,
    data: MonthData,
    drafts: Sequence[DraftInvoice],
    invoice_ids: Sequence[int],
    numbers: Sequence[str],
    run: BillingRun,
    today: dt.date,
    portal_url: str | None,
) -> int:
    """INVOICE_ISSUED event per family (added to the session) and the « facture
    disponible » notifications (written in bulk, once per invoice); returns how many."""
    due = today + dt.timedelta(days=due_days_of(tenant))
    first, _ = month_bounds(run.month)
    announced: list[tuple[int, str, DraftInvoice, Any]] = []
    for invoice_id, number, draft in zip(invoice_ids, numbers, drafts, strict=True):
        append_event(
            session,
            tenant_id=tenant.id,
            kind=EventKind.INVOICE_ISSUED,
            subject_type="Invoice",
            subject_id=invoice_id,
            family_id=draft.family_id,
            payload={"number": number, "totalCents": draft.total_cents, "month": first.isoformat()},
        )
        payer = data.payers.get(draft.family_id)
        if payer is not None and payer.email:
            announced.append((invoice_id, number, draft, payer))
    recipients = await guardian_recipients(session, [payer for *_, payer in announced])
    notices = [
        Notice(
            family_id=draft.family_id,
            recipient=recipients[payer.id],
            context=invoice_context(
                tenant,
                recipient_name=f"{payer.first_name} {payer.last_name}",
                family_name=draft.family_name,
                number=number,
                period=first,
                total_cents=draft.total_cents,
                due_on=due,
                portal_url=portal_url,
            ),
            dedupe_key=f"invoice-issued:{invoice_id}",
            link=INVOICES_LINK,
        )
        for invoice_id, number, draft, payer in announced
    ]
    await notify_many(
        session,
        tenant_id=tenant.id,
        kind=NotificationKind.INVOICE_ISSUED,
        topic=INVOICE_MAIL,
        notices=notices,
        now=utcnow(),
    )
    return len(notices)


def invoice_context(
    tenant: Tenant,
    *,
    recipient_name: str,
    family_name: str,
    number: str,
    period: dt.date,
    total_cents: int,
    due_on: dt.date,
    portal_url: str | None,
) -> dict[str, Any]:
    """The variables of the « votre facture est disponible » mail (and its short text)."""
    return {
        "tenant": tenant,
        "recipient_name": recipient_name,
        "family_name": family_name,
        "number": number,
        "period_label": month_label(period),
        "total": euros(total_cents, thousands=" ", before_unit=" "),
        "due_date": date_long(due_on),
        "portal_url": portal_url or "",
    }
