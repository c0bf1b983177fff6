"""Dated price lists: contiguous brackets, never rewritten, never over a billed month —
and the billing reads the list valid on each date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.month_reading import price_lists_between
from domain.billing.pricing import rules_on, unit_price
from domain.catalogue.common import Actor
from domain.catalogue.price_lists import BracketValues, PriceListValues, create_price_list
from kernel.results import DomainFailure
from models import AuditEntry, BillingRun, PriceBracket, PriceList, SiblingReduction
from models.billing import BillingRunStatus, PricingMode
from tests.factories.bookings import BookingTown, make_booking_town

SEPTEMBER = dt.date(2026, 9, 1)
JANUARY = dt.date(2027, 1, 1)
BRACKETS = (
    BracketValues(0, 600, 150),
    BracketValues(600, 1200, 300),
    BracketValues(1200, None, 450),
)


def _flat(town: BookingTown, valid_from: dt.date, cents: int) -> PriceListValues:
    return PriceListValues(town.activity.id, valid_from, PricingMode.FLAT, flat_price_cents=cents)


async def test_a_new_list_ends_the_previous_one_and_billing_reads_each_date(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,))
    actor = Actor(town.tenant.id, None)
    first = await create_price_list(session, actor, _flat(town, SEPTEMBER, 300))
    second = await create_price_list(
        session,
        actor,
        PriceListValues(
            town.activity.id,
            JANUARY,
            PricingMode.QF_BRACKETS,
            brackets=BRACKETS,
            sibling_reductions=((3, 5000),),
        ),
        idempotency_key="grille-2027",
    )
    assert first.valid_to == dt.date(2026, 12, 31) and second.valid_to is None
    brackets = list(
        await session.scalars(
            select(PriceBracket.qf_min).where(PriceBracket.price_list_id == second.id)
        )
    )
    assert sorted(brackets) == [0, 600, 1200]
    assert (
        await session.scalar(
            select(SiblingReduction.reduction_bp).where(SiblingReduction.price_list_id == second.id)
        )
        == 5000
    )
    actions = list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["price_list.created", "price_list.ended", "price_list.created"]
    again = await create_price_list(
        session,
        actor,
        PriceListValues(town.activity.id, JANUARY, PricingMode.QF_BRACKETS, brackets=BRACKETS),
        idempotency_key="grille-2027",
    )
    assert again.id == second.id
    lists = (await price_lists_between(session, town.tenant.id, SEPTEMBER, dt.date(2027, 2, 1)))[
        town.activity.id
    ]
    december = rules_on(lists, dt.date(2026, 12, 7))
    january = rules_on(lists, dt.date(2027, 1, 4))
    assert december is not None and january is not None
    assert unit_price(december, qf=700, resident=True) == 300
    assert unit_price(january, qf=700, resident=True) == 300
    assert unit_price(january, qf=1500, resident=True) == 450


@pytest.mark.parametrize(
    ("brackets", "field"),
    [
        ((BracketValues(100, None, 1),), ("brackets", "0", "qfMin")),
        ((BracketValues(0, 500, 1), BracketValues(600, None, 2)), ("brackets", "1", "qfMin")),
        ((BracketValues(0, 500, 1), BracketValues(400, None, 2)), ("brackets", "1", "qfMin")),
        ((BracketValues(0, 500, 1), BracketValues(500, 900, 2)), ("brackets", "1", "qfMax")),
        ((BracketValues(0, None, 1), BracketValues(500, None, 2)), ("brackets", "0", "qfMax")),
    ],
)
async def test_brackets_cover_every_quotient_once(
    session: AsyncSession, brackets: tuple[BracketValues, ...], field: tuple[str, ...]
) -> None:
    town = await make_booking_town(session, weekdays=(1,))
    with pytest.raises(DomainFailure) as refused:
        await create_price_list(
            session,
            Actor(town.tenant.id, None),
            PriceListValues(
                town.activity.id, SEPTEMBER, PricingMode.QF_BRACKETS, brackets=brackets
            ),
        )
    assert [(p.code, p.field) for p in refused.value.problems] == [("INVALID_BRACKETS", field)]
    assert await session.scalar(select(PriceList.id)) is None


async def test_billed_months_and_existing_lists_are_never_rewritten(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,))
    actor = Actor(town.tenant.id, None)
    await create_price_list(session, actor, _flat(town, SEPTEMBER, 300))
    session.add(
        BillingRun(
            tenant_id=town.tenant.id, month=dt.date(2026, 11, 1), status=BillingRunStatus.COMPLETED
        )
    )
    await session.flush()
    with pytest.raises(DomainFailure) as billed:
        await create_price_list(session, actor, _flat(town, dt.date(2026, 11, 15), 350))
    assert [(p.code, p.field) for p in billed.value.problems] == [
        ("ALREADY_BILLED", ("validFrom",))
    ]
    assert "30/11/2026" in billed.value.problems[0].message
    await create_price_list(session, actor, _flat(town, dt.date(2027, 2, 1), 350))
    with pytest.raises(DomainFailure) as earlier:
        await create_price_list(session, actor, _flat(town, JANUARY, 320))
    assert [p.code for p in earlier.value.problems] == ["INVALID_DATE"]
    with pytest.raises(DomainFailure) as incomplete:
        await create_price_list(
            session,
            actor,
            PriceListValues(
                town.activity.id,
                dt.date(2027, 3, 1),
                PricingMode.EFFORT_RATE,
                effort_rate_bp=36,
                effort_min_cents=500,
                effort_max_cents=400,
                sibling_reductions=((1, 100), (3, 20000)),
            ),
        )
    assert [(p.code, p.field) for p in incomplete.value.problems] == [
        ("INVALID_VALUE", ("effortMaxCents",)),
        ("INVALID_VALUE", ("siblingReductions", "0", "fromChildRank")),
        ("INVALID_VALUE", ("siblingReductions", "1", "reductionBp")),
    ]
