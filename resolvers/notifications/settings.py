"""The town's notification offer and quiet hours: staff read them, administrators change
them (the endpoint's own collectivity, in one transaction)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.notifications import offer_update
from domain.notifications.offer_update import KEEP, Keep, KindOffer
from domain.notifications.quiet_hours import QuietHours
from domain.notifications.town_offer import TownOffer, read_offer
from models import Tenant
from resolvers.context import Context


async def notification_settings(ctx: Context) -> TownOffer:
    """notificationSettings: the offer as it applies (defaults filled in)."""
    async with ctx.db.transaction() as session:
        return read_offer(await session.get_one(Tenant, ctx.tenant.id))


async def update_notification_settings(
    ctx: Context, kinds: Sequence[KindOffer], quiet_hours: QuietHours | Keep | None = KEEP
) -> TownOffer:
    """notificationSettingsUpdate: checked, written and audited by the domain."""
    async with ctx.db.transaction() as session:
        return await offer_update.update_offer(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            kinds=kinds,
            quiet_hours=quiet_hours,
        )
