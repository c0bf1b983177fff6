"""What every reminder rule returns and the few date facts they share.

A rule answers « who must be reminded of what at ``now`` » as ``ReminderIntent`` values:
the family, the rule's name (the notification's topic and mail template), the thing it is
about and its date (together the « same thing » a reminder is never sent twice for), and
the mail template's variables. Rules are reads only; the runner sends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant

# The rules' names: the notification's topic, the mail template and the short texts'
# file name, and the first part of every dedupe key.
BOOKING_DEADLINE = "reminder_booking_deadline"
ABSENCE_JUSTIFICATION = "reminder_absence_justification"
INVOICE_DUE = "reminder_invoice_due"
DOCUMENT_MISSING = "reminder_document_missing"


@dataclass(frozen=True, slots=True)
class ReminderIntent:
    """One reminder a family must receive now.

    ``thing`` and ``day`` name what it is about (« family-12 » and the deadline's date,
    « invoice-7 » and its due date): the runner builds the dedupe key from them, so the
    same thing is never reminded twice. ``guardian_ids`` restricts the recipients (an
    invoice goes to its payer); empty: the family's usual recipients.
    """

    topic: str
    family_id: int
    thing: str
    day: dt.date
    context: Mapping[str, object]
    guardian_ids: tuple[int, ...] = field(default=())

    def dedupe_key(self, recipient: str) -> str:
        """« reminder_invoice_due:invoice-7:2026-12-11:account-5 »: unique per tenant."""
        return f"{self.topic}:{self.thing}:{self.day.isoformat()}:{recipient}"


# A rule: the reminders due for a tenant at ``now`` (an aware instant).
Rule = Callable[[AsyncSession, Tenant, dt.datetime], Awaitable[list[ReminderIntent]]]


def local_now(tenant: Tenant, now: dt.datetime) -> dt.datetime:
    """``now`` on the tenant's wall clock: the rules' « today » and « tomorrow »."""
    return now.astimezone(ZoneInfo(tenant.timezone))


def next_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week after ``today``'s (ISO weeks, Monday first)."""
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6)
