"""Billing factories: price lists (brackets, sibling reductions), family quotients, and a
billed town (a priced booking town with households and a staff agent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Family, FamilyQuotient, PriceList, Tenant
from models.billing import PricingMode
from models.family import QuotientSource
from seed import builders
from tests.factories.bookings import (
    YEAR_START,
    BookingTown,
    Household,
    make_booking_town,
    make_household,
)
from tests.factories.family import make_staff_account_with_token

__all__ = [
    "BILLING_DAY",
    "GUIDE_BRACKETS",
    "SEPTEMBER",
    "BilledTown",
    "make_billed_town",
    "make_price_list",
    "make_quotient",
    "mondays",
]

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
    values: dict[str, Any] = {"valid_from": YEAR_START, "mode": mode}
    if mode is PricingMode.FLAT:
        values["flat_price_cents"] = 300
    if mode is PricingMode.EFFORT_RATE:
        values.update(effort_rate_bp=36, effort_min_cents=260, effort_max_cents=450)
    values.update(overrides)
    return await builders.add_price_list(
        session,
        activity,
        brackets=brackets if mode is PricingMode.QF_BRACKETS else (),
        reductions=reductions,
        **values,
    )


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
    return await builders.add_quotient(
        session, family, value=value, source=source, valid_from=valid_from, valid_to=valid_to
    )


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
    """A booking town with a price list, its households (each with a quotient) and a staff
    agent: what a billing run needs."""

    town: BookingTown
    price_list: PriceList
    households: list[Household]
    staff: str  # token

    @property
    def tenant(self) -> Tenant:
        return self.town.tenant

    @property
    def parents(self) -> list[str]:
        """The households' parent tokens, in order."""
        return [home.token for home in self.households]

    @property
    def families(self) -> list[int]:
        """The households' family ids, in order."""
        return [home.family.id for home in self.households]


async def make_billed_town(
    session: AsyncSession,
    tenant: Tenant | None = None,
    *,
    households: int = 1,
    children: int = 1,
    quotient: int | None = 700,
    **price: Any,
) -> BilledTown:
    """A booking town (of ``tenant``) priced with the guide's brackets (``price`` overrides
    the price list), ``households`` households of ``children`` children with a quotient
    (700: 2.10 €), and a staff agent; bookings are the test's to make."""
    town = await make_booking_town(session, tenant)
    price_list = await make_price_list(session, town.activity, **price)
    homes = []
    for _ in range(households):
        home = await make_household(session, town, children=children)
        if quotient is not None:
            await make_quotient(session, home.family, quotient)
        homes.append(home)
    _, staff = await make_staff_account_with_token(session, town.tenant)
    return BilledTown(town, price_list, homes, staff)
