"""The dry run of a reservation or absence request: what each date would become, at what
price, until when — written nowhere.

It goes through ``requests.prepare``, the very path ``create_booking_request`` takes (same
input checks, same expansion, same facts, same ``engine.RULES``), without taking a request
number and without writing a row; only the recording step is replaced by its prediction:

- a date that breaks a rule: REJECTED with the rule's code and sentence;
- a reservation that passes: ACCEPTED when the activity auto-accepts and a place is free,
  WAITING_LIST when it is full and keeps a list, else CREATED (waiting for staff);
- an absence that passes: ACCEPTED (auto-acceptance) or CREATED, free or billed as the
  cancellation deadline says (``rules.absence_consequence``).

Each date also carries the price the billing run would bill (``preview_prices``) and the
booking and cancellation deadlines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk, Prepared, clean_texts, prepare
from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.engine import Action
from domain.bookings.judging import Judged
from domain.bookings.preview_prices import FamilyPrices, family_prices
from domain.bookings.recording import ACCEPTED_MESSAGE, PENDING_MESSAGE, WAITING_MESSAGE
from domain.bookings.rules import absence_consequence
from models.booking import BookingStatus


@dataclass(frozen=True, slots=True)
class PreviewLine:
    """What one child × slot × date of the request would become."""

    child_id: int
    activity_id: int
    slot_id: int | None
    date: dt.date
    outcome: LineOutcome
    rule: BookingRule | None
    message: str
    price_cents: int | None  # what the date would be billed (None: refused)
    booking_deadline: dt.datetime | None
    cancellation_deadline: dt.datetime | None
    absence_billed: bool = False


def _line(prepared: Prepared, judged: Judged, prices: FamilyPrices | None) -> PreviewLine:
    candidate, asked = judged.candidate, judged.occasion
    booking_deadline = asked.booking_deadline if asked else None
    cancellation_deadline = asked.cancellation_deadline if asked else None
    refusal = judged.refusal
    if refusal is not None or asked is None or candidate.slot is None:
        assert refusal is not None
        return PreviewLine(
            refusal.child_id,
            refusal.activity_id,
            refusal.slot_id,
            refusal.date,
            LineOutcome.REJECTED,
            refusal.rule,
            refusal.message,
            None,
            booking_deadline,
            cancellation_deadline,
        )
    situation = prepared.situation
    child_id, day = candidate.child.id, candidate.day
    auto = situation.rules.auto_accept
    billed = False
    if asked.action is Action.RESERVE:
        price = prices.reservation_cents(child_id, day) if prices else 0
        if not auto:
            outcome, message = LineOutcome.CREATED, PENDING_MESSAGE
        elif judged.would_wait_list:
            outcome, message = LineOutcome.WAITING_LIST, WAITING_MESSAGE
        else:
            outcome, message = LineOutcome.ACCEPTED, ACCEPTED_MESSAGE
    else:
        booking = situation.bookings[(child_id, candidate.slot.id, day)]
        consequence = absence_consequence(
            situation.rules,
            candidate.slot,
            day,
            booking.status,
            declared_at=asked.now,
            timezone=situation.timezone,
            holidays=situation.holidays,
        )
        billed = consequence.status is BookingStatus.ABSENT_BILLED
        price = prices.billed_absence_cents(child_id, day) if prices and billed else 0
        outcome = LineOutcome.ACCEPTED if auto else LineOutcome.CREATED
        message = consequence.message if auto else f"{PENDING_MESSAGE} {consequence.message}"
    return PreviewLine(
        child_id,
        candidate.slot.activity_id,
        candidate.slot.id,
        day,
        outcome,
        None,
        message,
        price,
        booking_deadline,
        cancellation_deadline,
        billed,
    )


async def preview_booking_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    family_id: int | None,
    ask: BookingAsk,
    now: dt.datetime,
) -> list[PreviewLine]:
    """Judge a reservation or absence request as ``create_booking_request`` would, and say
    date by date what it would do and cost — without writing anything.

    Raises ``DomainFailure`` for malformed input, exactly like the request (a date that
    breaks a rule is a line, not an error).
    """
    clean_texts(ask)
    prepared = await prepare(
        session, tenant_id=tenant_id, family_id=family_id, ask=ask, now=now, take_reference=False
    )
    passing = [j for j in prepared.judged if j.refusal is None]
    prices = None
    if passing:
        days = sorted(j.candidate.day for j in passing)
        prices = await family_prices(
            session,
            activity=prepared.activity,
            family_id=prepared.children[0].family_id,
            children=prepared.children,
            start=days[0],
            end=days[-1],
        )
    return [_line(prepared, judged, prices) for judged in prepared.judged]
