"""Follow a family's requests live: log in as a demo parent, subscribe over WebSocket with
the ``gql`` library, and print each status change with its French label.

Usage: python client-examples/python/subscribe_requests.py [base-url] [tenant]
           [--email E] [--password P] [--after CURSOR] [--count N]

It prints one line per event, ending with the event's cursor: pass the last one back with
``--after`` to resume where it stopped (every event since is delivered first, in order).
``--count N`` stops after N events (default: run until Ctrl-C).
Uses ``gql[websockets]`` and httpx (both installed with the project).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

import httpx
from gql import Client, gql
from gql.transport.websockets import WebsocketsTransport

LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token errors { message } }
}
"""

SUBSCRIPTION = gql(
    """
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
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options (defaults: the demo server and the demo parent)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("tenant", nargs="?", default="saint-ismier")
    parser.add_argument("--email", default="julien.roussel@example.fr")
    parser.add_argument("--password", default="Creneau-demo-2026!")
    parser.add_argument("--after", default=None, help="resume after this cursor")
    parser.add_argument("--count", type=int, default=0, help="stop after N events")
    return parser.parse_args(argv)


def login(base_url: str, tenant: str, email: str, password: str) -> str:
    """A bearer token for the account (the login mutation, over plain HTTP)."""
    response = httpx.post(
        f"{base_url}/{tenant}/graphql",
        json={"query": LOGIN, "variables": {"email": email, "password": password}},
        timeout=30,
    )
    response.raise_for_status()
    result = response.json()["data"]["login"]
    if result["errors"]:
        raise SystemExit(f"Connexion refusée : {result['errors'][0]['message']}")
    return str(result["token"])


async def follow(args: argparse.Namespace) -> None:
    """Subscribe and print every status change until ``--count`` events (or forever)."""
    token = login(args.base_url, args.tenant, args.email, args.password)
    ws_url = args.base_url.replace("http", "ws", 1) + f"/{args.tenant}/graphql"
    transport = WebsocketsTransport(
        url=ws_url,
        init_payload={"authToken": token},  # authentication happens at connection_init
        subprotocols=["graphql-transport-ws"],
    )
    seen = 0
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:
        print("Abonné : en attente des changements de statut…", flush=True)
        async for result in session.subscribe(SUBSCRIPTION, variable_values={"after": args.after}):
            event = result["requestStatusChanged"]
            print(
                f"Demande n° {event['referenceLabel']} ({event['typeLabel']}) : "
                f"{event['stepLabel']} — {event['statusLabel']}  [curseur {event['cursor']}]",
                flush=True,
            )
            seen += 1
            if args.count and seen >= args.count:
                break


def main() -> None:
    """Entry point."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(follow(parse_args(sys.argv[1:])))


if __name__ == "__main__":
    main()
