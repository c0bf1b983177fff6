"""Registrations: the parent's wishes, staff's list and bulk decisions, and the
Registration node as each viewer may see it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from domain.school_years.campaign import Wish, cancel_wish, wish_registration
from domain.school_years.decisions import BulkDecision, decide_registrations
from kernel.retry import retry_lost_race
from models import Activity, Child, Registration
from models.base import utcnow
from models.registration import RegistrationStatus
from resolvers.administration.school_years import today
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page

MAX_PAGE = 100


def _account(ctx: Context) -> int:
    account_id = ctx.viewer.account_id
    assert account_id is not None
    return account_id


async def registrations_by_id(ctx: Context, ids: Sequence[int]) -> list[Registration | None]:
    """Registrations, where the viewer may read the child's family (staff: the tenant's;
    a parent: their own family's), in two batched statements."""
    rows = await ctx.loaders.by_id(Registration).load_many(list(ids))
    children = await ctx.loaders.by_id(Child).load_many(
        list({r.child_id for r in rows if r is not None})
    )
    family_of = {c.id: c.family_id for c in children if c is not None}
    return [
        r
        if r is not None
        and r.child_id in family_of
        and ctx.viewer.can_read_family(family_of[r.child_id])
        else None
        for r in rows
    ]


async def registrations_page(
    ctx: Context,
    *,
    statuses: list[RegistrationStatus] | None,
    school_year_id: int | None,
    activity_id: int | None,
    first: int | None,
    after: str | None,
) -> Page[Registration]:
    """Staff's list of the tenant's registrations, oldest first (keyset on the id); an
    agent limited to some establishments sees their activities' registrations only."""
    stmt = select(Registration).where(Registration.tenant_id == ctx.tenant.id)
    if statuses:
        stmt = stmt.where(Registration.status.in_(statuses))
    if activity_id is not None:
        stmt = stmt.where(Registration.activity_id == activity_id)
    reached = ctx.viewer.establishment_ids
    if reached is not None:  # an agent limited to some establishments
        stmt = stmt.where(
            Registration.activity_id.in_(
                select(Activity.id).where(Activity.establishment_id.in_(reached))
            )
        )
    if school_year_id is not None:
        stmt = stmt.where(
            Registration.activity_id.in_(
                select(Activity.id).where(
                    Activity.tenant_id == ctx.tenant.id, Activity.school_year_id == school_year_id
                )
            )
        )
    return await keyset_page(
        ctx.db,
        stmt,
        [Registration.id],
        first=first,
        after=after,
        last=None,
        before=None,
        max_size=MAX_PAGE,
    )


async def wish(
    ctx: Context, child_id: int | None, activity_id: int | None, idempotency_key: str | None
) -> Wish:
    """registrationWish; of two identical wishes at once, the loser (unique child ×
    activity × start) runs again and answers ALREADY_REGISTERED (or, with the winner's
    key, the winner's wish)."""

    async def attempt() -> Wish:
        async with ctx.db.transaction() as session:
            return await wish_registration(
                session,
                tenant_id=ctx.tenant.id,
                family_id=ctx.viewer.family_id,
                account_id=_account(ctx),
                child_id=child_id,
                activity_id=activity_id,
                today=today(ctx),
                idempotency_key=idempotency_key,
            )

    return await retry_lost_race(attempt)


async def wish_cancel(ctx: Context, registration_id: int | None) -> Registration:
    """registrationWishCancel."""
    async with ctx.db.transaction() as session:
        return await cancel_wish(
            session,
            tenant_id=ctx.tenant.id,
            family_id=ctx.viewer.family_id,
            account_id=_account(ctx),
            registration_id=registration_id,
            now=utcnow(),
        )


async def decide(
    ctx: Context, registration_ids: Sequence[int | None], *, accept: bool, reason: str | None
) -> BulkDecision:
    """registrationsAccept / registrationsRefuse."""
    async with ctx.db.transaction() as session:
        return await decide_registrations(
            session,
            tenant_id=ctx.tenant.id,
            registration_ids=registration_ids,
            accept=accept,
            reason=reason,
            actor_account_id=_account(ctx),
            now=utcnow(),
            establishment_ids=ctx.viewer.establishment_ids,
        )
