"""The in-memory plan of the town (internal): prices, activities, schools, families,
children and requests as the builder sees them before they become rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models.activity import ActivityCategory, OperatingDays
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from models.child import Grade
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType


@dataclass(slots=True, eq=False)
class _Price:
    mode: PricingMode
    flat: int | None = None
    brackets: tuple[tuple[int, int | None, int], ...] = ()
    effort: tuple[int, int, int] | None = None  # basis points, min cents, max cents
    non_resident: int | None = None
    pai: int | None = None
    late_charge: LateAbsenceCharge = LateAbsenceCharge.FULL_PRICE
    late_fee: int = 0
    late_rate_bp: int = 10000
    unbooked_charge: UnbookedPresenceCharge = UnbookedPresenceCharge.NONE
    unbooked_fee: int = 0
    unbooked_rate_bp: int = 0
    sibling_reduction: tuple[int, int] | None = None  # from child rank, basis points

    def unit(self, qf: int | None, resident: bool, pai: bool) -> int:
        """Unit price in cents for a family quotient (None: unknown, pays the most)."""
        if pai and self.pai is not None:
            return self.pai
        if not resident and self.non_resident is not None:
            return self.non_resident
        if self.mode is PricingMode.FLAT:
            assert self.flat is not None
            return self.flat
        if self.mode is PricingMode.QF_BRACKETS:
            if qf is None:
                return self.brackets[-1][2]
            for low, high, cents in self.brackets:
                if low <= qf and (high is None or qf < high):
                    return cents
            return self.brackets[-1][2]
        assert self.effort is not None
        rate, low_cents, high_cents = self.effort
        if qf is None:
            return high_cents
        return min(max((qf * rate + 50) // 100, low_cents), high_cents)


@dataclass(slots=True, eq=False)
class _Activity:
    id: int
    code: str
    name: str
    establishment_id: int
    category: ActivityCategory
    operating_days: OperatingDays
    slot_ids: dict[int, int]  # ISO weekday -> slot id
    price: _Price
    row: dict[str, Any]
    min_grade: Grade | None = None
    max_grade: Grade | None = None
    dates: dict[int, list[dt.date]] = field(default_factory=dict)  # weekday -> opening days

    def eligible(self, grade: Grade) -> bool:
        """Grade eligibility, as the booking rules check it."""
        if self.min_grade is not None and grade.rank < self.min_grade.rank:
            return False
        return self.max_grade is None or grade.rank <= self.max_grade.rank


@dataclass(slots=True, eq=False)
class _School:
    id: int
    morning: _Activity
    meal: _Activity
    evenings: list[_Activity]


@dataclass(slots=True, eq=False)
class _Family:
    id: int
    index: int
    last_name: str
    resident: bool
    direct_debit: bool
    payer_guardian_id: int
    quotients: list[tuple[dt.date, dt.date | None, int]]
    account_ids: list[int] = field(default_factory=list)
    children: list[_Child] = field(default_factory=list)

    def quotient_on(self, day: dt.date) -> int | None:
        """The family quotient valid on a date (None when the family has none)."""
        for start, end, value in self.quotients:
            if start <= day and (end is None or day <= end):
                return value
        return None


@dataclass(slots=True, eq=False)
class _Child:
    id: int
    family: _Family
    first_name: str
    birth_date: dt.date
    grade: Grade
    school: _School
    pai: bool
    start: dt.date
    end: dt.date
    registrations: dict[int, int] = field(default_factory=dict)  # activity id -> registration


@dataclass(slots=True, eq=False)
class _Line:
    child_id: int
    activity_id: int
    slot_id: int
    date: dt.date
    action: RequestLineAction
    status: RequestLineStatus = RequestLineStatus.PENDING
    refusal_code: str | None = None
    message: str | None = None
    booking_id: int | None = None


@dataclass(slots=True, eq=False)
class _Request:
    family: _Family
    type: RequestType
    created_at: dt.datetime
    status: RequestStatus = RequestStatus.PENDING
    child_id: int | None = None
    guardian_id: int | None = None
    activity_id: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reason: str | None = None
    payload: dict[str, Any] | None = None
    lines: list[_Line] = field(default_factory=list)
    transmitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    id: int = 0
    reference: int = 0
