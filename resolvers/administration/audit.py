"""The audit trail, for administrators: entries newest first, filtered."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from models import AuditEntry
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page

MAX_PAGE = 100


async def entries_by_id(ctx: Context, ids: Sequence[int]) -> list[AuditEntry | None]:
    """Entries of the tenant, for administrators only (staff and everyone else: none)."""
    if not ctx.viewer.is_admin:
        return [None] * len(ids)
    return list(await ctx.loaders.by_id(AuditEntry).load_many(list(ids)))


async def entries_page(
    ctx: Context,
    *,
    object_type: str | None,
    object_id: int | None,
    action: str | None,
    first: int | None,
    after: str | None,
) -> Page[AuditEntry]:
    """The tenant's entries, newest first (keyset on the id: entries are only appended)."""
    stmt = select(AuditEntry).where(AuditEntry.tenant_id == ctx.tenant.id)
    if object_type is not None:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        stmt = stmt.where(AuditEntry.object_id == object_id)
    if action is not None:
        stmt = stmt.where(AuditEntry.action == action)
    return await keyset_page(
        ctx.db,
        stmt,
        [AuditEntry.id],
        first=first,
        after=after,
        last=None,
        before=None,
        max_size=MAX_PAGE,
        descending=True,
    )
