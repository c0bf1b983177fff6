"""Web Push actions and reads: register or end the caller's browser subscription, and the
server's public VAPID key the app subscribes with."""

from __future__ import annotations

import functools
from pathlib import Path

from domain.notifications import push_subscriptions
from models import PushSubscription
from models.base import utcnow
from resolvers.context import Context


def _account_id(ctx: Context) -> int:
    account_id = ctx.viewer.account_id
    assert account_id is not None  # the fields admit signed-in accounts only
    return account_id


async def register(
    ctx: Context, *, endpoint: str, p256dh: str, auth: str, user_agent: str | None
) -> PushSubscription:
    """pushSubscriptionRegister: the subscription of the caller's browser; the user agent
    is the request's when the app does not say."""
    if user_agent is None and ctx.request is not None:
        user_agent = ctx.request.headers.get("user-agent")
    async with ctx.db.transaction() as session:
        return await push_subscriptions.register(
            session,
            tenant_id=ctx.tenant.id,
            account_id=_account_id(ctx),
            endpoint=endpoint,
            p256dh=p256dh,
            auth=auth,
            user_agent=user_agent,
            now=utcnow(),
            # A push service on this machine only outside production (development, tests).
            allow_loopback=ctx.settings.environment != "production",
        )


async def unregister(ctx: Context, *, endpoint: str) -> PushSubscription:
    """pushSubscriptionUnregister: the caller's subscription at ``endpoint`` ends."""
    async with ctx.db.transaction() as session:
        return await push_subscriptions.unregister(
            session,
            tenant_id=ctx.tenant.id,
            account_id=_account_id(ctx),
            endpoint=endpoint,
            now=utcnow(),
        )


@functools.lru_cache(maxsize=4)
def _public_key(path: Path, modified_ns: int) -> str:
    return push_subscriptions.vapid_public_key(path)


def public_key(ctx: Context) -> str | None:
    """webPushPublicKey: the configured key's public half (read once per key file), or
    None when this server sends no Web Push (no key configured, or unreadable)."""
    path = ctx.settings.vapid_private_key
    if path is None:
        return None
    try:
        return _public_key(path, path.stat().st_mtime_ns)
    except (OSError, ValueError):
        return None
