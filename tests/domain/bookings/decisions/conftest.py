"""The world of the domain booking decision tests: two families registered to a slot of
two places with a waiting list, and a cancellation deadline at J-2 12:00."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models.activity import DeadlineKind
from models.engine import create_session_factory
from tests import factories
from tests.domain.bookings.decisions._helpers import World
from tests.factories.towns import make_staff_town


@pytest.fixture
async def world(session: AsyncSession, engine: AsyncEngine) -> World:
    town = await make_staff_town(
        session,
        children=3,
        other_children=2,
        capacity=2,
        waiting_list_enabled=True,
        cancellation_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        cancellation_deadline_offset=2,
        cancellation_deadline_time=dt.time(12, 0),
    )
    for child in [*town.children, *town.other_children]:
        await factories.make_registration(session, child, town.activity)
    await session.commit()
    return World(
        create_session_factory(engine),
        town.tenant,
        town.activity,
        town.slot,
        town.parent_account,
        town.staff_account,
        town.children,
        town.other_account,
        town.other_children,
    )
