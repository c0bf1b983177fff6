"""Reading request lines and bookings with the viewer's rules: a parent their own
children's, staff their tenant's, reporting none (as if absent)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

from models import Booking, RequestLine
from resolvers.context import Context
from resolvers.family.reads import children_by_id

RowT = TypeVar("RowT", Booking, RequestLine)


async def _of_visible_children(ctx: Context, rows: Sequence[RowT | None]) -> list[RowT | None]:
    if ctx.viewer.is_anonymous:
        return [None] * len(rows)
    child_ids = sorted({row.child_id for row in rows if row is not None})
    children = await children_by_id(ctx, child_ids)
    visible = {child.id for child in children if child is not None}
    return [row if row is not None and row.child_id in visible else None for row in rows]


async def lines_by_id(ctx: Context, ids: Sequence[int]) -> list[RequestLine | None]:
    """Request lines, where their child's family is visible to the viewer."""
    rows = await ctx.loaders.by_id(RequestLine).load_many(list(ids))
    return await _of_visible_children(ctx, rows)


async def bookings_by_id(ctx: Context, ids: Sequence[int]) -> list[Booking | None]:
    """Bookings, where their child's family is visible to the viewer."""
    rows = await ctx.loaders.by_id(Booking).load_many(list(ids))
    return await _of_visible_children(ctx, rows)


def lines_loader(ctx: Context) -> DataLoader[int, list[RequestLine]]:
    """The request's loader of request lines by request, by date then child."""
    return ctx.loaders.grouped(
        RequestLine,
        RequestLine.request_id,
        [RequestLine.date, RequestLine.child_id, RequestLine.slot_id, RequestLine.id],
    )


async def lines_of(ctx: Context, request_id: int) -> list[RequestLine]:
    """The lines of a visible request, by date then child (batched over a page)."""
    return await lines_loader(ctx).load(request_id)
