"""The monthly billing run: from the month's bookings and attendance to one invoice per
paying family.

What is billed (per child × activity × kind, at the price in force on each day):
- a reservation (``RESERVED``) the child attended, or that nobody marked: the unit price
  (a booked day is due); the sibling reduction of the child's rank as a separate line;
- a reservation the child missed without notice (attendance ``ABSENT``) and a billed
  absence (``ABSENT_BILLED``): the price list's billed-absence charge — unless the absence
  is justified (``absence_justified``) or the activity does not bill late absences;
- a presence without booking (``UNBOOKED`` + ``PRESENT``): the unit price plus the penalty;
- never: free absences (``ABSENT``), cancellations, the waiting list, and days of a closure
  or a strike (for the whole town or the activity's establishment).

The run is idempotent: a ``BillingRun`` row is unique per tenant and month, so a second run
(or a concurrent one) creates nothing. A preview computes the same invoices without writing.
Each billed booking points to its invoice line, so a booking is billed once. The month is
read in a handful of statements and written in bulk (no statement per booking).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.billing.drafts import DraftInvoice
from domain.billing.formatting import date_long, month_label
from domain.billing.invoice_announcements import announce_invoices
from domain.billing.invoice_terms import month_bounds
from domain.billing.invoice_writing import issue_invoices
from domain.billing.month_pricing import price_bookings
from domain.billing.month_reading import read_month
from domain.billing.numbering import format_number, reserve_sequences
from kernel.results import fail
from models import BillingRun, Event, Tenant
from models.base import utcnow
from models.billing import BillingRunStatus
from models.sqlite_batch import number_new_rows


@dataclass(slots=True)
class BillingRunResult:
    """What a run did (or, in preview, would do)."""

    month: dt.date
    preview: bool
    already_billed: bool
    run: BillingRun | None
    drafts: list[DraftInvoice] = field(default_factory=list)
    invoice_ids: list[int] = field(default_factory=list)

    @property
    def invoice_count(self) -> int:
        """Invoices issued (or that would be)."""
        if self.already_billed and self.run is not None:
            return self.run.invoice_count
        return len(self.drafts)

    @property
    def total_cents(self) -> int:
        """Sum of the invoices of this run (0 when already billed)."""
        return sum(d.total_cents for d in self.drafts)

    @property
    def booking_count(self) -> int:
        """Bookings billed by this run."""
        return sum(len(line.booking_ids) for d in self.drafts for line in d.lines)


def _check_month(month: dt.date, today: dt.date) -> None:
    first, last = month_bounds(month)
    if last >= today:
        following = last + dt.timedelta(days=1)
        raise fail(
            "MONTH_NOT_OVER",
            f"Le mois de {month_label(first)} n'est pas terminé : il pourra être facturé à "
            f"partir du {date_long(following)}.",
            "month",
        )


async def run_billing(
    session: AsyncSession,
    *,
    tenant: Tenant,
    month: dt.date,
    today: dt.date,
    preview: bool = False,
    portal_url: str | None = None,
    actor_account_id: int | None = None,
) -> BillingRunResult:
    """Bill ``month`` for ``tenant`` (or, with ``preview``, show what it would bill).

    Idempotent: when the month has a billing run already, nothing is written and the result
    says ``already_billed``. A concurrent run loses on the unique (tenant, month) constraint
    and its transaction rolls back (the caller reports it as already billed).
    """
    first, last = month_bounds(month)
    _check_month(first, today)
    existing = await session.scalar(
        select(BillingRun).where(BillingRun.tenant_id == tenant.id, BillingRun.month == first)
    )
    if existing is not None:
        return BillingRunResult(month=first, preview=preview, already_billed=True, run=existing)
    data = await read_month(session, tenant.id, first)
    drafts = price_bookings(data)
    if preview:
        return BillingRunResult(
            month=first, preview=True, already_billed=False, run=None, drafts=drafts
        )

    run = BillingRun(
        tenant_id=tenant.id,
        month=first,
        status=BillingRunStatus.RUNNING,
        invoice_count=len(drafts),
    )
    session.add(run)
    await session.flush()  # a concurrent run of the same month fails here
    # The run's row is written: on SQLite this transaction holds the write lock, so the
    # families' INVOICE_ISSUED events go in one INSERT (models.sqlite_batch), not one each.
    number_new_rows(session.sync_session, ahead=(Event,))
    start = await reserve_sequences(session, tenant.id, first.year, len(drafts)) if drafts else 0
    invoice_ids = await issue_invoices(
        session, tenant, run, drafts, start=start, today=today, period=(first, last)
    )
    numbers = [format_number(first, start + i) for i in range(len(drafts))] if drafts else []
    await announce_invoices(
        session, tenant, data, drafts, invoice_ids, numbers, run, today, portal_url
    )
    run.status = BillingRunStatus.COMPLETED
    run.finished_at = utcnow()
    record_change(
        session,
        tenant_id=tenant.id,
        actor_account_id=actor_account_id,
        action="billing_run.completed",
        object_type="BillingRun",
        object_id=run.id,
        after={"month": first, "invoice_count": run.invoice_count},
    )
    await session.flush()
    return BillingRunResult(
        month=first,
        preview=False,
        already_billed=False,
        run=run,
        drafts=drafts,
        invoice_ids=invoice_ids,
    )
