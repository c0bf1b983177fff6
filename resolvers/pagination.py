"""Keyset (cursor) pagination for Relay connections.

A cursor encodes the sort key of a row, so a page is one indexed range scan whatever its
depth, and rows inserted meanwhile never shift the pages (unlike offsets).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
from sqlalchemy import Select, func, select, tuple_

from resolvers.database import RequestDatabase

RowT = TypeVar("RowT")

_PREFIX = b"k:"


class PaginationError(ValueError):
    """Malformed pagination arguments; reported to the client as a GraphQL error."""


def encode_cursor(values: Sequence[Any]) -> str:
    """Opaque cursor for a sort key (ints and strings only)."""
    return base64.urlsafe_b64encode(_PREFIX + orjson.dumps(list(values))).decode()


def decode_cursor(cursor: str, width: int) -> list[Any]:
    """The sort key inside a cursor; refuses anything we did not produce."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode())
        if not raw.startswith(_PREFIX):
            raise ValueError
        values = orjson.loads(raw[len(_PREFIX) :])
    except (ValueError, binascii.Error, orjson.JSONDecodeError) as exc:
        raise PaginationError("Curseur de pagination invalide.") from exc
    if (
        not isinstance(values, list)
        or len(values) != width
        or not all(isinstance(v, int | str) for v in values)
    ):
        raise PaginationError("Curseur de pagination invalide.")
    return values


@dataclass
class Page(Generic[RowT]):
    """One page of rows with their cursors and the Relay page flags."""

    rows: list[RowT]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: Callable[[], Awaitable[int]]


def _page_size(first: int | None, last: int | None, max_size: int) -> tuple[int, bool]:
    if first is not None and last is not None:
        raise PaginationError("Utilisez « first » ou « last », pas les deux.")
    size = first if first is not None else last
    if size is None:
        return max_size, True
    if size < 0:
        raise PaginationError("La taille de page doit être positive.")
    if size > max_size:
        raise PaginationError(f"La taille de page est limitée à {max_size}.")
    return size, last is None


async def keyset_page(
    db: RequestDatabase,
    stmt: Select[Any],
    order: Sequence[Any],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    max_size: int,
    descending: bool = False,
) -> Page[Any]:
    """Fetch one page of ``stmt`` (ORM entities) ordered by the ``order`` columns,
    ascending, or descending (newest first) when ``descending``."""
    size, forward = _page_size(first, last, max_size)
    key = tuple_(*order)
    filtered = stmt
    if after is not None:
        bound = tuple_(*decode_cursor(after, len(order)))
        filtered = filtered.where(key < bound if descending else key > bound)
    if before is not None:
        bound = tuple_(*decode_cursor(before, len(order)))
        filtered = filtered.where(key > bound if descending else key < bound)
    ascending = forward != descending
    ordering = list(order) if ascending else [column.desc() for column in order]
    rows = await db.scalars(filtered.order_by(*ordering).limit(size + 1))
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()

    async def total_count() -> int:
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        return int(await db.scalar(counted))

    names = [column.key for column in order]
    return Page(
        rows=rows,
        cursors=[encode_cursor([getattr(row, n) for n in names]) for row in rows],
        has_next_page=more if forward else before is not None,
        has_previous_page=after is not None if forward else more,
        total_count=total_count,
    )
