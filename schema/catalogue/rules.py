"""The rules a town configured for an activity, as the catalogue shows them: booking and
cancellation deadlines, capacity, waiting list, eligibility, exclusivity, each with its
French description.

Separate from the catalogue's node types (``types``) because the rules are values, built
only when a selection asks for them (``Activity.rules``), from a snapshot of the activity's
columns taken when its API object is built; the administration's rule inputs
(``schema.administration.activity_rules``) are their counterpart.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from operator import attrgetter
from typing import Any

import strawberry

from domain.bookings.facts import booking_rule, cancellation_rule
from domain.calendar.deadlines import DeadlineRule as BookingDeadline
from domain.rule_descriptions import describe_deadline, describe_eligibility
from models import Activity as ActivityRow
from models.activity import DeadlineKind
from models.child import Grade
from schema.enums import Weekday


@strawberry.type(description="A booking or cancellation deadline (délai de prévenance).")
class DeadlineRule:
    kind: DeadlineKind = strawberry.field(description="How the deadline is computed.")
    offset: int = strawberry.field(
        description="Days (calendar or working) or hours before, depending on the kind."
    )
    time: dt.time | None = strawberry.field(description="Time of day of the deadline.")
    weekday: Weekday | None = strawberry.field(
        description="For WEEKLY_CUTOFF: the day of the previous week when booking closes."
    )
    description: str = strawberry.field(description="The rule in one French sentence.")


@strawberry.type(description="Who may attend an activity.")
class EligibilityRule:
    min_grade: Grade | None = strawberry.field(description="Lowest grade admitted.")
    max_grade: Grade | None = strawberry.field(description="Highest grade admitted.")
    born_on_or_after: dt.date | None = strawberry.field(description="Birth-date lower bound.")
    born_on_or_before: dt.date | None = strawberry.field(description="Birth-date upper bound.")
    description: str = strawberry.field(description="The rule in one French sentence.")


@strawberry.type(description="The rules a town configured for an activity (data, not code).")
class ActivityRules:
    booking_deadline: DeadlineRule = strawberry.field(description="Latest time to book.")
    cancellation_deadline: DeadlineRule = strawberry.field(
        description="Latest time to cancel without the absence being billed."
    )
    late_absence_billed: bool = strawberry.field(
        description="Whether an absence notified after the cancellation deadline is billed."
    )
    justification_accepted: bool = strawberry.field(
        description="Whether a justification (medical certificate) cancels the billing."
    )
    justification_delay_days: int = strawberry.field(
        description="Days allowed to provide the justification."
    )
    capacity: int | None = strawberry.field(
        description="Places per slot occurrence (null: unlimited)."
    )
    waiting_list_enabled: bool = strawberry.field(
        description="Whether a full slot puts requests on a waiting list."
    )
    auto_promote_waiting_list: bool = strawberry.field(
        description="Whether the waiting list is promoted automatically when a place frees."
    )
    auto_accept: bool = strawberry.field(
        description="Whether requests are accepted at once (no staff validation)."
    )
    eligibility: EligibilityRule = strawberry.field(description="Who may attend.")
    exclusivity_group: str | None = strawberry.field(
        description="At most one slot of this group per child and day (null: no group)."
    )
    max_days_per_month: int | None = strawberry.field(
        description="At most this many dates of the activity per child and calendar month "
        "(reserved, waiting list or asked for; null: no limit)."
    )


def _deadline(rule: BookingDeadline, verb: str) -> DeadlineRule:
    return DeadlineRule(
        kind=rule.kind,
        offset=rule.offset,
        time=rule.time,
        weekday=Weekday(rule.weekday) if rule.weekday is not None else None,
        description=describe_deadline(rule.kind, rule.offset, rule.time, rule.weekday, verb),
    )


def activity_rules(row: Any) -> ActivityRules:
    """The rules of an activity row (ORM entity, Core row of ``ACTIVITY_COLUMNS`` or
    ``_RuleColumns``), with their French descriptions."""
    return ActivityRules(
        booking_deadline=_deadline(booking_rule(row), "Réservation"),
        cancellation_deadline=_deadline(cancellation_rule(row), "Annulation"),
        late_absence_billed=row.late_absence_billed,
        justification_accepted=row.justification_accepted,
        justification_delay_days=row.justification_delay_days,
        capacity=row.capacity,
        waiting_list_enabled=row.waiting_list_enabled,
        auto_promote_waiting_list=row.auto_promote_waiting_list,
        auto_accept=row.auto_accept,
        eligibility=EligibilityRule(
            min_grade=row.min_grade,
            max_grade=row.max_grade,
            born_on_or_after=row.born_on_or_after,
            born_on_or_before=row.born_on_or_before,
            description=describe_eligibility(
                row.min_grade, row.max_grade, row.born_on_or_after, row.born_on_or_before
            ),
        ),
        exclusivity_group=row.exclusivity_group,
        max_days_per_month=row.max_days_per_month,
    )


# The columns ``activity_rules`` reads, copied off an ORM entity when its API object is
# built (the rules themselves only when a selection asks for them).
_RULE_COLUMN_NAMES = (
    "booking_deadline_kind",
    "booking_deadline_offset",
    "booking_deadline_time",
    "booking_deadline_weekday",
    "cancellation_deadline_kind",
    "cancellation_deadline_offset",
    "cancellation_deadline_time",
    "cancellation_deadline_weekday",
    "late_absence_billed",
    "justification_accepted",
    "justification_delay_days",
    "capacity",
    "waiting_list_enabled",
    "auto_promote_waiting_list",
    "auto_accept",
    "min_grade",
    "max_grade",
    "born_on_or_after",
    "born_on_or_before",
    "exclusivity_group",
    "max_days_per_month",
)
_RuleColumns = namedtuple("_RuleColumns", _RULE_COLUMN_NAMES)  # type: ignore[misc]
_RULE_VALUES = attrgetter(*_RULE_COLUMN_NAMES)


def rule_columns_of(row: ActivityRow) -> Any:
    """The columns ``activity_rules`` reads, copied off the activity's entity when its API
    object is built, so that the rules can be built later, when a selection asks for them."""
    return _RuleColumns._make(_RULE_VALUES(row))
