"""Global IDs received from clients, turned into row keys: the one decoder of the schema.

A global ID is a locator, never a permission: the key found here still goes through a
viewer-scoped read. Two answers exist, by where the ID comes from:

- an argument or filter (``where: {family: …}``, ``calendar(establishment: …)``): an ID of
  another type or not one of ours is a malformed request, reported in the top-level
  ``errors`` in French with ``extensions.code`` ``BAD_USER_INPUT`` (``decode_pk``);
- a mutation input (``input: {request: …}``): such an ID is « introuvable », the same
  payload error as an object that does not exist or is not the viewer's, so that IDs
  reveal nothing (``input_pk``);
- a URL or query string of the plain HTTP endpoints (``server/``): ``pk_from_text``, None
  for anything that is not an ID of the expected type (then a 404 or a French 400).

``node(id:)``/``nodes(ids:)`` answer null for an ID whose key is not one of ours, and a
French ``BAD_USER_INPUT`` error for an ID naming no Node type (``UnknownNodeType``), which
Strawberry raises as a bare ``ValueError`` that used to be masked as an internal error.

Either way a payload that is not a small decimal integer never reaches the database (a
20-digit key used to overflow the driver and surface as an internal error).

An ID that is not even a global ID (empty, not base64, no « Type: » inside) is refused by
Strawberry while it converts the arguments, before any resolver runs, with an English
error and no code; ``french_input_error`` turns it, for every field and mutation at once,
into a French ``BAD_USER_INPUT`` (``schema.MaskUnexpectedErrors`` applies it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions.field_extension import FieldExtension
from strawberry.relay.types import GlobalIDValueError, InvalidGlobalIDError

from resolvers.nodes import parse_pk
from schema.errors import PublicError


def input_pk(global_id: relay.GlobalID | None, type_name: str) -> int | None:
    """The key inside an ID of type ``type_name``; None when absent, of another type or
    malformed (then the mutation answers « introuvable » with its ``NOT_FOUND`` code)."""
    if global_id is None or global_id.type_name != type_name:
        return None
    return parse_pk(global_id.node_id)


def pk_from_text(raw: str, type_name: str) -> int | None:
    """The key inside a global ID received as text outside GraphQL (a download URL, an
    export's query string); None when it is not an ID of type ``type_name``."""
    try:
        global_id = relay.GlobalID.from_id(raw)
    except GlobalIDValueError:  # not base64, or no « Type: » inside
        return None
    return input_pk(global_id, type_name)


def decode_pk(global_id: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The key inside an argument's ID of type ``type_name`` (None when absent); a French
    ``BAD_USER_INPUT`` error naming the argument when it is of another type or malformed."""
    if global_id is None:
        return None
    pk = input_pk(global_id, type_name)
    if pk is None:
        raise PublicError(f"« {field} » n'est pas un identifiant de {type_name} valide.")
    return pk


MALFORMED_ID_MESSAGE = "Un identifiant reçu n'est pas un identifiant valide de l'API."


def french_input_error(error: GraphQLError) -> GraphQLError:
    """``error`` itself, unless it is Strawberry's English refusal of a malformed global ID
    in the arguments (« Value cannot represent a GlobalID »): then the French
    ``BAD_USER_INPUT`` error at the same place."""
    if not isinstance(error, InvalidGlobalIDError) and not isinstance(
        error.original_error, InvalidGlobalIDError
    ):
        return error
    return GraphQLError(
        MALFORMED_ID_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "BAD_USER_INPUT"},
    )


def _unknown_type(exc: GlobalIDValueError) -> PublicError:
    return PublicError("Cet identifiant ne désigne aucun type d'objet de l'API.")


class UnknownNodeType(FieldExtension):
    """On ``node``/``nodes``: an ID naming no Node type (« Nope:1 ») is a client mistake."""

    def resolve(self, next_: Callable[..., Any], source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            return next_(source, info, **kwargs)
        except GlobalIDValueError as exc:
            raise _unknown_type(exc) from exc

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Any, **kwargs: Any
    ) -> Any:
        try:
            return await next_(source, info, **kwargs)
        except GlobalIDValueError as exc:
            raise _unknown_type(exc) from exc
