"""Errors: top-level ones for malformed or unauthorized requests, payload ones for the rest.

The top-level ``errors`` array is for malformed requests (bad arguments, bad cursors,
ranges too long) and authentication/authorization; expected business failures are payload
data (``errors: [XxxError!]!`` with ``field``, ``message``, ``code``), and anything
unexpected is masked with a request id.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from graphql import GraphQLError

from kernel.results import DomainFailure


class PublicError(GraphQLError):
    """A client mistake, explained in French, with a stable ``extensions.code``."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT") -> None:
        super().__init__(message, extensions={"code": code})


def unauthenticated() -> PublicError:
    """The action needs a logged-in account."""
    return PublicError("Vous devez être connecté.", "UNAUTHENTICATED")


def forbidden() -> PublicError:
    """The viewer's role does not allow the action."""
    return PublicError("Vous n'avez pas accès à cette action.", "FORBIDDEN")


ErrorT = TypeVar("ErrorT")
CodeT = TypeVar("CodeT", bound=Enum)


def payload_errors(
    failure: DomainFailure, error_type: Callable[..., ErrorT], codes: type[CodeT]
) -> list[ErrorT]:
    """Map a domain failure to a mutation's error type; an unknown code is a bug."""
    errors: list[ErrorT] = []
    for problem in failure.problems:
        code: Any = codes[problem.code]
        errors.append(error_type(field=list(problem.field), message=problem.message, code=code))
    return errors
