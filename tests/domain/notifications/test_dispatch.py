"""``notify``: one Notification per thing said, one outbox row per channel the parent gets it
on — the town's offer × preferences × consents × push subscriptions — and quiet hours."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import gsm7
from domain.notifications.dispatch import Notice, Recipient, notify, notify_many
from models.notification import (
    NotificationChannel,
    NotificationConsent,
    NotificationKind,
    NotificationPreference,
)
from models.outbox import OutboxStatus
from tests.domain._mail_helpers import context
from tests.domain.notifications._helpers import (
    DAYTIME,
    MOBILE,
    NIGHT,
    channels,
    make_parent,
    notifications,
    outbox,
)

KIND = NotificationKind.REQUEST_DECIDED
TOPIC = "booking_request_decided"


def _context() -> dict[str, object]:
    values = context(TOPIC)
    del values["tenant"], values["recipient_name"]  # notify fills them in
    return values


async def test_a_decision_reaches_the_parent_by_mail_sms_and_every_push_subscription(
    session: AsyncSession,
) -> None:
    parent = await make_parent(session, sms=True, push=2)

    notification = await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
        dedupe_key="request-decided:1",
        link="/mes-demandes/1",
    )

    assert notification is not None
    assert (notification.kind, notification.topic) == (KIND, TOPIC)
    assert notification.family_id == parent.family.id
    assert notification.account_id == parent.account.id
    assert notification.title == "Demande 17 378 981 traitée"
    rows = await outbox(session, parent.tenant.id)
    assert channels(rows) == ["MAIL", "PUSH", "PUSH", "SMS"]
    assert {row.notification_id for row in rows} == {notification.id}
    assert all(row.status is OutboxStatus.PENDING for row in rows)
    assert all(row.next_attempt_at == DAYTIME for row in rows)
    mail = next(row for row in rows if row.channel is NotificationChannel.MAIL)
    assert mail.to_address == "marie.dupont@example.fr"
    assert mail.subject == "Accusé de traitement – demande n° 17 378 981"
    assert mail.text_body.startswith("Bonjour Mme Marie DUPONT,")
    assert mail.html_body is not None and parent.tenant.name in mail.html_body
    sms = next(row for row in rows if row.channel is NotificationChannel.SMS)
    assert sms.to_address == MOBILE
    assert sms.text_body.startswith(f"{parent.tenant.name} : votre demande 17 378 981")
    assert gsm7.fits_one_sms(sms.text_body)
    pushes = [row for row in rows if row.channel is NotificationChannel.PUSH]
    assert len({row.push_subscription_id for row in pushes}) == 2
    assert json.loads(pushes[0].text_body) == {
        "title": "Demande 17 378 981 traitée",
        "body": notification.body,
        "link": "/mes-demandes/1",
        "kind": "REQUEST_DECIDED",
        "notificationId": notification.id,
    }


async def test_the_same_dedupe_key_notifies_once(session: AsyncSession) -> None:
    parent = await make_parent(session, sms=True, push=1)
    arguments = {
        "tenant_id": parent.tenant.id,
        "family_id": parent.family.id,
        "recipient": parent.recipient,
        "kind": KIND,
        "topic": TOPIC,
        "context": _context(),
        "now": DAYTIME,
        "dedupe_key": "request-decided:7",
    }

    first = await notify(session, **arguments)  # type: ignore[arg-type]
    second = await notify(session, **arguments)  # type: ignore[arg-type]
    await session.commit()

    assert first is not None
    assert second is None
    assert len(await notifications(session, parent.tenant.id)) == 1
    assert channels(await outbox(session, parent.tenant.id)) == ["MAIL", "PUSH", "SMS"]


async def test_without_consent_or_subscription_only_mail_is_sent(session: AsyncSession) -> None:
    parent = await make_parent(session)

    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
    )

    assert channels(await outbox(session, parent.tenant.id)) == ["MAIL"]


async def test_a_channel_the_town_does_not_offer_is_never_used(session: AsyncSession) -> None:
    parent = await make_parent(session, sms=True, push=1, offer_sms=False)
    # The parent asked for SMS explicitly: the town's offer still wins.
    session.add(
        NotificationPreference(
            tenant_id=parent.tenant.id,
            account_id=parent.account.id,
            kind=KIND,
            channel=NotificationChannel.SMS,
            enabled=True,
        )
    )
    await session.flush()

    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
    )

    assert channels(await outbox(session, parent.tenant.id)) == ["MAIL", "PUSH"]


async def test_preferences_turn_channels_off_but_never_the_mail_of_a_town_notice(
    session: AsyncSession,
) -> None:
    parent = await make_parent(session, sms=True, push=1)
    for kind in (KIND, NotificationKind.TOWN_NOTICE):
        for channel in NotificationChannel:
            session.add(
                NotificationPreference(
                    tenant_id=parent.tenant.id,
                    account_id=parent.account.id,
                    kind=kind,
                    channel=channel,
                    enabled=channel is NotificationChannel.SMS,
                )
            )
    await session.flush()

    decided = await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
    )
    closed = await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=NotificationKind.TOWN_NOTICE,
        topic="day_closed",
        context={k: v for k, v in context("day_closed").items() if k != "tenant"},
        now=DAYTIME,
    )

    assert decided is not None and closed is not None
    rows = await outbox(session, parent.tenant.id)
    assert channels([r for r in rows if r.notification_id == decided.id]) == ["SMS"]
    assert channels([r for r in rows if r.notification_id == closed.id]) == ["MAIL", "SMS"]


async def test_quiet_hours_delay_sms_and_push_but_not_mail(session: AsyncSession) -> None:
    parent = await make_parent(session, sms=True, push=1)

    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=NIGHT,
    )

    morning = dt.datetime(2026, 12, 2, 7, 0, tzinfo=dt.UTC)  # 08:00 in Paris
    delays = {
        row.channel.value: row.next_attempt_at for row in await outbox(session, parent.tenant.id)
    }
    assert delays == {"MAIL": NIGHT, "SMS": morning, "PUSH": morning}


async def test_a_revoked_sms_consent_stops_sms(session: AsyncSession) -> None:
    parent = await make_parent(session, sms=True)
    await session.execute(
        update(NotificationConsent)
        .where(NotificationConsent.account_id == parent.account.id)
        .values(revoked_at=DAYTIME - dt.timedelta(hours=1))
    )

    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
    )

    assert channels(await outbox(session, parent.tenant.id)) == ["MAIL"]


async def test_a_recipient_without_account_gets_mail_only(session: AsyncSession) -> None:
    parent = await make_parent(session, sms=True, push=1)

    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=Recipient(account_id=None, email="autre@example.fr", name="M. Paul DUPONT"),
        kind=KIND,
        topic=TOPIC,
        context=_context(),
        now=DAYTIME,
    )

    rows = await outbox(session, parent.tenant.id)
    assert [(r.channel.value, r.to_address) for r in rows] == [("MAIL", "autre@example.fr")]


async def test_notify_many_writes_a_batch_and_skips_what_was_already_notified(
    session: AsyncSession,
) -> None:
    parent = await make_parent(session, sms=True)
    invoice_context = {
        k: v for k, v in context("invoice_issued").items() if k not in {"tenant", "recipient_name"}
    }
    notices = [
        Notice(parent.family.id, parent.recipient, invoice_context, dedupe_key=f"invoice:{n}")
        for n in (1, 2)
    ]
    notices.append(Notice(parent.family.id, parent.recipient, invoice_context))
    await notify(
        session,
        tenant_id=parent.tenant.id,
        family_id=parent.family.id,
        recipient=parent.recipient,
        kind=NotificationKind.INVOICE_ISSUED,
        topic="invoice_issued",
        context=invoice_context,
        now=DAYTIME,
        dedupe_key="invoice:2",
    )

    rows = await notify_many(
        session,
        tenant_id=parent.tenant.id,
        kind=NotificationKind.INVOICE_ISSUED,
        topic="invoice_issued",
        notices=notices,
        now=DAYTIME,
    )

    assert [row is not None for row in rows] == [True, False, True]
    assert len(await notifications(session, parent.tenant.id)) == 3
    assert channels(await outbox(session, parent.tenant.id)) == ["MAIL"] * 3 + ["SMS"] * 3
