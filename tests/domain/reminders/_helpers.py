"""What the reminder tests share: instants on the town's clock and readers of what a run
wrote."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reminders.runner import RunReport, run_reminders
from models import OutboxMessage, Tenant
from models.notification import Notification

PARIS = ZoneInfo("Europe/Paris")


def paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``day`` at ``hour``:``minute`` on the town's wall clock, as an aware UTC instant."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).astimezone(dt.UTC)


async def run(session: AsyncSession, tenant: Tenant, now: dt.datetime) -> RunReport:
    """One committed run of every rule at ``now``."""
    report = await run_reminders(session, tenant, now)
    await session.commit()
    return report


async def reminders(session: AsyncSession, tenant_id: int) -> list[Notification]:
    """The tenant's notifications, oldest first."""
    return list(
        await session.scalars(
            select(Notification)
            .where(Notification.tenant_id == tenant_id)
            .order_by(Notification.id)
        )
    )


async def outbox(session: AsyncSession, tenant_id: int) -> list[OutboxMessage]:
    """The tenant's outbox rows, oldest first."""
    return list(
        await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.tenant_id == tenant_id)
            .order_by(OutboxMessage.id)
        )
    )
