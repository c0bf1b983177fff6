"""Loading ahead what a page of requests will be asked for.

The staff inbox and « Mes demandes » show, for each request of a page, its family, child,
activity, lines (with their child) and unread count. Resolved field by field, each of
those waits for its loader's batch, and every wait costs graphql-core a task. Started here
for the whole page, the same batches run once (the same statements, in the same number),
and every field then finds its data loaded and completes at once. Only what the query
selects is loaded; what each viewer may see is still decided by each field.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Collection, Sequence
from typing import Any

from models import Child, Family, Guardian, Request
from resolvers.context import Context
from resolvers.requests.lines import lines_loader
from resolvers.requests.lists import unread_loader


async def prefetch_requests(
    ctx: Context,
    rows: Sequence[Request],
    selected: Collection[str],
    line_fields: Collection[str] = (),
) -> None:
    """Load, for ``rows``, the related rows behind the ``selected`` fields of ``Request``
    (``family``, ``guardian``, ``child``, ``activity``, ``lines``, ``unreadMessageCount``)
    and the children of their lines when ``line_fields`` has ``child``."""
    if not rows or ctx.viewer.is_anonymous:
        return
    loaders = ctx.loaders
    waits: list[Awaitable[Any]] = []

    def ids(values: Sequence[int | None]) -> list[int]:
        return sorted({value for value in values if value is not None})

    if "family" in selected:
        waits.append(loaders.by_id(Family).load_many(ids([r.family_id for r in rows])))
    if "guardian" in selected:
        waits.append(loaders.by_id(Guardian).load_many(ids([r.guardian_id for r in rows])))
    if "child" in selected:
        waits.append(loaders.by_id(Child).load_many(ids([r.child_id for r in rows])))
    if "activity" in selected:
        waits.append(loaders.activity.load_many(ids([r.activity_id for r in rows])))
    if "unreadMessageCount" in selected and (unread := unread_loader(ctx)) is not None:
        waits.append(unread.load_many([r.id for r in rows]))
    lines = lines_loader(ctx).load_many([r.id for r in rows]) if "lines" in selected else None
    if lines is not None:
        waits.append(lines)
    if waits:
        await asyncio.gather(*waits)
    if lines is not None and "child" in line_fields:
        line_rows = [line for group in await lines for line in group]
        await loaders.by_id(Child).load_many(ids([line.child_id for line in line_rows]))
