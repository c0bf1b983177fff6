"""``creneau tenant create`` and ``creneau tenant list``: a collectivity from nothing."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from models import Account, AuditEntry, OutboxMessage, Tenant
from models.account import AccountStatus, Role
from models.engine import create_session_factory
from server.cli import main

ARGS = [
    "tenant",
    "create",
    "--slug",
    "crolles",
    "--name",
    "Mairie de Crolles",
    "--service-name",
    "Le service enfance",
    "--school-zone",
    "a",
    "--mail-from",
    "nepasrepondre@crolles.example",
    "--admin-email",
    "claire.durand@crolles.example",
    "--admin-first-name",
    "Claire",
    "--admin-last-name",
    "Durand",
    "--admin-civility",
    "madame",
]


def _with(**changes: str) -> list[str]:
    argv = list(ARGS)
    for option, value in changes.items():
        flag = "--" + option.replace("_", "-")
        argv[argv.index(flag) + 1] = value
    return argv


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    return database_url


async def test_creates_the_collectivity_and_invites_its_administrator(
    cli_database: str, engine: AsyncEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await asyncio.to_thread(main, ARGS) == 0
    captured = capsys.readouterr()
    [line] = captured.out.strip().splitlines()
    assert line.startswith("Created collectivity crolles (tenant id ")
    assert "claire.durand@crolles.example invited" in line
    assert captured.err == ""

    async with create_session_factory(engine)() as session:
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == "crolles"))).one()
        assert (tenant.name, tenant.timezone, tenant.school_zone.value) == (
            "Mairie de Crolles",
            "Europe/Paris",
            "A",
        )
        [admin] = (
            await session.scalars(select(Account).where(Account.tenant_id == tenant.id))
        ).all()
        assert (admin.role, admin.status) == (Role.ADMIN, AccountStatus.PENDING_ACTIVATION)
        [mail] = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.tenant_id == tenant.id))
        ).all()
        assert mail.to_address == "claire.durand@crolles.example"
        assert "Bonjour Mme Claire DURAND" in mail.text_body
        assert "/crolles/invitation?token=" in mail.text_body
        [entry] = (
            await session.scalars(select(AuditEntry).where(AuditEntry.tenant_id == tenant.id))
        ).all()
        assert (entry.action, entry.actor_account_id) == ("tenant.created", None)

    assert await asyncio.to_thread(main, ["tenant", "list"]) == 0
    listed = capsys.readouterr().out
    assert "crolles\tMairie de Crolles\tzone A\tEurope/Paris\t1 accounts" in listed


async def test_a_taken_slug_is_one_line_and_exit_status_2(
    cli_database: str, engine: AsyncEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await asyncio.to_thread(main, ARGS) == 0
    capsys.readouterr()
    argv = _with(admin_email="autre@crolles.example")
    assert await asyncio.to_thread(main, argv) == 2
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert line == "creneau: error: a collectivity with slug 'crolles' already exists"
    assert captured.out == ""
    async with create_session_factory(engine)() as session:
        assert await session.scalar(select(func.count(Tenant.id))) == 1
        assert await session.scalar(select(func.count(Account.id))) == 1


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"slug": "Crolles 38"}, "invalid slug 'Crolles 38'"),
        ({"slug": "crolles_38"}, "invalid slug 'crolles_38'"),
        ({"mail_from": "personne"}, "invalid sender address 'personne'"),
    ],
)
async def test_bad_input_is_one_line_and_exit_status_2(
    cli_database: str,
    engine: AsyncEngine,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, str],
    expected: str,
) -> None:
    assert await asyncio.to_thread(main, _with(**changes)) == 2
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert line.startswith("creneau: error: ") and expected in line
    assert "Traceback" not in captured.err and captured.out == ""
    async with create_session_factory(engine)() as session:
        assert await session.scalar(select(func.count(Tenant.id))) == 0


async def test_an_unknown_time_zone_is_refused(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*ARGS, "--timezone", "Europe/Lutece"]
    assert await asyncio.to_thread(main, argv) == 2
    assert "unknown time zone 'Europe/Lutece'" in capsys.readouterr().err


def test_a_bad_school_zone_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(_with(school_zone="D"))
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "invalid choice: 'D'" in err.strip().splitlines()[-1]
