"""Reading a month for the billing run: bookings, prices, closures, families and ranks.

The whole month is read in a handful of statements (no statement per booking), so that
the run stays fast on a town's ~50,000 bookings a month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.invoice_terms import month_bounds
from domain.billing.pricing import Bracket, PriceRules, Quotient
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    Family,
    FamilyQuotient,
    Guardian,
    HealthRecord,
    PriceBracket,
    PriceList,
    Registration,
    SiblingReduction,
)
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Diet
from models.registration import RegistrationStatus

_BILLABLE_STATUSES = (BookingStatus.RESERVED, BookingStatus.UNBOOKED, BookingStatus.ABSENT_BILLED)
_NOT_BILLED_DAYS = (CalendarPeriodKind.CLOSURE, CalendarPeriodKind.STRIKE)


@dataclass(slots=True)
class MonthData:
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


async def price_lists_between(
    session: AsyncSession, tenant_id: int, first: dt.date, last: dt.date
) -> dict[int, list[PriceRules]]:
    """The price lists in force between two dates, by activity: read by the billing run and
    by the request preview, so a previewed date costs what it will be billed."""
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


async def read_month(session: AsyncSession, tenant_id: int, month: dt.date) -> MonthData:
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
    return MonthData(
        bookings=bookings,
        activities=activities,
        price_lists=await price_lists_between(session, tenant_id, first, last),
        closed=closed,
        families=families,
        payers=payers,
        quotients=dict(quotients),
        ranks=ranks,
        pai_children=pai_children,
    )
