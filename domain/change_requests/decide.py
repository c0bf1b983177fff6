"""Staff's decisions (accept, refuse) and the parent's withdrawal of a change request."""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.change_requests.apply import _apply
from domain.change_requests.codes import INVALID_STATE, MESSAGE_REQUIRED, NOT_FOUND, WRONG_TYPE
from domain.change_requests.kinds import CHANGE_KINDS, OPEN_STATUSES
from domain.change_requests.mails import _mail
from domain.change_requests.validation import _text_problem
from domain.counters import format_reference
from domain.labels import label
from domain.requests.history import record_decision, record_step
from kernel.results import DomainFailure, Problem, fail
from models import Message, Request
from models.request import HistoryStep, RequestStatus

MAX_MESSAGE: Final = 2000


async def _decide(
    session: AsyncSession,
    request: Request,
    status: RequestStatus,
    *,
    account_id: int | None,
    message: str | None,
    note: str | None,
    now: dt.datetime,
) -> None:
    record_decision(session, request, status, actor_account_id=account_id, now=now, note=note)
    record_change(
        session,
        tenant_id=request.tenant_id,
        actor_account_id=account_id,
        action=f"change_request.{status.value.lower()}",
        object_type="Request",
        object_id=request.id,
        after={"status": status, "type": request.type},
    )
    if message:
        session.add(
            Message(
                tenant_id=request.tenant_id,
                family_id=request.family_id,
                request_id=request.id,
                author_account_id=account_id,
                from_staff=True,
                subject=f"Demande n° {format_reference(request.reference)} : {label(request.type)}"[
                    :200
                ],
                body=message,
                created_at=now,
            )
        )
    await session.flush()
    await _mail(
        session,
        request,
        "change_request_decided",
        notified_at=now,
        accepted=status is RequestStatus.ACCEPTED,
        message=message or "",
    )


async def _open_request(
    session: AsyncSession, tenant_id: int, request_id: int | None, family_id: int | None = None
) -> Request:
    request = None
    if request_id is not None:
        stmt = select(Request).where(Request.tenant_id == tenant_id, Request.id == request_id)
        if family_id is not None:
            stmt = stmt.where(Request.family_id == family_id)
        request = await session.scalar(stmt.with_for_update())
    if request is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    if request.type not in CHANGE_KINDS:
        raise fail(
            WRONG_TYPE, "Cette demande n'est pas une modification du dossier famille.", "request"
        )
    if request.status not in OPEN_STATUSES:
        raise fail(
            INVALID_STATE,
            f"Cette demande a déjà été traitée (statut : {label(request.status)}).",
            "request",
        )
    return request


async def accept_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    message: str | None,
    now: dt.datetime,
) -> Request:
    """Staff accept a change: its values are written on the file in this transaction (or
    nothing is, when a rule no longer holds), the family is told by mail."""
    text, problems = _text_problem(message, MAX_MESSAGE, "message", "Le message est trop long")
    if problems:
        raise DomainFailure(problems)
    request = await _open_request(session, tenant_id, request_id)
    kind = CHANGE_KINDS[request.type]
    await _apply(session, kind, request, now)
    await _decide(
        session,
        request,
        RequestStatus.ACCEPTED,
        account_id=account_id,
        message=text,
        note=None,
        now=now,
    )
    return request


async def refuse_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    message: str,
    now: dt.datetime,
) -> Request:
    """Staff refuse a change, saying why: the file keeps its values, the family gets the
    message (on the request and by mail)."""
    text, problems = _text_problem(message, MAX_MESSAGE, "message", "Le message est trop long")
    if text is None and not problems:
        problems = [
            Problem(MESSAGE_REQUIRED, "Indiquez à la famille la raison du refus.", ("message",))
        ]
    if problems:
        raise DomainFailure(problems)
    request = await _open_request(session, tenant_id, request_id)
    await _decide(
        session,
        request,
        RequestStatus.REFUSED,
        account_id=account_id,
        message=text,
        note=None,
        now=now,
    )
    return request


async def cancel_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    family_id: int | None,
    now: dt.datetime,
) -> Request:
    """A parent withdraws a change of their family's file that is not decided yet."""
    if family_id is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    request = await _open_request(session, tenant_id, request_id, family_id)
    request.status = RequestStatus.CANCELLED
    record_step(
        session,
        request,
        HistoryStep.CANCELLED,
        RequestStatus.CANCELLED,
        actor_account_id=account_id,
        now=now,
        note="Annulée par la famille",
    )
    await session.flush()
    return request
