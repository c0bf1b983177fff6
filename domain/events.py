"""Appending to the event log: what subscriptions read, written with the change itself.

Every change a client may watch (a request's status, a line's outcome, a booking, a new
request for staff, an issued invoice) calls :func:`append_event` inside the transaction
that makes the change, so the log and the data can never disagree: a rolled-back change
leaves no event, a committed one always has its event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Event
from models.event import EventKind


def append_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    kind: EventKind,
    subject_type: str,
    subject_id: int,
    family_id: int | None = None,
    child_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    """Add one event to the session's transaction; its id (the cursor) comes at flush."""
    event = Event(
        tenant_id=tenant_id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        family_id=family_id,
        child_id=child_id,
        payload=payload or {},
    )
    session.add(event)
    return event
