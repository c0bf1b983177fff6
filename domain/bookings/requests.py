"""Parents' reservation and absence requests: one request per call, one line per child ×
slot × date, each date judged on its own.

« Dates that break a rule are reported, the rest go through »: the request expands the day
input (one planning date, or the form's period and weekdays) over the activity's slots for
every child named, exactly as the planning does (registration × slots × opening days),
checks each date against the activity's rules, records those that pass (pending for staff,
or applied at once when the activity auto-accepts) and reports every date. When no date
passes nothing is stored and the failure says why. A retry with the same idempotency key
returns the first answer and creates nothing.

Concurrency: concurrent requests of a family wait for each other from the start (on
PostgreSQL a transaction-scoped advisory lock per family; on SQLite the request reference
is taken first, whose write takes the database's single write lock) — so the state the
rules read afterwards is the committed one, and two clicks on the same date cannot both go
through. Places are still counted under the slot lock of ``capacity.take_place``, the one
path to a place. On PostgreSQL the reference (``counters.next_request_reference``, an
``UPDATE … RETURNING`` on the tenant's counter row, whose lock lasts until the commit) is
taken last — the request row is written first with a provisional negative number unique
among running transactions, its history, events and acknowledgement with
``counters.PLACEHOLDER_REFERENCE``; then one statement (``counters.take_request_reference``)
takes the number and writes it into all of them, and the commit follows: requests of
different families wait for each other only for that statement and the commit, not for
their reads, judging and recording (issue 14: under a load of 50 parents the tenant-wide
wait made a reservation's p50 3× a planning read's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.bookings.asking import BookingAsk, Prepared, clean_texts, prepare
from domain.bookings.codes import LineOutcome
from domain.bookings.judging import Candidate
from domain.bookings.mails import acknowledgement_recipient, send_acknowledgement
from domain.bookings.recording import Recorded, record_absence, record_reservations
from domain.bookings.reports import (
    BookingRequestResult,
    LineReport,
    nothing_recorded,
    payload_of,
    reports_of,
)
from domain.counters import (
    PLACEHOLDER_REFERENCE,
    provisional_reference,
    rows_written,
    take_request_reference,
)
from domain.requests.history import record_decision, record_step
from kernel import idempotency
from models import Account, Request
from models.request import HistoryStep, RequestStatus, RequestType


async def _replay(
    session: AsyncSession, tenant_id: int, key: str, account_id: int, request_type: RequestType
) -> BookingRequestResult | None:
    existing = await idempotency.earlier(
        session,
        idempotency.request_with_key(tenant_id, key),
        same=lambda r: r.created_by_account_id == account_id and r.type is request_type,
        what="une autre demande",
    )
    return None if existing is None else BookingRequestResult(existing, reports_of(existing))


async def create_booking_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    family_id: int | None,
    ask: BookingAsk,
    portal_url: str,
    now: dt.datetime,
) -> BookingRequestResult:
    """Record a parent's reservation or absence request and report every date.

    ``family_id`` is the parent's family: a child outside it is « introuvable », exactly
    like one that does not exist. Raises ``DomainFailure`` for malformed input and
    ``reports.NothingRecorded`` (with the date-by-date report) when no date passes; the
    caller's transaction then rolls back and nothing is stored. Otherwise the caller
    commits next, writing nothing more: on PostgreSQL the last statement holds the
    tenant's counter and event log locks (``counters.take_request_reference``).
    """
    comment, reason, key = clean_texts(ask)
    if key is not None:
        replayed = await _replay(session, tenant_id, key, account_id, ask.request_type)
        if replayed is not None:
            return replayed
    prepared = await prepare(
        session, tenant_id=tenant_id, family_id=family_id, ask=ask, now=now, take_reference=True
    )
    days, children, activity = prepared.days, prepared.children, prepared.activity
    situation = prepared.situation
    # PostgreSQL: a provisional number until the number is taken, last (module docstring).
    reference: Any = prepared.reference
    if reference is None:
        reference = provisional_reference(session)
    request = Request(
        tenant_id=tenant_id,
        family_id=children[0].family_id,
        reference=reference,
        type=ask.request_type,
        status=RequestStatus.PENDING,
        created_by_account_id=account_id,
        idempotency_key=key,
        child_id=children[0].id if len(children) == 1 else None,
        activity_id=activity.id,
        period_start=days.start,
        period_end=days.end,
        reason=reason,
        comment=comment,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    # The acknowledgement's recipient is read now, before the slots' locks (recording) and
    # the tenant's counter are held: one statement fewer under them.
    recipient = await acknowledgement_recipient(session, request)
    reports: list[LineReport | None] = []
    # Reservation dates that passed the rules, recorded together (one batch of places).
    passed: list[tuple[int, Candidate]] = []
    for judged in prepared.judged:
        candidate = judged.candidate
        if judged.refusal is not None or candidate.slot is None:
            reports.append(judged.refusal)
            continue
        if ask.request_type is RequestType.RESERVATION:
            passed.append((len(reports), candidate))
            reports.append(None)
            continue
        recorded: Recorded = await record_absence(
            session, request, situation, candidate.child, candidate.slot, candidate.day, now=now
        )
        reports.append(recorded.report)
    if passed:
        batch = await record_reservations(
            session,
            request,
            situation,
            [(c.child, c.slot, c.day) for _, c in passed if c.slot is not None],
            now=now,
        )
        for (index, _), recorded in zip(passed, batch, strict=True):
            reports[index] = recorded.report
    reports_done = [r for r in reports if r is not None]
    kept = [r for r in reports_done if r.outcome is not LineOutcome.REJECTED]
    if not kept:
        raise nothing_recorded(reports_done, days.field)
    late = prepared.reference is None
    if late:
        # The tenant's counter stays locked from the number's taking to the commit, and
        # every request of the town waits for it: everything that shows the number is
        # written first with a placeholder, and one statement takes the number and puts it
        # in place of the placeholder (counters.take_request_reference).
        set_committed_value(request, "reference", PLACEHOLDER_REFERENCE)
    with rows_written(session, watch=late) as written:
        await _record_and_acknowledge(
            session,
            request,
            prepared,
            reports_done,
            kept,
            account_id=account_id,
            portal_url=portal_url,
            now=now,
            recipient=recipient,
        )
    if late:
        await take_request_reference(session, request, written, last=True)
    return BookingRequestResult(request, reports_done)


async def _record_and_acknowledge(
    session: AsyncSession,
    request: Request,
    prepared: Prepared,
    reports_done: list[LineReport],
    kept: list[LineReport],
    *,
    account_id: int,
    portal_url: str,
    now: dt.datetime,
    recipient: Account | None,
) -> None:
    """The request's report, its history (and events), its acknowledgement: written and
    flushed."""
    request.payload = payload_of(reports_done)
    record_step(
        session,
        request,
        HistoryStep.CREATED,
        RequestStatus.PENDING,
        actor_account_id=account_id,
        now=now,
    )
    if all(r.outcome is LineOutcome.ACCEPTED for r in kept):
        record_decision(
            session,
            request,
            RequestStatus.ACCEPTED,
            actor_account_id=None,
            now=now,
            note="Acceptation automatique",
        )
    await send_acknowledgement(
        session,
        request,
        activity=prepared.activity,
        children={c.id: c for c in prepared.children},
        slots={s.id: s for s in prepared.slots},
        lines=reports_done,
        portal_url=portal_url,
        now=now,
        recipient=recipient,
    )
    await session.flush()
