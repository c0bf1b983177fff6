"""Talking to a town's OpenID Connect provider over HTTP (aiohttp): its discovery document,
its signing keys, the code exchange and the userinfo endpoint.

The domain decides (``domain.accounts.oidc_*``); this module only fetches. The discovery
document and the keys are cached per process (an hour); the keys are fetched again when a
token names a key the cache lacks (the provider rotated them), at most every 30 seconds, so
forged tokens naming random keys cannot make us hammer the provider. Every failure to reach
the provider — refused connection, timeout, a 5xx, an answer that is not what the protocol
says — is ``ProviderUnavailable``, which the API reports as ``SERVICE_UNAVAILABLE`` (and
logs on one line, as kernel/outages.py does for the database); a 4xx of the token endpoint
(a code already used, a wrong PKCE verifier) is ``CodeRefused``.

aiohttp (already the Web Push and SMS transport, so one HTTP client at run time; httpx
stays a development tool) is imported on first use: a server whose towns do not use OpenID
Connect never loads it. Redirects are not followed and answers are read up to 512 KiB. The
token request is built with authlib (``prepare_token_request`` and ``ClientAuth``:
``client_secret_post`` or ``client_secret_basic``) and sent with aiohttp.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any, Final

from authlib.oauth2.auth import ClientAuth
from authlib.oauth2.rfc6749.parameters import prepare_token_request

from domain.accounts.oidc_config import OidcClientConfig

logger = logging.getLogger("creneau.oidc")

TIMEOUT_S: Final = 5.0
METADATA_TTL_S: Final = 3600.0
JWKS_REFRESH_MIN_S: Final = 30.0
MAX_ANSWER_BYTES: Final = 512 * 1024


class ProviderUnavailable(Exception):
    """The provider could not be reached or answered nonsense (an outage, not the user's)."""


class CodeRefused(Exception):
    """The token endpoint refused the code (used, expired, wrong verifier or client)."""


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    """The endpoints of a provider, from its discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    end_session_endpoint: str | None


@dataclass(frozen=True, slots=True)
class TokenAnswer:
    """What the token endpoint gave."""

    id_token: str
    access_token: str | None


_metadata: dict[str, tuple[float, ProviderMetadata]] = {}
_jwks: dict[str, tuple[float, dict[str, Any]]] = {}


def _unavailable(issuer: str, what: str, error: object) -> ProviderUnavailable:
    first_line = (str(error).splitlines() or [""])[0]
    logger.warning("oidc provider %s unavailable (%s): %s", issuer, what, first_line[:200])
    return ProviderUnavailable(f"{what}: {first_line}")


@dataclass(frozen=True, slots=True)
class _Answer:
    """An HTTP answer read whole (bounded): status, body and content type."""

    status: int
    body: bytes
    content_type: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


async def _request(
    method: str,
    url: str,
    issuer: str,
    what: str,
    *,
    headers: dict[str, str] | None = None,
    data: str | bytes | None = None,
) -> _Answer:
    import aiohttp

    try:
        timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
        async with (
            aiohttp.ClientSession(timeout=timeout) as client,
            client.request(
                method, url, headers=headers or {}, data=data, allow_redirects=False
            ) as response,
        ):
            body = await response.content.read(MAX_ANSWER_BYTES + 1)
            return _Answer(response.status, body, response.headers.get("Content-Type", ""))
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise _unavailable(issuer, what, exc) from exc


async def _get(url: str, issuer: str, what: str, headers: dict[str, str] | None = None) -> _Answer:
    response = await _request("GET", url, issuer, what, headers=headers)
    if response.status != 200 or len(response.body) > MAX_ANSWER_BYTES:
        raise _unavailable(issuer, what, f"HTTP {response.status}")
    return response


def _json(response: _Answer, issuer: str, what: str) -> dict[str, Any]:
    try:
        body = json.loads(response.body)
    except ValueError as exc:
        raise _unavailable(issuer, what, exc) from exc
    if not isinstance(body, dict):
        raise _unavailable(issuer, what, "not a JSON object")
    return body


async def metadata(issuer: str) -> ProviderMetadata:
    """The provider's endpoints (``/.well-known/openid-configuration``, cached an hour)."""
    cached = _metadata.get(issuer)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    what = "discovery"
    response = await _get(f"{issuer}/.well-known/openid-configuration", issuer, what)
    body = _json(response, issuer, what)
    if str(body.get("issuer", "")).rstrip("/") != issuer:  # OpenID Connect Discovery 4.3
        raise _unavailable(issuer, what, f"issuer {body.get('issuer')!r} is not the one asked")
    try:
        found = ProviderMetadata(
            issuer=issuer,
            authorization_endpoint=str(body["authorization_endpoint"]),
            token_endpoint=str(body["token_endpoint"]),
            jwks_uri=str(body["jwks_uri"]),
            userinfo_endpoint=body.get("userinfo_endpoint"),
            end_session_endpoint=body.get("end_session_endpoint"),
        )
    except KeyError as exc:
        raise _unavailable(issuer, what, f"missing {exc}") from exc
    _metadata[issuer] = (time.monotonic() + METADATA_TTL_S, found)
    return found


async def signing_keys(provider: ProviderMetadata, *, refresh: bool = False) -> dict[str, Any]:
    """The provider's JWKS (cached; ``refresh`` fetches again unless fetched just now)."""
    cached = _jwks.get(provider.jwks_uri)
    now = time.monotonic()
    if cached is not None:
        fetched_at = cached[0] - METADATA_TTL_S
        fresh = cached[0] > now and not refresh
        if fresh or (refresh and now - fetched_at < JWKS_REFRESH_MIN_S):
            return cached[1]
    body = _json(await _get(provider.jwks_uri, provider.issuer, "jwks"), provider.issuer, "jwks")
    if not isinstance(body.get("keys"), list):
        raise _unavailable(provider.issuer, "jwks", "no keys")
    _jwks[provider.jwks_uri] = (now + METADATA_TTL_S, body)
    return body


async def exchange_code(
    config: OidcClientConfig,
    provider: ProviderMetadata,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> TokenAnswer:
    """Trade the authorization code (and the PKCE verifier) for the tokens."""
    body = prepare_token_request(
        "authorization_code", code=code, redirect_uri=redirect_uri, code_verifier=code_verifier
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
    }
    auth = ClientAuth(config.client_id, config.client_secret, config.token_auth_method)
    url, headers, body = auth.prepare("POST", provider.token_endpoint, headers, body)
    what = "token"
    response = await _request("POST", url, provider.issuer, what, headers=headers, data=body)
    if 400 <= response.status < 500:
        raise CodeRefused(response.text[:200])
    if response.status != 200 or len(response.body) > MAX_ANSWER_BYTES:
        raise _unavailable(provider.issuer, what, f"HTTP {response.status}")
    answer = _json(response, provider.issuer, what)
    id_token = answer.get("id_token")
    if not isinstance(id_token, str):
        raise _unavailable(provider.issuer, what, "no id_token")
    access = answer.get("access_token")
    return TokenAnswer(id_token=id_token, access_token=access if isinstance(access, str) else None)


async def userinfo(provider: ProviderMetadata, access_token: str) -> dict[str, Any] | str:
    """The userinfo answer: a JSON object, or a signed JWT (text) to verify."""
    assert provider.userinfo_endpoint is not None
    response = await _get(
        provider.userinfo_endpoint,
        provider.issuer,
        "userinfo",
        headers={"Authorization": f"Bearer {access_token}"},
    )
    if response.content_type.startswith("application/jwt"):
        return response.text.strip()
    return _json(response, provider.issuer, "userinfo")


def forget_provider_caches() -> None:
    """Drop the cached discovery documents and keys (tests; a town that changed provider)."""
    _metadata.clear()
    _jwks.clear()
