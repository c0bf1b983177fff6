"""The current instant and the tenant's calendar day.

Timestamps are timezone-aware UTC; dates (bookings, deadlines, invoice windows, birth
dates) are calendar dates in the tenant's time zone — never the machine's. Everything
that needs "today" asks here, with the tenant's zone.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from models.base import utcnow

__all__ = ["local_date", "today_in", "utcnow", "zone"]


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The time zone called ``name`` (« Europe/Paris »), loaded once."""
    return ZoneInfo(name)


def local_date(moment: dt.datetime, timezone: str | ZoneInfo) -> dt.date:
    """The calendar day ``moment`` falls on in ``timezone``."""
    tz = zone(timezone) if isinstance(timezone, str) else timezone
    return moment.astimezone(tz).date()


def today_in(timezone: str | ZoneInfo) -> dt.date:
    """Today in ``timezone`` (a tenant's zone), whatever the machine's zone is."""
    return local_date(utcnow(), timezone)
