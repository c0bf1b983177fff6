"""The days a reservation or absence request asks for, and the limits of one request.

Two ways in, as in the guide: one day clicked on the planning (``date``), or the form's
period « Du … Au … » with the weekdays ticked (« lundi, mardi … »). Both become a range of
dates and an optional set of ISO weekdays; the request then expands them over the
activity's slots exactly as the planning does. The limits keep one request a human-sized
thing: a period of at most one school year, at most 100 children, at most 400 dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from domain.bookings.codes import INVALID_PERIOD
from kernel.results import Problem

MAX_PERIOD_DAYS: Final = 366  # one school year, whatever its exact bounds
MAX_CHILDREN: Final = 100
MAX_LINES: Final = 400  # child × slot × date combinations one request may expand to
MAX_SLOTS: Final = 100


@dataclass(frozen=True, slots=True)
class RequestedDays:
    """The dates asked for: a range, the weekdays kept (None: every day), and whether the
    parent named the days explicitly (a clicked date, ticked weekdays) — then a named day
    on which the activity has no slot is reported, instead of silently skipped."""

    start: dt.date
    end: dt.date
    weekdays: frozenset[int] | None
    explicit: bool
    field: str  # input path of the dates, for errors: "date" or "dates"

    def wants(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the requested days (range and weekdays)."""
        in_range = self.start <= day <= self.end
        return in_range and (self.weekdays is None or day.isoweekday() in self.weekdays)


def requested_days(
    date: dt.date | None,
    period: tuple[dt.date, dt.date] | None,
    weekdays: Sequence[int] | None,
) -> RequestedDays | Problem:
    """Check the day input (exactly one of a date and a period; weekdays with a period
    only; a period in order and at most one school year long) and normalise it."""
    if (date is None) == (period is None):
        return Problem(
            INVALID_PERIOD,
            "Indiquez soit une date, soit une période (du … au …).",
            ("dates",),
        )
    if date is not None:
        if weekdays:
            return Problem(
                INVALID_PERIOD,
                "Les jours de la semaine ne s'utilisent qu'avec une période.",
                ("weekdays",),
            )
        return RequestedDays(date, date, None, explicit=True, field="date")
    assert period is not None
    start, end = period
    if end < start:
        return Problem(INVALID_PERIOD, "La date de fin précède la date de début.", ("dates",))
    if (end - start).days >= MAX_PERIOD_DAYS:
        return Problem(
            INVALID_PERIOD,
            "La période est limitée à une année scolaire.",
            ("dates",),
        )
    wanted = frozenset(weekdays) if weekdays else None
    if wanted is not None and not wanted <= set(range(1, 8)):
        return Problem(INVALID_PERIOD, "Jour de la semaine inconnu.", ("weekdays",))
    return RequestedDays(start, end, wanted, explicit=wanted is not None, field="dates")
