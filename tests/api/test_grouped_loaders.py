"""The per-request grouped loaders are told apart by name, never by printing their SQL:
a filtered loader must be named, and two filters of one table get two loaders."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Activity, Tenant
from models.engine import create_session_factory
from resolvers.database import RequestDatabase
from resolvers.loaders import Loaders
from tests import factories


async def test_a_filtered_loader_without_a_name_is_a_programming_error(
    engine: AsyncEngine, tenant: Tenant
) -> None:
    loaders = Loaders(RequestDatabase(create_session_factory(engine)), tenant.id)
    with pytest.raises(ValueError, match="filter_name"):
        loaders.grouped(
            Activity, Activity.establishment_id, [Activity.id], Activity.is_active.is_(False)
        )


async def test_two_filters_of_one_table_are_two_loaders(
    engine: AsyncEngine, session: AsyncSession, tenant: Tenant
) -> None:
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    active = await factories.make_activity(session, school, year)
    closed = await factories.make_activity(session, school, year, is_active=False)
    await session.commit()
    db = RequestDatabase(create_session_factory(engine))
    loaders = Loaders(db, tenant.id)
    try:

        def by_state(active: bool) -> Any:
            return loaders.grouped(
                Activity,
                Activity.establishment_id,
                [Activity.sort_order, Activity.name, Activity.id],
                Activity.is_active.is_(active),
                filter_name="active" if active else "closed",
            )

        open_ones, closed_ones = by_state(True), by_state(False)
        assert open_ones is not closed_ones
        assert by_state(True) is open_ones  # once per request
        assert [a.id for a in await open_ones.load(school.id)] == [active.id]
        assert [a.id for a in await closed_ones.load(school.id)] == [closed.id]
    finally:
        await db.close()
