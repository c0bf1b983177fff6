"""Each delivered event is resolved like a fresh request — once per group of subscribers.

A WebSocket connection keeps one GraphQL context for its whole life, but an event's
payload (a ``Request`` node and its fields) must be resolved with the viewer as it is now,
with empty DataLoader caches (rows change between events), and without holding a database
connection between events.

Two ways, chosen per operation by the WebSocket handler (``server.graphql_ws``):

- :func:`per_event` (the subscription groups off, the legacy protocol, queries): the
  subscription yields the event and Strawberry executes the selection for this subscriber;
  the connection's context is set up around each ``yield``, and the subscriptions of one
  connection take turns (a per-connection lock), since they share the context.
- grouped (:data:`GROUPED` set for the operation): the subscription never yields; for each
  event its member computes — or awaits another member's computation of — the serialized
  payload shared by every subscriber with the same operation and the same visibility
  (``subscriptions.groups``), and sends those bytes under its own operation id. The
  selection is executed as Strawberry would (the same executor, a fresh context with the
  re-read viewer, unexpected errors masked, the cost extension), once per group and event.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar

import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    print_ast,
    visit,
)
from graphql.execution import Executor
from strawberry.extensions import MaskErrors
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.context import Context
from schema.cost import CostCalculator
from subscriptions.groups import SharedPayloads, visibility
from subscriptions.hub import Delivery

_LOCK_ATTRIBUTE = "_creneau_event_lock"
N = TypeVar("N", bound=Node)

# Fields whose value depends on the account itself, not only on what its family or its
# staff work reaches: a selection reaching one is shared with no other account.
PER_ACCOUNT_FIELDS: Final = frozenset(
    {
        ("Request", "unreadMessageCount"),
        ("Viewer", "*"),
        ("Account", "*"),
    }
)


@dataclass(frozen=True, slots=True)
class GroupedOperation:
    """What the WebSocket handler hands a subscription it lets deliver grouped payloads."""

    # The operation as sent (document, operation name, canonical variables).
    key: Hashable
    # Its variables as sent (not yet coerced).
    variables: dict[str, Any] | None
    # Sends a serialized payload as this operation's ``next`` message.
    send: Callable[[str], Awaitable[None]]
    # Serializes a ``next`` payload as the transport would (error codes included).
    encode: Callable[[dict[str, Any]], str]


GROUPED: contextvars.ContextVar[GroupedOperation | None] = contextvars.ContextVar(
    "creneau_grouped_operation", default=None
)


def _lock_of(context: Context) -> asyncio.Lock:
    lock = getattr(context, _LOCK_ATTRIBUTE, None)
    if lock is None:
        lock = asyncio.Lock()
        setattr(context, _LOCK_ATTRIBUTE, lock)
    return lock


async def per_event(context: Context, source: AsyncIterator[Delivery]) -> AsyncIterator[Delivery]:
    """Yield each delivery with the context refreshed for it (viewer re-read at delivery,
    new loaders), then release its database connection before the next one."""
    lock = _lock_of(context)
    async for delivery in source:
        async with lock:
            context.viewer = delivery.viewer
            context.__dict__.pop("loaders", None)
            try:
                yield delivery
            finally:
                context.__dict__.pop("loaders", None)
                if "db" in context.__dict__:
                    # Shielded: a client leaving mid-close must not cut the rollback short.
                    await asyncio.shield(context.close())


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one operation's events are executed (built once per operation and schema)."""

    schema: Any
    document: DocumentNode
    # What members must share to share a payload (``_group_key``).
    group_key: Hashable
    variables: dict[str, Any] | None
    operation_name: str | None
    executor: type[Executor[Any]]
    per_account: bool
    extensions: dict[str, Any] | None
    mask: Callable[[list[GraphQLError], Context], list[GraphQLError]]


_plans: dict[tuple[Hashable, int], _Plan] = {}
MAX_PLANS: Final = 1024


def _reaches_account(schema: Any, document: DocumentNode) -> bool:
    """Whether the document selects a field of ``PER_ACCOUNT_FIELDS``."""
    type_info = TypeInfo(schema)
    found: list[bool] = []

    class Finder(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            parent = type_info.get_parent_type()
            name = getattr(parent, "name", "")
            if (name, node.name.value) in PER_ACCOUNT_FIELDS or (name, "*") in PER_ACCOUNT_FIELDS:
                found.append(True)

    visit(document, TypeInfoVisitor(type_info, Finder()))
    return bool(found)


def _group_key(
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
) -> Hashable:
    """The operation as it decides a payload: its document printed without the root
    field's ``after`` (where the stream starts, not what an event shows — so clients that
    resumed from different cursors still share) and its variables but that one."""
    root = operation.selection_set.selections
    field = root[0] if len(root) == 1 and isinstance(root[0], FieldNode) else None
    dropped: str | None = None
    if field is not None and field.arguments:
        after = next((a for a in field.arguments if a.name.value == "after"), None)
        if after is not None and isinstance(after.value, VariableNode):
            dropped = after.value.name.value
            if _uses(operation, fragments, dropped) > 1:  # used elsewhere: it matters
                dropped, after = None, None
        if after is not None:
            field = _with(field, arguments=tuple(a for a in field.arguments if a is not after))
            operation = _with(
                operation,
                selection_set=SelectionSetNode(selections=(field,)),
                variable_definitions=tuple(
                    d
                    for d in operation.variable_definitions or ()
                    if d.variable.name.value != dropped
                ),
            )
    printed = print_ast(
        DocumentNode(definitions=(operation, *(fragments[n] for n in sorted(fragments))))
    )
    kept = {k: v for k, v in (variables or {}).items() if k != dropped}
    return printed, orjson.dumps(kept, option=orjson.OPT_SORT_KEYS)


def _with(node: N, **changes: Any) -> N:
    """A copy of an AST node with some attributes changed (graphql-core's are read-only)."""
    values = {k: getattr(node, k) for k in node.keys if k != "loc"}
    return type(node)(**(values | changes))


def _uses(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode], name: str
) -> int:
    """How many times a variable is used in the operation and its fragments."""
    count = 0

    class Counter(Visitor):
        def enter_variable(self, node: VariableNode, _key: Any, parent: Any, *_: Any) -> None:
            nonlocal count
            if node.name.value == name and not isinstance(parent, VariableDefinitionNode):
                count += 1

    for definition in (operation, *fragments.values()):
        visit(definition, Counter())
    return count


def _masker(strawberry_schema: Any) -> Callable[[list[GraphQLError], Context], list[GraphQLError]]:
    """The schema's own masking of unexpected errors (its ``MaskErrors`` extension)."""
    factories = [f for f in strawberry_schema.extensions if callable(f)]
    maskers = [f for f in factories if isinstance(f(), MaskErrors)]
    if not maskers:
        return lambda errors, _context: errors
    factory = maskers[0]

    def mask(errors: list[GraphQLError], context: Context) -> list[GraphQLError]:
        fresh = factory()  # per event: it remembers whether it logged an outage
        fresh.execution_context = _ExecutionContextOf(context)
        processed: list[GraphQLError] = fresh._process_errors(errors)
        return processed

    return mask


@dataclass(slots=True)
class _ExecutionContextOf:
    """What a masking extension reads of Strawberry's execution context."""

    context: Context


def _plan(info: Any, operation: GroupedOperation, context: Context) -> _Plan:
    raw = info._raw_info
    strawberry_schema = info.schema
    key = (operation.key, id(strawberry_schema))
    plan = _plans.get(key)
    if plan is not None:
        return plan
    document = DocumentNode(definitions=(raw.operation, *raw.fragments.values()))
    variables = operation.variables
    settings = context.settings
    estimate = CostCalculator(
        raw.schema, raw.fragments, variables or {}, settings.max_page_size
    ).operation(raw.operation)
    executor = strawberry_schema.execution_context_class or StrawberryGraphQLCoreExecutionContext
    plan = _Plan(
        schema=raw.schema,
        document=document,
        group_key=(id(strawberry_schema), _group_key(raw.operation, raw.fragments, variables)),
        variables=variables,
        operation_name=raw.operation.name.value if raw.operation.name else None,
        executor=executor,
        per_account=_reaches_account(raw.schema, document),
        extensions={"cost": {"estimated": estimate, "budget": settings.max_query_cost}},
        mask=_masker(strawberry_schema),
    )
    if len(_plans) >= MAX_PLANS:
        _plans.clear()
    _plans[key] = plan
    return plan


async def _execute(plan: _Plan, operation: GroupedOperation, context: Context, root: Any) -> str:
    """The serialized ``next`` payload of one event for one group."""
    try:
        built = plan.executor.build(
            plan.schema,
            plan.document,
            root_value=root,
            context_value=context,
            raw_variable_values=plan.variables,
            operation_name=plan.operation_name,
        )
        if isinstance(built, list):  # the variables no longer coerce: cannot happen twice
            result = ExecutionResult(data=None, errors=built)
        else:
            outcome: Any = built.execute_operation(False)
            result = await outcome if built.is_awaitable(outcome) else outcome
    finally:
        if "db" in context.__dict__:
            await asyncio.shield(context.close())
    payload: dict[str, Any] = {"data": result.data}
    if result.errors:
        payload["errors"] = [error.formatted for error in plan.mask(result.errors, context)]
    if plan.extensions:
        payload["extensions"] = plan.extensions
    return operation.encode(payload)


class Grouping:
    """One grouped subscription: the key and the computation of each delivery's payload
    (shared with its group), and the loop sending them (see the module's docstring).

    ``build`` maps a delivery to the subscription's root object (None: nothing sent). It
    runs once per group, so it may depend only on the event and on what the group's
    visibility holds (the role, the family, the establishment limits)."""

    def __init__(
        self,
        info: Any,
        operation: GroupedOperation,
        build: Callable[[Delivery], Any | None],
        payloads: SharedPayloads,
    ) -> None:
        self.context: Context = info.context
        self.operation = operation
        self.build = build
        self.payloads = payloads
        self.plan = _plan(info, operation, self.context)

    def _key(self, delivery: Delivery) -> Hashable:
        seen_as = visibility(delivery.viewer, per_account=self.plan.per_account)
        return (self.plan.group_key, seen_as, delivery.event.seq)

    def _compute(self, delivery: Delivery) -> Callable[[], Awaitable[str]]:
        def compute() -> Awaitable[str]:
            root = self.build(delivery)
            if root is None:  # the same for the whole group: it depends on the viewer
                return _nothing()
            # A context of its own: fresh loaders and connection, the re-read viewer.
            context = replace(self.context, viewer=delivery.viewer)
            return _execute(self.plan, self.operation, context, root)

        return compute

    def prepare(self, delivery: Delivery) -> Awaitable[str] | None:
        """Start the group's payload before the subscribers are woken (the hub's feed
        calls it; ``subscriptions.hub.Prepare``)."""
        return self.payloads.start(self._key(delivery), self._compute(delivery))

    async def send_all(self, source: AsyncIterator[Delivery]) -> None:
        """Send each delivery's payload (computed by the first member to need it when the
        feed did not prepare it: a backlog, a member catching up)."""
        async for delivery in source:
            key = self._key(delivery)
            payload = self.payloads.get(key)
            if payload is None:
                payload = await self.payloads.payload(key, self._compute(delivery))
            if payload:
                await self.operation.send(payload)


async def _nothing() -> str:
    return ""
