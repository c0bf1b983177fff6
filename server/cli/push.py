"""``creneau push keys``: make the server's VAPID key pair for Web Push.

Writes the private key (PEM, readable by its owner only) where
``CRENEAU_VAPID_PRIVATE_KEY`` will point, and prints the public key — the application
server key the parents' app subscribes with, also served by the ``webPushPublicKey``
query. A new key pair invalidates every existing browser subscription (the push services
check the key they were made with), so an existing file is kept unless ``--force``.

Exit status: 0 done; 1 refused (the file exists without ``--force``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kernel.settings import Settings


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``push keys`` to the ``creneau`` parser."""
    push = commands.add_parser("push", help="Web Push: the server's VAPID key pair")
    push_commands = push.add_subparsers(dest="push_command", required=True)
    keys = push_commands.add_parser(
        "keys", help="generate the VAPID key pair (private key file, public key printed)"
    )
    keys.add_argument(
        "--to",
        dest="target",
        metavar="FILE",
        help="private key file (default: <CRENEAU_VAR_DIR>/vapid_private_key.pem)",
    )
    keys.add_argument(
        "--force", action="store_true", help="replace an existing key (ends every subscription)"
    )
    keys.set_defaults(handler=push_keys)


def _write_private(path: Path, pem: bytes) -> None:
    """Write the PEM file atomically, mode 0600 from the start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    os.replace(partial, path)


def push_keys(settings: Settings, args: argparse.Namespace) -> int:
    """Generate the key pair, write the private key, print the public key and the
    settings to set."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from domain.notifications.push_subscriptions import vapid_public_key

    target = Path(args.target) if args.target else settings.var_dir / "vapid_private_key.pem"
    if target.exists() and not args.force:
        print(
            f"creneau: error: {target} exists; --force replaces it (every browser "
            "subscription made with the old key stops working)",
            file=sys.stderr,
        )
        return 1
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(target, pem)
    public = vapid_public_key(target)
    print(f"VAPID private key written to {target} (keep it secret, back it up).")
    print(f"Public key (applicationServerKey, also the webPushPublicKey query): {public}")
    print("Set on the server and the worker:")
    print(f"  CRENEAU_VAPID_PRIVATE_KEY={target.resolve()}")
    print("  CRENEAU_VAPID_SUBJECT=mailto:<the town's technical contact>")
    return 0
