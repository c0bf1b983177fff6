"""The guide's section 6 walked through on the demo town, as the cash office and the families
would: January 2026 is billed, one family pays online in the sandbox (page, pay form, signed
callback), the family on direct debit is debited through a pain.008 file (recorded on its
collection date, not before), and what is left
unpaid after the due date goes to the treasury; each step is what the parent sees in
« Mes factures ».

In process (the real ASGI app over httpx) rather than on the live e2e server: the treasury
step needs the due dates to be past, so the test moves the tenant's clock forward by a month
(``kernel.clock``, which computes the tenant's "today", reads a patched ``utcnow``). Every date is
derived from the tenant's real today, so the walk works on any later day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

import kernel.clock
import resolvers.billing
import resolvers.payments
import server.payment_sandbox
from models import Tenant
from models.base import utcnow as real_utcnow
from models.engine import create_session_factory
from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_demo_town
from seed.demo_town.town_data import TENANT_SETTINGS

SLUG = "saint-ismier"
ONLINE_PARENT = "elodie.devaille@example.fr"  # DEVAILLÉ: not on direct debit
OTHER_PARENT = "julien.roussel@example.fr"  # ROUSSEL: not on direct debit, pays nothing
DEBIT_PARENT = "nathalie.morel@example.fr"  # MOREL: on direct debit
PAIN_008 = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"

BILL = """mutation { billingRun(input: {month: "2026-01", preview: false}) {
  invoiceCount totalCents errors { code message } } }"""
MINE = """{ invoices(first: 100) { edges { node {
  id number issuedOn dueOn issuer periodStart periodEnd totalCents paidCents remainingCents
  status statusLabel pdfUrl
  lines { label quantity unitPriceCents amountCents }
  payments { operationNumber paidOn method methodLabel amountCents } } } } }"""
START = """mutation($id: ID!) { invoicePaymentStart(input: {invoiceId: $id}) {
  paymentUrl intent { reference amountCents status } errors { code message } } }"""
DEBIT_PREPARE = """mutation($date: Date!) { directDebitPrepare(input: {collectionDate: $date}) {
  created batch { status transactionCount totalCents fileUrl invoices { number } }
  skipped { invoice { number } reason } errors { code message } } }"""
DEBIT_EXECUTE = """mutation($date: Date!) { directDebitExecute(input: {collectionDate: $date}) {
  batch { status } payments { method amountCents paidOn invoice { number } }
  errors { code message } } }"""
TREASURY = """mutation($asOf: Date!) { treasuryTransmit(input: {asOf: $asOf}) {
  transmittedOn exportUrl invoices { number status } errors { code message } } }"""


class Clock:
    """The tenant's clock as the billing resolvers and the payment callback read it."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def now(self) -> dt.datetime:
        return real_utcnow() + self.offset

    def today(self) -> dt.date:
        return self.now().astimezone(ZoneInfo("Europe/Paris")).date()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A clock the test can move forward (starts at the real now)."""
    clock = Clock()
    # kernel.clock computes every tenant's "today"; the others read utcnow directly.
    for module in (
        kernel.clock,
        resolvers.billing,
        resolvers.payments,
        server.payment_sandbox,
    ):
        if hasattr(module, "utcnow"):
            monkeypatch.setattr(module, "utcnow", clock.now)
    return clock


class Person:
    """Someone signed in to the demo's GraphQL endpoint (keeps the bearer token)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.headers: dict[str, str] = {}

    async def sign_in(self, email: str) -> Person:
        data = await self(
            "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
            "{ token errors { message } } }",
            e=email,
            p=DEMO_PASSWORD,
        )
        assert data["login"]["errors"] == [], data
        self.headers = {"authorization": f"Bearer {data['login']['token']}"}
        return self

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            f"/{SLUG}/graphql",
            json={"query": query, "variables": variables},
            headers=self.headers,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def invoices(self) -> list[dict[str, Any]]:
        return [edge["node"] for edge in (await self(MINE))["invoices"]["edges"]]

    async def january(self) -> dict[str, Any]:
        """The family's invoice of January 2026 (one per payer)."""
        [invoice] = [i for i in await self.invoices() if i["periodStart"] == "2026-01-01"]
        return invoice

    async def get(self, url: str) -> httpx.Response:
        return await self.http.get(url, headers=self.headers)


def _check_invoice(invoice: dict[str, Any], today: dt.date) -> None:
    """What « Mes factures » shows of a new invoice: number, dates, lines, amounts, status."""
    assert re.fullmatch(r"20\d\d-\d\d-\d{4}", invoice["number"]), invoice["number"]
    assert (invoice["periodStart"], invoice["periodEnd"]) == ("2026-01-01", "2026-01-31")
    assert invoice["issuedOn"] == today.isoformat()
    assert dt.date.fromisoformat(invoice["dueOn"]) > today
    assert invoice["issuer"]
    assert invoice["lines"], invoice
    for line in invoice["lines"]:
        assert line["label"] and line["quantity"] > 0
        assert line["amountCents"] == line["quantity"] * line["unitPriceCents"]
    assert invoice["totalCents"] == sum(line["amountCents"] for line in invoice["lines"]) > 0
    assert invoice["paidCents"] == 0 and invoice["remainingCents"] == invoice["totalCents"]
    assert (invoice["status"], invoice["statusLabel"]) == ("ISSUED", "À payer")
    assert invoice["payments"] == []


async def test_guide_section_6_on_the_demo_town(
    engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine], clock: Clock
) -> None:
    sessions = create_session_factory(engine)
    await load_demo_town(sessions)
    http = app_http[0]
    today = clock.today()
    staff = await Person(http).sign_in(DEMO_STAFF_EMAIL)
    online = await Person(http).sign_in(ONLINE_PARENT)
    other = await Person(http).sign_in(OTHER_PARENT)
    debited = await Person(http).sign_in(DEBIT_PARENT)

    # The cash office bills January 2026: one invoice per paying family.
    billed = (await staff(BILL))["billingRun"]
    assert billed["errors"] == [] and billed["invoiceCount"] >= 3, billed
    assert billed["totalCents"] > 0

    # « Mes factures »: the parent sees the new invoice and downloads its PDF.
    mine = await online.january()
    _check_invoice(mine, today)
    pdf = await online.get(mine["pdfUrl"])
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 1000
    assert (await other.get(mine["pdfUrl"])).status_code in (403, 404)  # not theirs

    # « Payer en ligne »: the sandbox page, the pay form, the signed callback.
    started = (await online(START, id=mine["id"]))["invoicePaymentStart"]
    assert started["errors"] == [], started
    assert started["intent"]["amountCents"] == mine["remainingCents"]
    page_path = urlsplit(started["paymentUrl"]).path
    assert page_path == f"/{SLUG}/payment-sandbox/{started['intent']['reference']}"
    page = await http.get(page_path)
    assert page.status_code == 200 and mine["number"] in page.text
    assert 'name="outcome" value="pay"' in page.text
    paid = await http.post(page_path, data={"outcome": "pay"})  # what the browser sends
    assert paid.status_code == 303
    back = await http.get(paid.headers["location"])
    assert back.status_code == 200
    mine = await online.january()
    assert (mine["status"], mine["statusLabel"]) == ("PAID", "Payée")
    assert mine["remainingCents"] == 0 and mine["paidCents"] == mine["totalCents"]
    [card] = mine["payments"]
    assert (card["method"], card["amountCents"], card["paidOn"]) == (
        "CARD",
        mine["totalCents"],
        today.isoformat(),
    )
    assert card["operationNumber"] and card["methodLabel"]
    # The notification replayed by the provider records nothing more.
    assert (await http.post(page_path, data={"outcome": "pay"})).status_code in (303, 404)
    assert len((await online.january())["payments"]) == 1

    # Direct debit: the file for the MOREL invoice's due date (after today).
    morel = await debited.january()
    _check_invoice(morel, today)
    started = (await debited(START, id=morel["id"]))["invoicePaymentStart"]
    assert started["paymentUrl"] is None and started["errors"], started  # on direct debit
    collection = morel["dueOn"]
    prepared = (await staff(DEBIT_PREPARE, date=collection))["directDebitPrepare"]
    assert prepared["errors"] == [] and prepared["created"], prepared
    batch = prepared["batch"]
    assert morel["number"] in [i["number"] for i in batch["invoices"]]
    assert batch["status"] == "PREPARED"
    xml = await staff.get(batch["fileUrl"])
    assert xml.status_code == 200
    text = xml.content.decode()
    assert PAIN_008 in text
    assert "SI-ENF-004388-01" in text  # MOREL's mandate reference
    assert TENANT_SETTINGS["sepaCreditor"]["creditorId"] in text  # type: ignore[index]
    assert f"{morel['totalCents'] // 100}.{morel['totalCents'] % 100:02d}" in text
    assert (await debited.get(batch["fileUrl"])).status_code in (403, 404)
    # The bank debits on the collection date: recording it before is refused.
    early = (await staff(DEBIT_EXECUTE, date=collection))["directDebitExecute"]
    assert early["batch"] is None and early["payments"] == [], early
    assert [e["code"] for e in early["errors"]] == ["NOT_YET_COLLECTED"], early
    assert (await debited.january())["status"] == "ISSUED"
    clock.offset = dt.timedelta(days=(dt.date.fromisoformat(collection) - today).days)
    assert clock.today().isoformat() == collection
    executed = (await staff(DEBIT_EXECUTE, date=collection))["directDebitExecute"]
    assert executed["errors"] == [] and executed["batch"]["status"] == "EXECUTED"
    assert {
        "method": "DIRECT_DEBIT",
        "amountCents": morel["totalCents"],
        "paidOn": collection,
        "invoice": {"number": morel["number"]},
    } in executed["payments"]
    morel = await debited.january()
    assert morel["status"] == "PAID" and morel["remainingCents"] == 0
    assert [p["method"] for p in morel["payments"]] == ["DIRECT_DEBIT"]

    # A month later, the due dates are past: what is left goes to the treasury.
    left = await other.january()
    _check_invoice(left, today)
    due = dt.date.fromisoformat(left["dueOn"])
    clock.offset = dt.timedelta(days=(due - today).days + 1)
    as_of = clock.today()
    assert as_of > due
    started = (await other(START, id=left["id"]))["invoicePaymentStart"]
    assert started["paymentUrl"] is None and started["errors"], started  # too late online
    sent = (await staff(TREASURY, asOf=as_of.isoformat()))["treasuryTransmit"]
    assert sent["errors"] == [] and sent["transmittedOn"] == as_of.isoformat(), sent
    numbers = [i["number"] for i in sent["invoices"]]
    assert left["number"] in numbers
    assert mine["number"] not in numbers and morel["number"] not in numbers
    assert {i["status"] for i in sent["invoices"]} == {"TRANSMITTED_TO_TREASURY"}

    left = await other.january()
    assert (left["status"], left["statusLabel"]) == (
        "TRANSMITTED_TO_TREASURY",
        "Transmis en trésorerie",
    )
    assert left["remainingCents"] == left["totalCents"]
    assert (await online.january())["status"] == "PAID"
    assert (await debited.january())["status"] == "PAID"
    for person in (online, other, debited):  # every open invoice of theirs went too
        for invoice in await person.invoices():
            if invoice["status"] in ("ISSUED", "PARTIALLY_PAID"):
                assert dt.date.fromisoformat(invoice["dueOn"]) >= as_of, invoice

    exported = await staff.get(sent["exportUrl"])
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Numéro de facture"
    assert sorted(row[0] for row in rows[1:]) == sorted(numbers)
    row = next(r for r in rows[1:] if r[0] == left["number"])
    assert any(_euros(left["totalCents"]) in cell for cell in row), row
    assert (await other.get(sent["exportUrl"])).status_code in (403, 404)


def _euros(cents: int) -> str:
    """« 68,60 »: an amount as the treasury export may write it (checked as a substring)."""
    return f"{cents // 100},{cents % 100:02d}"


async def test_a_demo_loaded_before_gets_its_sepa_creditor(engine: AsyncEngine) -> None:
    """`creneau demo` on a database whose demo predates the creditor adds it, and only it."""
    sessions = create_session_factory(engine)
    await load_demo_town(sessions)
    async with sessions() as session, session.begin():
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == SLUG))).one()
        tenant.settings = {"autoAcceptedChanges": [], "invoice_due_days": 20}

    summary = await load_demo_town(sessions)

    assert summary.created is False
    async with sessions() as session:
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == SLUG))).one()
    assert tenant.settings == {
        "autoAcceptedChanges": [],
        "invoice_due_days": 20,
        "sepaCreditor": TENANT_SETTINGS["sepaCreditor"],
    }
