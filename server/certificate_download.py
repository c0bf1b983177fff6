"""Billing files over HTTP, with the same ``Authorization: Bearer`` token as GraphQL:

- ``GET /{tenant}/children/{childGlobalId}/childcare-certificate/{year}.pdf``: the yearly
  childcare certificate of a child (its family, or the tenant's staff);
- ``GET /{tenant}/billing/direct-debit/{batchGlobalId}.xml``: a SEPA pain.008 file (staff);
- ``GET /{tenant}/billing/treasury/{YYYY-MM-DD}.csv``: the treasury export of a
  transmission date (staff).

Anonymous requests get a 401, a token of another tenant a 403, and anything the viewer
may not see — another family's child, another tenant's file, none at all — the same 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from domain.payments.certificate_pdf import certificate_pdf
from domain.payments.certificates import certificates_for
from domain.payments.treasury import treasury_export
from kernel.clock import today_in
from kernel.tenancy import TenantDirectory, TenantRef
from kernel.viewer import Viewer
from models import Child, DirectDebitBatch, Guardian, Tenant
from server.document_download import content_disposition
from server.http_auth import anyone_signed_in, authenticate_request, global_pk, staff
from server.http_errors import json_error


def _not_found() -> Response:
    return json_error("Document introuvable.", "NOT_FOUND", 404)


def _file(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "content-disposition": content_disposition(filename),
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
            "cache-control": "private, no-store",
        },
    )


class BillingFiles:
    """The ASGI endpoints serving certificates and billing exports."""

    def __init__(
        self, tenants: TenantDirectory, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self.tenants = tenants
        self.sessions = sessions

    async def _authenticate(
        self, request: Request, may_call: Callable[[Viewer], bool] = anyone_signed_in
    ) -> tuple[TenantRef, Viewer] | Response:
        return await authenticate_request(
            request, self.tenants, self.sessions, may_call=may_call, refused=_not_found
        )

    async def certificate(self, request: Request) -> Response:
        """The PDF certificate of a child for a year."""
        authenticated = await self._authenticate(request)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, viewer = authenticated
        pk = global_pk(request.path_params["child_id"], "Child")
        year = request.path_params["year"]
        if pk is None or not viewer.can_read_family_files() or not 2000 <= year <= 2100:
            return _not_found()
        async with self.sessions() as session:
            child = await session.scalar(
                select(Child).where(Child.id == pk, Child.tenant_id == tenant.id)
            )
            if child is None or not viewer.can_read_family(child.family_id):
                return _not_found()
            certificates = await certificates_for(
                session, tenant_id=tenant.id, children=[child], year=year
            )
            if not certificates:
                return json_error(
                    "Pas d'attestation : l'enfant avait 6 ans ou plus au 1er janvier.",
                    "NOT_FOUND",
                    404,
                )
            tenant_row = await session.get(Tenant, tenant.id)
            payer = await session.scalar(
                select(Guardian).where(
                    Guardian.family_id == child.family_id, Guardian.is_payer.is_(True)
                )
            )
            assert tenant_row is not None
            today = today_in(tenant.timezone)
            body = certificate_pdf(
                certificates[0],
                tenant_row,
                payer_name=f"{payer.first_name} {payer.last_name}" if payer else None,
                issued_on_label=f"{today:%d/%m/%Y}",
            )
        return _file(
            body,
            "application/pdf",
            f"attestation-frais-de-garde-{year}-{child.first_name}-{child.last_name}.pdf",
        )

    async def direct_debit_file(self, request: Request) -> Response:
        """The pain.008 XML of a direct-debit batch (staff)."""
        authenticated = await self._authenticate(request, may_call=staff)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, _ = authenticated
        pk = global_pk(request.path_params["batch_id"], "DirectDebitBatch")
        if pk is None:
            return _not_found()
        async with self.sessions() as session:
            batch = await session.scalar(
                select(DirectDebitBatch).where(
                    DirectDebitBatch.id == pk, DirectDebitBatch.tenant_id == tenant.id
                )
            )
        if batch is None:
            return _not_found()
        return _file(
            batch.xml.encode(),
            "application/xml",
            f"prelevement-{batch.collection_date.isoformat()}.xml",
        )

    async def treasury_file(self, request: Request) -> Response:
        """The CSV treasury export of a transmission date (staff)."""
        authenticated = await self._authenticate(request, may_call=staff)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, _ = authenticated
        try:
            day = dt.date.fromisoformat(request.path_params["day"])
        except ValueError:
            return _not_found()
        async with self.sessions() as session:
            text = await treasury_export(session, tenant_id=tenant.id, transmitted_on=day)
        # A BOM so that spreadsheets open the French headers as UTF-8.
        return _file(
            ("\ufeff" + text).encode(),
            "text/csv; charset=utf-8",
            f"transmission-tresorerie-{day.isoformat()}.csv",
        )
