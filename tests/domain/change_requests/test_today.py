"""Change requests judge dates on the tenant's today (Europe/Paris), never the machine's or
UTC's: just after midnight in Paris, a vaccine injected « today » is accepted although UTC
is still on the previous day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models.request import RequestStatus, RequestType
from tests.domain.change_requests._helpers import PORTAL, _world

# 00:30 on 2 March 2026 in Paris, still 1 March in UTC.
JUST_AFTER_MIDNIGHT = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)


async def _vaccine(session: AsyncSession, injected_on: dt.date) -> RequestStatus:
    world = await _world(session)
    request = await cr.create_change_request(
        session,
        tenant_id=world.tenant.id,
        request_type=RequestType.VACCINATION_CHANGE,
        account_id=world.parent.id,
        family_id=world.family.id,
        target_id=world.children[0].id,
        changes={"vaccinations": [("ROR", injected_on)]},
        comment=None,
        idempotency_key=None,
        portal_url=PORTAL,
        now=JUST_AFTER_MIDNIGHT,
    )
    return request.status


async def test_a_vaccine_of_paris_today_is_accepted(session: AsyncSession) -> None:
    assert await _vaccine(session, dt.date(2026, 3, 2)) is RequestStatus.PENDING


async def test_a_vaccine_of_paris_tomorrow_is_refused(session: AsyncSession) -> None:
    with pytest.raises(DomainFailure) as failure:
        await _vaccine(session, dt.date(2026, 3, 3))
    assert [p.code for p in failure.value.problems] == ["INVALID_DATE"]
