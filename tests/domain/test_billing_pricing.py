"""Prices: brackets, effort rate, non-residents, siblings, penalties, the rounding rule."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.billing import pricing
from domain.billing.drafts import DraftInvoice, DraftLine
from domain.billing.formatting import date_long, euros
from domain.billing.pricing import Bracket, PriceRules, Quotient
from models.billing import (
    InvoiceLineKind,
    LateAbsenceCharge,
    PricingMode,
    UnbookedPresenceCharge,
)

START = dt.date(2025, 9, 1)
BRACKETS = (
    Bracket(0, 400, 50),
    Bracket(400, 600, 120),
    Bracket(600, 800, 210),
    Bracket(800, 1000, 290),
    Bracket(1000, 1300, 350),
    Bracket(1300, 1600, 410),
    Bracket(1600, 1900, 450),
    Bracket(1900, None, 490),
)
BRACKET_RULES = PriceRules(mode=PricingMode.QF_BRACKETS, valid_from=START, brackets=BRACKETS)
EFFORT_RULES = PriceRules(
    mode=PricingMode.EFFORT_RATE,
    valid_from=START,
    effort_rate_bp=36,
    effort_min_cents=260,
    effort_max_cents=450,
)


def test_brackets_of_the_guide() -> None:
    assert pricing.unit_price(BRACKET_RULES, qf=399, resident=True) == 50
    assert pricing.unit_price(BRACKET_RULES, qf=400, resident=True) == 120
    assert pricing.unit_price(BRACKET_RULES, qf=2500, resident=True) == 490


def test_without_quotient_the_highest_bracket() -> None:
    assert pricing.unit_price(BRACKET_RULES, qf=None, resident=True) == 490
    assert pricing.unit_price(EFFORT_RULES, qf=None, resident=True) == 450


def test_effort_rate_rounds_half_up_and_clamps() -> None:
    assert pricing.unit_price(EFFORT_RULES, qf=780, resident=True) == 281  # 2.808 €
    assert pricing.unit_price(EFFORT_RULES, qf=1000, resident=True) == 360
    assert pricing.unit_price(EFFORT_RULES, qf=100, resident=True) == 260
    assert pricing.unit_price(EFFORT_RULES, qf=5000, resident=True) == 450


def test_non_resident_and_pai_prices() -> None:
    rules = PriceRules(
        mode=PricingMode.QF_BRACKETS,
        valid_from=START,
        brackets=BRACKETS,
        non_resident_price_cents=650,
        pai_price_cents=150,
    )
    assert pricing.unit_price(rules, qf=500, resident=False) == 650
    assert pricing.unit_price(rules, qf=500, resident=True, pai_meal=True) == 150


def test_sibling_reduction_by_rank() -> None:
    rules = PriceRules(
        mode=PricingMode.FLAT,
        valid_from=START,
        flat_price_cents=415,
        sibling_reductions=((2, 1000), (3, 5000)),
    )
    assert pricing.sibling_reduction_cents(rules, 415, 1) == 0
    assert pricing.sibling_reduction_cents(rules, 415, 2) == 42  # 41.5 → 42
    assert pricing.sibling_reduction_cents(rules, 415, 4) == 208  # 207.5 → 208


def test_penalties() -> None:
    fee = PriceRules(
        mode=PricingMode.FLAT,
        valid_from=START,
        flat_price_cents=300,
        late_absence_charge=LateAbsenceCharge.FIXED_FEE,
        late_absence_fee_cents=299,
        unbooked_presence_charge=UnbookedPresenceCharge.SURCHARGE_RATE,
        unbooked_presence_rate_bp=5000,
    )
    assert pricing.billed_absence_cents(fee, 300) == 299
    assert pricing.unbooked_presence_penalty_cents(fee, 301) == 151
    full = PriceRules(mode=PricingMode.FLAT, valid_from=START, flat_price_cents=300)
    assert pricing.billed_absence_cents(full, 300) == 300
    assert pricing.unbooked_presence_penalty_cents(full, 300) == 0


def test_quotient_and_rules_on_a_day() -> None:
    quotients = [
        Quotient(700, dt.date(2025, 9, 1), dt.date(2025, 12, 31)),
        Quotient(900, dt.date(2026, 1, 1), None),
    ]
    assert pricing.quotient_on(quotients, dt.date(2025, 12, 31)) == 700
    assert pricing.quotient_on(quotients, dt.date(2026, 1, 1)) == 900
    assert pricing.quotient_on(quotients, dt.date(2025, 8, 31)) is None
    later = PriceRules(mode=PricingMode.FLAT, valid_from=dt.date(2026, 1, 1), flat_price_cents=1)
    assert pricing.rules_on([BRACKET_RULES, later], dt.date(2026, 2, 1)) is later
    assert pricing.rules_on([later], dt.date(2025, 12, 1)) is None


def test_french_formatting() -> None:
    assert euros(123456) == "1\u202f234,56\u00a0€"
    assert euros(-375, thousands=" ", before_unit=" ") == "−3,75 €"
    assert date_long(dt.date(2026, 1, 5)) == "5 janvier 2026"
    assert date_long(dt.date(2026, 3, 1)) == "1er mars 2026"


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6))
def test_rounding_is_half_up_like_decimal(numerator: int, denominator: int) -> None:
    expected = (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    assert pricing.round_half_up(numerator, denominator) == int(expected)


@given(st.one_of(st.none(), st.integers(0, 100_000)))
def test_bracket_price_is_always_one_of_the_brackets(qf: int | None) -> None:
    price = pricing.unit_price(BRACKET_RULES, qf=qf, resident=True)
    assert price in {b.unit_price_cents for b in BRACKETS}
    if qf is None:
        assert price == max(b.unit_price_cents for b in BRACKETS)


@given(st.integers(0, 100_000), st.integers(0, 10_000), st.integers(0, 5000), st.integers(0, 5000))
def test_effort_price_stays_within_bounds(qf: int, rate: int, low: int, span: int) -> None:
    price = pricing.effort_price(rate, low, low + span, qf)
    assert low <= price <= low + span


@given(st.integers(0, 100_000), st.integers(1, 6), st.integers(0, 10_000))
def test_reduction_never_exceeds_the_price(unit: int, rank: int, bp: int) -> None:
    rules = PriceRules(
        mode=PricingMode.FLAT,
        valid_from=START,
        flat_price_cents=unit,
        sibling_reductions=((2, bp),),
    )
    assert 0 <= pricing.sibling_reduction_cents(rules, unit, rank) <= unit


lines = st.lists(
    st.builds(
        DraftLine,
        child_id=st.none(),
        activity_id=st.none(),
        kind=st.sampled_from(list(InvoiceLineKind)),
        label=st.just("x"),
        quantity=st.integers(0, 60),
        unit_price_cents=st.integers(-10_000, 10_000),
    ),
    max_size=30,
)


@given(lines)
def test_total_is_the_sum_of_exact_lines(drafted: list[DraftLine]) -> None:
    invoice = DraftInvoice(
        family_id=1, family_name="F", payer_guardian_id=None, lines=tuple(drafted)
    )
    assert all(line.amount_cents == line.quantity * line.unit_price_cents for line in drafted)
    assert invoice.total_cents == sum(line.amount_cents for line in drafted)
