"""Which channels carry a notification to a recipient: the town's offer × the recipient's
preferences × their consents × their push subscriptions (docs/NOTIFICATIONS.md, Rules).

Defaults when the recipient set no preference: mail on; SMS on when they have a live SMS
consent (a mobile number); push on when they have a live push subscription. An explicit
preference turns a channel off, or on — but SMS still needs a live consent and push a live
subscription. ``ACCOUNT`` goes by mail only, and ``TOWN_NOTICE`` always by mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.town_offer import MAIL, MANDATORY_CHANNELS, PUSH, SMS, TownOffer
from models.notification import (
    NotificationChannel,
    NotificationConsent,
    NotificationKind,
    NotificationPreference,
    PushSubscription,
)

PreferenceKey = tuple[NotificationKind, NotificationChannel]


@dataclass(frozen=True, slots=True)
class Reach:
    """How an account can be reached: its preference rows, its live SMS consent's number
    and its live push subscriptions."""

    preferences: Mapping[PreferenceKey, bool] = field(default_factory=dict)
    sms_address: str | None = None
    push_subscription_ids: tuple[int, ...] = ()

    def default(self, channel: NotificationChannel) -> bool:
        """A channel's choice when the account set none."""
        if channel is SMS:
            return self.sms_address is not None
        if channel is PUSH:
            return bool(self.push_subscription_ids)
        return True

    def wants(self, kind: NotificationKind, channel: NotificationChannel) -> bool:
        """The account's choice for ``kind`` on ``channel`` (its row, else the default)."""
        return self.preferences.get((kind, channel), self.default(channel))

    def reachable(self, channel: NotificationChannel) -> bool:
        """Whether the channel has somewhere to go (a consented number, a subscription)."""
        if channel is SMS:
            return self.sms_address is not None
        if channel is PUSH:
            return bool(self.push_subscription_ids)
        return True


NO_REACH = Reach()


async def load_reach(
    session: AsyncSession, tenant_id: int, account_ids: Iterable[int]
) -> dict[int, Reach]:
    """The ``Reach`` of each account — three statements whatever their number."""
    ids = sorted(set(account_ids))
    if not ids:
        return {}
    preferences: dict[int, dict[PreferenceKey, bool]] = {i: {} for i in ids}
    for pref in await session.scalars(
        select(NotificationPreference).where(
            NotificationPreference.tenant_id == tenant_id,
            NotificationPreference.account_id.in_(ids),
        )
    ):
        preferences[pref.account_id][(pref.kind, pref.channel)] = pref.enabled
    sms: dict[int, str] = {}
    for consent in await session.scalars(
        select(NotificationConsent)
        .where(
            NotificationConsent.tenant_id == tenant_id,
            NotificationConsent.account_id.in_(ids),
            NotificationConsent.channel == SMS,
            NotificationConsent.revoked_at.is_(None),
            NotificationConsent.address.is_not(None),
        )
        .order_by(NotificationConsent.granted_at, NotificationConsent.id)
    ):
        sms[consent.account_id] = str(consent.address)  # the latest live consent wins
    push: dict[int, list[int]] = {i: [] for i in ids}
    for account_id, subscription_id in await session.execute(
        select(PushSubscription.account_id, PushSubscription.id)
        .where(
            PushSubscription.tenant_id == tenant_id,
            PushSubscription.account_id.in_(ids),
            PushSubscription.revoked_at.is_(None),
        )
        .order_by(PushSubscription.id)
    ):
        push[account_id].append(subscription_id)
    return {i: Reach(preferences[i], sms.get(i), tuple(push[i])) for i in ids}


def decide(
    kind: NotificationKind,
    offer: TownOffer,
    reach: Reach | None,
    *,
    has_email: bool,
    has_short_text: bool,
) -> frozenset[NotificationChannel]:
    """The channels a notification of ``kind`` goes on. ``reach`` None: the recipient has no
    account (a guardian never signed in) — mail only. SMS and push need a short text."""
    mandatory = MANDATORY_CHANNELS.get(kind, frozenset())
    chosen: set[NotificationChannel] = set()
    for channel in offer.offered(kind):
        if channel is MAIL:
            if has_email and (channel in mandatory or reach is None or reach.wants(kind, channel)):
                chosen.add(channel)
        elif (
            kind is not NotificationKind.ACCOUNT
            and has_short_text
            and reach is not None
            and reach.reachable(channel)
            and reach.wants(kind, channel)
        ):
            chosen.add(channel)
    return frozenset(chosen)
