"""The billing commands run by the town's finance office: ``bill`` (the monthly run),
``direct-debit`` (the SEPA file) and ``treasury`` (unpaid invoices to the treasury).

``bill`` shows its progress on stderr (on a terminal, or with ``--progress``): a line when
a tenant starts, one per phase of its run as the database sees it (invoices, lines, mails
written, with their counts) and one when it ends.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from kernel.settings import Settings
from server.cli.progress import Progress

# What the billing run's bulk statements mean to the operator (statement prefix → phase;
# {n}: the rows of an executemany).
_BILLING_WRITES = (
    ("INSERT INTO invoice_line ", "writing {n} invoice lines"),
    ("INSERT INTO invoice ", "writing {n} invoices"),
    ("UPDATE booking SET invoice_line_id", "linking {n} bookings to their invoice lines"),
    ("INSERT INTO outbox_message ", "queuing {n} invoice mails"),
)


class _BillingProgress:
    """Reports ``bill_tenants`` as it goes: it opens one session to list the tenants, then
    one per tenant (in slug order, like the list read here), and writes each tenant's
    invoices, lines and mails in bulk statements, observed on the engine."""

    def __init__(self, report: Progress, month: str, slugs: list[str]) -> None:
        self.report = report
        self.month = month
        self.slugs = slugs
        self.opened = 0
        self.current: str | None = None
        self.started = 0.0

    def session_opened(self) -> None:
        self.opened += 1
        if self.opened == 1:
            count = len(self.slugs)
            self.report(f"bill {self.month}: {count} tenant{'s' if count != 1 else ''}")
            return
        self.finish()
        number = self.opened - 1
        slug = self.slugs[number - 1] if number <= len(self.slugs) else f"tenant {number}"
        self.current, self.started = slug, time.perf_counter()
        self.report(f"{slug} ({number}/{len(self.slugs)}): reading and pricing the month")

    def statement(self, statement: str, parameters: Any, executemany: bool) -> None:
        for prefix, phase in _BILLING_WRITES:
            if statement.startswith(prefix):
                # One statement for every row (PostgreSQL's unnest): no count to show.
                count = str(len(parameters)) if executemany else "the"
                self.report(f"{self.current}: {phase.format(n=count)}")
                return

    def finish(self) -> None:
        if self.current is not None:
            elapsed = time.perf_counter() - self.started
            self.report(f"{self.current}: finished in {elapsed:.1f} s")
            self.current = None


class _ReportingSessions(async_sessionmaker[AsyncSession]):
    """Sessions that tell ``_BillingProgress`` each time one is opened."""

    progress: _BillingProgress

    def __call__(self, **local_kw: Any) -> AsyncSession:
        self.progress.session_opened()
        return super().__call__(**local_kw)


async def _tenant_slugs(engine: AsyncEngine, slug: str | None) -> list[str]:
    """The tenants ``bill_tenants`` will bill, in its order."""
    from sqlalchemy import select

    from models import Tenant

    stmt = select(Tenant.slug).order_by(Tenant.slug)
    if slug is not None:
        stmt = stmt.where(Tenant.slug == slug)
    async with engine.connect() as conn:
        return list((await conn.execute(stmt)).scalars())


async def _progress_sessions(
    engine: AsyncEngine, args: argparse.Namespace, report: Progress
) -> async_sessionmaker[AsyncSession]:
    from sqlalchemy import event

    from models.engine import create_session_factory

    progress = _BillingProgress(
        report, f"{args.month:%Y-%m}", await _tenant_slugs(engine, args.tenant)
    )

    def before_cursor_execute(*event_args: Any) -> None:
        _conn, _cursor, statement, parameters, _context, executemany = event_args
        progress.statement(statement, parameters, executemany)

    event.listen(engine.sync_engine, "before_cursor_execute", before_cursor_execute)
    usual = create_session_factory(engine)  # the same configuration, reported
    sessions = _ReportingSessions(class_=usual.class_, **usual.kw)
    sessions.progress = progress
    return sessions


async def _run_bill(
    settings: Settings, args: argparse.Namespace, report: Progress
) -> list[tuple[str, bool]]:
    from domain.billing.command import bill_tenants
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        sessions = (
            await _progress_sessions(engine, args, report)
            if report.enabled
            else create_session_factory(engine)
        )
        done = await bill_tenants(
            sessions,
            month=args.month,
            slug=args.tenant,
            preview=args.preview,
            today=args.today,
            portal_url=settings.portal_links_base,
        )
        if isinstance(sessions, _ReportingSessions):
            sessions.progress.finish()
    finally:
        await engine.dispose()
    return [(d.describe(), d.error is None) for d in done]


def bill(settings: Settings, args: argparse.Namespace) -> int:
    # One line per tenant: billed ones on stdout, refused ones (unknown tenant, month not
    # over…) on stderr; the exit status is 1 when any tenant was not billed (cron alerts).
    failed = False
    for line, billed in asyncio.run(_run_bill(settings, args, Progress.of(args))):
        print(line if billed else f"error: {line}", file=sys.stdout if billed else sys.stderr)
        failed = failed or not billed
    return 1 if failed else 0


def payment_command(settings: Settings, args: argparse.Namespace) -> int:
    # creneau direct-debit / creneau treasury: the summary on stderr, the file (pain.008
    # XML, treasury CSV) to --output or stdout.
    from domain.payments.commands import direct_debit_command, treasury_command
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
                    collection_date=args.due_on,
                    execute=args.execute,
                )
            else:
                result = await treasury_command(sessions, slug=args.tenant, as_of=args.as_of)
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
