"""Billing factories: price lists (brackets, sibling reductions), family quotients, and a
small billed town (a family with two children booked in September 2026)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Family, FamilyQuotient, PriceBracket, PriceList, SiblingReduction
from models.billing import PricingMode
from models.family import QuotientSource
from tests.factories_bookings import YEAR_START, BookingTown, Household

# The eight brackets of the guide's price table (cents), QF in euros.
GUIDE_BRACKETS: tuple[tuple[int, int | None, int], ...] = (
    (0, 400, 50),
    (400, 600, 120),
    (600, 800, 210),
    (800, 1000, 290),
    (1000, 1300, 350),
    (1300, 1600, 410),
    (1600, 1900, 450),
    (1900, None, 490),
)


async def make_price_list(
    session: AsyncSession,
    activity: Activity,
    *,
    mode: PricingMode = PricingMode.QF_BRACKETS,
    brackets: tuple[tuple[int, int | None, int], ...] = GUIDE_BRACKETS,
    reductions: tuple[tuple[int, int], ...] = (),
    **overrides: Any,
) -> PriceList:
    """A price list of ``activity`` from the start of the school year, with its brackets."""
    values: dict[str, Any] = {
        "tenant_id": activity.tenant_id,
        "activity_id": activity.id,
        "valid_from": YEAR_START,
        "mode": mode,
    }
    if mode is PricingMode.FLAT:
        values["flat_price_cents"] = 300
    if mode is PricingMode.EFFORT_RATE:
        values.update(effort_rate_bp=36, effort_min_cents=260, effort_max_cents=450)
    values.update(overrides)
    price_list = PriceList(**values)
    session.add(price_list)
    await session.flush()
    if mode is PricingMode.QF_BRACKETS:
        session.add_all(
            PriceBracket(
                tenant_id=activity.tenant_id,
                price_list_id=price_list.id,
                qf_min=qf_min,
                qf_max=qf_max,
                unit_price_cents=cents,
            )
            for qf_min, qf_max, cents in brackets
        )
    session.add_all(
        SiblingReduction(
            tenant_id=activity.tenant_id,
            price_list_id=price_list.id,
            from_child_rank=rank,
            reduction_bp=bp,
        )
        for rank, bp in reductions
    )
    await session.flush()
    return price_list


async def make_quotient(
    session: AsyncSession,
    family: Family,
    value: int,
    *,
    valid_from: dt.date = YEAR_START,
    valid_to: dt.date | None = None,
    source: QuotientSource = QuotientSource.CAF,
) -> FamilyQuotient:
    """A family quotient valid from the start of the school year."""
    quotient = FamilyQuotient(
        tenant_id=family.tenant_id,
        family_id=family.id,
        value=value,
        source=source,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    session.add(quotient)
    await session.flush()
    return quotient


SEPTEMBER = dt.date(2026, 9, 1)
BILLING_DAY = dt.date(2026, 10, 5)


def mondays(month: dt.date = SEPTEMBER) -> list[dt.date]:
    """The Mondays of a month (the town's activity runs on Mondays too)."""
    day = month
    found = []
    while day.month == month.month:
        if day.weekday() == 0:
            found.append(day)
        day += dt.timedelta(days=1)
    return found


@dataclass
class BilledTown:
    """A booking town with a price list, and its households."""

    town: BookingTown
    price_list: PriceList
    households: list[Household]
