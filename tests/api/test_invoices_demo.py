"""The demo town's January 2026 is billed by the real run, as staff would on 1 February:
the families see their new invoice next to the demo's earlier ones, with its PDF."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from models.engine import create_session_factory
from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_demo_town

PARENT = "julien.roussel@example.fr"
BILL = """mutation($preview: Boolean!) { billingRun(input: {month: "2026-01", preview: $preview}) {
  preview alreadyBilled invoiceCount totalCents bookingCount message
  invoices { familyName totalCents lines { label quantity unitPriceCents amountCents } }
  errors { code message } } }"""
MINE = """{ invoices(first: 20) { totalCount edges { node {
  number kind issuedOn periodStart totalCents paidCents remainingCents status pdfUrl
  lines { label quantity unitPriceCents amountCents } } } } }"""


async def _login(http: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await http.post(
        "/saint-ismier/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: "
            "$p}) { token } }",
            "variables": {"e": email, "p": DEMO_PASSWORD},
        },
    )
    return {"authorization": f"Bearer {response.json()['data']['login']['token']}"}


async def _post(http: httpx.AsyncClient, headers: dict[str, str], query: str, **v: Any) -> Any:
    response = await http.post(
        "/saint-ismier/graphql", json={"query": query, "variables": v}, headers=headers
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_january_of_the_demo_is_billed_by_the_real_run(
    engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    await load_demo_town(create_session_factory(engine))
    http = app_http[0]
    staff = await _login(http, DEMO_STAFF_EMAIL)
    parent = await _login(http, PARENT)
    before = (await _post(http, parent, MINE))["invoices"]

    preview = (await _post(http, staff, BILL, preview=True))["billingRun"]
    assert preview["errors"] == [] and preview["invoiceCount"] > 0
    billed = (await _post(http, staff, BILL, preview=False))["billingRun"]
    assert billed["invoiceCount"] == preview["invoiceCount"]
    assert billed["totalCents"] == preview["totalCents"] > 0
    again = (await _post(http, staff, BILL, preview=False))["billingRun"]
    assert again["alreadyBilled"]
    december = await _post(http, staff, BILL.replace("2026-01", "2025-12"), preview=True)
    assert december["billingRun"]["alreadyBilled"]  # the demo billed it already

    after = (await _post(http, parent, MINE))["invoices"]
    assert after["totalCount"] == before["totalCount"] + 1
    newest = after["edges"][0]["node"]
    assert newest["number"].startswith("2026-01-") and newest["periodStart"] == "2026-01-01"
    assert newest["status"] == "ISSUED" and newest["remainingCents"] == newest["totalCents"]
    assert newest["totalCents"] == sum(line["amountCents"] for line in newest["lines"])
    pdf = await http.get(newest["pdfUrl"], headers=parent)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
