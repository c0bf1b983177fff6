"""Outbox commands: ``notifications failed`` / ``notifications retry`` (the given-up rows
of every channel: mail, SMS, Web Push, with each row's channel, recipient and last error);
``mail failed|retry`` is the same for mails only, worded as it was before SMS and push.

Exit status: 0 done; 1 refused (unknown tenant, a row that is not failed, an unknown id).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kernel.settings import Settings

_MAIL = "MAIL"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``notifications`` and ``mail`` to the ``creneau`` parser."""
    for name, noun, help_text in (
        (
            "notifications",
            "message",
            "the notification outbox (mail, SMS, push): failures, retries",
        ),
        ("mail", "mail", "the outbox's mails only (as `notifications --channel MAIL`)"),
    ):
        _register_outbox(commands, name, noun, help_text)


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
