"""Trusted documents (server/trusted_documents.py): registered operations named by their
SHA-256 over HTTP POST, GET and WebSocket; ``require`` refuses free-form documents except
for staff; unknown hashes and unusable manifests are refused with clear messages."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from kernel.settings import Settings
from kernel.viewer import Viewer
from models import Tenant
from models.account import Role
from server.app import create_app
from server.trusted_documents import TrustedDocuments, apply_to_subscribe, load_manifest
from tests import factories

with warnings.catch_warnings():  # "use httpx2": a deprecation, the client still works
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

REGISTERED = "query Roles { viewer { roles } }"
REGISTERED_ID = hashlib.sha256(REGISTERED.encode()).hexdigest()
FREE_FORM = "{ __typename }"
UNKNOWN_ID = "0" * 64
FREE_ID = hashlib.sha256(FREE_FORM.encode()).hexdigest()


def write_manifest(tmp_path: Path, documents: dict[str, str]) -> Path:
    path = tmp_path / "persisted-documents.json"
    path.write_bytes(orjson.dumps(documents))
    return path


def make_app(database_url: str, tmp_path: Path, mode: str) -> Starlette:
    return create_app(
        Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            trusted_documents=write_manifest(tmp_path, {REGISTERED_ID: REGISTERED}),
            trusted_documents_mode=mode,
        )
    )


@contextmanager
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as http:
        yield http


def refused(code: str) -> Any:
    return lambda body: [e["extensions"]["code"] for e in body["errors"]] == [code]


async def test_allow_mode_runs_documents_by_id_and_free_form_ones(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(database_url, tmp_path, "allow")
    url = f"/{tenant.slug}/graphql"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        by_id = await http.post(url, json={"documentId": REGISTERED_ID})
        assert by_id.status_code == 200 and by_id.json()["data"] == {"viewer": {"roles": []}}
        prefixed = await http.post(url, json={"documentId": f"sha256:{REGISTERED_ID}"})
        assert prefixed.json()["data"] == {"viewer": {"roles": []}}
        apollo = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": REGISTERED_ID}}}
        assert (await http.post(url, json=apollo)).json()["data"] == {"viewer": {"roles": []}}
        got = await http.get(url, params={"documentId": REGISTERED_ID})
        assert got.status_code == 200 and got.json()["data"] == {"viewer": {"roles": []}}
        free = await http.post(url, json={"query": FREE_FORM})
        assert free.json()["data"] == {"__typename": "Query"}

        unknown = await http.post(url, json={"documentId": UNKNOWN_ID})
        assert unknown.status_code == 400
        assert refused("PERSISTED_DOCUMENT_NOT_FOUND")(unknown.json())
        assert UNKNOWN_ID in unknown.json()["errors"][0]["message"]
        unknown_get = await http.get(url, params={"documentId": UNKNOWN_ID})
        assert refused("PERSISTED_DOCUMENT_NOT_FOUND")(unknown_get.json())
        not_text = await http.post(url, json={"documentId": 42})
        assert not_text.status_code == 400 and refused("BAD_REQUEST")(not_text.json())
        # Apollo's automatic persisted queries: the text with its own hash is free-form.
        apq = {"query": FREE_FORM, "extensions": {"persistedQuery": {"sha256Hash": FREE_ID}}}
        assert (await http.post(url, json=apq)).json()["data"] == {"__typename": "Query"}
        wrong = {
            "query": FREE_FORM,
            "extensions": {"persistedQuery": {"sha256Hash": REGISTERED_ID}},
        }
        mismatch = await http.post(url, json=wrong)
        assert mismatch.status_code == 400 and refused("BAD_REQUEST")(mismatch.json())
    await app.state.engine.dispose()


async def test_require_mode_refuses_free_form_documents_except_for_staff(
    database_url: str, tmp_path: Path, tenant: Tenant, session: AsyncSession
) -> None:
    _, staff_token = await factories.make_staff_account_with_token(session, tenant)
    _, parent_token = await factories.make_parent_account_with_token(session, tenant)
    await session.commit()
    app = make_app(database_url, tmp_path, "require")
    url = f"/{tenant.slug}/graphql"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        for headers in ({}, {"authorization": f"Bearer {parent_token}"}):
            free = await http.post(url, json={"query": FREE_FORM}, headers=headers)
            assert free.status_code == 400
            assert refused("PERSISTED_DOCUMENT_REQUIRED")(free.json())
            assert "opérations enregistrées" in free.json()["errors"][0]["message"]
            free_get = await http.get(url, params={"query": FREE_FORM}, headers=headers)
            assert refused("PERSISTED_DOCUMENT_REQUIRED")(free_get.json())
            by_id = await http.post(url, json={"documentId": REGISTERED_ID}, headers=headers)
            assert "errors" not in by_id.json()
        # A registered document sent in full is trusted (same text, same hash).
        same_text = await http.post(url, json={"query": REGISTERED})
        assert same_text.json()["data"] == {"viewer": {"roles": []}}
        # Staff (GraphiQL after login, the staff tools) keep free-form documents.
        staff = {"authorization": f"Bearer {staff_token}"}
        free = await http.post(url, json={"query": FREE_FORM}, headers=staff)
        assert free.status_code == 200 and free.json()["data"] == {"__typename": "Query"}
        unknown = await http.post(url, json={"documentId": UNKNOWN_ID}, headers=staff)
        assert refused("PERSISTED_DOCUMENT_NOT_FOUND")(unknown.json())
        # A free-form document sent with its own hash is still free-form: refused.
        apq = {"query": FREE_FORM, "extensions": {"persistedQuery": {"sha256Hash": FREE_ID}}}
        assert refused("PERSISTED_DOCUMENT_REQUIRED")((await http.post(url, json=apq)).json())
    await app.state.engine.dispose()


async def test_off_mode_ignores_document_ids(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(database_url, tmp_path, "off")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.post(f"/{tenant.slug}/graphql", json={"documentId": REGISTERED_ID})
        assert response.status_code == 400
        assert refused("BAD_REQUEST")(response.json())  # « Aucune requête GraphQL »
    await app.state.engine.dispose()


def ws_outcome(ws: Any, operation_id: str) -> list[dict[str, Any]]:
    """The messages of operation ``operation_id`` up to its end (complete or error)."""
    messages = []
    while True:
        message = orjson.loads(ws.receive_text())
        if message.get("id") == operation_id:
            messages.append(message)
            if message["type"] != "next":
                return messages


async def test_websocket_subscribe_messages_follow_the_policy(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(database_url, tmp_path, "require")
    with (
        client(app) as http,
        http.websocket_connect(
            f"/{tenant.slug}/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws,
    ):
        ws.send_text(orjson.dumps({"type": "connection_init", "payload": {}}).decode())
        assert orjson.loads(ws.receive_text())["type"] == "connection_ack"

        def send(operation_id: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
            message = {"id": operation_id, "type": "subscribe", "payload": payload}
            ws.send_text(orjson.dumps(message).decode())
            return ws_outcome(ws, operation_id)

        ran = send("1", {"documentId": REGISTERED_ID})
        assert ran[0]["type"] == "next"
        assert ran[0]["payload"]["data"] == {"viewer": {"roles": []}}
        assert ran[-1]["type"] == "complete"
        apollo = {"extensions": {"persistedQuery": {"sha256Hash": REGISTERED_ID}}}
        assert send("2", apollo)[-1]["type"] == "complete"
        [free] = send("3", {"query": FREE_FORM})
        assert free["type"] == "error"
        assert free["payload"][0]["extensions"] == {"code": "PERSISTED_DOCUMENT_REQUIRED"}
        [unknown] = send("4", {"documentId": UNKNOWN_ID})
        assert unknown["payload"][0]["extensions"] == {"code": "PERSISTED_DOCUMENT_NOT_FOUND"}
        # The connection stays usable.
        assert send("5", {"documentId": REGISTERED_ID})[-1]["type"] == "complete"
    await app.state.engine.dispose()


# --------------------------------------------------------------------------- the manifest


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b'["query { a }"]', "expected a JSON object"),
        (orjson.dumps({REGISTERED_ID: 42}), "is not a string"),
        (orjson.dumps({"abc": REGISTERED}), "is not a SHA-256 hex digest"),
        (orjson.dumps({UNKNOWN_ID: REGISTERED}), "is not the SHA-256 of its document"),
    ],
)
def test_unusable_manifests_stop_the_server_with_a_clear_message(
    content: bytes, expected: str, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "manifest.json"
    path.write_bytes(content)
    settings = Settings(
        environment="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        trusted_documents=path,
        trusted_documents_mode="require",
    )
    with pytest.raises(ValueError, match=expected) as raised:
        create_app(settings)
    assert str(raised.value).startswith(f"CRENEAU_TRUSTED_DOCUMENTS ({path}): ")


def test_a_missing_manifest_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot be read"):
        load_manifest(tmp_path / "nowhere.json")


def test_manifest_keys_may_carry_the_algorithm_prefix(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, {f"sha256:{REGISTERED_ID.upper()}": REGISTERED})
    assert load_manifest(path) == {REGISTERED_ID: REGISTERED}


def test_an_empty_query_beside_a_document_id_is_no_query() -> None:
    """Stock graphql-ws clients must send a ``query`` string: with a document id, "" is none."""
    policy = TrustedDocuments(mode="require", documents={REGISTERED_ID: REGISTERED})
    parent = Viewer(tenant_id=1, account_id=2, role=Role.PARENT)
    payload: dict[str, Any] = {"query": "", "documentId": f"sha256:{REGISTERED_ID}"}
    apply_to_subscribe(policy, payload, parent)
    assert payload["query"] == REGISTERED
