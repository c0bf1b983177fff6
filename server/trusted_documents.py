"""Trusted documents (persisted operations): only the operations the clients registered run.

The clients' build produces a manifest, ``{"<sha256 hex of the document>": "<document>"}``
— what graphql-codegen's client preset writes with ``persistedDocuments: {hashAlgorithm:
'sha256'}`` — named by ``CRENEAU_TRUSTED_DOCUMENTS``. It is read once at start-up; a file
that is not such an object, or a key that is not the SHA-256 of its document, stops the
server with a message naming the problem.

``CRENEAU_TRUSTED_DOCUMENTS_MODE``:

- ``off`` (default): documents are sent in full (``query``), as before.
- ``allow``: a request may name a registered document instead of sending it —
  ``{"documentId": "<hash>"}`` (also ``sha256:<hash>``, the GraphQL-over-HTTP form), or
  Apollo's ``extensions.persistedQuery.sha256Hash`` — over HTTP POST, GET and WebSocket
  (``subscribe``); free-form documents still run.
- ``require``: as ``allow``, and a free-form document is refused (400,
  ``PERSISTED_DOCUMENT_REQUIRED``) unless it is itself registered (same text) or the caller
  is staff or administrator: GraphiQL and the staff tools keep full access after login.

An unknown hash is refused with ``PERSISTED_DOCUMENT_NOT_FOUND`` (400) in both modes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type

from kernel.settings import Settings
from kernel.viewer import Viewer
from server.http_requests import RequestRefused

MODES = ("off", "allow", "require")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")

REQUIRED_MESSAGE = (
    "Ce serveur n'exécute que les opérations enregistrées : envoyez « documentId » "
    "(ou extensions.persistedQuery.sha256Hash) au lieu de « query »."
)
NOT_FOUND_MESSAGE = "Opération enregistrée inconnue : {document_id}."
MALFORMED_ID_MESSAGE = "« documentId » doit être un texte (empreinte SHA-256 du document)."
MISMATCH_MESSAGE = "« query » et son empreinte SHA-256 ne correspondent pas."


class TrustedDocumentRefused(RequestRefused):
    """A request refused by the trusted-documents policy (400, code, French message)."""


def document_hash(document: str) -> str:
    """SHA-256 hex of a document's text (UTF-8), as the manifest keys it."""
    return hashlib.sha256(document.encode()).hexdigest()


def _normalise_id(document_id: str) -> str:
    """``sha256:<hex>`` (GraphQL over HTTP) or ``<hex>`` → ``<hex>`` in lowercase."""
    value = document_id.strip()
    if value.lower().startswith("sha256:"):
        value = value[len("sha256:") :]
    return value.lower()


def load_manifest(path: Path) -> dict[str, str]:
    """Read and check a manifest; ``ValueError`` naming the file and the first problem."""
    where = f"CRENEAU_TRUSTED_DOCUMENTS ({path})"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(
            f'{where}: expected a JSON object {{"<sha256 hex>": "<document>"}}, '
            f"got {type(data).__name__}"
        )
    documents: dict[str, str] = {}
    for key, document in data.items():
        if not isinstance(document, str):
            raise ValueError(f"{where}: the document of {key!r} is not a string")
        hex_id = _normalise_id(key)
        if not _SHA256_HEX.fullmatch(hex_id):
            raise ValueError(
                f"{where}: {key!r} is not a SHA-256 hex digest (64 hex digits; with "
                "graphql-codegen, set persistedDocuments.hashAlgorithm to 'sha256')"
            )
        if document_hash(document) != hex_id:
            raise ValueError(
                f"{where}: {key!r} is not the SHA-256 of its document "
                f"(which hashes to {document_hash(document)})"
            )
        documents[hex_id] = document
    return documents


def requested_id(payload: Mapping[str, Any]) -> object:
    """The document a request names: ``documentId``, else Apollo's
    ``extensions.persistedQuery.sha256Hash`` (None: none named)."""
    document_id = payload.get("documentId")
    if document_id is not None:
        return document_id
    extensions = payload.get("extensions")
    if isinstance(extensions, Mapping):
        persisted = extensions.get("persistedQuery")
        if isinstance(persisted, Mapping):
            return persisted.get("sha256Hash")
    return None


@dataclass(frozen=True)
class TrustedDocuments:
    """The policy and the registered documents (by SHA-256 hex)."""

    mode: str = "off"
    documents: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: Settings) -> TrustedDocuments:
        """From the settings, reading the manifest (``ValueError`` when it is unusable)."""
        mode = settings.trusted_documents_mode
        if mode not in MODES:
            raise ValueError(
                f"CRENEAU_TRUSTED_DOCUMENTS_MODE: expected off, allow or require, got {mode!r}"
            )
        if mode == "off":
            return cls()
        if settings.trusted_documents is None:
            raise ValueError(
                f"CRENEAU_TRUSTED_DOCUMENTS: expected the path of a manifest "
                f"(CRENEAU_TRUSTED_DOCUMENTS_MODE is {mode}), got nothing"
            )
        return cls(mode, load_manifest(settings.trusted_documents))

    @property
    def enabled(self) -> bool:
        """Whether requests may name documents (``allow`` or ``require``)."""
        return self.mode != "off"

    def resolve(self, query: str | None, document_id: object, viewer: Viewer) -> str | None:
        """The document to run for a request carrying ``query`` and/or ``document_id``.

        Off: ``query`` unchanged (a document id is not looked at). Otherwise a named
        document replaces a missing query; a query sent with its own hash (Apollo's
        automatic persisted queries do that) is a free-form query, after checking that
        the hash is its own. A free-form query runs in ``allow``, and in ``require`` only
        when registered (same text) or sent by staff."""
        if not self.enabled:
            return query
        if document_id is not None and query == "":
            query = None  # stock graphql-ws clients must send a query string: "" is none
        if document_id is not None:
            if not isinstance(document_id, str):
                raise TrustedDocumentRefused(MALFORMED_ID_MESSAGE, "BAD_REQUEST")
            hex_id = _normalise_id(document_id)
            if query is None:
                document = self.documents.get(hex_id)
                if document is None:
                    shown = document_id if len(document_id) <= 80 else document_id[:80] + "…"
                    raise TrustedDocumentRefused(
                        NOT_FOUND_MESSAGE.format(document_id=shown),
                        "PERSISTED_DOCUMENT_NOT_FOUND",
                    )
                return document
            if document_hash(query) != hex_id:
                raise TrustedDocumentRefused(MISMATCH_MESSAGE, "BAD_REQUEST")
        if (
            query is not None
            and self.mode == "require"
            and not viewer.is_staff
            and document_hash(query) not in self.documents
        ):
            raise TrustedDocumentRefused(REQUIRED_MESSAGE, "PERSISTED_DOCUMENT_REQUIRED")
        return query


async def http_document_id(request: AsyncHTTPRequestAdapter) -> object:
    """The ``documentId`` of an HTTP request (GET: its parameter; a JSON POST: the body's),
    which Strawberry does not keep."""
    if request.method == "GET":
        return request.query_params.get("documentId")
    media, _ = parse_content_type(request.content_type or "")
    if "application/json" not in media:
        return None  # multipart uploads name theirs in extensions.persistedQuery
    try:
        payload = orjson.loads(await request.get_body())
    except orjson.JSONDecodeError:
        return None
    return payload.get("documentId") if isinstance(payload, dict) else None


async def apply_to_http(
    policy: TrustedDocuments,
    request: AsyncHTTPRequestAdapter,
    data: GraphQLRequestData,
    viewer: Viewer,
) -> GraphQLRequestData:
    """The request with its named document in place of ``query`` (refused per the mode)."""
    if not policy.enabled:
        return data
    document_id = requested_id({"extensions": data.extensions})
    if document_id is None and data.query is None:
        document_id = await http_document_id(request)
    data.query = policy.resolve(data.query, document_id, viewer)
    return data


def apply_to_subscribe(policy: TrustedDocuments, payload: dict[str, Any], viewer: Viewer) -> None:
    """A WebSocket ``subscribe`` payload with its named document in place of ``query``."""
    if policy.enabled:
        query = policy.resolve(payload.get("query"), requested_id(payload), viewer)
        if query is not None:
            payload["query"] = query
