"""priceListCreate over HTTP and the PriceList node: dated lists with their brackets and
reductions, read by staff through Activity.priceLists (batched), never over a billed
month; parents neither write nor read them as nodes."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import BillingRun, Tenant
from models.account import Role
from models.billing import BillingRunStatus
from tests import factories
from tests.factories.family import make_account_with_token, make_parent_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

CREATE = """mutation($input: PriceListCreateInput!) { priceListCreate(input: $input) {
  priceList { id validFrom validTo mode modeLabel flatPriceCents
    brackets { qfMin qfMax unitPriceCents } siblingReductions { fromChildRank reductionBp }
    activity { id } }
  errors { field message code } } }"""
LISTS = """{ activities { edges { node { code priceLists { validFrom validTo mode
  brackets { qfMin qfMax unitPriceCents } siblingReductions { reductionBp } } } } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on PriceList { id validFrom } } }"


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any]) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def create(api: GraphQLClient, token: str, **input: Any) -> Any:
    body = await call(api, token, CREATE, {"input": input})
    assert "errors" not in body, body["errors"]
    return body["data"]["priceListCreate"]


async def test_price_lists_follow_each_other_and_staff_read_them_batched(
    api: GraphQLClient,
    tenant: Tenant,
    session: AsyncSession,
    app_http: tuple[Any, AsyncEngine],
) -> None:
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    activities = [await factories.make_activity(session, school, year) for _ in range(3)]
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    _, parent = await make_parent_account_with_token(session, tenant)
    session.add(
        BillingRun(
            tenant_id=tenant.id, month=dt.date(2025, 9, 1), status=BillingRunStatus.COMPLETED
        )
    )
    await session.commit()
    activity = gid("Activity", activities[0].id)

    billed = await create(
        api, admin, activity=activity, validFrom="2025-09-15", mode="FLAT", flatPriceCents=300
    )
    assert [(e["code"], e["field"]) for e in billed["errors"]] == [
        ("ALREADY_BILLED", ["validFrom"])
    ]
    first = await create(
        api, admin, activity=activity, validFrom="2025-10-01", mode="FLAT", flatPriceCents=300
    )
    assert first["errors"] == [] and first["priceList"]["modeLabel"] == "Tarif unique"
    second = await create(
        api,
        admin,
        activity=activity,
        validFrom="2026-01-01",
        mode="QF_BRACKETS",
        brackets=[
            {"qfMin": 600, "qfMax": None, "unitPriceCents": 400},
            {"qfMin": 0, "qfMax": 600, "unitPriceCents": 200},
        ],
        siblingReductions=[{"fromChildRank": 3, "reductionBp": 5000}],
        idempotencyKey="janvier",
    )
    assert second["errors"] == []
    assert second["priceList"]["brackets"] == [
        {"qfMin": 0, "qfMax": 600, "unitPriceCents": 200},
        {"qfMin": 600, "qfMax": None, "unitPriceCents": 400},
    ]
    gap = await create(
        api,
        admin,
        activity=activity,
        validFrom="2026-03-01",
        mode="QF_BRACKETS",
        brackets=[
            {"qfMin": 0, "qfMax": 500, "unitPriceCents": 1},
            {"qfMin": 600, "unitPriceCents": 2},
        ],
    )
    assert [(e["code"], e["field"]) for e in gap["errors"]] == [
        ("INVALID_BRACKETS", ["brackets", "1", "qfMin"])
    ]
    for other in activities[1:]:
        await create(
            api,
            admin,
            activity=gid("Activity", other.id),
            validFrom="2025-10-01",
            mode="FLAT",
            flatPriceCents=250,
        )

    counter = StatementCounter(app_http[1])
    api_admin = {"authorization": f"Bearer {admin}"}
    with counter.counting() as statements:
        body = await api.post(LISTS, headers=api_admin)
    assert "errors" not in body, body
    by_code = {
        e["node"]["code"]: e["node"]["priceLists"] for e in body["data"]["activities"]["edges"]
    }
    lists = by_code[activities[0].code]
    assert [(p["validFrom"], p["validTo"]) for p in lists] == [
        ("2026-01-01", None),
        ("2025-10-01", "2025-12-31"),
    ]
    assert lists[0]["siblingReductions"] == [{"reductionBp": 5000}]
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # Activities, their lists, brackets, reductions (+ the session check): not per item.
    assert len(selects) <= 8, selects

    refused = await call(api, parent, LISTS, {})
    assert refused.get("errors"), refused
    node = second["priceList"]["id"]
    assert (await call(api, admin, NODE, {"id": node}))["data"]["node"]["id"] == node
    assert (await call(api, parent, NODE, {"id": node}))["data"]["node"] is None
    denied = await call(
        api,
        parent,
        CREATE,
        {
            "input": {
                "activity": activity,
                "validFrom": "2026-06-01",
                "mode": "FLAT",
                "flatPriceCents": 1,
            }
        },
    )
    assert denied["data"] is None and denied["errors"]
