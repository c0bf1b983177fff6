"""What the change request API tests share: the GraphQL operations, calls with a token,
and reads of what the app wrote.
"""

from __future__ import annotations

import base64
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories.towns import StaffTown
from tests.support.graphql_client import GraphQLClient

# The town these tests share (tests/factories/towns.py).
Town = StaffTown

T = TypeVar("T")

REQUEST_FIELDS = """
  id reference referenceLabel type typeLabel status statusLabel createdAt decidedAt comment
  history { at step status statusLabel label note }
  messages { subject body fromStaff }
  changes { field label currentValue proposedValue subject }
  family { name } guardian { firstName } child { firstName }
"""


def _payload(mutation: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ request {{"
        + REQUEST_FIELDS
        + "} errors { field message code } } }"
    )


GUARDIAN_CHANGE = _payload("guardianChangeRequestCreate", "GuardianChangeRequestCreateInput")
ACCEPT = _payload("changeRequestAccept", "ChangeRequestAcceptInput")


FILE = """{ viewer { family {
  pendingChanges { field label currentValue proposedValue request { referenceLabel } }
  guardians { id firstName mobilePhone employer
    pendingChanges { field label currentValue proposedValue subject request { id typeLabel } } }
  children { id firstName
    authorizations { photo leaveAlone }
    pendingChanges { field label currentValue proposedValue subject request { typeLabel } } }
} } }"""
LIST = """query($where: ChangeRequestFilter, $first: Int, $after: String) {
  changeRequests(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id reference type status family { name } } } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on Request {" + REQUEST_FIELDS + "} } }"


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(
    api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The JSON response to a document sent with ``token`` (None: anonymous)."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def data(
    api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The ``data`` of a response that must have no top-level errors."""
    body = await call(api, token, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def only(payload: dict[str, Any]) -> dict[str, Any]:
    """The request of a mutation payload that must have succeeded."""
    assert payload["errors"] == [], payload["errors"]
    return payload["request"]  # type: ignore[no-any-return]


async def ask_guardian_change(
    api: GraphQLClient, town: Town, changes: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    variables = {"input": {"guardian": gid("Guardian", town.guardian_ids[0]), "changes": changes}}
    variables["input"].update(extra)
    result = await data(api, town.parent, GUARDIAN_CHANGE, variables)
    return result["guardianChangeRequestCreate"]  # type: ignore[no-any-return]


async def fresh(session: AsyncSession, model: type[T], pk: int) -> T:
    """A row as the database holds it now (the app wrote it through its own engine)."""
    row = await session.get(model, pk, populate_existing=True)
    assert row is not None
    return row


def create_document(name: str, input_type: str) -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{
    request {{ id type status changes {{ field label currentValue proposedValue subject }} }}
    errors {{ field message code }} }} }}"""
