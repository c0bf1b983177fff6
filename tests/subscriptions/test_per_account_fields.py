"""Every field a subscription payload can reach whose value depends on the signed-in account
(not only on the family or the staff member's scope) is in ``PER_ACCOUNT_FIELDS``: grouped
delivery shares one payload between the sessions of a group, so a field missing from that
list would show one parent's (or agent's) personal figures to another.

The check follows each resolver through the project functions it calls (three levels) and
looks for what reads the account: ``viewer.account_id`` or ``unread_by``.
"""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Iterator

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLType

from kernel.settings import Settings
from schema import build_schema
from schema.subscription_delivery import PER_ACCOUNT_FIELDS

ACCOUNT_READ = re.compile(r"viewer\.account_id|\bunread_by\b")
PROJECT = ("schema.", "resolvers.", "domain.", "kernel.")


def _named(type_: GraphQLType) -> GraphQLType:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _reachable_from_subscriptions(schema: object) -> Iterator[GraphQLObjectType]:
    graphql_schema = schema._schema  # type: ignore[attr-defined]
    root = graphql_schema.subscription_type
    seen: set[str] = set()
    todo: list[GraphQLType] = [_named(f.type) for f in root.fields.values()]
    while todo:
        type_ = todo.pop()
        if not isinstance(type_, GraphQLObjectType) or type_.name in seen:
            continue
        seen.add(type_.name)
        yield type_
        todo.extend(_named(f.type) for f in type_.fields.values())


def _reads_the_account(function: object, depth: int = 3) -> bool:
    if not callable(function):
        return False
    function = inspect.unwrap(function)
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    if ACCOUNT_READ.search(source):
        return True
    if depth == 0 or not isinstance(function, types.FunctionType):
        return False
    for name in function.__code__.co_names:
        called = function.__globals__.get(name)
        if isinstance(called, types.ModuleType):
            continue
        module = getattr(called, "__module__", "") or ""
        if (
            callable(called)
            and module.startswith(PROJECT)
            and _reads_the_account(called, depth - 1)
        ):
            return True
    return False


def test_account_dependent_fields_reachable_from_subscriptions_are_per_account() -> None:
    schema = build_schema(Settings())
    missing: list[str] = []
    for graphql_type in _reachable_from_subscriptions(schema):
        if (graphql_type.name, "*") in PER_ACCOUNT_FIELDS:
            continue
        for name, graphql_field in graphql_type.fields.items():
            field = (graphql_field.extensions or {}).get("strawberry-definition")
            resolver = getattr(field, "base_resolver", None)
            if resolver is None or not _reads_the_account(resolver.wrapped_func):
                continue
            if (graphql_type.name, name) not in PER_ACCOUNT_FIELDS:
                missing.append(f"{graphql_type.name}.{name}")
    assert missing == []


def test_the_check_sees_the_known_per_account_field() -> None:
    # The detector must find unreadMessageCount (it reads the account through two calls):
    # otherwise the test above passes for want of looking.
    schema = build_schema(Settings())
    definition = schema.get_type_by_name("Request")
    [field] = [f for f in definition.fields if f.python_name == "unread_message_count"]  # type: ignore[union-attr]
    assert field.base_resolver is not None
    assert _reads_the_account(field.base_resolver.wrapped_func)
