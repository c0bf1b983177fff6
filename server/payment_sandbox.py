"""The built-in sandbox payment provider's pages, and the provider callback endpoint.

- ``GET /{tenant}/payment-sandbox/{reference}``: the « bank » page where a parent pays or
  refuses (what a real provider's hosted page does);
- ``POST /{tenant}/payment-sandbox/{reference}``: the sandbox signs a notification
  (HMAC-SHA256) of the outcome, exactly as a provider would, and hands it to the callback's
  code in process (signature check included; no HTTP client, so no httpx at run time), then
  sends the browser to the return page;
- ``POST /{tenant}/payments/notify/{provider}``: the callback. It trusts nothing but a valid
  signature; it is idempotent (providers retry: a notification applied twice records one
  payment) and answers 200 once applied, 400 otherwise (413 for a body over 4 KiB, refused
  without reading more of it);
- ``GET /{tenant}/payments/return/{reference}``: the page the browser comes back to. It
  only shows the intent's state (the notification, not the browser, records payments),
  and links back to the page the payment was started from (``returnUrl``, carried in the
  ``retour`` parameter and checked against the trusted origins on every page) or else to
  the portal.
"""

from __future__ import annotations

import html
import logging
import secrets
from urllib.parse import parse_qs, urlencode

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from domain.billing.formatting import euros
from domain.labels import label
from domain.payments.online import find_intent, handle_notification
from domain.payments.provider import (
    RETURN_PARAM,
    SIGNATURE_HEADER,
    InvalidNotification,
    Notification,
    SandboxProvider,
)
from domain.payments.return_url import is_allowed_return_url, trusted_origins
from kernel.clock import today_in
from kernel.settings import Settings
from kernel.tenancy import TenantDirectory, TenantRef
from models import Invoice, PaymentIntent
from models.billing import PaymentIntentStatus
from server.certificate_download import BillingFiles
from server.http_errors import json_error

logger = logging.getLogger("creneau.payments")

# A provider's notification is a few hundred bytes; the callback reads no more than this.
NOTIFICATION_MAX_BYTES = 4096

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;"
    "color:#111827}h1{font-size:1.4rem}.amount{font-size:2rem;font-weight:bold}"
    "button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem;border-radius:4px;border:0;"
    "cursor:pointer}.pay{background:#1d4ed8;color:#fff}.refuse{background:#e5e7eb}"
    ".note{color:#6b7280;font-size:.9rem}"
)


def _page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>",
        status_code=status_code,
        headers={
            "cache-control": "no-store",
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "form-action 'self'",
            "x-frame-options": "DENY",
        },
    )


async def read_capped(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it is over ``limit`` bytes (on the declared
    length, else counted as it arrives: at most ``limit`` + one chunk is ever held)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _not_found() -> HTMLResponse:
    return _page("Paiement introuvable", "<h1>Paiement introuvable</h1>", 404)


class PaymentSandbox:
    """The sandbox provider's pages and our callback, for every tenant."""

    def __init__(
        self,
        tenants: TenantDirectory,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
    ) -> None:
        self.tenants = tenants
        self.sessions = sessions
        self.settings = settings
        self.provider = SandboxProvider(
            settings.payment_sandbox_secret, settings.payment_sandbox_url or settings.portal_url
        )
        self.return_origins = trusted_origins(settings.portal_url, settings.allowed_origins)

    def _way_back(self, request: Request) -> str | None:
        """The return URL the payment was started with (``retour``), when it is still one
        of the trusted origins' (checked again: the query can be edited); else None."""
        wanted = request.query_params.get(RETURN_PARAM)
        if wanted is None or not is_allowed_return_url(wanted, self.return_origins):
            return None
        return wanted

    async def _intent(
        self, tenant: TenantRef, reference: str
    ) -> tuple[PaymentIntent, Invoice] | None:
        if not 0 < len(reference) <= 100:
            return None
        async with self.sessions() as session:
            intent = await find_intent(session, tenant.id, self.provider.name, reference)
            if intent is None:
                return None
            invoice = await session.scalar(select(Invoice).where(Invoice.id == intent.invoice_id))
        return (intent, invoice) if invoice is not None else None

    async def page(self, request: Request) -> Response:
        """GET: the sandbox « bank » page of an intent."""
        tenant = await self.tenants.get(request.path_params["tenant"])
        if tenant is None:
            return _not_found()
        found = await self._intent(tenant, request.path_params["reference"])
        if found is None:
            return _not_found()
        intent, invoice = found
        action = str(request.url.path)
        back = self._way_back(request)
        if back is not None:
            action += "?" + urlencode({RETURN_PARAM: back})
        action = html.escape(action)
        if intent.status is not PaymentIntentStatus.CREATED:
            return _page(
                "Paiement déjà traité",
                f"<h1>Paiement déjà traité</h1><p>{html.escape(label(intent.status))}.</p>",
            )
        body = (
            "<p class=note>Bac à sable de paiement — aucune carte n'est débitée.</p>"
            f"<h1>{html.escape(tenant.name)}</h1>"
            f"<p>Facture n° {html.escape(invoice.number)}</p>"
            f"<p class=amount>{html.escape(euros(intent.amount_cents))}</p>"
            f'<form method="post" action="{action}">'
            '<button class="pay" name="outcome" value="pay">Payer</button>'
            '<button class="refuse" name="outcome" value="refuse">Refuser le paiement</button>'
            "</form>"
        )
        return _page("Paiement en ligne", body)

    async def pay(self, request: Request) -> Response:
        """POST: the sandbox notifies our callback of the outcome (signed), then redirects."""
        slug = request.path_params["tenant"]
        tenant = await self.tenants.get(slug)
        if tenant is None:
            return _not_found()
        reference = request.path_params["reference"]
        found = await self._intent(tenant, reference)
        if found is None:
            return _not_found()
        intent, _ = found
        # The page's form is one field: read no more than a small body, whatever is sent.
        form = await read_capped(request, NOTIFICATION_MAX_BYTES)
        if form is None:
            return _page("Requête trop longue", "<h1>Requête trop longue</h1>", 413)
        outcome = parse_qs(form.decode("latin-1")).get("outcome", [None])[0]
        status = PaymentIntentStatus.SUCCEEDED if outcome == "pay" else PaymentIntentStatus.FAILED
        notification = Notification(reference, status, intent.amount_cents, secrets.token_hex(4))
        body = self.provider.notification_body(notification)
        # Through the callback's own path (signature check included), in process.
        answer = await self._apply(tenant, body, self.provider.sign(body))
        if answer.status_code != 200:
            logger.error(
                "sandbox notification refused: %s %s",
                answer.status_code,
                bytes(answer.body).decode(errors="replace"),
            )
        back = self._way_back(request)
        query = "" if back is None else "?" + urlencode({RETURN_PARAM: back})
        return RedirectResponse(f"/{slug}/payments/return/{reference}{query}", status_code=303)

    async def notify(self, request: Request) -> Response:
        """POST: the provider's notification (callback)."""
        tenant = await self.tenants.get(request.path_params["tenant"])
        if tenant is None:
            return json_error("Collectivité inconnue.", "UNKNOWN_TENANT", 404)
        if request.path_params["provider"] != self.provider.name:
            return json_error("Prestataire inconnu.", "NOT_FOUND", 404)
        body = await read_capped(request, NOTIFICATION_MAX_BYTES)
        if body is None:
            return json_error("Notification trop longue : 4 Kio au plus.", "PAYLOAD_TOO_LARGE", 413)
        return await self._apply(tenant, body, request.headers.get(SIGNATURE_HEADER))

    async def _apply(self, tenant: TenantRef, body: bytes, signature: str | None) -> Response:
        """A notification's body and signature, checked then applied: what the callback
        does, and what the sandbox's page does in process."""
        if len(body) > NOTIFICATION_MAX_BYTES:
            return json_error("Notification trop longue.", "BAD_NOTIFICATION", 400)
        try:
            notification = self.provider.verify(body, signature)
            today = today_in(tenant.timezone)
            async with self.sessions() as session, session.begin():
                handled = await handle_notification(
                    session,
                    tenant_id=tenant.id,
                    provider=self.provider.name,
                    notification=notification,
                    today=today,
                )
                result = {
                    "status": handled.intent.status.value,
                    "replayed": handled.replayed,
                    "operationNumber": handled.payment.operation_number
                    if handled.payment is not None
                    else None,
                }
        except InvalidNotification as exc:
            logger.warning("payment notification refused: %s", exc)
            return json_error("Notification refusée.", "BAD_NOTIFICATION", 400)
        return JSONResponse(result)

    async def return_page(self, request: Request) -> Response:
        """GET: where the browser lands after the provider's page."""
        slug = request.path_params["tenant"]
        tenant = await self.tenants.get(slug)
        if tenant is None:
            return _not_found()
        found = await self._intent(tenant, request.path_params["reference"])
        if found is None:
            return _not_found()
        intent, invoice = found
        titles = {
            PaymentIntentStatus.SUCCEEDED: "Merci, votre paiement a été accepté.",
            PaymentIntentStatus.FAILED: "Votre paiement a été refusé : aucun montant n'a été "
            "débité.",
            PaymentIntentStatus.CREATED: "Votre paiement est en cours de traitement.",
            PaymentIntentStatus.EXPIRED: "Ce paiement a expiré.",
        }
        portal = html.escape(self._way_back(request) or self.settings.portal_links_base(slug))
        body = (
            f"<h1>{html.escape(titles[intent.status])}</h1>"
            f"<p>Facture n° {html.escape(invoice.number)} — "
            f"{html.escape(euros(intent.amount_cents))}</p>"
            f'<p><a href="{portal}">Retour à mon espace famille</a></p>'
        )
        return _page("Paiement en ligne", body)


def payment_routes(
    tenants: TenantDirectory, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> list[Route]:
    """The routes of online payment (sandbox pages, callback, return page) and of billing
    files (childcare certificates, direct-debit files, treasury exports)."""
    sandbox = PaymentSandbox(tenants, sessions, settings)
    files = BillingFiles(tenants, sessions)
    return [
        Route("/{tenant}/payment-sandbox/{reference}", sandbox.page, methods=["GET"]),
        Route("/{tenant}/payment-sandbox/{reference}", sandbox.pay, methods=["POST"]),
        Route("/{tenant}/payments/notify/{provider}", sandbox.notify, methods=["POST"]),
        Route("/{tenant}/payments/return/{reference}", sandbox.return_page, methods=["GET"]),
        Route(
            "/{tenant}/children/{child_id}/childcare-certificate/{year:int}.pdf",
            files.certificate,
            methods=["GET"],
        ),
        Route(
            "/{tenant}/billing/direct-debit/{batch_id}.xml",
            files.direct_debit_file,
            methods=["GET"],
        ),
        Route("/{tenant}/billing/treasury/{day}.csv", files.treasury_file, methods=["GET"]),
    ]
