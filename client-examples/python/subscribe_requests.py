"""Follow a family's requests live: log in as a demo parent, subscribe over WebSocket
(protocol ``graphql-transport-ws``) and print each status change with its French label.

Usage: CRENEAU_URL=http://127.0.0.1:8000/saint-ismier/graphql \\
           python3 subscribe_requests.py [--email E] [--password P] [--after CURSOR] [--count N]

CRENEAU_URL defaults to the demo town of ``make run`` (the older positional
``[base-url] [tenant]`` still works); the WebSocket URL is the same path with ``ws://``.
It prints one line per event, ending with the event's cursor: pass the last one back with
``--after`` to resume where it stopped (every event since is delivered first, in order).
``--count N`` stops after N events (default: run until Ctrl-C).
Needs only ``websockets`` (client-examples/python/requirements.txt) besides the standard
library: the protocol's few messages are written out below.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

DEFAULT_URL = "http://127.0.0.1:8000/saint-ismier/graphql"

LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token errors { message } }
}
"""

SUBSCRIPTION = """
subscription Requests($after: String) {
  requestStatusChanged(after: $after) {
    cursor
    occurredAt
    referenceLabel
    typeLabel
    stepLabel
    statusLabel
    request { id status }
  }
}
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options (defaults: the demo server and the demo parent)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("base_url", nargs="?", default=None, help="legacy: use CRENEAU_URL")
    parser.add_argument("tenant", nargs="?", default="saint-ismier", help="legacy")
    parser.add_argument("--email", default="julien.roussel@example.fr")
    parser.add_argument("--password", default="Creneau-demo-2026!")
    parser.add_argument("--after", default=None, help="resume after this cursor")
    parser.add_argument("--count", type=int, default=0, help="stop after N events")
    args = parser.parse_args(argv)
    if args.base_url:
        args.url = f"{args.base_url.rstrip('/')}/{args.tenant}/graphql"
    else:
        args.url = os.environ.get("CRENEAU_URL") or DEFAULT_URL
    return args


def login(url: str, email: str, password: str) -> str:
    """A bearer token for the account (the login mutation, over plain HTTP)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(
            {"query": LOGIN, "variables": {"email": email, "password": password}}
        ).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
    except urllib.error.HTTPError as exc:
        body = json.load(exc)
    if body.get("errors"):
        raise SystemExit(f"Erreur du serveur : {body['errors'][0]['message']}")
    result = body["data"]["login"]
    if result["errors"]:
        raise SystemExit(f"Connexion refusée : {result['errors'][0]['message']}")
    return str(result["token"])


async def follow(args: argparse.Namespace) -> None:
    """Subscribe and print every status change until ``--count`` events (or forever)."""
    token = login(args.url, args.email, args.password)
    ws_url = args.url.replace("http", "ws", 1)
    async with connect(ws_url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
        # Authentication happens once, in connection_init.
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authToken": token}}))
        ack: dict[str, Any] = json.loads(await ws.recv())
        if ack.get("type") != "connection_ack":
            raise SystemExit(f"Connexion WebSocket refusée : {ack}")
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIPTION, "variables": {"after": args.after}},
                }
            )
        )
        print("Abonné : en attente des changements de statut…", flush=True)
        seen = 0
        async for raw in ws:
            message: dict[str, Any] = json.loads(raw)
            kind = message.get("type")
            if kind == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif kind == "error":
                raise SystemExit(f"Abonnement refusé : {message['payload'][0]['message']}")
            elif kind == "complete":
                return
            elif kind == "next":
                payload = message["payload"]
                if payload.get("errors"):
                    raise SystemExit(f"Erreur : {payload['errors'][0]['message']}")
                event = payload["data"]["requestStatusChanged"]
                print(
                    f"Demande n° {event['referenceLabel']} ({event['typeLabel']}) : "
                    f"{event['stepLabel']} — {event['statusLabel']}  [curseur {event['cursor']}]",
                    flush=True,
                )
                seen += 1
                if args.count and seen >= args.count:
                    await ws.send(json.dumps({"id": "1", "type": "complete"}))
                    return


def main() -> None:
    """Entry point."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(follow(parse_args(sys.argv[1:])))


if __name__ == "__main__":
    main()
