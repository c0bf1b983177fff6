"""The WebSocket clients of the subscription benchmarks, run in their own processes so
the client side is not the bottleneck (bench/bench_subscription_groups.py).

A client process takes commands on a pipe: ``connect`` (named connections, each a
graphql-transport-ws subscription with a token and a document, or a plain WebSocket when
the document is None), ``reset`` (forget what was received), ``collect`` (receipt times and
reference labels of the accepted decisions received by a name's connections), ``sample``
(the last raw message of a name's connections) and ``stop``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from multiprocessing.connection import Connection
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect

CONNECT_CONCURRENCY = 50
DECIDED_LABEL = "Acceptée"


class Listener:
    """One connection: records when each accepted decision arrives."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.received: list[tuple[float, str]] = []
        self.last = ""
        self.task: asyncio.Task[None] | None = None

    async def listen(self) -> None:
        with contextlib.suppress(Exception):
            async for raw in self.ws:
                now = time.monotonic()
                message = orjson.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await self.ws.send('{"type":"pong"}')
                elif kind == "next":
                    event = message["payload"]["data"]["requestStatusChanged"]
                    if event["statusLabel"] == DECIDED_LABEL:
                        self.received.append((now, event["referenceLabel"]))
                        self.last = str(raw)


async def _open(url: str, token: str, document: str | None) -> Listener:
    if document is None:
        ws = await connect(url, open_timeout=120, ping_interval=None, max_queue=None)
    else:
        ws = await connect(
            url,
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            open_timeout=120,
            ping_interval=None,
            max_queue=None,
        )
        init = {"type": "connection_init", "payload": {"authToken": token}}
        await ws.send(orjson.dumps(init).decode())
        ack = orjson.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": document}}
        await ws.send(orjson.dumps(subscribe).decode())
    listener = Listener(ws)
    listener.task = asyncio.create_task(listener.listen())
    return listener


async def _serve(pipe: Connection) -> None:
    loop = asyncio.get_running_loop()
    named: dict[str, list[Listener]] = {}
    while True:
        command, args = await loop.run_in_executor(None, pipe.recv)
        answer: Any = None
        if command == "connect":
            name, url, plan = args
            gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

            async def one(
                token: str, document: str | None, url: str = url, gate: Any = gate
            ) -> Listener:
                async with gate:
                    return await _open(url, token, document)

            opened = await asyncio.gather(*(one(t, d) for t, d in plan))
            named.setdefault(name, []).extend(opened)
            answer = len(opened)
        elif command == "reset":
            for listeners in named.values():
                for listener in listeners:
                    listener.received.clear()
        elif command == "collect":
            answer = [item for listener in named.get(args[0], ()) for item in listener.received]
        elif command == "sample":
            answer = next((x.last for x in named.get(args[0], ()) if x.last), "")
        elif command == "stop":
            for listeners in named.values():
                for listener in listeners:
                    with contextlib.suppress(Exception):
                        await listener.ws.close()
            pipe.send(None)
            return
        pipe.send(answer)


def client_main(pipe: Connection) -> None:
    """A client process's entry point (uvloop when installed)."""
    try:
        import uvloop

        uvloop.run(_serve(pipe))
    except ImportError:
        asyncio.run(_serve(pipe))
