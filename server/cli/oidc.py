"""``creneau oidc …``: a town's OpenID Connect (FranceConnect) client.

``oidc configure`` writes what the town registered with the provider into its settings
(``tenant.settings["openidConnect"]``: issuer, client id, redirect URIs, eIDAS level,
scopes) and, with ``--secret-stdin``, the client secret into
``<CRENEAU_OIDC_SECRETS_DIR>/<slug>`` (mode 0600) — never into the database. ``--check``
first fetches the provider's discovery document, so a typo in the issuer is found now
rather than by the first family. ``oidc show`` prints the configuration (never the secret,
only whether this server has it); ``oidc disable`` removes the configuration (the secret
file is left for the operator to delete).

Exit status: 0 done; 2 refused (unknown tenant, malformed value, provider unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from kernel.settings import Settings

USAGE_ERROR = 2


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``oidc`` commands to the ``creneau`` parser."""
    oidc = commands.add_parser("oidc", help="a collectivity's OpenID Connect (FranceConnect)")
    oidc_commands = oidc.add_subparsers(dest="oidc_command", required=True)

    configure = oidc_commands.add_parser(
        "configure", help="set the collectivity's client (and its secret from stdin)"
    )
    configure.add_argument("--tenant", required=True, help="the collectivity's slug")
    configure.add_argument("--issuer", required=True, help="the provider's issuer URL")
    configure.add_argument("--client-id", required=True, help="the client id it registered")
    configure.add_argument(
        "--redirect-uri",
        action="append",
        default=[],
        help="a portal page the provider returns to (repeat; default: any page of the portal)",
    )
    configure.add_argument(
        "--acr", action="append", help="eIDAS level asked for (default eidas1; repeatable)"
    )
    configure.add_argument("--scopes", help="space-separated scopes (default: openid given_name …)")
    configure.add_argument(
        "--auth-method",
        default="client_secret_post",
        choices=["client_secret_post", "client_secret_basic"],
        help="client authentication at the token endpoint",
    )
    configure.add_argument("--provider-name", default="FranceConnect", help="shown to families")
    configure.add_argument(
        "--secret-stdin", action="store_true", help="read the client secret from stdin"
    )
    configure.add_argument(
        "--check", action="store_true", help="fetch the provider's discovery document first"
    )
    configure.set_defaults(handler=oidc_configure)

    for name, handler, text in (
        ("show", oidc_show, "print the collectivity's client (not its secret)"),
        ("disable", oidc_disable, "remove the collectivity's client"),
    ):
        sub = oidc_commands.add_parser(name, help=text)
        sub.add_argument("--tenant", required=True, help="the collectivity's slug")
        sub.set_defaults(handler=handler)


def _error(message: str) -> int:
    print(f"creneau: error: {message}", file=sys.stderr)
    return USAGE_ERROR


async def _update(settings: Settings, slug: str, entry: dict[str, Any] | None) -> bool:
    """Set (or, with None, remove) the entry; False when the tenant does not exist."""
    from sqlalchemy import select

    from domain.accounts.oidc_config import SETTINGS_KEY
    from models import Tenant
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
            if tenant is None:
                return False
            stored = {k: v for k, v in (tenant.settings or {}).items() if k != SETTINGS_KEY}
            if entry is not None:
                stored[SETTINGS_KEY] = entry
            tenant.settings = stored
            return True
    finally:
        await engine.dispose()


async def _read(settings: Settings, slug: str) -> tuple[bool, Any]:
    from sqlalchemy import select

    from domain.accounts.oidc_config import SETTINGS_KEY
    from models import Tenant
    from models.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            stored = await session.scalar(select(Tenant.settings).where(Tenant.slug == slug))
    finally:
        await engine.dispose()
    return stored is not None, (stored or {}).get(SETTINGS_KEY)


def _write_secret(path: Path, secret: str) -> None:
    """The secret file, mode 0600 from the start, replaced atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secret + "\n")
    os.replace(partial, path)


def oidc_configure(settings: Settings, args: argparse.Namespace) -> int:
    """``creneau oidc configure``: check, then write the settings and the secret."""
    from domain.accounts.oidc_config import DEFAULT_ACR_VALUES, DEFAULT_SCOPES, settings_entry

    try:
        entry = settings_entry(
            issuer=args.issuer,
            client_id=args.client_id,
            redirect_uris=tuple(args.redirect_uri),
            acr_values=tuple(args.acr) if args.acr else DEFAULT_ACR_VALUES,
            scopes=tuple(args.scopes.split()) if args.scopes else DEFAULT_SCOPES,
            token_auth_method=args.auth_method,
            provider_name=args.provider_name,
        )
    except ValueError as exc:
        return _error(str(exc))
    secret = sys.stdin.read().strip() if args.secret_stdin else None
    if args.secret_stdin and not secret:
        return _error("--secret-stdin: nothing was read")
    if args.check:
        from resolvers.oidc_provider import ProviderUnavailable, metadata

        try:
            found = asyncio.run(metadata(entry["issuer"]))
        except ProviderUnavailable as exc:
            return _error(f"the provider's discovery document could not be read ({exc})")
        print(f"Provider found: authorization endpoint {found.authorization_endpoint}")
    if not asyncio.run(_update(settings, args.tenant, entry)):
        return _error(f"no collectivity with slug {args.tenant!r}")
    secret_path = settings.oidc_secrets_path / args.tenant
    if secret is not None:
        _write_secret(secret_path, secret)
    print(f"OpenID Connect client of {args.tenant} set: {json.dumps(entry, ensure_ascii=False)}")
    state = "present" if secret_path.is_file() else "MISSING: the login stays off until it is"
    print(f"Client secret file {secret_path}: {state}")
    return 0


def oidc_show(settings: Settings, args: argparse.Namespace) -> int:
    """``creneau oidc show``: the configuration and whether the secret is there."""
    exists, entry = asyncio.run(_read(settings, args.tenant))
    if not exists:
        return _error(f"no collectivity with slug {args.tenant!r}")
    print(json.dumps(entry, ensure_ascii=False, indent=2) if entry else "not configured")
    secret_path = settings.oidc_secrets_path / args.tenant
    print(f"Client secret file {secret_path}: {'present' if secret_path.is_file() else 'missing'}")
    return 0


def oidc_disable(settings: Settings, args: argparse.Namespace) -> int:
    """``creneau oidc disable``: the login with the provider is no longer offered."""
    if not asyncio.run(_update(settings, args.tenant, None)):
        return _error(f"no collectivity with slug {args.tenant!r}")
    print(f"OpenID Connect login of {args.tenant} disabled (the secret file is left in place).")
    return 0
