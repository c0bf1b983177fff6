"""A parent's notification preferences and SMS consent: read and change them.

A parent reaches only their own account; staff may read and change the preferences of an
account of their tenant's families (a parent helped at the counter) — never its consents,
which only the parent gives or withdraws. An account out of reach reads as null, and a
change aimed at one is NOT_FOUND, exactly like an account that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import consents, preferences
from domain.notifications.preferences import PreferenceCell, PreferenceChange
from kernel.results import fail
from models import Account, NotificationConsent
from models.account import Role
from models.base import utcnow
from models.notification import NotificationChannel
from resolvers.context import Context

NOT_FOUND_MESSAGE: Final = "Ce compte est introuvable."


@dataclass(frozen=True, slots=True)
class PreferencesView:
    """The matrix of one account and its SMS consent in force."""

    account_id: int
    cells: list[PreferenceCell]
    sms_consent: NotificationConsent | None


def _own_account(ctx: Context) -> int:
    account_id = ctx.viewer.account_id
    assert account_id is not None  # the fields admit signed-in accounts only
    return account_id


async def _reachable(session: AsyncSession, ctx: Context, account_pk: int | None) -> int | None:
    # The viewer's own account, or (staff) a parent account of the tenant.
    own = _own_account(ctx)
    if account_pk is None or account_pk == own:
        return own
    if not ctx.viewer.is_staff:
        return None
    account = await session.get(Account, account_pk)
    if account is None or account.tenant_id != ctx.tenant.id or account.role is not Role.PARENT:
        return None
    return account.id


async def _view(session: AsyncSession, ctx: Context, account_id: int) -> PreferencesView:
    return PreferencesView(
        account_id=account_id,
        cells=await preferences.preference_matrix(session, ctx.tenant.id, account_id),
        sms_consent=await consents.live_consent(
            session, ctx.tenant.id, account_id, NotificationChannel.SMS
        ),
    )


async def read_preferences(ctx: Context, account_pk: int | None) -> PreferencesView | None:
    """notificationPreferences: the account's matrix, or None when out of reach."""
    async with ctx.db.transaction() as session:
        account_id = await _reachable(session, ctx, account_pk)
        if account_id is None:
            return None
        return await _view(session, ctx, account_id)


async def update_preferences(
    ctx: Context, account_pk: int | None, changes: Sequence[PreferenceChange]
) -> PreferencesView:
    """notificationPreferencesUpdate, in one transaction; NOT_FOUND out of reach."""
    async with ctx.db.transaction() as session:
        account_id = await _reachable(session, ctx, account_pk)
        if account_id is None:
            raise fail("NOT_FOUND", NOT_FOUND_MESSAGE, "account")
        await preferences.set_preferences(
            session,
            tenant_id=ctx.tenant.id,
            account_id=account_id,
            changes=changes,
            now=utcnow(),
        )
        return await _view(session, ctx, account_id)


async def grant_sms(ctx: Context, mobile: str) -> NotificationConsent:
    """smsConsentGrant: the caller's own consent, dated now."""
    async with ctx.db.transaction() as session:
        return await consents.grant_sms(
            session,
            tenant_id=ctx.tenant.id,
            account_id=_own_account(ctx),
            mobile=mobile,
            now=utcnow(),
        )


async def revoke_sms(ctx: Context, mobile: str | None) -> list[NotificationConsent]:
    """smsConsentRevoke: the caller's consents in force end now (only ``mobile``'s when
    given); NO_CONSENT when there is none."""
    async with ctx.db.transaction() as session:
        return await consents.revoke(
            session,
            tenant_id=ctx.tenant.id,
            account_id=_own_account(ctx),
            channel=NotificationChannel.SMS,
            now=utcnow(),
            mobile=mobile,
        )


async def consent_history(ctx: Context, account_pk: int | None) -> list[NotificationConsent] | None:
    """notificationConsents: every consent of the account, newest first (None: out of
    reach)."""
    async with ctx.db.transaction() as session:
        account_id = await _reachable(session, ctx, account_pk)
        if account_id is None:
            return None
        return await consents.history(session, ctx.tenant.id, account_id)
