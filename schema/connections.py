"""Relay connection plumbing shared by every paginated list (with ``totalCount``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from strawberry import relay

from resolvers.pagination import Page

NodeT = TypeVar("NodeT", bound=relay.Node)


def page_info(page: Page[Any]) -> relay.PageInfo:
    """The Relay ``PageInfo`` of a page."""
    return relay.PageInfo(
        has_next_page=page.has_next_page,
        has_previous_page=page.has_previous_page,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    )


def edges(page: Page[Any], to_node: Callable[[Any], NodeT]) -> list[relay.Edge[NodeT]]:
    """One edge per row, with the row's keyset cursor."""
    return [
        relay.Edge(cursor=cursor, node=to_node(row))
        for row, cursor in zip(page.rows, page.cursors, strict=True)
    ]


@strawberry.type(description="Mixin adding the total number of items to a connection.")
class CountableConnection:
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items in the whole list, all pages together.")
    async def total_count(self) -> int:
        return await self._count()
