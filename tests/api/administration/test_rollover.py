"""schoolYearRollover over HTTP: administrators copy a year's catalogue into a new year;
agents and parents are refused; the new year's activities are listed with their codes."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, SchoolYear, Tenant
from models.account import Role
from tests import factories
from tests.factories.billing import make_price_list
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient

ROLLOVER = """mutation($input: SchoolYearRolloverInput!) { schoolYearRollover(input: $input) {
  schoolYear { id label startDate endDate }
  counts { activities slots priceLists priceBrackets siblingReductions }
  errors { field message code } } }"""
ACTIVITIES = """query($year: ID!) { activities(where: {schoolYear: $year}) {
  edges { node { code name slots { weekday validFrom } } } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, variables: dict[str, Any]) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(ROLLOVER, variables, headers=headers)


async def _town(session: AsyncSession, tenant: Tenant) -> SchoolYear:
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    meal = await factories.make_activity(session, school, year, code="Repas", name="Repas")
    await factories.make_slot(session, meal, weekday=1)
    await factories.make_slot(session, meal, weekday=4)
    await make_price_list(session, meal, valid_from=dt.date(2025, 9, 1))
    await session.commit()
    return year


def _input(year: SchoolYear, **overrides: Any) -> dict[str, Any]:
    values = {
        "schoolYear": gid("SchoolYear", year.id),
        "label": "2026-2027",
        "startDate": "2026-09-01",
        "endDate": "2027-07-02",
        "idempotencyKey": "rollover-2026",
    }
    values.update(overrides)
    return {"input": values}


async def test_an_administrator_rolls_the_catalogue_over(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    year = await _town(session, tenant)
    _, token = await make_account_with_token(session, tenant, role=Role.ADMIN)
    await session.commit()
    body = await call(api, token, _input(year))
    result = body["data"]["schoolYearRollover"]
    assert result["errors"] == []
    assert result["schoolYear"]["label"] == "2026-2027"
    assert result["counts"] == {
        "activities": 1,
        "slots": 2,
        "priceLists": 1,
        "priceBrackets": 8,
        "siblingReductions": 0,
    }
    listed = await api.data(ACTIVITIES, {"year": result["schoolYear"]["id"]})
    nodes = [e["node"] for e in listed["activities"]["edges"]]
    assert nodes == [
        {
            "code": "Repas 26-27",
            "name": "Repas",
            "slots": [
                {"weekday": "MONDAY", "validFrom": "2026-09-01"},
                {"weekday": "THURSDAY", "validFrom": "2026-09-01"},
            ],
        }
    ]
    again = await call(api, token, _input(year))
    assert again["data"]["schoolYearRollover"]["schoolYear"] == result["schoolYear"]
    assert await session.scalar(select(func.count()).select_from(Activity)) == 2


async def test_bad_input_and_wrong_roles_change_nothing(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    year = await _town(session, tenant)
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    _, agent = await make_account_with_token(session, tenant, role=Role.STAFF)
    _, parent = await make_account_with_token(session, tenant, role=Role.PARENT)
    await session.commit()
    body = await call(api, admin, _input(year, endDate="2026-08-01", startDate="2026-09-01"))
    errors = body["data"]["schoolYearRollover"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_DATES", ["endDate"])]
    body = await call(api, admin, _input(year, schoolYear=gid("Activity", 1)))
    assert body["data"]["schoolYearRollover"]["errors"][0]["code"] == "NOT_FOUND"
    for token, code in ((agent, "FORBIDDEN"), (parent, "FORBIDDEN"), (None, "UNAUTHENTICATED")):
        body = await call(api, token, _input(year))
        assert body["errors"][0]["extensions"]["code"] == code
    assert await session.scalar(select(func.count()).select_from(SchoolYear)) == 1
