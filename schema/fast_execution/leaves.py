"""How a compiled selection turns a Python value into its JSON leaf, exactly as graphql-core
would, or gives up (raises) so that graphql-core does it and reports the error itself.

Three cases are faster than calling the type's output coercer: graphql-core's own scalars
left as they are (a ``str`` for ``String``/``ID``, a 32-bit ``int`` for ``Int``…), enum
members (one coercion per member, remembered), and the Relay ``id`` of a Strawberry
``Node`` (its global ID is computed here from the node's id attribute, like ``Node._id``
does, when the node's class keeps Strawberry's own ``resolve_id``/``resolve_typename``).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Callable
from types import CoroutineType, GeneratorType
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLString,
)
from graphql.pyutils import Undefined, is_awaitable
from graphql.type import scalars
from strawberry import relay
from strawberry.schema.schema_converter import CustomGraphQLEnumType


class Bail(Exception):
    """The compiled path gives up on a value; graphql-core completes it instead."""


BAIL = Bail()

# How often a compiled function was run on an object or a list, and gave a value back to
# graphql-core (tests check that a query really took the path).
USES = {"objects": 0, "lists": 0, "gave_up": 0}

# Types whose instances were seen as plain values (not awaitable, not exceptions, with the
# generic attribute lookup): later values of these types skip the check.
PLAIN: set[type] = {str, int, float, bool, dt.date, dt.datetime, dt.time, decimal.Decimal}
# C types whose dict lists a __getattribute__ slot but that use the generic lookup.
_GENERIC_GETATTR = {object, dt.date, dt.datetime, dt.time, dt.timedelta, decimal.Decimal, uuid.UUID}


def _memoisable(kind: type) -> bool:
    """Whether every instance of ``kind`` is a plain value, so ``kind`` joins PLAIN."""
    if issubclass(kind, (BaseException, CoroutineType, GeneratorType)):
        return False
    if hasattr(kind, "__await__"):
        return False
    for base in kind.__mro__:
        if base in _GENERIC_GETATTR:
            continue
        if "__getattr__" in base.__dict__ or "__getattribute__" in base.__dict__:
            return False
    return True


def is_plain(value: Any) -> bool:
    """Whether ``value`` is an object graphql-core would complete as it is (not None, not
    an exception to raise, not an awaitable to wait for); remembers plain types."""
    if value is None or value is Undefined or isinstance(value, Exception) or is_awaitable(value):
        return False
    kind = type(value)
    if _memoisable(kind):
        PLAIN.add(kind)
    return True


def _stock_coercer(leaf_type: GraphQLLeafType) -> Any:
    return getattr(leaf_type.coerce_output_value, "__func__", leaf_type.coerce_output_value)


_STOCK_TESTS: dict[int, tuple[Callable[..., Any], str]] = {
    id(GraphQLString): (scalars.serialize_string, "type({v}) is str"),
    id(GraphQLID): (scalars.serialize_id, "type({v}) is str"),
    id(GraphQLInt): (
        scalars.serialize_int,
        "(type({v}) is int and -2147483648 <= {v} <= 2147483647)",
    ),
    id(GraphQLFloat): (scalars.serialize_float, "(type({v}) is float and {v} - {v} == 0.0)"),
    id(GraphQLBoolean): (scalars.serialize_boolean, "type({v}) is bool"),
}


def pass_through_test(leaf_type: GraphQLLeafType, var: str) -> str | None:
    """A Python expression true when ``var`` is already its own JSON value for
    ``leaf_type`` (only for graphql-core's scalars with their own coercers)."""
    stock = _STOCK_TESTS.get(id(leaf_type))
    if stock is None or _stock_coercer(leaf_type) is not stock[0]:
        return None
    return stock[1].format(v=var)


def is_stock_id(leaf_type: GraphQLLeafType) -> bool:
    """Whether ``leaf_type`` coerces with graphql-core's ``ID`` coercer (a Relay
    ``GlobalID`` becomes its ``str``, the base64 of « Type:id »)."""
    return _stock_coercer(leaf_type) is scalars.serialize_id


def coerce(coercer: Callable[[Any], Any], value: Any) -> Any:
    """``coercer(value)`` for a plain value, giving up where graphql-core would report an
    error (an exception, None or Undefined from the coercer, a value that is not plain)."""
    if type(value) not in PLAIN and not is_plain(value):
        raise BAIL
    result = coercer(value)
    if result is None or result is Undefined:
        raise BAIL
    return result


def enum_members(leaf_type: GraphQLLeafType) -> type[enum.Enum] | None:
    """The Python enum whose members ``leaf_type`` coerces by member alone (Strawberry's
    enums), so each member's coercion can be remembered; None otherwise."""
    if not isinstance(leaf_type, CustomGraphQLEnumType):
        return None
    if _stock_coercer(leaf_type) is not CustomGraphQLEnumType.coerce_output_value:
        return None
    wrapped = leaf_type.wrapped_cls
    return wrapped if isinstance(wrapped, type) and issubclass(wrapped, enum.Enum) else None


def coerce_member(leaf_type: GraphQLEnumType, memo: dict[Any, Any], member: Any) -> Any:
    """The coercion of an enum member, remembered per member (the member's class was
    checked by the caller: members of one enum are singletons)."""
    result = coerce(leaf_type.coerce_output_value, member)
    memo[member] = result
    return result


_NODE_ID = relay.Node._id.__func__
_RESOLVE_ID = relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
_RESOLVE_TYPENAME = relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
NODE_ID_ATTRS: dict[type, str] = {}


def is_node_id_field(strawberry_field: Any) -> bool:
    """Whether a Strawberry field is the ``id`` every ``Node`` gets (``Node._id``), with
    no field extension (permissions) of its own."""
    resolver = getattr(strawberry_field, "base_resolver", None)
    wrapped = getattr(resolver, "wrapped_func", None)
    return (
        getattr(wrapped, "__func__", None) is _NODE_ID
        and not strawberry_field.extensions
        and not strawberry_field.arguments
    )


def node_id_attr(kind: type) -> str:
    """The id attribute of a node class whose ``id`` is computed as ``Node._id`` computes
    it by default; gives up for any other class."""
    if not issubclass(kind, relay.Node):
        raise BAIL
    if (
        getattr(kind.resolve_id, "__func__", None) is not _RESOLVE_ID
        or getattr(kind.resolve_typename, "__func__", None) is not _RESOLVE_TYPENAME
    ):
        raise BAIL
    name = kind.resolve_id_attr()
    NODE_ID_ATTRS[kind] = name
    return name


_GLOBAL_IDS: dict[tuple[str, Any], str] = {}
_GLOBAL_IDS_MAX = 50_000


def global_id(type_name: str, node_id: Any) -> str:
    """The global ID ``Node._id`` gives a node of ``type_name`` (base64 of « Type:id »)
    for an int or str id, remembered (the same nodes come back request after request);
    gives up for anything else."""
    kind = type(node_id)
    if kind is not int and kind is not str:
        raise BAIL
    key = (type_name, node_id)
    found = _GLOBAL_IDS.get(key)
    if found is None:
        if len(_GLOBAL_IDS) >= _GLOBAL_IDS_MAX:
            _GLOBAL_IDS.clear()
        found = _GLOBAL_IDS[key] = base64.b64encode(f"{type_name}:{node_id!s}".encode()).decode()
    return found
