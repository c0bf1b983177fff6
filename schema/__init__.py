"""Builds the Strawberry ``schema`` with the limits every request goes through.

Before execution: depth, alias and token limits (cheap static checks on the document; the
depth of introspection, which Strawberry's depth limiter skips, is checked on its own),
with parsing and validation cached across requests. During execution: unexpected
exceptions are masked for the client and logged with the request id; a database outage
(kernel/outages.py) is a ``SERVICE_UNAVAILABLE`` error, logged once per request on one line
without a traceback (the HTTP view answers it with a 503 when no data came back).
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import strawberry
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_introspection_query,
    parse,
)
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext

from kernel.outages import is_database_outage
from kernel.settings import Settings
from schema.accounts import Account
from schema.calendar.periods import CalendarPeriod
from schema.calendar.years import SchoolYear
from schema.catalogue.types import Activity, Establishment, Slot
from schema.cost import QueryCost
from schema.enum_docs import describe_enum_values
from schema.fast_execution.switch import execution_context_class
from schema.ids import french_input_error
from schema.introspection_policy import IntrospectionPolicy
from schema.mutation import Mutation
from schema.query import Query
from schema.subscription import Subscription

logger = logging.getLogger("creneau.graphql")

MASKED_MESSAGE = "Erreur inattendue. Le service a été prévenu."
OUTAGE_MESSAGE = "Le service est momentanément indisponible, réessayez dans un instant."
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
PARSE_CACHE_SIZE = 512
VALIDATION_CACHE_SIZE = 512


def _should_mask(error: GraphQLError) -> bool:
    """Mask exceptions we did not raise on purpose (they are bugs)."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Masks unexpected errors, logging each with the request id that the client sees;
    puts Strawberry's English refusal of a malformed global ID into French with a code."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return super()._process_errors([french_input_error(error) for error in errors])

    _outage_logged = False

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        original = error.original_error
        if original is not None and is_database_outage(original):
            return self._outage(error, original, request_id)
        logger.error(
            "unexpected error (request %s) at %s: %r",
            request_id,
            ".".join(str(p) for p in error.path or ()),
            original,
            exc_info=(type(original), original, original.__traceback__) if original else None,
        )
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )

    def _outage(
        self, error: GraphQLError, original: BaseException, request_id: object
    ) -> GraphQLError:
        """The database went away during execution: not a bug, so no traceback, and one
        warning for the request however many fields met it."""
        if not self._outage_logged:
            self._outage_logged = True
            first_line = (str(original).strip().splitlines() or [""])[0]
            logger.warning(
                "database unavailable (request %s) at %s: %s: %s",
                request_id,
                ".".join(str(p) for p in error.path or ()),
                type(original).__name__,
                first_line,
            )
        return GraphQLError(
            message=OUTAGE_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": SERVICE_UNAVAILABLE, "requestId": request_id},
        )


class CreneauSchema(strawberry.Schema):
    """Strawberry's schema, minus its logging of every error with a traceback.

    Client mistakes (syntax, validation, bad arguments) are not server incidents, and
    unexpected errors are already logged, with their request id, when they are masked.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            logger.debug("client error: %s", error.message)


@dataclass(frozen=True, slots=True)
class SchemaLimits:
    """The limits a schema enforces before execution (from the settings)."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    max_cost: int
    max_page_size: int

    @classmethod
    def of(cls, settings: Settings) -> SchemaLimits:
        """The limits configured in ``settings``."""
        return cls(
            settings.max_query_depth,
            settings.max_aliases,
            settings.max_tokens,
            settings.max_query_cost,
            settings.max_page_size,
        )


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: Callable[[str], object],
    visited: frozenset[str] = frozenset(),
) -> int:
    """Nesting depth of a selection set, as Strawberry's depth limiter counts it (a field
    with a selection set counts 1), fragments followed once."""
    deepest = 0
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode) and selection.selection_set is not None:
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, visited))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, visited))
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in visited:
            fragment = fragments(selection.name.value)
            inner = getattr(fragment, "selection_set", None)
            deepest = max(deepest, _depth(inner, fragments, visited | {selection.name.value}))
    return deepest


def _introspection_depth(
    selection_set: SelectionSetNode, fragments: Callable[[str], object]
) -> int:
    """Depth of the introspection fields (``__schema``, ``__type``) of a selection set."""
    only = SelectionSetNode(
        selections=tuple(
            s
            for s in selection_set.selections
            if isinstance(s, FieldNode) and s.name.value.startswith("__")
        )
    )
    return _depth(only, fragments)


def _standard_introspection_depth() -> int:
    """Depth of the introspection query GraphiQL and the code generators send."""
    document = parse(
        get_introspection_query(
            descriptions=True,
            specified_by_url=True,
            directive_is_repeatable=True,
            schema_description=True,
            input_value_deprecation=True,
        )
    )
    fragments = {d.name.value: d for d in document.definitions if hasattr(d, "name")}
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return _introspection_depth(operation.selection_set, fragments.get)


def introspection_depth_rule(max_depth: int) -> type[ValidationRule]:
    """A validation rule refusing introspection nested deeper than ``max_depth`` or than
    the standard introspection query, whichever is deeper.

    Strawberry's ``QueryDepthLimiter`` does not descend into fields starting with ``__``,
    so ``__schema { types { fields { type { ofType { ofType … } } } } }`` escaped it.
    """
    limit = max(max_depth, _standard_introspection_depth())

    class IntrospectionDepthLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            depth = _introspection_depth(node.selection_set, self.context.get_fragment)
            if depth > limit:
                self.report_error(
                    GraphQLError(
                        f"Introspection trop profonde : {depth} niveaux, maximum {limit}.",
                        node,
                        extensions={"code": "QUERY_TOO_DEEP"},
                    )
                )

    return IntrospectionDepthLimit


def _shared_rules(extension: AddValidationRules) -> Callable[[], AddValidationRules]:
    """A per-request extension adding the SAME rule classes every time.

    Strawberry's limiters create their validation rule class in ``__init__``; built per
    request, the rules differ on every request, and so does the validation cache's key,
    which then never hits. Built once here, the rules are shared and identical documents
    are validated once per process.
    """
    rules = list(extension.validation_rules)
    return lambda: AddValidationRules(rules)


class SyntaxSafeParserCache(ParserCache):
    """Strawberry's parser cache, except that a syntax error is left to Strawberry's own
    parsing, which reports it as a request error. Raised from this hook, it escaped the
    WebSocket path: a traceback logged per ``subscribe`` message, the client left with a
    bare ``complete`` (HTTP requests were not affected)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with contextlib.suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        yield


def _extensions(limits: SchemaLimits) -> list[Callable[[], SchemaExtension]]:
    """Extension factories: fresh instances per request (they hold request state), over
    caches and validation rules built once per process."""
    depth = _shared_rules(QueryDepthLimiter(max_depth=limits.max_depth))
    aliases = _shared_rules(MaxAliasesLimiter(max_alias_count=limits.max_aliases))
    introspection = _shared_rules(AddValidationRules([introspection_depth_rule(limits.max_depth)]))
    return [
        lambda: SyntaxSafeParserCache(maxsize=PARSE_CACHE_SIZE),
        depth,
        introspection,
        aliases,
        lambda: ValidationCache(maxsize=VALIDATION_CACHE_SIZE),
        IntrospectionPolicy,  # after the cached validation: it depends on the caller
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: QueryCost(budget=limits.max_cost, default_page_size=limits.max_page_size),
        lambda: MaskUnexpectedErrors(should_mask_error=_should_mask, error_message=MASKED_MESSAGE),
    ]


_built: dict[tuple[SchemaLimits, type | None], strawberry.Schema] = {}


def build_schema(settings: Settings) -> strawberry.Schema:
    """The API schema with the limits of ``settings``; the app calls it at start-up.

    The types are converted once per process: Strawberry binds field extensions (Relay
    ``node``) to the type classes, so they cannot be converted twice. Other limits reuse
    that conversion with their own extensions (a shallow copy of the schema), and each set
    of limits is built once, so the parser and validation caches serve every request.
    """
    limits = SchemaLimits.of(settings)
    executor = execution_context_class(settings)  # the compiled path or Strawberry's
    built = _built.get((limits, executor))
    if built is not None:
        return built
    if _built:
        built = copy.copy(next(iter(_built.values())))
        built.extensions = tuple(_extensions(limits))
        built.execution_context_class = executor or StrawberryGraphQLCoreExecutionContext
    else:
        built = CreneauSchema(
            query=Query,
            mutation=Mutation,
            subscription=Subscription,
            types=[Establishment, Activity, Slot, SchoolYear, CalendarPeriod, Account],
            config=StrawberryConfig(auto_camel_case=True),
            extensions=_extensions(limits),
            execution_context_class=executor,
        )
        describe_enum_values(built._schema)  # every enum value described (issue 15)
    _built[(limits, executor)] = built
    return built
