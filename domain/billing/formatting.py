"""French formatting of money and dates on invoices, mails and PDFs.

« 1 234,56 € » (a narrow no-break space groups thousands, a no-break space before the
euro sign) and « 5 janvier 2026 » (« 1er janvier 2026 » for the first of a month).
"""

from __future__ import annotations

import datetime as dt

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
THOUSANDS = "\u202f"  # narrow no-break space
BEFORE_UNIT = "\u00a0"  # no-break space


def euros(cents: int, *, thousands: str = THOUSANDS, before_unit: str = BEFORE_UNIT) -> str:
    """« 1 234,56 € », « −3,75 € » from integer cents (exact, no float)."""
    sign = "−" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", thousands)
    return f"{sign}{grouped},{rest:02d}{before_unit}€"


def date_long(day: dt.date) -> str:
    """« 5 janvier 2026 », « 1er mars 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def month_label(month: dt.date) -> str:
    """« janvier 2026 »."""
    return f"{MONTHS_FR[month.month - 1]} {month.year}"
