"""A small town for reporting tests: what was written is kept as plain data (``ReportTown``)
so that each test computes the expected figures independently, in Python, from that data.

Twelve children (six families of two; grades CP and CM2; half under 6 on 1 January 2026),
two establishments, a capped childcare activity (Monday 07:30–08:30) and an uncapped meal
(Monday 11:30–13:30), bookings on two Mondays of March 2026 with every status, eight
requests with known processing times, March invoices with lines, payments, one invoice
transmitted to the treasury and one cancelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Activity,
    Child,
    Establishment,
    Family,
    Invoice,
    Slot,
    Tenant,
)
from models.activity import ActivityCategory
from models.billing import InvoiceLineKind, InvoiceStatus, PaymentMethod
from models.booking import Attendance, BookingStatus
from models.child import Grade
from models.family import QuotientSource
from models.request import RequestStatus, RequestType
from seed import builders
from tests.factories import catalogue as factories
from tests.factories.family import make_child, make_family, make_invoice

__all__ = ["CARE_BOOKINGS", "MONDAYS", "QUOTIENTS", "REQUESTS", "ReportTown", "make_report_town"]

MONDAYS = (dt.date(2026, 3, 2), dt.date(2026, 3, 9))
QUOTIENTS = (300, 500, 900, 1300, 2000, None)
UTC = dt.UTC


@dataclass
class ReportTown:
    """The rows of the town, as plain values for independent expectations."""

    tenant: Tenant
    establishments: list[Establishment]
    care: Activity
    meal: Activity
    families: list[Family]
    children: list[Child]
    bookings: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)


# (child index, status, attendance) on the care slot, each Monday.
CARE_BOOKINGS: tuple[tuple[int, BookingStatus, Attendance | None], ...] = (
    *((i, BookingStatus.RESERVED, Attendance.PRESENT) for i in range(7)),
    (7, BookingStatus.ABSENT, Attendance.ABSENT),
    (8, BookingStatus.ABSENT_BILLED, Attendance.ABSENT),
    (9, BookingStatus.WAITING_LIST, None),
    (10, BookingStatus.UNBOOKED, Attendance.PRESENT),
)
# (family index, type, status, created at, hours to decision or None)
REQUESTS: tuple[tuple[int, RequestType, RequestStatus, dt.datetime, float | None], ...] = (
    (0, RequestType.RESERVATION, RequestStatus.ACCEPTED, dt.datetime(2026, 3, 2, 9, tzinfo=UTC), 1),
    (1, RequestType.RESERVATION, RequestStatus.ACCEPTED, dt.datetime(2026, 3, 3, 9, tzinfo=UTC), 2),
    (2, RequestType.RESERVATION, RequestStatus.REFUSED, dt.datetime(2026, 3, 4, 9, tzinfo=UTC), 5),
    (
        3,
        RequestType.RESERVATION,
        RequestStatus.ACCEPTED,
        dt.datetime(2026, 3, 5, 9, tzinfo=UTC),
        10,
    ),
    (
        4,
        RequestType.RESERVATION,
        RequestStatus.PARTIALLY_ACCEPTED,
        dt.datetime(2026, 3, 6, 9, tzinfo=UTC),
        30,
    ),
    (5, RequestType.ABSENCE, RequestStatus.ACCEPTED, dt.datetime(2026, 3, 9, 9, tzinfo=UTC), 50),
    (0, RequestType.ABSENCE, RequestStatus.ACCEPTED, dt.datetime(2026, 3, 10, 9, tzinfo=UTC), 70),
    (1, RequestType.ABSENCE, RequestStatus.PENDING, dt.datetime(2026, 3, 11, 9, tzinfo=UTC), None),
)


async def make_report_town(session: AsyncSession, *, slug: str | None = None) -> ReportTown:
    """Build the town (flushed; commit before the API reads it)."""
    tenant = await factories.make_tenant(session, **({"slug": slug} if slug else {}))
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant, name="École des Prés")
    centre = await factories.make_establishment(session, tenant, name="Restaurant scolaire")
    care = await factories.make_activity(session, school, year, name="Garderie", capacity=10)
    meal = await factories.make_activity(
        session, centre, year, name="Cantine", category=ActivityCategory.MEAL, is_childcare=False
    )
    care_slot = await factories.make_slot(
        session, care, start_time=dt.time(7, 30), end_time=dt.time(8, 30)
    )
    meal_slot = await factories.make_slot(
        session, meal, start_time=dt.time(11, 30), end_time=dt.time(13, 30)
    )
    town = ReportTown(tenant, [school, centre], care, meal, [], [])
    for f, value in enumerate(QUOTIENTS):
        family = await make_family(session, tenant)
        town.families.append(family)
        if value is not None:
            await builders.add_quotient(
                session,
                family,
                value=value,
                source=QuotientSource.CAF,
                valid_from=dt.date(2026, 1, 1),
            )
        for k in range(2):
            i = 2 * f + k
            town.children.append(
                await make_child(
                    session,
                    family,
                    grade=Grade.CP if i % 2 == 0 else Grade.CM2,
                    birth_date=dt.date(2020, 6, 1) if i < 6 else dt.date(2018, 5, 1),
                    school_id=school.id,
                )
            )
    for day in MONDAYS:
        for i, status, attendance in CARE_BOOKINGS:
            await _book(session, town, i, care_slot, day, status, attendance)
    for i in range(12):
        await _book(
            session, town, i, meal_slot, MONDAYS[0], BookingStatus.RESERVED, Attendance.PRESENT
        )
    for f, kind, request_status, created, hours in REQUESTS:
        family = town.families[f]
        decided = created + dt.timedelta(hours=hours) if hours is not None else None
        await builders.add_request(
            session,
            family,
            child_id=town.children[2 * f].id,
            reference=60_000_000 + len(town.requests),
            type=kind,
            status=request_status,
            activity_id=care.id,
            created_at=created,
            decided_at=decided,
        )
        town.requests.append(
            {"family": f, "type": kind, "status": request_status, "hours": hours, "grade": Grade.CP}
        )
    await _bill(session, town)
    await session.flush()
    return town


async def _book(
    session: AsyncSession,
    town: ReportTown,
    i: int,
    slot: Slot,
    day: dt.date,
    status: BookingStatus,
    attendance: Attendance | None,
) -> None:
    child = town.children[i]
    activity_id = slot.activity_id
    await builders.add_booking(
        session,
        child,
        slot,
        day,
        status=status,
        attendance=attendance,
        waiting_since=dt.datetime(2026, 2, 20, tzinfo=UTC)
        if status is BookingStatus.WAITING_LIST
        else None,
    )
    town.bookings.append(
        {
            "child": i,
            "activity": activity_id,
            "date": day,
            "status": status,
            "attendance": attendance,
            "grade": child.grade,
            "minutes": 60 if activity_id == town.care.id else 120,
            "under_6": child.birth_date > dt.date(2020, 1, 1),
        }
    )


async def _bill(session: AsyncSession, town: ReportTown) -> None:
    """One March invoice per family: care 2 × 350, meal 1 × 400; payments vary."""
    statuses = (
        InvoiceStatus.PAID,
        InvoiceStatus.PAID,
        InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.ISSUED,
        InvoiceStatus.TRANSMITTED_TO_TREASURY,
        InvoiceStatus.CANCELLED,
    )
    paid_amounts = (1100, 1100, 550, 0, 0, 0)
    methods = (PaymentMethod.CARD, PaymentMethod.CHEQUE, PaymentMethod.CARD)
    for f, family in enumerate(town.families):
        invoice: Invoice = await make_invoice(
            session,
            family,
            issued_on=dt.date(2026, 4, 5),
            period_start=dt.date(2026, 3, 1),
            period_end=dt.date(2026, 3, 31),
            total_cents=1100,
            status=statuses[f],
        )
        child = town.children[2 * f]
        for activity, quantity, unit in ((town.care, 2, 350), (town.meal, 1, 400)):
            await builders.add_invoice_line(
                session,
                invoice,
                child=child,
                activity=activity,
                kind=InvoiceLineKind.ATTENDANCE,
                quantity=quantity,
                unit_price_cents=unit,
            )
            town.lines.append(
                {
                    "family": f,
                    "activity": activity.id,
                    "amount": quantity * unit,
                    "status": statuses[f],
                    "paid": paid_amounts[f],
                    "total": 1100,
                }
            )
        town.invoices.append({"family": f, "status": statuses[f], "paid": paid_amounts[f]})
        if paid_amounts[f]:
            method = methods[f]
            await builders.add_payment(
                session,
                invoice,
                method=method,
                amount_cents=paid_amounts[f],
                paid_on=dt.date(2026, 4, 10 + f),
                operation_number=f"OP{town.tenant.id}-{f}",
                description="Règlement",
            )
            town.payments.append({"family": f, "method": method, "amount": paid_amounts[f]})
