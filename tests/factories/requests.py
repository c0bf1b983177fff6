"""Request factories for the staff side: bookings, reservation/absence requests with their
lines, and messages — each returns flushed rows (commit before the API reads them).

Requests are written directly (not through the parents' mutations), so tests of the staff
side state exactly the situation they decide on. Dates default to the 2025-2026 school
year (``tests.factories.bookings`` builds 2026-2027 towns for the parents' side).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, Booking, Child, Family, Message, Request, RequestLine, Slot
from models.base import utcnow
from models.booking import BookingStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed import builders

__all__ = ["make_booking", "make_booking_request", "make_message", "make_request_line"]

_references = itertools.count(50_000_001)


async def make_booking(
    session: AsyncSession,
    child: Child,
    slot: Slot,
    day: dt.date,
    *,
    status: BookingStatus = BookingStatus.RESERVED,
    **overrides: Any,
) -> Booking:
    """A booking of ``child`` on ``slot`` and ``day`` (RESERVED by default; a WAITING_LIST
    one waits since ``waiting_since`` or now)."""
    values: dict[str, Any] = {
        "status": status,
        "waiting_since": utcnow() if status is BookingStatus.WAITING_LIST else None,
    }
    values.update(overrides)
    return await builders.add_booking(session, child, slot, day, **values)


async def make_booking_request(
    session: AsyncSession,
    account: Account | None,
    child: Child,
    slot: Slot,
    days: Sequence[dt.date],
    *,
    type: RequestType = RequestType.RESERVATION,
    status: RequestStatus = RequestStatus.PENDING,
    created_at: dt.datetime | None = None,
    **overrides: Any,
) -> tuple[Request, list[RequestLine]]:
    """A reservation (or absence) request of ``child``'s family, made by ``account``, with
    one PENDING line per day."""
    action = (
        RequestLineAction.RESERVE if type is RequestType.RESERVATION else RequestLineAction.ABSENCE
    )
    values: dict[str, Any] = {
        "reference": next(_references),
        "type": type,
        "status": status,
        "created_by_account_id": account.id if account is not None else None,
        "activity_id": slot.activity_id,
        "period_start": min(days),
        "period_end": max(days),
        "created_at": created_at or utcnow(),
    }
    values.update(overrides)
    family = await session.get(Family, child.family_id)
    assert family is not None
    request = await builders.add_request(session, family, child_id=child.id, **values)
    lines = [
        await make_request_line(session, request, child, slot, day, action=action) for day in days
    ]
    return request, lines


async def make_request_line(
    session: AsyncSession,
    request: Request,
    child: Child,
    slot: Slot,
    day: dt.date,
    *,
    action: RequestLineAction = RequestLineAction.RESERVE,
    status: RequestLineStatus = RequestLineStatus.PENDING,
    **overrides: Any,
) -> RequestLine:
    """One line of ``request`` for ``child`` on ``slot`` and ``day``."""
    values: dict[str, Any] = {
        "action": action,
        "status": status,
    }
    values.update(overrides)
    return await builders.add_request_line(session, request, child, slot, day, **values)


async def make_message(
    session: AsyncSession,
    request: Request,
    *,
    from_staff: bool = True,
    body: str = "Votre demande a été prise en compte.",
    **overrides: Any,
) -> Message:
    """A message about ``request`` (from staff by default)."""
    values: dict[str, Any] = {
        "from_staff": from_staff,
        "subject": f"Demande n° {request.reference}",
        "body": body,
        "created_at": utcnow(),
    }
    values.update(overrides)
    return await builders.add_message(session, request, **values)
