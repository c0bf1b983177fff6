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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing import pricing
from domain.billing.formatting import date_long, euros, month_label
from domain.billing.numbering import format_number, reserve_sequences
from domain.billing.pricing import Bracket, PriceRules, Quotient
from domain.events import append_event
from domain.mail import render_mail
from kernel.results import fail
from models import (
    Activity,
    BillingRun,
    Booking,
    CalendarPeriod,
    Child,
    Family,
    FamilyQuotient,
    Guardian,
    HealthRecord,
    Invoice,
    InvoiceLine,
    OutboxMail,
    PriceBracket,
    PriceList,
    Registration,
    SiblingReduction,
    Tenant,
)
from models.activity import ActivityCategory
from models.base import utcnow
from models.billing import BillingRunStatus, InvoiceKind, InvoiceLineKind, InvoiceStatus
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Diet
from models.event import EventKind
from models.outbox import OutboxStatus
from models.registration import RegistrationStatus

DEFAULT_DUE_DAYS = 30
INVOICE_MAIL = "invoice_issued"
_BILLABLE_STATUSES = (BookingStatus.RESERVED, BookingStatus.UNBOOKED, BookingStatus.ABSENT_BILLED)
_NOT_BILLED_DAYS = (CalendarPeriodKind.CLOSURE, CalendarPeriodKind.STRIKE)
_KIND_ORDER = {kind: i for i, kind in enumerate(InvoiceLineKind)}


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A line to issue: quantity × unit price, and the bookings it bills."""

    child_id: int | None
    activity_id: int | None
    kind: InvoiceLineKind
    label: str
    quantity: int
    unit_price_cents: int
    booking_ids: tuple[int, ...] = ()

    @property
    def amount_cents(self) -> int:
        """Exactly quantity × unit price."""
        return self.quantity * self.unit_price_cents


@dataclass(frozen=True, slots=True)
class DraftInvoice:
    """The invoice of one family for the month, before it is numbered."""

    family_id: int
    family_name: str
    payer_guardian_id: int | None
    lines: tuple[DraftLine, ...]

    @property
    def total_cents(self) -> int:
        """The sum of the lines."""
        return sum(line.amount_cents for line in self.lines)


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


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``month``'s month."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def issuer_of(tenant: Tenant) -> str:
    """Who issues invoices: the tenant setting ``invoice_issuer`` or « Régie Enfance – … »."""
    configured = (tenant.settings or {}).get("invoice_issuer")
    return str(configured) if configured else f"Régie Enfance – {tenant.name}"


def due_days_of(tenant: Tenant) -> int:
    """Days between issue and due date: tenant setting ``invoice_due_days`` (default 30)."""
    value = (tenant.settings or {}).get("invoice_due_days", DEFAULT_DUE_DAYS)
    return int(value) if isinstance(value, int) and value >= 0 else DEFAULT_DUE_DAYS


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Month:
    """Everything the run needs about a month, read in a few statements."""

    bookings: list[Any]
    activities: dict[int, Any]
    price_lists: dict[int, list[PriceRules]]
    closed: set[tuple[int | None, dt.date]]
    families: dict[int, Any]
    payers: dict[int, Any]
    quotients: dict[int, list[Quotient]]
    ranks: dict[tuple[int, int], int]
    pai_children: set[int]


async def _price_lists(
    session: AsyncSession, tenant_id: int, first: dt.date, last: dt.date
) -> dict[int, list[PriceRules]]:
    lists = list(
        await session.scalars(
            select(PriceList).where(
                PriceList.tenant_id == tenant_id,
                PriceList.valid_from <= last,
                (PriceList.valid_to.is_(None)) | (PriceList.valid_to >= first),
            )
        )
    )
    ids = [p.id for p in lists]
    brackets: dict[int, list[Bracket]] = defaultdict(list)
    reductions: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if ids:
        for b in await session.scalars(
            select(PriceBracket).where(PriceBracket.price_list_id.in_(ids))
        ):
            brackets[b.price_list_id].append(Bracket(b.qf_min, b.qf_max, b.unit_price_cents))
        for r in await session.scalars(
            select(SiblingReduction).where(SiblingReduction.price_list_id.in_(ids))
        ):
            reductions[r.price_list_id].append((r.from_child_rank, r.reduction_bp))
    result: dict[int, list[PriceRules]] = defaultdict(list)
    for p in lists:
        result[p.activity_id].append(
            PriceRules(
                mode=p.mode,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                flat_price_cents=p.flat_price_cents,
                brackets=tuple(sorted(brackets[p.id], key=lambda b: b.qf_min)),
                effort_rate_bp=p.effort_rate_bp,
                effort_min_cents=p.effort_min_cents,
                effort_max_cents=p.effort_max_cents,
                non_resident_price_cents=p.non_resident_price_cents,
                pai_price_cents=p.pai_price_cents,
                sibling_reductions=tuple(sorted(reductions[p.id])),
                late_absence_charge=p.late_absence_charge,
                late_absence_fee_cents=p.late_absence_fee_cents,
                late_absence_rate_bp=p.late_absence_rate_bp,
                unbooked_presence_charge=p.unbooked_presence_charge,
                unbooked_presence_fee_cents=p.unbooked_presence_fee_cents,
                unbooked_presence_rate_bp=p.unbooked_presence_rate_bp,
            )
        )
    return dict(result)


async def _read_month(session: AsyncSession, tenant_id: int, month: dt.date) -> _Month:
    first, last = month_bounds(month)
    bookings = list(
        (
            await session.execute(
                select(
                    Booking.id,
                    Booking.child_id,
                    Booking.activity_id,
                    Booking.date,
                    Booking.status,
                    Booking.attendance,
                    Booking.absence_justified,
                    Child.family_id,
                    Child.first_name,
                )
                .join(Child, Child.id == Booking.child_id)
                .where(
                    Booking.tenant_id == tenant_id,
                    Booking.date >= first,
                    Booking.date <= last,
                    Booking.invoice_line_id.is_(None),
                    Booking.status.in_(_BILLABLE_STATUSES),
                )
                .order_by(Booking.id)
            )
        ).all()
    )
    activities = {
        row.id: row
        for row in (
            await session.execute(
                select(
                    Activity.id,
                    Activity.name,
                    Activity.category,
                    Activity.establishment_id,
                    Activity.sort_order,
                    Activity.late_absence_billed,
                ).where(Activity.tenant_id == tenant_id)
            )
        ).all()
    }
    closed: set[tuple[int | None, dt.date]] = set()
    for period in (
        await session.execute(
            select(
                CalendarPeriod.establishment_id, CalendarPeriod.start_date, CalendarPeriod.end_date
            ).where(
                CalendarPeriod.tenant_id == tenant_id,
                CalendarPeriod.kind.in_(_NOT_BILLED_DAYS),
                CalendarPeriod.start_date <= last,
                CalendarPeriod.end_date >= first,
            )
        )
    ).all():
        day = max(period.start_date, first)
        while day <= min(period.end_date, last):
            closed.add((period.establishment_id, day))
            day += dt.timedelta(days=1)
    families = {
        row.id: row
        for row in (
            await session.execute(
                select(Family.id, Family.name, Family.resident).where(Family.tenant_id == tenant_id)
            )
        ).all()
    }
    payers: dict[int, Any] = {}
    for row in (
        await session.execute(
            select(
                Guardian.id,
                Guardian.family_id,
                Guardian.first_name,
                Guardian.last_name,
                Guardian.email,
                Guardian.is_payer,
                Guardian.rank,
            )
            .where(Guardian.tenant_id == tenant_id)
            .order_by(Guardian.family_id, Guardian.is_payer.desc(), Guardian.rank, Guardian.id)
        )
    ).all():
        payers.setdefault(row.family_id, row)
    quotients: dict[int, list[Quotient]] = defaultdict(list)
    for q in (
        await session.execute(
            select(
                FamilyQuotient.family_id,
                FamilyQuotient.value,
                FamilyQuotient.valid_from,
                FamilyQuotient.valid_to,
            ).where(
                FamilyQuotient.tenant_id == tenant_id,
                FamilyQuotient.valid_from <= last,
                (FamilyQuotient.valid_to.is_(None)) | (FamilyQuotient.valid_to >= first),
            )
        )
    ).all():
        quotients[q.family_id].append(Quotient(q.value, q.valid_from, q.valid_to))
    # Sibling rank: children of a family registered to the activity this month, eldest first.
    registered: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    for r in (
        await session.execute(
            select(
                Registration.child_id, Registration.activity_id, Child.family_id, Child.birth_date
            )
            .join(Child, Child.id == Registration.child_id)
            .where(
                Registration.tenant_id == tenant_id,
                Registration.status == RegistrationStatus.ACTIVE,
                Registration.start_date <= last,
                Registration.end_date >= first,
            )
            .distinct()
        )
    ).all():
        registered[(r.family_id, r.activity_id)].append((r.birth_date, r.child_id))
    ranks: dict[tuple[int, int], int] = {}
    for (_family, activity_id), children in registered.items():
        for rank, (_birth, child_id) in enumerate(sorted(set(children)), start=1):
            ranks[(child_id, activity_id)] = rank
    pai_children = set(
        await session.scalars(
            select(HealthRecord.child_id).where(
                HealthRecord.tenant_id == tenant_id, HealthRecord.diet == Diet.PAI
            )
        )
    )
    return _Month(
        bookings=bookings,
        activities=activities,
        price_lists=await _price_lists(session, tenant_id, first, last),
        closed=closed,
        families=families,
        payers=payers,
        quotients=dict(quotients),
        ranks=ranks,
        pai_children=pai_children,
    )


# --------------------------------------------------------------------------- pricing


def _line_label(kind: InvoiceLineKind, activity_name: str, first_name: str) -> str:
    suffix = {
        InvoiceLineKind.ATTENDANCE: "",
        InvoiceLineKind.BILLED_ABSENCE: " – absence facturée",
        InvoiceLineKind.PENALTY: " – présence sans réservation",
        InvoiceLineKind.REDUCTION: " – réduction fratrie",
        InvoiceLineKind.ADJUSTMENT: " – régularisation",
    }[kind]
    return f"{activity_name}{suffix} – {first_name}"[:200]


def _price_bookings(data: _Month) -> list[DraftInvoice]:
    """Group the month's billable bookings into priced lines, one invoice per family."""
    # (family, child, activity, kind, unit) -> booking ids (None: a line without booking link)
    groups: dict[tuple[int, int, int, InvoiceLineKind, int], list[int | None]] = defaultdict(list)
    first_names: dict[int, str] = {}
    # Prices repeat (same activity, family and day for siblings; same QF all month): cache
    # the lookups so that a month of ~50,000 bookings is priced in one pass.
    rules_cache: dict[tuple[int, dt.date], PriceRules | None] = {}
    qf_cache: dict[tuple[int, dt.date], int | None] = {}
    unit_cache: dict[tuple[int, int | None, bool, bool], int] = {}
    closed = data.closed
    for (
        booking_id,
        child_id,
        activity_id,
        day,
        status,
        attendance,
        justified,
        family_id,
        first_name,
    ) in data.bookings:
        activity = data.activities.get(activity_id)
        if activity is None:
            continue
        if closed and ((None, day) in closed or (activity.establishment_id, day) in closed):
            continue
        rules_key = (activity_id, day)
        if rules_key in rules_cache:
            rules = rules_cache[rules_key]
        else:
            rules = rules_cache[rules_key] = pricing.rules_on(
                data.price_lists.get(activity_id, ()), day
            )
        if rules is None:
            continue  # a free activity: nothing to bill
        family = data.families.get(family_id)
        if family is None:
            continue
        first_names[child_id] = first_name
        qf_key = (family_id, day)
        if qf_key in qf_cache:
            qf = qf_cache[qf_key]
        else:
            qf = qf_cache[qf_key] = pricing.quotient_on(data.quotients.get(family_id, ()), day)
        pai = activity.category is ActivityCategory.MEAL and child_id in data.pai_children
        unit_key = (id(rules), qf, family.resident, pai)
        unit = unit_cache.get(unit_key)
        if unit is None:
            unit = unit_cache[unit_key] = pricing.unit_price(
                rules, qf=qf, resident=family.resident, pai_meal=pai
            )
        key = (family_id, child_id, activity_id)
        billed_absence = status is BookingStatus.ABSENT_BILLED or (
            status is BookingStatus.RESERVED and attendance is Attendance.ABSENT
        )
        if billed_absence:
            if justified or not activity.late_absence_billed:
                continue
            charge = pricing.billed_absence_cents(rules, unit)
            groups[(*key, InvoiceLineKind.BILLED_ABSENCE, charge)].append(booking_id)
            continue
        if status is BookingStatus.UNBOOKED:
            if attendance is not Attendance.PRESENT:
                continue
            groups[(*key, InvoiceLineKind.ATTENDANCE, unit)].append(booking_id)
            penalty = pricing.unbooked_presence_penalty_cents(rules, unit)
            if penalty:
                groups[(*key, InvoiceLineKind.PENALTY, penalty)].append(None)
            continue
        # A reservation, attended or not marked: due.
        groups[(*key, InvoiceLineKind.ATTENDANCE, unit)].append(booking_id)
        if rules.sibling_reductions:
            rank = data.ranks.get((child_id, activity_id), 1)
            reduction = pricing.sibling_reduction_cents(rules, unit, rank)
            if reduction:
                groups[(*key, InvoiceLineKind.REDUCTION, -reduction)].append(None)

    by_family: dict[int, list[tuple[tuple[Any, ...], DraftLine]]] = defaultdict(list)
    for (family_id, child_id, activity_id, kind, unit), ids in groups.items():
        activity = data.activities[activity_id]
        line = DraftLine(
            child_id=child_id,
            activity_id=activity_id,
            kind=kind,
            label=_line_label(kind, activity.name, first_names[child_id]),
            quantity=len(ids),
            unit_price_cents=unit,
            booking_ids=tuple(i for i in ids if i is not None),
        )
        order = (child_id, activity.sort_order, activity.name, activity_id, _KIND_ORDER[kind], unit)
        by_family[family_id].append((order, line))

    drafts: list[DraftInvoice] = []
    for family_id in sorted(by_family):
        lines = tuple(line for _, line in sorted(by_family[family_id], key=lambda x: x[0]))
        draft = DraftInvoice(
            family_id=family_id,
            family_name=data.families[family_id].name,
            payer_guardian_id=_payer_id(data, family_id),
            lines=lines,
        )
        if draft.total_cents > 0:
            drafts.append(draft)
    return drafts


def _payer_id(data: _Month, family_id: int) -> int | None:
    payer = data.payers.get(family_id)
    return None if payer is None else int(payer.id)


async def compute_month(
    session: AsyncSession, tenant_id: int, month: dt.date
) -> list[DraftInvoice]:
    """The invoices the month's unbilled bookings give, without writing anything."""
    return _price_bookings(await _read_month(session, tenant_id, month))


# --------------------------------------------------------------------------- writing


def _table(model: type[Any]) -> Table:
    """The Core table of a model: bulk writes skip the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


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
    data = await _read_month(session, tenant.id, first)
    drafts = _price_bookings(data)
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
    start = await reserve_sequences(session, tenant.id, first.year, len(drafts)) if drafts else 0
    invoice_ids = await _issue(
        session, tenant, run, drafts, start=start, today=today, period=(first, last)
    )
    numbers = [format_number(first, start + i) for i in range(len(drafts))] if drafts else []
    mails = _announce(session, tenant, data, drafts, invoice_ids, numbers, run, today, portal_url)
    if mails:
        await session.execute(insert(_table(OutboxMail)), mails)
    run.status = BillingRunStatus.COMPLETED
    run.finished_at = utcnow()
    await session.flush()
    return BillingRunResult(
        month=first,
        preview=False,
        already_billed=False,
        run=run,
        drafts=drafts,
        invoice_ids=invoice_ids,
    )


async def _issue(
    session: AsyncSession,
    tenant: Tenant,
    run: BillingRun,
    drafts: Sequence[DraftInvoice],
    *,
    start: int,
    today: dt.date,
    period: tuple[dt.date, dt.date],
) -> list[int]:
    """Insert the invoices, their lines and the booking links in bulk; returns invoice ids."""
    if not drafts:
        return []
    first, last = period
    issuer = issuer_of(tenant)
    due = today + dt.timedelta(days=due_days_of(tenant))
    now = utcnow()
    invoice_rows = [
        {
            "tenant_id": tenant.id,
            "family_id": d.family_id,
            "payer_guardian_id": d.payer_guardian_id,
            "billing_run_id": run.id,
            "kind": InvoiceKind.INVOICE,
            "credited_invoice_id": None,
            "number": format_number(first, start + i),
            "period_start": first,
            "period_end": last,
            "issued_on": today,
            "due_on": due,
            "issuer": issuer,
            "total_cents": d.total_cents,
            "status": InvoiceStatus.ISSUED,
            "transmitted_on": None,
            "created_at": now,
        }
        for i, d in enumerate(drafts)
    ]
    # Plain executemany (no RETURNING: SQLite would insert row by row), then one read back.
    await session.execute(insert(_table(Invoice)), invoice_rows)
    by_family = dict(
        (
            await session.execute(
                select(Invoice.family_id, Invoice.id).where(Invoice.billing_run_id == run.id)
            )
        ).all()
    )
    invoice_ids = [int(by_family[d.family_id]) for d in drafts]
    await insert_lines(session, tenant.id, zip(invoice_ids, drafts, strict=True))
    return invoice_ids


async def insert_lines(
    session: AsyncSession, tenant_id: int, invoices: Iterable[tuple[int, DraftInvoice]]
) -> None:
    """Insert lines of invoices in bulk and point each billed booking to its line."""
    line_rows: list[dict[str, Any]] = []
    line_bookings: list[tuple[int, ...]] = []
    for invoice_id, draft in invoices:
        for line in draft.lines:
            line_rows.append(
                {
                    "tenant_id": tenant_id,
                    "invoice_id": invoice_id,
                    "child_id": line.child_id,
                    "activity_id": line.activity_id,
                    "kind": line.kind,
                    "label": line.label,
                    "quantity": line.quantity,
                    "unit_price_cents": line.unit_price_cents,
                    "amount_cents": line.amount_cents,
                }
            )
            line_bookings.append(line.booking_ids)
    if not line_rows:
        return
    await session.execute(insert(_table(InvoiceLine)), line_rows)
    # A line is unique per invoice × child × activity × kind × unit price: read the ids back.
    invoice_ids = sorted({row["invoice_id"] for row in line_rows})
    stored = {
        (r.invoice_id, r.child_id, r.activity_id, r.kind, r.unit_price_cents): r.id
        for r in (
            await session.execute(
                select(
                    InvoiceLine.id,
                    InvoiceLine.invoice_id,
                    InvoiceLine.child_id,
                    InvoiceLine.activity_id,
                    InvoiceLine.kind,
                    InvoiceLine.unit_price_cents,
                ).where(InvoiceLine.invoice_id.in_(invoice_ids))
            )
        ).all()
    }
    line_ids = [
        stored[
            (
                row["invoice_id"],
                row["child_id"],
                row["activity_id"],
                row["kind"],
                row["unit_price_cents"],
            )
        ]
        for row in line_rows
    ]
    now = utcnow()
    links = [
        {"booking_id": booking_id, "line_id": line_id, "now": now}
        for line_id, booking_ids in zip(line_ids, line_bookings, strict=True)
        for booking_id in booking_ids
    ]
    if links:
        await _link_bookings(session, links, now)


async def _link_bookings(
    session: AsyncSession, links: Sequence[dict[str, Any]], now: dt.datetime
) -> None:
    """Point each billed booking to its line: one UPDATE on PostgreSQL (arrays joined with
    unnest), a Core executemany elsewhere (SQLite runs it in process, row by row, fast)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text(
                "UPDATE booking SET invoice_line_id = v.line_id, updated_at = :now "
                "FROM (SELECT unnest(CAST(:ids AS BIGINT[])) AS id, "
                "unnest(CAST(:lines AS BIGINT[])) AS line_id) AS v "
                "WHERE booking.id = v.id"
            ),
            {
                "ids": [link["booking_id"] for link in links],
                "lines": [link["line_id"] for link in links],
                "now": now,
            },
        )
        return
    table = _table(Booking)
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("booking_id"))
        .values(invoice_line_id=bindparam("line_id"), updated_at=bindparam("now")),
        list(links),
    )


def _announce(
    session: AsyncSession,
    tenant: Tenant,
    data: _Month,
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
