"""What the request log line and the metrics know of a GraphQL operation: its name, type
and outcome, left on the ASGI scope's ``state`` by a schema extension.

``observed(schema)`` returns the schema with :class:`OperationObservation` first among its
extensions, so that it leaves last and sees the errors as the client gets them (after the
masking of unexpected errors). It also gives the request's context the request id of the
``X-Request-ID`` header, so a masked error's ``requestId`` is the one in the logs.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError
from strawberry import Schema
from strawberry.extensions import SchemaExtension

# Keys of ``scope["state"]``.
REQUEST_ID = "request_id"
OPERATION = "creneau_operation"
# An error without ``extensions.code`` (every error should have one).
NO_CODE = "NO_CODE"


@dataclass
class OperationOutcome:
    """One executed (or refused) GraphQL operation of an HTTP request."""

    name: str | None = None
    type: str | None = None
    error_codes: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """``ok``, or the code of the first error."""
        return self.error_codes[0] if self.error_codes else "ok"


def _code(error: GraphQLError) -> str:
    code = (error.extensions or {}).get("code")
    return code if isinstance(code, str) and code else NO_CODE


def _scope_state(context: Any) -> dict[str, Any] | None:
    """The HTTP request's ``scope["state"]`` (None over WebSocket or without a request)."""
    request = getattr(context, "request", None)
    scope = getattr(request, "scope", None)
    if not isinstance(scope, dict) or scope.get("type") != "http":
        return None
    state = scope.setdefault("state", {})
    return state if isinstance(state, dict) else None


class OperationObservation(SchemaExtension):
    """Records the operation's name, type and error codes on the request's scope state."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        state = _scope_state(context)
        if state is not None and isinstance(state.get(REQUEST_ID), str):
            # A context without a request id: nothing to align.
            with contextlib.suppress(AttributeError):
                context.request_id = state[REQUEST_ID]
        yield
        if state is None:
            return
        execution = self.execution_context
        observed = OperationOutcome(name=execution.operation_name)
        try:
            observed.type = execution.operation_type.value
        except Exception:  # no document (syntax error) or no such operation
            observed.type = None
        result = execution.result
        errors = (result.errors if result is not None else None) or (
            execution.pre_execution_errors or []
        )
        observed.error_codes = [_code(error) for error in errors]
        state[OPERATION] = observed


_observed: dict[int, tuple[Schema, Schema]] = {}


def observed(schema: Schema) -> Schema:
    """``schema`` with :class:`OperationObservation` as its first extension (one copy per
    schema, sharing its types, caches and other extensions)."""
    found = _observed.get(id(schema))
    if found is not None and found[0] is schema:
        return found[1]
    copied = copy.copy(schema)
    copied.extensions = (OperationObservation, *schema.extensions)
    _observed[id(schema)] = (schema, copied)
    return copied
