"""Introspection and « Did you mean … ? » hints kept from anonymous callers in production.

In production (``CRENEAU_ENV=production``), unless ``CRENEAU_PUBLIC_INTROSPECTION=1``, an
anonymous caller (no bearer token, no ``authToken``) cannot read the schema: a document
selecting ``__schema`` or ``__type`` anywhere is refused before execution with the code
``INTROSPECTION_DISABLED``, and the hints graphql-core appends to its validation and
variable errors (« Did you mean 'children'? ») are removed from the messages — together
they would let a stranger map the API field by field. ``__typename`` stays allowed
(clients select it everywhere). Authenticated callers — staff in GraphiQL after login,
code generators run with a token — keep both.

The decision depends on the caller, so it cannot be a validation rule (the validation
cache shares results between callers): it is an extension that runs after the cached
validation and copies the errors it rewrites instead of changing the cached ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
INTROSPECTION_DISABLED_MESSAGE = (
    "L'introspection du schéma est réservée aux personnes connectées en production."
)
# graphql-core's hints: « Did you mean 'a'? », « Did you mean 'a' or 'b'? », « Did you mean
# the enum value 'A'? », always at the end of the message, sometimes after a newline.
_SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


def _selects_introspection(selection_set: SelectionSetNode | None) -> bool:
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            if selection.name.value in INTROSPECTION_FIELDS:
                return True
            if _selects_introspection(selection.selection_set):
                return True
        elif isinstance(selection, InlineFragmentNode) and _selects_introspection(
            selection.selection_set
        ):
            return True
        elif isinstance(selection, FragmentSpreadNode):
            continue  # fragment definitions are walked on their own
    return False


def introspects(document: DocumentNode) -> bool:
    """Whether any operation or fragment of ``document`` selects ``__schema``/``__type``."""
    return any(
        isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode)
        and _selects_introspection(definition.selection_set)
        for definition in document.definitions
    )


def without_suggestion(error: GraphQLError) -> GraphQLError:
    """The error without graphql-core's « Did you mean … ? » (a copy; the same error when
    there is none)."""
    message = _SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )


def _is_restricted(context: Any) -> bool:
    """Whether this request's caller is kept from introspection and hints."""
    settings = getattr(context, "settings", None)
    viewer = getattr(context, "viewer", None)
    if settings is None or viewer is None:
        return False
    return (
        settings.environment == "production"
        and not settings.public_introspection
        and viewer.is_anonymous
    )


class IntrospectionPolicy(SchemaExtension):
    """Refuses introspection and strips suggestions for restricted callers."""

    def _restricted(self) -> bool:
        return _is_restricted(self.execution_context.context)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and self._restricted() and introspects(document):
            context.pre_execution_errors = [
                GraphQLError(
                    INTROSPECTION_DISABLED_MESSAGE,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            ]
        yield
        errors = context.pre_execution_errors
        if errors and self._restricted():
            context.pre_execution_errors = [without_suggestion(e) for e in errors]

    def on_operation(self) -> Iterator[None]:
        yield
        if not self._restricted():
            return
        result = self.execution_context.result
        errors: Sequence[GraphQLError] | None = getattr(result, "errors", None)
        if errors:
            result.errors = [without_suggestion(e) for e in errors]  # type: ignore[union-attr]
