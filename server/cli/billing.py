"""The billing commands run by the town's finance office: ``bill`` (the monthly run),
``direct-debit`` (the SEPA file) and ``treasury`` (unpaid invoices to the treasury).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from kernel.settings import Settings


async def _run_bill(settings: Settings, args: argparse.Namespace) -> list[tuple[str, bool]]:
    from domain.billing.command import bill_tenants
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        done = await bill_tenants(
            create_session_factory(engine),
            month=args.month,
            slug=args.tenant,
            preview=args.preview,
            today=args.today,
            portal_url=settings.portal_links_base,
        )
    finally:
        await engine.dispose()
    return [(d.describe(), d.error is None) for d in done]


def bill(settings: Settings, args: argparse.Namespace) -> int:
    # One line per tenant: billed ones on stdout, refused ones (unknown tenant, month not
    # over…) on stderr; the exit status is 1 when any tenant was not billed (cron alerts).
    failed = False
    for line, billed in asyncio.run(_run_bill(settings, args)):
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
