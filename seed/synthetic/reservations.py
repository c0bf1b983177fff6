"""Reservation requests for Wednesdays and holidays, decided against slot capacities."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from domain.calendar.french_calendar import school_holidays
from models.booking import BookingStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import (
    _ONE_DAY,
    REFERENCE_NOW,
    REFERENCE_TODAY,
    SCHOOL_YEAR,
    SCHOOL_ZONE,
)
from seed.synthetic.plan import _Activity, _Child, _Line, _Request
from seed.synthetic.values import _at, _pick_status


class _Reservations(_BuilderBase):
    """Period reservations as the form makes them, accepted, waiting or refused when full."""

    def _decide_with_capacity(
        self,
        requests: list[_Request],
        child_of: dict[int, _Child],
        activity_of: dict[int, _Activity],
        capacity: dict[int, int],
        used: dict[tuple[int, dt.date], int],
        waiting_list: bool,
    ) -> None:
        """Decide reservation requests in arrival order against slot capacities."""
        for request in sorted(requests, key=lambda r: r.created_at):
            if request.status in (
                RequestStatus.PENDING,
                RequestStatus.TRANSMITTED,
                RequestStatus.CANCELLED,
            ):
                continue
            assert request.decided_at is not None
            for line in request.lines:
                key = (line.slot_id, line.date)
                activity = activity_of[line.activity_id]
                child = child_of[line.child_id]
                if used[key] < capacity[line.activity_id]:
                    used[key] += 1
                    line.status = RequestLineStatus.ACCEPTED
                    if line.date < REFERENCE_TODAY:
                        status, attendance = self._past_outcome(0.04, 0.01)
                    else:
                        status, attendance = BookingStatus.RESERVED, None
                    line.booking_id = self._booking(
                        child, activity, line.date, status, attendance, request.decided_at
                    )["id"]
                elif waiting_list and line.date >= REFERENCE_TODAY:
                    line.status = RequestLineStatus.WAITING_LIST
                    line.booking_id = self._booking(
                        child,
                        activity,
                        line.date,
                        BookingStatus.WAITING_LIST,
                        None,
                        request.decided_at,
                        waiting_since=request.created_at,
                    )["id"]
                else:
                    line.status = RequestLineStatus.REFUSED
                    line.refusal_code = "SLOT_FULL"
                    line.message = "Plus de place disponible sur ce créneau."
            statuses = {line.status for line in request.lines}
            if statuses == {RequestLineStatus.ACCEPTED}:
                request.status = RequestStatus.ACCEPTED
            elif statuses == {RequestLineStatus.REFUSED}:
                request.status = RequestStatus.REFUSED
            elif statuses == {RequestLineStatus.WAITING_LIST}:
                request.status = RequestStatus.TRANSMITTED
                request.decided_at = None
            else:
                request.status = RequestStatus.PARTIALLY_ACCEPTED

    def _reservation_request(
        self,
        child: _Child,
        activity: _Activity,
        days: list[dt.date],
        created: dt.datetime,
        status: RequestStatus,
    ) -> _Request:
        """A period reservation as the form makes it: one line per date."""
        request = _Request(
            family=child.family,
            type=RequestType.RESERVATION,
            created_at=created,
            status=status,
            child_id=child.id,
            activity_id=activity.id,
            period_start=days[0],
            period_end=days[-1],
        )
        request.lines = [
            _Line(
                child.id,
                activity.id,
                activity.slot_ids[day.isoweekday()],
                day,
                RequestLineAction.RESERVE,
            )
            for day in days
        ]
        if status is not RequestStatus.PENDING:
            request.transmitted_at = created + dt.timedelta(minutes=3)
        if status is RequestStatus.CANCELLED:
            request.transmitted_at = None
            request.decided_at = min(created + dt.timedelta(hours=5), REFERENCE_NOW)
            for line in request.lines:
                line.status = RequestLineStatus.CANCELLED
        elif status not in (RequestStatus.PENDING, RequestStatus.TRANSMITTED):
            request.decided_at = min(
                created + dt.timedelta(hours=self.rng.randint(2, 40)),
                REFERENCE_NOW - dt.timedelta(minutes=30),
            )
        self.requests.append(request)
        return request

    def _wednesday_requests(
        self,
        habitual: list[tuple[_Child, list[_Activity]]],
        occasional: list[tuple[_Child, list[_Activity]]],
    ) -> None:
        """Occasional Wednesdays: reservations by term against limited places."""
        rng = self.rng
        limited = (self.wednesday_morning, self.wednesday_afternoon)
        used: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activities in habitual:
            for activity in activities:
                for day in activity.dates[3]:
                    if child.start <= day <= child.end:
                        used[(activity.slot_ids[3], day)] += 1
        blocks = (
            (self.year_start, dt.date(2025, 12, 19), dt.date(2025, 8, 26)),
            (dt.date(2026, 1, 5), REFERENCE_TODAY - _ONE_DAY, dt.date(2025, 12, 15)),
            (REFERENCE_TODAY, self.year_end, dt.date(2026, 3, 9)),
        )
        requests: list[_Request] = []
        demand: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activities in occasional:
            for first, last, asked_on in blocks:
                wednesdays = [
                    d
                    for d in activities[0].dates[3]
                    if first <= d <= last and child.start <= d <= child.end
                ]
                chosen = [d for d in wednesdays if rng.random() < 0.5]
                if not chosen:
                    continue
                created = _at(asked_on, rng.randint(7, 22), rng.randrange(60))
                for activity in activities:
                    requests.append(
                        self._reservation_request(
                            child, activity, chosen, created, RequestStatus.ACCEPTED
                        )
                    )
                    for day in chosen:
                        demand[(activity.id, day)] += 1
        capacity: dict[int, int] = {self.wednesday_meal.id: 10**6}
        for activity in limited:
            habitual_peak = max(
                (used[(activity.slot_ids[3], d)] for d in activity.dates[3]), default=0
            )
            asked = sorted(demand[(activity.id, d)] for d in activity.dates[3])
            median = asked[len(asked) // 2] if asked else 0
            capacity[activity.id] = max(1, habitual_peak + (median * 6 + 9) // 10)
            activity.row["capacity"] = capacity[activity.id]
        self._decide_with_capacity(
            requests,
            {c.id: c for c in self.children},
            {a.id: a for a in self.activities},
            capacity,
            used,
            waiting_list=True,
        )

    def _holiday_requests(self, holiday_children: list[tuple[_Child, _Activity]]) -> None:
        """Holiday centre reservations per holiday period, decided against capacity."""
        rng = self.rng
        periods = school_holidays(SCHOOL_YEAR, SCHOOL_ZONE.value)
        requests: list[_Request] = []
        demand: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activity in holiday_children:
            all_days = sorted(d for days in activity.dates.values() for d in days)
            for period in periods:
                days = [
                    d
                    for d in all_days
                    if period.first_day_off <= d <= period.last_day_off
                    and child.start <= d <= child.end
                ]
                if not days or rng.random() >= 0.55:
                    continue
                weeks = sorted({d.isocalendar()[1] for d in days})
                week = rng.choice(weeks)
                in_week = [d for d in days if d.isocalendar()[1] == week]
                if rng.random() >= 0.5 and len(in_week) > 2:
                    in_week = sorted(rng.sample(in_week, rng.randint(2, len(in_week) - 1)))
                asked_on = period.first_day_off - dt.timedelta(days=rng.randint(14, 30))
                if asked_on >= REFERENCE_TODAY:
                    continue
                created = _at(asked_on, rng.randint(7, 22), rng.randrange(60))
                if in_week[0] >= REFERENCE_TODAY:
                    status = _pick_status(
                        rng,
                        (
                            (RequestStatus.PENDING, 30),
                            (RequestStatus.TRANSMITTED, 20),
                            (RequestStatus.ACCEPTED, 45),
                            (RequestStatus.CANCELLED, 5),
                        ),
                    )
                else:
                    status = _pick_status(
                        rng, ((RequestStatus.ACCEPTED, 95), (RequestStatus.CANCELLED, 5))
                    )
                requests.append(
                    self._reservation_request(child, activity, in_week, created, status)
                )
                if status is RequestStatus.ACCEPTED:
                    for day in in_week:
                        demand[(activity.id, day)] += 1
        capacity: dict[int, int] = {}
        for activity in (self.holiday_nursery, self.holiday_elementary):
            asked = sorted(v for (aid, _d), v in demand.items() if aid == activity.id)
            capacity[activity.id] = max(1, asked[(len(asked) * 85) // 100] if asked else 1)
            activity.row["capacity"] = capacity[activity.id]
        self._decide_with_capacity(
            requests,
            {c.id: c for c in self.children},
            {a.id: a for a in self.activities},
            capacity,
            defaultdict(int),
            waiting_list=True,
        )
