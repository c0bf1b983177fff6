"""``creneau calendar …``: import a school year's official calendar for a collectivity.

``creneau calendar import --tenant SLUG --school-year LABEL`` writes the official periods
(school holidays of the tenant's zone, public holidays) as ``calendarImport`` does, with
no account as the author of the audit entry. One line on stdout when done; one line on
stderr and exit status 1 when refused (unknown tenant or year, data not available).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kernel.settings import Settings


class _Refused(Exception):
    """The command cannot run as asked (one line for the operator)."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` commands to the ``creneau`` parser."""
    calendar = commands.add_parser("calendar", help="the school calendar of a collectivity")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", required=True)
    imports = calendar_commands.add_parser(
        "import",
        help="import the official calendar (school holidays of the zone, public holidays) of "
        "a school year; idempotent, never touches the town's own periods",
    )
    imports.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    imports.add_argument("--school-year", required=True, help="school year label, e.g. 2026-2027")
    imports.set_defaults(handler=calendar_import)


async def _import(settings: Settings, slug: str, label: str) -> str:
    from sqlalchemy import select

    from domain.calendar.periods import import_official_calendar
    from models import SchoolYear, Tenant
    from models.base import utcnow
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
            if tenant is None:
                raise _Refused(f"unknown tenant {slug!r}")
            year_id = await session.scalar(
                select(SchoolYear.id).where(
                    SchoolYear.tenant_id == tenant.id, SchoolYear.label == label
                )
            )
            if year_id is None:
                raise _Refused(f"{slug}: unknown school year {label!r}")
            report = await import_official_calendar(
                session,
                tenant_id=tenant.id,
                school_year_id=year_id,
                actor_account_id=None,
                now=utcnow(),
            )
            effects = report.effects
            return (
                f"{slug} {label} (zone {tenant.school_zone.value}): {report.created} official "
                f"periods created, {report.removed} removed, {report.unchanged} unchanged; "
                f"{effects.bookings_cancelled} bookings cancelled, "
                f"{effects.families_notified} families notified"
            )
    finally:
        await engine.dispose()


def calendar_import(settings: Settings, args: argparse.Namespace) -> int:
    from kernel.results import DomainFailure

    try:
        print(asyncio.run(_import(settings, args.tenant, args.school_year)))
    except _Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    except DomainFailure as failure:
        message = " ".join(problem.message for problem in failure.problems)
        print(f"error: {args.tenant} {args.school_year}: {message}", file=sys.stderr)
        return 1
    return 0
