"""Operations commands (issue 13): ``creneau mail failed`` / ``mail retry`` on the outbox's
given-up mails, ``creneau backup`` / ``restore`` of a SQLite database (checked by a restore
that serves the same data), the PostgreSQL guidance."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.settings import Settings
from models import OutboxMessage, Tenant
from models.outbox import OutboxStatus
from server.app import create_app
from server.cli import main
from server.migrate import head_revision
from tests import factories

sqlite_only = pytest.mark.skipif(
    "CRENEAU_TEST_DATABASE_URL" in __import__("os").environ,
    reason="backup/restore of a SQLite file",
)


async def _mail(session: AsyncSession, tenant: Tenant, status: OutboxStatus, **kw: object) -> int:
    mail = OutboxMessage(
        tenant_id=tenant.id,
        template=str(kw.pop("template", "booking_accepted")),
        to_address=str(kw.pop("to_address", "parent@example.org")),
        subject="Sujet",
        text_body="Corps",
        status=status,
        **kw,
    )
    session.add(mail)
    await session.commit()
    return mail.id


async def _run(argv: list[str]) -> int:
    # The command runs its own event loop: give it a thread of its own.
    return await asyncio.to_thread(main, argv)


async def test_failed_mails_are_listed_and_retried(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    town = await factories.make_tenant(session)
    other = await factories.make_tenant(session)
    await session.commit()
    other_slug = other.slug
    bounced = await _mail(
        session, town, OutboxStatus.FAILED, attempts=8, last_error="550 5.1.1\nno such user"
    )
    other_failed = await _mail(session, other, OutboxStatus.FAILED, attempts=1, last_error="x")
    sent = await _mail(session, town, OutboxStatus.SENT, attempts=1)
    await _mail(session, town, OutboxStatus.PENDING)
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)

    assert await _run(["mail", "failed", "--tenant", town.slug]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("id\ttenant\t")
    assert lines[1].split("\t")[:2] == [str(bounced), town.slug]
    assert lines[1].endswith("550 5.1.1 no such user")
    assert len(lines) == 3 and lines[2].startswith("1 failed mail(s)")

    assert await _run(["mail", "failed"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4  # both tenants

    assert await _run(["mail", "failed", "--tenant", "nope"]) == 1
    assert "unknown tenant 'nope'" in capsys.readouterr().err

    # A mail that is not failed: refused, nothing changes.
    assert await _run(["mail", "retry", "--id", str(bounced), "--id", str(sent)]) == 1
    assert f"{sent} (SENT)" in capsys.readouterr().err
    assert await _run(["mail", "retry", "--id", "999999"]) == 1
    assert "no mail with id 999999" in capsys.readouterr().err

    assert await _run(["mail", "retry", "--id", str(bounced)]) == 0
    assert "1 mail(s) queued again" in capsys.readouterr().out
    session.expire_all()
    retried = await session.get(OutboxMessage, bounced)
    assert retried is not None
    assert (retried.status, retried.attempts) == (OutboxStatus.PENDING, 0)
    assert retried.last_error is not None  # the history stays readable

    assert await _run(["mail", "retry", "--all-failed", "--tenant", other_slug]) == 0
    assert "1 mail(s) queued again" in capsys.readouterr().out
    session.expire_all()
    statuses = dict((await session.execute(select(OutboxMessage.id, OutboxMessage.status))).all())
    assert statuses[other_failed] == OutboxStatus.PENDING
    assert statuses[sent] == OutboxStatus.SENT
    assert await _run(["mail", "failed"]) == 0
    assert capsys.readouterr().out.strip() == "No failed mail."


async def _families_seen(database_url: str, slug: str, token: str) -> tuple[int, str]:
    app = create_app(Settings(environment="test", database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.post(
                f"/{slug}/graphql",
                json={"query": "{ collectivity { name } families(first: 5) { totalCount } }"},
                headers={"authorization": f"Bearer {token}"},
            )
    finally:
        await app.state.engine.dispose()
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["families"]["totalCount"], body["data"]["collectivity"]["name"]


@sqlite_only
async def test_a_restored_backup_serves_the_same_data(
    session: AsyncSession,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tenant = await factories.make_tenant(session)
    for _ in range(3):
        await factories.make_family_with_members(session, tenant)
    _staff, token = await factories.make_staff_account_with_token(session, tenant)
    await session.commit()
    before = await _families_seen(database_url, tenant.slug, token)
    assert before[0] == 3

    # Online: another connection is in the middle of a write while the backup runs.
    live = Path(database_url.removeprefix("sqlite+aiosqlite:///"))
    writer = sqlite3.connect(live)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE tenant SET name = 'pas encore validé'")
    backup = tmp_path / "backups" / "creneau.sqlite3"
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    try:
        assert await _run(["backup", "--to", str(backup)]) == 0
    finally:
        writer.rollback()
        writer.close()
    out = capsys.readouterr().out
    assert f"revision {head_revision()}" in out and str(backup) in out
    assert not backup.with_name(backup.name + "-wal").exists()

    restored = tmp_path / "restored" / "creneau.sqlite3"
    restored_url = f"sqlite+aiosqlite:///{restored}"
    monkeypatch.setenv("CRENEAU_DATABASE_URL", restored_url)
    assert await _run(["restore", "--from", str(backup)]) == 0
    assert f"into {restored}" in capsys.readouterr().out
    assert await _families_seen(restored_url, tenant.slug, token) == before

    # Restoring over a database with data needs --force.
    assert await _run(["restore", "--from", str(backup)]) == 1
    assert "--force" in capsys.readouterr().err
    assert await _run(["restore", "--from", str(backup), "--force"]) == 0
    # And the backup file is not overwritten either without --force.
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    assert await _run(["backup", "--to", str(backup)]) == 1
    assert "--force" in capsys.readouterr().err


@sqlite_only
async def test_restore_refuses_what_is_not_a_creneau_database(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    future = tmp_path / "future.sqlite3"
    shutil.copy(database_url.removeprefix("sqlite+aiosqlite:///"), future)
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    cases = {
        tmp_path / "missing.sqlite3": "no backup file",
        text: "is not a SQLite database",
        other: "is not a Créneau database",
        future: "revision 9999, unknown to this version",
    }
    for source, message in cases.items():
        assert await _run(["restore", "--from", str(source)]) == 1
        captured = capsys.readouterr()
        assert message in captured.err and "Traceback" not in captured.err
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("argv", [["backup", "--to", "x.dump"], ["restore", "--from", "x"]])
def test_postgresql_gets_the_pg_dump_guidance(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", "postgresql+asyncpg://u@127.0.0.1:1/db")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "pg_dump --format=custom" in err and "pg_restore" in err
