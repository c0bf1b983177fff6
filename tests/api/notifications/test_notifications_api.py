"""The notification settings through the API: a parent chooses channels and gives an SMS
consent, the town chooses what it offers, an accepted request then reaches the parent by
mail, SMS and push — once — and staff see what was sent; nobody reads or changes another
family's settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.dispatch import notify
from domain.notifications.recipients import account_recipient
from models import Family, Notification, OutboxMessage, PushSubscription
from models.account import Role
from models.base import utcnow
from models.notification import NotificationKind
from tests.api.test_booking_decisions import ACCEPT, MONDAY, Town, _request, call, data, gid, town
from tests.factories import family as ff
from tests.support.graphql_client import GraphQLClient, StatementCounter

__all__ = ["town"]

PREFERENCES = """query($account: ID) { notificationPreferences(account: $account) {
  preferences { kind kindLabel channel offered enabled chosen mandatory consentMissing active }
  smsConsent { mobile grantedAt revokedAt } } }"""
UPDATE = """mutation($input: NotificationPreferencesUpdateInput!) {
  notificationPreferencesUpdate(input: $input) {
    preferences { preferences { kind channel enabled active } }
    errors { field message code } } }"""
GRANT = """mutation($input: SmsConsentGrantInput!) { smsConsentGrant(input: $input) {
  consent { channel mobile grantedAt revokedAt } errors { field message code } } }"""
REVOKE = """mutation($input: SmsConsentRevokeInput!) { smsConsentRevoke(input: $input) {
  consents { mobile revokedAt } errors { field message code } } }"""
CONSENTS = """query($account: ID) { notificationConsents(account: $account) {
  channel mobile grantedAt revokedAt } }"""
SETTINGS_UPDATE = """mutation($input: NotificationSettingsUpdateInput!) {
  notificationSettingsUpdate(input: $input) {
    settings { offer { kind channels mandatoryChannels } quietHours { start end } }
    errors { field message code } } }"""
SETTINGS = "{ notificationSettings { offer { kind channels } quietHours { start end } } }"
HISTORY = """query($family: ID!) { familyNotifications(family: $family) {
  kind kindLabel topic title createdAt
  deliveries { channel channelLabel address status statusLabel sentAt lastError } } }"""


def _cell(matrix: dict[str, Any], kind: str, channel: str) -> dict[str, Any]:
    return next(c for c in matrix["preferences"] if (c["kind"], c["channel"]) == (kind, channel))


async def _admin(session: AsyncSession, town: Town) -> str:
    _, token = await ff.make_account_with_token(session, town.tenant, role=Role.ADMIN)
    await session.commit()
    return token


async def test_an_accepted_request_reaches_the_parent_as_chosen_exactly_once(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    admin = await _admin(session, town)
    # The town turns SMS on for decisions (off by default: each SMS is paid).
    offered = (
        await data(
            api,
            admin,
            SETTINGS_UPDATE,
            {
                "input": {
                    "offer": [{"kind": "REQUEST_DECIDED", "channels": ["MAIL", "SMS", "PUSH"]}]
                }
            },
        )
    )["notificationSettingsUpdate"]
    assert offered["errors"] == []
    decided = next(o for o in offered["settings"]["offer"] if o["kind"] == "REQUEST_DECIDED")
    assert decided["channels"] == ["MAIL", "PUSH", "SMS"]
    assert offered["settings"]["quietHours"] == {"start": "20:00:00", "end": "08:00:00"}

    before = (await data(api, town.parent, PREFERENCES, {}))["notificationPreferences"]
    sms = _cell(before, "REQUEST_DECIDED", "SMS")
    assert (sms["offered"], sms["enabled"], sms["consentMissing"]) == (True, False, True)
    granted = (await data(api, town.parent, GRANT, {"input": {"mobile": "06 12 34 56 78"}}))[
        "smsConsentGrant"
    ]
    assert granted["errors"] == []
    assert (granted["consent"]["channel"], granted["consent"]["mobile"]) == ("SMS", "+33612345678")
    # The parent's app registered a browser (pushSubscriptionRegister's row).
    session.add(
        PushSubscription(
            tenant_id=town.tenant.id,
            account_id=town.parent_account.id,
            endpoint="https://push.example/abc",
            p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
            auth="tBHItJI5svbpez7KI4CCXg",
        )
    )
    await session.commit()
    after = (await data(api, town.parent, PREFERENCES, {}))["notificationPreferences"]
    assert after["smsConsent"]["mobile"] == "+33612345678"
    assert all(
        _cell(after, "REQUEST_DECIDED", channel)["active"] for channel in ("MAIL", "SMS", "PUSH")
    )
    # No push for new messages, please.
    changed = (
        await data(
            api,
            town.parent,
            UPDATE,
            {"input": {"changes": [{"kind": "NEW_MESSAGE", "channel": "PUSH", "enabled": False}]}},
        )
    )["notificationPreferencesUpdate"]
    assert changed["errors"] == []

    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    variables = {"input": {"request": gid("Request", request.id)}}
    assert (await data(api, town.staff, ACCEPT, variables))["requestAccept"]["errors"] == []
    refused_again = (await data(api, town.staff, ACCEPT, variables))["requestAccept"]
    assert refused_again["errors"]

    notifications = list(await session.scalars(select(Notification)))
    assert [(n.kind.value, n.topic, n.family_id) for n in notifications] == [
        ("REQUEST_DECIDED", "booking_request_decided", town.family.id)
    ]
    rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert sorted((r.channel.value, r.to_address) for r in rows) == [
        ("MAIL", town.parent_email),
        ("PUSH", ""),
        ("SMS", "+33612345678"),
    ]
    history = (await data(api, town.staff, HISTORY, {"family": gid("Family", town.family.id)}))[
        "familyNotifications"
    ]
    assert [(h["kind"], h["kindLabel"], h["topic"]) for h in history] == [
        ("REQUEST_DECIDED", "Demande traitée", "booking_request_decided")
    ]
    deliveries = sorted(history[0]["deliveries"], key=lambda d: d["channel"])
    assert [(d["channel"], d["address"], d["status"], d["statusLabel"]) for d in deliveries] == [
        ("MAIL", town.parent_email, "PENDING", "En attente"),
        ("PUSH", None, "PENDING", "En attente"),
        ("SMS", "+33612345678", "PENDING", "En attente"),
    ]
    # The parent sees the same history of their own family.
    own = await data(api, town.parent, HISTORY, {"family": gid("Family", town.family.id)})
    assert len(own["familyNotifications"]) == 1


async def test_nobody_reads_or_changes_another_familys_settings(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    await data(api, town.parent, GRANT, {"input": {"mobile": "0612345678"}})
    target = gid("Account", town.parent_account.id)
    family = gid("Family", town.family.id)

    # Another family's parent here, and another town's agent on their own endpoint.
    foreign_api = GraphQLClient(http=api.http, tenant=town.foreign.slug)
    for client, token in ((api, town.other_parent), (foreign_api, town.foreign_staff)):
        seen = await data(client, token, PREFERENCES, {"account": target})
        assert seen["notificationPreferences"] is None
        assert (await data(client, token, CONSENTS, {"account": target}))[
            "notificationConsents"
        ] is None
        history = await data(client, token, HISTORY, {"family": family})
        assert history["familyNotifications"] is None
        changed = (
            await data(
                client,
                token,
                UPDATE,
                {
                    "input": {
                        "account": target,
                        "changes": [
                            {"kind": "REQUEST_DECIDED", "channel": "MAIL", "enabled": False}
                        ],
                    }
                },
            )
        )["notificationPreferencesUpdate"]
        assert [(e["code"], e["field"]) for e in changed["errors"]] == [("NOT_FOUND", ["account"])]
    mail = _cell(
        (await data(api, town.parent, PREFERENCES, {}))["notificationPreferences"],
        "REQUEST_DECIDED",
        "MAIL",
    )
    assert (mail["enabled"], mail["chosen"]) == (True, False)
    # Staff of the town read a family's settings (a parent helped at the counter).
    staff_view = await data(api, town.staff, PREFERENCES, {"account": target})
    assert staff_view["notificationPreferences"]["smsConsent"]["mobile"] == "+33612345678"
    # Consents are the parent's own: staff cannot give or withdraw one.
    for mutation, variables in ((GRANT, {"mobile": "0612345678"}), (REVOKE, {})):
        body = await call(api, town.staff, mutation, {"input": variables})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # Settings are the administrators'.
    body = await call(api, town.staff, SETTINGS_UPDATE, {"input": {"quietHours": None}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await call(api, town.parent, SETTINGS, {}))["errors"][0]["extensions"][
        "code"
    ] == "FORBIDDEN"


async def test_sms_consent_errors_and_revocation(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    landline = (await data(api, town.parent, GRANT, {"input": {"mobile": "04 76 52 00 00"}}))[
        "smsConsentGrant"
    ]
    assert landline["errors"] == [
        {
            "field": ["mobile"],
            "message": "Ce numéro n'est pas un numéro de téléphone portable.",
            "code": "NOT_A_MOBILE",
        }
    ]
    nothing = (await data(api, town.parent, REVOKE, {"input": {}}))["smsConsentRevoke"]
    assert [e["code"] for e in nothing["errors"]] == ["NO_CONSENT"]

    await data(api, town.parent, GRANT, {"input": {"mobile": "+33 6 12 34 56 78"}})
    family = await session.get_one(Family, town.family.id)
    await session.refresh(family)
    assert family.accepts_sms is True
    revoked = (await data(api, town.parent, REVOKE, {"input": {"mobile": "06 12 34 56 78"}}))[
        "smsConsentRevoke"
    ]
    assert revoked["errors"] == []
    assert [c["mobile"] for c in revoked["consents"]] == ["+33612345678"]
    history = (await data(api, town.parent, CONSENTS, {}))["notificationConsents"]
    assert len(history) == 1 and history[0]["revokedAt"] is not None
    await session.refresh(family)
    assert family.accepts_sms is False
    # With the consent withdrawn, a decision goes by mail only.
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    accepted = await data(
        api, town.staff, ACCEPT, {"input": {"request": gid("Request", request.id)}}
    )
    assert accepted["requestAccept"]["errors"] == []
    channels = list(await session.scalars(select(OutboxMessage.channel)))
    assert [c.value for c in channels] == ["MAIL"]


async def test_settings_errors_are_french_and_change_nothing(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    admin = await _admin(session, town)

    refused = (
        await data(
            api,
            admin,
            SETTINGS_UPDATE,
            {
                "input": {
                    "offer": [{"kind": "TOWN_NOTICE", "channels": ["SMS"]}],
                    "quietHours": {"start": "21:00", "end": "21:00"},
                }
            },
        )
    )["notificationSettingsUpdate"]

    assert refused["settings"] is None
    assert refused["errors"] == [
        {
            "field": ["offer", "0", "channels"],
            "message": "Les informations de la commune partent toujours au moins par mail.",
            "code": "MAIL_REQUIRED",
        },
        {
            "field": ["quietHours"],
            "message": "Le début et la fin des heures calmes doivent être différents.",
            "code": "INVALID_QUIET_HOURS",
        },
    ]
    unchanged = (await data(api, town.staff, SETTINGS, {}))["notificationSettings"]
    notice = next(o for o in unchanged["offer"] if o["kind"] == "TOWN_NOTICE")
    assert notice["channels"] == ["MAIL", "PUSH"]
    count = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert count == 0


async def test_the_history_reads_deliveries_in_one_statement_whatever_the_page(
    session: AsyncSession, api: GraphQLClient, town: Town, statements: StatementCounter
) -> None:
    recipient = account_recipient(town.parent_account)
    family = gid("Family", town.family.id)

    async def sent(count: int) -> tuple[int, int]:
        for n in range(count):
            await notify(
                session,
                tenant_id=town.tenant.id,
                family_id=town.family.id,
                recipient=recipient,
                kind=NotificationKind.TOWN_NOTICE,
                topic="family_rejected",
                context={"family_name": town.family.name, "reason": f"Motif {n}."},
                now=utcnow(),
            )
        await session.commit()
        with statements.counting() as seen:
            history = (await data(api, town.staff, HISTORY, {"family": family}))[
                "familyNotifications"
            ]
        return len(history), len(seen)

    await sent(1)  # warm the caches (the first request of a session reads more)
    one = await sent(0)
    four = await sent(3)

    assert (one[0], four[0]) == (1, 4)
    assert four[1] == one[1]  # the deliveries of a page: one DataLoader statement
