"""Commands that run the API: ``serve`` (uvicorn), ``worker`` (the mail outbox) and
``export-schema`` (the SDL clients build against).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kernel.settings import Settings
from kernel.settings_check import refuse_unsafe_production

if TYPE_CHECKING:
    from starlette.applications import Starlette


def workers_problem(settings: Settings, workers: int) -> str | None:
    """Why ``--workers`` cannot be used as given (None when it can).

    Live updates need a broker across processes: without one, a subscriber only hears of
    the commits of its own worker process (the others' reach it by polling, late)."""
    if workers < 1:
        return "--workers must be at least 1"
    if workers > 1 and not settings.broker_url:
        return (
            f"--workers {workers} needs CRENEAU_BROKER_URL (redis://… or postgresql://…): "
            "without a broker, subscriptions miss the other processes' changes"
        )
    return None


def served_app() -> Starlette:
    """The app as ``creneau serve`` runs it, in each server process: uvicorn starts its
    workers (and ``--reload``'s) as new processes, which set up logging again."""
    from server.app import create_app
    from server.observability.logging import configure_logging

    settings = Settings.from_env()
    configure_logging(settings)
    app = create_app(settings)
    # The schema, the mappers and the imported modules live as long as the process: out of
    # the collector's generations, a full collection no longer walks them (issue 14).
    gc.collect()
    gc.freeze()
    return app


def serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    try:
        refuse_unsafe_production(settings, os.environ)
    except ValueError as exc:  # every unsafe production setting, on one line
        print(f"creneau: error: {exc}", file=sys.stderr)
        return 2
    workers = getattr(args, "workers", 1)
    problem = workers_problem(settings, workers)
    if problem is not None:
        print(f"creneau: error: {problem}", file=sys.stderr)
        return 2
    if workers > 1 and args.reload:
        print("creneau: error: --reload runs one process: drop --workers", file=sys.stderr)
        return 2
    if workers > 1 and settings.mail_sender_in_process:
        print(
            "creneau: note: every worker process also delivers the mail outbox; with many, "
            "prefer CRENEAU_MAIL_SENDER=off and one `creneau worker`",
            file=sys.stderr,
        )
    # The app reads its settings from the environment (in every server process): let it
    # see the interface and port served, which CRENEAU_PORTAL_URL's default follows.
    if args.host:
        os.environ["CRENEAU_HOST"] = args.host
    if args.port:
        os.environ["CRENEAU_PORT"] = str(args.port)
    uvicorn.run(
        "server.cli.serving:served_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        reload=args.reload,
        log_level=settings.log_level,
        # uvloop's event loop and httptools' HTTP parser when installed (pinned in
        # pyproject.toml), else asyncio's and h11.
        loop="auto",
        http="auto",
        ws="websockets-sansio",
        # Subscription messages are small: per-connection zlib contexts would cost more
        # memory (and CPU per message) than they save.
        ws_per_message_deflate=False,
        # X-Forwarded-For is read by the app, from CRENEAU_TRUSTED_PROXIES only (uvicorn's
        # would believe any loopback peer): see server/http_requests.py ForwardedClient.
        proxy_headers=False,
        workers=workers,
        # Our log set-up (CRENEAU_LOG_FORMAT, server/observability/logging.py) is kept:
        # uvicorn's loggers propagate to it, and each request already has its own line.
        log_config=None,
        access_log=False,
    )
    return 0


async def _run_worker(settings: Settings) -> None:
    import signal

    from models.engine import create_engine, create_session_factory
    from server.notification_delivery import (
        MailSettings,
        SmsSettings,
        build_channels,
        run_notification_sender,
    )
    from server.reminders_loop import start_reminders
    from subscriptions.brokers import build_broker
    from subscriptions.hub import Hub

    engine = create_engine(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    mail_settings = MailSettings.from_env()
    channels = build_channels(
        mail_settings,
        SmsSettings.from_env(),
        vapid_private_key=settings.vapid_private_key,
        vapid_subject=settings.vapid_subject,
    )
    sessions = create_session_factory(engine)
    # A hub without subscribers: it tells the servers, through the broker, that the worker
    # committed events (NOTIFICATION_SENT), so subscriptions get them at once.
    hub = Hub(sessions, build_broker(settings.broker_url))
    await hub.start()
    reminders = start_reminders(sessions, stop)
    try:
        await run_notification_sender(sessions, channels, mail_settings, stop)
    finally:
        stop.set()
        await reminders
        await hub.stop()
        await engine.dispose()


def worker(settings: Settings, args: argparse.Namespace) -> int:
    asyncio.run(_run_worker(settings))
    return 0


def export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from schema import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl, encoding="utf-8")
        print(f"Schema written to {args.output}")
    return 0
