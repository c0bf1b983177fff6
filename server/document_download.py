"""``GET /{tenant}/documents/{documentGlobalId}``: the bytes of a family document.

Authenticated with the same ``Authorization: Bearer`` token as the GraphQL endpoint (a
token is never put in a URL, where logs and browser history would keep it). Anonymous
requests get a 401, a token of another tenant a 403, and a document the viewer may not
see — another family's, another tenant's, or none at all — the same 404.

The response is an attachment with the content type detected at upload, ``nosniff`` and
a sandboxing Content-Security-Policy, so a document can never run as a page of our origin.
"""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from kernel.storage import DocumentStorage
from kernel.tenancy import TenantDirectory
from models import Document
from server.http_auth import authenticate_request, global_pk
from server.http_errors import json_error

logger = logging.getLogger("creneau.documents")


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact name in RFC 5987 form."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = "".join(
        c if c.isprintable() and c not in '"\\;%' else "_" for c in ascii_name
    ).strip()
    return (
        f'attachment; filename="{ascii_name or "document"}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def _not_found() -> JSONResponse:
    return json_error("Document introuvable.", "NOT_FOUND", 404)


class DocumentDownload:
    """The ASGI endpoint serving document files to the family and the tenant's staff."""

    def __init__(
        self,
        tenants: TenantDirectory,
        sessions: async_sessionmaker[AsyncSession],
        storage: DocumentStorage,
    ) -> None:
        self.tenants = tenants
        self.sessions = sessions
        self.storage = storage

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.respond(Request(scope, receive))
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        """Authenticate, authorize, then stream the file (or say why not)."""
        authenticated = await authenticate_request(request, self.tenants, self.sessions)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, viewer = authenticated

        pk = global_pk(request.path_params["document_id"], "Document")
        if pk is None:
            return _not_found()
        async with self.sessions() as session:
            document = await session.scalar(
                select(Document).where(Document.id == pk, Document.tenant_id == tenant.id)
            )
        if document is None or not viewer.can_read_family(document.family_id):
            return _not_found()
        try:
            chunks = await self.storage.open(document.storage_key)
        except (FileNotFoundError, ValueError):
            logger.error("document %s: file %s is missing", document.id, document.storage_key)
            return _not_found()
        return StreamingResponse(
            chunks,
            media_type=document.content_type,
            headers={
                "content-length": str(document.size_bytes),
                "content-disposition": content_disposition(document.filename),
                "x-content-type-options": "nosniff",
                "content-security-policy": "default-src 'none'; sandbox",
                "cache-control": "private, no-store",
                "etag": f'"{document.sha256}"',
            },
        )
