"""Consents to be reached by SMS or Web Push: dated, revocable, their history kept.

An SMS consent is given for one mobile number — a French (overseas included) or other EU
mobile, validated with ``phonenumbers`` and stored in E.164. Granting another number ends
the previous consent; revoking sets ``revoked_at`` (rows are never deleted: the history is
the proof of consent the town may be asked for). The family file's ``accepts_sms`` (and
``reminder_by_sms`` on revocation) follow the consents of the family's accounts, so the
guide's family form and the notification settings tell the same story.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import phonenumbers
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.contact_validation import normalize_phone
from kernel.results import fail
from models import Account, Family, Guardian
from models.notification import NotificationChannel, NotificationConsent, PushSubscription

SMS, PUSH = NotificationChannel.SMS, NotificationChannel.PUSH
NO_CONSENT_MESSAGE: Final = "Aucun consentement en cours pour ce canal."
EU_MOBILE_MESSAGE: Final = (
    "Les SMS ne peuvent être envoyés qu'à un numéro de portable français ou européen."
)
# EU member states and the French overseas regions and collectivities with their own
# calling codes: where a town's SMS provider delivers at the national rate.
EU_REGIONS: Final = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "RE",
        "GP",
        "MQ",
        "GF",
        "YT",
        "PM",
        "BL",
        "MF",
    ]
)


def normalize_eu_mobile(raw: str, *field: str) -> str:
    """A mobile number of France or another EU country in E.164, or a French failure
    (INVALID_PHONE, NOT_A_MOBILE, NOT_AN_EU_MOBILE): what an SMS consent is given for."""
    number = normalize_phone(raw, *field, country="FR", mobile=True)
    region = phonenumbers.region_code_for_number(phonenumbers.parse(number))
    if region not in EU_REGIONS:
        raise fail("NOT_AN_EU_MOBILE", EU_MOBILE_MESSAGE, *(field or ("mobile",)))
    return number


async def live_consent(
    session: AsyncSession, tenant_id: int, account_id: int, channel: NotificationChannel
) -> NotificationConsent | None:
    """The account's consent in force on ``channel`` (the latest), if any."""
    return await session.scalar(
        select(NotificationConsent)
        .where(
            NotificationConsent.tenant_id == tenant_id,
            NotificationConsent.account_id == account_id,
            NotificationConsent.channel == channel,
            NotificationConsent.revoked_at.is_(None),
        )
        .order_by(NotificationConsent.granted_at.desc(), NotificationConsent.id.desc())
        .limit(1)
    )


async def grant_sms(
    session: AsyncSession, *, tenant_id: int, account_id: int, mobile: str, now: dt.datetime
) -> NotificationConsent:
    """smsConsentGrant: consent to SMS on ``mobile`` from ``now``. The same number again
    keeps the consent in force (idempotent); another number ends it and starts a new one."""
    number = normalize_eu_mobile(mobile, "mobile")
    current = await live_consent(session, tenant_id, account_id, SMS)
    if current is not None and current.address == number:
        return current
    await _revoke_all(session, tenant_id, account_id, SMS, now)
    consent = NotificationConsent(
        tenant_id=tenant_id, account_id=account_id, channel=SMS, address=number, granted_at=now
    )
    session.add(consent)
    await session.flush()
    await _sync_family(session, tenant_id, account_id)
    return consent


async def grant_push(
    session: AsyncSession, *, tenant_id: int, account_id: int, now: dt.datetime
) -> NotificationConsent:
    """Record the consent to Web Push (the parent's app asks when it registers a browser);
    idempotent while one is in force."""
    current = await live_consent(session, tenant_id, account_id, PUSH)
    if current is not None:
        return current
    consent = NotificationConsent(
        tenant_id=tenant_id, account_id=account_id, channel=PUSH, granted_at=now
    )
    session.add(consent)
    await session.flush()
    return consent


async def revoke(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    channel: NotificationChannel,
    now: dt.datetime,
    mobile: str | None = None,
) -> list[NotificationConsent]:
    """smsConsentRevoke (and push): end the consents in force on ``channel`` at ``now``
    (with ``mobile``, only that number's); no SMS (or push) is written for the account
    afterwards. Revoking push also ends its push subscriptions. Fails with NO_CONSENT when
    none was in force."""
    address = None
    if mobile is not None and mobile.strip():
        address = normalize_phone(mobile, "mobile", country="FR")
    revoked = await _revoke_all(session, tenant_id, account_id, channel, now, address)
    if channel is PUSH:
        for subscription in await session.scalars(
            select(PushSubscription).where(
                PushSubscription.tenant_id == tenant_id,
                PushSubscription.account_id == account_id,
                PushSubscription.revoked_at.is_(None),
            )
        ):
            subscription.revoked_at = now
    if not revoked:
        raise fail("NO_CONSENT", NO_CONSENT_MESSAGE)
    await session.flush()
    await _sync_family(session, tenant_id, account_id)
    return revoked


async def history(
    session: AsyncSession, tenant_id: int, account_id: int
) -> list[NotificationConsent]:
    """notificationConsents: every consent the account gave, newest first."""
    return list(
        await session.scalars(
            select(NotificationConsent)
            .where(
                NotificationConsent.tenant_id == tenant_id,
                NotificationConsent.account_id == account_id,
            )
            .order_by(NotificationConsent.granted_at.desc(), NotificationConsent.id.desc())
        )
    )


async def _revoke_all(
    session: AsyncSession,
    tenant_id: int,
    account_id: int,
    channel: NotificationChannel,
    now: dt.datetime,
    address: str | None = None,
) -> list[NotificationConsent]:
    live = [
        consent
        for consent in await session.scalars(
            select(NotificationConsent).where(
                NotificationConsent.tenant_id == tenant_id,
                NotificationConsent.account_id == account_id,
                NotificationConsent.channel == channel,
                NotificationConsent.revoked_at.is_(None),
            )
        )
        if address is None or consent.address == address
    ]
    for consent in live:
        consent.revoked_at = now
    return live


async def _sync_family(session: AsyncSession, tenant_id: int, account_id: int) -> None:
    # The family file's « accepte les SMS »: true while one of its accounts consents.
    account = await session.get(Account, account_id)
    guardian = await session.get(Guardian, account.guardian_id) if account else None
    if guardian is None:
        return
    family = await session.get(Family, guardian.family_id)
    if family is None:
        return
    consenting = await session.scalar(
        select(NotificationConsent.id)
        .join(Account, Account.id == NotificationConsent.account_id)
        .join(Guardian, Guardian.id == Account.guardian_id)
        .where(
            NotificationConsent.tenant_id == tenant_id,
            NotificationConsent.channel == SMS,
            NotificationConsent.revoked_at.is_(None),
            Guardian.family_id == family.id,
        )
        .limit(1)
    )
    family.accepts_sms = consenting is not None
    if consenting is None:
        family.reminder_by_sms = False
    await session.flush()
