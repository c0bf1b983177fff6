"""``creneau tenant …``: create and list collectivities from the command line.

``tenant create`` makes a collectivity from nothing: the tenant and its first
administrator, whose account waits for them to accept the invitation mailed to them (the
mail worker sends it). Refusals (a slug taken or malformed, an unknown time zone, a school
zone other than A, B or C…) are one line on stderr and exit status 2, nothing written.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kernel.settings import Settings

USAGE_ERROR = 2


def _upper(value: str) -> str:
    return value.strip().upper()


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``tenant`` commands to the ``creneau`` parser."""
    tenant = commands.add_parser("tenant", help="create and list collectivities")
    tenant_commands = tenant.add_subparsers(dest="tenant_command", required=True)

    create = tenant_commands.add_parser(
        "create",
        help="create a collectivity and invite its first administrator by mail",
    )
    create.add_argument("--slug", required=True, help="URL path segment, e.g. saint-ismier")
    create.add_argument("--name", required=True, help="« Mairie de Saint-Ismier »")
    create.add_argument(
        "--service-name", required=True, help="service signing the mails (« Le service enfance »)"
    )
    create.add_argument(
        "--timezone", default="Europe/Paris", help="IANA time zone (default Europe/Paris)"
    )
    create.add_argument(
        "--school-zone",
        required=True,
        type=_upper,
        choices=["A", "B", "C"],
        help="French school-holiday zone",
    )
    create.add_argument("--mail-from", required=True, help="sender address of the mails")
    create.add_argument("--admin-email", required=True, help="the first administrator's email")
    create.add_argument("--admin-first-name", required=True, help="their first name")
    create.add_argument("--admin-last-name", required=True, help="their last name")
    create.add_argument(
        "--admin-civility",
        type=_upper,
        choices=["MONSIEUR", "MADAME"],
        help="their civility, for the mail's greeting",
    )
    create.set_defaults(handler=tenant_create)

    listing = tenant_commands.add_parser("list", help="list the collectivities")
    listing.set_defaults(handler=tenant_list)


async def _create(settings: Settings, args: argparse.Namespace) -> str:
    from sqlalchemy.exc import IntegrityError

    from domain.tenants.creation import NewTenant, create_tenant
    from kernel.results import DomainFailure, Problem
    from models.account import Civility
    from models.base import utcnow
    from models.engine import create_engine, create_session_factory

    new = NewTenant(
        slug=args.slug,
        name=args.name,
        service_name=args.service_name,
        timezone=args.timezone,
        school_zone=args.school_zone,
        mail_from=args.mail_from,
        admin_email=args.admin_email,
        admin_first_name=args.admin_first_name,
        admin_last_name=args.admin_last_name,
        admin_civility=Civility(args.admin_civility) if args.admin_civility else None,
    )
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            created = await create_tenant(
                session,
                new,
                portal_base=settings.portal_links_base(new.slug.strip()),
                now=utcnow(),
            )
            tenant, admin = created.tenant, created.admin
            return (
                f"Created collectivity {tenant.slug} (tenant id {tenant.id}, « {tenant.name} », "
                f"zone {tenant.school_zone.value}, {tenant.timezone}); administrator "
                f"{admin.email} invited (account {admin.id}, pending until they accept the "
                "mailed invitation)"
            )
    except IntegrityError as exc:  # another creation took the slug meanwhile
        raise DomainFailure(
            [Problem("SLUG_TAKEN", f"a collectivity with slug {new.slug!r} already exists")]
        ) from exc
    finally:
        await engine.dispose()


def tenant_create(settings: Settings, args: argparse.Namespace) -> int:
    """``creneau tenant create``: one summary line, or one error line and exit status 2."""
    from kernel.results import DomainFailure

    try:
        print(asyncio.run(_create(settings, args)))
    except DomainFailure as failure:
        reasons = "; ".join(
            f"{'.'.join(p.field)}: {p.message}"
            if p.field and p.field[0] not in p.message
            else p.message
            for p in failure.problems
        )
        print(f"creneau: error: {reasons}", file=sys.stderr)
        return USAGE_ERROR
    return 0


async def _list(settings: Settings) -> list[str]:
    from sqlalchemy import func, select

    from models import Account, Tenant
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            accounts = (
                select(Account.tenant_id, func.count(Account.id).label("accounts"))
                .group_by(Account.tenant_id)
                .subquery()
            )
            rows = await session.execute(
                select(Tenant, func.coalesce(accounts.c.accounts, 0))
                .outerjoin(accounts, accounts.c.tenant_id == Tenant.id)
                .order_by(Tenant.slug)
            )
            return [
                f"{tenant.slug}\t{tenant.name}\tzone {tenant.school_zone.value}\t"
                f"{tenant.timezone}\t{count} accounts"
                for tenant, count in rows
            ]
    finally:
        await engine.dispose()


def tenant_list(settings: Settings, args: argparse.Namespace) -> int:
    """``creneau tenant list``: one line per collectivity (slug, name, zone, time zone)."""
    lines = asyncio.run(_list(settings))
    for line in lines:
        print(line)
    if not lines:
        print("No collectivity yet: creneau tenant create --help", file=sys.stderr)
    return 0
