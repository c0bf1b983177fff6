"""Reading the family file, with the authorization rule applied to every object.

Rows are loaded through the request's tenant-scoped loaders, then filtered by the viewer:
a parent reaches only their own family, staff every family of the tenant, reporting none.
Objects that are not visible are simply absent (null), as if they did not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func, or_, select

from models import (
    AuthorizedPerson,
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    FamilyQuotient,
    Guardian,
    HealthRecord,
    Vaccination,
)
from models.family import FamilyStatus
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page

RowT = TypeVar("RowT")


def _visible(ctx: Context, rows: Sequence[RowT | None]) -> list[RowT | None]:
    viewer = ctx.viewer
    return [
        row if row is not None and viewer.can_read_family(row.family_id) else None  # type: ignore[attr-defined]
        for row in rows
    ]


async def families_by_id(ctx: Context, ids: Sequence[int]) -> list[Family | None]:
    """Families, where visible."""
    rows = await ctx.loaders.by_id(Family).load_many(list(ids))
    return [r if r is not None and ctx.viewer.can_read_family(r.id) else None for r in rows]


async def guardians_by_id(ctx: Context, ids: Sequence[int]) -> list[Guardian | None]:
    """Guardians, where their family is visible."""
    return _visible(ctx, await ctx.loaders.by_id(Guardian).load_many(list(ids)))


async def children_by_id(ctx: Context, ids: Sequence[int]) -> list[Child | None]:
    """Children, where their family is visible."""
    return _visible(ctx, await ctx.loaders.by_id(Child).load_many(list(ids)))


async def bank_accounts_by_id(ctx: Context, ids: Sequence[int]) -> list[BankAccount | None]:
    """Bank accounts, where their family is visible."""
    return _visible(ctx, await ctx.loaders.by_id(BankAccount).load_many(list(ids)))


async def authorized_persons_by_id(
    ctx: Context, ids: Sequence[int]
) -> list[AuthorizedPerson | None]:
    """Authorized persons, where their child's family is visible."""
    people = await ctx.loaders.by_id(AuthorizedPerson).load_many(list(ids))
    children = await children_by_id(ctx, [p.child_id for p in people if p is not None])
    visible = {c.id for c in children if c is not None}
    return [p if p is not None and p.child_id in visible else None for p in people]


async def guardians_of(ctx: Context, family_id: int) -> list[Guardian]:
    """Guardians of a visible family, RL1 first."""
    loader = ctx.loaders.grouped(Guardian, Guardian.family_id, [Guardian.rank, Guardian.id])
    return await loader.load(family_id)


async def children_of(ctx: Context, family_id: int) -> list[Child]:
    """Children of a visible family, eldest first."""
    loader = ctx.loaders.grouped(Child, Child.family_id, [Child.birth_date, Child.id])
    return await loader.load(family_id)


async def bank_accounts_of(ctx: Context, family_id: int) -> list[BankAccount]:
    """Bank accounts of a visible family, primary first."""
    loader = ctx.loaders.grouped(
        BankAccount, BankAccount.family_id, [BankAccount.is_primary.desc(), BankAccount.id]
    )
    return await loader.load(family_id)


async def quotients_of(ctx: Context, family_id: int) -> list[FamilyQuotient]:
    """Family quotients, latest first."""
    loader = ctx.loaders.grouped(
        FamilyQuotient,
        FamilyQuotient.family_id,
        [FamilyQuotient.valid_from.desc(), FamilyQuotient.id],
    )
    return await loader.load(family_id)


async def authorizations_of(ctx: Context, child_id: int) -> ChildAuthorizations | None:
    """A child's authorizations row (None until filled)."""
    loader = ctx.loaders.grouped(
        ChildAuthorizations, ChildAuthorizations.child_id, [ChildAuthorizations.child_id]
    )
    rows = await loader.load(child_id)
    return rows[0] if rows else None


async def health_record_of(ctx: Context, child_id: int) -> HealthRecord | None:
    """A child's health record (None until filled)."""
    loader = ctx.loaders.grouped(HealthRecord, HealthRecord.child_id, [HealthRecord.child_id])
    rows = await loader.load(child_id)
    return rows[0] if rows else None


async def vaccinations_of(ctx: Context, child_id: int) -> list[Vaccination]:
    """A child's vaccine injections, by date."""
    loader = ctx.loaders.grouped(
        Vaccination, Vaccination.child_id, [Vaccination.injected_on, Vaccination.id]
    )
    return await loader.load(child_id)


async def authorized_persons_of(ctx: Context, child_id: int) -> list[AuthorizedPerson]:
    """Adults who may pick the child up or are to be called."""
    loader = ctx.loaders.grouped(AuthorizedPerson, AuthorizedPerson.child_id, [AuthorizedPerson.id])
    return await loader.load(child_id)


async def families_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    statuses: Sequence[FamilyStatus] | None,
    search: str | None,
) -> Page[Family]:
    """Staff: the tenant's families by name (the caller checks the viewer is staff)."""
    stmt: Any = select(Family).where(Family.tenant_id == ctx.tenant.id)
    if statuses is not None:
        stmt = stmt.where(Family.status.in_(statuses))
    if search:
        pattern = f"%{search.strip().lower()}%"
        stmt = stmt.where(
            or_(
                func.lower(Family.name).like(pattern),
                func.lower(Family.subscriber_code).like(pattern),
            )
        )
    return await keyset_page(
        ctx.db,
        stmt,
        [Family.name, Family.id],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
    )
