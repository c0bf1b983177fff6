"""The life of a request, step by step: every status change appends to its history.

Reservation, absence, family-file and registration requests all share this: the history
is what the family reads in « Historique de la demande » (« Création de demande »,
« Statut : Accepté »), so every writer records steps the same way.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from models import Request, RequestHistory
from models.request import HistoryStep, RequestStatus


def record_step(
    session: AsyncSession,
    request: Request,
    step: HistoryStep,
    status: RequestStatus,
    *,
    actor_account_id: int | None,
    now: dt.datetime,
    note: str | None = None,
) -> RequestHistory:
    """Append one entry to a request's history (the request must have its id)."""
    entry = RequestHistory(
        tenant_id=request.tenant_id,
        request_id=request.id,
        step=step,
        status=status,
        actor_account_id=actor_account_id,
        note=note,
        occurred_at=now,
    )
    session.add(entry)
    return entry


def record_decision(
    session: AsyncSession,
    request: Request,
    status: RequestStatus,
    *,
    actor_account_id: int | None,
    now: dt.datetime,
    note: str | None = None,
) -> None:
    """Close a request with a decision (accepted, refused…) and log it."""
    request.status = status
    request.decided_at = now
    request.decided_by_account_id = actor_account_id
    record_step(
        session,
        request,
        HistoryStep.DECIDED,
        status,
        actor_account_id=actor_account_id,
        now=now,
        note=note,
    )
