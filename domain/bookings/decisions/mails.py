"""« Accusé de traitement »: the mail telling the family what became of each date.

One mail per decision (or promotion), to the account that made the request, with the
guide's table — day, time, type, child, activity — plus the outcome of each date and the
staff's message. A ``REQUEST_DECIDED`` notification (mail, and SMS/push as the parent
chose), in the decision's transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.labels import label
from domain.notifications.dispatch import notify
from domain.notifications.recipients import REQUESTS_LINK, account_recipient
from models import Account, Activity, Child, Request, RequestLine, Slot, Tenant
from models.base import utcnow
from models.notification import NotificationKind

TEMPLATE = "booking_request_decided"


async def _names(
    session: AsyncSession, lines: Sequence[tuple[RequestLine, str]]
) -> tuple[dict[int, Child], dict[int, Activity], dict[int, Slot]]:
    # Three statements whatever the number of dates.
    children = await session.scalars(
        select(Child).where(Child.id.in_({line.child_id for line, _ in lines}))
    )
    activities = await session.scalars(
        select(Activity).where(Activity.id.in_({line.activity_id for line, _ in lines}))
    )
    slots = await session.scalars(
        select(Slot).where(Slot.id.in_({line.slot_id for line, _ in lines}))
    )
    return (
        {c.id: c for c in children},
        {a.id: a for a in activities},
        {s.id: s for s in slots},
    )


async def mail_decision(
    session: AsyncSession,
    request: Request,
    lines: Sequence[tuple[RequestLine, str]],
    *,
    message: str | None,
    now: dt.datetime | None = None,
) -> None:
    """Notify the acknowledgement of processing for ``lines`` (each with its French outcome,
    « Acceptée », « Refusée », « En liste d'attente »…). Nothing is sent when the request has
    no author account any more (deleted), as for every request mail. The same lines with the
    same outcomes are notified once (dedupe key)."""
    if not lines or request.created_by_account_id is None:
        return
    account = await session.get(Account, request.created_by_account_id)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    children, activities, slots = await _names(session, lines)
    table = []
    for line, outcome in sorted(lines, key=lambda item: (item[0].date, item[0].id)):
        child = children[line.child_id]
        table.append(
            {
                "date": line.date,
                "time": f"{slots[line.slot_id].start_time:%H:%M}",
                "action": label(line.action),
                "child": f"{child.first_name} {child.last_name.upper()}",
                "activity": activities[line.activity_id].name,
                "outcome": outcome,
            }
        )
    decided = ",".join(f"{line.id}:{outcome}" for line, outcome in sorted(lines, key=_by_id))
    digest = hashlib.sha256(decided.encode()).hexdigest()[:24]
    await notify(
        session,
        tenant_id=request.tenant_id,
        family_id=request.family_id,
        recipient=account_recipient(account),
        kind=NotificationKind.REQUEST_DECIDED,
        topic=TEMPLATE,
        context={
            "tenant": {
                "name": tenant.name,
                "service_name": tenant.service_name,
                "timezone": tenant.timezone,
            },
            "request_label": label(request.type),
            "reference": request.reference,
            "decided_lines": table,
            "message": message or "",
        },
        now=now or utcnow(),
        dedupe_key=f"request-decided:{request.id}:{digest}",
        link=REQUESTS_LINK,
    )


def _by_id(item: tuple[RequestLine, str]) -> int:
    return item[0].id
