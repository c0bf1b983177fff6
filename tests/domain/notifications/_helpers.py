"""What the notification tests share: a parent reachable by mail, SMS and push, and readers
of what was written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.dispatch import Recipient
from models import Account, Family, OutboxMessage, Tenant
from models.notification import (
    Notification,
    NotificationChannel,
    NotificationConsent,
    PushSubscription,
)
from tests import factories

MOBILE = "+33612345678"
# Tuesday 2026-12-01 10:00 in Paris: outside the default quiet hours.
DAYTIME = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
# 22:30 in Paris: inside the default quiet hours (20:00–08:00).
NIGHT = dt.datetime(2026, 12, 1, 21, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Parent:
    """A tenant, a family and its parent account, as the tests reach them."""

    tenant: Tenant
    family: Family
    account: Account

    @property
    def recipient(self) -> Recipient:
        return Recipient(
            account_id=self.account.id,
            email=self.account.email,
            name="Mme Marie DUPONT",
            guardian_id=self.account.guardian_id,
        )


async def make_parent(
    session: AsyncSession, *, sms: bool = False, push: int = 0, offer_sms: bool = True
) -> Parent:
    """A parent of a validated family; with ``sms`` a live SMS consent for ``MOBILE``, with
    ``push`` that many live push subscriptions; the town offers SMS unless told not to."""
    settings: dict[str, Any] = {"notifications": {"channels": {}}}
    if offer_sms:
        settings["notifications"]["channels"] = {
            kind: ["MAIL", "SMS", "PUSH"]
            for kind in ("REQUEST_DECIDED", "NEW_MESSAGE", "INVOICE_ISSUED", "TOWN_NOTICE")
        }
    tenant = await factories.make_tenant(session, settings=settings)
    family = await factories.make_family(session, tenant, name="DUPONT")
    guardian = await factories.make_guardian(session, family)
    account = await factories.make_account(
        session, tenant, email="marie.dupont@example.fr", guardian_id=guardian.id
    )
    if sms:
        session.add(
            NotificationConsent(
                tenant_id=tenant.id,
                account_id=account.id,
                channel=NotificationChannel.SMS,
                address=MOBILE,
                granted_at=DAYTIME - dt.timedelta(days=3),
            )
        )
    for n in range(push):
        session.add(
            PushSubscription(
                tenant_id=tenant.id,
                account_id=account.id,
                endpoint=f"https://push.example/{account.id}/{n}",
                p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                auth="tBHItJI5svbpez7KI4CCXg",
            )
        )
    await session.flush()
    return Parent(tenant, family, account)


async def outbox(session: AsyncSession, tenant_id: int) -> list[OutboxMessage]:
    """The tenant's outbox rows, oldest first."""
    return list(
        await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.tenant_id == tenant_id)
            .order_by(OutboxMessage.id)
        )
    )


async def notifications(session: AsyncSession, tenant_id: int) -> list[Notification]:
    """The tenant's notification rows, oldest first."""
    return list(
        await session.scalars(
            select(Notification)
            .where(Notification.tenant_id == tenant_id)
            .order_by(Notification.id)
        )
    )


def channels(rows: list[OutboxMessage]) -> list[str]:
    """The channels of outbox rows, sorted (what a test compares)."""
    return sorted(row.channel.value for row in rows)
