"""Closing days, called directly: which bookings a new period cancels depends on what the
days were and what they become for each activity (opening_days.runs_on before and after)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.codes import NOT_FOUND, OFFICIAL_PERIOD
from domain.calendar.periods import create_period, delete_period
from kernel.results import DomainFailure
from models import Booking, CalendarPeriod
from models.activity import OperatingDays
from models.base import utcnow
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from tests import factories
from tests.factories import requests as fr

TUESDAY = dt.date(2026, 9, 15)


async def test_a_school_holiday_closes_school_day_activities_only(session: AsyncSession) -> None:
    town = await factories.make_booking_town(session, weekdays=(2,))
    home = await factories.make_household(session, town)
    child = home.children[0]
    all_year = await factories.make_activity(
        session, town.school, town.year, operating_days=OperatingDays.ALL_DAYS
    )
    all_year_slot = await factories.make_slot(
        session, all_year, weekday=2, valid_from=dt.date(2026, 9, 1)
    )
    await factories.make_registration(session, child, all_year)
    school_day = await fr.make_booking(session, child, town.slots[2], TUESDAY)
    every_day = await fr.make_booking(session, child, all_year_slot, TUESDAY)

    made = await create_period(
        session,
        tenant_id=town.tenant.id,
        actor_account_id=None,
        school_year_id=town.year.id,
        kind=CalendarPeriodKind.SCHOOL_HOLIDAY,
        label="Pont",
        start=TUESDAY,
        end=TUESDAY,
        establishment_id=None,
        has_establishment=False,
        now=utcnow(),
    )
    assert made.effects.bookings_cancelled == 1
    assert made.effects.families_notified == 1
    await session.refresh(school_day)
    await session.refresh(every_day)
    assert school_day.status is BookingStatus.CANCELLED
    assert every_day.status is BookingStatus.RESERVED

    # Removing the period reopens the day; what it cancelled stays cancelled.
    await delete_period(
        session, tenant_id=town.tenant.id, actor_account_id=None, period_id=made.period.id
    )
    assert (
        await session.scalar(select(CalendarPeriod).where(CalendarPeriod.label == "Pont")) is None
    )
    status = await session.scalar(select(Booking.status).where(Booking.id == school_day.id))
    assert status is BookingStatus.CANCELLED


async def test_official_and_unknown_periods_cannot_be_deleted(session: AsyncSession) -> None:
    town = await factories.make_booking_town(session)
    official = await factories.make_calendar_period(
        session, town.tenant, label="Vacances de Noël", official=True
    )
    for period_id, code in ((official.id, OFFICIAL_PERIOD), (999_999, NOT_FOUND)):
        with pytest.raises(DomainFailure) as raised:
            await delete_period(
                session, tenant_id=town.tenant.id, actor_account_id=None, period_id=period_id
            )
        assert [p.code for p in raised.value.problems] == [code]
