"""Test factories: the seed builders (``seed.builders``) with test defaults, one module per
area, each ``make_x`` defined once. Every factory returns flushed rows (commit before the
API reads them) and lets a test override any column, so a test states only what matters.

- ``catalogue``: tenant, school year, establishment, activity, slot, calendar period,
  account with a known password;
- ``family``: family, guardian, child, invoice, accounts with a session token;
- ``bookings``: registration, a booking town (activity with weekly slots) and households;
- ``requests``: bookings, reservation/absence requests with their lines, messages;
- ``billing``: price lists, quotients, a billed town;
- ``payments``: invoice lines, payments, bank accounts, a paying family;
- ``reporting``: the reporting town, kept as plain data for independent expectations;
- ``towns``: small worlds several test modules share.

Everything is re-exported here, so ``from tests import factories`` then
``factories.make_family(...)`` works as well as ``from tests.factories.family import ...``.
"""

from __future__ import annotations

from tests.factories.billing import *  # noqa: F403
from tests.factories.bookings import *  # noqa: F403
from tests.factories.catalogue import *  # noqa: F403
from tests.factories.family import *  # noqa: F403
from tests.factories.payments import *  # noqa: F403
from tests.factories.reporting import *  # noqa: F403
from tests.factories.requests import *  # noqa: F403
from tests.factories.towns import *  # noqa: F403
