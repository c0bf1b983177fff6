"""Two billing runs of the same month at once (PostgreSQL): one bills, the other loses on
the unique (tenant, month) constraint and writes nothing."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.billing.billing_run import run_billing
from models import Booking, Invoice, Tenant
from models.engine import create_session_factory
from tests.factories.billing import BILLING_DAY, SEPTEMBER, make_price_list, mondays
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.requests import make_booking


async def test_concurrent_runs_bill_each_booking_once(
    engine: AsyncEngine, session: AsyncSession
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    town = await make_booking_town(session)
    await make_price_list(session, town.activity)
    for _ in range(3):
        home = await make_household(session, town)
        for day in mondays():
            await make_booking(session, home.children[0], town.slots[1], day)
    tenant_id = town.tenant.id
    await session.commit()
    sessions = create_session_factory(engine)

    async def bill() -> str:
        try:
            async with sessions() as own, own.begin():
                tenant = await own.get(Tenant, tenant_id)
                assert tenant is not None
                result = await run_billing(own, tenant=tenant, month=SEPTEMBER, today=BILLING_DAY)
                return "already" if result.already_billed else "billed"
        except IntegrityError:
            return "lost"

    outcomes = sorted(await asyncio.gather(bill(), bill()))
    assert outcomes in (["already", "billed"], ["billed", "lost"])
    async with sessions() as check:
        assert await check.scalar(select(func.count()).select_from(Invoice)) == 3
        billed = await check.scalar(
            select(func.count()).where(Booking.invoice_line_id.is_not(None))
        )
        assert billed == 12
