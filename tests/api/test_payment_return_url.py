"""invoicePaymentStart's returnUrl (issue 15): the sandbox's return page links back to the
page the payment was started from (the web app's invoices) when that page is on a trusted
origin — the portal's or CRENEAU_ALLOWED_ORIGINS' — and nowhere else: refused when the
payment starts, ignored when the return page's query is edited afterwards."""

from __future__ import annotations

import html
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import PaymentIntent, Tenant
from tests.api.test_payments import arrange, auth, gid
from tests.support.graphql_client import GraphQLClient

PORTAL = "http://127.0.0.1:8000"  # the test app's default CRENEAU_PORTAL_URL
START = """mutation($id: ID!, $back: String) {
  invoicePaymentStart(input: {invoice: $id, returnUrl: $back}) {
    paymentUrl intent { reference } errors { field message code } } }"""


async def test_the_return_page_links_back_to_the_app(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    _, invoice_id, parent, _ = await arrange(session, tenant)
    back = f"{PORTAL}/{tenant.slug}/app/#/factures"
    body = await api.post(
        START, {"id": gid("Invoice", invoice_id), "back": back}, headers=auth(parent)
    )
    started = body["data"]["invoicePaymentStart"]
    assert started["errors"] == [], started
    reference = started["intent"]["reference"]
    path = f"/{tenant.slug}/payment-sandbox/{reference}"
    assert started["paymentUrl"].endswith(f"{path}?retour={quote(back, safe='')}")

    page = await http.get(started["paymentUrl"].removeprefix(PORTAL))
    assert f'action="{html.escape(path)}?retour=' in page.text
    paid = await http.post(f"{path}?retour={quote(back, safe='')}", data={"outcome": "pay"})
    assert paid.status_code == 303
    location = paid.headers["location"]
    assert location.startswith(f"/{tenant.slug}/payments/return/{reference}?retour=")
    returned = await http.get(location)
    assert "votre paiement a été accepté" in returned.text
    assert f'<a href="{html.escape(back)}">' in returned.text

    # Without it, the portal's base, as before.
    plain = await http.get(f"/{tenant.slug}/payments/return/{reference}")
    assert f'<a href="{PORTAL}/{tenant.slug}">' in plain.text


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/saint-ismier/app/",
        "http://127.0.0.1:8000@evil.example/",
        "http://127.0.0.1:8001/app/",
        "https://127.0.0.1:8000/app/",
        "//evil.example/app/",
        "/relative/app/",
        "javascript:alert(1)",
        "http://127.0.0.1:8000\\@evil.example/",
        "http://127.0.0.1:8000/app/ x",
        PORTAL + "/" + "a" * 500,
    ],
)
async def test_a_return_url_elsewhere_is_refused(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, back: str
) -> None:
    _, invoice_id, parent, _ = await arrange(session, tenant)
    body = await api.post(
        START, {"id": gid("Invoice", invoice_id), "back": back}, headers=auth(parent)
    )
    result = body["data"]["invoicePaymentStart"]
    assert result["paymentUrl"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [
        ("RETURN_URL_NOT_ALLOWED", ["returnUrl"])
    ]
    assert "adresse de retour" in result["errors"][0]["message"]
    assert await session.scalar(select(func.count()).select_from(PaymentIntent)) == 0


async def test_an_edited_return_query_falls_back_to_the_portal(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    api: GraphQLClient,
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    http = app_http[0]
    _, invoice_id, parent, _ = await arrange(session, tenant)
    body = await api.post(START, {"id": gid("Invoice", invoice_id)}, headers=auth(parent))
    reference = body["data"]["invoicePaymentStart"]["intent"]["reference"]
    evil = quote("https://evil.example/", safe="")
    page = await http.get(f"/{tenant.slug}/payment-sandbox/{reference}?retour={evil}")
    assert "evil" not in page.text
    paid = await http.post(
        f"/{tenant.slug}/payment-sandbox/{reference}?retour={evil}", data={"outcome": "pay"}
    )
    assert paid.headers["location"] == f"/{tenant.slug}/payments/return/{reference}"
    returned = await http.get(f"/{tenant.slug}/payments/return/{reference}?retour={evil}")
    assert "evil" not in returned.text
    assert f'<a href="{PORTAL}/{tenant.slug}">' in returned.text
