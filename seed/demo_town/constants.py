"""The demo's public constants (slug, logins, password, reference date) and shared ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from seed.demo_town.family_data import FAMILIES
from seed.demo_town.people_data import STAFF_ACCOUNTS
from seed.demo_town.town_data import TENANT_SLUG

DEMO_TENANT_SLUG = TENANT_SLUG
# Every demo login shares this password (documented in the README; demo data only).
DEMO_PASSWORD = "Creneau-demo-2026!"
DEMO_STAFF_EMAIL = STAFF_ACCOUNTS[0].email
DEMO_ADMIN_EMAIL = STAFF_ACCOUNTS[1].email
DEMO_REPORTING_EMAIL = STAFF_ACCOUNTS[2].email
# Parent logins, one per guardian; the first is Élodie DEVAILLÉ, the guide's family.
DEMO_PARENT_EMAILS: tuple[str, ...] = tuple(
    guardian.email
    for family in FAMILIES
    for guardian in family.guardians
    if guardian.key in family.account_holders
)
# Wednesday in the guide's planning week (Mon 5 – Fri 9 January 2026).
DEMO_REFERENCE_DATE = dt.date(2026, 1, 7)
# "today" must leave a past school holiday, some past billing and a next holiday.
EARLIEST_TODAY = dt.date(2025, 11, 3)
LATEST_TODAY = dt.date(2026, 6, 5)

_PARIS = ZoneInfo("Europe/Paris")
_ONE_DAY = dt.timedelta(days=1)
_STAFF = DEMO_STAFF_EMAIL  # the agent who decides requests in the demo
