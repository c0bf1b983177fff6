"""The audit trail over HTTP: administrators read it newest first, filtered, with the
actor and each field's before/after; agents read it neither through ``auditEntries`` nor
through ``node``/``nodes``."""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from models import Tenant
from models.account import Role
from tests import factories
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

ENTRIES = """query($type: String, $object: ID, $action: String, $after: String,
    $first: Int = 2) {
  auditEntries(first: $first, after: $after, objectType: $type, objectId: $object,
               action: $action) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id action objectType objectId objectKey at
                   actor { id email } changes { field before after } } } } }"""
NODE = """query($id: ID!) { node(id: $id) { ... on AuditEntry { id action } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any]) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def test_administrators_read_the_trail_newest_first(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    admin, admin_token = await make_account_with_token(session, tenant, role=Role.ADMIN)
    agent, agent_token = await make_account_with_token(session, tenant, role=Role.STAFF)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(session, school, year)
    slot = await factories.make_slot(session, activity)
    other = await factories.make_tenant(session)
    await session.flush()
    entries = [
        record_change(
            session,
            tenant_id=tenant.id,
            actor_account_id=admin.id,
            action="slot.capacity_changed",
            object_type="Slot",
            object_id=slot.id,
            before={"capacity": 20},
            after={"capacity": 25},
        ),
        record_change(
            session,
            tenant_id=tenant.id,
            actor_account_id=agent.id,
            action="family.validated",
            object_type="Family",
            object_id=None,
            before={"status": "SUBMITTED"},
            after={"status": "VALIDATED", "codes": [1, 2]},
        ),
        record_change(
            session,
            tenant_id=tenant.id,
            actor_account_id=None,
            action="tenant.created",
            object_type="Tenant",
            object_id=tenant.id,
            after={"slug": tenant.slug},
        ),
        record_change(
            session,
            tenant_id=other.id,
            actor_account_id=None,
            action="tenant.created",
            object_type="Tenant",
            object_id=other.id,
            after={"slug": other.slug},
        ),
    ]
    await session.commit()

    with statements.counting() as two:
        body = await call(api, admin_token, ENTRIES, {})
    page = body["data"]["auditEntries"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    newest, second = (e["node"] for e in page["edges"])
    assert newest["id"] == gid("AuditEntry", entries[2].id)
    assert newest["actor"] is None and newest["objectId"] is None  # Tenant is no Node
    assert newest["objectKey"] == str(tenant.id)
    assert second["actor"] == {"id": gid("Account", agent.id), "email": agent.email}
    assert second["changes"] == [
        {"field": "status", "before": "SUBMITTED", "after": "VALIDATED"},
        {"field": "codes", "before": None, "after": "[1,2]"},
    ]
    rest = await call(api, admin_token, ENTRIES, {"after": page["pageInfo"]["endCursor"]})
    (oldest,) = (e["node"] for e in rest["data"]["auditEntries"]["edges"])
    assert oldest["objectId"] == gid("Slot", slot.id)
    assert oldest["changes"] == [{"field": "capacity", "before": "20", "after": "25"}]
    with statements.counting() as three:
        await call(api, admin_token, ENTRIES, {"first": 3})
    assert len(three) == len(two)  # the actors are loaded in one statement

    by_object = await call(api, admin_token, ENTRIES, {"object": gid("Slot", slot.id)})
    assert [e["node"]["action"] for e in by_object["data"]["auditEntries"]["edges"]] == [
        "slot.capacity_changed"
    ]
    by_action = await call(
        api, admin_token, ENTRIES, {"action": "tenant.created", "type": "Tenant"}
    )
    assert by_action["data"]["auditEntries"]["totalCount"] == 1

    node = await call(api, admin_token, NODE, {"id": gid("AuditEntry", entries[0].id)})
    assert node["data"]["node"] == {
        "id": gid("AuditEntry", entries[0].id),
        "action": "slot.capacity_changed",
    }
    # Agents: refused the list, and the node is null as if it did not exist.
    refused = await call(api, agent_token, ENTRIES, {})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    hidden = await call(api, agent_token, NODE, {"id": gid("AuditEntry", entries[0].id)})
    assert hidden["data"]["node"] is None
    foreign = await call(api, admin_token, NODE, {"id": gid("AuditEntry", entries[3].id)})
    assert foreign["data"]["node"] is None
