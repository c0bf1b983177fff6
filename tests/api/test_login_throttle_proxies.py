"""Login throttling per address: the address is the direct peer unless it is a trusted
proxy (``CRENEAU_TRUSTED_PROXIES``), so a rotating ``X-Forwarded-For`` escapes nothing; and
an address is refused after spraying many emails, never because of one person's failures,
and not for the families who already logged in from it (many families behind one NAT)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL
from kernel.settings import Settings
from models import LoginAttempt, Tenant
from server.app import create_app
from server.http_requests import ForwardedClient
from tests import factories
from tests.factories import DEFAULT_PASSWORD

LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token errors { code } } }"""

Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
async def client(database_url: str, tmp_path: Path) -> AsyncIterator[Client]:
    """Opens an httpx client on one app, as a given peer, with given trusted proxies."""
    apps = []

    @asynccontextmanager
    async def open_client(
        peer: str, trusted_proxies: tuple[str, ...] = ()
    ) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            trusted_proxies=trusted_proxies,
        )
        app = create_app(settings)
        apps.append(app)
        transport = httpx.ASGITransport(app=app, client=(peer, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http

    yield open_client
    for app in apps:
        await app.state.engine.dispose()


async def _login(
    http: httpx.AsyncClient,
    tenant: Tenant,
    email: str,
    password: str,
    forwarded_for: str | None = None,
) -> str:
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    response = await http.post(
        f"/{tenant.slug}/graphql",
        json={"query": LOGIN, "variables": {"email": email, "password": password}},
        headers=headers,
    )
    payload = response.json()["data"]["login"]
    return "OK" if payload["token"] else payload["errors"][0]["code"]


async def _addresses(session: AsyncSession) -> set[str | None]:
    await session.commit()  # a fresh transaction sees the app's commits
    return set(await session.scalars(select(LoginAttempt.remote_address)))


async def test_a_rotating_forwarded_for_does_not_escape_the_address_throttle(
    session: AsyncSession, tenant: Tenant, client: Client
) -> None:
    await factories.make_account(session, tenant, email="parent@ville.example")
    await session.commit()
    # A loopback client is no trusted proxy unless configured: its X-Forwarded-For is ignored.
    async with client("127.0.0.1") as http:
        for i in range(MAX_FAILURES_PER_ADDRESS):
            code = await _login(
                http, tenant, f"guess{i}@ville.example", "x", forwarded_for=f"203.0.113.{i + 1}"
            )
            assert code == "INVALID_CREDENTIALS"
        assert await _addresses(session) == {"127.0.0.1"}
        refused = await _login(
            http, tenant, "parent@ville.example", DEFAULT_PASSWORD, forwarded_for="192.0.2.200"
        )
        assert refused == "THROTTLED"


async def test_behind_a_trusted_proxy_the_right_most_untrusted_address_counts(
    session: AsyncSession, tenant: Tenant, client: Client
) -> None:
    await factories.make_account(session, tenant, email="parent@ville.example")
    await session.commit()
    async with client("10.0.0.5", trusted_proxies=("10.0.0.0/8",)) as http:
        # The client wrote the left part; the proxies appended the address they saw.
        for i in range(MAX_FAILURES_PER_ADDRESS):
            code = await _login(
                http,
                tenant,
                f"guess{i}@ville.example",
                "x",
                forwarded_for=f"203.0.113.{i + 1}, 198.51.100.7, 10.0.0.9",
            )
            assert code == "INVALID_CREDENTIALS"
        assert await _addresses(session) == {"198.51.100.7"}
        spoofed = await _login(
            http, tenant, "parent@ville.example", DEFAULT_PASSWORD, "192.0.2.1, 198.51.100.7"
        )
        assert spoofed == "THROTTLED"
        # Another client behind the same proxy is not concerned.
        other = await _login(http, tenant, "parent@ville.example", DEFAULT_PASSWORD, "192.0.2.8")
        assert other == "OK"
    # A peer outside the trusted networks: its header is ignored, its own address counts.
    async with client("192.0.2.77", trusted_proxies=("10.0.0.0/8",)) as http:
        await _login(http, tenant, "nobody@ville.example", "x", forwarded_for="198.51.100.99")
    assert "192.0.2.77" in await _addresses(session)
    assert "198.51.100.99" not in await _addresses(session)


def test_forwarded_client_parsing() -> None:
    proxies = ForwardedClient(lambda *a: None, ("10.0.0.0/8", "2001:db8::1"))  # type: ignore[arg-type]
    assert proxies.client_host("10.0.0.1", ["1.2.3.4, 198.51.100.7"]) == "198.51.100.7"
    assert proxies.client_host("10.0.0.1", ["198.51.100.7, 10.1.1.1", "10.2.2.2"]) == (
        "198.51.100.7"
    )
    assert proxies.client_host("10.0.0.1", ["2001:db8::2, 2001:db8::1"]) == "2001:db8::2"
    # Only trusted hops, nothing, or garbage where an address should be: the peer.
    assert proxies.client_host("10.0.0.1", ["10.3.3.3"]) == "10.0.0.1"
    assert proxies.client_host("10.0.0.1", []) == "10.0.0.1"
    assert proxies.client_host("10.0.0.1", ["1.2.3.4, not-an-ip"]) == "10.0.0.1"


async def test_families_behind_one_address_still_log_in(
    session: AsyncSession, tenant: Tenant, client: Client
) -> None:
    nat = "203.0.113.50"
    for name in ("habituee", "nouvelle", *(f"etourdi{i}" for i in range(6))):
        await factories.make_account(session, tenant, email=f"{name}@ville.example")
    await session.commit()
    async with client(nat) as http:
        assert await _login(http, tenant, "habituee@ville.example", DEFAULT_PASSWORD) == "OK"
        # Six people mistype their own password until throttled: 30 failures, 6 emails.
        for i in range(6):
            for _ in range(MAX_FAILURES_PER_EMAIL):
                await _login(http, tenant, f"etourdi{i}@ville.example", "faux")
            assert await _login(http, tenant, f"etourdi{i}@ville.example", "faux") == "THROTTLED"
        assert await _login(http, tenant, "nouvelle@ville.example", DEFAULT_PASSWORD) == "OK"

    # Password spraying from the same address: new emails are refused from it, a family
    # that logged in from it before still gets in.
    await factories.make_account(session, tenant, email="arrivee@ville.example")
    await session.commit()
    async with client(nat) as http:
        for i in range(MAX_FAILURES_PER_ADDRESS):
            await _login(http, tenant, f"spray{i}@ville.example", "Printemps2026!")
        assert await _login(http, tenant, "arrivee@ville.example", DEFAULT_PASSWORD) == (
            "THROTTLED"
        )
        assert await _login(http, tenant, "habituee@ville.example", DEFAULT_PASSWORD) == "OK"
        assert await _login(http, tenant, "nouvelle@ville.example", DEFAULT_PASSWORD) == "OK"
    # From elsewhere, the new family is not concerned.
    async with client("198.51.100.20") as http:
        assert await _login(http, tenant, "arrivee@ville.example", DEFAULT_PASSWORD) == "OK"


def test_creneau_serve_leaves_forwarded_headers_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Uvicorn's own proxy headers would believe any loopback peer's X-Forwarded-For."""
    import argparse

    import uvicorn

    from server.cli import serving

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    args = argparse.Namespace(host=None, port=None, reload=False, workers=1)
    assert serving.serve(Settings(environment="test"), args) == 0
    assert calls
    assert calls[0]["proxy_headers"] is False
