"""The « Accusé d'enregistrement électronique » of a reservation or absence request.

One mail per request, whatever the number of dates and children, with the guide's table
(Jour | Heure | Type de la demande | Enfant | Activité) plus the state of each date — the
parent sees at once what was accepted, what waits for staff or for a place — and the dates
that could not be recorded, with the reason. Queued in the outbox in the request's
transaction (section 5 of the guide).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import display_name
from domain.bookings.codes import LineOutcome
from domain.bookings.reports import LineReport
from domain.mail import enqueue_mail
from models import Account, Activity, Child, Request, Slot, Tenant
from models.request import RequestType

_OUTCOME_LABELS = {
    LineOutcome.CREATED: "En attente de validation",
    LineOutcome.ACCEPTED: "Acceptée",
    LineOutcome.WAITING_LIST: "En liste d'attente",
}


def _child_name(child: Child | None) -> str:
    return f"{child.first_name} {child.last_name.upper()}" if child is not None else ""


async def acknowledgement_recipient(session: AsyncSession, request: Request) -> Account | None:
    """The account the acknowledgement of ``request`` goes to (None: none): read ahead by a
    caller that then holds a lock, and given to :func:`send_acknowledgement`."""
    if request.created_by_account_id is None:
        return None
    return await session.get(Account, request.created_by_account_id)


async def send_acknowledgement(
    session: AsyncSession,
    request: Request,
    *,
    activity: Activity,
    children: Mapping[int, Child],
    slots: Mapping[int, Slot],
    lines: Sequence[LineReport],
    portal_url: str,
    now: dt.datetime,
    recipient: Account | None = None,
) -> None:
    """Queue the acknowledgement to the account that made the request (if it has one;
    ``recipient``: that account, already read)."""
    account = recipient or await acknowledgement_recipient(session, request)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    absence = request.type is RequestType.ABSENCE
    kept = [line for line in lines if line.outcome is not LineOutcome.REJECTED]
    rows = []
    for line in kept:
        slot = slots.get(line.slot_id) if line.slot_id is not None else None
        rows.append(
            {
                "date": line.date,
                "time": f"{slot.start_time:%H:%M}" if slot is not None else "",
                "type": "Absence" if absence else "Réservation",
                "child": _child_name(children.get(line.child_id)),
                "activity": activity.name,
                "status": _OUTCOME_LABELS[line.outcome],
            }
        )
    rejected = [
        {
            "date": line.date,
            "child": _child_name(children.get(line.child_id)),
            "message": line.message,
        }
        for line in lines
        if line.outcome is LineOutcome.REJECTED
    ]
    pending = [line.outcome is LineOutcome.CREATED for line in kept]
    # Dates waiting for staff or for a place: the family will hear about them again.
    undecided = [line.outcome is not LineOutcome.ACCEPTED for line in kept]
    await enqueue_mail(
        session,
        tenant_id=request.tenant_id,
        to=account.email,
        template="booking_request_received",
        context={
            "tenant": {
                "name": tenant.name,
                "service_name": tenant.service_name,
                "timezone": tenant.timezone,
            },
            "recipient_name": display_name(account.civility, account.first_name, account.last_name),
            "request_kind": "d'absence" if absence else "de réservation",
            "activity_name": activity.name,
            "reference": request.reference,
            "created_at": now,
            "lines": rows,
            "rejected": rejected,
            "all_pending": all(pending),
            "any_pending": any(undecided),
            "portal_url": portal_url,
        },
    )
