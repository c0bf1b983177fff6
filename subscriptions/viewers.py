"""Who may still see an event: the connection's viewer, re-read from the database.

A WebSocket connection outlives the facts it was authenticated with: its session may be
revoked, its account disabled, its guardian removed from the family. Before events are
delivered, the viewers concerned are re-read (one statement per batch, by session id), and
each event is checked against the fresh viewer: a parent sees only their family's events,
staff only their tenant's, and an agent limited to some establishments only the events
about those establishments' activities (or about no activity: a family file change, an
invoice) — the limits and the activities they cover are re-read with the viewer.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.sessions import session_viewers
from kernel.viewer import Viewer
from models import Activity, Session
from models.account import AccountStatus, Role, StaffEstablishment
from models.base import utcnow
from models.event import EventKind
from subscriptions.log import LoggedEvent

# Events about an activity: their payload names it (``activityId``: None for a request
# about no activity; absent only from request events logged before it was added).
_ABOUT_AN_ACTIVITY: Final = frozenset(
    {
        EventKind.REQUEST_CREATED,
        EventKind.REQUEST_STATUS_CHANGED,
        EventKind.REQUEST_LINE_DECIDED,
        EventKind.BOOKING_CHANGED,
    }
)
_UNKNOWN: Final = object()


async def current_viewers(
    session: AsyncSession, *, tenant_id: int, session_ids: Collection[int]
) -> dict[int, Viewer | None]:
    """The viewer of each login session as it is now (None: revoked, expired, disabled)."""
    if not session_ids:
        return {}
    now = utcnow()
    rows = await session.execute(session_viewers().where(Session.id.in_(set(session_ids))))
    viewers: dict[int, Viewer | None] = dict.fromkeys(session_ids)
    valid = [
        row
        for row in rows
        if row.revoked_at is None
        and row.expires_at > now
        and row.status is AccountStatus.ACTIVE
        and row.tenant_id == tenant_id
    ]
    limits = await _staff_limits(
        session, {row.account_id for row in valid if row.role is Role.STAFF}
    )
    for row in valid:
        limit = limits.get(row.account_id)
        viewers[row.id] = Viewer(
            tenant_id=tenant_id,
            account_id=row.account_id,
            session_id=row.id,
            role=row.role,
            guardian_id=row.guardian_id,
            family_id=row.family_id,
            establishment_ids=limit[0] if limit is not None else None,
            activity_ids=limit[1] if limit is not None else None,
        )
    return viewers


async def _staff_limits(
    session: AsyncSession, account_ids: Collection[int]
) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
    """The establishments each limited staff account is limited to, and their activities
    (one statement; accounts without limits are absent)."""
    if not account_ids:
        return {}
    rows = await session.execute(
        select(StaffEstablishment.account_id, StaffEstablishment.establishment_id, Activity.id)
        .outerjoin(Activity, Activity.establishment_id == StaffEstablishment.establishment_id)
        .where(StaffEstablishment.account_id.in_(set(account_ids)))
    )
    establishments: dict[int, set[int]] = {}
    activities: dict[int, set[int]] = {}
    for account_id, establishment_id, activity_id in rows:
        establishments.setdefault(account_id, set()).add(establishment_id)
        if activity_id is not None:
            activities.setdefault(account_id, set()).add(activity_id)
    return {
        account_id: (frozenset(reached), frozenset(activities.get(account_id, ())))
        for account_id, reached in establishments.items()
    }


def can_see(viewer: Viewer | None, event: LoggedEvent) -> bool:
    """Staff: every event of their tenant (a limited agent: those about their
    establishments' activities or about none); a parent: their family's events only."""
    if viewer is None or viewer.tenant_id != event.tenant_id:
        return False
    if viewer.is_staff:
        if viewer.establishment_ids is None or event.kind not in _ABOUT_AN_ACTIVITY:
            return True
        activity = event.payload.get("activityId", _UNKNOWN)
        if activity is _UNKNOWN or not (activity is None or isinstance(activity, int)):
            return False  # an older event that does not say: not shown to a limited agent
        return viewer.reaches_activity(activity)
    return event.family_id is not None and viewer.can_read_family(event.family_id)
