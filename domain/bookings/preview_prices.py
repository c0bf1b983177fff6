"""What a date of a request would be billed, for the request preview — priced by the
billing run's own functions (``domain.billing.pricing``) over the same data it reads: the
activity's price list in force that day, the family's quotient valid that day, residence,
a PAI meal, and the child's sibling rank on the activity (eldest first).

Nothing is re-implemented here: only the reading of those few facts for one family and
one activity (a handful of statements), then ``unit_price``, ``sibling_reduction_cents``
and ``billed_absence_cents`` exactly as the monthly run applies them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing import pricing
from domain.billing.month_reading import price_lists_between
from domain.billing.pricing import PriceRules, Quotient
from models import Activity, Child, Family, FamilyQuotient, HealthRecord, Registration
from models.activity import ActivityCategory
from models.child import Diet
from models.registration import RegistrationStatus


@dataclass(frozen=True, slots=True)
class FamilyPrices:
    """The price facts of one family for one activity over a span of dates."""

    price_lists: list[PriceRules]
    quotients: list[Quotient]
    resident: bool
    pai_meal_children: frozenset[int]
    ranks: dict[int, int] = field(default_factory=dict)  # child → sibling rank (1 = eldest)

    def _unit(self, child_id: int, day: dt.date) -> tuple[PriceRules, int] | None:
        rules = pricing.rules_on(self.price_lists, day)
        if rules is None:
            return None  # a free activity: nothing is billed
        qf = pricing.quotient_on(self.quotients, day)
        pai = child_id in self.pai_meal_children
        return rules, pricing.unit_price(rules, qf=qf, resident=self.resident, pai_meal=pai)

    def reservation_cents(self, child_id: int, day: dt.date) -> int:
        """What the billing run would bill for this reserved date: the unit price less the
        child's sibling reduction (0 when the activity has no price list that day)."""
        priced = self._unit(child_id, day)
        if priced is None:
            return 0
        rules, unit = priced
        reduction = 0
        if rules.sibling_reductions:
            reduction = pricing.sibling_reduction_cents(rules, unit, self.ranks.get(child_id, 1))
        return unit - reduction

    def billed_absence_cents(self, child_id: int, day: dt.date) -> int:
        """What a billed absence on this date costs (the price list's absence charge)."""
        priced = self._unit(child_id, day)
        if priced is None:
            return 0
        rules, unit = priced
        return pricing.billed_absence_cents(rules, unit)


async def family_prices(
    session: AsyncSession,
    *,
    activity: Activity,
    family_id: int,
    children: Sequence[Child],
    start: dt.date,
    end: dt.date,
) -> FamilyPrices:
    """Read the price facts the billing run would use for these dates (five statements
    at most: price lists and their brackets and reductions, quotients, residence, PAI,
    the family's children registered to the activity)."""
    tenant_id = activity.tenant_id
    lists = await price_lists_between(session, tenant_id, start, end)
    quotients = [
        Quotient(q.value, q.valid_from, q.valid_to)
        for q in await session.execute(
            select(FamilyQuotient.value, FamilyQuotient.valid_from, FamilyQuotient.valid_to).where(
                FamilyQuotient.tenant_id == tenant_id,
                FamilyQuotient.family_id == family_id,
                FamilyQuotient.valid_from <= end,
                (FamilyQuotient.valid_to.is_(None)) | (FamilyQuotient.valid_to >= start),
            )
        )
    ]
    resident = await session.scalar(select(Family.resident).where(Family.id == family_id))
    pai: frozenset[int] = frozenset()
    if activity.category is ActivityCategory.MEAL:
        pai = frozenset(
            await session.scalars(
                select(HealthRecord.child_id).where(
                    HealthRecord.child_id.in_([c.id for c in children]),
                    HealthRecord.diet == Diet.PAI,
                )
            )
        )
    # Sibling rank as the run computes it: the family's children registered to the
    # activity over the span, eldest first.
    registered = sorted(
        {
            (row.birth_date, row.id)
            for row in await session.execute(
                select(Child.id, Child.birth_date)
                .join(Registration, Registration.child_id == Child.id)
                .where(
                    Child.family_id == family_id,
                    Registration.activity_id == activity.id,
                    Registration.status == RegistrationStatus.ACTIVE,
                    Registration.start_date <= end,
                    Registration.end_date >= start,
                )
            )
        }
    )
    ranks = {child_id: rank for rank, (_, child_id) in enumerate(registered, start=1)}
    return FamilyPrices(
        price_lists=lists.get(activity.id, []),
        quotients=quotients,
        resident=bool(resident) if resident is not None else True,
        pai_meal_children=pai,
        ranks=ranks,
    )
