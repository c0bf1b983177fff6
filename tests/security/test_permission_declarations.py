"""Every root field declares who may call it, and each permission class admits exactly its
roles, with the errors clients already handle.

The schema is walked, so a query, mutation or subscription added later without
``permission_classes`` fails here (the authorization sweep then checks the objects).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import ExecutionResult, GraphQLObjectType

from kernel.settings import Settings
from kernel.viewer import Viewer
from models.account import Role
from schema import build_schema
from schema.errors import PublicError
from schema.permissions import (
    Admin,
    Authenticated,
    Parent,
    ParentOrStaff,
    Public,
    Reporting,
    RolePermission,
    Staff,
    Subscriber,
    declared_permissions,
)

schema = build_schema(Settings())
ROOTS = ("Query", "Mutation", "Subscription")
TENANT = 1

VIEWERS = {
    "anonymous": Viewer(tenant_id=TENANT),
    "parent": Viewer(TENANT, account_id=1, session_id=1, role=Role.PARENT, family_id=7),
    "parent without family": Viewer(TENANT, account_id=2, session_id=2, role=Role.PARENT),
    "staff": Viewer(TENANT, account_id=3, session_id=3, role=Role.STAFF),
    "admin": Viewer(TENANT, account_id=4, session_id=4, role=Role.ADMIN),
    "reporting": Viewer(TENANT, account_id=5, session_id=5, role=Role.REPORTING),
}
LOGGED_IN = [name for name in VIEWERS if name != "anonymous"]

# Which logged-in viewers each class admits (anonymous: only Public).
ADMITS: dict[type[RolePermission], set[str]] = {
    Public: set(LOGGED_IN),
    Authenticated: set(LOGGED_IN),
    Parent: {"parent", "parent without family"},
    Staff: {"staff", "admin"},
    Admin: {"admin"},
    Reporting: {"reporting", "staff", "admin"},
    ParentOrStaff: {"parent", "parent without family", "staff", "admin"},
    Subscriber: {"parent", "staff", "admin"},
}


def _root_fields(root: str) -> dict[str, Any]:
    """The Strawberry field behind each field of the executable root type, by GraphQL name."""
    graphql_type = schema._schema.get_type(root)
    assert isinstance(graphql_type, GraphQLObjectType), root
    return {
        name: field.extensions["strawberry-definition"]
        for name, field in graphql_type.fields.items()
    }


def _info(viewer: Viewer) -> Any:
    return SimpleNamespace(context=SimpleNamespace(viewer=viewer))


@pytest.mark.parametrize("root", ROOTS)
def test_every_root_field_declares_a_permission(root: str) -> None:
    fields = _root_fields(root)
    undeclared = [name for name, f in fields.items() if not declared_permissions(f)]
    assert not undeclared, f"{root} fields without permission_classes: {undeclared}"
    foreign = [
        name
        for name, f in fields.items()
        for p in declared_permissions(f)
        if not isinstance(p, RolePermission)
    ]
    assert not foreign, f"{root} fields with a permission outside schema/permissions: {foreign}"


def test_the_declarations_cover_every_root_field() -> None:
    counted = sum(len(_root_fields(root)) for root in ROOTS)
    assert counted > 60
    print(f"permission declarations: {counted} root fields")


@pytest.mark.parametrize("permission_class", list(ADMITS))
@pytest.mark.parametrize("viewer_name", list(VIEWERS))
def test_each_class_admits_its_roles_with_the_house_errors(
    permission_class: type[RolePermission], viewer_name: str
) -> None:
    permission = permission_class()
    viewer = VIEWERS[viewer_name]
    if viewer_name == "anonymous" and permission_class is not Public:
        with pytest.raises(PublicError) as raised:
            permission.has_permission(None, _info(viewer))
        assert raised.value.extensions == {"code": "UNAUTHENTICATED"}
        assert raised.value.message == "Vous devez être connecté."
        return
    allowed = permission.has_permission(None, _info(viewer))
    expected = viewer_name == "anonymous" or viewer_name in ADMITS[permission_class]
    assert allowed is expected, (permission_class.__name__, viewer_name)
    if not allowed:
        with pytest.raises(PublicError) as raised:
            permission.on_unauthorized()
        assert raised.value.extensions == {"code": "FORBIDDEN"}
        assert raised.value.message == "Vous n'avez pas accès à cette action."


@pytest.mark.parametrize("viewer_name", list(VIEWERS))
def test_the_object_level_policies_follow_the_same_roles(viewer_name: str) -> None:
    """Policies used below the root fields (loaders, HTTP downloads, document decisions)."""
    viewer = VIEWERS[viewer_name]
    family_roles = ADMITS[ParentOrStaff]
    assert viewer.can_read_family_files() is (viewer_name in family_roles)
    assert viewer.can_review_documents() is (viewer_name in ADMITS[Staff])
    assert viewer.can_follow_live_updates() is (viewer_name in ADMITS[Subscriber])
    assert viewer.can_read_family(7) is (viewer_name in {"parent", "staff", "admin"})


async def _first(subscription: Any) -> ExecutionResult:
    if isinstance(subscription, ExecutionResult):
        return subscription
    iterator: AsyncIterator[ExecutionResult] = subscription
    try:
        return await anext(iterator)
    finally:
        await iterator.aclose()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("viewer_name", "query", "code"),
    [
        ("anonymous", "subscription { requestStatusChanged { cursor } }", "UNAUTHENTICATED"),
        ("reporting", "subscription { invoiceIssued { cursor } }", "FORBIDDEN"),
        ("parent without family", "subscription { planningChanged { cursor } }", "FORBIDDEN"),
        ("parent", "subscription { staffInbox { cursor } }", "FORBIDDEN"),
    ],
)
async def test_subscriptions_check_their_permission_before_streaming(
    viewer_name: str, query: str, code: str
) -> None:
    """Async-generator resolvers go through the permission too, before any event."""
    context = SimpleNamespace(viewer=VIEWERS[viewer_name])
    result = await _first(await schema.subscribe(query, context_value=context))
    assert result.errors, result
    assert result.errors[0].extensions == {"code": code}
