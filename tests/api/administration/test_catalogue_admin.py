"""The catalogue's administration over HTTP: administrators create establishments,
activities with their rules and slots, change them (audited), close slots and change
capacities with the dates affected; agents, parents and anonymous visitors are refused."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.clock import today_in
from models import Activity, AuditEntry, Booking, Child, Establishment, Event, Slot, Tenant
from models.account import Role
from models.booking import BookingStatus
from models.event import EventKind
from tests import factories
from tests.factories import requests as fr
from tests.factories.bookings import make_registration
from tests.factories.family import (
    make_account_with_token,
    make_family_with_members,
    make_parent_account_with_token,
    make_staff_account_with_token,
)
from tests.support.graphql_client import GraphQLClient

ERRORS = "errors { field message code }"
ESTABLISHMENT_CREATE = (
    "mutation($input: EstablishmentCreateInput!) { establishmentCreate(input: $input) { "
    "establishment { id code name email postalCode } " + ERRORS + " } }"
)
ESTABLISHMENT_UPDATE = (
    "mutation($input: EstablishmentUpdateInput!) { establishmentUpdate(input: $input) { "
    "establishment { id code name city phone } " + ERRORS + " } }"
)
RULES = (
    "rules { bookingDeadline { kind offset time weekday description } "
    "cancellationDeadline { kind offset } capacity waitingListEnabled autoAccept "
    "eligibility { minGrade maxGrade } exclusivityGroup maxDaysPerMonth }"
)
ACTIVITY_CREATE = (
    "mutation($input: ActivityCreateInput!) { activityCreate(input: $input) { activity { "
    "id code name isActive sortOrder " + RULES + " } " + ERRORS + " } }"
)
ACTIVITY_UPDATE = (
    "mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { "
    "id code name " + RULES + " } " + ERRORS + " } }"
)
ACTIVITY_CLOSE = (
    "mutation($input: ActivityCloseInput!) { activityClose(input: $input) { "
    "activity { id isActive } " + ERRORS + " } }"
)
SLOT_CREATE = (
    "mutation($input: SlotCreateInput!) { slotCreate(input: $input) { "
    "slot { id weekday startTime endTime validFrom validTo capacity } " + ERRORS + " } }"
)
AFFECTED = "affectedDates { date reserved waiting capacity pending }"
SLOT_CLOSE = (
    "mutation($input: SlotCloseInput!) { slotClose(input: $input) { slot { id validTo } "
    "cancelledBookings { id status } " + AFFECTED + " " + ERRORS + " } }"
)
CAPACITY = (
    "mutation($input: SlotCapacityChangeInput!) { slotCapacityChange(input: $input) { "
    "slot { id capacity } movedToWaitingList { id status } promoted { id status } "
    + AFFECTED
    + " "
    + ERRORS
    + " } }"
)


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@dataclass
class Town:
    tenant_id: int
    year_id: int
    school_id: int
    activity_id: int
    slot_id: int
    admin: str
    staff: str
    parent: str
    child_ids: list[int]
    family_id: int
    weekday: int
    future: list[dt.date]  # the slot's next three dates


async def call(api: GraphQLClient, token: str | None, query: str, input: dict[str, Any]) -> Any:
    """The JSON response to ``query`` with ``input``, sent with ``token``."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, {"input": input}, headers=headers)


async def ok(api: GraphQLClient, token: str, query: str, input: dict[str, Any]) -> Any:
    """The mutation's payload, which must have no top-level errors."""
    body = await call(api, token, query, input)
    assert "errors" not in body, body["errors"]
    return next(iter(body["data"].values()))


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    today = today_in(tenant.timezone)
    year = await factories.make_school_year(
        session,
        tenant,
        label="en cours",
        start_date=today - dt.timedelta(days=90),
        end_date=today + dt.timedelta(days=270),
    )
    school = await factories.make_establishment(session, tenant, code="LUX")
    activity = await factories.make_activity(
        session, school, year, capacity=3, waiting_list_enabled=True
    )
    weekday = (today + dt.timedelta(days=3)).isoweekday()
    slot = await factories.make_slot(
        session, activity, weekday=weekday, valid_from=year.start_date, valid_to=year.end_date
    )
    family, members, kids = await make_family_with_members(session, tenant, children=3)
    for kid in kids:
        await make_registration(session, kid, activity)
    _, parent = await make_parent_account_with_token(session, tenant, guardian=members[0])
    _, staff = await make_staff_account_with_token(session, tenant)
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    first = today + dt.timedelta(days=3)
    town = Town(
        tenant_id=tenant.id,
        year_id=year.id,
        school_id=school.id,
        activity_id=activity.id,
        slot_id=slot.id,
        admin=admin,
        staff=staff,
        parent=parent,
        child_ids=[k.id for k in kids],
        family_id=family.id,
        weekday=weekday,
        future=[first + dt.timedelta(weeks=n) for n in range(3)],
    )
    await session.commit()
    return town


async def test_admin_builds_a_catalogue_and_a_retry_creates_nothing(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    create = {
        "code": "CENTRE",
        "name": "Centre de loisirs",
        "kind": "LEISURE_CENTRE",
        "postalCode": "38330",
        "email": "Centre@Example.fr",
        "idempotencyKey": "centre-1",
    }
    made = await ok(api, town.admin, ESTABLISHMENT_CREATE, create)
    assert made["errors"] == []
    assert made["establishment"]["email"] == "centre@example.fr"
    again = await ok(api, town.admin, ESTABLISHMENT_CREATE, create)
    assert again["establishment"]["id"] == made["establishment"]["id"]
    duplicate = await ok(api, town.admin, ESTABLISHMENT_CREATE, {**create, "idempotencyKey": None})
    assert [(e["code"], e["field"]) for e in duplicate["errors"]] == [("DUPLICATE", ["code"])]

    activity = await ok(
        api,
        town.admin,
        ACTIVITY_CREATE,
        {
            "establishment": made["establishment"]["id"],
            "schoolYear": gid("SchoolYear", town.year_id),
            "code": "SOIR",
            "name": "Garderie du soir",
            "category": "EVENING_CARE",
            "sortOrder": 20,
            "rules": {
                "bookingDeadline": {
                    "kind": "WEEKLY_CUTOFF",
                    "time": "09:00:00",
                    "weekday": "THURSDAY",
                },
                "capacity": 24,
                "eligibility": {"minGrade": "CP"},
                "exclusivityGroup": "soir",
                "maxDaysPerMonth": 10,
            },
        },
    )
    assert activity["errors"] == []
    rules = activity["activity"]["rules"]
    assert rules["bookingDeadline"]["weekday"] == "THURSDAY"
    assert rules["bookingDeadline"]["description"]
    assert (rules["capacity"], rules["eligibility"]["minGrade"], rules["maxDaysPerMonth"]) == (
        24,
        "CP",
        10,
    )
    assert rules["cancellationDeadline"]["kind"] == "NONE" and rules["waitingListEnabled"]
    slot = await ok(
        api,
        town.admin,
        SLOT_CREATE,
        {
            "activity": activity["activity"]["id"],
            "weekday": "MONDAY",
            "startTime": "16:30:00",
            "endTime": "18:30:00",
        },
    )
    assert slot["errors"] == []
    assert slot["slot"]["capacity"] == 24  # the activity's, as the public type shows it
    bad = await ok(
        api,
        town.admin,
        SLOT_CREATE,
        {
            "activity": activity["activity"]["id"],
            "weekday": "TUESDAY",
            "startTime": "18:30:00",
            "endTime": "16:30:00",
            "validFrom": "2001-01-01",
        },
    )
    assert {(e["code"], tuple(e["field"])) for e in bad["errors"]} == {
        ("INVALID_TIMES", ("endTime",)),
        ("OUTSIDE_SCHOOL_YEAR", ("validFrom",)),
    }
    actions = list(
        await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.tenant_id == town.tenant_id)
            .order_by(AuditEntry.id)
        )
    )
    assert actions == ["establishment.created", "activity.created", "slot.created"]


async def test_establishment_update_changes_only_the_fields_given(
    api: GraphQLClient, town: Town
) -> None:
    school = gid("Establishment", town.school_id)
    updated = await ok(
        api, town.admin, ESTABLISHMENT_UPDATE, {"establishment": school, "city": "Saint-Ismier"}
    )
    assert updated["errors"] == []
    assert (updated["establishment"]["code"], updated["establishment"]["city"]) == (
        "LUX",
        "Saint-Ismier",
    )
    cleared = await ok(
        api, town.admin, ESTABLISHMENT_UPDATE, {"establishment": school, "name": None}
    )
    assert [(e["code"], e["field"]) for e in cleared["errors"]] == [("REQUIRED", ["name"])]
    foreign = await ok(
        api, town.admin, ESTABLISHMENT_UPDATE, {"establishment": gid("Establishment", 99999)}
    )
    assert [e["code"] for e in foreign["errors"]] == ["NOT_FOUND"]


async def test_only_administrators_may_change_the_catalogue(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    before = await session.scalar(select(func.count()).select_from(Establishment))
    create = {"code": "X", "name": "X", "kind": "LEISURE_CENTRE"}
    for token in (town.staff, town.parent, None):
        body = await call(api, token, ESTABLISHMENT_CREATE, create)
        assert body["data"] is None and body["errors"], body
    assert await session.scalar(select(func.count()).select_from(Establishment)) == before


async def test_activity_update_is_partial_checked_and_audited_then_closed(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    activity = gid("Activity", town.activity_id)
    refused = await ok(
        api,
        town.admin,
        ACTIVITY_UPDATE,
        {
            "activity": activity,
            "rules": {
                "bookingDeadline": {"kind": "WEEKLY_CUTOFF", "time": "09:00:00"},
                "eligibility": {"minGrade": "CM2", "maxGrade": "CP"},
            },
        },
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [
        ("INVALID_DEADLINE", ["rules", "bookingDeadline", "weekday"]),
        ("INVALID_ELIGIBILITY", ["rules", "eligibility", "maxGrade"]),
    ]
    assert all(e["message"] for e in refused["errors"])
    changed = await ok(
        api,
        town.admin,
        ACTIVITY_UPDATE,
        {"activity": activity, "name": "Garderie du matin", "rules": {"autoAccept": True}},
    )
    assert changed["errors"] == []
    assert changed["activity"]["name"] == "Garderie du matin"
    assert changed["activity"]["rules"]["autoAccept"] is True
    assert changed["activity"]["rules"]["capacity"] == 3  # untouched
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "activity.updated"))
    assert entry is not None and entry.after == {"name": "Garderie du matin", "auto_accept": True}

    closed = await ok(api, town.admin, ACTIVITY_CLOSE, {"activity": activity})
    assert closed["activity"]["isActive"] is False
    again = await ok(api, town.admin, ACTIVITY_CLOSE, {"activity": activity})
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    listed = await api.data("{ activities { edges { node { id } } } }")
    assert activity not in [e["node"]["id"] for e in listed["activities"]["edges"]]
    assert await session.get(Activity, town.activity_id) is not None


async def _book(session: AsyncSession, town: Town, day: dt.date, count: int) -> list[int]:
    slot = await session.get(Slot, town.slot_id)
    assert slot is not None
    ids = []
    for child_id in town.child_ids[:count]:
        child = await session.get(Child, child_id)
        assert child is not None
        ids.append((await fr.make_booking(session, child, slot, day)).id)
    await session.commit()
    return ids


async def test_slot_close_lists_the_dates_then_cancels_with_the_families_told(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    booked = await _book(session, town, town.future[1], 2)
    slot = gid("Slot", town.slot_id)
    since = town.future[0].isoformat()
    refused = await ok(api, town.admin, SLOT_CLOSE, {"slot": slot, "from": since})
    assert [e["code"] for e in refused["errors"]] == ["BOOKINGS_EXIST"]
    assert refused["affectedDates"] == [
        {
            "date": town.future[1].isoformat(),
            "reserved": 2,
            "waiting": 0,
            "capacity": None,
            "pending": 0,
        }
    ]
    closed = await ok(
        api, town.admin, SLOT_CLOSE, {"slot": slot, "from": since, "cancelBookings": True}
    )
    assert closed["errors"] == []
    assert closed["slot"]["validTo"] == (town.future[0] - dt.timedelta(days=1)).isoformat()
    assert {b["status"] for b in closed["cancelledBookings"]} == {"CANCELLED"}
    statuses = set(await session.scalars(select(Booking.status).where(Booking.id.in_(booked))))
    assert statuses == {BookingStatus.CANCELLED}
    events = list(
        await session.scalars(
            select(Event.family_id).where(
                Event.kind == EventKind.BOOKING_CHANGED, Event.subject_id.in_(booked)
            )
        )
    )
    assert events and set(events) == {town.family_id}


async def test_capacity_lowered_under_reservations_is_refused_then_moves_the_excess(
    api: GraphQLClient, town: Town, session: AsyncSession
) -> None:
    booked = await _book(session, town, town.future[0], 3)
    slot = gid("Slot", town.slot_id)
    refused = await ok(api, town.admin, CAPACITY, {"slot": slot, "capacity": 1})
    assert [e["code"] for e in refused["errors"]] == ["CAPACITY_BELOW_RESERVED"]
    assert refused["affectedDates"] == [
        {
            "date": town.future[0].isoformat(),
            "reserved": 3,
            "waiting": 0,
            "capacity": 1,
            "pending": 0,
        }
    ]
    moved = await ok(
        api,
        town.admin,
        CAPACITY,
        {"slot": slot, "capacity": 1, "moveExcessToWaitingList": True},
    )
    assert moved["errors"] == [] and moved["slot"]["capacity"] == 1
    assert len(moved["movedToWaitingList"]) == 2
    assert {b["status"] for b in moved["movedToWaitingList"]} == {"WAITING_LIST"}
    reserved = await session.scalar(
        select(Booking.id).where(Booking.id.in_(booked), Booking.status == BookingStatus.RESERVED)
    )
    assert reserved == booked[0]
    # Back to the activity's 3 places: the activity does not promote by itself.
    raised = await ok(api, town.admin, CAPACITY, {"slot": slot, "capacity": None})
    assert raised["errors"] == [] and raised["promoted"] == []
    assert raised["slot"]["capacity"] == 3
