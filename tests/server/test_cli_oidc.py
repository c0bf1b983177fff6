"""``creneau oidc configure|show|disable``: a town's FranceConnect client from the command
line, the secret in a file of its own (never in the database)."""

from __future__ import annotations

import asyncio
import io
import stat
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from resolvers.oidc_provider import forget_provider_caches
from server.cli import main
from tests import factories
from tests.support.oidc_provider import running_provider


def _secret_file(path: Path) -> tuple[str, int] | None:
    """The secret file's text and permission bits (None when absent)."""
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8"), stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    monkeypatch.setenv("CRENEAU_OIDC_SECRETS_DIR", str(tmp_path / "secrets"))
    return tmp_path / "secrets"


async def test_configure_show_and_disable(
    cli_env: Path,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tenant = await factories.make_tenant(session, settings={"contactEmail": "a@b.example"})
    await session.commit()
    slug, tenant_id = tenant.slug, tenant.id
    forget_provider_caches()
    monkeypatch.setattr("sys.stdin", io.StringIO("le-secret\n"))
    async with running_provider() as provider:
        argv = ["oidc", "configure", "--tenant", slug, "--issuer", provider.issuer]
        argv += ["--client-id", "client-1", "--redirect-uri", "https://p.fr/retour"]
        argv += ["--secret-stdin", "--check"]
        assert await asyncio.to_thread(main, argv) == 0
    out = capsys.readouterr().out
    assert "Provider found" in out and "present" in out

    assert _secret_file(cli_env / slug) == ("le-secret\n", 0o600)
    session.expire_all()
    stored = await session.scalar(select(Tenant.settings).where(Tenant.id == tenant_id))
    assert stored is not None
    assert stored["contactEmail"] == "a@b.example"  # the other settings are kept
    assert stored["openidConnect"]["clientId"] == "client-1"
    assert stored["openidConnect"]["acrValues"] == ["eidas1"]
    assert "le-secret" not in str(stored)

    assert await asyncio.to_thread(main, ["oidc", "show", "--tenant", slug]) == 0
    shown = capsys.readouterr().out
    assert '"clientId": "client-1"' in shown and "le-secret" not in shown

    assert await asyncio.to_thread(main, ["oidc", "disable", "--tenant", slug]) == 0
    session.expire_all()
    stored = await session.scalar(select(Tenant.settings).where(Tenant.id == tenant_id))
    assert stored == {"contactEmail": "a@b.example"}


async def test_refusals_are_one_line_and_write_nothing(
    cli_env: Path, session: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    slug, tenant_id = tenant.slug, tenant.id
    base = ["oidc", "configure", "--client-id", "c"]
    cases = [
        ([*base, "--tenant", slug, "--issuer", "http://fc.example"], "https:// URL"),
        ([*base, "--tenant", "inconnue", "--issuer", "https://fc.example"], "no collectivity"),
    ]
    for argv, reason in cases:
        assert await asyncio.to_thread(main, argv) == 2
        err = capsys.readouterr().err
        assert reason in err and len(err.strip().splitlines()) == 1
    session.expire_all()
    assert await session.scalar(select(Tenant.settings).where(Tenant.id == tenant_id)) == {}
    assert _secret_file(cli_env / slug) is None
