"""Local stand-ins for the outside services the notification worker talks to, each a
Starlette app on a real uvicorn server: Brevo's transactional SMS API and a Web Push
service, with the browser behind it (its P-256 key pair and auth secret) decrypting what
it receives (RFC 8291) after checking the VAPID signature (RFC 8292).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import http_ece
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def serve(app: Starlette, *, lifespan: bool = False) -> AsyncIterator[str]:
    """Run ``app`` on uvicorn on a free loopback port; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on" if lifespan else "off",
            ws="websockets-sansio",
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


# ----------------------------------------------------------------------------- Brevo SMS


@dataclass
class FakeBrevo:
    """``POST /v3/transactionalSMS/send``: records each accepted SMS; ``replies`` are
    answered first, in order (status, JSON body), then 201 with a message id."""

    api_key: str = "test-api-key"
    replies: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def send(request: Request) -> Response:
            if request.headers.get("api-key") != self.api_key:
                return JSONResponse(
                    {"code": "unauthorized", "message": "Key not found"}, status_code=401
                )
            body = await request.json()
            self.received.append(body)
            if self.replies:
                status, answer = self.replies.pop(0)
                return JSONResponse(answer, status_code=status)
            self.accepted.append(body)
            return JSONResponse({"messageId": 1511882900176220 + len(self.accepted)}, 201)

        return Starlette(routes=[Route("/v3/transactionalSMS/send", send, methods=["POST"])])


# ----------------------------------------------------------------------------- Web Push


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass
class Browser:
    """What a browser keeps for one push subscription: its ECDH key pair and auth secret."""

    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.secret)

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 decryption of an ``aes128gcm`` push message."""
        return bytes(
            http_ece.decrypt(
                body, private_key=self.key, auth_secret=self.secret, version="aes128gcm"
            )
        )


@dataclass
class FakePushService:
    """``POST /push/{token}``: the push service of every browser in ``browsers``. Checks the
    VAPID signature and the encoding, decrypts with the browser's keys and keeps the
    payload; ``statuses`` answers a token with an error status instead."""

    browsers: dict[str, Browser] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    delivered: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    vapid_keys: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        async def push(request: Request) -> Response:
            token = request.path_params["token"]
            status = self.statuses.get(token)
            if status is not None:
                return Response(f"subscription {token}: {status}", status_code=status)
            authorization = request.headers.get("authorization", "")
            if not authorization.startswith("vapid ") or not Vapid02.verify(authorization):
                self.refused.append("bad VAPID signature")
                return Response("bad VAPID signature", status_code=401)
            if request.headers.get("content-encoding") != "aes128gcm":
                self.refused.append("not aes128gcm")
                return Response("unsupported encoding", status_code=415)
            if "ttl" not in request.headers:
                self.refused.append("no TTL")
                return Response("TTL required", status_code=400)
            self.vapid_keys.append(authorization.split("k=", 1)[1])
            self.topics.append(request.headers.get("topic", ""))
            payload = self.browsers[token].decrypt(await request.body())
            self.delivered.append((token, json.loads(payload)))
            return Response(status_code=201)

        return Starlette(routes=[Route("/push/{token}", push, methods=["POST"])])
