"""The floor of the subscription benchmarks: a plain ``websockets`` server that broadcasts
each message of its ``/control`` connection to every other connection — what sending the
same bytes to every subscriber costs with no GraphQL, no authorization and no event log."""

from __future__ import annotations

import asyncio
from multiprocessing.synchronize import Event

from websockets.asyncio.server import ServerConnection, broadcast, serve


async def _serve(port: int, ready: Event) -> None:
    clients: set[ServerConnection] = set()

    async def handler(ws: ServerConnection) -> None:
        if ws.request is not None and ws.request.path == "/control":
            async for message in ws:
                broadcast(clients, message)
            return
        clients.add(ws)
        try:
            await ws.wait_closed()
        finally:
            clients.discard(ws)

    async with serve(handler, "127.0.0.1", port, ping_interval=None, max_queue=None):
        ready.set()
        await asyncio.Future()


def floor_main(port: int, ready: Event) -> None:
    """The floor server's process entry point (uvloop when installed, as ``creneau serve``)."""
    try:
        import uvloop

        uvloop.run(_serve(port, ready))
    except ImportError:
        asyncio.run(_serve(port, ready))
