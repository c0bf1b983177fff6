"""What a parent asks for a reservation or an absence, checked and judged before anything
is written: the path request creation (``domain.bookings.requests``) and its dry run
(``domain.bookings.preview``) share.

``prepare`` checks the input (children of the family, the activity, its slots, the dates),
expands the dates exactly as the planning does, loads the facts and judges every date. For a
real request it first makes the family's concurrent requests wait for this one
(``_serialize_family``; see ``domain.bookings.requests`` for the whole concurrency story).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings import codes
from domain.bookings.engine import Action
from domain.bookings.judging import Judged, expand, judge
from domain.bookings.loading import (
    Situation,
    load_activity,
    load_children,
    load_situation,
    load_slots,
)
from domain.bookings.periods import (
    MAX_CHILDREN,
    MAX_LINES,
    MAX_SLOTS,
    RequestedDays,
    requested_days,
)
from domain.bookings.reports import nothing_recorded
from domain.counters import next_request_reference
from kernel.idempotency import MAX_IDEMPOTENCY_KEY
from kernel.results import DomainFailure, Problem, fail
from models import Activity, Child, Slot, Tenant
from models.request import RequestType

MAX_COMMENT: Final = 2000
MAX_REASON: Final = 500
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
