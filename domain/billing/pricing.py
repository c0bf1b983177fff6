"""Prices: what one occurrence of an activity costs a family, as pure functions.

Rounding rule (the only one in billing): an amount that is not a whole number of cents is
rounded **half-up to the cent** (half away from zero), computed in exact integer arithmetic
(never floats): 280.5 c → 281 c, 280.49 c → 280 c, −12.5 c → −13 c. It is applied once per
unit price, reduction or penalty; a line's amount is then exactly quantity × unit price,
and an invoice's total exactly the sum of its lines.

Rules:
- the unit price comes from the price list valid on the day: a flat price, the family's
  family-quotient (QF) bracket ``[qf_min, qf_max)``, or an effort rate (a percentage of the
  QF in euros, in basis points, clamped to a minimum and a maximum);
- a family without a QF valid on that day pays the highest bracket (or the effort maximum);
- a non-resident family pays the non-resident price when the list has one; a child with a
  PAI (individual care plan: own meal) pays the PAI price of a meal activity when set;
- sibling reduction: the n-th child (eldest first) of a family registered to the activity
  gets the largest reduction whose ``from_child_rank`` is ≤ n, as a separate negative line;
- billed absence (late cancellation, unjustified): full price, a fixed fee or a rate of the
  unit price; presence without booking: the unit price plus a fixed fee or a surcharge rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge

BASIS_POINTS = 10_000


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half away from zero, exactly (integers only)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return sign * quotient


def apply_rate(cents: int, rate_bp: int) -> int:
    """``cents`` × ``rate_bp`` / 10 000, rounded half-up to the cent."""
    return round_half_up(cents * rate_bp, BASIS_POINTS)


@dataclass(frozen=True, slots=True)
class Bracket:
    """Unit price for QF in [qf_min, qf_max) (qf_max None: no upper bound)."""

    qf_min: int
    qf_max: int | None
    unit_price_cents: int


@dataclass(frozen=True, slots=True)
class PriceRules:
    """A price list with its brackets and sibling reductions, detached from the database."""

    mode: PricingMode
    valid_from: dt.date
    valid_to: dt.date | None = None
    flat_price_cents: int | None = None
    brackets: tuple[Bracket, ...] = ()
    effort_rate_bp: int | None = None
    effort_min_cents: int | None = None
    effort_max_cents: int | None = None
    non_resident_price_cents: int | None = None
    pai_price_cents: int | None = None
    sibling_reductions: tuple[tuple[int, int], ...] = ()  # (from_child_rank, reduction_bp)
    late_absence_charge: LateAbsenceCharge = LateAbsenceCharge.FULL_PRICE
    late_absence_fee_cents: int = 0
    late_absence_rate_bp: int = BASIS_POINTS
    unbooked_presence_charge: UnbookedPresenceCharge = UnbookedPresenceCharge.NONE
    unbooked_presence_fee_cents: int = 0
    unbooked_presence_rate_bp: int = 0

    def applies_on(self, day: dt.date) -> bool:
        """Whether the list is in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Quotient:
    """A family quotient value with its validity (inclusive bounds)."""

    value: int
    valid_from: dt.date
    valid_to: dt.date | None


def quotient_on(quotients: Iterable[Quotient], day: dt.date) -> int | None:
    """The QF valid on ``day`` (the most recently started one), or None when there is none."""
    valid = [
        q for q in quotients if q.valid_from <= day and (q.valid_to is None or day <= q.valid_to)
    ]
    if not valid:
        return None
    return max(valid, key=lambda q: q.valid_from).value


def rules_on(price_lists: Sequence[PriceRules], day: dt.date) -> PriceRules | None:
    """The price list in force on ``day`` (the latest started), or None."""
    valid = [p for p in price_lists if p.applies_on(day)]
    return max(valid, key=lambda p: p.valid_from) if valid else None


def _highest_bracket(brackets: Sequence[Bracket]) -> Bracket:
    return max(brackets, key=lambda b: (b.qf_max is None, b.qf_min))


def bracket_price(brackets: Sequence[Bracket], qf: int | None) -> int:
    """The unit price of the bracket holding ``qf``; no QF (or a gap): the highest bracket."""
    if not brackets:
        raise ValueError("a QF_BRACKETS price list needs brackets")
    if qf is not None:
        for bracket in brackets:
            if bracket.qf_min <= qf and (bracket.qf_max is None or qf < bracket.qf_max):
                return bracket.unit_price_cents
    return _highest_bracket(brackets).unit_price_cents


def effort_price(rate_bp: int, min_cents: int, max_cents: int, qf: int | None) -> int:
    """Effort rate: ``rate_bp`` of the QF in euros, clamped; no QF: the maximum.

    0.36 % (36 bp) of a QF of 780 € is 2.808 € → 281 c (half-up).
    """
    if qf is None:
        return max_cents
    # QF euros × 100 (cents) × rate_bp / 10 000 = QF × rate_bp / 100 cents.
    effort = round_half_up(qf * rate_bp, 100)
    return min(max(effort, min_cents), max_cents)


def unit_price(rules: PriceRules, *, qf: int | None, resident: bool, pai_meal: bool = False) -> int:
    """What one occurrence costs this family on a day, before reductions and penalties."""
    if pai_meal and rules.pai_price_cents is not None:
        return rules.pai_price_cents
    if not resident and rules.non_resident_price_cents is not None:
        return rules.non_resident_price_cents
    if rules.mode is PricingMode.FLAT:
        if rules.flat_price_cents is None:
            raise ValueError("a FLAT price list needs a flat price")
        return rules.flat_price_cents
    if rules.mode is PricingMode.QF_BRACKETS:
        return bracket_price(rules.brackets, qf)
    if (
        rules.effort_rate_bp is None
        or rules.effort_min_cents is None
        or rules.effort_max_cents is None
    ):
        raise ValueError("an EFFORT_RATE price list needs a rate, a minimum and a maximum")
    return effort_price(rules.effort_rate_bp, rules.effort_min_cents, rules.effort_max_cents, qf)


def sibling_reduction_bp(rules: PriceRules, rank: int) -> int:
    """The reduction (basis points) of the ``rank``-th registered child, eldest first."""
    applicable = [bp for since, bp in rules.sibling_reductions if since <= rank]
    return max(applicable, default=0)


def sibling_reduction_cents(rules: PriceRules, unit_cents: int, rank: int) -> int:
    """The reduction of one occurrence, as a positive amount of cents (0: none)."""
    return apply_rate(unit_cents, sibling_reduction_bp(rules, rank))


def billed_absence_cents(rules: PriceRules, unit_cents: int) -> int:
    """What a billed absence (late cancellation, unjustified) costs."""
    if rules.late_absence_charge is LateAbsenceCharge.FULL_PRICE:
        return unit_cents
    if rules.late_absence_charge is LateAbsenceCharge.FIXED_FEE:
        return rules.late_absence_fee_cents
    return apply_rate(unit_cents, rules.late_absence_rate_bp)


def unbooked_presence_penalty_cents(rules: PriceRules, unit_cents: int) -> int:
    """The penalty, on top of the unit price, for a child present without booking."""
    if rules.unbooked_presence_charge is UnbookedPresenceCharge.FIXED_FEE:
        return rules.unbooked_presence_fee_cents
    if rules.unbooked_presence_charge is UnbookedPresenceCharge.SURCHARGE_RATE:
        return apply_rate(unit_cents, rules.unbooked_presence_rate_bp)
    return 0
