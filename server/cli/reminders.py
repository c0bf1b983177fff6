"""``creneau reminders run``: one round of the reminder rules, for operations and tests.

``creneau reminders run [--tenant SLUG] [--now 2026-12-02T10:00+01:00]`` runs what the worker
runs every quarter of an hour (``server.reminders_loop``), at the real time or the instant
given; it prints one line per tenant: the reminders found, sent, and already sent before
(a second run sends nothing again). Exit status 0; 1 when the tenant is unknown or a
tenant's round failed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys

from kernel.settings import Settings


def _instant(value: str) -> dt.datetime:
    """An argparse type: an ISO 8601 instant with its offset (« 2026-12-02T10:00+01:00 »,
    « 2026-12-02T09:00Z »); a one-line usage error otherwise."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"invalid instant {value!r}: expected ISO 8601 with an offset "
            "(e.g. 2026-12-02T10:00+01:00 or 2026-12-02T09:00Z)"
        )
    return moment.astimezone(dt.UTC)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reminders run`` to the ``creneau`` parser."""
    reminders = commands.add_parser(
        "reminders", help="reminders computed from the rules (the worker runs them)"
    )
    reminders_commands = reminders.add_subparsers(dest="reminders_command", required=True)
    run = reminders_commands.add_parser(
        "run",
        help="run the reminder rules once (idempotent: what was sent is not sent again)",
    )
    run.add_argument("--tenant", help="tenant slug (default: every tenant)")
    run.add_argument(
        "--now", type=_instant, help="the instant to run at, ISO 8601 with offset (default: now)"
    )
    run.set_defaults(handler=reminders_run)


async def _run(settings: Settings, slug: str | None, now: dt.datetime) -> int:
    from domain.reminders.runner import RULES
    from models.engine import create_engine, create_session_factory
    from server.reminders_loop import run_round

    engine = create_engine(settings.database_url)
    try:
        result = await run_round(create_session_factory(engine), now, tenant_slug=slug)
    finally:
        await engine.dispose()
    if slug is not None and not result.reports and not result.failed:
        print(f"creneau: error: unknown tenant {slug!r}", file=sys.stderr)
        return 1
    for name, report in result.reports.items():
        if report.quiet:
            print(f"{name}: quiet hours, nothing computed")
            continue
        parts = [
            f"{topic.removeprefix('reminder_')} {report.found[topic]} found, "
            f"{report.sent[topic]} sent, {report.already_sent[topic]} already sent"
            for topic in (rule.topic for rule in RULES)
        ]
        print(f"{name}: " + "; ".join(parts))
    for name, reason in result.failed.items():
        print(f"creneau: error: {name}: {reason}", file=sys.stderr)
    return 1 if result.failed else 0


def reminders_run(settings: Settings, args: argparse.Namespace) -> int:
    from models.base import utcnow

    return asyncio.run(_run(settings, args.tenant, args.now or utcnow()))
