"""Change requests: authorize, run the domain in one transaction, read with the viewer's
rules (a parent their own family's requests, staff their tenant's, reporting none)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, false, select

from domain import change_requests as domain
from kernel.retry import retry_lost_race
from models import Establishment, Message, Request, RequestHistory
from models.base import utcnow
from models.request import RequestStatus, RequestType
from resolvers.accounts import portal_links
from resolvers.context import Context
from resolvers.pagination import Page, PaginationError, decode_cursor, keyset_page


def _visible(ctx: Context, request: Request | None) -> Request | None:
    viewer = ctx.viewer
    if request is None:
        return None
    if viewer.is_staff or (viewer.is_parent and viewer.family_id == request.family_id):
        return request
    return None


async def requests_by_id(ctx: Context, ids: Sequence[int]) -> list[Request | None]:
    """Requests, where visible to the viewer (None otherwise, as if absent)."""
    if ctx.viewer.is_anonymous or not ids:
        return [None] * len(ids)
    rows = await ctx.loaders.by_id(Request).load_many(list(ids))
    return [_visible(ctx, row) for row in rows]


async def create(
    ctx: Context,
    request_type: RequestType,
    *,
    target_id: int | None,
    changes: Mapping[str, object],
    comment: str | None,
    idempotency_key: str | None,
) -> Request:
    """One of the ``…RequestCreate`` mutations (the caller checked the viewer is a parent).

    Two concurrent retries with the same idempotency key: the second one hits the unique
    index, and is answered like a later retry (the first request, nothing created).
    """
    viewer = ctx.viewer
    assert viewer.account_id is not None

    async def attempt() -> Request:
        async with ctx.db.transaction() as session:
            return await domain.create_change_request(
                session,
                tenant_id=ctx.tenant.id,
                request_type=request_type,
                account_id=viewer.account_id or 0,
                family_id=viewer.family_id,
                target_id=target_id,
                changes=changes,
                comment=comment,
                idempotency_key=idempotency_key,
                portal_url=portal_links(ctx).portal_url,
                now=utcnow(),
            )

    return await retry_lost_race(attempt, retry=bool(idempotency_key))


async def accept(ctx: Context, request_id: int | None, message: str | None) -> Request:
    """changeRequestAccept (the caller checked the viewer is staff)."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await domain.accept_change_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            account_id=ctx.viewer.account_id,
            message=message,
            now=utcnow(),
        )


async def refuse(ctx: Context, request_id: int | None, message: str) -> Request:
    """changeRequestRefuse (the caller checked the viewer is staff)."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await domain.refuse_change_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            account_id=ctx.viewer.account_id,
            message=message,
            now=utcnow(),
        )


async def cancel(ctx: Context, request_id: int | None) -> Request:
    """changeRequestCancel (the caller checked the viewer is a parent)."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await domain.cancel_change_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            account_id=ctx.viewer.account_id,
            family_id=ctx.viewer.family_id,
            now=utcnow(),
        )


async def history_of(ctx: Context, request_id: int) -> list[RequestHistory]:
    """A visible request's history, oldest first (batched over the requests of a page)."""
    loader = ctx.loaders.grouped(
        RequestHistory,
        RequestHistory.request_id,
        [RequestHistory.occurred_at, RequestHistory.id],
    )
    return await loader.load(request_id)


async def messages_of(ctx: Context, request_id: int) -> list[Message]:
    """Messages about a visible request, oldest first (batched)."""
    loader = ctx.loaders.grouped(Message, Message.request_id, [Message.created_at, Message.id])
    return await loader.load(request_id)


async def open_changes_of_family(ctx: Context, family_id: int) -> list[Request]:
    """Open (pending or transmitted) change requests of a visible family, oldest first.

    One loader for the whole family file: the family, each guardian and each child pick
    their own among them, so a family with many children costs one statement.
    """
    loader = ctx.loaders.grouped(
        Request,
        Request.family_id,
        [Request.created_at, Request.id],
        Request.status.in_(domain.OPEN_STATUSES),
        Request.type.in_(domain.CHANGE_TYPES),
        filter_name="open change requests",
    )
    return await loader.load(family_id)


async def school_names(ctx: Context, ids: set[int]) -> dict[int, str]:
    """Names of establishments mentioned by change requests (one batched statement)."""
    if not ids:
        return {}
    wanted = sorted(ids)
    rows = await ctx.loaders.by_id(Establishment).load_many(wanted)
    return {pk: row.name for pk, row in zip(wanted, rows, strict=True) if row is not None}


def _reference_search(text: str) -> int | None:
    digits = "".join(text.split())
    return int(digits) if digits.isdigit() and len(digits) <= 18 else None


async def change_requests_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    statuses: Sequence[RequestStatus] | None,
    types: Sequence[RequestType] | None,
    family_id: int | None,
    reference: str | None,
) -> Page[Request]:
    """Change requests, newest first (highest reference first), keyset-paginated.

    The caller checked the viewer is staff or a parent; a parent's list is always limited
    to their own family, whatever ``family_id`` says.
    """
    viewer = ctx.viewer
    stmt: Select[Any] = select(Request).where(
        Request.tenant_id == ctx.tenant.id, Request.type.in_(domain.CHANGE_TYPES)
    )
    if not viewer.is_staff:
        stmt = stmt.where(Request.family_id == (viewer.family_id or -1))
    if family_id is not None:
        stmt = stmt.where(Request.family_id == family_id)
    if statuses is not None:
        stmt = stmt.where(Request.status.in_(statuses))
    if types is not None:
        stmt = stmt.where(Request.type.in_(types))
    if reference is not None and reference.strip():
        wanted = _reference_search(reference)
        stmt = stmt.where(Request.reference == wanted if wanted is not None else false())
    return await _newest_first(ctx, stmt, first=first, after=after, last=last, before=before)


def _reference_cursor(cursor: str) -> int:
    (value,) = decode_cursor(cursor, 1)
    if not isinstance(value, int):
        raise PaginationError("Curseur de pagination invalide.")
    return value


async def _newest_first(
    ctx: Context,
    stmt: Select[Any],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Page[Request]:
    """One page of requests by reference, descending: references are unique per tenant and
    grow with time, so the newest request comes first, as in « Mes demandes »."""
    for cursor in (after, before):
        if cursor is not None:
            _reference_cursor(cursor)  # a clear error for a cursor that is not ours
    page: Page[Request] = await keyset_page(
        ctx.db,
        stmt,
        [Request.reference],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
        descending=True,
    )
    return page
