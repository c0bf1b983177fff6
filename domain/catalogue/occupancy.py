"""The dates a slot change would touch, and the failure that lists them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kernel.results import DomainFailure, Problem


@dataclass(frozen=True, slots=True)
class AffectedDate:
    """A future date of a slot with children on it: reserved places, children waiting,
    the places there would be (None: unlimited) and dates asked for, not yet decided."""

    date: dt.date
    reserved: int
    waiting: int
    capacity: int | None
    pending: int = 0


class AffectedDatesFailure(DomainFailure):
    """A refusal that lists the dates that stopped it (the payload's ``affectedDates``)."""

    def __init__(self, problem: Problem, dates: Iterable[AffectedDate]) -> None:
        super().__init__([problem])
        self.dates = tuple(dates)


def french_dates(dates: Iterable[dt.date], limit: int = 5) -> str:
    """« 12/01/2026, 19/01/2026… » (the first ``limit`` dates, then how many more)."""
    days = sorted(dates)
    shown = ", ".join(f"{d:%d/%m/%Y}" for d in days[:limit])
    more = len(days) - limit
    return shown if more <= 0 else f"{shown} et {more} autre{'s' if more > 1 else ''}"
