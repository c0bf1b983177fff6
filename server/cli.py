"""The ``creneau`` command: serve, migrate, demo, generate, export-schema."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from server.settings import Settings


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
    )
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    upgrade(settings.database_url, args.revision)
    print(f"Database at revision {args.revision}: {settings.database_url}")
    return 0


async def _load_demo(settings: Settings) -> str:
    from models.engine import create_engine, create_session_factory
    from server.demo_town import load_demo_town

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
    from bench.generate_town import generate_town
    from models.engine import create_engine

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

    from domain.results import DomainFailure

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


def _export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from schema import schema

    sdl = schema.as_str() + "\n"
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
