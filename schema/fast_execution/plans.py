"""What a selection on an object type asks, in a form that does not depend on the request:
the *plan* the compiler turns into a function.

A plan is a hashable tuple, so that two requests asking the same thing share one compiled
function. Each selected field becomes one entry (in response order):

- ``("T", key, type_name)``: ``__typename``;
- ``("N", key, type_name, nonnull)``: the Relay ``id`` of a Strawberry ``Node``;
- ``("L", key, getter, leaf_type, nonnull)``: a plain field holding a scalar or an enum;
- ``("LL", key, getter, leaf_type, item_nonnull, nonnull)``: a plain list of leaves;
- ``("O", key, getter, child_plan, nonnull)``: a plain field holding a plain object;
- ``("LO", key, getter, child_plan, item_nonnull, nonnull)``: a plain list of them;
- ``("A", key, function, info_name, make_info, field_name)``: a resolver of ours taking the parent
  object and ``info`` alone (no argument, extension, permission or exception handler),
  called directly with Strawberry's ``Info`` (as ``info_name``), its result completed by
  graphql-core (awaitables included) — Strawberry's wrapper and ``execute_field`` skipped;
- ``("OB", key, getter, field_name)``: a plain attribute holding an object whose own
  selection is not pure: read, then completed by graphql-core (``execute_field`` skipped);
- ``("S", key)``: anything else (a resolver of ours, arguments, an interface or union, a
  permission, nested lists, an object whose own selection needs graphql-core…), which
  graphql-core executes as usual (``Executor.execute_field``).

A *plain* field is a Strawberry field without resolver, extension or argument (Strawberry's
``_get_basic_result``), read with ``getattr`` (or the configured default resolver), or a
field whose resolver Strawberry would call with the parent object alone (``self``, no
argument, no ``info``, synchronous, no extension): that resolver is called directly.
A plan is *pure* when it has no ``S`` entry and calls no resolver: its function reads
attributes only, so it may give up at any point and let graphql-core redo the whole value.
Another plan runs its ``S`` entries in order through graphql-core and needs the request's
field details.

A plan is ``None`` when the object must not be compiled at all: ``@defer``, a directive
other than ``@skip``/``@include``, fragment variables, an ``is_type_of`` that is not
Strawberry's own, or nothing to gain (every entry ``S``).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution import Executor
from graphql.execution.collect_fields import FieldDetails
from strawberry.schema.schema_converter import GraphQLCoreConverter

from schema.fast_execution.leaves import is_node_id_field, is_stock_id

Plan = tuple[Any, ...]
FieldDetailsList = list[FieldDetails]
BACKREF = GraphQLCoreConverter.DEFINITION_BACKREF
ALLOWED_DIRECTIVES = frozenset(("skip", "include"))
_STRAWBERRY_IS_TYPE_OF = "GraphQLCoreConverter.from_object.<locals>._get_is_type_of.<locals>"


def type_check(object_type: GraphQLObjectType) -> tuple[bool, Any]:
    """(may compile, is_type_of to call per object or None): Strawberry's generated
    ``is_type_of`` ignores its ``info`` argument, any other one is left to graphql-core."""
    check = object_type.is_type_of
    if check is None:
        return True, None
    return check.__qualname__.startswith(_STRAWBERRY_IS_TYPE_OF), check


def only_plain_directives(details: FieldDetailsList) -> bool:
    """Whether the fields of a response key carry nothing but ``@skip``/``@include``
    (already applied when fields were collected), no ``@defer`` and no fragment variables."""
    for field in details:
        if field.defer_usage is not None or field.fragment_variable_values:
            return False
        for directive in field.node.directives or ():
            if directive.name.value not in ALLOWED_DIRECTIVES:
                return False
    return True


def _getter(field_def: GraphQLField, name: str) -> tuple[Any, ...] | None:
    """How to read a plain field on its parent; None when it is not plain."""
    resolve = field_def.resolve
    definition = (field_def.extensions or {}).get(BACKREF)
    if (
        resolve is None
        or definition is None
        or getattr(resolve, "__name__", "") != "_get_basic_result"
        or getattr(resolve, "_is_default", False) is not True
        or not getattr(definition, "is_basic_field", False)
    ):
        return _resolver_call(field_def, definition, name)
    if definition.default_resolver is getattr:
        return ("attr", definition.python_name)
    return ("default", definition.default_resolver, definition.python_name)


def _closure(function: Any, name: str) -> Any:
    code = getattr(function, "__code__", None)
    if code is None or name not in code.co_freevars:
        return None
    return function.__closure__[code.co_freevars.index(name)].cell_contents


def _resolver_call(field_def: GraphQLField, definition: Any, name: str) -> tuple[Any, ...] | None:
    """A resolver of ours that Strawberry calls with the parent object alone — synchronous,
    no argument, no ``info``, no field extension (permission), no exception handler —
    called the same way, without Strawberry's wrapper: ``("self", function, field name)``
    or ``("keyword", function, parameter name, field name)``; None for any other."""
    resolve = field_def.resolve
    resolver = getattr(definition, "base_resolver", None)
    if (
        resolver is None
        or getattr(resolve, "__name__", "") != "_resolver"
        or _closure(_closure(resolve, "_get_result_with_extensions"), "field") is not definition
        or _closure(resolve, "field_exception_handlers")
        or definition.is_async
        or definition.extensions
        or definition.arguments
        or resolver.info_parameter is not None
        or len(resolver.signature.parameters) != 1
    ):
        return None
    if resolver.self_parameter is not None:
        return ("self", resolver.wrapped_func, name)
    named = resolver.root_parameter or resolver.parent_parameter
    if named is not None:
        return ("keyword", resolver.wrapped_func, named.name, name)
    return None


def _info_call(
    field_def: GraphQLField, definition: Any, key: str, name: str
) -> tuple[Any, ...] | None:
    """``("A", key, function, info parameter name, Info factory, field name)`` for a
    resolver of ours that Strawberry calls with the parent object and ``info`` alone; None
    otherwise."""
    resolve = field_def.resolve
    resolver = getattr(definition, "base_resolver", None)
    make_info = _closure(resolve, "_strawberry_info_from_graphql")
    if (
        resolver is None
        or make_info is None
        or getattr(resolve, "__name__", "") not in ("_resolver", "_async_resolver")
        or _closure(_closure(resolve, "_get_result_with_extensions"), "field") is not definition
        or _closure(resolve, "field_exception_handlers")
        or definition.extensions
        or definition.arguments
        or field_def.args
        or resolver.self_parameter is None
        or resolver.info_parameter is None
        or len(resolver.signature.parameters) != 2
    ):
        return None
    return ("A", key, resolver.wrapped_func, resolver.info_parameter.name, make_info, name)


def calls_resolver(entry: tuple[Any, ...]) -> bool:
    """Whether a plain entry's value comes from a resolver of ours (not to be called
    twice: such an entry has no place in a pure plan)."""
    return entry[0] in ("L", "LL", "O", "LO") and entry[2][0] in ("self", "keyword")


def _unwrap(kind: GraphQLOutputType) -> tuple[Any, bool]:
    if is_non_null_type(kind):
        return kind.of_type, True
    return kind, False


class Planner:
    """Builds the plans of one request (field collection is the executor's, memoised)."""

    def __init__(self, executor: Executor[Any]) -> None:
        self.executor = executor

    def plan(
        self, object_type: GraphQLObjectType, details: FieldDetailsList
    ) -> tuple[Plan | None, list[FieldDetailsList]]:
        """The plan of ``details``' selection on ``object_type``, and the field details of
        each entry (what graphql-core needs to execute or redo it)."""
        may, check = type_check(object_type)
        if not may:
            return None, []
        collected = self.executor.collect_subfields(object_type, details)
        if collected.new_defer_usages:
            return None, []
        entries: list[tuple[Any, ...]] = []
        per_entry: list[FieldDetailsList] = []
        for key, sub_details in collected.grouped_field_set.items():
            if not only_plain_directives(sub_details):
                return None, []
            entry = self._entry(object_type, key, sub_details)
            if entry is not None:
                entries.append(entry)
                per_entry.append(sub_details)
        if all(entry[0] == "S" for entry in entries):
            return None, []
        pure = all(
            entry[0] not in ("S", "A", "OB") and not calls_resolver(entry) for entry in entries
        )
        return ("O", object_type, check, tuple(entries), pure), per_entry

    def _pure_child(self, object_type: GraphQLObjectType, details: FieldDetailsList) -> Plan | None:
        plan, _ = self.plan(object_type, details)
        return plan if plan is not None and plan[4] else None

    def _entry(
        self, object_type: GraphQLObjectType, key: str, details: FieldDetailsList
    ) -> tuple[Any, ...] | None:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return ("T", key, object_type.name)
        field_def = self.executor.schema.get_field(object_type, name)
        if field_def is None:
            return None  # graphql-core leaves the key out as well
        slow = ("S", key)
        if field_def.args or node.arguments or name.startswith("__"):
            return slow
        kind, nonnull = _unwrap(field_def.type)
        definition = (field_def.extensions or {}).get(BACKREF)
        if definition is not None and is_node_id_field(definition):
            if is_leaf_type(kind) and is_stock_id(kind):
                return ("N", key, object_type.name, nonnull)
            return slow
        getter = _getter(field_def, name)
        if getter is None:
            return _info_call(field_def, definition, key, name) or slow
        if is_leaf_type(kind):
            return ("L", key, getter, kind, nonnull)
        if is_object_type(kind):
            child = self._pure_child(kind, details)
            if child is None:
                return ("OB", key, getter, name) if getter[0] == "attr" else slow
            return ("O", key, getter, child, nonnull)
        if is_list_type(kind):
            item, item_nonnull = _unwrap(kind.of_type)
            if is_leaf_type(item):
                return ("LL", key, getter, item, item_nonnull, nonnull)
            if is_object_type(item):
                child = self._pure_child(item, details)
                if child is not None:
                    return ("LO", key, getter, child, item_nonnull, nonnull)
        return slow
