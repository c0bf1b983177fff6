"""A parent's notification preferences: read the effective matrix kind × channel, change it.

The matrix shows, for every kind a town configures and every channel, what the town offers,
what the parent chose (their row, else the channel's default — see ``channels``), whether
the channel is mandatory (a town notice always goes by mail) and whether a consent is
missing (SMS without a consented mobile, push without a registered browser) — so the
portal can say « activez les SMS en donnant votre numéro » instead of a switch that does
nothing. ``REMINDER`` choices also set the family file's ``reminder_by_email`` /
``reminder_by_sms`` (the guide's form shows them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.channels import NO_REACH, load_reach
from domain.notifications.town_offer import (
    CONFIGURABLE_KINDS,
    MAIL,
    MANDATORY_CHANNELS,
    SMS,
    read_offer,
)
from kernel.results import DomainFailure, Problem
from models import Account, Family, Guardian, Tenant
from models.notification import NotificationChannel, NotificationKind, NotificationPreference

NOT_CONFIGURABLE_MESSAGE: Final = "Ce message est toujours envoyé par mail."
NOT_OFFERED_MESSAGE: Final = "La commune ne propose pas ce canal pour ce type de message."


@dataclass(frozen=True, slots=True)
class PreferenceCell:
    """One kind on one channel, as the parent's settings page shows it."""

    kind: NotificationKind
    channel: NotificationChannel
    offered: bool  # the town sends this kind on this channel
    enabled: bool  # the parent's choice (their row, else the default)
    chosen: bool  # the parent set it explicitly (else it is the default)
    mandatory: bool  # always on (a town notice by mail): cannot be turned off
    consent_missing: bool  # SMS without a consented mobile, push without a subscription

    @property
    def active(self) -> bool:
        """Whether a notification of this kind would go on this channel now."""
        return self.offered and (self.mandatory or (self.enabled and not self.consent_missing))


@dataclass(frozen=True, slots=True)
class PreferenceChange:
    """One switch of the parent's settings page."""

    kind: NotificationKind
    channel: NotificationChannel
    enabled: bool


async def preference_matrix(
    session: AsyncSession, tenant_id: int, account_id: int
) -> list[PreferenceCell]:
    """notificationPreferences: every configurable kind × channel for the account."""
    tenant = await session.get_one(Tenant, tenant_id)
    offer = read_offer(tenant)
    reach = (await load_reach(session, tenant_id, [account_id])).get(account_id, NO_REACH)
    cells = []
    for kind in CONFIGURABLE_KINDS:
        for channel in NotificationChannel:
            cells.append(
                PreferenceCell(
                    kind=kind,
                    channel=channel,
                    offered=offer.offers(kind, channel),
                    enabled=reach.wants(kind, channel),
                    chosen=(kind, channel) in reach.preferences,
                    mandatory=channel in MANDATORY_CHANNELS.get(kind, frozenset()),
                    consent_missing=not reach.reachable(channel),
                )
            )
    return cells


async def set_preferences(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    changes: Sequence[PreferenceChange],
    now: dt.datetime,
) -> list[PreferenceCell]:
    """notificationPreferencesUpdate: record each change (nothing if one is refused) and
    return the matrix after it. Refused: a mandatory channel (NOT_CONFIGURABLE), a kind the
    parent cannot choose (ACCOUNT), a channel the town does not offer (NOT_OFFERED)."""
    tenant = await session.get_one(Tenant, tenant_id)
    offer = read_offer(tenant)
    problems = []
    for index, change in enumerate(changes):
        field = ("changes", str(index), "channel")
        mandatory = change.channel in MANDATORY_CHANNELS.get(change.kind, frozenset())
        if change.kind not in CONFIGURABLE_KINDS or (mandatory and not change.enabled):
            problems.append(Problem("NOT_CONFIGURABLE", NOT_CONFIGURABLE_MESSAGE, field))
        elif not offer.offers(change.kind, change.channel):
            problems.append(Problem("NOT_OFFERED", NOT_OFFERED_MESSAGE, field))
    if problems:
        raise DomainFailure(problems)
    existing = {
        (row.kind, row.channel): row
        for row in await session.scalars(
            select(NotificationPreference).where(
                NotificationPreference.tenant_id == tenant_id,
                NotificationPreference.account_id == account_id,
            )
        )
    }
    for change in changes:
        row = existing.get((change.kind, change.channel))
        if row is None:
            row = NotificationPreference(
                tenant_id=tenant_id,
                account_id=account_id,
                kind=change.kind,
                channel=change.channel,
                enabled=change.enabled,
                updated_at=now,
            )
            session.add(row)
            existing[(change.kind, change.channel)] = row
        else:
            row.enabled = change.enabled
            row.updated_at = now
    await session.flush()
    await _sync_reminder_flags(session, account_id, changes)
    return await preference_matrix(session, tenant_id, account_id)


async def _sync_reminder_flags(
    session: AsyncSession, account_id: int, changes: Sequence[PreferenceChange]
) -> None:
    reminders = {c.channel: c.enabled for c in changes if c.kind is NotificationKind.REMINDER}
    if not reminders:
        return
    account = await session.get(Account, account_id)
    guardian = await session.get(Guardian, account.guardian_id) if account else None
    family = await session.get(Family, guardian.family_id) if guardian else None
    if family is None:
        return
    if MAIL in reminders:
        family.reminder_by_email = reminders[MAIL]
    if SMS in reminders:
        family.reminder_by_sms = reminders[SMS] and family.accepts_sms
    await session.flush()
