"""Judging the reservation dates staff accept with the rule engine, at decision time.

Between the parent's request and the staff's decision the world may change: the day gets
closed (a strike), the child's registration ends or is cancelled, another slot of the
exclusivity group or the month's last day is taken (by another request accepted first),
the date gets reserved another way. So accepting a reservation date evaluates the rules of
``engine.RULES`` marked ``at_decision`` — not the booking deadline, judged when the parent
asked, nor the places, which ``capacity.take_place`` counts under the slot lock (waiting
list, or SLOT_FULL) — over facts read once per decision by the request path's loader
(``loading.load_situation``, a constant number of statements whatever the number of
dates).

What holds a slot of an exclusivity group or a day of the month is what is booked
(reserved or waiting list): the request's own pending lines are left out (they are what is
being decided; the dates not chosen now are judged when they are), the other requests'
only count as asked for the same date (PENDING_REQUEST) — between two asks, the first
accepted wins. Each date that passes is held, as request creation does, so that the next
dates of the same decision count it (one slot per exclusivity group and day, days per
month).
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.bookings.decisions.line_effects import Effects
from domain.bookings.engine import Action, evaluate, occasion
from domain.bookings.facts import child_facts, slot_facts
from domain.bookings.loading import load_situation
from domain.bookings.rules import Rejection
from models import Child, RequestLine
from models.request import RequestLineAction


async def judge_reservations(
    effects: Effects, lines: Sequence[RequestLine]
) -> dict[int, Rejection]:
    """The rule each reservation line of ``lines`` breaks if staff accept it now, by line
    id (absence lines are not judged here: their acceptance checks the reservation under
    the slot lock). Lines are judged in order, each one that passes held for the next."""
    reserving = [line for line in lines if line.action is RequestLineAction.RESERVE]
    if not reserving:
        return {}
    session = effects.session
    tenant = await effects.tenant()
    slots = await effects.slots(line.slot_id for line in reserving)
    children = {
        child.id: child
        for child in await session.scalars(
            select(Child).where(
                Child.tenant_id == tenant.id,
                Child.id.in_(sorted({line.child_id for line in reserving})),
            )
        )
    }
    # A missing slot or child is not a rule: accepting the date reports it (NOT_FOUND).
    judged = [line for line in reserving if line.slot_id in slots and line.child_id in children]
    broken: dict[int, Rejection] = {}
    # A request is for one activity: one load per decision.
    for activity_id in dict.fromkeys(line.activity_id for line in judged):
        of_activity = [line for line in judged if line.activity_id == activity_id]
        situation = await load_situation(
            session,
            timezone=ZoneInfo(tenant.timezone),
            activity=await effects.activity(activity_id),
            slots=list({line.slot_id: slots[line.slot_id] for line in of_activity}.values()),
            children=list(
                {line.child_id: children[line.child_id] for line in of_activity}.values()
            ),
            start=min(line.date for line in of_activity),
            end=max(line.date for line in of_activity),
            with_counts=False,
            deciding=effects.request.id,
        )
        facts = situation.facts
        for line in of_activity:
            asked = occasion(
                facts,
                Action.RESERVE,
                child_facts(children[line.child_id]),
                situation.rules,
                slot_facts(slots[line.slot_id]),
                line.date,
                effects.now,
            )
            rejection = evaluate(facts, asked, at_decision=True)
            if rejection is None:
                facts.hold(asked)
            else:
                broken[line.id] = rejection
    return broken
