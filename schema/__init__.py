"""Builds the Strawberry ``schema`` with the limits every request goes through.

Before execution: depth, alias and token limits (cheap static checks on the document),
with parsing and validation cached across requests. During execution: unexpected
exceptions are masked for the client and logged with the request id.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from kernel.settings import Settings
from schema.accounts import Account
from schema.calendar import CalendarPeriod, SchoolYear
from schema.catalogue import Activity, Establishment, Slot
from schema.cost import QueryCost
from schema.mutation import Mutation
from schema.query import Query
from schema.subscription import Subscription

logger = logging.getLogger("creneau.graphql")

MASKED_MESSAGE = "Erreur inattendue. Le service a été prévenu."


def _should_mask(error: GraphQLError) -> bool:
    """Mask exceptions we did not raise on purpose (they are bugs)."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Masks unexpected errors, logging each with the request id that the client sees."""

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


def build_schema(settings: Settings) -> strawberry.Schema:
    """The API schema with the configured limits.

    Strawberry binds field extensions (Relay ``node``) to the type classes, so a process
    builds its schema once: use the module-level ``schema``.
    """
    return CreneauSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Establishment, Activity, Slot, SchoolYear, CalendarPeriod, Account],
        config=StrawberryConfig(auto_camel_case=True),
        extensions=[
            # Factories: a fresh extension instance per request (they hold request state).
            lambda: ParserCache(maxsize=512),
            lambda: ValidationCache(maxsize=512),
            lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
            lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            lambda: QueryCost(
                budget=settings.max_query_cost, default_page_size=settings.max_page_size
            ),
            lambda: MaskUnexpectedErrors(
                should_mask_error=_should_mask, error_message=MASKED_MESSAGE
            ),
        ],
    )


schema = build_schema(Settings.from_env())
