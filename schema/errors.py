"""Errors: top-level ones for malformed or unauthorized requests, payload ones for the rest.

The top-level ``errors`` array is for malformed requests (bad arguments, bad cursors,
ranges too long) and authentication/authorization; expected business failures are payload
data (``errors: [XxxError!]!`` with ``field``, ``message``, ``code``), and anything
unexpected is masked with a request id.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, StrEnum
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from kernel.results import DomainFailure, Problem

# The descriptions every payload error type and payload repeats, written once.
FIELD_DOC = "Path of the input field at fault."
MESSAGE_DOC = "What is wrong, in French."
ERRORS_DOC = "Problems, if any (then nothing was changed)."


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
DomainCodeT = TypeVar("DomainCodeT", bound=StrEnum)


def error_code_enum(codes: type[DomainCodeT], *, description: str) -> type[DomainCodeT]:
    """Publish a domain enum of error codes as a mutation's GraphQL code enum, unchanged.

    The domain's enum is the only list of the codes (same name, same values), so the schema
    cannot miss a code the domain reports nor keep one it dropped; copying the values here
    by hand is what used to turn a new domain code into a ``KeyError`` at run time.
    """
    if not codes.__module__.startswith("domain."):
        raise TypeError(f"{codes.__name__} must be a domain enum of error codes")
    return strawberry.enum(codes, description=description)


def payload_errors(
    failure: DomainFailure | Problem, error_type: Callable[..., ErrorT], codes: type[CodeT]
) -> list[ErrorT]:
    """Map a domain failure (or one problem a service returned) to a mutation's errors.

    Every mutation goes through here, so the mapping of a problem's path, French message
    and code is written once; an unknown code is a bug, which ``tests/test_error_codes.py``
    rules out by checking every code the domain raises against the domain's code enums.
    """
    problems = failure.problems if isinstance(failure, DomainFailure) else (failure,)
    errors: list[ErrorT] = []
    for problem in problems:
        code: Any = codes[problem.code]
        errors.append(error_type(field=list(problem.field), message=problem.message, code=code))
    return errors
