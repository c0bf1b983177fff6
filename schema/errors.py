"""Errors that reach clients in the top-level ``errors`` array, unmasked.

That array is for malformed requests (bad arguments, bad cursors, ranges too long) and
authentication; expected business failures are payload data, and anything unexpected is
masked with a request id.
"""

from __future__ import annotations

from graphql import GraphQLError


class PublicError(GraphQLError):
    """A client mistake, explained in French, with a stable ``extensions.code``."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT") -> None:
        super().__init__(message, extensions={"code": code})
