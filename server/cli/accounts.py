"""``user create``: an active staff, admin or reporting account, for the accounts nobody
can register themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kernel.settings import Settings


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


def user_create(settings: Settings, args: argparse.Namespace) -> int:
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
