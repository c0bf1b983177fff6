"""Against a live server: the activation mail is delivered by the in-process sender (file
backend), the account is activated, and its token authenticates HTTP and WebSocket."""

from __future__ import annotations

import asyncio
import email
import json
import re
import time
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.typing import Subprotocol

from tests.e2e.conftest import LiveServer

PASSWORD = "Mercredi-2026!"
GRAPHQL_WS = Subprotocol("graphql-transport-ws")


def _wait_for_mail(mail_dir: Path, recipient: str, timeout: float = 20.0) -> Message:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(mail_dir.glob("*.eml")) if mail_dir.exists() else []:
            message = email.message_from_bytes(path.read_bytes())
            if recipient in str(message["To"]):
                return message
        time.sleep(0.2)
    raise AssertionError(f"no mail to {recipient} in {mail_dir} after {timeout} s")


def _text_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def _post(
    client: httpx.Client,
    url: str,
    query: str,
    variables: dict[str, Any],
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = client.post(url, json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _ws_init(url: str, token: str) -> tuple[str, object]:
    async with websockets.connect(url, subprotocols=[GRAPHQL_WS]) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authToken": token}}))
        try:
            reply = json.loads(await asyncio.wait_for(socket.recv(), 10))
        except websockets.ConnectionClosed as closed:
            return "closed", closed.rcvd.code if closed.rcvd else None
        return reply["type"], reply.get("payload")


def test_account_activation_mail_and_token_over_http_and_websocket(
    live_server: LiveServer, http_client: httpx.Client
) -> None:
    url = live_server.graphql_url
    address = "e2e.parent@example.fr"
    created = _post(
        http_client,
        url,
        """mutation($input: AccountCreateInput!) { accountCreate(input: $input) {
            message errors { code } } }""",
        {
            "input": {
                "email": address,
                "password": PASSWORD,
                "civility": "MADAME",
                "firstName": "Camille",
                "lastName": "Essai",
            }
        },
    )
    assert created["accountCreate"]["errors"] == []

    mail = _wait_for_mail(live_server.var_dir / "mail", address)
    assert "Mairie de Saint-Ismier" in str(mail["From"]) or "saint-ismier" in str(mail["From"])
    text = _text_part(mail)
    assert "Bonjour Mme Camille ESSAI" in text
    found = re.search(r"activation\?token=([\w-]+)", text)
    assert found is not None, text
    activated = _post(
        http_client,
        url,
        "mutation($t: String!) { accountActivate(input: {token: $t}) { errors { code } } }",
        {"t": found.group(1)},
    )
    assert activated["accountActivate"]["errors"] == []

    token = _post(
        http_client,
        url,
        "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }",
        {"e": address, "p": PASSWORD},
    )["login"]["token"]
    me = _post(http_client, url, "{ viewer { roles account { email } } }", {}, token)
    assert me["viewer"] == {"roles": ["PARENT"], "account": {"email": address}}

    kind, payload = asyncio.run(_ws_init(live_server.ws_url, token))
    assert (kind, payload) == ("connection_ack", {"authenticated": True})
    kind, code = asyncio.run(_ws_init(live_server.ws_url, "forged-token"))
    assert (kind, code) == ("closed", 4403)


def test_unknown_tenant_websocket_is_closed(live_server: LiveServer) -> None:
    async def attempt() -> int | None:
        try:
            async with websockets.connect(
                live_server.ws_url_for("atlantis"), subprotocols=[GRAPHQL_WS]
            ) as socket:
                await socket.recv()
        except websockets.InvalidStatus as refused:
            return refused.response.status_code
        except websockets.ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        return None

    assert asyncio.run(attempt()) in (403, 4404)


pytestmark = pytest.mark.e2e
