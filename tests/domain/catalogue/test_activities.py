"""Establishments and activities written by administrators: checked before the database
could refuse them, audited with their before/after, closed rather than deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.activities import (
    ActivityValues,
    close_activity,
    create_activity,
    update_activity,
)
from domain.catalogue.common import Actor
from domain.catalogue.establishments import (
    EstablishmentValues,
    create_establishment,
    update_establishment,
)
from kernel.results import DomainFailure
from models import Activity, AuditEntry, Establishment, SchoolYear
from models.activity import ActivityCategory, DeadlineKind
from models.child import Grade
from models.establishment import EstablishmentKind
from tests import factories
from tests.factories import requests as fr
from tests.factories.bookings import make_booking_town, make_household

TODAY = dt.date(2026, 12, 1)


def _codes(failure: pytest.ExceptionInfo[DomainFailure]) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, p.field) for p in failure.value.problems]


async def _entries(session: AsyncSession, action: str) -> list[AuditEntry]:
    return list(await session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


async def test_establishment_created_audited_and_replayed_with_its_key(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    actor = Actor(tenant.id, None)
    values = EstablishmentValues(
        code=" LUX ",
        name="Ecole Lux",
        kind=EstablishmentKind.PRIMARY_SCHOOL,
        postal_code="38330",
        email="Ecole.Lux@Example.fr",
    )
    first = await create_establishment(session, actor, values, idempotency_key="k1")
    assert (first.code, first.email, first.postal_code) == ("LUX", "ecole.lux@example.fr", "38330")
    again = await create_establishment(session, actor, values, idempotency_key="k1")
    assert again.id == first.id
    (entry,) = await _entries(session, "establishment.created")
    assert entry.after is not None and entry.after["code"] == "LUX"
    with pytest.raises(DomainFailure) as duplicate:
        await create_establishment(session, actor, values)
    assert _codes(duplicate) == [("DUPLICATE", ("code",))]


async def test_establishment_update_checks_and_audits_only_the_changes(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    school = await factories.make_establishment(session, tenant, code="A")
    await factories.make_establishment(session, tenant, code="B")
    actor = Actor(tenant.id, None)
    for changes, code in [
        ({"code": "B"}, "DUPLICATE"),
        ({"name": "  "}, "REQUIRED"),
        ({"email": "pas-une-adresse"}, "INVALID_EMAIL"),
        ({"postal_code": "123"}, "INVALID_POSTAL_CODE"),
    ]:
        with pytest.raises(DomainFailure) as refused:
            await update_establishment(session, actor, school.id, changes)
        assert refused.value.problems[0].code == code
    await update_establishment(session, actor, school.id, {"name": "Ecole Lux", "code": "A"})
    (entry,) = await _entries(session, "establishment.updated")
    assert entry.after == {"name": "Ecole Lux"}
    other = await factories.make_tenant(session)
    with pytest.raises(DomainFailure) as foreign:
        await update_establishment(session, Actor(other.id, None), school.id, {"name": "X"})
    assert _codes(foreign) == [("NOT_FOUND", ("establishment",))]


async def _catalogue(session: AsyncSession) -> tuple[Actor, Establishment, int]:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    return Actor(tenant.id, None), school, year.id


async def test_activity_created_with_its_rules_and_defaults(session: AsyncSession) -> None:
    actor, school, year_id = await _catalogue(session)
    row = await create_activity(
        session,
        actor,
        ActivityValues(
            establishment_id=school.id,
            school_year_id=year_id,
            code="SOIR",
            name="Garderie du soir",
            category=ActivityCategory.EVENING_CARE,
            rules={
                "booking_deadline_kind": DeadlineKind.WEEKLY_CUTOFF,
                "booking_deadline_weekday": 4,
                "booking_deadline_time": dt.time(9),
                "capacity": 20,
                "min_grade": Grade.CP,
                "max_days_per_month": 8,
            },
        ),
        idempotency_key="act-1",
    )
    assert (row.capacity, row.min_grade, row.booking_deadline_weekday) == (20, Grade.CP, 4)
    assert row.justification_delay_days == 2 and row.waiting_list_enabled
    assert row.is_active
    (entry,) = await _entries(session, "activity.created")
    assert entry.after is not None and entry.after["capacity"] == 20
    assert entry.after["idempotencyKey"] == "act-1"
    # The key belongs to an activity: using it for an establishment is refused.
    with pytest.raises(DomainFailure) as reused:
        await create_establishment(
            session,
            actor,
            EstablishmentValues("X", "X", EstablishmentKind.LEISURE_CENTRE),
            idempotency_key="act-1",
        )
    assert _codes(reused) == [("IDEMPOTENCY_KEY_REUSED", ("idempotencyKey",))]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (
            {
                "booking_deadline_kind": DeadlineKind.WEEKLY_CUTOFF,
                "booking_deadline_time": dt.time(9),
            },
            [("INVALID_DEADLINE", ("rules", "bookingDeadline", "weekday"))],
        ),
        (
            {
                "cancellation_deadline_kind": DeadlineKind.CALENDAR_DAYS_BEFORE,
                "cancellation_deadline_offset": -1,
            },
            [("INVALID_DEADLINE", ("rules", "cancellationDeadline", "offset"))],
        ),
        (
            {
                "booking_deadline_kind": DeadlineKind.HOURS_BEFORE,
                "booking_deadline_offset": 72,
                "booking_deadline_weekday": 2,
            },
            [("INVALID_DEADLINE", ("rules", "bookingDeadline", "weekday"))],
        ),
        (
            {"min_grade": Grade.CM2, "max_grade": Grade.CP},
            [("INVALID_ELIGIBILITY", ("rules", "eligibility", "maxGrade"))],
        ),
        (
            {"born_on_or_after": dt.date(2020, 1, 1), "born_on_or_before": dt.date(2019, 1, 1)},
            [("INVALID_ELIGIBILITY", ("rules", "eligibility", "bornOnOrBefore"))],
        ),
        (
            {"capacity": -1, "justification_delay_days": -2, "max_days_per_month": 0},
            [
                ("INVALID_VALUE", ("rules", "justificationDelayDays")),
                ("INVALID_VALUE", ("rules", "capacity")),
                ("INVALID_VALUE", ("rules", "maxDaysPerMonth")),
            ],
        ),
    ],
)
async def test_bad_rules_are_refused_in_french_before_the_database(
    session: AsyncSession, rules: dict[str, object], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    actor, school, year_id = await _catalogue(session)
    with pytest.raises(DomainFailure) as refused:
        await create_activity(
            session,
            actor,
            ActivityValues(school.id, year_id, "A", "A", ActivityCategory.OTHER, rules=rules),
        )
    assert _codes(refused) == expected
    assert await session.scalar(select(Activity.id)) is None


async def test_activity_update_merges_rules_audits_the_diff_and_close_keeps_the_row(
    session: AsyncSession,
) -> None:
    actor, school, year_id = await _catalogue(session)
    year = await session.get(SchoolYear, year_id)
    assert year is not None
    activity = await factories.make_activity(
        session,
        school,
        year,
        booking_deadline_kind=DeadlineKind.WEEKLY_CUTOFF,
        booking_deadline_weekday=4,
        booking_deadline_time=dt.time(9),
    )
    old_name = activity.name
    # Only the time changes: the weekday already stored still satisfies the rule.
    await update_activity(
        session,
        actor,
        activity.id,
        {"name": "Garderie"},
        {"booking_deadline_time": dt.time(12)},
        today=TODAY,
    )
    (entry,) = await _entries(session, "activity.updated")
    assert entry.before == {"name": old_name, "booking_deadline_time": "09:00:00"}
    assert entry.after == {"name": "Garderie", "booking_deadline_time": "12:00:00"}
    with pytest.raises(DomainFailure) as refused:
        await update_activity(
            session, actor, activity.id, {}, {"booking_deadline_weekday": None}, today=TODAY
        )
    assert refused.value.problems[0].code == "INVALID_DEADLINE"
    closed = await close_activity(session, actor, activity.id)
    assert closed.is_active is False
    with pytest.raises(DomainFailure) as again:
        await close_activity(session, actor, activity.id)
    assert _codes(again) == [("INVALID_STATE", ("activity",))]
    assert await session.get(Activity, activity.id) is not None


async def test_an_activity_capacity_lowered_under_reservations_is_refused(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1, 2), capacity=3)
    house = await make_household(session, town, children=2)
    monday = dt.date(2026, 12, 7)
    for child in house.children:
        await fr.make_booking(session, child, town.slots[1], monday)
        await fr.make_booking(session, child, town.slots[2], dt.date(2026, 11, 24))  # past
    town.slots[2].capacity = 1  # its own capacity: not concerned
    actor = Actor(town.tenant.id, None)
    with pytest.raises(DomainFailure) as refused:
        await update_activity(session, actor, town.activity.id, {}, {"capacity": 1}, today=TODAY)
    assert _codes(refused) == [("CAPACITY_BELOW_RESERVED", ("rules", "capacity"))]
    assert "07/12/2026" in refused.value.problems[0].message
    await update_activity(session, actor, town.activity.id, {}, {"capacity": 2}, today=TODAY)
    assert town.activity.capacity == 2
