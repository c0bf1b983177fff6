"""Commands that shape the database: ``migrate``, ``demo`` (the Saint-Ismier town),
``generate`` (a synthetic town) and ``prune-events`` (the live-updates log's retention).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from kernel.settings import Settings


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


async def _generate_town(settings: Settings, children: int, seed: int, slug: str | None) -> str:
    from models.engine import create_engine
    from seed.synthetic import generate_town

    engine = create_engine(settings.database_url)
    try:
        summary = await generate_town(engine, children=children, seed=seed, slug=slug)
    finally:
        await engine.dispose()
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
        print(asyncio.run(_generate_town(settings, args.children, args.seed, args.slug)))
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
