"""A family, its parent's account and notifications queued on each channel, written as
``domain.notifications.dispatch.notify`` writes them (rows seeded directly, so the
delivery tests depend on the outbox's shape only)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Event, Notification, OutboxMessage, PushSubscription
from models.event import EventKind
from models.notification import NotificationChannel, NotificationKind
from tests import factories

MOBILE = "+33612345678"


@dataclass(frozen=True)
class Household:
    tenant_id: int
    family_id: int
    account_id: int
    email: str


async def household(session: AsyncSession) -> Household:
    """A town, a validated family, its payer guardian and the guardian's account."""
    tenant = await factories.make_tenant(
        session, name="Mairie de Saint-Ismier", mail_from="nepasrepondre@saint-ismier.example"
    )
    family, (guardian,), _ = await factories.make_family_with_members(session, tenant)
    account = await factories.make_account(
        session, tenant, email=guardian.email or "parent@example.fr", guardian_id=guardian.id
    )
    await session.flush()
    return Household(tenant.id, family.id, account.id, account.email)


async def subscribe(
    session: AsyncSession, home: Household, endpoint: str, p256dh: str, auth: str
) -> int:
    """A live push subscription of the household's account."""
    row = PushSubscription(
        tenant_id=home.tenant_id,
        account_id=home.account_id,
        endpoint=endpoint,
        p256dh=p256dh,
        auth=auth,
        user_agent="Firefox 140",
    )
    session.add(row)
    await session.flush()
    return row.id


async def notification(
    session: AsyncSession,
    home: Household,
    *,
    sms: bool = False,
    mail: bool = False,
    subscriptions: tuple[int, ...] = (),
    title: str = "Demande acceptée",
) -> tuple[int, dict[NotificationChannel, list[int]]]:
    """A REQUEST_DECIDED notification and its outbox rows; (its id, row ids by channel)."""
    note = Notification(
        tenant_id=home.tenant_id,
        family_id=home.family_id,
        account_id=home.account_id,
        kind=NotificationKind.REQUEST_DECIDED,
        topic="change_request_decided",
        title=title,
        body="Votre demande n° 17 378 981 est acceptée.",
        link="https://portail.example/saint-ismier/demandes/17378981",
    )
    session.add(note)
    await session.flush()
    rows: dict[NotificationChannel, list[OutboxMessage]] = {}

    def add(channel: NotificationChannel, **values: object) -> None:
        row = OutboxMessage(
            tenant_id=home.tenant_id,
            channel=channel,
            notification_id=note.id,
            template="change_request_decided",
            html_body=None,
            **{"subject": "", **values},
        )
        session.add(row)
        rows.setdefault(channel, []).append(row)

    if mail:
        add(
            NotificationChannel.MAIL,
            to_address=home.email,
            subject=f"{title} – demande n° 17 378 981",
            text_body="Bonjour,\nVotre demande est acceptée.",
        )
    if sms:
        add(
            NotificationChannel.SMS,
            to_address=MOBILE,
            text_body="Saint-Ismier : votre demande 17378981 est acceptee.",
        )
    payload = {
        "title": title,
        "body": "Votre demande n° 17 378 981 est acceptée.",
        "link": note.link,
        "kind": "REQUEST_DECIDED",
        "notificationId": note.id,
    }
    for subscription_id in subscriptions:
        add(
            NotificationChannel.PUSH,
            to_address="",
            push_subscription_id=subscription_id,
            text_body=json.dumps(payload, ensure_ascii=False),
        )
    await session.flush()
    return note.id, {channel: [row.id for row in found] for channel, found in rows.items()}


async def sent_events(sessions: async_sessionmaker[AsyncSession]) -> list[Event]:
    """Every NOTIFICATION_SENT event, in cursor order."""
    async with sessions() as session:
        return list(
            await session.scalars(
                select(Event).where(Event.kind == EventKind.NOTIFICATION_SENT).order_by(Event.seq)
            )
        )


def at(hour: int) -> dt.datetime:
    """A fixed clock for the delivery rounds (rows are due from their creation)."""
    return dt.datetime(2030, 1, 7, hour, tzinfo=dt.UTC)
