"""« Mes demandes » and the staff inbox: the list of every request type, unread counts,
and marking messages read — with the viewer's rules (a parent their own family's requests,
staff their tenant's, reporting none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from domain import messages
from domain.bookings.decisions import inbox
from domain.bookings.decisions.inbox import RequestOrder, RequestStateGroup
from kernel.results import fail
from kernel.retry import retry_lost_race
from models import Activity, Message, Request, RequestLine
from models.base import utcnow
from models.request import RequestStatus, RequestType
from resolvers.change_requests import _newest_first, _reference_search
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page


def about_activity(activity_id: int) -> ColumnElement[bool]:
    """Requests about an activity: as their subject or on one of their dates."""
    return or_(
        Request.activity_id == activity_id,
        exists().where(
            RequestLine.request_id == Request.id, RequestLine.activity_id == activity_id
        ),
    )


def about_establishment(establishment_id: int) -> ColumnElement[bool]:
    """Requests about an activity of an establishment (subject or dates)."""
    of_establishment = select(Activity.id).where(Activity.establishment_id == establishment_id)
    return or_(
        Request.activity_id.in_(of_establishment),
        exists().where(
            RequestLine.request_id == Request.id,
            RequestLine.activity_id.in_(of_establishment),
        ),
    )


def within_establishments(establishment_ids: Collection[int]) -> ColumnElement[bool]:
    """What an agent limited to some establishments sees: requests about an activity of
    one of them, and requests about no activity at all (family file changes, registrations
    of a family), which no establishment owns. A request about another establishment's
    activity (as subject or on one of its dates) is left out."""
    of_establishments = select(Activity.id).where(Activity.establishment_id.in_(establishment_ids))
    about_others = or_(
        and_(Request.activity_id.is_not(None), Request.activity_id.not_in(of_establishments)),
        exists().where(
            RequestLine.request_id == Request.id,
            RequestLine.activity_id.is_not(None),
            RequestLine.activity_id.not_in(of_establishments),
        ),
    )
    return ~about_others


def with_dates_between(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Requests with a date (line) in [start, end], or whose period overlaps it."""
    return or_(
        exists().where(
            RequestLine.request_id == Request.id,
            RequestLine.date >= start,
            RequestLine.date <= end,
        ),
        and_(
            Request.period_start.is_not(None),
            Request.period_start <= end,
            func.coalesce(Request.period_end, Request.period_start) >= start,
        ),
    )


def unread_loader(ctx: Context) -> DataLoader[int, int] | None:
    """The request's loader of the viewer's unread message counts by request (one
    counting statement for a page of requests); None for a viewer without messages."""
    viewer = ctx.viewer
    account_id = viewer.account_id
    if not viewer.can_read_family_files() or account_id is None:
        return None
    staff = viewer.is_staff

    async def count(request_ids: Sequence[int]) -> list[int]:
        stmt = (
            select(Message.request_id, func.count(Message.id).label("unread"))
            .where(
                Message.tenant_id == ctx.tenant.id,
                Message.request_id.in_(request_ids),
                inbox.unread_by(account_id, staff=staff),
            )
            .group_by(Message.request_id)
        )
        counts: dict[int, int] = {}
        for row in await ctx.db.rows(stmt):
            counts[row.request_id] = int(row.unread)
        return [counts.get(request, 0) for request in request_ids]

    return ctx.loaders.counted(f"unread messages:{account_id}:{staff}", count)


async def unread_count_of(ctx: Context, request_id: int) -> int:
    """Unread messages of a visible request for the viewer (batched over a page)."""
    loader = unread_loader(ctx)
    return 0 if loader is None else await loader.load(request_id)


async def viewer_unread_count(ctx: Context) -> int:
    """Every unread message of the viewer: a parent's family's, or the collectivity's for
    staff (messages written by families)."""
    viewer = ctx.viewer
    if not viewer.can_read_family_files() or viewer.account_id is None:
        return 0
    stmt = select(func.count(Message.id)).where(
        Message.tenant_id == ctx.tenant.id,
        inbox.unread_by(viewer.account_id, staff=viewer.is_staff),
    )
    if not viewer.is_staff:
        stmt = stmt.where(Message.family_id == (viewer.family_id or -1))
    return int(await ctx.db.scalar(stmt) or 0)


async def requests_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    state_group: RequestStateGroup | None,
    statuses: Sequence[RequestStatus] | None,
    types: Sequence[RequestType] | None,
    family_id: int | None,
    child_id: int | None,
    reference: str | None,
    activity_id: int | None = None,
    establishment_id: int | None = None,
    dates: tuple[dt.date, dt.date] | None = None,
    order: RequestOrder = RequestOrder.NEWEST_FIRST,
) -> Page[Request]:
    """Requests of every type, newest (or oldest) first, keyset-paginated.

    The caller checked the viewer is staff or a parent; a parent's list is always limited
    to their own family, whatever ``family_id`` says.
    """
    viewer = ctx.viewer
    stmt: Select[Any] = select(Request).where(Request.tenant_id == ctx.tenant.id)
    if not viewer.is_staff:
        stmt = stmt.where(Request.family_id == (viewer.family_id or -1))
    elif viewer.establishment_ids is not None:
        stmt = stmt.where(within_establishments(viewer.establishment_ids))
    if family_id is not None:
        stmt = stmt.where(Request.family_id == family_id)
    if child_id is not None:
        stmt = stmt.where(inbox.about_child(child_id))
    if state_group is not None:
        stmt = stmt.where(Request.status.in_(inbox.STATE_GROUPS[state_group]))
    if statuses is not None:
        stmt = stmt.where(Request.status.in_(statuses))
    if types is not None:
        stmt = stmt.where(Request.type.in_(types))
    if reference is not None and reference.strip():
        wanted = _reference_search(reference)
        stmt = stmt.where(Request.reference == wanted if wanted is not None else false())
    if activity_id is not None:
        stmt = stmt.where(about_activity(activity_id))
    if establishment_id is not None:
        stmt = stmt.where(about_establishment(establishment_id))
    if dates is not None:
        stmt = stmt.where(with_dates_between(*dates))
    if order is RequestOrder.OLDEST_FIRST:
        # References increase with time and are unique per tenant: ascending is oldest first.
        return await keyset_page(
            ctx.db,
            stmt,
            [Request.reference],
            first=first,
            after=after,
            last=last,
            before=before,
            max_size=ctx.settings.max_page_size,
        )
    return await _newest_first(ctx, stmt, first=first, after=after, last=last, before=before)


async def _write_receipts(ctx: Context, write: Callable[[AsyncSession], Awaitable[int]]) -> int:
    # Two clicks at once may both insert the same receipt: the loser's retry finds the
    # messages already read and writes nothing.
    async def attempt() -> int:
        async with ctx.db.transaction() as session:
            return await write(session)

    return await retry_lost_race(attempt)


async def mark_read(ctx: Context, request_ids: Sequence[int | None]) -> int:
    """messagesMarkRead (the caller checked the viewer is staff or a parent)."""
    viewer = ctx.viewer
    assert viewer.account_id is not None
    account_id = viewer.account_id
    return await _write_receipts(
        ctx,
        lambda session: inbox.mark_read(
            session,
            tenant_id=ctx.tenant.id,
            account_id=account_id,
            staff=viewer.is_staff,
            own_family_id=viewer.family_id,
            request_ids=request_ids,
            now=utcnow(),
        ),
    )


async def mark_all_read(ctx: Context, family_id: int | None, child_id: int | None) -> int:
    """messagesMarkAllRead (the caller checked the viewer is staff or a parent)."""
    viewer = ctx.viewer
    assert viewer.account_id is not None
    account_id = viewer.account_id
    return await _write_receipts(
        ctx,
        lambda session: inbox.mark_all_read(
            session,
            tenant_id=ctx.tenant.id,
            account_id=account_id,
            staff=viewer.is_staff,
            own_family_id=viewer.family_id,
            family_id=family_id,
            child_id=child_id,
            now=utcnow(),
        ),
    )


async def post_message(
    ctx: Context, request_id: int | None, body: str, idempotency_key: str | None
) -> messages.Posted:
    """requestMessagePost (the caller checked the viewer is staff or a parent). Two
    retries at once with the same key: the loser finds the winner's message. An agent
    limited to some establishments does not reach a request about another one's activity
    (NOT_FOUND, as the inbox does not show it)."""
    viewer = ctx.viewer
    assert viewer.account_id is not None
    account_id = viewer.account_id

    async def attempt() -> messages.Posted:
        async with ctx.db.transaction() as session:
            if viewer.is_staff and viewer.establishment_ids is not None and request_id:
                await _refuse_beyond_establishments(
                    session, ctx.tenant.id, request_id, viewer.establishment_ids
                )
            return await messages.post_message(
                session,
                tenant_id=ctx.tenant.id,
                account_id=account_id,
                staff=viewer.is_staff,
                own_family_id=viewer.family_id,
                request_id=request_id,
                body=body,
                idempotency_key=idempotency_key,
                now=utcnow(),
            )

    return await retry_lost_race(attempt, retry=idempotency_key is not None)


async def _refuse_beyond_establishments(
    session: AsyncSession, tenant_id: int, request_id: int, reached: Collection[int]
) -> None:
    beyond = await session.scalar(
        select(Request.id).where(
            Request.tenant_id == tenant_id,
            Request.id == request_id,
            ~within_establishments(reached),
        )
    )
    if beyond is not None:
        raise fail(messages.NOT_FOUND, "Demande introuvable.", "request")


async def requests_by_pk(ctx: Context, ids: Sequence[int]) -> list[Request]:
    """Visible requests by key, in order, for a payload (unknown ones left out)."""
    rows = await ctx.loaders.by_id(Request).load_many(list(ids))
    viewer = ctx.viewer
    return [
        row
        for row in rows
        if row is not None and (viewer.is_staff or row.family_id == viewer.family_id)
    ]
