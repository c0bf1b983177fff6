"""Reading the event log from a cursor, and pruning it.

Events are read by ``seq`` (the cursor, given at commit in commit order within a tenant),
never by id: see ``domain.events`` for why.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Event
from models.event import EventKind

CURSOR_PREFIX = "event:"


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One committed event, detached from any session (hubs share it between subscribers)."""

    seq: int
    tenant_id: int
    kind: EventKind
    subject_type: str
    subject_id: int
    family_id: int | None
    child_id: int | None
    payload: dict[str, Any]
    occurred_at: dt.datetime

    @property
    def cursor(self) -> str:
        """The opaque cursor a client passes back as ``after`` to resume."""
        return encode_cursor(self.seq)


def encode_cursor(seq: int) -> str:
    """``seq`` as an opaque string (clients must not build or compare cursors)."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    """The ``seq`` of a cursor; None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not raw.startswith(CURSOR_PREFIX) or not raw[len(CURSOR_PREFIX) :].isdigit():
        return None
    return int(raw[len(CURSOR_PREFIX) :])


_COLUMNS = (
    Event.seq,
    Event.tenant_id,
    Event.kind,
    Event.subject_type,
    Event.subject_id,
    Event.family_id,
    Event.child_id,
    Event.payload,
    Event.occurred_at,
)


async def read_events(
    session: AsyncSession, *, tenant_id: int, after: int, limit: int
) -> list[LoggedEvent]:
    """A tenant's committed events with a cursor above ``after``, oldest first."""
    rows = await session.execute(
        select(*_COLUMNS)
        .where(Event.tenant_id == tenant_id, Event.seq > after)
        .order_by(Event.seq)
        .limit(limit)
    )
    return [
        LoggedEvent(
            seq=row.seq,
            tenant_id=row.tenant_id,
            kind=row.kind,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            family_id=row.family_id,
            child_id=row.child_id,
            payload=dict(row.payload or {}),
            occurred_at=row.occurred_at,
        )
        for row in rows
    ]


async def latest_seq(session: AsyncSession, *, tenant_id: int) -> int:
    """The cursor of a tenant's last committed event (0 when it has none)."""
    value = await session.scalar(select(func.max(Event.seq)).where(Event.tenant_id == tenant_id))
    return int(value or 0)


async def prune_events(session: AsyncSession, *, before: dt.datetime) -> int:
    """Delete the events that occurred before ``before`` (retention); how many went.

    A client resuming from a pruned cursor gets what is left, from the oldest kept event.
    """
    result = await session.execute(delete(Event).where(Event.occurred_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
