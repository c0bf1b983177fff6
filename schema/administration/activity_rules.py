"""An activity's rules as input (ActivityRulesInput: deadlines, capacity, waiting list,
eligibility, exclusivity, monthly limit) and their conversion to the activity's columns."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from models.activity import DeadlineKind
from models.child import Grade
from schema.administration.partial import given
from schema.enums import Weekday


@strawberry.input(description="A booking or cancellation deadline (délai de prévenance).")
class DeadlineRuleInput:
    kind: DeadlineKind = strawberry.field(description="How the deadline is computed.")
    offset: int = strawberry.field(
        default=0,
        description="Days (calendar or working) or hours before (HOURS_BEFORE: at least 1).",
    )
    time: dt.time | None = strawberry.field(
        default=None,
        description="Time of day (required for WEEKLY_CUTOFF; none for NONE and HOURS_BEFORE).",
    )
    weekday: Weekday | None = strawberry.field(
        default=None, description="WEEKLY_CUTOFF only: the day of the previous week."
    )


@strawberry.input(description="Who may attend (every bound optional).")
class EligibilityInput:
    min_grade: Grade | None = strawberry.field(default=None, description="Lowest grade.")
    max_grade: Grade | None = strawberry.field(default=None, description="Highest grade.")
    born_on_or_after: dt.date | None = strawberry.field(
        default=None, description="Birth-date lower bound."
    )
    born_on_or_before: dt.date | None = strawberry.field(
        default=None, description="Birth-date upper bound."
    )


@strawberry.input(
    description="An activity's rules. On creation, absent rules take their defaults; on "
    "update, only the rules given change (they apply from now on)."
)
class ActivityRulesInput:
    booking_deadline: DeadlineRuleInput | None = strawberry.field(
        default=strawberry.UNSET, description="Latest time to book (null: no deadline)."
    )
    cancellation_deadline: DeadlineRuleInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Latest time to cancel without billing (null: no deadline).",
    )
    late_absence_billed: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Bill an absence notified after the deadline."
    )
    justification_accepted: bool | None = strawberry.field(
        default=strawberry.UNSET, description="A justification cancels the billing."
    )
    justification_delay_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="Days allowed to justify (≥ 0)."
    )
    capacity: int | None = strawberry.field(
        default=strawberry.UNSET, description="Places per slot occurrence (null: unlimited)."
    )
    waiting_list_enabled: bool | None = strawberry.field(
        default=strawberry.UNSET, description="A full slot puts requests on a waiting list."
    )
    auto_promote_waiting_list: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Promote the waiting list automatically."
    )
    auto_accept: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Accept requests at once (no staff validation)."
    )
    eligibility: EligibilityInput | None = strawberry.field(
        default=strawberry.UNSET, description="Who may attend (null: everyone)."
    )
    exclusivity_group: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="At most one slot of this group per child and day (null: none).",
    )
    max_days_per_month: int | None = strawberry.field(
        default=strawberry.UNSET, description="At most this many dates a month (null: no limit)."
    )


def _deadline_columns(prefix: str, rule: DeadlineRuleInput | None) -> dict[str, Any]:
    if rule is None:
        return {
            f"{prefix}_kind": DeadlineKind.NONE,
            f"{prefix}_offset": 0,
            f"{prefix}_time": None,
            f"{prefix}_weekday": None,
        }
    return {
        f"{prefix}_kind": rule.kind,
        f"{prefix}_offset": rule.offset,
        f"{prefix}_time": rule.time,
        f"{prefix}_weekday": None if rule.weekday is None else int(rule.weekday),
    }


def rule_columns(rules: ActivityRulesInput | None) -> dict[str, Any]:
    """The rule columns the input sets (a deadline or the eligibility: all its columns)."""
    if rules is None:
        return {}
    columns: dict[str, Any] = given(
        late_absence_billed=rules.late_absence_billed,
        justification_accepted=rules.justification_accepted,
        justification_delay_days=rules.justification_delay_days,
        capacity=rules.capacity,
        waiting_list_enabled=rules.waiting_list_enabled,
        auto_promote_waiting_list=rules.auto_promote_waiting_list,
        auto_accept=rules.auto_accept,
        exclusivity_group=rules.exclusivity_group,
        max_days_per_month=rules.max_days_per_month,
    )
    if rules.booking_deadline is not strawberry.UNSET:
        columns.update(_deadline_columns("booking_deadline", rules.booking_deadline))
    if rules.cancellation_deadline is not strawberry.UNSET:
        columns.update(_deadline_columns("cancellation_deadline", rules.cancellation_deadline))
    if rules.eligibility is not strawberry.UNSET:
        bounds = rules.eligibility or EligibilityInput()
        columns.update(
            min_grade=bounds.min_grade,
            max_grade=bounds.max_grade,
            born_on_or_after=bounds.born_on_or_after,
            born_on_or_before=bounds.born_on_or_before,
        )
    return columns
