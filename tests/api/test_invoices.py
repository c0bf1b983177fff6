"""Invoices over the API: the staff billing run (preview, idempotence), « Mes factures » for
parents, credit notes, the PDF download, who may see and do what, batched reads."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import GlobalID

from models import Invoice, Tenant
from tests import factories
from tests.factories.billing import BilledTown, make_billed_town, mondays
from tests.factories.family import make_account_with_token, make_staff_account_with_token
from tests.factories.requests import make_booking
from tests.support.graphql_client import GraphQLClient, StatementCounter

MONTH = "2026-09"

BILL = """mutation($month: String!, $preview: Boolean!) {
  billingRun(input: {month: $month, preview: $preview}) {
    run { month status statusLabel invoiceCount }
    preview alreadyBilled invoiceCount totalCents bookingCount message
    invoices { familyName totalCents lines { kind label quantity unitPriceCents amountCents } }
    errors { field message code }
  } }"""
INVOICES = """query($where: InvoiceFilter) { invoices(first: 20, where: $where) {
  totalCount
  edges { node {
    id number kind kindLabel issuedOn dueOn issuer periodStart periodEnd totalCents
    paidCents creditedCents remainingCents status statusLabel pdfUrl
    family { name }
    lines { id kind kindLabel label quantity unitPriceCents amountCents child { firstName } }
  } } } }"""
CREDIT = """mutation($input: InvoiceCreditInput!) { invoiceCredit(input: $input) {
  creditNote { number kind totalCents remainingCents creditedInvoice { number }
    lines { label quantity unitPriceCents amountCents } }
  invoice { number status totalCents creditedCents remainingCents lines { quantity } }
  errors { field message code } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on Invoice { number } } }"


async def call(api: GraphQLClient, token: str | None, query: str, variables: Any = None) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def data(api: GraphQLClient, token: str | None, query: str, variables: Any = None) -> Any:
    body = await call(api, token, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def _populate(session: AsyncSession, tenant: Tenant, households: int) -> BilledTown:
    """Households booked on 2, 3… Mondays of September 2026, two children each."""
    town = await make_billed_town(session, tenant, households=households, children=2)
    for index, home in enumerate(town.households):
        for child in home.children:
            for day in mondays()[: 2 + index]:
                await make_booking(session, child, town.town.slots[1], day)
    await session.commit()
    return town


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> BilledTown:
    return await _populate(session, tenant, 2)


async def _bill(api: GraphQLClient, town: BilledTown) -> dict[str, Any]:
    result = (await data(api, town.staff, BILL, {"month": MONTH, "preview": False}))["billingRun"]
    assert result["errors"] == []
    return dict(result)


async def _my_invoices(api: GraphQLClient, token: str) -> list[dict[str, Any]]:
    result = (await data(api, token, INVOICES))["invoices"]
    assert result["totalCount"] == len(result["edges"])
    return [edge["node"] for edge in result["edges"]]


async def test_staff_preview_then_bill_then_nothing_new(
    session: AsyncSession, api: GraphQLClient, town: BilledTown
) -> None:
    preview = (await data(api, town.staff, BILL, {"month": MONTH, "preview": True}))["billingRun"]
    assert preview["preview"] and preview["run"] is None and preview["errors"] == []
    assert preview["invoiceCount"] == 2 and preview["bookingCount"] == 4 + 6
    assert preview["totalCents"] == 10 * 210
    assert preview["invoices"][0]["lines"][0]["amountCents"] == 2 * 210
    assert await session.scalar(select(func.count()).select_from(Invoice)) == 0

    billed = await _bill(api, town)
    assert billed["run"]["status"] == "COMPLETED" and billed["run"]["month"] == MONTH
    assert billed["invoiceCount"] == 2 and not billed["alreadyBilled"]
    assert billed["message"] == "2 factures émises pour 09/2026."

    again = await _bill(api, town)
    assert again["alreadyBilled"] and again["totalCents"] == 0
    assert "déjà été facturé" in again["message"]
    assert await session.scalar(select(func.count()).select_from(Invoice)) == 2


async def test_a_month_not_over_and_a_bad_month_are_payload_errors(
    api: GraphQLClient, town: BilledTown
) -> None:
    body = await data(api, town.staff, BILL, {"month": "2999-01", "preview": True})
    assert body["billingRun"]["errors"][0]["code"] == "MONTH_NOT_OVER"
    body = await data(api, town.staff, BILL, {"month": "janvier", "preview": True})
    assert body["billingRun"]["errors"] == [
        {
            "field": ["month"],
            "message": "Le mois doit être au format AAAA-MM (2026-01).",
            "code": "INVALID_MONTH",
        }
    ]


async def test_parents_see_their_own_invoices_only(api: GraphQLClient, town: BilledTown) -> None:
    await _bill(api, town)
    first = await _my_invoices(api, town.parents[0])
    second = await _my_invoices(api, town.parents[1])
    assert len(first) == len(second) == 1
    mine = first[0]
    assert mine["kind"] == "INVOICE" and mine["kindLabel"] == "Facture"
    assert mine["status"] == "ISSUED" and mine["statusLabel"] == "À payer"
    assert mine["periodStart"] == "2026-09-01" and mine["periodEnd"] == "2026-09-30"
    assert mine["totalCents"] == 4 * 210 == sum(line["amountCents"] for line in mine["lines"])
    assert mine["paidCents"] == 0 and mine["remainingCents"] == mine["totalCents"]
    assert mine["pdfUrl"] == f"/{town.tenant.slug}/invoices/{mine['id']}.pdf"
    assert mine["number"] != second[0]["number"]
    # Another family's invoice is not reachable by its ID either.
    node = await data(api, town.parents[0], NODE, {"id": second[0]["id"]})
    assert node["node"] is None
    line = await data(api, town.parents[0], NODE, {"id": second[0]["lines"][0]["id"]})
    assert line["node"] is None
    # A parent's family filter cannot widen their list.
    other = str(GlobalID("Family", str(town.families[1])))
    listed = await data(api, town.parents[0], INVOICES, {"where": {"family": other}})
    assert listed["invoices"]["edges"] == []
    # Staff see every family's, and can filter.
    staff = await _my_invoices(api, town.staff)
    assert len(staff) == 2
    paid = await data(api, town.staff, INVOICES, {"where": {"status": {"eq": "PAID"}}})
    assert paid["invoices"]["totalCount"] == 0


async def test_parents_cannot_bill_nor_credit(api: GraphQLClient, town: BilledTown) -> None:
    await _bill(api, town)
    body = await call(api, town.parents[0], BILL, {"month": MONTH, "preview": True})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    (mine,) = await _my_invoices(api, town.parents[0])
    body = await call(
        api,
        town.parents[0],
        CREDIT,
        {"input": {"invoice": mine["id"], "amountCents": 100, "reason": "Geste"}},
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await call(api, None, INVOICES)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_staff_of_another_tenant_see_nothing(
    session: AsyncSession, api: GraphQLClient, town: BilledTown
) -> None:
    await _bill(api, town)
    (mine,) = await _my_invoices(api, town.parents[0])
    other = await factories.make_tenant(session)
    _, stranger = await make_staff_account_with_token(session, other)
    await session.commit()
    # Their token on our endpoint is refused; on theirs, our invoice does not exist.
    body = await call(api, stranger, INVOICES)
    assert "errors" in body
    theirs = await api.post(
        NODE, {"id": mine["id"]}, tenant=other.slug, headers={"authorization": f"Bearer {stranger}"}
    )
    assert theirs["data"]["node"] is None
    listed = await api.post(
        INVOICES, {}, tenant=other.slug, headers={"authorization": f"Bearer {stranger}"}
    )
    assert listed["data"]["invoices"]["totalCount"] == 0
    credit = await api.post(
        CREDIT,
        {"input": {"invoice": mine["id"], "amountCents": 100, "reason": "Geste"}},
        tenant=other.slug,
        headers={"authorization": f"Bearer {stranger}"},
    )
    assert credit["data"]["invoiceCredit"]["errors"][0]["code"] == "NOT_FOUND"


async def test_credit_note_corrects_without_editing(api: GraphQLClient, town: BilledTown) -> None:
    await _bill(api, town)
    (mine,) = await _my_invoices(api, town.parents[0])
    line = mine["lines"][0]
    result = (
        await data(
            api,
            town.staff,
            CREDIT,
            {
                "input": {
                    "invoice": mine["id"],
                    "creditedLines": [{"line": line["id"], "quantity": 1}],
                    "reason": "Absence justifiée par certificat médical",
                }
            },
        )
    )["invoiceCredit"]
    assert result["errors"] == []
    note = result["creditNote"]
    assert note["kind"] == "CREDIT_NOTE" and note["totalCents"] == 210
    assert note["creditedInvoice"]["number"] == mine["number"]
    assert note["remainingCents"] == 0 and note["number"] != mine["number"]
    assert result["invoice"]["totalCents"] == mine["totalCents"]  # never edited
    assert [x["quantity"] for x in result["invoice"]["lines"]] == [
        x["quantity"] for x in mine["lines"]
    ]
    assert result["invoice"]["creditedCents"] == 210
    assert result["invoice"]["remainingCents"] == mine["totalCents"] - 210

    too_much = (
        await data(
            api,
            town.staff,
            CREDIT,
            {"input": {"invoice": mine["id"], "amountCents": 10_000, "reason": "Erreur"}},
        )
    )["invoiceCredit"]
    assert too_much["creditNote"] is None
    assert too_much["errors"][0]["code"] == "AMOUNT_TOO_HIGH"
    assert "6,30" in too_much["errors"][0]["message"]

    rest = (
        await data(
            api,
            town.staff,
            CREDIT,
            {"input": {"invoice": mine["id"], "amountCents": 630, "reason": "Annulation"}},
        )
    )["invoiceCredit"]
    assert rest["invoice"]["status"] == "CANCELLED" and rest["invoice"]["remainingCents"] == 0
    # The parent sees the credit notes in their list.
    kinds = sorted(i["kind"] for i in await _my_invoices(api, town.parents[0]))
    assert kinds == ["CREDIT_NOTE", "CREDIT_NOTE", "INVOICE"]


async def test_pdf_download_rules(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], api: GraphQLClient, town: BilledTown
) -> None:
    http = app_http[0]
    await _bill(api, town)
    (mine,) = await _my_invoices(api, town.parents[0])
    url = mine["pdfUrl"]
    own = await http.get(url, headers={"authorization": f"Bearer {town.parents[0]}"})
    assert own.status_code == 200, own.text
    assert own.headers["content-type"] == "application/pdf"
    assert own.content.startswith(b"%PDF")
    assert "facture-2026-09-" in own.headers["content-disposition"]
    staff = await http.get(url, headers={"authorization": f"Bearer {town.staff}"})
    assert staff.status_code == 200
    other = await http.get(url, headers={"authorization": f"Bearer {town.parents[1]}"})
    assert other.status_code == 404
    anonymous = await http.get(url)
    assert anonymous.status_code == 401
    garbage = await http.get(
        f"/{town.tenant.slug}/invoices/nope.pdf", headers={"authorization": f"Bearer {town.staff}"}
    )
    assert garbage.status_code == 404


async def test_reporting_accounts_read_no_invoice(
    session: AsyncSession, api: GraphQLClient, town: BilledTown
) -> None:
    from models.account import Role

    await _bill(api, town)
    _, reporting = await make_account_with_token(session, town.tenant, role=Role.REPORTING)
    await session.commit()
    body = await call(api, reporting, INVOICES)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_list_costs_the_same_statements_whatever_its_length(
    session: AsyncSession, api: GraphQLClient, town: BilledTown, statements: StatementCounter
) -> None:
    await _bill(api, town)
    with statements.counting() as few:
        await data(api, town.staff, INVOICES)
    # The same families billed in October too: twice the invoices, the same statements.
    await _add_october(session, town)
    await data(api, town.staff, BILL, {"month": "2026-10", "preview": False})
    with statements.counting() as many:
        body = await data(api, town.staff, INVOICES)
    assert body["invoices"]["totalCount"] > 2
    assert len(many) == len(few)


async def _add_october(session: AsyncSession, town: BilledTown) -> None:
    import datetime as dt

    from models import Child, Slot

    slot = await session.scalar(
        select(Slot).where(Slot.tenant_id == town.tenant.id, Slot.weekday == 1)
    )
    children = list(await session.scalars(select(Child).where(Child.tenant_id == town.tenant.id)))
    assert slot is not None
    for child in children:
        await make_booking(session, child, slot, dt.date(2026, 10, 5))
    await session.commit()


PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  invoices(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { number } } pageInfo { hasNextPage hasPreviousPage } } }"""


async def test_staff_page_through_invoices_newest_first_both_ways(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await _populate(session, tenant, 3)
    await _bill(api, town)
    everything = (await data(api, town.staff, PAGE, {"first": 10}))["invoices"]["edges"]
    numbers = [edge["node"]["number"] for edge in everything]
    assert len(numbers) == 3 and numbers == sorted(numbers, reverse=True)

    first = (await data(api, town.staff, PAGE, {"first": 2}))["invoices"]
    assert [e["node"]["number"] for e in first["edges"]] == numbers[:2]
    assert first["pageInfo"]["hasNextPage"]
    rest = await data(api, town.staff, PAGE, {"first": 2, "after": first["edges"][1]["cursor"]})
    assert [e["node"]["number"] for e in rest["invoices"]["edges"]] == numbers[2:]
    assert not rest["invoices"]["pageInfo"]["hasNextPage"]

    oldest = (await data(api, town.staff, PAGE, {"last": 1}))["invoices"]
    assert [e["node"]["number"] for e in oldest["edges"]] == numbers[2:]
    assert oldest["pageInfo"]["hasPreviousPage"]
    newer = await data(api, town.staff, PAGE, {"last": 5, "before": oldest["edges"][0]["cursor"]})
    assert [e["node"]["number"] for e in newer["invoices"]["edges"]] == numbers[:2]
