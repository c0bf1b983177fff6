"""The life of a request, step by step: every status change appends to its history.

Reservation, absence, family-file and registration requests all share this: the history
is what the family reads in « Historique de la demande » (« Création de demande »,
« Statut : Accepté »), so every writer records steps the same way.

Every step is also an event of the log (``domain.events``), in the same transaction:
REQUEST_CREATED for a new request (the staff inbox), REQUEST_STATUS_CHANGED for the others
— what live clients watch.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.counters import format_reference
from domain.events import append_event
from domain.labels import label
from models import Request, RequestHistory, RequestLine
from models.event import EventKind
from models.request import HistoryStep, RequestStatus


def _label(value: RequestStatus | HistoryStep | object) -> str:
    return label(value) if isinstance(value, enum.Enum) else str(value)


def _log_event(
    session: AsyncSession,
    request: Request,
    step: HistoryStep,
    status: RequestStatus,
    note: str | None,
    lines: Sequence[RequestLine],
) -> None:
    """The step as an event, with what a live client shows without another query — and,
    for a step that decides dates, what was decided on each of them (the request itself
    stays « En cours d'instruction » until its last date is decided)."""
    append_event(
        session,
        tenant_id=request.tenant_id,
        kind=EventKind.REQUEST_CREATED
        if step is HistoryStep.CREATED
        else (EventKind.REQUEST_STATUS_CHANGED),
        subject_type="Request",
        subject_id=request.id,
        family_id=request.family_id,
        child_id=request.child_id,
        payload={
            "requestId": request.id,
            "activityId": request.activity_id,  # live feeds of agents limited to schools
            "reference": request.reference,
            "referenceLabel": format_reference(request.reference),
            "type": str(request.type),
            "typeLabel": _label(request.type),
            "step": str(step),
            "stepLabel": _label(step),
            "status": str(status),
            "statusLabel": _label(status),
            "note": note,
            "lines": [_line_payload(line) for line in lines],
        },
    )


def _line_payload(line: RequestLine) -> dict[str, Any]:
    """One decided date as the event keeps it: the line's own outcome at that moment."""
    return {
        "lineId": line.id,
        "childId": line.child_id,
        "date": line.date.isoformat(),
        "status": str(line.status),
        "statusLabel": _label(line.status),
    }


def record_step(
    session: AsyncSession,
    request: Request,
    step: HistoryStep,
    status: RequestStatus,
    *,
    actor_account_id: int | None,
    now: dt.datetime,
    note: str | None = None,
    lines: Sequence[RequestLine] = (),
) -> RequestHistory:
    """Append one entry to a request's history (the request must have its id); ``lines``:
    the dates this step decided (their event says what became of each)."""
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
    _log_event(session, request, step, status, note, lines)
    return entry


def record_decision(
    session: AsyncSession,
    request: Request,
    status: RequestStatus,
    *,
    actor_account_id: int | None,
    now: dt.datetime,
    note: str | None = None,
    lines: Sequence[RequestLine] = (),
) -> None:
    """Close a request with a decision (accepted, refused…) and log it (``lines``: the
    dates this decision decided)."""
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
        lines=lines,
    )
