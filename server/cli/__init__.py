"""The ``creneau`` command: serve, migrate, demo, generate, report, bill, export-schema."""

# This module only declares the arguments (its docstring is the --help description); the
# commands live in sibling modules grouped by purpose and import what they need lazily, so
# that ``creneau migrate`` loads neither uvicorn nor the GraphQL schema.

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from kernel.settings import Settings
from server.cli import (
    accounts,
    billing,
    calendar,
    database,
    oidc,
    operations,
    reminders,
    reports,
    serving,
    tenants,
)
from server.observability.logging import configure_logging

# The async drivers the engine is built for (models.engine); anything else fails later,
# deep in SQLAlchemy, with a traceback.
DATABASE_URL_FORMS = (
    "sqlite+aiosqlite:///path/to/creneau.sqlite3",
    "postgresql+asyncpg://user:password@host:5432/database",
)


def _date(value: str) -> dt.date:
    """An argparse type: « 2026-02-27 » → that date; a one-line usage error otherwise."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {value!r}: expected an existing day as YYYY-MM-DD (e.g. 2026-02-27)"
        ) from None


def _month(value: str) -> dt.date:
    """An argparse type: « 2026-01 » → 1 January 2026; a one-line usage error otherwise."""
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", value)
    if found is None or not 1 <= int(found[2]) <= 12:
        raise argparse.ArgumentTypeError(
            f"invalid month {value!r}: expected YYYY-MM with a month from 01 to 12 (e.g. 2026-01)"
        )
    return dt.date(int(found[1]), int(found[2]), 1)


def database_url_problem(url: str) -> str | None:
    """Why ``CRENEAU_DATABASE_URL`` cannot work (None when its driver is a supported one).

    Only the scheme is quoted: the rest of the URL may hold a password."""
    if url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        return None
    scheme = url.split("://", 1)[0] if "://" in url else url[:20]
    return (
        f"CRENEAU_DATABASE_URL: unsupported database URL (scheme {scheme!r}); expected "
        f"{DATABASE_URL_FORMS[0]} or {DATABASE_URL_FORMS[1]}"
    )


PROGRESS_HELP = "progress lines on stderr (default: only when stderr is a terminal)"


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; configuration comes from CRENEAU_* variables."""
    parser = argparse.ArgumentParser(prog="creneau", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", help="interface (default CRENEAU_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default CRENEAU_PORT or 8000)")
    serve.add_argument("--reload", action="store_true", help="restart on code changes")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes (default 1; more than one needs CRENEAU_BROKER_URL)",
    )
    serve.set_defaults(handler=serving.serve)

    migrate = commands.add_parser("migrate", help="create or upgrade the database schema")
    migrate.add_argument("--revision", default="head", help="target revision (default head)")
    migrate.set_defaults(handler=database.migrate)

    demo = commands.add_parser("demo", help="load the Saint-Ismier demo town (idempotent)")
    demo.set_defaults(handler=database.demo)

    generate = commands.add_parser("generate", help="generate a synthetic town")
    generate.add_argument("--children", type=int, required=True, help="number of children")
    generate.add_argument("--seed", type=int, default=1, help="random seed (deterministic)")
    generate.add_argument("--slug", help="tenant slug (default synthetic-N-S)")
    generate.add_argument("--progress", action="store_true", help=PROGRESS_HELP)
    generate.set_defaults(handler=database.generate)

    worker = commands.add_parser(
        "worker",
        help="deliver the notification outbox (mail, SMS, push) and run the reminders"
        " (with CRENEAU_MAIL_SENDER=off on servers)",
    )
    worker.set_defaults(handler=serving.worker)

    tenants.register(commands)
    oidc.register(commands)
    operations.register(commands)
    calendar.register(commands)
    reminders.register(commands)

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
    create.set_defaults(handler=accounts.user_create)

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
    report.add_argument("--from", dest="date_from", type=_date, help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="date_to", type=_date, help="last day (YYYY-MM-DD)")
    report.add_argument("--establishment", action="append", help="establishment global ID")
    report.add_argument("--activity", action="append", help="activity global ID")
    report.add_argument("--grade", action="append", help="grade (CP, CE1…)")
    report.add_argument("--year", type=int, help="calendar year (caf report)")
    report.add_argument("--output", default="-", help="file to write (default stdout, no BOM)")
    report.set_defaults(handler=reports.report)

    bill = commands.add_parser(
        "bill", help="monthly billing run: one invoice per family (idempotent per month)"
    )
    bill.add_argument("--month", required=True, type=_month, help="month to bill, YYYY-MM")
    bill.add_argument("--tenant", help="tenant slug (default: every tenant)")
    bill.add_argument("--preview", action="store_true", help="compute only, write nothing")
    bill.add_argument(
        "--today", type=_date, help="issue date YYYY-MM-DD (default: the tenant's today)"
    )
    bill.add_argument("--progress", action="store_true", help=PROGRESS_HELP)
    bill.set_defaults(handler=billing.bill)

    debit = commands.add_parser(
        "direct-debit",
        help="SEPA direct-debit file (pain.008) of a collection date, with pre-notification "
        "mails (idempotent per date)",
    )
    debit.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    debit.add_argument("--due-on", required=True, type=_date, help="collection date YYYY-MM-DD")
    debit.add_argument(
        "--execute", action="store_true", help="the bank executed it: record the payments"
    )
    debit.add_argument("--output", default="-", help="XML file to write (default stdout)")
    debit.set_defaults(handler=billing.payment_command)

    treasury = commands.add_parser(
        "treasury",
        help="transmit invoices unpaid after their due date to the treasury, with a CSV "
        "export (idempotent)",
    )
    treasury.add_argument("--tenant", required=True, help="tenant slug, e.g. saint-ismier")
    treasury.add_argument(
        "--as-of", type=_date, help="invoices due before this date (default today)"
    )
    treasury.add_argument("--output", default="-", help="CSV file to write (default stdout)")
    treasury.set_defaults(handler=billing.payment_command)

    prune = commands.add_parser(
        "prune-events", help="delete old events of the live-updates log (retention)"
    )
    prune.add_argument(
        "--older-than", type=int, required=True, metavar="DAYS", help="age in days (≥ 1)"
    )
    prune.set_defaults(handler=database.prune_events)

    export = commands.add_parser("export-schema", help="print or write the GraphQL SDL")
    export.add_argument("--output", default="-", help="file to write (default stdout)")
    export.set_defaults(handler=serving.export_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``creneau`` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:  # a malformed CRENEAU_* variable
        print(f"creneau: error: {exc}", file=sys.stderr)
        return 2
    problem = database_url_problem(settings.database_url)
    if problem is not None and args.command != "export-schema":
        print(f"creneau: error: {problem}", file=sys.stderr)
        return 2
    configure_logging(settings)  # CRENEAU_LOG_FORMAT: text, or one JSON object per line
    return database.run_command(args.handler, settings, args)
