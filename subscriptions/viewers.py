"""Who may still see an event: the connection's viewer, re-read from the database.

A WebSocket connection outlives the facts it was authenticated with: its session may be
revoked, its account disabled, its guardian removed from the family. Before events are
delivered, the viewers concerned are re-read (one statement per batch, by session id), and
each event is checked against the fresh viewer: a parent sees only their family's events,
staff only their tenant's.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.viewer import Viewer
from models import Account, Guardian, Session
from models.account import AccountStatus
from models.base import utcnow
from subscriptions.log import LoggedEvent


async def current_viewers(
    session: AsyncSession, *, tenant_id: int, session_ids: Collection[int]
) -> dict[int, Viewer | None]:
    """The viewer of each login session as it is now (None: revoked, expired, disabled)."""
    if not session_ids:
        return {}
    now = utcnow()
    rows = await session.execute(
        select(
            Session.id,
            Session.tenant_id,
            Session.expires_at,
            Session.revoked_at,
            Account.id.label("account_id"),
            Account.role,
            Account.status,
            Account.guardian_id,
            Guardian.family_id,
        )
        .join(Account, Account.id == Session.account_id)
        .outerjoin(Guardian, Guardian.id == Account.guardian_id)
        .where(Session.id.in_(set(session_ids)))
    )
    viewers: dict[int, Viewer | None] = dict.fromkeys(session_ids)
    for row in rows:
        if (
            row.revoked_at is not None
            or row.expires_at <= now
            or row.status is not AccountStatus.ACTIVE
            or row.tenant_id != tenant_id
        ):
            continue
        viewers[row.id] = Viewer(
            tenant_id=tenant_id,
            account_id=row.account_id,
            session_id=row.id,
            role=row.role,
            guardian_id=row.guardian_id,
            family_id=row.family_id,
        )
    return viewers


def can_see(viewer: Viewer | None, event: LoggedEvent) -> bool:
    """Staff: every event of their tenant; a parent: their family's events only."""
    if viewer is None or viewer.tenant_id != event.tenant_id:
        return False
    if viewer.is_staff:
        return True
    return event.family_id is not None and viewer.can_read_family(event.family_id)
