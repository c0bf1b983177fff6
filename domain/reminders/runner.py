"""Running the reminder rules: each rule's intents become notifications, once.

``run_reminders`` evaluates the rules for one tenant at ``now`` and sends every intent to
the family's recipients through ``domain.notifications.dispatch.notify_many``, in the
caller's transaction. The dedupe key ``<rule>:<thing>:<date>:<recipient>`` is unique per
tenant in the database, so running again — the next tick, a restarted worker, a second
worker at the same moment — writes nothing more for the same thing.

Reminders are not urgent: inside the town's quiet hours (default 20:00–08:00) nothing is
computed, so that no reminder mail leaves at night either; the first run after the quiet
hours catches up (each rule fires on a day, not at a minute).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.dispatch import Notice, notify_many
from domain.notifications.quiet_hours import quiet_until
from domain.notifications.recipients import FAMILY_LINK, INVOICES_LINK, PLANNING_LINK
from domain.notifications.town_offer import read_offer
from domain.reminders.absence_justification import (
    absence_justification_reminders,
)
from domain.reminders.base import (
    ABSENCE_JUSTIFICATION,
    BOOKING_DEADLINE,
    DOCUMENT_MISSING,
    INVOICE_DUE,
    ReminderIntent,
    Rule,
)
from domain.reminders.booking_deadline import booking_deadline_reminders
from domain.reminders.document_missing import document_missing_reminders
from domain.reminders.invoice_due import invoice_due_reminders
from domain.reminders.recipients import recipient_key, reminder_recipients
from models import Tenant
from models.notification import NotificationKind


@dataclass(frozen=True, slots=True)
class ReminderRule:
    """A rule, its topic, the kind of notification it sends (the unit of a parent's
    preferences: an invoice falling due is PAYMENT_DUE, the others REMINDER) and where the
    parent's app opens on it (the push notification's link)."""

    topic: str
    kind: NotificationKind
    find: Rule
    link: str


RULES: tuple[ReminderRule, ...] = (
    ReminderRule(
        BOOKING_DEADLINE, NotificationKind.REMINDER, booking_deadline_reminders, PLANNING_LINK
    ),
    ReminderRule(
        ABSENCE_JUSTIFICATION,
        NotificationKind.REMINDER,
        absence_justification_reminders,
        PLANNING_LINK,
    ),
    ReminderRule(INVOICE_DUE, NotificationKind.PAYMENT_DUE, invoice_due_reminders, INVOICES_LINK),
    ReminderRule(
        DOCUMENT_MISSING, NotificationKind.REMINDER, document_missing_reminders, FAMILY_LINK
    ),
)


@dataclass
class RunReport:
    """What a run did, per topic: intents found, notifications written (new), and those
    already sent before (skipped by their dedupe key)."""

    quiet: bool = False
    found: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    already_sent: Counter[str] = field(default_factory=Counter)


def in_quiet_hours(tenant: Tenant, now: dt.datetime) -> bool:
    """Whether ``now`` falls inside the town's quiet hours (no reminder is computed)."""
    return quiet_until(now, read_offer(tenant).quiet_hours, tenant.timezone) is not None


async def send_intents(
    session: AsyncSession,
    tenant: Tenant,
    rule: ReminderRule,
    intents: Sequence[ReminderIntent],
    now: dt.datetime,
    report: RunReport,
) -> None:
    """Notify each intent's recipients (its guardians when it names some, else the
    family's reminder recipients), with one dedupe key per intent and recipient."""
    recipients = await reminder_recipients(session, tenant.id, {i.family_id for i in intents})
    notices: list[Notice] = []
    for intent in intents:
        everyone = recipients.get(intent.family_id, [])
        chosen = [r for r in everyone if r.guardian_id in intent.guardian_ids] or everyone
        notices.extend(
            Notice(
                family_id=intent.family_id,
                recipient=recipient,
                context=intent.context,
                dedupe_key=intent.dedupe_key(recipient_key(recipient)),
                link=rule.link,
            )
            for recipient in chosen
        )
    report.found[rule.topic] += len(intents)
    if not notices:
        return
    rows = await notify_many(
        session, tenant_id=tenant.id, kind=rule.kind, topic=rule.topic, notices=notices, now=now
    )
    written = sum(1 for row in rows if row is not None)
    report.sent[rule.topic] += written
    report.already_sent[rule.topic] += len(rows) - written


async def run_reminders(
    session: AsyncSession,
    tenant: Tenant,
    now: dt.datetime,
    rules: Sequence[ReminderRule] = RULES,
) -> RunReport:
    """Evaluate ``rules`` for ``tenant`` at ``now`` (aware) and notify what is due, in the
    caller's transaction; nothing inside the town's quiet hours."""
    report = RunReport()
    if in_quiet_hours(tenant, now):
        report.quiet = True
        return report
    for rule in rules:
        intents = await rule.find(session, tenant, now)
        if intents:
            await send_intents(session, tenant, rule, intents, now, report)
        else:
            report.found[rule.topic] += 0
    return report
