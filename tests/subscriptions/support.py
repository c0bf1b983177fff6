"""A small GraphQL-over-WebSocket client for the live tests (graphql-transport-ws, and the
legacy graphql-ws), on the ``websockets`` library, plus HTTP helpers for the demo server."""

from __future__ import annotations

import asyncio
import itertools
import random
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"
DEMO_PASSWORD = "Creneau-demo-2026!"
PARENT = "julien.roussel@example.fr"
OTHER_PARENT = "elodie.devaille@example.fr"
STAFF = "agent@saint-ismier.example"

REQUEST_EVENTS = """
subscription($after: String) {
  requestStatusChanged(after: $after) {
    cursor stepLabel statusLabel referenceLabel typeLabel status
    request { id statusLabel }
  }
}
"""
STAFF_INBOX = """
subscription($after: String) {
  staffInbox(after: $after) { cursor step statusLabel referenceLabel request { id } }
}
"""


class WSClient:
    """One WebSocket connection speaking graphql-transport-ws (or legacy graphql-ws)."""

    def __init__(self, ws: ClientConnection, protocol: str) -> None:
        self.ws = ws
        self.protocol = protocol
        self._ids = itertools.count(1)
        self.buffered: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    async def open(
        cls,
        url: str,
        token: str | None = None,
        *,
        protocol: str = TRANSPORT_WS,
        origin: str | None = None,
        init: bool = True,
    ) -> WSClient:
        """Connect, and (unless ``init=False``) send connection_init and await the ack."""
        ws = await connect(
            url,
            subprotocols=[protocol],  # type: ignore[list-item]
            origin=origin,  # type: ignore[arg-type]
            open_timeout=10,
            ping_interval=None,
        )
        client = cls(ws, protocol)
        if init:
            payload = {"authToken": token} if token else {}
            await client.send({"type": "connection_init", "payload": payload})
            message = await client.receive()
            if message["type"] != "connection_ack":
                raise AssertionError(f"no ack: {message}")
        return client

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(orjson.dumps(message).decode())

    async def receive(self, within: float = 10.0) -> dict[str, Any]:
        """The next message that is not a keep-alive (pings are answered)."""
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), within)
            assert isinstance(raw, str), "messages must be text frames"
            message: dict[str, Any] = orjson.loads(raw)
            if message["type"] == "ping":
                await self.send({"type": "pong"})
                continue
            if message["type"] in ("pong", "ka"):
                continue
            return message

    async def subscribe(self, query: str, **variables: Any) -> str:
        """Start an operation; its id."""
        op_id = str(next(self._ids))
        kind = "subscribe" if self.protocol == TRANSPORT_WS else "start"
        await self.send(
            {"id": op_id, "type": kind, "payload": {"query": query, "variables": variables}}
        )
        return op_id

    async def next(self, op_id: str, within: float = 10.0) -> dict[str, Any]:
        """The next message of an operation (``next``/``data``, ``error`` or ``complete``)."""
        queue = self.buffered.setdefault(op_id, [])
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not queue:
            message = await self.receive(max(0.01, deadline - loop.time()))
            self.buffered.setdefault(str(message.get("id")), []).append(message)
        return queue.pop(0)

    async def data(self, op_id: str, within: float = 10.0) -> dict[str, Any]:
        """The data of the operation's next result (fails on errors)."""
        message = await self.next(op_id, within)
        assert message["type"] in ("next", "data"), message
        assert not message["payload"].get("errors"), message
        result: dict[str, Any] = message["payload"]["data"]
        return result

    async def silent(self, op_id: str, seconds: float) -> bool:
        """Whether the operation receives nothing for ``seconds``."""
        try:
            message = await self.next(op_id, seconds)
        except TimeoutError:
            return True
        self.buffered[op_id].insert(0, message)
        return False

    async def close_code(self, within: float = 10.0) -> int | None:
        """Wait for the server to close the connection; its close code."""
        try:
            while True:
                await asyncio.wait_for(self.ws.recv(), within)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd is not None else None

    async def close(self) -> None:
        await self.ws.close()


class Api:
    """GraphQL over HTTP on a tenant's endpoint, as one account."""

    def __init__(self, graphql_url: str, email: str | None = None) -> None:
        self.url = graphql_url
        self.token: str | None = None
        if email is not None:
            self.token = self.login(email)

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        response = httpx.post(
            self.url, json={"query": query, "variables": variables}, headers=headers, timeout=30
        )
        body = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    def login(self, email: str) -> str:
        result = self(
            "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
            "{ token errors { message } } }",
            e=email,
            p=DEMO_PASSWORD,
        )["login"]
        assert result["errors"] == [], result
        return str(result["token"])

    def ask_guardian_change(self) -> str:
        """As a parent: request a new mobile number for the first guardian; the request id."""
        family = self("{ viewer { family { guardians { id } } } }")["viewer"]["family"]
        phone = f"06 12 {random.randint(10, 99)} {random.randint(10, 99)} {random.randint(10, 99)}"
        asked = self(
            """mutation($g: ID!, $m: String!) { guardianChangeRequestCreate(input: {
                 guardian: $g, changes: {mobilePhone: $m}}) {
                 request { id } errors { message } } }""",
            g=family["guardians"][0]["id"],
            m=phone,
        )["guardianChangeRequestCreate"]
        assert asked["errors"] == [], asked
        return str(asked["request"]["id"])

    def accept(self, request_id: str) -> None:
        """As staff: accept a change request."""
        decided = self(
            """mutation($r: ID!) { changeRequestAccept(input: {request: $r}) {
                 errors { message } } }""",
            r=request_id,
        )["changeRequestAccept"]
        assert decided["errors"] == [], decided
