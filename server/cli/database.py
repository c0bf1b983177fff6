"""Commands that shape the database: ``migrate``, ``demo`` (the Saint-Ismier town),
``generate`` (a synthetic town) and ``prune-events`` (the live-updates log's retention).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from collections.abc import Callable

from kernel.settings import Settings
from server.cli.progress import Progress

# SQLSTATE classes of a server that cannot be used at all: connection exception (08),
# invalid authorization (28: unknown role, wrong password), unknown database (3D), and
# « the database system is starting up / shutting down » (57P03).
_UNREACHABLE_SQLSTATES = ("08", "28", "3D", "57P03")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


def database_problem(exc: BaseException) -> str | None:
    """The one line ``creneau`` prints for a database it cannot use (None for another
    error): unreachable (refused, unknown host, unknown role or database, a SQLite file
    that cannot be opened…) or not migrated."""
    from sqlalchemy import exc as sa_exc

    from server.http_errors import DATABASE_UNAVAILABLE_ERRORS

    if isinstance(exc, sa_exc.DBAPIError):
        orig = exc.orig if exc.orig is not None else exc
        sqlstate = str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")
        message = _first_line(orig)
        if sqlstate == "42P01" or "no such table" in message:
            return f"database not migrated ({message}): run `creneau migrate`"
        if sqlstate.startswith(_UNREACHABLE_SQLSTATES) or isinstance(
            exc, DATABASE_UNAVAILABLE_ERRORS
        ):
            return f"database unreachable: {message}"
        return None
    if isinstance(exc, DATABASE_UNAVAILABLE_ERRORS):
        return f"database unreachable: {type(exc).__name__}: {_first_line(exc)}"
    return None


def _quiet_aiosqlite_worker(
    hook: Callable[[threading.ExceptHookArgs], object],
) -> Callable[[threading.ExceptHookArgs], object]:
    """``threading.excepthook`` without the traceback aiosqlite's worker thread prints when a
    connection that failed to open is finalized after the command's event loop closed (its
    « Event loop is closed »: the error itself was already reported in one line)."""

    def excepthook(args: threading.ExceptHookArgs) -> object:
        thread = args.thread.name if args.thread is not None else ""
        if (
            args.exc_type is RuntimeError
            and "Event loop is closed" in str(args.exc_value)
            and "_connection_worker_thread" in thread
        ):
            return None
        return hook(args)

    return excepthook


def run_command(
    handler: Callable[[Settings, argparse.Namespace], int],
    settings: Settings,
    args: argparse.Namespace,
) -> int:
    """Run a command; a database it cannot use is one line on stderr and exit status 1,
    not a traceback."""
    threading.excepthook = _quiet_aiosqlite_worker(threading.excepthook)
    try:
        return int(handler(settings, args))
    except Exception as exc:
        problem = database_problem(exc)
        if problem is None:
            raise
        print(f"creneau: error: {problem}", file=sys.stderr)
        return 1


def migrate(settings: Settings, args: argparse.Namespace) -> int:
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


def demo(settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    summary = asyncio.run(_load_demo(settings))
    print(f"Demo town: {summary} ({time.perf_counter() - started:.1f} s)")
    return 0


async def _generate_town(
    settings: Settings, children: int, seed: int, slug: str | None, report: Progress
) -> str:
    from models.engine import create_engine
    from seed.synthetic import generate_town
    from seed.synthetic.writer import progress

    engine = create_engine(settings.database_url)
    report(f"generate: building a town of {children} children (seed {seed}) in memory")
    if report.enabled:
        progress.set(report)  # this task's context only: the writer reports each table
    try:
        summary = await generate_town(engine, children=children, seed=seed, slug=slug)
    finally:
        await engine.dispose()
    report(f"generate: done, {summary.total_rows} rows in {len(summary.rows)} tables")
    largest = sorted(summary.rows.items(), key=lambda item: (-item[1], item[0]))[:5]
    return (
        f"Synthetic town {summary.slug} (tenant id {summary.tenant_id}): "
        f"{summary.children} children, seed {summary.seed}; "
        f"{summary.total_rows} rows written in {summary.elapsed_seconds:.1f} s "
        f"({summary.rows_per_second:.0f} rows/s)\n"
        + "".join(f"  {table}: {count}\n" for table, count in largest)
    ).rstrip("\n")


def generate(settings: Settings, args: argparse.Namespace) -> int:
    from seed.synthetic import TownAlreadyExistsError

    try:
        report = Progress.of(args)
        print(asyncio.run(_generate_town(settings, args.children, args.seed, args.slug, report)))
    except (TownAlreadyExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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


def prune_events(settings: Settings, args: argparse.Namespace) -> int:
    if args.older_than < 1:
        print("--older-than must be at least 1 day", file=sys.stderr)
        return 2
    deleted = asyncio.run(_run_prune_events(settings, args.older_than))
    print(f"Events older than {args.older_than} days deleted: {deleted}")
    return 0
