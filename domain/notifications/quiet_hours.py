"""Quiet hours: SMS and push notifications created at night wait for the morning.

A mail is read when the parent opens their mailbox; a phone buzzes at once. Rows of those
channels created inside the town's quiet hours (local time, default 20:00–08:00) get their
``next_attempt_at`` at the end of the quiet hours, so the worker sends them then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class QuietHours:
    """From ``start`` to ``end`` local time; ``start > end`` spans midnight (20:00–08:00)."""

    start: dt.time
    end: dt.time

    def contains(self, local: dt.time) -> bool:
        """Whether ``local`` (a wall-clock time) falls inside the quiet hours."""
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def label(self) -> str:
        """« 20:00–08:00 », as the settings show it."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


DEFAULT_QUIET_HOURS = QuietHours(dt.time(20, 0), dt.time(8, 0))


def quiet_until(now: dt.datetime, quiet: QuietHours | None, timezone: str) -> dt.datetime | None:
    """The aware UTC instant the quiet hours around ``now`` end, or None when ``now`` is not
    inside them (or the town has none): when a delayed SMS or push may be sent."""
    if quiet is None or quiet.start == quiet.end:
        return None
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return None
    day = local.date()
    if local.time().replace(tzinfo=None) >= quiet.end:
        day += dt.timedelta(days=1)
    end = dt.datetime.combine(day, quiet.end, tzinfo=zone)
    return end.astimezone(dt.UTC)
