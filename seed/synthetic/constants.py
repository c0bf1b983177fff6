"""The fixed frame of every synthetic town: reference date, zone, town name, batch size."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from models.child import Grade
from models.tenant import SchoolZone

# The town lives in mid-March of the 2025-2026 school year, zone A: Monday 16 March 2026,
# 08:00 in Paris. Everything before is history (pointed, billed); everything after is booked.
REFERENCE_TODAY = dt.date(2026, 3, 16)
SCHOOL_YEAR = "2025-2026"
SCHOOL_ZONE = SchoolZone.A
PARIS = ZoneInfo("Europe/Paris")
REFERENCE_NOW = dt.datetime(2026, 3, 16, 8, 0, tzinfo=PARIS)

SYNTHETIC_PASSWORD = "Synthese-2026!"
STAFF_EMAIL = "agent.enfance@mairie.example"
TOWN_NAME = "Villeneuve-Synthétique"
TOWN_POSTAL_CODE = "38330"
CHILDREN_PER_SCHOOL = 250
BATCH_SIZE = 20_000
# Invoices exist for September to February (the March billing run has not happened yet).
BILLED_MONTHS = tuple(dt.date(2025 + (m < 9), m, 1) for m in (9, 10, 11, 12, 1, 2))
BILLING_END = dt.date(2026, 3, 1)
REQUEST_REFERENCE_BASE = 17_300_000

_ONE_DAY = dt.timedelta(days=1)
_BIRTH_YEAR_GRADE = {
    2022: Grade.PS,
    2021: Grade.MS,
    2020: Grade.GS,
    2019: Grade.CP,
    2018: Grade.CE1,
    2017: Grade.CE2,
    2016: Grade.CM1,
    2015: Grade.CM2,
}
_SCHOOL_WEEKDAYS = (1, 2, 4, 5)
