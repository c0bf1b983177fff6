"""Web Push from the parent's app: webPushPublicKey (public, null without a key),
pushSubscriptionRegister (validated, idempotent per endpoint, the PUSH consent dated) and
pushSubscriptionUnregister; staff and anonymous callers cannot register."""

from __future__ import annotations

import base64
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.push_subscriptions import vapid_public_key
from kernel.settings import Settings
from models import NotificationConsent, PushSubscription, Tenant
from models.notification import NotificationChannel
from server.app import create_app
from tests import factories
from tests.api.test_booking_decisions import call, data
from tests.support.graphql_client import GraphQLClient

REGISTER = """mutation($input: PushSubscriptionRegisterInput!) {
  pushSubscriptionRegister(input: $input) {
    subscription { endpoint userAgent createdAt revokedAt } errors { field message code } } }"""
UNREGISTER = """mutation($input: PushSubscriptionUnregisterInput!) {
  pushSubscriptionUnregister(input: $input) {
    subscription { endpoint revokedAt } errors { field message code } } }"""
KEY = "{ webPushPublicKey }"
ENDPOINT = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABnZ"


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _browser_keys() -> dict[str, str]:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {"p256dh": _b64url(point), "auth": _b64url(os.urandom(16))}


@pytest.fixture
def vapid_file(tmp_path: Path) -> Path:
    path = tmp_path / "vapid.pem"
    path.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


@pytest.fixture
async def push_api(
    database_url: str, tmp_path: Path, vapid_file: Path, tenant: Tenant
) -> AsyncIterator[GraphQLClient]:
    """The app of a server configured for Web Push."""
    app = create_app(
        Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            vapid_private_key=vapid_file,
            vapid_subject="mailto:informatique@saint-ismier.example",
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield GraphQLClient(http=http, tenant=tenant.slug)
    await app.state.engine.dispose()


async def _register(api: GraphQLClient, token: str | None, **values: Any) -> Any:
    return await call(api, token, REGISTER, {"input": values})


async def test_the_public_key_is_the_configured_one_or_null(
    push_api: GraphQLClient, api: GraphQLClient, vapid_file: Path
) -> None:
    key = (await data(push_api, None, KEY, {}))["webPushPublicKey"]
    assert key == vapid_public_key(vapid_file)
    assert len(base64.urlsafe_b64decode(key + "=")) == 65  # an uncompressed P-256 point
    assert (await data(api, None, KEY, {}))["webPushPublicKey"] is None


async def test_a_parent_registers_a_browser_once_and_unregisters_it(
    session: AsyncSession, push_api: GraphQLClient, tenant: Tenant
) -> None:
    _, (guardian,), _ = await factories.make_family_with_members(session, tenant)
    account, token = await factories.make_parent_account_with_token(
        session, tenant, guardian=guardian
    )
    await session.commit()
    keys = _browser_keys()

    first = await _register(
        push_api, token, endpoint=ENDPOINT, keys=keys, userAgent="Firefox 140 (Android)"
    )
    assert first["data"]["pushSubscriptionRegister"]["errors"] == []
    registered = first["data"]["pushSubscriptionRegister"]["subscription"]
    assert (registered["endpoint"], registered["userAgent"]) == (ENDPOINT, "Firefox 140 (Android)")
    assert registered["revokedAt"] is None

    # The browser re-subscribed (new keys): the same row, updated.
    new_keys = _browser_keys()
    again = await _register(push_api, token, endpoint=ENDPOINT, keys=new_keys)
    assert again["data"]["pushSubscriptionRegister"]["errors"] == []
    rows = list(await session.scalars(select(PushSubscription)))
    assert len(rows) == 1
    await session.refresh(rows[0])
    assert (rows[0].account_id, rows[0].p256dh, rows[0].auth) == (
        account.id,
        new_keys["p256dh"],
        new_keys["auth"],
    )
    consents = list(
        await session.scalars(
            select(NotificationConsent).where(NotificationConsent.account_id == account.id)
        )
    )
    assert [(c.channel, c.revoked_at) for c in consents] == [(NotificationChannel.PUSH, None)]

    ended = await call(push_api, token, UNREGISTER, {"input": {"endpoint": ENDPOINT}})
    assert ended["data"]["pushSubscriptionUnregister"]["errors"] == []
    assert ended["data"]["pushSubscriptionUnregister"]["subscription"]["revokedAt"] is not None
    unknown = await call(
        push_api, token, UNREGISTER, {"input": {"endpoint": "https://push.example/other"}}
    )
    assert unknown["data"]["pushSubscriptionUnregister"]["errors"] == [
        {
            "field": ["endpoint"],
            "message": "Cet abonnement aux notifications est introuvable.",
            "code": "NOT_FOUND",
        }
    ]


async def test_bad_endpoints_and_keys_are_refused_with_every_reason(
    session: AsyncSession, push_api: GraphQLClient, tenant: Tenant
) -> None:
    _, token = await factories.make_parent_account_with_token(session, tenant)
    await session.commit()

    body = await _register(
        push_api,
        token,
        endpoint="http://push.example/not-https",
        keys={"p256dh": _b64url(b"\x04" + b"\x01" * 64), "auth": _b64url(b"short")},
    )

    payload = body["data"]["pushSubscriptionRegister"]
    assert payload["subscription"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("INVALID_ENDPOINT", ["endpoint"]),
        ("INVALID_KEY", ["keys", "p256dh"]),
        ("INVALID_KEY", ["keys", "auth"]),
    ]
    assert all(e["message"] for e in payload["errors"])
    assert list(await session.scalars(select(PushSubscription))) == []


async def test_staff_and_anonymous_callers_cannot_register(
    session: AsyncSession, push_api: GraphQLClient, tenant: Tenant
) -> None:
    _, staff = await factories.make_staff_account_with_token(session, tenant)
    await session.commit()
    for token in (staff, None):
        body = await _register(push_api, token, endpoint=ENDPOINT, keys=_browser_keys())
        assert body["errors"], body
        assert body["data"] is None
    assert list(await session.scalars(select(PushSubscription))) == []
