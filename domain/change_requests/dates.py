"""« Today » for the rules of a change request: the tenant's calendar date, never the
machine's (a vaccine injected « today » in Paris shortly after midnight is still yesterday
in UTC, and a server may run in any zone)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.clock import local_date
from models import Tenant


async def tenant_today(session: AsyncSession, tenant_id: int, now: dt.datetime) -> dt.date:
    """The date ``now`` falls on in the tenant's time zone (Europe/Paris by default)."""
    timezone = await session.scalar(select(Tenant.timezone).where(Tenant.id == tenant_id))
    return local_date(now, timezone or "Europe/Paris")
