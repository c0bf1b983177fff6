"""Prices: the family quotient on a date, an occurrence's unit price, a sibling's rank."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from domain.billing.pricing import Bracket, PriceRules, unit_price
from models.activity import ActivityCategory
from models.child import Diet
from models.family import QuotientSource
from seed.demo_town.activity_data import PRICES_VALID_FROM
from seed.demo_town.base import _BuilderState


def _round_cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class _Pricing(_BuilderState):
    """What one occurrence of an activity costs a family, by its price list."""

    def _quotients(self, family: str) -> list[tuple[int, QuotientSource, dt.date, dt.date | None]]:
        """The family quotients already known by "today" (CAF sends January's in January)."""
        return [q for q in self.family_data[family].quotients if q[2] <= self.today]

    def _quotient(self, family: str, day: dt.date) -> int | None:
        for value, _, valid_from, valid_to in self._quotients(family):
            if valid_from <= day and (valid_to is None or day <= valid_to):
                return value
        return None

    def _unit_price(self, child: str, code: str, day: dt.date) -> int:
        """What one occurrence costs this family, by the activity's price list (the
        billing run's own function, ``domain.billing.pricing.unit_price``)."""
        item = self.activity_data[code]
        price = item.price
        family = self.child_family[child]
        rules = PriceRules(
            mode=price.mode,
            valid_from=PRICES_VALID_FROM,
            flat_price_cents=price.flat_cents,
            brackets=tuple(Bracket(*bracket) for bracket in price.brackets),
            effort_rate_bp=price.effort_rate_bp,
            effort_min_cents=price.effort_min_cents,
            effort_max_cents=price.effort_max_cents,
            non_resident_price_cents=price.non_resident_cents,
            pai_price_cents=price.pai_cents,
        )
        return unit_price(
            rules,
            qf=self._quotient(family, day),
            resident=self.family_data[family].resident,
            pai_meal=item.category is ActivityCategory.MEAL
            and self.child_data[child].health.diet is Diet.PAI,
        )

    def _child_rank(self, child: str, code: str) -> int:
        """Rank of the child among its registered siblings, eldest first."""
        family = self.family_data[self.child_family[child]]
        registered = sorted(
            (c for c in family.children if code in c.registrations), key=lambda c: c.birth_date
        )
        return [c.key for c in registered].index(child) + 1
