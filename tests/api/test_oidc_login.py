"""FranceConnect-style login over GraphQL, against a local OpenID Connect provider served by
uvicorn (tests/support/oidc_provider.py): the browser's part (following the authorization
URL, reading the redirect) is played by httpx over real HTTP; the portal's by the API."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.oidc_login import ATTEMPT_MARKER
from models import AccountIdentity, AuditEntry, LoginAttempt, OutboxMessage, Tenant
from resolvers.oidc_provider import forget_provider_caches
from tests import factories
from tests.factories.catalogue import DEFAULT_PASSWORD
from tests.support.graphql_client import GraphQLClient
from tests.support.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    LocalProvider,
    Person,
    running_provider,
)

REDIRECT = "https://portail.example/ville/franceconnect/retour"

START = """mutation($uri: String!) { oidcLoginStart(input: {redirectUri: $uri}) {
  authorizationUrl expiresAt errors { field code message } } }"""
COMPLETE = """mutation($code: String!, $state: String!) {
  oidcLoginComplete(input: {code: $code, state: $state}) {
    token account { email } errors { code message }
    link { linkToken givenName familyName email birthdate } } }"""
LINK = """mutation($linkToken: String!, $email: String!) {
  oidcIdentityLink(input: {linkToken: $linkToken, email: $email}) {
    message errors { field code } } }"""
CONFIRM = """mutation($token: String!, $linkToken: String!) {
  oidcIdentityLinkConfirm(input: {token: $token, linkToken: $linkToken}) {
  token account { email } errors { field code message } } }"""
IDENTITIES = "{ accountIdentities { id issuer lastLoginAt } viewer { account { email } } }"
LOGOUT = """mutation($uri: String!) { oidcLogout(input: {postLogoutRedirectUri: $uri}) {
  logoutUrl errors { code } } }"""
UNLINK = """mutation($id: ID!) { oidcIdentityUnlink(input: {identity: $id}) {
  unlinkedId errors { code } } }"""


@pytest.fixture
async def provider() -> AsyncIterator[LocalProvider]:
    forget_provider_caches()
    async with running_provider() as running:
        yield running
    forget_provider_caches()


def _configure(tmp_path: Path, tenant: Tenant, issuer: str) -> dict[str, Any]:
    secrets_dir = tmp_path / "var" / "oidc-secrets"
    secrets_dir.mkdir(parents=True, exist_ok=True)
    (secrets_dir / tenant.slug).write_text(CLIENT_SECRET + "\n", encoding="utf-8")
    return {
        "issuer": issuer,
        "clientId": CLIENT_ID,
        "acrValues": ["eidas1"],
        "redirectUris": [REDIRECT],
    }


@pytest.fixture
async def town(
    session: AsyncSession, tenant: Tenant, provider: LocalProvider, tmp_path: Path
) -> Tenant:
    """The API's tenant, registered with the local provider."""
    tenant.settings = {
        **tenant.settings,
        "openidConnect": _configure(tmp_path, tenant, provider.issuer),
    }
    await session.commit()
    return tenant


async def _browser_login(api: GraphQLClient) -> tuple[str, str]:
    """What a browser does: follow the authorization URL, read code and state back."""
    started = (await api.data(START, {"uri": REDIRECT}))["oidcLoginStart"]
    assert started["errors"] == []
    async with httpx.AsyncClient() as browser:
        answer = await browser.get(started["authorizationUrl"])
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(REDIRECT + "?")
    query = parse_qs(urlsplit(location).query)
    return query["code"][0], query["state"][0]


async def _complete(api: GraphQLClient, code: str, state: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(COMPLETE, {"code": code, "state": state}))[
        "oidcLoginComplete"
    ]
    return result


async def _as(api: GraphQLClient, token: str, query: str, variables: Any = None) -> Any:
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"authorization": f"Bearer {token}"},
    )
    return response.json()


async def _link_identity(session: AsyncSession, tenant: Tenant, email: str, subject: str) -> None:
    account = await factories.make_account(session, tenant, email=email)
    session.add(
        AccountIdentity(
            tenant_id=tenant.id,
            account_id=account.id,
            issuer=(tenant.settings or {})["openidConnect"]["issuer"],
            subject=subject,
        )
    )
    await session.commit()


async def test_a_linked_identity_logs_in_and_the_session_works(
    session: AsyncSession, town: Tenant, api: GraphQLClient, provider: LocalProvider
) -> None:
    await _link_identity(session, town, "angela@ville.example", Person().subject)
    started = (await api.data(START, {"uri": REDIRECT}))["oidcLoginStart"]
    query = parse_qs(urlsplit(started["authorizationUrl"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["acr_values"] == ["eidas1"]
    assert query["scope"] == ["openid given_name family_name email birthdate"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32

    code, state = await _browser_login(api)
    done = await _complete(api, code, state)

    assert done["errors"] == [] and done["link"] is None
    assert done["account"] == {"email": "angela@ville.example"}
    me = await _as(api, done["token"], IDENTITIES)
    assert me["data"]["viewer"]["account"]["email"] == "angela@ville.example"
    assert [i["issuer"] for i in me["data"]["accountIdentities"]] == [provider.issuer]
    assert me["data"]["accountIdentities"][0]["lastLoginAt"] is not None
    # The client authenticated with its secret and proved PKCE (the provider checked both).
    request = provider.control.token_requests[-1]
    assert request["client_secret"] == CLIENT_SECRET and len(request["code_verifier"]) >= 43

    # Logging out ends the session here and gives the provider's logout URL.
    out = (await _as(api, done["token"], LOGOUT, {"uri": REDIRECT}))["data"]["oidcLogout"]
    assert out["errors"] == []
    logout = urlsplit(out["logoutUrl"])
    assert out["logoutUrl"].startswith(f"{provider.issuer}/session/end?")
    params = parse_qs(logout.query)
    assert params["post_logout_redirect_uri"] == [REDIRECT] and params["state"][0]
    assert params["id_token_hint"][0].count(".") == 2
    after = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": IDENTITIES},
        headers={"authorization": f"Bearer {done['token']}"},
    )
    assert after.status_code == 401
    async with httpx.AsyncClient() as browser:
        assert (await browser.get(out["logoutUrl"])).status_code == 200


async def test_a_password_session_is_not_logged_out_at_the_provider(
    session: AsyncSession, town: Tenant, api: GraphQLClient
) -> None:
    await factories.make_account(session, town, email="agent@ville.example")
    await session.commit()
    logged = await api.data(
        "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }",
        {"e": "agent@ville.example", "p": DEFAULT_PASSWORD},
    )
    token = logged["login"]["token"]

    out = (await _as(api, token, LOGOUT, {"uri": REDIRECT}))["data"]["oidcLogout"]

    assert out == {"logoutUrl": None, "errors": [{"code": "NOT_AN_OIDC_SESSION"}]}
    still = await _as(api, token, IDENTITIES)
    assert still["data"]["viewer"]["account"]["email"] == "agent@ville.example"


async def test_an_unknown_identity_is_linked_through_the_accounts_mail(
    session: AsyncSession, town: Tenant, api: GraphQLClient, provider: LocalProvider
) -> None:
    await factories.make_account(session, town, email="angela@ville.example")
    await session.commit()
    provider.control.userinfo_signed = True  # FranceConnect v2 signs its userinfo answer

    done = await _complete(api, *await _browser_login(api))

    assert done["token"] is None and done["errors"] == []
    link = done["link"]
    assert (link["givenName"], link["familyName"], link["birthdate"]) == (
        "Angela Claire",
        "Dubois",
        "1962-08-24",
    )
    unknown = await api.data(LINK, {"linkToken": link["linkToken"], "email": "x@ville.example"})
    asked = (
        await api.data(LINK, {"linkToken": link["linkToken"], "email": "Angela@Ville.example"})
    )["oidcIdentityLink"]
    assert asked["errors"] == []
    assert asked["message"] == unknown["oidcIdentityLink"]["message"]  # tells nothing
    mails = list(
        await session.scalars(select(OutboxMessage).where(OutboxMessage.template == "oidc_link"))
    )
    assert [m.to_address for m in mails] == ["angela@ville.example"]
    assert "Angela Claire DUBOIS" in mails[0].text_body
    found = re.search(r"franceconnect/liaison\?token=([\w-]+)", mails[0].text_body)
    assert found is not None

    # Clicked in another browser (the account owner's, not the one that met the provider):
    # nothing is linked and the mailed link stays usable where the login was made.
    elsewhere = (
        await api.data(CONFIRM, {"token": found.group(1), "linkToken": "another-browser"})
    )["oidcIdentityLinkConfirm"]
    assert [(e["code"], e["field"]) for e in elsewhere["errors"]] == [
        ("LINK_TOKEN_INVALID", ["linkToken"])
    ]
    assert "navigateur" in elsewhere["errors"][0]["message"]
    mine = {"token": found.group(1), "linkToken": link["linkToken"]}
    confirmed = (await api.data(CONFIRM, mine))["oidcIdentityLinkConfirm"]
    assert confirmed["errors"] == []
    assert confirmed["account"] == {"email": "angela@ville.example"}
    me = await _as(api, confirmed["token"], IDENTITIES)
    assert len(me["data"]["accountIdentities"]) == 1
    again = (await api.data(CONFIRM, mine))["oidcIdentityLinkConfirm"]
    assert again["errors"][0]["code"] == "TOKEN_ALREADY_USED"

    # From now on, the provider login opens the account directly.
    second = await _complete(api, *await _browser_login(api))
    assert second["account"] == {"email": "angela@ville.example"} and second["link"] is None

    identity_id = me["data"]["accountIdentities"][0]["id"]
    unlinked = await _as(api, confirmed["token"], UNLINK, {"id": identity_id})
    assert unlinked["data"]["oidcIdentityUnlink"] == {"unlinkedId": identity_id, "errors": []}
    third = await _complete(api, *await _browser_login(api))
    assert third["token"] is None and third["link"] is not None
    # Both changes of who may sign in to the account are in the audit trail.
    trail = await session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.object_type == "AccountIdentity")
        .order_by(AuditEntry.id)
    )
    assert list(trail) == ["identity.linked", "identity.unlinked"]


async def test_forged_and_replayed_states_are_refused(
    session: AsyncSession, town: Tenant, api: GraphQLClient
) -> None:
    await _link_identity(session, town, "angela@ville.example", Person().subject)
    code, state = await _browser_login(api)

    forged = await _complete(api, code, state[:-4] + "AAAA")
    assert [e["code"] for e in forged["errors"]] == ["STATE_INVALID"]
    assert forged["token"] is None

    assert (await _complete(api, code, state))["errors"] == []
    replayed = await _complete(api, code, state)
    assert [e["code"] for e in replayed["errors"]] == ["STATE_ALREADY_USED"]
    assert replayed["token"] is None
    failures = await session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.email == ATTEMPT_MARKER, LoginAttempt.succeeded.is_(False))
    )
    assert failures == 2


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        ({"overrides": {"nonce": "un-autre-nonce"}}, "NONCE_MISMATCH"),
        ({"other_key": True}, "TOKEN_INVALID"),
        ({"overrides": {"aud": "un-autre-client"}}, "WRONG_AUDIENCE"),
        ({"overrides": {"exp": 1_000_000_000, "iat": 999_999_000}}, "TOKEN_EXPIRED"),
        ({"overrides": {"iss": "https://faux.example"}}, "WRONG_ISSUER"),
        ({"acr": "eidas0"}, "ACR_TOO_LOW"),
    ],
    ids=["nonce", "other-key", "audience", "expired", "issuer", "acr"],
)
async def test_a_bad_id_token_opens_no_session(
    session: AsyncSession,
    town: Tenant,
    api: GraphQLClient,
    provider: LocalProvider,
    tamper: dict[str, Any],
    code: str,
) -> None:
    await _link_identity(session, town, "angela@ville.example", Person().subject)
    provider.control.id_token_overrides = tamper.get("overrides", {})
    provider.control.acr = tamper.get("acr", "eidas1")
    if tamper.get("other_key"):
        # Signed by another key that claims the published key's id.
        provider.control.signing_key = RSAKey.generate_key(2048)

    done = await _complete(api, *await _browser_login(api))

    assert [e["code"] for e in done["errors"]] == [code]
    assert done["token"] is None and done["account"] is None and done["link"] is None
    assert "Recommencez" in done["errors"][0]["message"] or code == "ACR_TOO_LOW"


async def test_redirect_uri_and_configuration_are_checked(
    session: AsyncSession, town: Tenant, api: GraphQLClient, tmp_path: Path
) -> None:
    evil = (await api.data(START, {"uri": "https://pirate.example/retour"}))["oidcLoginStart"]
    assert [e["code"] for e in evil["errors"]] == ["REDIRECT_URI_NOT_ALLOWED"]
    assert evil["authorizationUrl"] is None

    (tmp_path / "var" / "oidc-secrets" / town.slug).unlink()  # no secret on this server
    missing = (await api.data(START, {"uri": REDIRECT}))["oidcLoginStart"]
    assert [e["code"] for e in missing["errors"]] == ["OIDC_NOT_CONFIGURED"]
    assert "FranceConnect" in missing["errors"][0]["message"]


async def test_an_unreachable_provider_is_service_unavailable(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient, tmp_path: Path
) -> None:
    forget_provider_caches()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    config = _configure(tmp_path, tenant, f"http://127.0.0.1:{closed}/api/v2")
    tenant.settings = {**tenant.settings, "openidConnect": config}
    await session.commit()

    started = (await api.data(START, {"uri": REDIRECT}))["oidcLoginStart"]

    assert [e["code"] for e in started["errors"]] == ["SERVICE_UNAVAILABLE"]
    assert "momentanément indisponible" in started["errors"][0]["message"]
