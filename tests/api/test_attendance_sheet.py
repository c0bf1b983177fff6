"""attendanceSheet (issue 15): the children with a place on a slot on a date, for staff —
their booking and mark, allergies and PAI, the family's contacts — in a constant number of
statements; parents, anonymous visitors and another tenant's staff reach nothing, and an
agent limited to other establishments gets null (as for a slot that does not exist)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import HealthRecord, Tenant
from models.booking import Attendance, BookingStatus
from tests.api.administration.test_staff_scoping import Schools, _last_monday, world
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.factories.towns import StaffTown, make_staff_town
from tests.support.graphql_client import GraphQLClient, StatementCounter

__all__ = ["world"]

MONDAY = dt.date(2026, 1, 12)
SHEET = """query($slot: ID!, $date: Date!) { attendanceSheet(slot: $slot, date: $date) {
  date runsOnDate expectedCount slot { id weekday } activity { id name }
  entries { child { id firstName lastName } booking bookingStatus bookingStatusLabel status
            statusLabel expected attendance attendanceLabel diet dietLabel foodAllergies
            otherAllergies hasPai
            contacts { firstName lastName relationshipLabel mobilePhone phone email } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(
    api: GraphQLClient, token: str | None, slot: int, day: dt.date, **kw: Any
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    variables = {"slot": gid("Slot", slot), "date": day.isoformat()}
    body: dict[str, Any] = await api.post(SHEET, variables, headers=headers, **kw)
    return body


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> StaffTown:
    made = await make_staff_town(session, tenant, children=2, other_children=2, guardians=2)
    first, second = made.children
    other_first, other_second = made.other_children
    await fr.make_booking(session, first, made.slot, MONDAY)
    await fr.make_booking(session, second, made.slot, MONDAY, status=BookingStatus.ABSENT_BILLED)
    await fr.make_booking(
        session, other_first, made.slot, MONDAY, status=BookingStatus.WAITING_LIST
    )
    await fr.make_booking(session, other_second, made.slot, MONDAY, status=BookingStatus.CANCELLED)
    # Another date and another slot: not on this sheet.
    await fr.make_booking(session, first, made.slot, MONDAY + dt.timedelta(weeks=1))
    record = await session.scalar(select(HealthRecord).where(HealthRecord.child_id == first.id))
    assert record is not None
    record.has_pai = True
    record.food_allergies = "Arachide"
    await session.commit()
    return made


async def test_staff_read_who_has_a_place_with_what_they_need(
    api: GraphQLClient, town: StaffTown
) -> None:
    body = await call(api, town.staff, town.slot_id, MONDAY)
    assert "errors" not in body, body
    sheet = body["data"]["attendanceSheet"]
    assert sheet["date"] == MONDAY.isoformat() and sheet["runsOnDate"] is True
    assert sheet["slot"]["id"] == gid("Slot", town.slot_id)
    assert sheet["activity"]["id"] == gid("Activity", town.activity_id)
    entries = sheet["entries"]
    # Reserved and declared absent are listed; the waiting list and cancelled are not.
    assert [e["child"]["id"] for e in entries] == [gid("Child", c) for c in town.child_ids]
    assert sheet["expectedCount"] == 1
    reserved, absent = entries
    assert (reserved["bookingStatus"], reserved["status"], reserved["expected"]) == (
        "RESERVED",
        "RESERVED",
        True,
    )
    assert reserved["statusLabel"] == "Activité réservée"
    assert (reserved["hasPai"], reserved["foodAllergies"]) == (True, "Arachide")
    assert reserved["diet"] == "STANDARD" and reserved["dietLabel"]
    assert reserved["attendance"] is None
    assert (absent["bookingStatus"], absent["status"], absent["expected"]) == (
        "ABSENT_BILLED",
        "ABSENT_BILLED",
        False,
    )
    assert absent["bookingStatusLabel"] == "Absence facturée"
    assert absent["hasPai"] is False and absent["foodAllergies"] is None
    # The family's guardians, in their order on the file, with their phones.
    contacts = reserved["contacts"]
    assert [c["relationshipLabel"] for c in contacts] == ["Mère", "Père"]
    assert contacts[0]["firstName"] == town.guardian_first_name
    assert all(c["mobilePhone"] for c in contacts)
    assert absent["contacts"] == contacts  # same family


async def test_the_sheet_shows_the_marks(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    made = await make_staff_town(session, tenant, children=2)
    day = _last_monday()
    first, second = made.children
    await fr.make_booking(session, first, made.slot, day, attendance=Attendance.PRESENT)
    await fr.make_booking(session, second, made.slot, day, attendance=Attendance.ABSENT)
    (other,) = made.other_children
    await fr.make_booking(
        session,
        other,
        made.slot,
        day,
        status=BookingStatus.UNBOOKED,
        attendance=Attendance.PRESENT,
    )
    await session.commit()
    body = await call(api, made.staff, made.slot_id, day)
    assert "errors" not in body, body
    entries = body["data"]["attendanceSheet"]["entries"]
    by_child = {e["child"]["id"]: e for e in entries}
    assert len(entries) == 3
    present = by_child[gid("Child", made.child_ids[0])]
    assert (present["attendance"], present["attendanceLabel"], present["status"]) == (
        "PRESENT",
        "Présent",
        "PRESENT",
    )
    no_show = by_child[gid("Child", made.child_ids[1])]
    assert (no_show["attendance"], no_show["status"]) == ("ABSENT", "ABSENT_BILLED")
    unbooked = by_child[gid("Child", made.other_child_ids[0])]
    assert (unbooked["bookingStatus"], unbooked["expected"]) == ("UNBOOKED", False)
    assert body["data"]["attendanceSheet"]["expectedCount"] == 2


async def test_another_weekday_is_an_empty_sheet_that_says_so(
    api: GraphQLClient, town: StaffTown
) -> None:
    body = await call(api, town.staff, town.slot_id, MONDAY + dt.timedelta(days=1))
    assert "errors" not in body, body
    sheet = body["data"]["attendanceSheet"]
    assert (sheet["runsOnDate"], sheet["entries"], sheet["expectedCount"]) == (False, [], 0)


async def test_parents_anonymous_and_other_tenants_read_nothing(
    api: GraphQLClient, town: StaffTown
) -> None:
    for token, code in (
        (town.parent, "FORBIDDEN"),
        (town.other_parent, "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ):
        body = await call(api, token, town.slot_id, MONDAY)
        assert body["errors"][0]["extensions"]["code"] == code, body
        assert body.get("data") is None or body["data"]["attendanceSheet"] is None
    # Another tenant's staff: the slot does not exist on their endpoint.
    foreign = await call(api, town.foreign_staff, town.slot_id, MONDAY, tenant=town.foreign_slug)
    assert "errors" not in foreign, foreign
    assert foreign["data"]["attendanceSheet"] is None
    # A slot that does not exist, or an ID of another type.
    assert (await call(api, town.staff, 999_999, MONDAY))["data"]["attendanceSheet"] is None
    wrong = await api.post(
        SHEET,
        {"slot": gid("Child", town.child_ids[0]), "date": MONDAY.isoformat()},
        headers={"authorization": f"Bearer {town.staff}"},
    )
    assert wrong["errors"][0]["message"] == "« slot » n'est pas un identifiant de Slot valide."


async def test_an_agent_limited_to_another_establishment_gets_null(
    api: GraphQLClient, world: Schools
) -> None:
    day = _last_monday()
    other = await call(api, world.agent, world.slots[1], day)
    assert "errors" not in other, other
    assert other["data"]["attendanceSheet"] is None
    own = await call(api, world.agent, world.slots[0], day)
    assert [e["child"]["id"] for e in own["data"]["attendanceSheet"]["entries"]] == [
        gid("Child", world.child)
    ]
    colleague = await call(api, world.colleague, world.slots[1], day)
    assert len(colleague["data"]["attendanceSheet"]["entries"]) == 1


async def test_statements_do_not_depend_on_the_number_of_children(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    made = await make_staff_town(session, tenant, children=1)
    await fr.make_booking(session, made.children[0], made.slot, MONDAY)
    await session.commit()
    await call(api, made.staff, made.slot_id, MONDAY)  # warm caches
    with statements.counting() as one:
        small = await call(api, made.staff, made.slot_id, MONDAY)
    for _ in range(6):
        _, _, kids = await ff.make_family_with_members(session, tenant, guardians=2, children=2)
        for kid in kids:
            await fr.make_booking(session, kid, made.slot, MONDAY)
    await session.commit()
    with statements.counting() as many:
        big = await call(api, made.staff, made.slot_id, MONDAY)
    assert len(small["data"]["attendanceSheet"]["entries"]) == 1
    assert len(big["data"]["attendanceSheet"]["entries"]) == 13
    assert len(many) == len(one), many
