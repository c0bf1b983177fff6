"""Loading the demo town: idempotent, in one transaction, race-safe."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.passwords import hash_password
from models.tenant import Tenant
from seed.demo_town.builder import _TownBuilder
from seed.demo_town.constants import (
    DEMO_PASSWORD,
    DEMO_REFERENCE_DATE,
    DEMO_TENANT_SLUG,
    EARLIEST_TODAY,
    LATEST_TODAY,
)
from seed.demo_town.summary import DemoSummary, _summary
from seed.demo_town.town_data import SCHOOL_YEAR_LABEL, TENANT_SETTINGS


async def load_demo_town(
    session_factory: async_sessionmaker[AsyncSession], *, today: dt.date | None = None
) -> DemoSummary:
    """Create the Saint-Ismier demo town unless it exists, so `make run` shows a live portal.

    Idempotent: when the tenant ``saint-ismier`` exists (or another process creates it at
    the same moment) nothing is written but settings added since (``TENANT_SETTINGS`` keys it
    lacks, e.g. the SEPA creditor), and the summary says ``created=False``. Otherwise
    everything is created in one transaction. ``today`` anchors bookings, requests and
    invoices (default ``DEMO_REFERENCE_DATE``); it must lie between ``EARLIEST_TODAY`` and
    ``LATEST_TODAY`` so that the 2025-2026 calendar has a past and a future around it.
    """
    today = today or DEMO_REFERENCE_DATE
    if not EARLIEST_TODAY <= today <= LATEST_TODAY:
        raise ValueError(
            f"today must be between {EARLIEST_TODAY} and {LATEST_TODAY} (school year "
            f"{SCHOOL_YEAR_LABEL}), got {today}"
        )
    async with session_factory() as session:
        tenant_id = await _tenant_id(session)
        if tenant_id is not None:
            await _add_missing_settings(session, tenant_id)
            return await _summary(session, tenant_id, created=False)

    # Argon2 is deliberately slow: hash once, off the event loop, and share the hash.
    password_hash = await asyncio.to_thread(hash_password, DEMO_PASSWORD)
    try:
        async with session_factory() as session, session.begin():
            tenant_id = await _TownBuilder(session, today, password_hash).build()
    except IntegrityError:
        # Lost a race with a concurrent load: the other one created the town.
        async with session_factory() as session:
            existing = await _tenant_id(session)
            if existing is None:
                raise
            return await _summary(session, existing, created=False)
    async with session_factory() as session:
        return await _summary(session, tenant_id, created=True)


async def _add_missing_settings(session: AsyncSession, tenant_id: int) -> None:
    """Give a demo created by an older version the settings added since (e.g. the SEPA
    creditor), without touching the ones it has."""
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    missing = {k: v for k, v in TENANT_SETTINGS.items() if k not in (tenant.settings or {})}
    if missing:
        tenant.settings = {**(tenant.settings or {}), **missing}
        await session.commit()


async def _tenant_id(session: AsyncSession) -> int | None:
    return await session.scalar(select(Tenant.id).where(Tenant.slug == DEMO_TENANT_SLUG))
