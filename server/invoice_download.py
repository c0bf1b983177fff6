"""``GET /{tenant}/invoices/{invoiceGlobalId}.pdf``: the PDF of an invoice or credit note.

Authenticated like document downloads, with the same ``Authorization: Bearer`` token as
the GraphQL endpoint: anonymous requests get a 401, a token of another tenant a 403, and
an invoice the viewer may not see — another family's, another tenant's, or none at all —
the same 404. Parents see their own family's invoices; staff every invoice of their
tenant; reporting accounts none. The PDF is rendered on request (never stored).
"""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from domain.billing.invoice_pdf import render_invoice_pdf
from domain.billing.invoices import invoice_document
from kernel.tenancy import TenantDirectory
from models import Invoice
from server.document_download import content_disposition
from server.http_auth import authenticate_request, global_pk
from server.http_errors import json_error


def _not_found() -> JSONResponse:
    return json_error("Facture introuvable.", "NOT_FOUND", 404)


class InvoiceDownload:
    """The ASGI endpoint serving invoice PDFs to the family and the tenant's staff."""

    def __init__(self, tenants: TenantDirectory, sessions: async_sessionmaker[AsyncSession]):
        self.tenants = tenants
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.respond(Request(scope, receive))
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        """Authenticate, authorize, then render the PDF (or say why not)."""
        authenticated = await authenticate_request(request, self.tenants, self.sessions)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, viewer = authenticated

        pk = global_pk(request.path_params["invoice_id"], "Invoice")
        if pk is None:
            return _not_found()
        async with self.sessions() as session:
            invoice = await session.scalar(
                select(Invoice).where(Invoice.id == pk, Invoice.tenant_id == tenant.id)
            )
            if invoice is None or not viewer.can_read_family(invoice.family_id):
                return _not_found()
            document = await invoice_document(session, invoice)
        # Rendering is CPU work: keep it off the event loop.
        content = await asyncio.to_thread(render_invoice_pdf, document)
        kind = "avoir" if document.is_credit_note else "facture"
        return Response(
            content,
            media_type="application/pdf",
            headers={
                "content-disposition": content_disposition(f"{kind}-{document.number}.pdf"),
                "x-content-type-options": "nosniff",
                "cache-control": "private, no-store",
            },
        )
