"""Builds the Strawberry ``schema`` with the limits every request goes through.

Before execution: depth, alias and token limits (cheap static checks on the document),
with parsing and validation cached across requests. During execution: unexpected
exceptions are masked for the client and logged with the request id.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass

import strawberry
from graphql import GraphQLError
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
from strawberry.types import ExecutionContext

from kernel.settings import Settings
from schema.accounts import Account
from schema.calendar.periods import CalendarPeriod
from schema.calendar.years import SchoolYear
from schema.catalogue import Activity, Establishment, Slot
from schema.cost import QueryCost
from schema.ids import french_input_error
from schema.mutation import Mutation
from schema.query import Query
from schema.subscription import Subscription

logger = logging.getLogger("creneau.graphql")

MASKED_MESSAGE = "Erreur inattendue. Le service a été prévenu."
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

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        original = error.original_error
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


def _shared_rules(extension: AddValidationRules) -> Callable[[], AddValidationRules]:
    """A per-request extension adding the SAME rule classes every time.

    Strawberry's limiters create their validation rule class in ``__init__``; built per
    request, the rules differ on every request, and so does the validation cache's key,
    which then never hits. Built once here, the rules are shared and identical documents
    are validated once per process.
    """
    rules = list(extension.validation_rules)
    return lambda: AddValidationRules(rules)


def _extensions(limits: SchemaLimits) -> list[Callable[[], SchemaExtension]]:
    """Extension factories: fresh instances per request (they hold request state), over
    caches and validation rules built once per process."""
    depth = _shared_rules(QueryDepthLimiter(max_depth=limits.max_depth))
    aliases = _shared_rules(MaxAliasesLimiter(max_alias_count=limits.max_aliases))
    return [
        lambda: ParserCache(maxsize=PARSE_CACHE_SIZE),
        depth,
        aliases,
        lambda: ValidationCache(maxsize=VALIDATION_CACHE_SIZE),
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: QueryCost(budget=limits.max_cost, default_page_size=limits.max_page_size),
        lambda: MaskUnexpectedErrors(should_mask_error=_should_mask, error_message=MASKED_MESSAGE),
    ]


_built: dict[SchemaLimits, strawberry.Schema] = {}


def build_schema(settings: Settings) -> strawberry.Schema:
    """The API schema with the limits of ``settings``; the app calls it at start-up.

    The types are converted once per process: Strawberry binds field extensions (Relay
    ``node``) to the type classes, so they cannot be converted twice. Other limits reuse
    that conversion with their own extensions (a shallow copy of the schema), and each set
    of limits is built once, so the parser and validation caches serve every request.
    """
    limits = SchemaLimits.of(settings)
    built = _built.get(limits)
    if built is not None:
        return built
    if _built:
        built = copy.copy(next(iter(_built.values())))
        built.extensions = tuple(_extensions(limits))
    else:
        built = CreneauSchema(
            query=Query,
            mutation=Mutation,
            subscription=Subscription,
            types=[Establishment, Activity, Slot, SchoolYear, CalendarPeriod, Account],
            config=StrawberryConfig(auto_camel_case=True),
            extensions=_extensions(limits),
        )
    _built[limits] = built
    return built
