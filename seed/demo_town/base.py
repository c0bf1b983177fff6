"""The builder's state: the session, "today", the static content by key, and the rows
written so far, shared by every step of the load.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.french_calendar import school_holidays
from domain.calendar.opening_days import ClosedPeriod
from models.account import Account
from models.activity import Activity, Slot
from models.calendar import SchoolYear
from models.child import Child
from models.establishment import Establishment
from models.family import Family, Guardian
from models.registration import Registration
from models.tenant import SchoolZone, Tenant
from seed.demo_town.activity_data import ACTIVITIES
from seed.demo_town.drafts import BookingKey, _BookingDraft, _RequestDraft
from seed.demo_town.family_data import FAMILIES
from seed.demo_town.town_data import SCHOOL_YEAR_LABEL


class _BuilderState:
    """State shared by the steps of the load: session, "today", rows by key, drafts."""

    tenant: Tenant
    school_year: SchoolYear

    def __init__(self, session: AsyncSession, today: dt.date, password_hash: str) -> None:
        self.session = session
        self.today = today
        self.password_hash = password_hash
        self.activity_data = {a.code: a for a in ACTIVITIES}
        self.family_data = {f.key: f for f in FAMILIES}
        self.child_data = {c.key: c for f in FAMILIES for c in f.children}
        self.child_family = {c.key: f.key for f in FAMILIES for c in f.children}
        self.establishments: dict[str, Establishment] = {}
        self.activities: dict[str, Activity] = {}
        self.slots: dict[tuple[str, int], Slot] = {}
        self.families: dict[str, Family] = {}
        self.guardians: dict[str, Guardian] = {}
        self.children: dict[str, Child] = {}
        self.accounts: dict[str, Account] = {}  # by guardian key, or staff email
        self.registrations: dict[tuple[str, str], Registration] = {}
        self.bookings: dict[BookingKey, _BookingDraft] = {}
        self.booking_ids: dict[BookingKey, int] = {}  # both school years, once written
        self.requests: list[_RequestDraft] = []
        self.periods: list[ClosedPeriod] = []
        self.holidays = school_holidays(SCHOOL_YEAR_LABEL, SchoolZone.A.value)
        self._days_cache: dict[str, list[dt.date]] = {}
        self.strike_day: dt.date | None = None
        self.guide_payment_made = False

    @property
    def tenant_id(self) -> int:
        return self.tenant.id
