"""Prices: the family quotient on a date, an occurrence's unit price, a sibling's rank."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from models.activity import ActivityCategory
from models.billing import PricingMode
from models.child import Diet
from models.family import QuotientSource
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
        """What one occurrence costs this family, by the activity's price list."""
        item = self.activity_data[code]
        price = item.price
        family = self.child_family[child]
        if (
            item.category is ActivityCategory.MEAL
            and self.child_data[child].health.diet is Diet.PAI
            and price.pai_cents is not None
        ):
            return price.pai_cents
        if not self.family_data[family].resident and price.non_resident_cents is not None:
            return price.non_resident_cents
        qf = self._quotient(family, day)
        if price.mode is PricingMode.FLAT:
            assert price.flat_cents is not None
            return price.flat_cents
        if price.mode is PricingMode.QF_BRACKETS:
            for qf_min, qf_max, cents in price.brackets:
                if qf is None and qf_max is None:
                    return cents
                if qf is not None and qf_min <= qf and (qf_max is None or qf < qf_max):
                    return cents
            raise AssertionError(f"no bracket for QF {qf} in {code}")
        assert price.effort_min_cents is not None
        assert price.effort_max_cents is not None
        if qf is None:
            return price.effort_max_cents
        assert price.effort_rate_bp is not None
        # The rate applies to the QF in euros: 0.36 % of 780 € is 2.81 €.
        effort = _round_cents(Decimal(qf) * price.effort_rate_bp / 100)
        return min(max(effort, price.effort_min_cents), price.effort_max_cents)

    def _child_rank(self, child: str, code: str) -> int:
        """Rank of the child among its registered siblings, eldest first."""
        family = self.family_data[self.child_family[child]]
        registered = sorted(
            (c for c in family.children if code in c.registrations), key=lambda c: c.birth_date
        )
        return [c.key for c in registered].index(child) + 1
