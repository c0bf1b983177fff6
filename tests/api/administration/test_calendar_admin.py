"""School years and the official calendar over HTTP: schoolYearCreate (with the official
import by default), schoolYearUpdate, calendarImport (idempotent, never touching the
town's own periods), calendarPeriodCreate / calendarPeriodDelete — administrators only."""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditEntry, CalendarPeriod, SchoolYear, Tenant
from models.account import Role
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient

CREATE = """mutation($input: SchoolYearCreateInput!) { schoolYearCreate(input: $input) {
  schoolYear { id label startDate endDate }
  calendarImport { created removed unchanged bookingsCancelled familiesNotified }
  errors { field message code } } }"""
UPDATE = """mutation($input: SchoolYearUpdateInput!) { schoolYearUpdate(input: $input) {
  schoolYear { id label startDate endDate } errors { field message code } } }"""
IMPORT = """mutation($input: CalendarImportInput!) { calendarImport(input: $input) {
  schoolYear { label } counts { created removed unchanged bookingsCancelled familiesNotified }
  errors { field message code } } }"""
PERIOD = """mutation($input: CalendarPeriodCreateInput!) { calendarPeriodCreate(input: $input) {
  period { id kind label startDate endDate establishment { id } }
  bookingsCancelled requestsLinesClosed familiesNotified errors { field message code } } }"""
DELETE = """mutation($input: CalendarPeriodDeleteInput!) { calendarPeriodDelete(input: $input) {
  deletedPeriodId errors { field message code } } }"""
CALENDAR = """query($range: DateRangeInput!) { calendar(range: $range) {
  periods { kind label startDate endDate official }
  days { date isSchoolHoliday isClosed labels } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def admin(session: AsyncSession, tenant: Tenant) -> str:
    _, token = await make_account_with_token(session, tenant, role=Role.ADMIN)
    await session.commit()
    return token


async def call(api: GraphQLClient, token: str | None, query: str, variables: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def result(api: GraphQLClient, token: str, query: str, variables: Any) -> Any:
    body = await call(api, token, query, variables)
    assert "errors" not in body, body
    (value,) = body["data"].values()
    return value


def year_input(**values: Any) -> dict[str, Any]:
    base = {"label": "2026-2027", "startDate": "2026-09-01", "endDate": "2027-07-02"}
    return {"input": base | values}


async def count(session: AsyncSession, model: Any, *where: Any) -> int:
    return await session.scalar(select(func.count()).select_from(model).where(*where)) or 0


async def test_a_new_year_comes_with_its_official_calendar(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)  # zone A
    created = await result(api, token, CREATE, year_input(idempotencyKey="year-1"))
    assert created["errors"] == []
    assert created["schoolYear"]["label"] == "2026-2027"
    counts = created["calendarImport"]
    assert counts["created"] > 10
    assert counts["removed"] == counts["unchanged"] == counts["bookingsCancelled"] == 0

    calendar = await api.data(CALENDAR, {"range": {"gte": "2026-10-15", "lte": "2026-11-12"}})
    labels = {(p["kind"], p["label"]) for p in calendar["calendar"]["periods"]}
    assert all(p["official"] for p in calendar["calendar"]["periods"])
    assert ("SCHOOL_HOLIDAY", "Vacances de la Toussaint") in labels
    assert ("PUBLIC_HOLIDAY", "Armistice") in labels
    days = {d["date"]: d for d in calendar["calendar"]["days"]}
    assert days["2026-10-19"]["isSchoolHoliday"]
    assert days["2026-11-11"]["isClosed"]
    assert not days["2026-11-02"]["isSchoolHoliday"]  # classes resume on Monday 2

    # A retry with the key answers with the same year and creates nothing.
    again = await result(api, token, CREATE, year_input(idempotencyKey="year-1"))
    assert again["errors"] == []
    assert again["schoolYear"]["id"] == created["schoolYear"]["id"]
    assert await count(session, SchoolYear, SchoolYear.tenant_id == tenant.id) == 1
    assert (
        await count(
            session,
            AuditEntry,
            AuditEntry.tenant_id == tenant.id,
            AuditEntry.action == "school_year.created",
        )
        == 1
    )


async def test_the_import_is_idempotent_and_leaves_the_towns_own_periods(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)
    created = await result(api, token, CREATE, year_input())
    year_id = created["schoolYear"]["id"]
    own = await result(
        api,
        token,
        PERIOD,
        {
            "input": {
                "schoolYear": year_id,
                "kind": "SCHOOL_HOLIDAY",
                "label": "Pont de l'Ascension (commune)",
                "startDate": "2027-05-07",
                "endDate": "2027-05-07",
            }
        },
    )
    assert own["errors"] == []
    again = await result(api, token, IMPORT, {"input": {"schoolYear": year_id}})
    assert again["errors"] == []
    assert again["counts"]["created"] == again["counts"]["removed"] == 0
    assert again["counts"]["unchanged"] == created["calendarImport"]["created"]
    total = created["calendarImport"]["created"] + 1
    assert await count(session, CalendarPeriod, CalendarPeriod.tenant_id == tenant.id) == total

    # An official period the data no longer has is removed; the town's own one stays.
    period = await session.scalar(
        select(CalendarPeriod).where(
            CalendarPeriod.tenant_id == tenant.id, CalendarPeriod.official.is_(True)
        )
    )
    assert period is not None
    period.label = "Ancien libellé"
    await session.commit()
    fixed = await result(api, token, IMPORT, {"input": {"schoolYear": year_id}})
    assert (fixed["counts"]["created"], fixed["counts"]["removed"]) == (1, 1)
    assert await count(session, CalendarPeriod, CalendarPeriod.tenant_id == tenant.id) == total
    assert (
        await count(
            session, CalendarPeriod, CalendarPeriod.label == "Pont de l'Ascension (commune)"
        )
        == 1
    )


async def test_a_year_the_official_data_does_not_cover(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)
    later = {"label": "2029-2030", "startDate": "2029-09-03", "endDate": "2030-07-05"}
    refused = await result(api, token, CREATE, {"input": later})
    assert refused["schoolYear"] is None
    (error,) = refused["errors"]
    assert error["code"] == "DATA_NOT_AVAILABLE"
    assert error["field"] == ["importOfficialCalendar"]
    assert "2029-2030 n'est pas disponible" in error["message"]
    assert await count(session, SchoolYear, SchoolYear.tenant_id == tenant.id) == 0

    manual = await result(api, token, CREATE, {"input": later | {"importOfficialCalendar": False}})
    assert manual["errors"] == [] and manual["calendarImport"] is None
    year_id = manual["schoolYear"]["id"]
    imported = await result(api, token, IMPORT, {"input": {"schoolYear": year_id}})
    assert [e["code"] for e in imported["errors"]] == ["DATA_NOT_AVAILABLE"]
    assert await count(session, CalendarPeriod, CalendarPeriod.tenant_id == tenant.id) == 0


async def test_labels_dates_and_overlaps_are_checked(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)
    first = await result(api, token, CREATE, year_input(importOfficialCalendar=False))
    year_id = first["schoolYear"]["id"]

    async def codes(query: str, variables: Any) -> list[str]:
        return [e["code"] for e in (await result(api, token, query, variables))["errors"]]

    assert await codes(CREATE, year_input(startDate="2027-09-01", endDate="2028-07-01")) == [
        "DUPLICATE"
    ]
    assert await codes(
        CREATE, year_input(label="2027-2028", startDate="2028-07-01", endDate="2027-09-01")
    ) == ["INVALID_DATES"]
    assert await codes(
        CREATE, year_input(label="2027-2028", startDate="2027-06-01", endDate="2028-07-01")
    ) == ["OVERLAP"]
    assert await codes(CREATE, year_input(label="  ")) == ["REQUIRED"]
    assert await codes(CREATE, year_input(label="x" * 21)) == ["TOO_LONG"]
    assert await codes(UPDATE, {"input": {"schoolYear": gid("SchoolYear", 999_999)}}) == [
        "NOT_FOUND"
    ]

    second = await result(
        api,
        token,
        CREATE,
        year_input(
            label="2027-2028",
            startDate="2027-09-01",
            endDate="2028-07-04",
            importOfficialCalendar=False,
        ),
    )
    assert await codes(UPDATE, {"input": {"schoolYear": year_id, "label": "2027-2028"}}) == [
        "DUPLICATE"
    ]
    assert await codes(
        UPDATE, {"input": {"schoolYear": second["schoolYear"]["id"], "startDate": "2027-06-30"}}
    ) == ["OVERLAP"]
    updated = await result(
        api, token, UPDATE, {"input": {"schoolYear": year_id, "endDate": "2027-07-03"}}
    )
    assert updated["errors"] == []
    assert updated["schoolYear"]["endDate"] == "2027-07-03"
    entry = await session.scalar(
        select(AuditEntry).where(
            AuditEntry.tenant_id == tenant.id, AuditEntry.action == "school_year.updated"
        )
    )
    assert entry is not None
    assert (entry.before, entry.after) == ({"end_date": "2027-07-02"}, {"end_date": "2027-07-03"})


async def test_official_periods_cannot_be_deleted_the_towns_own_can(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)
    year_id = (await result(api, token, CREATE, year_input()))["schoolYear"]["id"]
    official = await session.scalar(
        select(CalendarPeriod.id).where(
            CalendarPeriod.tenant_id == tenant.id, CalendarPeriod.official.is_(True)
        )
    )
    assert official is not None
    refused = await result(
        api, token, DELETE, {"input": {"period": gid("CalendarPeriod", official)}}
    )
    assert [e["code"] for e in refused["errors"]] == ["OFFICIAL_PERIOD"]
    assert "calendrier officiel" in refused["errors"][0]["message"]

    bad = {"schoolYear": year_id, "kind": "CLOSURE", "label": "Travaux"}
    outside = await result(
        api, token, PERIOD, {"input": bad | {"startDate": "2026-08-20", "endDate": "2026-08-21"}}
    )
    assert [e["code"] for e in outside["errors"]] == ["OUTSIDE_SCHOOL_YEAR"]
    reversed_ = await result(
        api, token, PERIOD, {"input": bad | {"startDate": "2026-10-02", "endDate": "2026-10-01"}}
    )
    assert [e["code"] for e in reversed_["errors"]] == ["INVALID_DATES"]
    nowhere = await result(
        api,
        token,
        PERIOD,
        {
            "input": bad
            | {
                "startDate": "2026-10-01",
                "endDate": "2026-10-01",
                "establishment": gid("Establishment", 999_999),
            }
        },
    )
    assert [e["code"] for e in nowhere["errors"]] == ["NOT_FOUND"]

    made = await result(
        api, token, PERIOD, {"input": bad | {"startDate": "2026-10-01", "endDate": "2026-10-02"}}
    )
    assert made["errors"] == [] and made["bookingsCancelled"] == 0
    period_id = made["period"]["id"]
    deleted = await result(api, token, DELETE, {"input": {"period": period_id}})
    assert deleted == {"deletedPeriodId": period_id, "errors": []}
    assert await count(session, CalendarPeriod, CalendarPeriod.label == "Travaux") == 0
    actions = set(
        await session.scalars(select(AuditEntry.action).where(AuditEntry.tenant_id == tenant.id))
    )
    assert {"calendar_period.created", "calendar_period.deleted", "calendar.imported"} <= actions


async def test_only_administrators_manage_the_calendar(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    _, staff = await make_account_with_token(session, tenant, role=Role.STAFF)
    _, parent = await make_account_with_token(session, tenant, role=Role.PARENT)
    await session.commit()
    for token in (staff, parent, None):
        body = await call(api, token, CREATE, year_input())
        assert body.get("data") is None
        assert body["errors"][0]["extensions"]["code"] in ("FORBIDDEN", "UNAUTHENTICATED")
    assert await count(session, SchoolYear, SchoolYear.tenant_id == tenant.id) == 0


async def test_a_holiday_the_town_entered_by_hand_is_not_imported_twice(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    token = await admin(session, tenant)
    year_id = (await result(api, token, CREATE, year_input(importOfficialCalendar=False)))[
        "schoolYear"
    ]["id"]
    by_hand = {
        "schoolYear": year_id,
        "kind": "PUBLIC_HOLIDAY",
        "label": "Armistice",
        "startDate": "2026-11-11",
        "endDate": "2026-11-11",
    }
    assert (await result(api, token, PERIOD, {"input": by_hand}))["errors"] == []
    imported = await result(api, token, IMPORT, {"input": {"schoolYear": year_id}})
    assert imported["errors"] == []
    assert imported["counts"]["unchanged"] == 1
    assert await count(session, CalendarPeriod, CalendarPeriod.label == "Armistice") == 1
