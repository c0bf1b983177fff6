"""What was sent to a family: its notifications, newest first, and each one's deliveries.

Staff read any family of their tenant, a parent their own (``Viewer.can_read_family``); a
family out of reach reads as null. The deliveries of a page of notifications are loaded
by one DataLoader (one statement for the page, whatever its size).
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import select

from models import Notification, OutboxMessage
from resolvers.context import Context
from resolvers.family.reads import families_by_id

MAX_FIRST: Final = 100


async def family_notifications(
    ctx: Context, family_id: int, first: int
) -> list[Notification] | None:
    """familyNotifications: the family's ``first`` latest notifications (≤ 100), or None
    when the viewer may not read the family (or it is another tenant's)."""
    (family,) = await families_by_id(ctx, [family_id])  # tenant-scoped, then visibility
    if family is None:
        return None
    limit = max(1, min(first, MAX_FIRST))
    return list(
        await ctx.db.scalars(
            select(Notification)
            .where(Notification.tenant_id == ctx.tenant.id, Notification.family_id == family_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


async def deliveries(ctx: Context, notification_id: int) -> list[OutboxMessage]:
    """The outbox rows of a notification, one per channel (and push subscription)."""
    loader = ctx.loaders.grouped(OutboxMessage, OutboxMessage.notification_id, [OutboxMessage.id])
    return await loader.load(notification_id)
