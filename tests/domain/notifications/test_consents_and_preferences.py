"""Consents (dated, revocable, history kept, the family file kept in step), the preference
matrix a parent sees, and the town's offer as administrators change it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import consents, offer_update, preferences
from domain.notifications.offer_update import KEEP, KindOffer
from domain.notifications.preferences import PreferenceChange
from domain.notifications.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours, quiet_until
from domain.notifications.town_offer import read_offer
from kernel.results import DomainFailure
from models import AuditEntry, Family, Tenant
from models.notification import NotificationChannel, NotificationKind
from tests.domain.notifications._helpers import DAYTIME, make_parent

MAIL, SMS, PUSH = NotificationChannel.MAIL, NotificationChannel.SMS, NotificationChannel.PUSH
DECIDED = NotificationKind.REQUEST_DECIDED


def _codes(failure: pytest.ExceptionInfo[DomainFailure]) -> list[str]:
    return [p.code for p in failure.value.problems]


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("04 76 52 00 00", "NOT_A_MOBILE"),  # a landline of Grenoble
        ("+1 415 555 2671", "NOT_AN_EU_MOBILE"),
        ("Attaque", "INVALID_PHONE"),
    ],
)
async def test_an_sms_consent_needs_a_french_or_eu_mobile(
    session: AsyncSession, number: str, code: str
) -> None:
    parent = await make_parent(session)

    with pytest.raises(DomainFailure) as failure:
        await consents.grant_sms(
            session,
            tenant_id=parent.tenant.id,
            account_id=parent.account.id,
            mobile=number,
            now=DAYTIME,
        )

    assert _codes(failure) == [code]
    assert failure.value.problems[0].field == ("mobile",)


async def test_consents_are_dated_replaced_revoked_and_kept(session: AsyncSession) -> None:
    parent = await make_parent(session)
    ids: dict[str, Any] = {"tenant_id": parent.tenant.id, "account_id": parent.account.id}

    first = await consents.grant_sms(session, **ids, mobile="06 12 34 56 78", now=DAYTIME)
    again = await consents.grant_sms(session, **ids, mobile="+33612345678", now=DAYTIME)
    later = DAYTIME + dt.timedelta(days=1)
    reunion = await consents.grant_sms(session, **ids, mobile="0692 12 34 56", now=later)
    family = await session.get_one(Family, parent.family.id)
    assert family.accepts_sms is True

    assert again is first  # the same number: the consent in force
    assert (first.address, first.granted_at, first.revoked_at) == ("+33612345678", DAYTIME, later)
    assert reunion.address == "+262692123456"  # La Réunion, typed the French way
    end = later + dt.timedelta(hours=2)
    revoked = await consents.revoke(session, **ids, channel=SMS, now=end)
    assert revoked == [reunion] and reunion.revoked_at == end
    assert [c.address for c in await consents.history(session, **ids)] == [
        "+262692123456",
        "+33612345678",
    ]
    await session.refresh(family)
    assert (family.accepts_sms, family.reminder_by_sms) == (False, False)
    with pytest.raises(DomainFailure) as failure:
        await consents.revoke(session, **ids, channel=SMS, now=end)
    assert _codes(failure) == ["NO_CONSENT"]


async def test_the_matrix_shows_offer_choice_defaults_and_missing_consents(
    session: AsyncSession,
) -> None:
    parent = await make_parent(session, offer_sms=False)

    cells = {
        (c.kind, c.channel): c
        for c in await preferences.preference_matrix(session, parent.tenant.id, parent.account.id)
    }

    assert NotificationKind.ACCOUNT not in {kind for kind, _ in cells}
    mail, sms, push = cells[(DECIDED, MAIL)], cells[(DECIDED, SMS)], cells[(DECIDED, PUSH)]
    assert (mail.offered, mail.enabled, mail.chosen, mail.active) == (True, True, False, True)
    assert (sms.offered, sms.enabled, sms.consent_missing, sms.active) == (
        False,
        False,
        True,
        False,
    )
    assert (push.offered, push.consent_missing, push.active) == (True, True, False)
    notice = cells[(NotificationKind.TOWN_NOTICE, MAIL)]
    assert notice.mandatory and notice.active


async def test_preferences_are_set_within_the_offer_and_reminders_reach_the_file(
    session: AsyncSession,
) -> None:
    parent = await make_parent(session, sms=True)
    ids = {"tenant_id": parent.tenant.id, "account_id": parent.account.id}
    tenant = await session.get_one(Tenant, parent.tenant.id)
    tenant.settings = {"notifications": {"channels": {"REMINDER": ["MAIL", "SMS"]}}}
    family = await session.get_one(Family, parent.family.id)
    family.accepts_sms = True
    await session.flush()

    with pytest.raises(DomainFailure) as failure:
        await preferences.set_preferences(
            session,
            **ids,
            changes=[
                PreferenceChange(DECIDED, SMS, True),  # not offered by default
                PreferenceChange(NotificationKind.TOWN_NOTICE, MAIL, False),  # mandatory
                PreferenceChange(NotificationKind.ACCOUNT, MAIL, False),
            ],
            now=DAYTIME,
        )
    assert _codes(failure) == ["NOT_OFFERED", "NOT_CONFIGURABLE", "NOT_CONFIGURABLE"]

    cells = await preferences.set_preferences(
        session,
        **ids,
        changes=[
            PreferenceChange(NotificationKind.REMINDER, SMS, True),
            PreferenceChange(NotificationKind.REMINDER, MAIL, False),
        ],
        now=DAYTIME,
    )
    chosen = {(c.kind, c.channel): c for c in cells if c.chosen}
    assert set(chosen) == {(NotificationKind.REMINDER, SMS), (NotificationKind.REMINDER, MAIL)}
    assert chosen[(NotificationKind.REMINDER, SMS)].active
    assert not chosen[(NotificationKind.REMINDER, MAIL)].active
    await session.refresh(family)
    assert (family.reminder_by_sms, family.reminder_by_email) == (True, False)


async def test_the_town_offer_is_checked_partial_and_audited(session: AsyncSession) -> None:
    parent = await make_parent(session, offer_sms=False)
    tenant_id = parent.tenant.id

    with pytest.raises(DomainFailure) as failure:
        await offer_update.update_offer(
            session,
            tenant_id=tenant_id,
            actor_account_id=None,
            kinds=[
                KindOffer(NotificationKind.TOWN_NOTICE, frozenset({SMS})),
                KindOffer(NotificationKind.ACCOUNT, frozenset({MAIL})),
            ],
            quiet_hours=QuietHours(dt.time(8), dt.time(8)),
        )
    assert _codes(failure) == ["MAIL_REQUIRED", "NOT_CONFIGURABLE", "INVALID_QUIET_HOURS"]

    offer = await offer_update.update_offer(
        session,
        tenant_id=tenant_id,
        actor_account_id=parent.account.id,
        kinds=[KindOffer(DECIDED, frozenset({MAIL, SMS}))],
    )
    assert offer.offered(DECIDED) == {MAIL, SMS}
    assert offer.offered(NotificationKind.NEW_MESSAGE) == {MAIL, PUSH}  # unchanged default
    assert offer.quiet_hours == DEFAULT_QUIET_HOURS
    off = await offer_update.update_offer(
        session, tenant_id=tenant_id, actor_account_id=None, quiet_hours=None
    )
    assert off.quiet_hours is None and off.offered(DECIDED) == {MAIL, SMS}
    again = await offer_update.update_offer(
        session, tenant_id=tenant_id, actor_account_id=None, quiet_hours=KEEP
    )
    tenant = await session.get_one(Tenant, tenant_id)
    assert read_offer(tenant) == again == off
    entries = list(
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "collectivity.notification_settings_changed")
            .order_by(AuditEntry.id)
        )
    )
    # Two changes, two entries (the third changed nothing); each with only what changed.
    assert [(e.before, e.after) for e in entries] == [
        ({"REQUEST_DECIDED": ["MAIL", "PUSH"]}, {"REQUEST_DECIDED": ["MAIL", "SMS"]}),
        ({"quietHours": {"start": "20:00", "end": "08:00"}}, {"quietHours": None}),
    ]


@pytest.mark.parametrize(
    ("local", "until"),
    [
        ("2026-12-01T19:59", None),
        ("2026-12-01T20:00", "2026-12-02T08:00"),
        ("2026-12-02T03:10", "2026-12-02T08:00"),
        ("2026-12-02T08:00", None),
        # The night the clocks go back: 08:00 is still one instant.
        ("2026-10-25T02:30", "2026-10-25T08:00"),
    ],
)
def test_quiet_hours_end_at_eight_local_time(local: str, until: str | None) -> None:
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    now = dt.datetime.fromisoformat(local).replace(tzinfo=paris)

    end = quiet_until(now, DEFAULT_QUIET_HOURS, "Europe/Paris")

    expected = None if until is None else dt.datetime.fromisoformat(until).replace(tzinfo=paris)
    assert end == expected
    assert end is None or end.tzinfo is dt.UTC
    assert quiet_until(now, None, "Europe/Paris") is None
