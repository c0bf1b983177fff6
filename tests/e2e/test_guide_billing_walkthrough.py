"""The guide's section 6 against the live demo server, on the real clock: staff bill January
2026, a family pays online through the sandbox's page (a real browser form POST, the signed
callback, the return page), the family on direct debit gets its pain.008 file (with the
pre-notification mail; executing it is refused before its collection date), and the
invoices unpaid after their due date go to the treasury.

The server's clock cannot be moved, so the invoices just billed are not late yet: the
treasury step transmits the demo's earlier invoices left unpaid, and the January one still
open stays payable. The in-process walk (tests/api/test_billing_walkthrough_demo.py) moves
the clock past the January due dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx

from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from tests.e2e.conftest import LiveServer
from tests.e2e.test_guide_walkthrough import Client, _mail_to

ONLINE_PARENT = "elodie.devaille@example.fr"  # DEVAILLÉ: not on direct debit
OTHER_PARENT = "julien.roussel@example.fr"  # ROUSSEL: not on direct debit
DEBIT_PARENT = "nathalie.morel@example.fr"  # MOREL: on direct debit
MINE = """{ invoices(first: 100) { edges { node {
  id number issuedOn dueOn periodStart totalCents paidCents remainingCents status statusLabel
  pdfUrl lines { amountCents } payments { method amountCents paidOn } } } } }"""


def _invoices(person: Client) -> list[dict[str, Any]]:
    return [edge["node"] for edge in person(MINE)["invoices"]["edges"]]


def _january(person: Client) -> dict[str, Any]:
    [invoice] = [i for i in _invoices(person) if i["periodStart"] == "2026-01-01"]
    return invoice


def test_section_6_of_the_guide(live_server: LiveServer, http_client: httpx.Client) -> None:
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    people = {}
    for address in (DEMO_STAFF_EMAIL, ONLINE_PARENT, OTHER_PARENT, DEBIT_PARENT):
        people[address] = Client(http_client, live_server.graphql_url)
        people[address].login(address, DEMO_PASSWORD)
    staff, online, other, debited = people.values()

    billed = staff(
        """mutation { billingRun(input: {month: "2026-01", preview: false}) {
             invoiceCount totalCents errors { code message } } }"""
    )["billingRun"]
    assert billed["errors"] == [] and billed["invoiceCount"] >= 3, billed

    # « Mes factures » and the PDF.
    mine = _january(online)
    assert (mine["status"], mine["statusLabel"]) == ("ISSUED", "À payer")
    assert mine["issuedOn"] == today.isoformat() and mine["dueOn"] > today.isoformat()
    assert mine["totalCents"] == sum(line["amountCents"] for line in mine["lines"]) > 0
    assert mine["remainingCents"] == mine["totalCents"]
    headers = {"authorization": f"Bearer {online.token}"}
    pdf = http_client.get(mine["pdfUrl"], headers=headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 1000

    # « Payer en ligne »: the sandbox page, its form posted as a browser would.
    started = online(
        """mutation($id: ID!) { invoicePaymentStart(input: {invoiceId: $id}) {
             paymentUrl errors { code } } }""",
        id=mine["id"],
    )["invoicePaymentStart"]
    assert started["errors"] == [], started
    page_path = urlsplit(started["paymentUrl"]).path
    page = http_client.get(page_path)
    assert page.status_code == 200 and mine["number"] in page.text
    posted = http_client.post(page_path, data={"outcome": "pay"})
    assert posted.status_code == 303, posted.text
    assert http_client.get(posted.headers["location"]).status_code == 200
    mine = _january(online)
    assert (mine["status"], mine["remainingCents"]) == ("PAID", 0)
    assert [(p["method"], p["amountCents"]) for p in mine["payments"]] == [
        ("CARD", mine["totalCents"])
    ]

    # Direct debit on the MOREL invoice's due date: the file, the mail, the execution.
    morel = _january(debited)
    collection = morel["dueOn"]
    prepared = staff(
        """mutation($d: Date!) { directDebitPrepare(input: {collectionDate: $d}) {
             batch { fileUrl invoices { number } } errors { code message } } }""",
        d=collection,
    )["directDebitPrepare"]
    assert prepared["errors"] == [], prepared
    assert morel["number"] in [i["number"] for i in prepared["batch"]["invoices"]]
    xml = http_client.get(
        prepared["batch"]["fileUrl"], headers={"authorization": f"Bearer {staff.token}"}
    )
    assert xml.status_code == 200
    assert "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02" in xml.text
    assert "<MndtId>SI-ENF-004388-01</MndtId>" in xml.text
    assert f"{morel['totalCents'] // 100}.{morel['totalCents'] % 100:02d}" in xml.text
    mail = _mail_to(
        live_server.var_dir / "mail", DEBIT_PARENT, f"Prélèvement de la facture {morel['number']}"
    )
    assert "SI-ENF-004388-01" in mail
    # The collection date is still ahead on the server's clock: the bank has debited
    # nothing, so recording the debit is refused and the invoice stays to pay.
    executed = staff(
        """mutation($d: Date!) { directDebitExecute(input: {collectionDate: $d}) {
             batch { status } errors { code } } }""",
        d=collection,
    )["directDebitExecute"]
    assert executed == {"batch": None, "errors": [{"code": "NOT_YET_COLLECTED"}]}
    morel = _january(debited)
    assert morel["status"] == "ISSUED" and morel["payments"] == []

    # The treasury: what is left unpaid after its due date, as of today.
    late = [
        i
        for person in (online, other, debited)
        for i in _invoices(person)
        if i["status"] in ("ISSUED", "PARTIALLY_PAID") and i["dueOn"] < today.isoformat()
    ]
    sent = staff(
        """mutation($d: Date!) { treasuryTransmit(input: {asOf: $d}) {
             transmittedOn exportUrl invoices { number status } errors { code message } } }""",
        d=today.isoformat(),
    )["treasuryTransmit"]
    assert sent["errors"] == [], sent
    numbers = {i["number"] for i in sent["invoices"]}
    # The invoices waiting in the direct-debit file are the bank's, not the treasury's.
    pending = {i["number"] for i in prepared["batch"]["invoices"]}
    assert {i["number"] for i in late} - pending <= numbers
    assert not pending & numbers
    for person in (online, other, debited):
        for invoice in _invoices(person):
            if invoice["number"] in numbers:
                assert invoice["statusLabel"] == "Transmis en trésorerie", invoice
    assert _january(other)["status"] == "ISSUED"  # not late yet
    exported = http_client.get(
        sent["exportUrl"], headers={"authorization": f"Bearer {staff.token}"}
    )
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Numéro de facture"
    assert {row[0] for row in rows[1:]} >= numbers
