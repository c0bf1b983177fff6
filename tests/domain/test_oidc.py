"""OpenID Connect rules without a provider: the town's configuration, redirect URIs, levels
of assurance, ID token checks (keys made here), and the login state used once."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey, RSAKey
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.accounts import oidc_login
from domain.accounts.oidc_config import (
    OidcClientConfig,
    acr_satisfies,
    check_redirect_uri,
    client_config,
)
from domain.accounts.oidc_tokens import UnknownSigningKey, verify_id_token
from domain.accounts.sessions import MAX_FAILURES_PER_ADDRESS
from kernel.results import DomainFailure
from models.engine import create_session_factory
from tests import factories

ISSUER = "https://fc.example/api/v2"
NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
CONFIG = OidcClientConfig(issuer=ISSUER, client_id="client-1", client_secret="s3cret")
RSA = RSAKey.generate_key(2048, parameters={"kid": "rsa-1"})
EC = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
JWKS = {"keys": [RSA.as_dict(private=False), EC.as_dict(private=False)]}


def _code(failure: pytest.ExceptionInfo[DomainFailure]) -> str:
    return failure.value.problems[0].code


def _claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": "sub-1",
        "aud": "client-1",
        "exp": int(NOW.timestamp()) + 60,
        "iat": int(NOW.timestamp()),
        "nonce": "nonce-1",
        "acr": "eidas1",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _token(key: Any = RSA, alg: str = "RS256", kid: str = "rsa-1", **overrides: Any) -> str:
    return jwt.encode({"alg": alg, "kid": kid}, _claims(**overrides), key)


def _verify(token: str, config: OidcClientConfig = CONFIG) -> dict[str, Any]:
    return verify_id_token(token, JWKS, config=config, nonce="nonce-1", now=NOW)


def test_a_town_without_client_or_secret_has_no_provider_login() -> None:
    for settings, secret in (({}, "s"), ({"openidConnect": {"issuer": ISSUER}}, "s")):
        with pytest.raises(DomainFailure) as failure:
            client_config(settings, secret)
        assert _code(failure) == "OIDC_NOT_CONFIGURED"
    with pytest.raises(DomainFailure):
        client_config({"openidConnect": {"issuer": ISSUER, "clientId": "c"}}, None)

    config = client_config(
        {"openidConnect": {"issuer": ISSUER + "/", "clientId": "c", "scopes": "email"}}, "s"
    )
    assert config.issuer == ISSUER
    assert config.scopes == ("openid", "email")
    assert config.acr_values == ("eidas1",)
    assert config.token_auth_method == "client_secret_post"


def test_redirect_uris_are_the_listed_ones_or_pages_of_the_portal() -> None:
    listed = OidcClientConfig(
        issuer=ISSUER, client_id="c", client_secret="s", redirect_uris=("https://p.fr/t/retour",)
    )
    assert check_redirect_uri(listed, "https://p.fr/t/retour", "https://p.fr/t")
    portal = "https://p.fr/t"
    assert check_redirect_uri(CONFIG, "https://p.fr/t/fc/retour", portal)
    for refused in (
        "https://p.fr/t/autre",  # listed config: only the listed one
        "https://pirate.example/t/retour",
    ):
        with pytest.raises(DomainFailure) as failure:
            check_redirect_uri(listed, refused, portal)
        assert _code(failure) == "REDIRECT_URI_NOT_ALLOWED"
    for refused in (
        "https://p.fr/t-pirate/retour",
        "https://p.fr.pirate.example/t/retour",
        "https://p.fr/t/retour#x",
        "javascript:alert(1)//https://p.fr/t/",
    ):
        with pytest.raises(DomainFailure):
            check_redirect_uri(CONFIG, refused, portal)


def test_a_higher_eidas_level_satisfies_a_lower_one() -> None:
    assert acr_satisfies(("eidas1",), "eidas2")
    assert acr_satisfies(("eidas2",), "eidas3")
    assert not acr_satisfies(("eidas2",), "eidas1")
    assert not acr_satisfies(("eidas1",), None)
    assert not acr_satisfies(("eidas1",), "eidas0")
    assert acr_satisfies((), None)


def test_a_valid_id_token_signed_rs256_or_es256_is_believed() -> None:
    assert _verify(_token())["sub"] == "sub-1"
    assert _verify(_token(EC, "ES256", "ec-1"))["sub"] == "sub-1"
    assert _verify(_token(aud=["client-1", "other"], azp="client-1"))["sub"] == "sub-1"
    # A minute of clock skew is allowed.
    assert _verify(_token(exp=int(NOW.timestamp()) - 30))["sub"] == "sub-1"


@pytest.mark.parametrize(
    ("token", "code"),
    [
        (lambda: _token(iss="https://other.example"), "WRONG_ISSUER"),
        (lambda: _token(aud="other"), "WRONG_AUDIENCE"),
        (lambda: _token(aud=["client-1", "other"]), "WRONG_AUDIENCE"),  # no azp
        (lambda: _token(exp=int(NOW.timestamp()) - 120), "TOKEN_EXPIRED"),
        (lambda: _token(exp=None), "TOKEN_INVALID"),
        (lambda: _token(nonce="other"), "NONCE_MISMATCH"),
        (lambda: _token(nonce=None), "NONCE_MISMATCH"),
        (lambda: _token(acr=None), "ACR_TOO_LOW"),
        (lambda: _token(sub=None), "TOKEN_INVALID"),
        # Signed by another key that claims the published key's id.
        (lambda: _token(RSAKey.generate_key(2048)), "TOKEN_INVALID"),
        # Signed with the client secret (HS256): never accepted.
        (lambda: _token(OctKey.import_key("s3cret" * 6), "HS256"), "TOKEN_INVALID"),
        (lambda: "pas.un.jeton", "TOKEN_INVALID"),
    ],
    ids=[
        "issuer",
        "audience",
        "audience-without-azp",
        "expired",
        "no-exp",
        "nonce",
        "no-nonce",
        "no-acr",
        "no-sub",
        "other-key",
        "hs256",
        "garbage",
    ],
)
def test_a_wrong_id_token_is_refused_with_its_reason(token: Any, code: str) -> None:
    with pytest.raises(DomainFailure) as failure:
        _verify(token())
    assert _code(failure) == code


def test_an_unsigned_token_is_refused() -> None:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    unsigned = f"{part({'alg': 'none', 'kid': 'rsa-1'})}.{part(_claims())}."
    with pytest.raises(DomainFailure) as failure:
        _verify(unsigned)
    assert _code(failure) == "TOKEN_INVALID"


def test_a_token_of_an_unknown_key_asks_for_the_keys_again() -> None:
    with pytest.raises(UnknownSigningKey):
        _verify(_token(kid="rotated-2"))


async def _started_state(session: AsyncSession, tenant_id: int) -> str:
    started = await oidc_login.start_login(
        session,
        tenant_id=tenant_id,
        config=CONFIG,
        authorization_endpoint=f"{ISSUER}/authorize",
        redirect_uri="https://p.fr/t/retour",
        now=NOW,
    )
    await session.commit()
    query = started.authorization_url.split("?", 1)[1]
    return dict(pair.split("=", 1) for pair in query.split("&"))["state"]


async def test_a_state_is_used_once_even_by_two_workers_at_the_same_time(
    session: AsyncSession, engine: AsyncEngine
) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    state = await _started_state(session, tenant.id)
    sessions = create_session_factory(engine)

    async def worker() -> str:
        async with sessions() as own, own.begin():
            try:
                await oidc_login.consume_state(
                    own, tenant_id=tenant.id, state=state, issuer=ISSUER, now=NOW
                )
            except DomainFailure as failure:
                return failure.problems[0].code
            return "USED"

    outcomes = sorted(await asyncio.gather(worker(), worker()))

    assert outcomes == ["STATE_ALREADY_USED", "USED"]


async def test_expired_unknown_and_other_provider_states_are_refused(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    tenant_id = tenant.id
    state = await _started_state(session, tenant_id)
    cases = [
        (state, ISSUER, NOW + oidc_login.STATE_VALIDITY, "STATE_EXPIRED"),
        (state, "https://other.example", NOW, "STATE_INVALID"),
        ("jamais-émis", ISSUER, NOW, "STATE_INVALID"),
    ]
    for value, issuer, now, code in cases:
        with pytest.raises(DomainFailure) as failure:
            await oidc_login.consume_state(
                session, tenant_id=tenant_id, state=value, issuer=issuer, now=now
            )
        assert _code(failure) == code
        await session.rollback()


async def test_an_address_failing_too_often_is_throttled(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    for _ in range(MAX_FAILURES_PER_ADDRESS - 1):
        oidc_login.record_failure(session, tenant_id=tenant.id, remote_address="10.0.0.9", now=NOW)
    await session.flush()

    async def throttled(address: str, now: dt.datetime = NOW) -> bool:
        return await oidc_login.throttled(
            session, tenant_id=tenant.id, remote_address=address, now=now
        )

    assert not await throttled("10.0.0.9")
    oidc_login.record_failure(session, tenant_id=tenant.id, remote_address="10.0.0.9", now=NOW)
    await session.flush()
    assert await throttled("10.0.0.9")
    assert not await throttled("10.0.0.10")
    assert not await throttled("10.0.0.9", NOW + dt.timedelta(minutes=16))
