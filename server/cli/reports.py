"""``report``: a report exported as CSV, the same files staff download from the portal."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from kernel.settings import Settings


async def _run_report(settings: Settings, args: argparse.Namespace) -> tuple[str, int, int]:
    from sqlalchemy import select
    from starlette.datastructures import QueryParams

    from domain.reporting.export import to_csv
    from models import Tenant
    from models.engine import create_engine, create_session_factory
    from resolvers.reporting import report_on_session
    from server.report_csv import parse

    date_from = args.date_from.isoformat() if args.date_from else ""
    date_to = args.date_to.isoformat() if args.date_to else ""
    params = QueryParams(
        [("groupBy", v) for v in args.group_by or []]
        + [("from", date_from), ("to", date_to)]
        + [("establishmentId", v) for v in args.establishment or []]
        + [("activityId", v) for v in args.activity or []]
        + [("grade", v) for v in args.grade or []]
        + ([("year", str(args.year))] if args.year else [])
    )
    group_by, where, year = parse(params)
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            tenant = (
                await session.execute(
                    select(Tenant.id, Tenant.timezone).where(Tenant.slug == args.tenant)
                )
            ).first()
            if tenant is None:
                raise UnknownTenant(args.tenant)
            result = await report_on_session(
                session,
                args.name,
                tenant_id=tenant.id,
                timezone=tenant.timezone,
                default_min_group_size=settings.report_min_group_size,
                group_by=group_by,
                where=where,
                year=year,
            )
    finally:
        await engine.dispose()
    return to_csv(result), result.suppressed_groups, result.min_group_size


class UnknownTenant(Exception):
    """No tenant has this slug."""


def report(settings: Settings, args: argparse.Namespace) -> int:
    from domain.reporting import ReportingError

    # --from and --to are dates already (argparse); their order is checked here.
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(
            f"creneau report: error: --from {args.date_from} is after --to {args.date_to}",
            file=sys.stderr,
        )
        return 2
    try:
        text, suppressed, minimum = asyncio.run(_run_report(settings, args))
    except ReportingError as exc:
        print(f"creneau report: error: {exc}", file=sys.stderr)
        return 2
    except UnknownTenant as exc:
        print(f"creneau report: error: unknown tenant {str(exc)!r}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text.removeprefix("\ufeff"))
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(f"Report written to {args.output}", file=sys.stderr)
    print(f"{suppressed} group(s) suppressed (fewer than {minimum} people)", file=sys.stderr)
    return 0
