"""Judging every date of a reservation or absence request with the rule engine — the part
request creation and its dry run (``preview``) share, so that the preview answers what the
request will do: the same candidates, the same facts, the same ``engine.RULES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.engine import Action, Occasion, closed_message, evaluate, occasion
from domain.bookings.engine import would_wait_list as waits
from domain.bookings.facts import child_facts, slot_facts
from domain.bookings.loading import Situation
from domain.bookings.periods import RequestedDays
from domain.bookings.reports import LineReport
from domain.calendar.opening_days import date_range
from domain.labels import WEEKDAY_LABELS
from models import Child, Slot


@dataclass(frozen=True, slots=True)
class Candidate:
    """One child × slot × date a request covers."""

    child: Child
    slot: Slot | None  # None: the activity has no slot on that (explicitly asked) day
    day: dt.date


@dataclass(frozen=True, slots=True)
class Judged:
    """A candidate judged: refused (``refusal``), or passed — and then whether a
    reservation would go to the waiting list (slot full, list kept)."""

    candidate: Candidate
    occasion: Occasion | None
    refusal: LineReport | None
    would_wait_list: bool = False


def expand(
    days: RequestedDays, slots: Sequence[Slot], children: Sequence[Child]
) -> list[Candidate]:
    """Every child × slot × date the request covers, by date, child, then time."""
    candidates: list[Candidate] = []
    for day in date_range(days.start, days.end):
        if not days.wants(day):
            continue
        that_day = [
            s
            for s in slots
            if s.weekday == day.isoweekday()
            and s.valid_from <= day
            and (s.valid_to is None or day <= s.valid_to)
        ]
        if not that_day and days.explicit:
            candidates += [Candidate(child, None, day) for child in children]
        candidates += [Candidate(child, slot, day) for child in children for slot in that_day]
    return candidates


def _no_slot(situation: Situation, candidate: Candidate) -> LineReport:
    activity = situation.rules
    day = candidate.day
    message = closed_message(situation.facts, activity, day) or (
        f"L'activité « {activity.name} » n'a pas de créneau le "
        f"{WEEKDAY_LABELS[day.isoweekday() - 1]} {day:%d/%m/%Y}."
    )
    return LineReport(
        candidate.child.id,
        activity.id,
        None,
        day,
        LineOutcome.REJECTED,
        BookingRule.CLOSED_DAY,
        message,
    )


def judge(
    situation: Situation, candidates: Sequence[Candidate], *, action: Action, now: dt.datetime
) -> list[Judged]:
    """Evaluate the rule engine on every candidate, in order. A reservation date that
    passes is held in the facts, so a later date of the same request is judged as if it
    were recorded (one slot per exclusivity group and day, days per month)."""
    facts = situation.facts
    judged: list[Judged] = []
    for candidate in candidates:
        slot = candidate.slot
        if slot is None:
            judged.append(Judged(candidate, None, _no_slot(situation, candidate)))
            continue
        asked = occasion(
            facts,
            action,
            child_facts(candidate.child),
            situation.rules,
            slot_facts(slot),
            candidate.day,
            now,
        )
        rejection = evaluate(facts, asked)
        if rejection is not None:
            refusal = LineReport(
                candidate.child.id,
                slot.activity_id,
                slot.id,
                candidate.day,
                LineOutcome.REJECTED,
                rejection.rule,
                rejection.message,
            )
            judged.append(Judged(candidate, asked, refusal))
            continue
        if action is Action.RESERVE:
            judged.append(Judged(candidate, asked, None, waits(facts, asked)))
            facts.hold(asked)
        else:
            judged.append(Judged(candidate, asked, None))
    return judged
