"""Query cost estimation, enforced before execution and reported in ``extensions.cost``.

The estimate follows the API conventions: every object costs 1, and a connection costs its
page size (``first`` or ``last``, else the maximum page size) times the cost of one node;
plain lists are bounded by the domain (a few slots, a few activities) and count
``LIST_FACTOR`` times their items, except a list fetched by IDs (``nodes(ids:)``), which
counts each ID it is given and takes at most the maximum page size of them, and the
planning's occurrences, which count ``PLANNING_OCCURRENCES_PER_DAY`` per day of the range
asked, or ``PLANNING_OCCURRENCES_PER_CHILD_DAY`` per child and day when more children are
named (a planning answers day by day: thirty aliases of three months are thousands of
occurrences, not thirty lists of ten). A document above the budget is refused with an error
before any SQL runs, so a client cannot ask for a million rows by nesting connections.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from domain.planning import MAX_PLANNING_DAYS

LIST_FACTOR = 10
IDS_ARGUMENT = "ids"
DATED_FIELD = "planning"  # its lists hold up to PLANNING_OCCURRENCES_PER_DAY items a day
PLANNING_OCCURRENCES_PER_DAY = 10  # a family's children × the day's slots, generously
PLANNING_OCCURRENCES_PER_CHILD_DAY = 5  # morning, lunch, evening, Wednesday… for one child


def _unwrap(type_: GraphQLOutputType) -> tuple[Any, bool]:
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            is_list = True
        type_ = type_.of_type
    return type_, is_list


class CostCalculator:
    """Walks an operation with the schema's types and adds up the estimate."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        default_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default_page_size = default_page_size

    def operation(self, node: OperationDefinitionNode) -> int:
        """Cost of one operation."""
        root = self.schema.get_root_type(node.operation)
        return self.selection_set(node.selection_set, root, visited=frozenset())

    def _fields(
        self, selection_set: SelectionSetNode, visited: frozenset[str]
    ) -> Iterator[tuple[FieldNode, frozenset[str]]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, visited
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in visited:
                    yield from self._fields(fragment.selection_set, visited | {name})

    def selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        visited: frozenset[str],
        list_factor: int = LIST_FACTOR,
    ) -> int:
        """Cost of a selection set on ``parent`` (fields of fragments included), its plain
        lists counting ``list_factor`` items."""
        if selection_set is None or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0
        total = 0
        for field_node, seen in self._fields(selection_set, visited):
            field = parent.fields.get(field_node.name.value)
            if field is None:
                continue
            child_type, is_list = _unwrap(field.type)
            if parent.name.endswith("Connection") and field_node.name.value == "edges":
                is_list = False  # the connection's page size already counts the edges
            if field_node.selection_set is None:
                continue
            inner_factor = LIST_FACTOR
            if field_node.name.value == DATED_FIELD:
                inner_factor = self._days(field_node) * self._per_day(field_node)
            inner = self.selection_set(field_node.selection_set, child_type, seen, inner_factor)
            ids = self._id_count(field_node)
            if child_type.name.endswith("Connection"):
                total += 1 + self._page_size(field_node) * max(inner, 1)
            elif ids is not None:
                total += 1 + ids * max(inner, 1)
            elif is_list:
                total += 1 + list_factor * max(inner, 1)
            else:
                total += 1 + inner
        return total

    def _id_count(self, field_node: FieldNode) -> int | None:
        """How many IDs the field is asked for (``nodes(ids:)``), None when it takes none;
        a French ``BAD_USER_INPUT`` error above the maximum page size."""
        for argument in field_node.arguments or ():
            if argument.name.value != IDS_ARGUMENT:
                continue
            value = argument.value
            given: Any = value.values if isinstance(value, ListValueNode) else None
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
            count = len(given) if isinstance(given, list | tuple) else 1
            if count > self.default_page_size:
                raise GraphQLError(
                    f"« {field_node.name.value} » accepte au plus {self.default_page_size} "
                    f"identifiants à la fois ({count} reçus).",
                    field_node,
                    extensions={"code": "BAD_USER_INPUT"},
                )
            return count
        return None

    def _days(self, field_node: FieldNode) -> int:
        """Days of the field's ``range: {gte, lte}`` (at most ``MAX_PLANNING_DAYS``; that
        maximum when the dates cannot be read, the resolver then refusing them)."""
        for argument in field_node.arguments or ():
            if argument.name.value != "range":
                continue
            bounds = self._value(argument.value)
            if not isinstance(bounds, Mapping):
                break
            try:
                first = date.fromisoformat(str(self._value(bounds.get("gte"))))
                last = date.fromisoformat(str(self._value(bounds.get("lte"))))
            except ValueError:
                break
            return min(max((last - first).days + 1, 1), MAX_PLANNING_DAYS)
        return MAX_PLANNING_DAYS

    def _per_day(self, field_node: FieldNode) -> int:
        """Occurrences a day of the planning may hold: more when many children are named."""
        for argument in field_node.arguments or ():
            if argument.name.value == "children":
                named = self._value(argument.value)
                if isinstance(named, ListValueNode):
                    named = named.values
                if isinstance(named, list | tuple):
                    children = len(named) * PLANNING_OCCURRENCES_PER_CHILD_DAY
                    return max(PLANNING_OCCURRENCES_PER_DAY, children)
        return PLANNING_OCCURRENCES_PER_DAY

    def _value(self, value: ValueNode | Any) -> Any:
        """A literal or variable's value: objects as dicts (of nodes or values), strings."""
        if isinstance(value, VariableNode):
            return self.variables.get(value.name.value)
        if isinstance(value, ObjectValueNode):
            return {field.name.value: field.value for field in value.fields}
        if isinstance(value, StringValueNode):
            return value.value
        return value

    def _page_size(self, field_node: FieldNode) -> int:
        for argument in field_node.arguments or ():
            if argument.name.value not in ("first", "last"):
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int):
                    return given
        return self.default_page_size


class QueryCost(SchemaExtension):
    """Refuses documents whose estimated cost exceeds the budget; reports the estimate.

    Runs once the document is parsed and validated and before execution starts (the
    estimate depends on the variables, so it cannot live in the cached validation).
    """

    def __init__(self, budget: int, default_page_size: int) -> None:
        self.budget = budget
        self.default_page_size = default_page_size
        self.estimate: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            wanted = context.operation_name
            operation = next(
                (o for o in operations if wanted is None or (o.name and o.name.value == wanted)),
                None,
            )
            if operation is not None:
                fragments = {
                    d.name.value: d
                    for d in document.definitions
                    if isinstance(d, FragmentDefinitionNode)
                }
                calculator = CostCalculator(
                    context.schema._schema,
                    fragments,
                    context.variables or {},
                    self.default_page_size,
                )
                self.estimate = calculator.operation(operation)
                if self.estimate > self.budget:
                    raise GraphQLError(
                        f"Requête trop coûteuse : coût estimé {self.estimate}, "
                        f"maximum {self.budget}. Réduisez la taille des pages "
                        "ou le nombre de listes imbriquées.",
                        operation,
                        extensions={"code": "QUERY_TOO_COSTLY"},
                    )
        yield

    def get_results(self) -> dict[str, Any]:
        """``extensions.cost`` of the response."""
        if self.estimate is None:
            return {}
        return {"cost": {"estimated": self.estimate, "budget": self.budget}}
