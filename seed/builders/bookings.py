"""Registrations, bookings, requests with their lines, and messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Activity,
    Booking,
    Child,
    Family,
    Message,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from seed.builders.rows import add


def registration_row(child: Child, activity: Activity, **values: Any) -> Registration:
    """A registration of ``child`` to ``activity``, unflushed."""
    return Registration(
        tenant_id=child.tenant_id, child_id=child.id, activity_id=activity.id, **values
    )


async def add_registration(
    session: AsyncSession, child: Child, activity: Activity, **values: Any
) -> Registration:
    """A registration of ``child`` to ``activity`` (dates, ``status``)."""
    return await add(session, registration_row(child, activity, **values))


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


def request_row(family: Family, **values: Any) -> Request:
    """A request header of ``family`` (``reference``, ``type``, ``status``, ``child_id``
    for bookings…), unflushed; its lines follow with ``request_line_row``."""
    return Request(tenant_id=family.tenant_id, family_id=family.id, **values)


async def add_request(session: AsyncSession, family: Family, **values: Any) -> Request:
    """A request header of ``family`` (``request_row``)."""
    return await add(session, request_row(family, **values))


def request_line_row(
    request: Request, child: Child, slot: Slot, day: dt.date, **values: Any
) -> RequestLine:
    """One line of ``request``: ``child`` on ``slot`` and ``day``, unflushed."""
    return RequestLine(
        tenant_id=request.tenant_id,
        request_id=request.id,
        child_id=child.id,
        activity_id=slot.activity_id,
        slot_id=slot.id,
        date=day,
        **values,
    )


async def add_request_line(
    session: AsyncSession,
    request: Request,
    child: Child,
    slot: Slot,
    day: dt.date,
    **values: Any,
) -> RequestLine:
    """One line of ``request`` (``action``, ``status``…)."""
    return await add(session, request_line_row(request, child, slot, day, **values))


def message_row(request: Request, **values: Any) -> Message:
    """A message about ``request``, unflushed."""
    return Message(
        tenant_id=request.tenant_id,
        family_id=request.family_id,
        request_id=request.id,
        **values,
    )


async def add_message(session: AsyncSession, request: Request, **values: Any) -> Message:
    """A message about ``request`` (``from_staff``, ``subject``, ``body``…)."""
    return await add(session, message_row(request, **values))
