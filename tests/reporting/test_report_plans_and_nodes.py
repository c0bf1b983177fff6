"""Issue 14's Q4: a report is planned for its own values on PostgreSQL (never a generic
plan kept from earlier executions), and the activity of a report's groups is one object
per activity, loaded once, however many groups name it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.reporting import Dimension, ReportFilter
from models.account import Role
from resolvers.reporting import report_on_session
from schema.catalogue.types import Activity
from tests.factories.family import make_account_with_token
from tests.factories.reporting import ReportTown, make_report_town
from tests.support.graphql_client import GraphQLClient, StatementCounter

OCCUPANCY = """query {
  reports { occupancy(groupBy: [DAY, ACTIVITY]) {
    groups { keys { day activity { id name rules { capacity } } activityName } count
             sum { reserved } }
    suppressedGroups } } }"""


@pytest.fixture
async def town(session: AsyncSession) -> ReportTown:
    town = await make_report_town(session)
    await session.commit()
    return town


async def test_a_report_is_planned_for_its_own_values_on_postgresql(
    session: AsyncSession, town: ReportTown
) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite keeps no generic plans")
    mode = select(func.current_setting("plan_cache_mode"))
    assert await session.scalar(mode) == "auto"
    result = await report_on_session(
        session,
        "occupancy",
        tenant_id=town.tenant.id,
        timezone=town.tenant.timezone,
        default_min_group_size=1,
        group_by=(Dimension.MONTH,),
        where=ReportFilter(),
    )
    assert result.groups
    # Set for the report's transaction only: the pooled connection goes back as it was.
    assert await session.scalar(mode) == "force_custom_plan"
    await session.rollback()
    assert await session.scalar(mode) == "auto"


async def test_each_activity_of_a_report_is_built_once(
    session: AsyncSession,
    town: ReportTown,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    statements: StatementCounter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[int] = []
    original = Activity.from_row.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Activity], row: Any) -> Activity:
        built.append(row.id)
        return original(cls, row)  # type: ignore[no-any-return]

    monkeypatch.setattr(Activity, "from_row", classmethod(counted))
    _, token = await make_account_with_token(session, town.tenant, role=Role.REPORTING)
    await session.commit()
    api = GraphQLClient(app_http[0], town.tenant.slug)
    with statements.counting() as seen:
        body = await api.post(OCCUPANCY, {}, headers={"authorization": f"Bearer {token}"})
    assert "errors" not in body, body
    groups: list[dict[str, Any]] = body["data"]["reports"]["occupancy"]["groups"]
    named = [g["keys"]["activity"] for g in groups if g["keys"]["activity"] is not None]
    ids = {a["id"] for a in named}
    # Several months of the same activities: the groups name each activity more than once…
    assert len(named) > len(ids) >= 1
    # …and each group's activity is the one its key names, with its rules.
    for group in groups:
        activity = group["keys"]["activity"]
        assert activity is not None and activity["name"] == group["keys"]["activityName"]
        assert "capacity" in activity["rules"]
    assert sorted(built) == sorted(set(built)) and len(built) == len(ids)
    activity_reads = [s for s in seen if "FROM activity" in s and "activity.id IN" in s]
    assert len(activity_reads) == 1, activity_reads
