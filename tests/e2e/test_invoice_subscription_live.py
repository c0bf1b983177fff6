"""``invoiceIssued`` against a real server: when staff bill a month, each family's app
receives its own new invoice at once (from the event log the billing run writes in its
transaction), and nobody receives another family's."""

from __future__ import annotations

import asyncio

from tests.e2e.conftest import LiveServer
from tests.subscriptions.support import OTHER_PARENT, PARENT, STAFF, Api, WSClient

INVOICES = """
subscription($after: String) {
  invoiceIssued(after: $after) { cursor number totalCents invoice { id number totalCents } }
}
"""
# October 2026 of the demo's current school year (attended, over): no other test bills it.
BILL_OCTOBER = """mutation { billingRun(input: {month: "2026-10", preview: false}) {
  invoiceCount errors { code message } } }"""
MY_INVOICES = "{ invoices(first: 50, where: {year: 2026}) { edges { node { id number } } } }"


def _own_october_invoices(api: Api) -> set[str]:
    edges = api(MY_INVOICES)["invoices"]["edges"]
    return {e["node"]["id"] for e in edges if e["node"]["number"].startswith("2026-10")}


async def test_each_family_receives_its_own_new_invoice(live_server: LiveServer) -> None:
    parent = Api(live_server.graphql_url, PARENT)
    other = Api(live_server.graphql_url, OTHER_PARENT)
    staff = Api(live_server.graphql_url, STAFF)
    parent_ws = await WSClient.open(live_server.ws_url, parent.token)
    other_ws = await WSClient.open(live_server.ws_url, other.token)
    try:
        parent_op = await parent_ws.subscribe(INVOICES)
        other_op = await other_ws.subscribe(INVOICES)
        await asyncio.sleep(1.0)  # the protocol has no subscription ack
        billed = staff(BILL_OCTOBER)["billingRun"]
        assert billed["errors"] == [] and billed["invoiceCount"] >= 2, billed

        for api, client, op in ((parent, parent_ws, parent_op), (other, other_ws, other_op)):
            received = (await client.data(op))["invoiceIssued"]
            assert received["number"].startswith("2026-10")
            assert received["invoice"] == {
                "id": received["invoice"]["id"],
                "number": received["number"],
                "totalCents": received["totalCents"],
            }
            # Exactly the family's own invoice, and nothing of the other families'.
            assert _own_october_invoices(api) == {received["invoice"]["id"]}
            assert await client.silent(op, 1.5)
    finally:
        await parent_ws.close()
        await other_ws.close()
