"""``FastExecutionContext``: Strawberry's graphql-core executor, completing objects and lists
of objects through compiled functions (``compiler``) where their selection allows it.

Two graphql-core methods are overridden, both reached for every object value:

- ``complete_object_value``: the object's selection is planned once per request (field
  collection is memoised by graphql-core on the identity of its field details), or once
  per parsed document when it has no conditional selection, and run by the plan's
  compiled function; a pure one that gives up, or a bound one that gives up
  before its first field, hands the object back to graphql-core unchanged;
- ``complete_list_value``: a list or tuple whose items are objects with a plan is built
  item by item by that plan's function (``lists``); an item it gives up on is completed
  by graphql-core (``complete_list_item_value``: same result, error and path as without
  the fast path), awaitable items too; a list of other items is completed by graphql-core
  item by item, its awaitable items gathered eagerly (``eager``).

Nothing is compiled when the request runs resolver middleware (a Strawberry extension with
a ``resolve`` hook must see every field), under ``@defer``/``@stream`` (a position
context), or with another ``is_awaitable`` than graphql-core's (or Strawberry's, which
answers the same).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLList,
    GraphQLObjectType,
    GraphQLResolveInfo,
    OperationDefinitionNode,
    is_non_null_type,
)
from graphql.pyutils import Path
from graphql.pyutils import is_awaitable as default_is_awaitable
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.fast_execution.compiler import Build, compiled
from schema.fast_execution.leaves import USES, Bail
from schema.fast_execution.lists import (
    complete_bound_items,
    complete_pure_items,
    complete_stock_items,
)
from schema.fast_execution.plans import FieldDetailsList, Plan, Planner, only_plain_directives

# (field details kept alive so their id stays theirs, function, bound data or None)
_Compiled = tuple[FieldDetailsList, Build | None, tuple[Any, ...] | None]


# graphql-core's predicate and Strawberry's faster one, which gives the same answers (the
# compiled functions use either).
_SAME_AWAITABLES = (default_is_awaitable, optimized_is_awaitable)


# Plans by (object type, ids of the field nodes): (the field details holding the nodes,
# plan, field details per entry), for documents without conditional selections.
_SHARED_PLANS: dict[tuple[GraphQLObjectType, tuple[int, ...]], Any] = {}
_SHARED_MAX = 5000
# Whether an operation (kept, so that its id stays its own) selects nothing conditionally.
_UNCONDITIONAL: dict[int, tuple[OperationDefinitionNode, bool]] = {}
_CONDITIONS = frozenset(("skip", "include"))


def _selects_conditionally(node: Any) -> bool:
    selection_set = getattr(node, "selection_set", None)
    for selection in selection_set.selections if selection_set else ():
        if any(d.name.value in _CONDITIONS for d in selection.directives or ()):
            return True
        if _selects_conditionally(selection):
            return True
    return False


def _unconditional(operation: OperationDefinitionNode, fragments: dict[str, Any]) -> bool:
    """Whether no selection of the operation or its fragments has ``@skip``/``@include``
    (then what is selected does not depend on the variables)."""
    known = _UNCONDITIONAL.get(id(operation))
    if known is not None and known[0] is operation:
        return known[1]
    answer = not _selects_conditionally(operation) and not any(
        _selects_conditionally(fragment) for fragment in fragments.values()
    )
    if len(_UNCONDITIONAL) >= _SHARED_MAX:
        _UNCONDITIONAL.clear()
    _UNCONDITIONAL[id(operation)] = (operation, answer)
    return answer


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor with the compiled path for plain fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        middleware = self.middleware_manager
        self._fast = self.is_awaitable in _SAME_AWAITABLES and not (
            middleware is not None and middleware.middlewares
        )
        self._objects: dict[tuple[GraphQLObjectType, int], _Compiled] = {}
        self._lists: dict[tuple[Any, int], tuple[FieldDetailsList, Any]] = {}
        self._planner = Planner(self)

    def _plan(
        self, object_type: GraphQLObjectType, details: FieldDetailsList
    ) -> tuple[Plan | None, list[FieldDetailsList]]:
        """The plan of a selection, shared by the requests of the same parsed document
        (Strawberry's parser cache gives them the same nodes) when nothing in it depends
        on variables (no ``@skip``/``@include``, fragment variables or ``@defer``)."""
        if not _unconditional(self.operation, self.fragment_definitions) or any(
            field.defer_usage is not None or field.fragment_variable_values for field in details
        ):
            return self._planner.plan(object_type, details)
        key = (object_type, tuple(id(field.node) for field in details))
        shared = _SHARED_PLANS.get(key)
        if shared is None:
            plan, per_entry = self._planner.plan(object_type, details)
            if len(_SHARED_PLANS) >= _SHARED_MAX:
                _SHARED_PLANS.clear()
            # The nodes are kept so that their ids stay theirs.
            shared = _SHARED_PLANS[key] = (details, plan, per_entry)
        return shared[1], shared[2]

    def _object(self, object_type: GraphQLObjectType, details: FieldDetailsList) -> _Compiled:
        key = (object_type, id(details))
        found = self._objects.get(key)
        if found is None:
            plan, per_entry = self._plan(object_type, details)
            if plan is None:
                found = (details, None, None)
            elif plan[4]:
                found = (details, compiled(plan), None)
            else:
                found = (details, compiled(plan), tuple(per_entry))
            self._objects[key] = found
        return found

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        """The object completed by its compiled function, else by graphql-core."""
        if self._fast and position_context is None:
            _, build, bound = self._object(return_type, field_details_list)
            if build is not None:
                USES["objects"] += 1
                if bound is None:
                    try:
                        return build(result)
                    except Exception:
                        USES["gave_up"] += 1
                else:
                    try:
                        return build(result, path, self, bound)
                    except Bail:
                        USES["gave_up"] += 1
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _list(
        self, return_type: GraphQLList[Any], details: FieldDetailsList
    ) -> tuple[Build, bool, tuple[Any, ...] | None] | None:
        item_type = return_type.of_type
        key = (item_type, id(details))
        known = self._lists.get(key)
        if known is not None:
            found_before: tuple[Build, bool, tuple[Any, ...] | None] | None = known[1]
            return found_before
        found = None
        item_nonnull = is_non_null_type(item_type)
        object_type = item_type.of_type if item_nonnull else item_type
        if isinstance(object_type, GraphQLObjectType) and only_plain_directives(details):
            _, build, bound = self._object(object_type, details)
            if build is not None:
                found = (build, item_nonnull, bound)
        self._lists[key] = (details, found)
        return found

    def complete_list_value(
        self,
        return_type: GraphQLList[Any],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        """A list of plain objects built by their compiled function, else graphql-core's."""
        kind = type(result)
        if self._fast and position_context is None and (kind is list or kind is tuple):
            found = self._list(return_type, field_details_list)
            if found is None and only_plain_directives(field_details_list):
                return complete_stock_items(
                    self, return_type.of_type, field_details_list, info, path, result
                )
            if found is not None:
                USES["lists"] += 1
                build, item_nonnull, bound = found
                if bound is None:
                    return complete_pure_items(
                        self,
                        build,
                        item_nonnull,
                        return_type.of_type,
                        field_details_list,
                        info,
                        path,
                        result,
                    )
                return complete_bound_items(
                    self,
                    build,
                    bound,
                    return_type.of_type,
                    field_details_list,
                    info,
                    path,
                    result,
                )
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )
