"""Registrations, bookings, requests with their lines, and messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Activity,
    Booking,
    Child,
    Message,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from seed.builders.rows import add


async def add_registration(
    session: AsyncSession, child: Child, activity: Activity, **values: Any
) -> Registration:
    """A registration of ``child`` to ``activity`` (dates, ``status``)."""
    return await add(
        session,
        Registration(
            tenant_id=child.tenant_id, child_id=child.id, activity_id=activity.id, **values
        ),
    )


async def add_booking(
    session: AsyncSession, child: Child, slot: Slot, day: dt.date, **values: Any
) -> Booking:
    """The booking of ``child`` on ``slot`` and ``day`` (``status``, ``attendance``…)."""
    return await add(
        session,
        Booking(
            tenant_id=child.tenant_id,
            child_id=child.id,
            slot_id=slot.id,
            activity_id=slot.activity_id,
            date=day,
            **values,
        ),
    )


async def add_request(session: AsyncSession, child: Child, **values: Any) -> Request:
    """A request header of ``child``'s family (``reference``, ``type``, ``status``…); its
    lines are added with ``add_request_line``."""
    return await add(
        session,
        Request(tenant_id=child.tenant_id, family_id=child.family_id, child_id=child.id, **values),
    )


async def add_request_line(
    session: AsyncSession,
    request: Request,
    child: Child,
    slot: Slot,
    day: dt.date,
    **values: Any,
) -> RequestLine:
    """One line of ``request``: ``child`` on ``slot`` and ``day`` (``action``, ``status``)."""
    return await add(
        session,
        RequestLine(
            tenant_id=request.tenant_id,
            request_id=request.id,
            child_id=child.id,
            activity_id=slot.activity_id,
            slot_id=slot.id,
            date=day,
            **values,
        ),
    )


async def add_message(session: AsyncSession, request: Request, **values: Any) -> Message:
    """A message about ``request`` (``from_staff``, ``subject``, ``body``…)."""
    return await add(
        session,
        Message(
            tenant_id=request.tenant_id,
            family_id=request.family_id,
            request_id=request.id,
            **values,
        ),
    )
