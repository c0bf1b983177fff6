"""Absences: past sick days, planned absences in every state, unbooked presences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.activity import ActivityCategory
from models.booking import Attendance, BookingStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import _SCHOOL_WEEKDAYS, REFERENCE_TODAY
from seed.synthetic.plan import _Activity, _Child, _Line, _Request
from seed.synthetic.values import _at, _pick_status


class _Absences(_BuilderBase):
    """Absence requests and the bookings they change; presences without a booking."""

    def _absence_request(
        self,
        child: _Child,
        days: list[dt.date],
        by_date: dict[dt.date, list[dict[str, Any]]],
        created: dt.datetime,
    ) -> _Request:
        rows = [row for day in days for row in by_date[day]]
        activities = {row["activity_id"] for row in rows}
        request = _Request(
            family=child.family,
            type=RequestType.ABSENCE,
            created_at=created,
            child_id=child.id,
            activity_id=next(iter(activities)) if len(activities) == 1 else None,
            period_start=days[0],
            period_end=days[-1],
            reason=self.rng.choice(
                ("Enfant malade", "Rendez-vous médical", "Convenance familiale")
            ),
        )
        request.lines = [
            _Line(
                child.id,
                row["activity_id"],
                row["slot_id"],
                row["date"],
                RequestLineAction.ABSENCE,
                booking_id=row["id"],
            )
            for row in rows
        ]
        self.requests.append(request)
        return request

    def _past_absence(
        self, child: _Child, days: list[dt.date], by_date: dict[dt.date, list[dict[str, Any]]]
    ) -> None:
        """A sick child: every booking of those days absent; told late, the first is billed."""
        rng = self.rng
        late = rng.random() < 0.2
        if late:
            created = _at(days[0], 8, rng.randrange(60))
        else:
            created = _at(days[0] - dt.timedelta(days=rng.randint(1, 3)), rng.randint(7, 21))
        request = self._absence_request(child, days, by_date, created)
        request.status = RequestStatus.ACCEPTED
        request.transmitted_at = created + dt.timedelta(minutes=2)
        request.decided_at = created + dt.timedelta(minutes=rng.randint(10, 240))
        for line in request.lines:
            line.status = RequestLineStatus.ACCEPTED
        for day in days:
            billed = late and day == days[0]
            for row in by_date[day]:
                row["status"] = BookingStatus.ABSENT_BILLED if billed else BookingStatus.ABSENT
                row["attendance"] = Attendance.ABSENT
        if late:
            for line in request.lines:
                if line.date == days[0]:
                    line.message = "Absence signalée après le délai : facturée."

    def _future_absence(
        self, child: _Child, future: list[dt.date], by_date: dict[dt.date, list[dict[str, Any]]]
    ) -> None:
        """A planned absence, in whatever state it is in today (every state is represented)."""
        rng = self.rng
        if len(self._future_statuses) < len(RequestStatus):
            # The first planned absences of the town go through every state in turn.
            status = list(RequestStatus)[len(self._future_statuses)]
            if status is RequestStatus.PARTIALLY_ACCEPTED and len(future) < 2:
                return
        else:
            status = _pick_status(
                rng,
                (
                    (RequestStatus.PENDING, 25),
                    (RequestStatus.TRANSMITTED, 15),
                    (RequestStatus.ACCEPTED, 40),
                    (RequestStatus.PARTIALLY_ACCEPTED, 5),
                    (RequestStatus.REFUSED, 5),
                    (RequestStatus.CANCELLED, 10),
                ),
            )
        self._future_statuses.append(status)
        length = rng.choices((1, 2, 3), (40, 35, 25))[0]
        if status is RequestStatus.PARTIALLY_ACCEPTED:
            length = max(length, 2)
        length = min(length, len(future))
        start = rng.randrange(len(future) - length + 1)
        days = future[start : start + length]
        created = _at(REFERENCE_TODAY - dt.timedelta(days=rng.randint(1, 5)), rng.randint(8, 21))
        request = self._absence_request(child, days, by_date, created)
        request.status = status
        if status is not RequestStatus.PENDING:
            request.transmitted_at = created + dt.timedelta(minutes=2)
        if status is RequestStatus.CANCELLED:
            request.transmitted_at = None
            request.decided_at = created + dt.timedelta(hours=1)
            for line in request.lines:
                line.status = RequestLineStatus.CANCELLED
            return
        if status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED):
            return
        request.decided_at = created + dt.timedelta(hours=rng.randint(1, 10))
        for line in request.lines:
            refused = status is RequestStatus.REFUSED or (
                status is RequestStatus.PARTIALLY_ACCEPTED and line.date == days[0]
            )
            if refused:
                line.status = RequestLineStatus.REFUSED
                line.refusal_code = "DEADLINE_PASSED"
                line.message = "Délai d'annulation dépassé : la réservation est maintenue."
            else:
                line.status = RequestLineStatus.ACCEPTED
        accepted_days = {
            line.date for line in request.lines if line.status is RequestLineStatus.ACCEPTED
        }
        for day in sorted(accepted_days):
            for row in by_date[day]:
                row["status"] = BookingStatus.ABSENT
                row["updated_at"] = request.decided_at

    def _unbooked_presences(
        self, child: _Child, pattern: list[tuple[_Activity, list[int]]], taken: set[dt.date]
    ) -> None:
        """A few days a child came to morning care or the canteen without a booking."""
        rng = self.rng
        for activity, days in pattern:
            if activity.category not in (ActivityCategory.MORNING_CARE, ActivityCategory.MEAL):
                continue
            if activity.establishment_id != child.school.id:
                continue
            other = [w for w in _SCHOOL_WEEKDAYS if w not in days]
            if not other or rng.random() >= 0.15:
                continue
            weekday = rng.choice(other)
            candidates = [
                d
                for d in activity.dates[weekday]
                if child.start <= d <= child.end and d < REFERENCE_TODAY and d not in taken
            ]
            for day in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))):
                self._booking(
                    child,
                    activity,
                    day,
                    BookingStatus.UNBOOKED,
                    Attendance.PRESENT,
                    self._pointed_at(day),
                )
