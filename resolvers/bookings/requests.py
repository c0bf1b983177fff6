"""Reservation and absence requests of parents: run the domain in one transaction each.

The caller (schema) checked the viewer is a parent; the domain scopes everything to the
parent's family, so another family's child is « introuvable » like a missing one.
"""

from __future__ import annotations

from domain.bookings.asking import BookingAsk
from domain.bookings.cancel import cancel_booking_request
from domain.bookings.preview import PreviewLine, preview_booking_request
from domain.bookings.reports import BookingRequestResult
from domain.bookings.requests import create_booking_request
from kernel.retry import retry_lost_race
from models import Request
from models.base import utcnow
from resolvers.accounts import portal_links
from resolvers.context import Context


async def create(ctx: Context, ask: BookingAsk) -> BookingRequestResult:
    """reservationRequestCreate / absenceRequestCreate.

    Two concurrent retries with the same idempotency key: the second one hits the unique
    index when it inserts, and is answered like a later retry (the first request's
    answer, nothing created).
    """
    viewer = ctx.viewer
    assert viewer.account_id is not None

    async def attempt() -> BookingRequestResult:
        async with ctx.db.transaction() as session:
            return await create_booking_request(
                session,
                tenant_id=ctx.tenant.id,
                account_id=viewer.account_id or 0,
                family_id=viewer.family_id,
                ask=ask,
                portal_url=portal_links(ctx).portal_url,
                now=utcnow(),
            )

    return await retry_lost_race(attempt, retry=bool(ask.idempotency_key))


class _DryRun(Exception):
    """Leaves the preview's transaction by rolling it back, carrying its answer."""

    def __init__(self, lines: list[PreviewLine]) -> None:
        super().__init__("dry run")
        self.lines = lines


async def preview(ctx: Context, ask: BookingAsk) -> list[PreviewLine]:
    """reservationRequestPreview / absenceRequestPreview: the request's own evaluation in
    a transaction that is always rolled back, so that nothing can be written even by
    mistake (the domain writes nothing on this path: no request number, no row)."""
    try:
        async with ctx.db.transaction() as session:
            lines = await preview_booking_request(
                session,
                tenant_id=ctx.tenant.id,
                family_id=ctx.viewer.family_id,
                ask=ask,
                now=utcnow(),
            )
            raise _DryRun(lines)
    except _DryRun as done:
        return done.lines


async def cancel(ctx: Context, request_id: int | None) -> Request:
    """requestCancel: a parent withdraws an undecided reservation or absence request."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await cancel_booking_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            account_id=ctx.viewer.account_id,
            family_id=ctx.viewer.family_id,
            now=utcnow(),
        )
