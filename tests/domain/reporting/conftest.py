"""The report town of the report tests, beside another tenant's that must never be counted."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories.reporting import ReportTown, make_report_town


@pytest.fixture
async def town(session: AsyncSession) -> ReportTown:
    town = await make_report_town(session)
    await make_report_town(session)  # another tenant: never counted
    await session.commit()
    return town
