"""The pre-notification of a SEPA direct debit: before the collection date, each debited
family is told by mail (and SMS/push as the payer chose) which invoice will be debited, for
how much, when, and under which mandate.

Separate from ``direct_debit`` (the batch, its file and payments) because it is a
notification: it goes through ``domain.notifications`` like the other ones, and the batch
only hands it the payers and their template contexts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.dispatch import Notice, notify_many
from domain.notifications.recipients import INVOICES_LINK, guardian_recipients
from models import Guardian
from models.base import utcnow
from models.notification import NotificationKind

# The notifications' topic (their template), one per debited invoice.
PRENOTIFICATION = "direct_debit_prenotification"


async def queue_prenotifications(
    session: AsyncSession, mails: list[tuple[Guardian, dict[str, Any]]], *, tenant_id: int
) -> None:
    """The pre-notification mails ((payer, template context) each): one ``PAYMENT_DUE``
    notification per debited invoice (mail, and SMS/push as the payer chose), all written in
    a constant number of statements — sent only if the caller commits. Keyed by invoice
    number: an invoice is announced as debited once."""
    for payer, _ in mails:
        address = (payer.email or "").strip()
        if not address or len(address) > 254 or any(c in address for c in "\r\n"):
            raise ValueError(f"invalid recipient address {payer.email!r}")
    recipients = await guardian_recipients(session, [payer for payer, _ in mails])
    notices = [
        Notice(
            family_id=payer.family_id,
            recipient=recipients[payer.id],
            context=context,
            dedupe_key=f"prenotification:{context['invoice_number']}",
            link=INVOICES_LINK,
        )
        for payer, context in mails
    ]
    await notify_many(
        session,
        tenant_id=tenant_id,
        kind=NotificationKind.PAYMENT_DUE,
        topic=PRENOTIFICATION,
        notices=notices,
        now=utcnow(),
    )
