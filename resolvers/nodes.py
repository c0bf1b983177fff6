"""Node lookup by global ID: a decoded ID is a locator, never a permission.

The payload of a global ID is parsed here, once; ``schema.nodes.ScopedNode`` (node lookup)
and ``schema.ids`` (IDs in arguments and inputs) both go through ``parse_pk``.

An agent limited to some establishments (``Viewer.establishment_ids``) does not reach, by
ID, what belongs to another establishment's activity: a request about it (as its subject
or on one of its dates: the inbox's rule), a request line, a booking or a registration.
``beyond_establishments`` finds those keys, so that ``node``/``nodes`` answer null for
them exactly as for an unknown ID.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Final

from sqlalchemy import Select, select

from models import Activity, Booking, Registration, Request, RequestLine
from resolvers.context import Context
from resolvers.requests.lists import within_establishments


def parse_pk(node_id: str) -> int | None:
    """The integer key inside a global ID's payload, or None when it is not one.

    ASCII digits only (``"²".isdigit()`` is true but ``int("²")`` fails), at most 18 of
    them (a larger key overflows the database driver): otherwise an internal error."""
    if not (node_id.isascii() and node_id.isdigit()) or len(node_id) > 18:
        return None
    return int(node_id)


def _activities_of(establishment_ids: Collection[int]) -> Select[Any]:
    return select(Activity.id).where(Activity.establishment_id.in_(establishment_ids))


def _requests(keys: list[int], reached: Collection[int]) -> Select[Any]:
    return select(Request.id).where(Request.id.in_(keys), ~within_establishments(reached))


def _lines(keys: list[int], reached: Collection[int]) -> Select[Any]:
    return select(RequestLine.id).where(
        RequestLine.id.in_(keys), RequestLine.activity_id.not_in(_activities_of(reached))
    )


def _bookings(keys: list[int], reached: Collection[int]) -> Select[Any]:
    return select(Booking.id).where(
        Booking.id.in_(keys), Booking.activity_id.not_in(_activities_of(reached))
    )


def _registrations(keys: list[int], reached: Collection[int]) -> Select[Any]:
    return select(Registration.id).where(
        Registration.id.in_(keys), Registration.activity_id.not_in(_activities_of(reached))
    )


# Node type name (the model's) -> the keys among ``keys`` about another establishment.
ESTABLISHMENT_SCOPED: Final[dict[str, Callable[[list[int], Collection[int]], Select[Any]]]] = {
    "Request": _requests,
    "RequestLine": _lines,
    "Booking": _bookings,
    "Registration": _registrations,
}


def about_other_establishments(
    type_name: str, keys: list[int], reached: Collection[int]
) -> Select[Any] | None:
    """The statement selecting, among ``keys`` of the node type ``type_name``, those about
    an activity of an establishment outside ``reached``; None for a type no establishment
    owns."""
    beyond = ESTABLISHMENT_SCOPED.get(type_name)
    return beyond(keys, reached) if beyond is not None else None


async def beyond_establishments(ctx: Context, type_name: str, keys: list[int]) -> set[int]:
    """The keys the viewer may not reach by ID because they belong to another
    establishment's activity (none for a viewer without limits, one statement otherwise)."""
    reached = ctx.viewer.establishment_ids
    if reached is None or not ctx.viewer.is_staff or not keys:
        return set()
    statement = about_other_establishments(type_name, keys, reached)
    if statement is None:
        return set()
    return set(await ctx.db.scalars(statement))
