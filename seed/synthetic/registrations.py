"""Registrations and the habitual weekly bookings of every child over the school year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from models.booking import BookingStatus
from models.registration import RegistrationStatus
from models.request import RequestStatus
from seed.synthetic.absences import _Absences
from seed.synthetic.constants import _SCHOOL_WEEKDAYS, REFERENCE_TODAY
from seed.synthetic.plan import _Activity, _Child
from seed.synthetic.reservations import _Reservations
from seed.synthetic.values import _at


class _Registrations(_Absences, _Reservations):
    """Each child's activities, weekly pattern and a year of bookings, past and future."""

    def _register(self, child: _Child, activity: _Activity) -> None:
        decided = _at(child.start - dt.timedelta(days=5), 10)
        child.registrations[activity.id] = self._add(
            "registration",
            child_id=child.id,
            activity_id=activity.id,
            start_date=child.start,
            end_date=child.end,
            status=RegistrationStatus.ACTIVE,
            created_at=decided - dt.timedelta(days=12),
            decided_at=decided,
        )["id"]

    def _registrations_and_bookings(self) -> None:
        rng = self.rng
        wednesday_habitual: list[tuple[_Child, list[_Activity]]] = []
        wednesday_occasional: list[tuple[_Child, list[_Activity]]] = []
        holiday_children: list[tuple[_Child, _Activity]] = []
        for child in self.children:
            school = child.school
            # Habitual weekly patterns: activity -> fixed weekdays.
            pattern: list[tuple[_Activity, list[int]]] = []
            if rng.random() < 0.80:
                days = (
                    list(_SCHOOL_WEEKDAYS)
                    if rng.random() < 0.6
                    else sorted(rng.sample(_SCHOOL_WEEKDAYS, rng.choice((2, 3))))
                )
                pattern.append((school.meal, days))
            if rng.random() < 0.35:
                days = sorted(rng.sample(_SCHOOL_WEEKDAYS, rng.choice((1, 2, 2, 3, 4, 4))))
                pattern.append((school.morning, days))
            if rng.random() < 0.50:
                eligible = [a for a in school.evenings if a.eligible(child.grade)]
                main = rng.choice(eligible)
                count = rng.choices((1, 2, 3, 4), (15, 30, 25, 30))[0]
                by_activity: dict[int, list[int]] = defaultdict(list)
                chosen: dict[int, _Activity] = {}
                for weekday in sorted(rng.sample(_SCHOOL_WEEKDAYS, count)):
                    activity = main if rng.random() < 0.75 else rng.choice(eligible)
                    by_activity[activity.id].append(weekday)
                    chosen[activity.id] = activity
                pattern.extend((chosen[key], days) for key, days in sorted(by_activity.items()))
            wednesday: list[_Activity] = []
            if rng.random() < 0.30:
                combo = rng.choices(("FULL", "MORNING", "AFTERNOON"), (45, 25, 30))[0]
                wednesday = {
                    "FULL": [self.wednesday_morning, self.wednesday_meal, self.wednesday_afternoon],
                    "MORNING": [self.wednesday_morning, self.wednesday_meal],
                    "AFTERNOON": [self.wednesday_afternoon],
                }[combo]
                if rng.random() < 0.8:
                    pattern.extend((activity, [3]) for activity in wednesday)
                    wednesday_habitual.append((child, wednesday))
                else:
                    wednesday_occasional.append((child, wednesday))
            for activity, _days in pattern:
                self._register(child, activity)
            for activity in wednesday:
                if activity.id not in child.registrations:
                    self._register(child, activity)
            if rng.random() < 0.25:
                holiday = (
                    self.holiday_nursery
                    if self.holiday_nursery.eligible(child.grade)
                    else self.holiday_elementary
                )
                self._register(child, holiday)
                holiday_children.append((child, holiday))
            self._pending_registration(child)
            self._habitual_bookings(child, pattern)
        self._wednesday_requests(wednesday_habitual, wednesday_occasional)
        self._holiday_requests(holiday_children)

    def _pending_registration(self, child: _Child) -> None:
        """A few wished registrations still waiting for (or refused by) staff."""
        rng = self.rng
        draw = rng.random()
        if draw >= 0.04:
            return
        candidates = [
            a
            for a in (child.school.morning, *child.school.evenings)
            if a.id not in child.registrations and a.eligible(child.grade)
        ]
        if not candidates or child.end < dt.date(2026, 4, 20):
            return
        activity = rng.choice(candidates)
        created = _at(REFERENCE_TODAY - dt.timedelta(days=rng.randint(2, 20)), 21)
        refused = draw < 0.01
        self._add(
            "registration",
            child_id=child.id,
            activity_id=activity.id,
            start_date=dt.date(2026, 4, 20),
            end_date=child.end,
            status=RegistrationStatus.REFUSED if refused else RegistrationStatus.REQUESTED,
            created_at=created,
            decided_at=created + dt.timedelta(days=1) if refused else None,
        )

    def _habitual_bookings(self, child: _Child, pattern: list[tuple[_Activity, list[int]]]) -> None:
        """The child's fixed weekdays over the whole year, with the past as it happened."""
        rng = self.rng
        by_date: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
        school_dates: set[dt.date] = set()
        for activity, days in pattern:
            created = _at(child.start - dt.timedelta(days=5), 10, 5)
            school_day = activity.establishment_id == child.school.id
            for weekday in days:
                for day in activity.dates[weekday]:
                    if day < child.start or day > child.end:
                        continue
                    if day >= REFERENCE_TODAY:
                        row = self._booking(
                            child, activity, day, BookingStatus.RESERVED, None, created
                        )
                    elif school_day:
                        # Absences of school-day activities come from episodes below, plus
                        # a few no-shows (billed).
                        status, attendance = self._past_outcome(0.0, 0.004)
                        row = self._booking(child, activity, day, status, attendance, created)
                    else:
                        status, attendance = self._past_outcome(0.04, 0.01)
                        row = self._booking(child, activity, day, status, attendance, created)
                    if school_day:
                        by_date[day].append(row)
                        school_dates.add(day)
        if not school_dates:
            return
        dates = sorted(school_dates)
        past = [d for d in dates if d < REFERENCE_TODAY]
        taken: set[dt.date] = set()
        episodes = rng.choices((0, 1, 2, 3, 4, 5), (15, 25, 25, 18, 10, 7))[0]
        for _ in range(episodes if past else 0):
            length = rng.choices((1, 2, 3), (40, 35, 25))[0]
            start = rng.randrange(len(past))
            episode = [d for d in past[start : start + length] if d not in taken]
            if not episode:
                continue
            taken.update(episode)
            self._past_absence(child, episode, by_date)
        self._unbooked_presences(child, pattern, taken)
        future = [
            d for d in dates if REFERENCE_TODAY < d <= REFERENCE_TODAY + dt.timedelta(days=60)
        ]
        forced = len(self._future_statuses) < len(RequestStatus)
        if future and (forced or rng.random() < 0.3):
            self._future_absence(child, future, by_date)
