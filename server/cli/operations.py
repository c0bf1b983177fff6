"""Operations commands: ``notifications failed`` / ``notifications retry`` (the outbox's
given-up rows of every channel: mail, SMS, Web Push; ``mail failed|retry`` is the same for
mails only, as it was before SMS and push), ``push keys`` (server/cli/push.py),
``backup`` and ``restore`` (SQLite; PostgreSQL gets the ``pg_dump`` guidance).

Exit status: 0 done; 1 refused (unknown tenant, a row that is not failed, a file that is
not a Créneau database, a target that exists without ``--force``); 2 not supported here
(PostgreSQL backups are ``pg_dump``'s job).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from kernel.settings import Settings
from server.cli import push

_MAIL = "MAIL"

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Créneau database has, whatever its revision.
CRENEAU_TABLES = ("alembic_version", "tenant", "family")

PG_DUMP_GUIDANCE = """\
creneau: backup and restore of PostgreSQL are the database's own tools' job:

  backup (consistent while the server runs):
    pg_dump --format=custom --file=creneau-$(date +%F).dump "$PGURL"
  restore (into an empty database, servers and worker stopped):
    createdb creneau_restored
    pg_restore --no-owner --dbname=creneau_restored creneau-YYYY-MM-DD.dump
    CRENEAU_DATABASE_URL=postgresql+asyncpg://…/creneau_restored creneau migrate

  where PGURL is CRENEAU_DATABASE_URL without "+asyncpg" (postgresql://user@host/db).
  See docs/DEPLOYMENT.md, « Backups »."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``notifications`` (and its alias ``mail``), ``push``, ``backup`` and ``restore``
    to the ``creneau`` parser."""
    for name, noun, help_text in (
        (
            "notifications",
            "message",
            "the notification outbox (mail, SMS, push): failures, retries",
        ),
        ("mail", "mail", "the outbox's mails only (as `notifications --channel MAIL`)"),
    ):
        _register_outbox(commands, name, noun, help_text)
    push.register(commands)

    backup = commands.add_parser(
        "backup", help="copy the SQLite database to a file (online: the server may run)"
    )
    backup.add_argument("--to", required=True, dest="target", metavar="FILE", help="file")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.set_defaults(handler=backup_command)

    restore = commands.add_parser(
        "restore",
        help="replace the SQLite database by a backup (stop the server and the worker first)",
    )
    restore.add_argument("--from", required=True, dest="source", metavar="FILE", help="backup")
    restore.add_argument(
        "--force", action="store_true", help="overwrite a database that already has data"
    )
    restore.set_defaults(handler=restore_command)


def _register_outbox(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    noun: str,
    help_text: str,
) -> None:
    """``<name> failed`` and ``<name> retry``; ``mail`` is the MAIL channel's view, worded
    as it was before SMS and Web Push."""
    parser = commands.add_parser(name, help=help_text)
    fixed = {"noun": noun, "channel": _MAIL} if name == "mail" else {"noun": noun}
    subcommands = parser.add_subparsers(dest=f"{name}_command", required=True)
    failed = subcommands.add_parser(
        "failed", help=f"list the {noun}s given up after their last attempt (status FAILED)"
    )
    failed.add_argument("--tenant", help="tenant slug (default: every tenant)")
    if name != "mail":
        failed.add_argument(
            "--channel", type=str.upper, choices=["MAIL", "SMS", "PUSH"], help="one channel only"
        )
    failed.set_defaults(handler=mail_failed, **fixed)
    retry = subcommands.add_parser(
        "retry", help=f"queue failed {noun}s again (a fresh series of attempts, sent at once)"
    )
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--id", type=int, action="append", dest="ids", metavar="N", help=f"{noun} id (repeatable)"
    )
    which.add_argument("--all-failed", action="store_true", help=f"every failed {noun}")
    retry.add_argument("--tenant", help=f"only this tenant's {noun}s (with --all-failed)")
    if name != "mail":
        retry.add_argument(
            "--channel",
            type=str.upper,
            choices=["MAIL", "SMS", "PUSH"],
            help="only this channel (with --all-failed)",
        )
    retry.set_defaults(handler=mail_retry, **fixed)


def _error(message: str) -> int:
    print(f"creneau: error: {message}", file=sys.stderr)
    return 1


# ------------------------------------------------------------------- the outbox


async def _tenant_id(session: object, slug: str) -> int | None:
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import AsyncSession

    from models import Tenant

    assert isinstance(session, AsyncSession)
    return await session.scalar(select(Tenant.id).where(Tenant.slug == slug))


def _one_line(text: str | None, width: int = 80) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _recipient(message: object) -> str:
    """The address, the number, or the push subscription a row was for."""
    from models import OutboxMessage

    assert isinstance(message, OutboxMessage)
    if message.to_address:
        return message.to_address
    return f"push subscription {message.push_subscription_id}"


async def _list_failed(
    settings: Settings, tenant: str | None, channel: str | None, noun: str
) -> int:
    from sqlalchemy import select

    from models import OutboxMessage, Tenant
    from models.engine import create_engine, create_session_factory
    from models.notification import NotificationChannel
    from models.outbox import OutboxStatus

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            query = (
                select(OutboxMessage, Tenant.slug)
                .join(Tenant, Tenant.id == OutboxMessage.tenant_id)
                .where(OutboxMessage.status == OutboxStatus.FAILED)
                .order_by(OutboxMessage.id)
            )
            if channel is not None:
                query = query.where(OutboxMessage.channel == NotificationChannel(channel))
            if tenant is not None:
                tenant_id = await _tenant_id(session, tenant)
                if tenant_id is None:
                    return _error(f"unknown tenant {tenant!r}")
                query = query.where(OutboxMessage.tenant_id == tenant_id)
            rows = (await session.execute(query)).all()
    finally:
        await engine.dispose()
    if not rows:
        print(f"No failed {noun}.")
        return 0
    print("id\ttenant\tcreated (UTC)\tattempts\tchannel\tto\ttemplate\tlast error")
    for message, slug in rows:
        created = message.created_at.strftime("%Y-%m-%d %H:%M")
        print(
            f"{message.id}\t{slug}\t{created}\t{message.attempts}\t{message.channel.value}\t"
            f"{_recipient(message)}\t{message.template}\t{_one_line(message.last_error)}"
        )
    command = "mail" if noun == "mail" else "notifications"
    print(
        f"{len(rows)} failed {noun}(s); `creneau {command} retry --id N` or `--all-failed` "
        "to resend."
    )
    return 0


def mail_failed(settings: Settings, args: argparse.Namespace) -> int:
    """``notifications failed`` (and ``mail failed``): the given-up rows, one per line."""
    return asyncio.run(_list_failed(settings, args.tenant, args.channel, args.noun))


async def _retry(
    settings: Settings,
    ids: list[int] | None,
    tenant: str | None,
    channel: str | None,
    noun: str,
) -> int:
    from sqlalchemy import select, update

    from models import OutboxMessage
    from models.base import utcnow
    from models.engine import create_engine, create_session_factory
    from models.notification import NotificationChannel
    from models.outbox import OutboxStatus

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            query = select(OutboxMessage.id, OutboxMessage.status)
            if ids is not None:
                query = query.where(OutboxMessage.id.in_(ids))
            else:
                query = query.where(OutboxMessage.status == OutboxStatus.FAILED)
            if channel is not None:
                query = query.where(OutboxMessage.channel == NotificationChannel(channel))
            if tenant is not None:
                tenant_id = await _tenant_id(session, tenant)
                if tenant_id is None:
                    return _error(f"unknown tenant {tenant!r}")
                query = query.where(OutboxMessage.tenant_id == tenant_id)
            found: dict[int, OutboxStatus] = {
                row.id: row.status for row in await session.execute(query)
            }
            if ids is not None:
                missing = [i for i in ids if i not in found]
                if missing:
                    return _error(f"no {noun} with id {', '.join(map(str, missing))}")
                not_failed = [
                    f"{i} ({found[i].value})" for i in ids if found[i] != OutboxStatus.FAILED
                ]
                if not_failed:
                    return _error(
                        f"only failed {noun}s are retried; not failed: " + ", ".join(not_failed)
                    )
            if found:
                # Guarded by the status: a row the sender changed meanwhile is left alone.
                await session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id.in_(list(found)),
                        OutboxMessage.status == OutboxStatus.FAILED,
                    )
                    .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=utcnow())
                )
    finally:
        await engine.dispose()
    print(f"{len(found)} {noun}(s) queued again: the sender delivers them on its next round.")
    return 0


def mail_retry(settings: Settings, args: argparse.Namespace) -> int:
    """``notifications retry`` (and ``mail retry``): failed rows queued again."""
    if args.ids is not None and args.tenant is not None:
        return _error(f"--tenant goes with --all-failed (an id names one {args.noun} already)")
    return asyncio.run(_retry(settings, args.ids, args.tenant, args.channel, args.noun))


# ------------------------------------------------------------------- backup, restore


def _sqlite_path(settings: Settings) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL)."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise ValueError("CRENEAU_DATABASE_URL names no SQLite file")
    return Path(url.database)


def known_revisions(settings: Settings) -> list[str]:
    """Every migration revision of this code, newest first."""
    from alembic.script import ScriptDirectory

    from server.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(settings.database_url))
    return [revision.revision for revision in script.walk_revisions()]


def creneau_revision(path: Path) -> str:
    """The migration revision of a Créneau SQLite database file; ValueError when the file
    is not one (not SQLite, damaged, or without Créneau's tables)."""
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ValueError(f"{path} is not a SQLite database")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        missing = [table for table in CRENEAU_TABLES if table not in tables]
        if missing:
            raise ValueError(f"{path} is not a Créneau database (no table {missing[0]})")
        check = connection.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise ValueError(f"{path} is damaged (quick_check: {check[0] if check else '?'})")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} cannot be read as a database ({exc})") from exc
    finally:
        connection.close()
    if row is None:
        raise ValueError(f"{path} has no migration revision")
    return str(row[0])


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup of ``source`` into a new file at ``target`` (atomic rename)."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
        # A self-contained file: no -wal next to it is needed to read it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    os.replace(partial, target)


def backup_command(settings: Settings, args: argparse.Namespace) -> int:
    database = _sqlite_path(settings)
    if database is None:
        print(PG_DUMP_GUIDANCE, file=sys.stderr)
        return 2
    target = Path(args.target)
    if not database.exists():
        return _error(f"no database at {database} (CRENEAU_DATABASE_URL)")
    if target.exists() and not args.force:
        return _error(f"{target} exists; --force to overwrite it")
    if target.resolve() == database.resolve():
        return _error("the backup file cannot be the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    try:
        _copy_database(source, target)
    finally:
        source.close()
    try:
        revision = creneau_revision(target)
    except ValueError as exc:
        target.unlink(missing_ok=True)
        return _error(f"the backup failed its check: {exc}")
    size = target.stat().st_size
    print(f"Backup of {database} (revision {revision}, {size} bytes) written to {target}")
    return 0


def restore_command(settings: Settings, args: argparse.Namespace) -> int:
    database = _sqlite_path(settings)
    if database is None:
        print(PG_DUMP_GUIDANCE, file=sys.stderr)
        return 2
    source_path = Path(args.source)
    if not source_path.is_file():
        return _error(f"no backup file at {source_path}")
    try:
        revision = creneau_revision(source_path)
    except ValueError as exc:
        return _error(str(exc))
    revisions = known_revisions(settings)
    if revision not in revisions:
        return _error(
            f"{source_path} is at revision {revision}, unknown to this version of Créneau "
            f"(newest {revisions[0]}): restore it with the version that wrote it"
        )
    if database.exists() and database.stat().st_size > 0 and not args.force:
        return _error(
            f"{database} exists; stop the server and the worker, then restore with --force "
            "(or point CRENEAU_DATABASE_URL at a new file)"
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(database, timeout=0.5)
    try:
        # The exclusive lock fails while another process writes (a running server).
        try:
            target.execute("BEGIN EXCLUSIVE")
            target.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return _error(f"{database} is in use: stop the server and the worker first")
        # The backup API writes into the live file (WAL included), page by page.
        source.backup(target)
    finally:
        target.close()
        source.close()
    print(f"Restored {source_path} (revision {revision}) into {database}")
    if revision != revisions[0]:
        print(f"The backup is at revision {revision}: run `creneau migrate` before serving.")
    return 0
