"""Booking and cancellation deadlines (délais de prévenance), computed from data.

Towns write their rules in words — « J-2 à 12:00 hors week-end », « 3 jours ouvrés avant »,
« 72 h avant », « le jeudi 9:00 pour la semaine suivante » — and each activity stores one
as data (``models.activity.DeadlineKind`` + offset, time, weekday). This module turns a
rule and a slot occurrence into the exact instant after which the family can no longer
book (or cancel for free), in the tenant's time zone, so that the planning can show the
deadline before the parent confirms and the request rules can enforce it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.calendar.french_calendar import add_working_days
from models.activity import DeadlineKind

_MIDNIGHT = dt.time(0, 0)


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """A deadline as an activity stores it."""

    kind: DeadlineKind
    offset: int = 0
    time: dt.time | None = None
    weekday: int | None = None  # ISO weekday, for WEEKLY_CUTOFF


def deadline_for(
    rule: DeadlineRule,
    day: dt.date,
    start: dt.time,
    *,
    timezone: ZoneInfo,
    holidays: Collection[dt.date] = (),
) -> dt.datetime:
    """The last instant (aware) at which an occurrence on ``day`` at ``start`` may change.

    - NONE: until the slot starts;
    - CALENDAR_DAYS_BEFORE: ``offset`` days before ``day``, at ``time`` (default: midnight
      that starts the day, i.e. the end of the previous day);
    - WORKING_DAYS_BEFORE: ``offset`` working days (Monday–Friday, not a public holiday)
      before ``day``, at ``time``;
    - HOURS_BEFORE: ``offset`` hours before the slot starts;
    - WEEKLY_CUTOFF: ``weekday`` of the week before ``day``'s week, at ``time``.
    """
    slot_start = dt.datetime.combine(day, start, tzinfo=timezone)
    at = rule.time or _MIDNIGHT
    if rule.kind is DeadlineKind.NONE:
        return slot_start
    if rule.kind is DeadlineKind.HOURS_BEFORE:
        # Wall-clock arithmetic in UTC, so a DST change does not stretch the delay.
        return (slot_start.astimezone(dt.UTC) - dt.timedelta(hours=rule.offset)).astimezone(
            timezone
        )
    if rule.kind is DeadlineKind.CALENDAR_DAYS_BEFORE:
        target = day - dt.timedelta(days=rule.offset)
    elif rule.kind is DeadlineKind.WORKING_DAYS_BEFORE:
        target = add_working_days(day, -rule.offset, holidays) if rule.offset else day
    else:
        monday = day - dt.timedelta(days=day.isoweekday() - 1)
        target = monday - dt.timedelta(days=7) + dt.timedelta(days=(rule.weekday or 1) - 1)
    return min(dt.datetime.combine(target, at, tzinfo=timezone), slot_start)


def deadlines_for(
    booking: DeadlineRule,
    cancellation: DeadlineRule,
    day: dt.date,
    start: dt.time,
    *,
    timezone: ZoneInfo,
    holidays: Collection[dt.date] = (),
) -> tuple[dt.datetime, dt.datetime]:
    """``deadline_for`` of an occurrence's booking and cancellation rules, computed once
    when they are the same rule (most towns': « J-2 pour réserver et annuler »; the
    planning asks both for every occurrence)."""
    booking_deadline = deadline_for(booking, day, start, timezone=timezone, holidays=holidays)
    if cancellation == booking:
        return booking_deadline, booking_deadline
    return booking_deadline, deadline_for(
        cancellation, day, start, timezone=timezone, holidays=holidays
    )


def is_open(deadline: dt.datetime, now: dt.datetime) -> bool:
    """Whether a change is still allowed at ``now`` (the deadline instant itself is late)."""
    return now < deadline
