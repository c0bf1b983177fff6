"""The builder's state and row helpers, shared by every step of the build.

Ids are chosen from the tables' current maxima; ``_add`` appends one row of a table and
``_booking`` one booking, so that each step module only says what the town holds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from domain.calendar.french_calendar import school_year_bounds
from domain.calendar.opening_days import ClosedPeriod
from models.booking import Attendance, BookingStatus
from models.request import RequestStatus
from seed.synthetic.constants import REFERENCE_TODAY, SCHOOL_YEAR
from seed.synthetic.plan import _Activity, _Child, _Family, _Request, _School
from seed.synthetic.values import _at


class _BuilderBase:
    """State of the build and the helpers every step uses (ids, rows, bookings)."""

    # Set by the calendar and offer steps, read by the later ones.
    school_year_id: int
    wednesday_morning: _Activity
    wednesday_meal: _Activity
    wednesday_afternoon: _Activity
    holiday_nursery: _Activity
    holiday_elementary: _Activity

    def __init__(
        self, *, children: int, seed: int, slug: str, first_ids: dict[str, int], password: str
    ) -> None:
        self.children_wanted = children
        self.seed = seed
        self.slug = slug
        self.rng = random.Random(seed)
        self._next_id = dict(first_ids)
        self.password_hash = password
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tenant_id = self._id("tenant")
        self.periods: list[ClosedPeriod] = []
        self.schools: list[_School] = []
        self.activities: list[_Activity] = []
        self.families: list[_Family] = []
        self.children: list[_Child] = []
        self.requests: list[_Request] = []
        self.bookings: list[dict[str, Any]] = self.rows["booking"]
        self.staff_account_id = 0
        self.year_start, self.year_end = school_year_bounds(SCHOOL_YEAR)
        self._attendance_time: dict[dt.date, dt.datetime] = {}
        self._future_statuses: list[RequestStatus] = []

    def _id(self, table: str) -> int:
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def _add(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"id": self._id(table), "tenant_id": self.tenant_id, **values}
        self.rows[table].append(row)
        return row

    def _pointed_at(self, day: dt.date) -> dt.datetime:
        stamp = self._attendance_time.get(day)
        if stamp is None:
            stamp = self._attendance_time[day] = _at(day, 18, 45)
        return stamp

    def _booking(
        self,
        child: _Child,
        activity: _Activity,
        day: dt.date,
        status: BookingStatus,
        attendance: Attendance | None,
        created_at: dt.datetime,
        waiting_since: dt.datetime | None = None,
    ) -> dict[str, Any]:
        row = {
            "id": self._id("booking"),
            "tenant_id": self.tenant_id,
            "child_id": child.id,
            "slot_id": activity.slot_ids[day.isoweekday()],
            "activity_id": activity.id,
            "registration_id": child.registrations[activity.id],
            "date": day,
            "status": status,
            "attendance": attendance,
            "waiting_since": waiting_since,
            "absence_justified": False,
            "justification_document_id": None,
            "created_at": created_at,
            "updated_at": self._pointed_at(day) if day < REFERENCE_TODAY else created_at,
        }
        self.bookings.append(row)
        return row

    def _past_outcome(self, absent: float, billed: float) -> tuple[BookingStatus, Attendance]:
        draw = self.rng.random()
        if draw < absent:
            return BookingStatus.ABSENT, Attendance.ABSENT
        if draw < absent + billed:
            return BookingStatus.ABSENT_BILLED, Attendance.ABSENT
        return BookingStatus.RESERVED, Attendance.PRESENT
