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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.bookings import codes
from domain.bookings.codes import LineOutcome
from domain.bookings.engine import Action
from domain.bookings.judging import Candidate, Judged, expand, judge
from domain.bookings.loading import (
    Situation,
    load_activity,
    load_children,
    load_situation,
    load_slots,
)
from domain.bookings.mails import acknowledgement_recipient, send_acknowledgement
from domain.bookings.periods import (
    MAX_CHILDREN,
    MAX_LINES,
    MAX_SLOTS,
    RequestedDays,
    requested_days,
)
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
    next_request_reference,
    provisional_reference,
    rows_written,
    take_request_reference,
)
from domain.requests.history import record_decision, record_step
from kernel import idempotency
from kernel.results import DomainFailure, Problem, fail
from models import Account, Activity, Child, Request, Slot, Tenant
from models.request import HistoryStep, RequestStatus, RequestType

MAX_COMMENT: Final = 2000
MAX_REASON: Final = 500
MAX_IDEMPOTENCY_KEY: Final = 100
BOOKING_TYPES: Final = (RequestType.RESERVATION, RequestType.ABSENCE)
# First key of the two-key advisory lock of a family's requests (the second is the family
# id): "CR" + "FA" (the event log's is "CR" + "EV", domain.events).
FAMILY_LOCK_NAMESPACE: Final = 0x43524641 & 0x7FFFFFFF


@dataclass(frozen=True, slots=True)
class BookingAsk:
    """What the parent asked, as typed (IDs decoded; None where an ID was not valid)."""

    request_type: RequestType  # RESERVATION or ABSENCE
    child_ids: Sequence[int | None]
    activity_id: int | None
    date: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    weekdays: Sequence[int] | None = None
    slot_ids: Sequence[int | None] | None = None
    comment: str | None = None
    reason: str | None = None
    idempotency_key: str | None = None


def _text(value: str | None, limit: int, field: str, what: str) -> tuple[str | None, list[Problem]]:
    text = (value or "").strip() or None
    if text is not None and len(text) > limit:
        message = f"{what} est trop long ({limit} caractères au plus)."
        return None, [Problem(codes.TEXT_TOO_LONG, message, (field,))]
    return text, []


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


async def _check_input(
    session: AsyncSession, tenant_id: int, family_id: int | None, ask: BookingAsk
) -> tuple[RequestedDays, list[Child], Activity, list[Slot]]:
    problems: list[Problem] = []
    days = requested_days(ask.date, ask.period, ask.weekdays)
    if isinstance(days, Problem):
        problems.append(days)
    wanted = list(dict.fromkeys(ask.child_ids))
    if not wanted:
        problems.append(Problem(codes.NOT_FOUND, "Choisissez au moins un enfant.", ("children",)))
    if len(ask.child_ids) > MAX_CHILDREN:
        raise fail(
            codes.TOO_MANY_CHILDREN,
            f"Une demande concerne au plus {MAX_CHILDREN} enfants.",
            "children",
        )
    found = await load_children(session, tenant_id, family_id, [c for c in wanted if c])
    for index, child_id in enumerate(ask.child_ids):
        if child_id is None or child_id not in found:
            problems.append(
                Problem(codes.NOT_FOUND, "Enfant introuvable.", ("children", str(index)))
            )
    activity = await load_activity(session, tenant_id, ask.activity_id) if ask.activity_id else None
    if activity is None:
        problems.append(Problem(codes.NOT_FOUND, "Activité introuvable.", ("activity",)))
    if problems or activity is None or isinstance(days, Problem):
        raise DomainFailure(problems)
    slots = await load_slots(session, activity, days.start, days.end)
    if ask.slot_ids is not None:
        if len(ask.slot_ids) > MAX_SLOTS:
            raise fail(codes.TOO_MANY_LINES, f"Au plus {MAX_SLOTS} créneaux.", "slots")
        by_id = {s.id: s for s in slots}
        for index, slot_id in enumerate(ask.slot_ids):
            if slot_id is None or slot_id not in by_id:
                problems.append(
                    Problem(codes.NOT_FOUND, "Créneau introuvable.", ("slots", str(index)))
                )
        if problems:
            raise DomainFailure(problems)
        kept = set(ask.slot_ids)
        slots = [s for s in slots if s.id in kept]
    children = [found[c] for c in wanted if c is not None]
    return days, children, activity, slots


@dataclass(frozen=True, slots=True)
class Prepared:
    """A request checked and judged, before anything is written."""

    days: RequestedDays
    children: list[Child]
    activity: Activity
    slots: list[Slot]
    situation: Situation
    judged: list[Judged]
    # The request number taken (None for a dry run, and on PostgreSQL until the dates
    # are recorded: see the module docstring).
    reference: int | None
    # Held for the rest of the request: the session's identity map keeps only what is
    # referenced, and the acknowledgement mail reads the tenant again.
    tenant: Tenant


async def prepare(
    session: AsyncSession,
    *,
    tenant_id: int,
    family_id: int | None,
    ask: BookingAsk,
    now: dt.datetime,
    take_reference: bool,
) -> Prepared:
    """Check the input, expand the dates, load the facts and judge every date — the path
    request creation and its dry run share (``take_reference``: the real request takes
    its number first, which serialises concurrent requests of the tenant; the dry run
    writes nothing and does not)."""
    days, children, activity, slots = await _check_input(session, tenant_id, family_id, ask)
    candidates = expand(days, slots, children)
    if not candidates:
        raise nothing_recorded([], days.field)
    if len(candidates) > MAX_LINES:
        raise fail(
            codes.TOO_MANY_LINES,
            f"La demande porte sur {len(candidates)} créneaux : elle est limitée à "
            f"{MAX_LINES}. Réduisez la période ou le nombre d'enfants.",
            days.field,
        )
    # From here on, concurrent requests of the family wait for this one (module doc).
    reference = await _serialize_family(session, tenant_id, children) if take_reference else None
    tenant = await session.get_one(Tenant, tenant_id)
    reserving = ask.request_type is RequestType.RESERVATION
    situation = await load_situation(
        session,
        timezone=ZoneInfo(tenant.timezone),
        activity=activity,
        slots=slots,
        children=children,
        start=days.start,
        end=days.end,
        with_counts=reserving,
    )
    action = Action.RESERVE if reserving else Action.ABSENCE
    judged = judge(situation, candidates, action=action, now=now)
    return Prepared(days, children, activity, slots, situation, judged, reference, tenant)


async def _serialize_family(
    session: AsyncSession, tenant_id: int, children: Sequence[Child]
) -> int | None:
    """Make concurrent requests of the children's family wait for this one until it
    commits. PostgreSQL: an advisory lock per family (None: the reference is taken later);
    SQLite: the request reference, whose write takes the single write lock (returned)."""
    if session.get_bind().dialect.name != "postgresql":
        return await next_request_reference(session, tenant_id)
    for family_id in sorted({child.family_id for child in children}):
        await session.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, CAST(:family AS integer))"),
            {"namespace": FAMILY_LOCK_NAMESPACE, "family": family_id},
        )
    return None


def clean_texts(ask: BookingAsk) -> tuple[str | None, str | None, str | None]:
    """The comment, reason and idempotency key, stripped; ``DomainFailure`` when too long."""
    if ask.request_type not in BOOKING_TYPES:
        raise ValueError(f"not a booking request: {ask.request_type}")
    problems: list[Problem] = []
    comment, found = _text(ask.comment, MAX_COMMENT, "comment", "Le commentaire")
    problems += found
    reason, found = _text(ask.reason, MAX_REASON, "reason", "Le motif")
    problems += found
    key, found = _text(ask.idempotency_key, MAX_IDEMPOTENCY_KEY, "idempotencyKey", "La clé")
    problems += found
    if problems:
        raise DomainFailure(problems)
    return comment, reason, key


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
