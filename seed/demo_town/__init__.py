"""The demo town: Saint-Ismier's Espace Famille, populated as the user guide shows it.

``load_demo_town`` creates, in one transaction, a tenant with its school calendar,
establishments, activities (slot times, rules and prices from the guide), four families
(one still waiting for validation, one on direct debit), accounts for staff and parents,
registrations, bookings around "today", requests in every state with their history and
messages, and monthly invoices computed from the bookings. Loading is idempotent: when the
tenant already exists nothing is written.

The static content lives in the ``*_data`` modules of this package; the other modules add
everything that depends on "today" (default: Wednesday 7 January 2026, so that the guide's
planning week of 5–9 January 2026 is populated for Lenny).

The package, one module per purpose (a module imports only those above it):
- ``town_data``: school year, tenant, establishment and activity codes, establishments;
- ``activity_data``: the activities, their rules, deadlines and prices;
- ``people_data``: staff logins and what a family file holds (guardians, children…);
- ``family_data``: the four families and the vaccine schedule;
- ``story_data``: standing reservations, invoice payment stories, the guide's numbers;
- ``constants``: the public ``DEMO_*`` constants and the range allowed for "today";
- ``summary``: ``DemoSummary`` and the counts it reports;
- ``dates``, ``drafts``: instants and dates; drafts of bookings, requests and messages;
- ``base``: the builder's state (session, "today", rows by key);
- ``catalogue``: tenant, establishments, calendar, activities, slots and price lists;
- ``pricing``: family quotients, unit prices, sibling ranks;
- ``families``: families, children's files, accounts, registrations;
- ``bookings``: standing reservations, absences, booking rows;
- ``requests``: request drafts with their history, references, rows and messages;
- ``scenarios_lux``, ``scenarios_youth``, ``scenarios_bourg``, ``scenarios_file_changes``:
  the guide's requests in every state, family by family;
- ``invoices``: billing runs, invoices, lines and payments;
- ``builder``: the whole load in order (``_TownBuilder``);
- ``loader``: ``load_demo_town``, idempotent and race-safe.
"""

from __future__ import annotations

from seed.demo_town.constants import (
    DEMO_ADMIN_EMAIL,
    DEMO_PARENT_EMAILS,
    DEMO_PASSWORD,
    DEMO_REFERENCE_DATE,
    DEMO_REPORTING_EMAIL,
    DEMO_STAFF_EMAIL,
    DEMO_TENANT_SLUG,
    EARLIEST_TODAY,
    LATEST_TODAY,
)
from seed.demo_town.loader import load_demo_town
from seed.demo_town.summary import DemoSummary

__all__ = [
    "DEMO_ADMIN_EMAIL",
    "DEMO_PARENT_EMAILS",
    "DEMO_PASSWORD",
    "DEMO_REFERENCE_DATE",
    "DEMO_REPORTING_EMAIL",
    "DEMO_STAFF_EMAIL",
    "DEMO_TENANT_SLUG",
    "EARLIEST_TODAY",
    "LATEST_TODAY",
    "DemoSummary",
    "load_demo_town",
]
