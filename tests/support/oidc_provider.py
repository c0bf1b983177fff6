"""A local OpenID Connect provider for the tests, served by a real uvicorn on the loopback.

It behaves as FranceConnect documents: discovery, ``/authorize`` (consents at once and
redirects to the redirect URI with ``code`` and ``state``), ``/token`` (checks the client's
secret, the redirect URI, the PKCE verifier, and that the code is used once; answers an ID
token signed RS256 with a key the test made), ``/jwks``, ``/userinfo`` (JSON, or a signed
JWT as FranceConnect v2) and ``/session/end``. ``ProviderControl`` lets a test make the
next ID token wrong in one way (another key, another audience, a past expiry, another
nonce, a lower ``acr``) to check that the client refuses it.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "creneau-saint-ismier"
CLIENT_SECRET = "fc-test-secret-0123456789"


@dataclass
class Person:
    """Who logs in at the provider (auto-consent: whoever the test says)."""

    subject: str = "fc-sub-angela"
    given_name: str = "Angela Claire"
    family_name: str = "Dubois"
    email: str = "angela.dubois@fc.example"
    birthdate: str = "1962-08-24"


@dataclass
class ProviderControl:
    """What the next answers look like; tests change it between steps."""

    person: Person = field(default_factory=Person)
    acr: str = "eidas1"
    # Claims of the ID token replaced (``aud``, ``nonce``, ``exp``…).
    id_token_overrides: dict[str, Any] = field(default_factory=dict)
    # Sign the ID token with this key instead of the published one.
    signing_key: RSAKey | None = None
    userinfo_signed: bool = False
    token_requests: list[dict[str, str]] = field(default_factory=list)


@dataclass
class LocalProvider:
    """The running provider: its issuer URL, its published key and its knobs."""

    issuer: str
    key: RSAKey
    control: ProviderControl
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, Person] = field(default_factory=dict)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _client_auth(request: Request, form: dict[str, str]) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    if header.startswith("Basic "):
        client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        return client_id, secret
    return form.get("client_id", ""), form.get("client_secret", "")


def build_app(provider: LocalProvider) -> Starlette:
    """The provider's endpoints."""

    async def discovery(request: Request) -> Response:
        issuer = provider.issuer
        return JSONResponse(
            {
                "issuer": issuer,
                "authorization_endpoint": f"{issuer}/authorize",
                "token_endpoint": f"{issuer}/token",
                "jwks_uri": f"{issuer}/jwks",
                "userinfo_endpoint": f"{issuer}/userinfo",
                "end_session_endpoint": f"{issuer}/session/end",
                "id_token_signing_alg_values_supported": ["RS256", "ES256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def authorize(request: Request) -> Response:
        query = request.query_params
        if query.get("response_type") != "code" or query.get("client_id") != CLIENT_ID:
            return PlainTextResponse("invalid_request", status_code=400)
        if query.get("code_challenge_method") != "S256" or not query.get("nonce"):
            return PlainTextResponse("invalid_request", status_code=400)
        code = secrets.token_urlsafe(16)
        provider.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "challenge": query["code_challenge"],
            "nonce": query["nonce"],
            "person": provider.control.person,
            "used": False,
        }
        target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        return RedirectResponse(target, status_code=302)

    async def token(request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        provider.control.token_requests.append(form)
        client_id, secret = _client_auth(request, form)
        if client_id != CLIENT_ID or secret != CLIENT_SECRET:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = provider.codes.get(form.get("code", ""))
        if grant is None or grant["used"] or form.get("grant_type") != "authorization_code":
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        grant["used"] = True
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if _challenge(form.get("code_verifier", "")) != grant["challenge"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        person: Person = grant["person"]
        now = int(time.time())
        claims = {
            "iss": provider.issuer,
            "sub": person.subject,
            "aud": CLIENT_ID,
            "exp": now + 60,
            "iat": now,
            "nonce": grant["nonce"],
            "acr": provider.control.acr,
            "amr": ["pwd"],
        }
        claims.update(provider.control.id_token_overrides)
        key = provider.control.signing_key or provider.key
        id_token = jwt.encode({"alg": "RS256", "kid": provider.key.kid}, claims, key)
        access = secrets.token_urlsafe(16)
        provider.access_tokens[access] = person
        return JSONResponse(
            {"access_token": access, "token_type": "Bearer", "expires_in": 60, "id_token": id_token}
        )

    async def jwks(request: Request) -> Response:
        return JSONResponse({"keys": [provider.key.as_dict(private=False)]})

    async def userinfo(request: Request) -> Response:
        access = request.headers.get("authorization", "").removeprefix("Bearer ")
        person = provider.access_tokens.get(access)
        if person is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        claims = {
            "sub": person.subject,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "birthdate": person.birthdate,
        }
        if provider.control.userinfo_signed:
            signed = jwt.encode(
                {"alg": "RS256", "kid": provider.key.kid},
                {**claims, "iss": provider.issuer, "aud": CLIENT_ID},
                provider.key,
            )
            return Response(signed, media_type="application/jwt")
        return JSONResponse(claims)

    async def end_session(request: Request) -> Response:
        return PlainTextResponse("déconnecté")

    return Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery),
            Route("/authorize", authorize),
            Route("/token", token, methods=["POST"]),
            Route("/jwks", jwks),
            Route("/userinfo", userinfo),
            Route("/session/end", end_session),
        ]
    )


@asynccontextmanager
async def running_provider() -> AsyncIterator[LocalProvider]:
    """A provider on a free loopback port for the duration of the block."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    key = RSAKey.generate_key(2048, parameters={"kid": f"test-{port}", "use": "sig"})
    provider = LocalProvider(
        issuer=f"http://127.0.0.1:{port}/api/v2", key=key, control=ProviderControl()
    )
    root = Starlette(routes=[])
    root.mount("/api/v2", build_app(provider))
    server = uvicorn.Server(
        uvicorn.Config(root, lifespan="off", log_level="warning", access_log=False)
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(500):
            if server.started:
                break
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        yield provider
    finally:
        server.should_exit = True
        await task
        sock.close()
