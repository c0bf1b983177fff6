"""schoolYearRollover in the domain: what is copied (activities with their rules, current
slots, current price lists with brackets and reductions), what is not, the reuse of an
empty year, the refusals, idempotency and the audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.school_years.rollover import ROLLED_OVER, roll_over
from kernel.results import DomainFailure
from models import (
    Activity,
    AuditEntry,
    PriceBracket,
    PriceList,
    Registration,
    SchoolYear,
    SiblingReduction,
    Slot,
    Tenant,
)
from models.activity import DeadlineKind
from models.child import Grade
from tests import factories
from tests.factories.billing import make_price_list
from tests.factories.bookings import make_registration

START, END = dt.date(2026, 9, 1), dt.date(2027, 7, 2)


async def _town(session: AsyncSession) -> tuple[Tenant, SchoolYear, Activity, Activity]:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    meal = await factories.make_activity(
        session,
        school,
        year,
        code="Repas",
        capacity=80,
        min_grade=Grade.CP,
        max_grade=Grade.CM2,
        booking_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        booking_deadline_offset=2,
        booking_deadline_time=dt.time(12),
        max_days_per_month=8,
        exclusivity_group="midi",
    )
    old = await factories.make_activity(session, school, year, code="Ancien", is_active=False)
    # Monday: replaced in January by a later slot; Tuesday: stopped in March; Friday: runs.
    await factories.make_slot(session, meal, weekday=1, valid_to=dt.date(2026, 1, 31))
    await factories.make_slot(session, meal, weekday=1, valid_from=dt.date(2026, 2, 1), capacity=60)
    await factories.make_slot(session, meal, weekday=2, valid_to=dt.date(2026, 3, 31))
    await factories.make_slot(session, meal, weekday=5, valid_to=dt.date(2026, 8, 31))
    await make_price_list(
        session, meal, valid_from=dt.date(2025, 9, 1), valid_to=dt.date(2025, 12, 31)
    )
    await make_price_list(session, meal, valid_from=dt.date(2026, 1, 1), reductions=((3, 5000),))
    child = await factories.make_child(session, await factories.make_family(session, tenant))
    await make_registration(session, child, meal)
    await session.flush()
    return tenant, year, meal, old


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_rollover_copies_the_active_catalogue(session: AsyncSession) -> None:
    tenant, year, meal, _ = await _town(session)
    registrations = await _count(session, Registration)
    done = await roll_over(
        session,
        tenant_id=tenant.id,
        source_year_id=year.id,
        label="2026-2027",
        start_date=START,
        end_date=END,
        actor_account_id=None,
        idempotency_key="rollover-1",
    )
    assert (done.year.label, done.year.start_date, done.year.end_date) == ("2026-2027", START, END)
    assert done.counts.as_dict() == {
        "activities": 1,
        "slots": 2,
        "priceLists": 1,
        "priceBrackets": 8,
        "siblingReductions": 1,
    }
    copy = (
        await session.scalars(select(Activity).where(Activity.school_year_id == done.year.id))
    ).one()
    assert copy.code == "Repas 26-27"
    for column in (
        "name",
        "category",
        "capacity",
        "min_grade",
        "max_grade",
        "booking_deadline_kind",
        "booking_deadline_offset",
        "booking_deadline_time",
        "max_days_per_month",
        "exclusivity_group",
        "establishment_id",
        "tenant_id",
    ):
        assert getattr(copy, column) == getattr(meal, column), column
    slots = list(
        await session.scalars(
            select(Slot).where(Slot.activity_id == copy.id).order_by(Slot.weekday)
        )
    )
    assert [(s.weekday, s.valid_from, s.valid_to, s.capacity) for s in slots] == [
        (1, START, None, 60),
        (5, START, dt.date(2027, 8, 31), None),
    ]
    prices = (
        await session.scalars(select(PriceList).where(PriceList.activity_id == copy.id))
    ).one()
    assert (prices.valid_from, prices.valid_to) == (START, None)
    brackets = await session.scalars(
        select(PriceBracket).where(PriceBracket.price_list_id == prices.id)
    )
    assert len(list(brackets)) == 8
    reduction = (
        await session.scalars(
            select(SiblingReduction).where(SiblingReduction.price_list_id == prices.id)
        )
    ).one()
    assert (reduction.from_child_rank, reduction.reduction_bp) == (3, 5000)
    assert await _count(session, Registration) == registrations  # families wish again
    entry = (
        await session.scalars(select(AuditEntry).where(AuditEntry.action == ROLLED_OVER))
    ).one()
    assert entry.object_id == done.year.id
    assert entry.after is not None and entry.after["counts"]["activities"] == 1


async def test_a_retry_with_the_key_replays_and_another_use_is_refused(
    session: AsyncSession,
) -> None:
    tenant, year, _, _ = await _town(session)
    args: dict[str, Any] = {
        "tenant_id": tenant.id,
        "source_year_id": year.id,
        "start_date": START,
        "end_date": END,
        "actor_account_id": None,
    }
    first = await roll_over(session, label="2026-2027", idempotency_key="k", **args)
    again = await roll_over(session, label="2026-2027", idempotency_key="k", **args)
    assert again.replayed and again.year.id == first.year.id and again.counts == first.counts
    assert await _count(session, SchoolYear) == 2
    with pytest.raises(DomainFailure) as refused:
        await roll_over(session, label="2027-2028", idempotency_key="k", **args)
    assert [p.code for p in refused.value.problems] == ["IDEMPOTENCY_KEY_REUSED"]
    with pytest.raises(DomainFailure) as taken:
        await roll_over(session, label="2026-2027", idempotency_key=None, **args)
    assert [p.code for p in taken.value.problems] == ["YEAR_NOT_EMPTY"]


async def test_an_empty_year_of_that_label_is_filled(session: AsyncSession) -> None:
    tenant, year, _, _ = await _town(session)
    empty = await factories.make_school_year(
        session, tenant, label="2026-2027", start_date=START, end_date=END
    )
    done = await roll_over(
        session,
        tenant_id=tenant.id,
        source_year_id=year.id,
        label="2026-2027",
        start_date=START,
        end_date=END,
        actor_account_id=None,
        idempotency_key=None,
    )
    assert done.year.id == empty.id and done.counts.activities == 1
    with pytest.raises(DomainFailure) as overlapping:
        await roll_over(
            session,
            tenant_id=tenant.id,
            source_year_id=year.id,
            label="2026-2027 bis",
            start_date=dt.date(2027, 1, 4),
            end_date=dt.date(2027, 12, 17),
            actor_account_id=None,
            idempotency_key=None,
        )
    assert [p.code for p in overlapping.value.problems] == ["INVALID_DATES"]
    assert "chevauchent l'année 2026-2027" in overlapping.value.problems[0].message
    await factories.make_school_year(
        session,
        tenant,
        label="2027-2028",
        start_date=dt.date(2027, 9, 1),
        end_date=dt.date(2028, 7, 4),
    )
    with pytest.raises(DomainFailure) as other_dates:
        await roll_over(
            session,
            tenant_id=tenant.id,
            source_year_id=year.id,
            label="2027-2028",
            start_date=dt.date(2027, 9, 2),
            end_date=dt.date(2028, 7, 4),
            actor_account_id=None,
            idempotency_key=None,
        )
    assert [p.code for p in other_dates.value.problems] == ["INVALID_DATES"]


@pytest.mark.parametrize(
    ("label", "start", "end", "code"),
    [
        ("", START, END, "REQUIRED"),
        ("x" * 21, START, END, "TOO_LONG"),
        ("2025-2026", START, END, "INVALID_DATES"),
        ("2026-2027", END, START, "INVALID_DATES"),
        ("2026-2027", dt.date(2026, 6, 1), END, "INVALID_DATES"),
    ],
)
async def test_bad_input_changes_nothing(
    session: AsyncSession, label: str, start: dt.date, end: dt.date, code: str
) -> None:
    tenant, year, _, _ = await _town(session)
    with pytest.raises(DomainFailure) as refused:
        await roll_over(
            session,
            tenant_id=tenant.id,
            source_year_id=year.id,
            label=label,
            start_date=start,
            end_date=end,
            actor_account_id=None,
            idempotency_key=None,
        )
    assert code in [p.code for p in refused.value.problems]
    assert await _count(session, SchoolYear) == 1


async def test_another_tenants_year_is_not_found(session: AsyncSession) -> None:
    _, year, _, _ = await _town(session)
    other = await factories.make_tenant(session)
    with pytest.raises(DomainFailure) as refused:
        await roll_over(
            session,
            tenant_id=other.id,
            source_year_id=year.id,
            label="2026-2027",
            start_date=START,
            end_date=END,
            actor_account_id=None,
            idempotency_key=None,
        )
    assert [p.code for p in refused.value.problems] == ["NOT_FOUND"]
