"""The calendar's periods as an administrator manages them: the official import
(calendarImport), the town's own periods (calendarPeriodCreate, calendarPeriodDelete).

The planning reads ``calendar_period`` on every request (``facts.load_calendar``), so a
change shows at once. A period that closes days that were open cancels what families had
on them, in the same transaction (``closures.close_days``); removing one reopens the days
(nothing is re-booked). Official periods (``official``) belong to the import: a new import
replaces them — keeping those that did not change — and never touches the town's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change, snapshot
from domain.calendar.closures import ClosureEffects, close_days, load_periods
from domain.calendar.codes import (
    INVALID_DATES,
    NOT_FOUND,
    OFFICIAL_PERIOD,
    OUTSIDE_SCHOOL_YEAR,
    REQUIRED,
    TOO_LONG,
)
from domain.calendar.official import official_periods, year_span
from domain.calendar.opening_days import ClosedPeriod
from domain.labels import label as french
from kernel.results import fail
from models import CalendarPeriod, Establishment, SchoolYear, Tenant
from models.calendar import CalendarPeriodKind

__all__ = [
    "ImportReport",
    "PeriodCreated",
    "create_period",
    "delete_period",
    "import_official_calendar",
]

MAX_LABEL: Final = 200
FIELDS: Final = (
    "school_year_id",
    "establishment_id",
    "kind",
    "label",
    "start_date",
    "end_date",
    "official",
)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: official periods created, removed and kept, and the effects of
    the days it closed."""

    school_year: SchoolYear
    created: int
    removed: int
    unchanged: int
    effects: ClosureEffects


@dataclass(frozen=True, slots=True)
class PeriodCreated:
    """The new period and the effects of the days it closed."""

    period: CalendarPeriod
    effects: ClosureEffects


async def _year(
    session: AsyncSession, tenant_id: int, school_year_id: int | None, *, lock: bool = False
) -> SchoolYear:
    year = (
        await session.get(SchoolYear, school_year_id, with_for_update=lock)
        if school_year_id is not None
        else None
    )
    if year is None or year.tenant_id != tenant_id:
        raise fail(NOT_FOUND, "Année scolaire introuvable.", "schoolYear")
    return year


def _closed(row: CalendarPeriod) -> ClosedPeriod:
    return ClosedPeriod(row.kind, row.start_date, row.end_date, row.establishment_id)


async def import_official_calendar(
    session: AsyncSession,
    *,
    tenant_id: int,
    school_year_id: int | None,
    actor_account_id: int | None,
    now: dt.datetime,
    field: tuple[str, ...] = ("schoolYear",),
) -> ImportReport:
    """Write the official periods of a school year for the tenant's zone: those already
    there stay, those no longer official are removed, the new ones are added (running it
    again changes nothing). DATA_NOT_AVAILABLE when the data does not cover the year."""
    year = await _year(session, tenant_id, school_year_id, lock=True)
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    wanted = official_periods(year.start_date, year.end_date, tenant.school_zone.value, field=field)
    span_start, span_end = year_span(year.start_date, year.end_date)
    span_start = min([span_start, *(p.start for p in wanted)])
    span_end = max([span_end, *(p.end for p in wanted)])
    before = await load_periods(session, tenant_id, span_start, span_end)
    existing = list(
        await session.scalars(
            select(CalendarPeriod)
            .where(
                CalendarPeriod.tenant_id == tenant_id,
                CalendarPeriod.school_year_id == year.id,
                CalendarPeriod.official.is_(True),
            )
            .order_by(CalendarPeriod.start_date, CalendarPeriod.id)
        )
    )
    remaining = {(p.kind, p.label, p.start, p.end): p for p in wanted}
    # A town that entered an official holiday by hand before importing keeps its row, and
    # the import does not write it twice.
    for row in await session.scalars(
        select(CalendarPeriod).where(
            CalendarPeriod.tenant_id == tenant_id,
            CalendarPeriod.official.is_(False),
            CalendarPeriod.establishment_id.is_(None),
            CalendarPeriod.start_date <= span_end,
            CalendarPeriod.end_date >= span_start,
        )
    ):
        remaining.pop((row.kind, row.label, row.start_date, row.end_date), None)
    removed = 0
    for row in existing:
        key = (row.kind, row.label, row.start_date, row.end_date)
        if row.establishment_id is None and key in remaining:
            del remaining[key]
            continue
        await session.delete(row)
        removed += 1
    for period in remaining.values():
        session.add(
            CalendarPeriod(
                tenant_id=tenant_id,
                school_year_id=year.id,
                establishment_id=None,
                kind=period.kind,
                label=period.label,
                start_date=period.start,
                end_date=period.end,
                official=True,
            )
        )
    created = len(remaining)
    effects = ClosureEffects()
    if created or removed:
        await session.flush()
        after = await load_periods(session, tenant_id, span_start, span_end)
        effects = await close_days(
            session,
            tenant_id=tenant_id,
            start=span_start,
            end=span_end,
            before=before,
            after=after,
            reason=f"calendrier officiel {year.label}",
            actor_account_id=actor_account_id,
            now=now,
        )
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="calendar.imported",
            object_type="SchoolYear",
            object_id=year.id,
            after={
                "zone": tenant.school_zone.value,
                "created": created,
                "removed": removed,
                "unchanged": len(wanted) - created,
                "bookingsCancelled": effects.bookings_cancelled,
            },
        )
    await session.flush()
    return ImportReport(year, created, removed, len(wanted) - created, effects)


def _period_label(value: str | None) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise fail(REQUIRED, "Indiquez le libellé de la période (ex. « Grève »).", "label")
    if len(text) > MAX_LABEL:
        raise fail(TOO_LONG, f"Le libellé dépasse {MAX_LABEL} caractères.", "label")
    return text


async def create_period(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    school_year_id: int | None,
    kind: CalendarPeriodKind,
    label: str | None,
    start: dt.date,
    end: dt.date,
    establishment_id: int | None,
    has_establishment: bool,
    now: dt.datetime,
) -> PeriodCreated:
    """Add one of the town's own periods (for the whole collectivity, or one
    establishment) and close what families had on the days it closes."""
    text = _period_label(label)
    year = await _year(session, tenant_id, school_year_id)
    if end < start:
        raise fail(INVALID_DATES, "La fin de la période doit suivre son début.", "endDate")
    first, last = year_span(year.start_date, year.end_date)
    if start < first or end > last:
        raise fail(
            OUTSIDE_SCHOOL_YEAR,
            f"La période doit se situer dans l'année scolaire « {year.label} » (du "
            f"{first:%d/%m/%Y} au {last:%d/%m/%Y}, vacances d'été comprises).",
            "startDate" if start < first else "endDate",
        )
    if has_establishment:
        school = (
            await session.get(Establishment, establishment_id)
            if establishment_id is not None
            else None
        )
        if school is None or school.tenant_id != tenant_id:
            raise fail(NOT_FOUND, "Établissement introuvable.", "establishment")
    before = await load_periods(session, tenant_id, start, end)
    row = CalendarPeriod(
        tenant_id=tenant_id,
        school_year_id=year.id,
        establishment_id=establishment_id if has_establishment else None,
        kind=kind,
        label=text,
        start_date=start,
        end_date=end,
        official=False,
    )
    session.add(row)
    await session.flush()
    effects = await close_days(
        session,
        tenant_id=tenant_id,
        start=start,
        end=end,
        before=before,
        after=[*before, _closed(row)],
        reason=text,
        actor_account_id=actor_account_id,
        now=now,
    )
    after = snapshot(row, FIELDS)
    after["kindLabel"] = french(kind)
    after["bookingsCancelled"] = effects.bookings_cancelled
    after["familiesNotified"] = effects.families_notified
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action="calendar_period.created",
        object_type="CalendarPeriod",
        object_id=row.id,
        after=after,
    )
    await session.flush()
    return PeriodCreated(row, effects)


async def delete_period(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    period_id: int | None,
) -> CalendarPeriod:
    """Remove one of the town's own periods: its days reopen (cancelled bookings stay
    cancelled; families book again). An official period is refused (OFFICIAL_PERIOD):
    the import owns it."""
    row = await session.get(CalendarPeriod, period_id) if period_id is not None else None
    if row is None or row.tenant_id != tenant_id:
        raise fail(NOT_FOUND, "Période introuvable.", "period")
    if row.official:
        raise fail(
            OFFICIAL_PERIOD,
            f"« {row.label} » vient du calendrier officiel et ne peut pas être supprimé : "
            "chaque import du calendrier officiel le remplace.",
            "period",
        )
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action="calendar_period.deleted",
        object_type="CalendarPeriod",
        object_id=row.id,
        before=snapshot(row, FIELDS),
    )
    await session.delete(row)
    await session.flush()
    return row
