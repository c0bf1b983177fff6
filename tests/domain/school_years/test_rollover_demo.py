"""The rollover on the demo town: 2026-2027 rolled into 2027-2028 gives the demo's own code
rule (« … 26-27 » → « … 27-28 ») and copies every active activity with its prices."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.school_years.activity_codes import base_code
from domain.school_years.rollover import roll_over
from models import Activity, PriceList, SchoolYear, Slot, Tenant
from models.engine import create_session_factory
from seed.demo_town import load_demo_town


async def test_the_demo_year_rolls_over_into_the_next(engine: AsyncEngine) -> None:
    sessions = create_session_factory(engine)
    await load_demo_town(sessions)
    async with sessions() as session, session.begin():
        tenant = (await session.scalars(select(Tenant))).one()
        source = (
            await session.scalars(select(SchoolYear).where(SchoolYear.label == "2026-2027"))
        ).one()
        old = list(
            await session.scalars(
                select(Activity).where(
                    Activity.school_year_id == source.id, Activity.is_active.is_(True)
                )
            )
        )
        done = await roll_over(
            session,
            tenant_id=tenant.id,
            source_year_id=source.id,
            label="2027-2028",
            start_date=dt.date(2027, 9, 1),
            end_date=dt.date(2028, 7, 4),
            actor_account_id=None,
            idempotency_key=None,
        )
        new = list(
            await session.scalars(select(Activity).where(Activity.school_year_id == done.year.id))
        )
        assert done.counts.activities == len(old) == len(new) > 10
        assert sorted(a.code for a in new) == sorted(base_code(a.code) + " 27-28" for a in old)
        # The year's own codes: « … 26-27 », and the workshop new that year, unsuffixed.
        by_old = {
            a.code: b.code
            for a, b in zip(
                sorted(old, key=lambda a: a.id), sorted(new, key=lambda a: a.id), strict=True
            )
        }
        assert by_old["01/Péri MATIN/Lux 26-27"] == "01/Péri MATIN/Lux 27-28"
        assert by_old["10/Atelier vidéo/Jeunes"] == "10/Atelier vidéo/Jeunes 27-28"
        priced = await session.scalar(
            select(func.count())
            .select_from(PriceList)
            .where(PriceList.activity_id.in_([a.id for a in new]))
        )
        assert priced == done.counts.price_lists == len(new)
        first_slots = await session.scalar(
            select(func.min(Slot.valid_from)).where(Slot.activity_id.in_([a.id for a in new]))
        )
        assert first_slots == dt.date(2027, 9, 1)
