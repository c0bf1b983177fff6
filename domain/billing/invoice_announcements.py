"""Announcing issued invoices: an ``INVOICE_ISSUED`` event per family and the « votre facture
est disponible » mail to its payer.

Mails are returned as outbox rows for the caller to insert in bulk with the invoices, so
that they are sent only if the run commits.
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
from domain.mail import render_mail
from models import BillingRun, Tenant
from models.base import utcnow
from models.event import EventKind
from models.outbox import OutboxStatus

INVOICE_MAIL = "invoice_issued"


def announce_invoices(
    session: AsyncSession,
    tenant: Tenant,
    data: MonthData,
    drafts: Sequence[DraftInvoice],
    invoice_ids: Sequence[int],
    numbers: Sequence[str],
    run: BillingRun,
    today: dt.date,
    portal_url: str | None,
) -> list[dict[str, Any]]:
    """INVOICE_ISSUED event per family (added to the session) and the « facture
    disponible » mails to insert (outbox rows, inserted in bulk by the caller)."""
    due = today + dt.timedelta(days=due_days_of(tenant))
    first, _ = month_bounds(run.month)
    mails: list[dict[str, Any]] = []
    now = utcnow()
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
        if payer is None or not payer.email:
            continue
        mails.append(
            invoice_mail(
                tenant,
                to=payer.email,
                recipient_name=f"{payer.first_name} {payer.last_name}",
                family_name=draft.family_name,
                number=number,
                period=first,
                total_cents=draft.total_cents,
                due_on=due,
                portal_url=portal_url,
                now=now,
            )
        )
    return mails


def invoice_mail(
    tenant: Tenant,
    *,
    to: str,
    recipient_name: str,
    family_name: str,
    number: str,
    period: dt.date,
    total_cents: int,
    due_on: dt.date,
    portal_url: str | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """The « votre facture est disponible » mail, as outbox row values (rendered now)."""
    rendered = render_mail(
        INVOICE_MAIL,
        {
            "tenant": tenant,
            "recipient_name": recipient_name,
            "family_name": family_name,
            "number": number,
            "period_label": month_label(period),
            "total": euros(total_cents, thousands=" ", before_unit=" "),
            "due_date": date_long(due_on),
            "portal_url": portal_url or "",
        },
    )
    return {
        "tenant_id": tenant.id,
        "template": INVOICE_MAIL,
        "to_address": to.strip(),
        "subject": rendered.subject,
        "text_body": rendered.text,
        "html_body": rendered.html,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
    }
