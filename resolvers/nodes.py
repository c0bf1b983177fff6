"""Node lookup by global ID: a decoded ID is a locator, never a permission."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

RowT = TypeVar("RowT")


def parse_pk(node_id: str) -> int | None:
    """The integer key inside a global ID's payload, or None when it is not one."""
    if not node_id.isdigit() or len(node_id) > 18:
        return None
    return int(node_id)


async def load_nodes(
    loader: DataLoader[int, RowT | None], node_ids: Iterable[str]
) -> list[RowT | None]:
    """Rows for global-ID payloads through a tenant-scoped loader (None when not visible)."""
    return await rows_for_nodes(node_ids, loader.load_many)


async def rows_for_nodes(
    node_ids: Iterable[str],
    fetch: Callable[[list[int]], Awaitable[Sequence[RowT | None]]],
) -> list[RowT | None]:
    """Rows for global-ID payloads through an authorizing fetch (None where not visible).

    ``fetch`` receives the parsed keys and returns one row or None per key, in order.
    """
    keys = [parse_pk(node_id) for node_id in node_ids]
    wanted = [k for k in keys if k is not None]
    found = dict(zip(wanted, await fetch(wanted), strict=True))
    return [found.get(k) if k is not None else None for k in keys]
