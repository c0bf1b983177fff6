"""The demo town's school and public holidays are the official data's: importing the
official calendar of either demo year changes nothing (issue 12, item 8)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.periods import import_official_calendar
from models import SchoolYear, Tenant
from models.base import utcnow
from models.calendar import CalendarPeriod


async def test_importing_the_official_calendar_of_the_demo_years_changes_nothing(
    demo: AsyncSession,
) -> None:
    tenant = (await demo.scalars(select(Tenant))).one()
    years = list(await demo.scalars(select(SchoolYear).order_by(SchoolYear.start_date)))
    assert [y.label for y in years] == ["2025-2026", "2026-2027"]
    own = {
        p.label
        for p in await demo.scalars(
            select(CalendarPeriod).where(CalendarPeriod.official.is_(False))
        )
    }
    assert len(own) == 2  # the youth sector's closure and the strike: the town's own
    for year in years:
        report = await import_official_calendar(
            demo, tenant_id=tenant.id, school_year_id=year.id, actor_account_id=None, now=utcnow()
        )
        assert (report.created, report.removed) == (0, 0), year.label
        assert report.unchanged > 10
        assert report.effects.bookings_cancelled == 0
