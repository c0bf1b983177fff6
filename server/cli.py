"""The ``creneau`` command: serve, migrate, demo, generate, report, bill, export-schema."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from kernel.settings import Settings


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        reload=args.reload,
        log_level=settings.log_level,
        ws="websockets-sansio",
        # Subscription messages are small: per-connection zlib contexts would cost more
        # memory (and CPU per message) than they save.
        ws_per_message_deflate=False,
    )
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    upgrade(settings.database_url, args.revision)
    print(f"Database at revision {args.revision}: {settings.database_url}")
    return 0


async def _load_demo(settings: Settings) -> str:
    from models.engine import create_engine, create_session_factory
    from seed.demo_town import load_demo_town

    engine = create_engine(settings.database_url)
    try:
        summary = await load_demo_town(create_session_factory(engine))
    finally:
        await engine.dispose()
    return summary.describe()


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    summary = asyncio.run(_load_demo(settings))
    print(f"Demo town: {summary} ({time.perf_counter() - started:.1f} s)")
    return 0


async def _generate_town(settings: Settings, children: int, seed: int, slug: str | None) -> str:
    from models.engine import create_engine
    from seed.synthetic import generate_town

    engine = create_engine(settings.database_url)
    try:
        summary = await generate_town(engine, children=children, seed=seed, slug=slug)
    finally:
        await engine.dispose()
    return str(summary)


def _generate(settings: Settings, args: argparse.Namespace) -> int:
    print(asyncio.run(_generate_town(settings, args.children, args.seed, args.slug)))
    return 0


async def _create_user(settings: Settings, args: argparse.Namespace, password: str) -> str:
    from sqlalchemy import select

    from domain.accounts import create_active_account
    from models import Tenant
    from models.account import Role
    from models.base import utcnow
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == args.tenant))
            if tenant_id is None:
                raise SystemExit(f"Unknown tenant {args.tenant!r}")
            account = await create_active_account(
                session,
                tenant_id=tenant_id,
                email=args.email,
                password=password,
                role=Role(args.role.upper()),
                first_name=args.first_name,
                last_name=args.last_name,
                now=utcnow(),
            )
            return f"Created {account.role.value} account {account.email} (id {account.id})"
    finally:
        await engine.dispose()


def _user_create(settings: Settings, args: argparse.Namespace) -> int:
    import getpass
    import os

    from kernel.results import DomainFailure

    password = os.environ.get("CRENEAU_USER_PASSWORD") or getpass.getpass("Password: ")
    try:
        print(asyncio.run(_create_user(settings, args, password)))
    except DomainFailure as failure:
        for problem in failure.problems:
            print(f"error: {'.'.join(problem.field) or '-'}: {problem.message}", file=sys.stderr)
        return 1
    return 0


async def _run_worker(settings: Settings) -> None:
    import signal

    from models.engine import create_engine, create_session_factory
    from server.mail_delivery import MailSettings, build_backend, run_mail_sender

    engine = create_engine(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    mail_settings = MailSettings.from_env()
    try:
        await run_mail_sender(
            create_session_factory(engine), build_backend(mail_settings), mail_settings, stop
        )
    finally:
        await engine.dispose()


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    asyncio.run(_run_worker(settings))
    return 0


async def _run_report(settings: Settings, args: argparse.Namespace) -> tuple[str, int, int]:
    from sqlalchemy import select
    from starlette.datastructures import QueryParams

    from domain.reporting.export import to_csv
    from models import Tenant
    from models.engine import create_engine, create_session_factory
    from resolvers.reporting import report_on_session
    from server.report_csv import parse

    params = QueryParams(
        [("groupBy", v) for v in args.group_by or []]
        + [("from", args.date_from or ""), ("to", args.date_to or "")]
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
                raise SystemExit(f"Unknown tenant {args.tenant!r}")
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


def _report(settings: Settings, args: argparse.Namespace) -> int:
    from domain.reporting import ReportingError

    try:
        text, suppressed, minimum = asyncio.run(_run_report(settings, args))
    except ReportingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text.removeprefix("\ufeff"))
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(f"Report written to {args.output}", file=sys.stderr)
    print(f"{suppressed} group(s) suppressed (fewer than {minimum} people)", file=sys.stderr)
    return 0


async def _run_bill(settings: Settings, args: argparse.Namespace) -> list[str]:
    import datetime as dt

    from domain.billing.command import bill_tenants, parse_month
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        done = await bill_tenants(
            create_session_factory(engine),
            month=parse_month(args.month),
            slug=args.tenant,
            preview=args.preview,
            today=dt.date.fromisoformat(args.today) if args.today else None,
            portal_url=settings.portal_links_base,
        )
    finally:
        await engine.dispose()
    return [d.describe() for d in done]


def _bill(settings: Settings, args: argparse.Namespace) -> int:
    for line in asyncio.run(_run_bill(settings, args)):
        print(line)
    return 0


def _run_payment_command(settings: Settings, args: argparse.Namespace) -> int:
    # creneau direct-debit / creneau treasury: the summary on stderr, the file (pain.008
    # XML, treasury CSV) to --output or stdout.
    import datetime as dt

    from domain.billing.payment_commands import direct_debit_command, treasury_command
    from kernel.results import DomainFailure
    from models.engine import create_engine, create_session_factory

    async def run() -> tuple[str, str]:
        engine = create_engine(settings.database_url)
        try:
            sessions = create_session_factory(engine)
            if args.command == "direct-debit":
                result = await direct_debit_command(
                    sessions,
                    slug=args.tenant,
                    collection_date=dt.date.fromisoformat(args.due_on),
                    execute=args.execute,
                )
            else:
                as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
                result = await treasury_command(sessions, slug=args.tenant, as_of=as_of)
        finally:
            await engine.dispose()
        return result.summary, result.content

    try:
        summary, content = asyncio.run(run())
    except (DomainFailure, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(summary, file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(content)
    else:
        Path(args.output).write_text(content, encoding="utf-8")
        print(f"File written to {args.output}", file=sys.stderr)
    return 0


async def _run_prune_events(settings: Settings, days: int) -> int:
    import datetime as dt

    from models.base import utcnow
    from models.engine import create_engine, create_session_factory
    from subscriptions.log import prune_events

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            return await prune_events(session, before=utcnow() - dt.timedelta(days=days))
    finally:
        await engine.dispose()


def _prune_events(settings: Settings, args: argparse.Namespace) -> int:
    if args.older_than < 1:
        print("--older-than must be at least 1 day", file=sys.stderr)
        return 2
    deleted = asyncio.run(_run_prune_events(settings, args.older_than))
    print(f"Events older than {args.older_than} days deleted: {deleted}")
    return 0


def _export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from schema import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl, encoding="utf-8")
        print(f"Schema written to {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; configuration comes from CRENEAU_* variables."""
    parser = argparse.ArgumentParser(prog="creneau", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", help="interface (default CRENEAU_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default CRENEAU_PORT or 8000)")
    serve.add_argument("--reload", action="store_true", help="restart on code changes")
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="create or upgrade the database schema")
    migrate.add_argument("--revision", default="head", help="target revision (default head)")
    migrate.set_defaults(handler=_migrate)

    demo = commands.add_parser("demo", help="load the Saint-Ismier demo town (idempotent)")
    demo.set_defaults(handler=_demo)

    generate = commands.add_parser("generate", help="generate a synthetic town")
    generate.add_argument("--children", type=int, required=True, help="number of children")
    generate.add_argument("--seed", type=int, default=1, help="random seed (deterministic)")
    generate.add_argument("--slug", help="tenant slug (default synthetic-N-S)")
    generate.set_defaults(handler=_generate)

    worker = commands.add_parser(
        "worker", help="deliver the mail outbox (with CRENEAU_MAIL_SENDER=off on servers)"
    )
    worker.set_defaults(handler=_worker)

    user = commands.add_parser("user", help="manage accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    create = user_commands.add_parser(
        "create",
        help="create an active staff, admin or reporting account "
        "(password from CRENEAU_USER_PASSWORD or prompted)",
    )
    create.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    create.add_argument(
        "--role", required=True, choices=["staff", "admin", "reporting"], help="role"
    )
    create.add_argument("--email", required=True, help="login email")
    create.add_argument("--first-name", required=True, help="first name")
    create.add_argument("--last-name", required=True, help="last name")
    create.set_defaults(handler=_user_create)

    report = commands.add_parser(
        "report", help="export a report as CSV (UTF-8 BOM, ';', decimal commas)"
    )
    report.add_argument(
        "name",
        choices=["occupancy", "attendance", "requests", "billing", "payments", "children", "caf"],
        help="report",
    )
    report.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    report.add_argument(
        "--group-by", action="append", help="MONTH,ACTIVITY… (ReportDimension values)"
    )
    report.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="date_to", help="last day (YYYY-MM-DD)")
    report.add_argument("--establishment", action="append", help="establishment global ID")
    report.add_argument("--activity", action="append", help="activity global ID")
    report.add_argument("--grade", action="append", help="grade (CP, CE1…)")
    report.add_argument("--year", type=int, help="calendar year (caf report)")
    report.add_argument("--output", default="-", help="file to write (default stdout, no BOM)")
    report.set_defaults(handler=_report)

    bill = commands.add_parser(
        "bill", help="monthly billing run: one invoice per family (idempotent per month)"
    )
    bill.add_argument("--month", required=True, help="month to bill, YYYY-MM")
    bill.add_argument("--tenant", help="tenant slug (default: every tenant)")
    bill.add_argument("--preview", action="store_true", help="compute only, write nothing")
    bill.add_argument("--today", help="issue date YYYY-MM-DD (default: the tenant's today)")
    bill.set_defaults(handler=_bill)

    debit = commands.add_parser(
        "direct-debit",
        help="SEPA direct-debit file (pain.008) of a collection date, with pre-notification "
        "mails (idempotent per date)",
    )
    debit.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    debit.add_argument("--due-on", required=True, help="collection date YYYY-MM-DD")
    debit.add_argument(
        "--execute", action="store_true", help="the bank executed it: record the payments"
    )
    debit.add_argument("--output", default="-", help="XML file to write (default stdout)")
    debit.set_defaults(handler=_run_payment_command)

    treasury = commands.add_parser(
        "treasury",
        help="transmit invoices unpaid after their due date to the treasury, with a CSV "
        "export (idempotent)",
    )
    treasury.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    treasury.add_argument("--as-of", help="invoices due before this date (default today)")
    treasury.add_argument("--output", default="-", help="CSV file to write (default stdout)")
    treasury.set_defaults(handler=_run_payment_command)

    prune = commands.add_parser(
        "prune-events", help="delete old events of the live-updates log (retention)"
    )
    prune.add_argument(
        "--older-than", type=int, required=True, metavar="DAYS", help="age in days (≥ 1)"
    )
    prune.set_defaults(handler=_prune_events)

    export = commands.add_parser("export-schema", help="print or write the GraphQL SDL")
    export.add_argument("--output", default="-", help="file to write (default stdout)")
    export.set_defaults(handler=_export_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``creneau`` console script."""
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s %(message)s"
    )
    return int(args.handler(settings, args))


if __name__ == "__main__":
    sys.exit(main())
