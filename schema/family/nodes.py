"""Relay node resolution shared by the family types."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from resolvers.nodes import rows_for_nodes


async def nodes_from_rows(
    cls: type, info: strawberry.Info, node_ids: Iterable[str], fetch: object
) -> list[object | None]:
    """Fetch the rows of ``node_ids`` with ``fetch`` and map them with ``cls.from_row``."""
    rows = await rows_for_nodes(node_ids, lambda ids: fetch(info.context, ids))  # type: ignore[operator]
    return [cls.from_row(row) if row is not None else None for row in rows]  # type: ignore[attr-defined]
