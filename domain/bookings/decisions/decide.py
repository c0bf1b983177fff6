"""Staff's decisions on reservation and absence requests, for the whole request or chosen
dates (lines).

Accepting a reservation date judges it again with the booking rules that may have changed
since the parent asked (``rechecks``), then takes a place (or a waiting-list rank, when the
slot is full); accepting an absence frees the place — free or billed depending on when the
family asked — and lets the waiting list move up. Refusing leaves the bookings as they
were. A decided date cannot be decided again. Once no date is pending, the request is
ACCEPTED, REFUSED or PARTIALLY_ACCEPTED. Every decision is in the history, the staff's
message is kept on the request, and the family gets one « Accusé de traitement » listing
each date's outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.bookings.capacity import free_place, lock_slot, lock_slots
from domain.bookings.decisions.codes import (
    DUPLICATE,
    INVALID_STATE,
    MESSAGE_REQUIRED,
    NOT_FOUND,
    TOO_LONG,
    TOO_MANY,
    WRONG_TYPE,
)
from domain.bookings.decisions.line_effects import Effects, accept_line, booking_of
from domain.bookings.decisions.mails import mail_decision
from domain.bookings.decisions.rechecks import judge_reservations
from domain.counters import format_reference
from domain.labels import label
from domain.requests.history import record_decision, record_step
from kernel.results import DomainFailure, Problem, fail
from models import Child, Message, Request, RequestLine
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType

BOOKING_TYPES: Final = frozenset({RequestType.RESERVATION, RequestType.ABSENCE})
OPEN_STATUSES: Final = frozenset({RequestStatus.PENDING, RequestStatus.TRANSMITTED})
MAX_MESSAGE: Final = 2000
MAX_LINES: Final = 100
STAFF_REFUSAL: Final = "STAFF_DECISION"


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decision changed: the request and the lines decided by this call."""

    request: Request
    lines: list[RequestLine]


def _message(value: str | None, *, required: bool) -> str | None:
    text = (value or "").strip() or None
    if text is not None and len(text) > MAX_MESSAGE:
        raise fail(
            TOO_LONG, f"Le message est trop long ({MAX_MESSAGE} caractères au plus).", "message"
        )
    if text is None and required:
        raise fail(MESSAGE_REQUIRED, "Indiquez à la famille la raison du refus.", "message")
    return text


async def _lock_request(
    session: AsyncSession,
    tenant_id: int,
    request_id: int | None,
    statuses: frozenset[RequestStatus] = OPEN_STATUSES,
) -> Request:
    # PostgreSQL: row lock. SQLite: a no-op write takes the database write lock first, so
    # two agents deciding the same request one after the other never both see it pending.
    request = None
    if request_id is not None:
        if session.get_bind().dialect.name == "sqlite":
            await session.execute(
                update(Request)
                .where(Request.tenant_id == tenant_id, Request.id == request_id)
                .values(status=Request.status)
                .execution_options(synchronize_session=False)
            )
        request = await session.scalar(
            select(Request)
            .where(Request.tenant_id == tenant_id, Request.id == request_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    if request is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    if request.type not in BOOKING_TYPES:
        raise fail(
            WRONG_TYPE,
            "Cette demande n'est pas une demande de réservation ou d'absence.",
            "request",
        )
    if request.status not in statuses:
        raise fail(
            INVALID_STATE,
            f"Cette demande a déjà été traitée (statut : {label(request.status)}).",
            "request",
        )
    return request


async def _lock_request_slots(
    session: AsyncSession, tenant_id: int, request_id: int | None
) -> None:
    """Lock the slots of a request's dates before the request itself: the order a closure
    (``domain.calendar.closures``) and a reservation take them, so a decision and a
    closure at the same moment wait for each other instead of deadlocking, and the rules
    judged after see the closure once it committed."""
    if request_id is None:
        return
    slot_ids = list(
        await session.scalars(
            select(RequestLine.slot_id)
            .join(Request, Request.id == RequestLine.request_id)
            .where(Request.tenant_id == tenant_id, Request.id == request_id)
            .distinct()
        )
    )
    if slot_ids:
        await lock_slots(session, slot_ids)


async def _chosen_lines(
    session: AsyncSession,
    request: Request,
    line_ids: Sequence[int | None] | None,
    decidable: frozenset[RequestLineStatus] = frozenset({RequestLineStatus.PENDING}),
) -> tuple[list[RequestLine], list[RequestLine]]:
    """All the request's lines, and those to decide now (all ``decidable`` ones — pending,
    or for a refusal also waiting-listed — by default)."""
    lines = list(
        await session.scalars(
            select(RequestLine)
            .where(RequestLine.request_id == request.id)
            .order_by(RequestLine.date, RequestLine.id)
            .execution_options(populate_existing=True)
        )
    )
    if line_ids is None:
        chosen = [line for line in lines if line.status in decidable]
        if not chosen:
            raise fail(INVALID_STATE, "Toutes les dates de cette demande sont déjà traitées.")
        return lines, chosen
    if not line_ids:
        raise fail(NOT_FOUND, "Choisissez au moins une date de la demande.", "lines")
    if len(line_ids) > MAX_LINES:
        raise fail(TOO_MANY, f"{MAX_LINES} dates au plus par décision.", "lines")
    by_id = {line.id: line for line in lines}
    problems: list[Problem] = []
    chosen = []
    seen: set[int] = set()
    for index, line_id in enumerate(line_ids):
        path = ("lines", str(index))
        line = by_id.get(line_id) if line_id is not None else None
        if line is None:
            problems.append(Problem(NOT_FOUND, "Cette date n'appartient pas à la demande.", path))
        elif line.id in seen:
            problems.append(Problem(DUPLICATE, "Cette date est indiquée deux fois.", path))
        elif line.status not in decidable:
            problems.append(
                Problem(
                    INVALID_STATE,
                    f"La date du {line.date:%d/%m/%Y} a déjà été traitée "
                    f"({label(line.status).lower()}).",
                    path,
                )
            )
        else:
            seen.add(line.id)
            chosen.append(line)
    if problems:
        raise DomainFailure(problems)
    return lines, chosen


def _final_status(lines: Sequence[RequestLine]) -> RequestStatus | None:
    """The request's decision once no date is pending (None while some are)."""
    if any(line.status is RequestLineStatus.PENDING for line in lines):
        return None
    accepted = any(
        line.status in (RequestLineStatus.ACCEPTED, RequestLineStatus.WAITING_LIST)
        for line in lines
    )
    refused = any(line.status is RequestLineStatus.REFUSED for line in lines)
    if accepted and refused:
        return RequestStatus.PARTIALLY_ACCEPTED
    if accepted:
        return RequestStatus.ACCEPTED
    if refused:
        return RequestStatus.REFUSED
    return RequestStatus.CANCELLED


def _summary(outcomes: Sequence[str]) -> str:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return ", ".join(f"{n} × {outcome.lower()}" for outcome, n in counts.items())


async def _record(
    session: AsyncSession,
    request: Request,
    lines: Sequence[RequestLine],
    decided: Sequence[tuple[RequestLine, str]],
    *,
    per_line: bool,
    account_id: int,
    message: str | None,
    now: dt.datetime,
) -> None:
    """History, staff message and mail of a decision."""
    final = _final_status(lines)
    if per_line:
        children = {
            c.id: c.first_name
            for c in await session.scalars(
                select(Child).where(Child.id.in_({line.child_id for line, _ in decided}))
            )
        }
        for line, outcome in decided:
            record_step(
                session,
                request,
                HistoryStep.LINE_DECIDED,
                final or request.status,
                actor_account_id=account_id,
                now=now,
                note=f"{line.date:%d/%m/%Y} ({children.get(line.child_id, '')}) : {outcome}",
                lines=[line],
            )
    if final is not None:
        note = _summary([outcome for _, outcome in decided]) if not per_line else None
        record_decision(
            session,
            request,
            final,
            actor_account_id=account_id,
            now=now,
            note=note,
            lines=[] if per_line else [line for line, _ in decided],
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
    await mail_decision(session, request, decided, message=message, now=now)


async def accept_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    line_ids: Sequence[int | None] | None,
    account_id: int,
    message: str | None,
    now: dt.datetime,
) -> Decision:
    """Staff accept a request's pending dates (all, or those chosen): places are taken or
    freed in this transaction — or nothing changes at all when one date cannot be accepted
    (a reservation date that breaks a booking rule now — ``rechecks`` —, a full slot
    without waiting list, an absence with no reservation left)."""
    text = _message(message, required=False)
    await _lock_request_slots(session, tenant_id, request_id)
    request = await _lock_request(session, tenant_id, request_id)
    lines, chosen = await _chosen_lines(session, request, line_ids)
    effects = Effects(session, request, account_id=account_id, now=now)
    broken = await judge_reservations(effects, chosen)
    problems: list[Problem] = []
    decided: list[tuple[RequestLine, str]] = []
    for line in chosen:
        index = str(line_ids.index(line.id)) if line_ids is not None else None
        path = ("lines", index) if index is not None else ("request",)
        rejection = broken.get(line.id)
        if rejection is not None:
            problems.append(Problem(rejection.rule.value, rejection.message, path))
            continue
        try:
            decided.append((line, await accept_line(effects, line)))
        except DomainFailure as failure:
            problems.extend(Problem(p.code, p.message, path) for p in failure.problems)
    if problems:
        raise DomainFailure(problems)
    await _record(
        session,
        request,
        lines,
        decided,
        per_line=line_ids is not None,
        account_id=account_id,
        message=text,
        now=now,
    )
    await effects.promote_freed()
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action="request.accepted",
        object_type="Request",
        object_id=request.id,
        after={"status": request.status, "lines": [line.id for line, _ in decided]},
    )
    return Decision(request, [line for line, _ in decided])


REFUSABLE_LINES: Final = frozenset({RequestLineStatus.PENDING, RequestLineStatus.WAITING_LIST})
# A request whose dates were all decided may still have dates on the waiting list.
REFUSABLE_REQUESTS: Final = OPEN_STATUSES | {
    RequestStatus.ACCEPTED,
    RequestStatus.PARTIALLY_ACCEPTED,
}
REMOVED_OUTCOME: Final = "Refusée (retirée de la liste d'attente)"


async def _leave_waiting_list(session: AsyncSession, line: RequestLine, now: dt.datetime) -> None:
    """Take the child of a waiting-listed line off the list (the booking is cancelled; no
    place frees, so nobody moves up)."""
    await lock_slot(session, line.slot_id)
    booking = await booking_of(session, line)
    if booking is not None:
        await session.refresh(booking)
        if booking.status is BookingStatus.WAITING_LIST:
            await free_place(session, booking=booking, new_status=BookingStatus.CANCELLED, now=now)


async def refuse_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    line_ids: Sequence[int | None] | None,
    account_id: int,
    message: str | None,
    now: dt.datetime,
) -> Decision:
    """Staff refuse a request's pending dates (all, or those chosen), saying why: bookings
    stay as they were; the family gets the message on the request and by mail.

    A date still on the waiting list may be refused too (even once the request's other
    dates are decided): the child leaves the list."""
    text = _message(message, required=True)
    await _lock_request_slots(session, tenant_id, request_id)
    request = await _lock_request(session, tenant_id, request_id, REFUSABLE_REQUESTS)
    lines, chosen = await _chosen_lines(session, request, line_ids, REFUSABLE_LINES)
    refused = label(RequestLineStatus.REFUSED)
    outcomes: list[tuple[RequestLine, str]] = []
    for line in chosen:
        if line.status is RequestLineStatus.WAITING_LIST:
            await _leave_waiting_list(session, line, now)
            outcomes.append((line, REMOVED_OUTCOME))
        else:
            outcomes.append((line, refused))
        line.status = RequestLineStatus.REFUSED
        line.refusal_code = STAFF_REFUSAL
        line.message = (text or "")[:1000] or None
        line.decided_at = now
    await _record(
        session,
        request,
        lines,
        outcomes,
        per_line=line_ids is not None,
        account_id=account_id,
        message=text,
        now=now,
    )
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action="request.refused",
        object_type="Request",
        object_id=request.id,
        after={"status": request.status, "lines": [line.id for line in chosen]},
    )
    return Decision(request, chosen)
