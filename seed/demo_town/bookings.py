"""Bookings: standing reservations around "today", absences, and the rows they become."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from models.booking import Attendance, Booking, BookingStatus
from seed.demo_town.constants import _ONE_DAY
from seed.demo_town.dates import _at
from seed.demo_town.drafts import BookingKey, _BookingDraft
from seed.demo_town.families import _Families
from seed.demo_town.story_data import BOOKING_PLANS, HORIZON_DAYS


class _Bookings(_Families):
    """Booking drafts by (child, activity, date), the days they fall on, and their rows."""

    def _standing_bookings(self) -> None:
        """Reservations made with the registration: attended in the past, reserved ahead."""
        horizon = self.today + dt.timedelta(days=HORIZON_DAYS)
        for plan in BOOKING_PLANS:
            family = self.family_data[self.child_family[plan.child]]
            booked_at = self._registration_decided_at(family)
            last = horizon if plan.until_horizon else self.today - _ONE_DAY
            for day in self._open_days(plan.activity):
                if day > last or day.isoweekday() not in plan.weekdays:
                    continue
                self._book(plan.child, plan.activity, day, booked_at)

    def _book(
        self,
        child: str,
        code: str,
        day: dt.date,
        booked_at: dt.datetime,
        status: BookingStatus = BookingStatus.RESERVED,
    ) -> BookingKey:
        """Add a reservation; past ones were attended (pointage recorded that evening)."""
        key = (child, code, day)
        assert key not in self.bookings, key
        assert day in self._open_days(code), key
        past = day < self.today
        self.bookings[key] = _BookingDraft(
            status=status,
            attendance=Attendance.PRESENT if past and status is BookingStatus.RESERVED else None,
            created_at=booked_at,
            updated_at=_at(day, 19) if past else booked_at,
        )
        return key

    def _mark_absent(
        self, key: BookingKey, status: BookingStatus, at: dt.datetime, *, justified: bool
    ) -> None:
        draft = self.bookings[key]
        draft.status = status
        draft.attendance = Attendance.ABSENT if key[2] < self.today else None
        draft.justified = justified
        draft.updated_at = max(at, draft.updated_at)

    def _past(self, code: str, weekdays: tuple[int, ...] | None = None) -> list[dt.date]:
        return [
            d
            for d in self._open_days(code)
            if d < self.today and (weekdays is None or d.isoweekday() in weekdays)
        ]

    def _after(self, code: str, after: dt.date, weekdays: tuple[int, ...]) -> list[dt.date]:
        return [d for d in self._open_days(code) if d > after and d.isoweekday() in weekdays]

    def _last_past_holiday(self, code: str) -> list[dt.date]:
        """The opening days of ``code`` in the latest school holiday that began before today."""
        for holiday in reversed(self.holidays):
            days = [
                d
                for d in self._open_days(code)
                if holiday.first_day_off <= d <= holiday.last_day_off and d < self.today
            ]
            if days:
                return days
        raise AssertionError("no past school holiday")

    def _next_holiday(self, code: str) -> list[dt.date]:
        """The opening days of ``code`` in the first school holiday starting after today."""
        for holiday in self.holidays:
            if holiday.first_day_off > self.today:
                days = [
                    d
                    for d in self._open_days(code)
                    if holiday.first_day_off <= d <= holiday.last_day_off
                ]
                if days:
                    return days
        raise AssertionError("no school holiday ahead")

    async def _write_bookings(self) -> None:
        await self._insert_bookings(self.bookings)

    async def _insert_bookings(self, drafts: dict[BookingKey, _BookingDraft]) -> None:
        """One multi-row INSERT, then the ids by key (the unit of work is ~5× slower)."""
        rows = [
            {
                "tenant_id": self.tenant_id,
                "child_id": self.children[child].id,
                "slot_id": self.slots[code, day.isoweekday()].id,
                "activity_id": self.activities[code].id,
                "registration_id": self.registrations[child, code].id,
                "date": day,
                "status": draft.status,
                "attendance": draft.attendance,
                "waiting_since": draft.waiting_since,
                "absence_justified": draft.justified,
                "created_at": draft.created_at,
                "updated_at": draft.updated_at,
            }
            for (child, code, day), draft in sorted(drafts.items())
        ]
        if not rows:
            return
        await self.session.execute(insert(Booking), rows)
        keys = {
            (self.children[child].id, self.activities[code].id, day): (child, code, day)
            for child, code, day in drafts
        }
        first, last = min(k[2] for k in drafts), max(k[2] for k in drafts)
        for row in await self.session.execute(
            select(Booking.id, Booking.child_id, Booking.activity_id, Booking.date).where(
                Booking.tenant_id == self.tenant_id, Booking.date.between(first, last)
            )
        ):
            key = keys.get((row.child_id, row.activity_id, row.date))
            if key is not None:
                self.booking_ids[key] = row.id

    def _booking_id(self, key: BookingKey | None) -> int | None:
        if key is None:
            return None
        return self.booking_ids[key]
