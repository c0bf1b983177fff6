"""The booking rules' view of an activity, a child and a slot: plain frozen values.

The rules (``domain.bookings.engine``) are evaluated by the request path, over ORM objects
read in the request's transaction, and by the planning, over Core tuples (its hot path).
Both carry the same attribute names as the models, so one builder per kind turns either
into the value the rules read — and the activity's deadlines are built as ``DeadlineRule``
in exactly one place (``booking_rule`` / ``cancellation_rule``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from domain.calendar.deadlines import DeadlineRule
from models import Activity, Child, Slot
from models.activity import DeadlineKind, OperatingDays
from models.child import Grade

# The Activity columns ``activity_rules`` reads: select them (Core) to build it from a row.
ACTIVITY_RULE_COLUMNS = (
    Activity.id,
    Activity.name,
    Activity.establishment_id,
    Activity.operating_days,
    Activity.booking_deadline_kind,
    Activity.booking_deadline_offset,
    Activity.booking_deadline_time,
    Activity.booking_deadline_weekday,
    Activity.cancellation_deadline_kind,
    Activity.cancellation_deadline_offset,
    Activity.cancellation_deadline_time,
    Activity.cancellation_deadline_weekday,
    Activity.late_absence_billed,
    Activity.justification_accepted,
    Activity.justification_delay_days,
    Activity.capacity,
    Activity.waiting_list_enabled,
    Activity.auto_accept,
    Activity.min_grade,
    Activity.max_grade,
    Activity.born_on_or_after,
    Activity.born_on_or_before,
    Activity.exclusivity_group,
    Activity.max_days_per_month,
)
CHILD_RULE_COLUMNS = (Child.id, Child.first_name, Child.grade, Child.birth_date)
SLOT_RULE_COLUMNS = (
    Slot.id,
    Slot.activity_id,
    Slot.weekday,
    Slot.start_time,
    Slot.end_time,
    Slot.valid_from,
    Slot.valid_to,
    Slot.capacity,
)


@dataclass(frozen=True, slots=True)
class ActivityRules:
    """What the rules read of an activity (the planning's ``ActivityFacts``).

    The first six fields are what the planning always needed; the others default to
    « no such rule », so a value built with those six alone is an activity without
    eligibility limits, exclusivity group, capacity or monthly limit.
    """

    id: int
    establishment_id: int
    operating_days: OperatingDays
    booking: DeadlineRule
    cancellation: DeadlineRule
    late_absence_billed: bool
    name: str = ""
    justification_accepted: bool = False
    justification_delay_days: int = 0
    capacity: int | None = None
    waiting_list_enabled: bool = True
    auto_accept: bool = False
    min_grade: Grade | None = None
    max_grade: Grade | None = None
    born_on_or_after: dt.date | None = None
    born_on_or_before: dt.date | None = None
    exclusivity_group: str | None = None
    max_days_per_month: int | None = None


@dataclass(frozen=True, slots=True)
class SlotFacts:
    """A weekly slot of an activity (``capacity``: its own override of the activity's)."""

    id: int
    activity_id: int
    weekday: int
    start_time: dt.time
    end_time: dt.time
    valid_from: dt.date
    valid_to: dt.date | None
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class ChildFacts:
    """What eligibility and the French messages need of a child."""

    id: int
    first_name: str
    grade: Grade | None
    birth_date: dt.date


def booking_rule(activity: Any) -> DeadlineRule:
    """The activity's booking deadline as data (an ORM ``Activity`` or a Core row with its
    columns): the one place it is built, for the requests, the staff and the planning."""
    return DeadlineRule(
        DeadlineKind(activity.booking_deadline_kind),
        activity.booking_deadline_offset,
        activity.booking_deadline_time,
        activity.booking_deadline_weekday,
    )


def cancellation_rule(activity: Any) -> DeadlineRule:
    """The activity's cancellation deadline as data (same sources as ``booking_rule``)."""
    return DeadlineRule(
        DeadlineKind(activity.cancellation_deadline_kind),
        activity.cancellation_deadline_offset,
        activity.cancellation_deadline_time,
        activity.cancellation_deadline_weekday,
    )


def activity_rules(activity: Any) -> ActivityRules:
    """The rules' view of an ORM ``Activity`` or of a row of ``ACTIVITY_RULE_COLUMNS``."""
    return ActivityRules(
        id=activity.id,
        establishment_id=activity.establishment_id,
        operating_days=activity.operating_days,
        booking=booking_rule(activity),
        cancellation=cancellation_rule(activity),
        late_absence_billed=activity.late_absence_billed,
        name=activity.name,
        justification_accepted=activity.justification_accepted,
        justification_delay_days=activity.justification_delay_days,
        capacity=activity.capacity,
        waiting_list_enabled=activity.waiting_list_enabled,
        auto_accept=activity.auto_accept,
        min_grade=activity.min_grade,
        max_grade=activity.max_grade,
        born_on_or_after=activity.born_on_or_after,
        born_on_or_before=activity.born_on_or_before,
        exclusivity_group=activity.exclusivity_group,
        max_days_per_month=activity.max_days_per_month,
    )


def slot_facts(slot: Any) -> SlotFacts:
    """The rules' view of an ORM ``Slot`` or of a row of ``SLOT_RULE_COLUMNS``."""
    return SlotFacts(
        slot.id,
        slot.activity_id,
        slot.weekday,
        slot.start_time,
        slot.end_time,
        slot.valid_from,
        slot.valid_to,
        slot.capacity,
    )


def child_facts(child: Any) -> ChildFacts:
    """The rules' view of an ORM ``Child`` or of a row of ``CHILD_RULE_COLUMNS``."""
    return ChildFacts(child.id, child.first_name, child.grade, child.birth_date)


class _HasCapacity(Protocol):
    @property
    def capacity(self) -> int | None: ...


def places_of(slot: _HasCapacity, activity: _HasCapacity) -> int | None:
    """Places per occurrence: the slot's override, else the activity's; None = unlimited.

    Takes the rules' facts or the ORM rows alike: the one statement of this rule (the
    capacity path that takes places and the engine that judges them both call it).
    """
    return slot.capacity if slot.capacity is not None else activity.capacity


def holdings_window(
    start: dt.date, end: dt.date, activities: Iterable[ActivityRules]
) -> tuple[dt.date, dt.date]:
    """The dates whose bookings and pending lines the rules read to judge [start, end]:
    the whole calendar months around it when an activity limits the days per month (the
    request path and the planning both read this window)."""
    if not any(a.max_days_per_month for a in activities):
        return start, end
    first = start.replace(day=1)
    after = (end.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first, after - dt.timedelta(days=1)
