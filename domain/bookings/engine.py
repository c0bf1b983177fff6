"""The booking rule engine: ONE ordered list of rules, evaluated for a child × slot × date
and an action (reserve, or declare an absence), over one set of facts.

Request creation (``domain.bookings.requests``), its dry run (``domain.bookings.preview``)
and the planning's ``canReserve`` / ``canCancel`` (``domain.planning``) all evaluate
``RULES`` through ``first_broken``, so what the parent is shown is what the request does;
staff accepting a reservation date evaluate the rules marked ``at_decision``
(``domain.bookings.decisions.rechecks``), since the world may have changed meanwhile.
Each rule is its stable code (``BookingRule``), the actions it applies to, a pure check
(``breaks``) and the French sentence a parent reads when the date breaks it (``says``,
built only when a request reports it). The order puts the most useful explanation first:
a date in the holidays is reported as such, not as « délai dépassé ».

Adding a rule = two functions in ``rule_checks`` and one ``Rule(...)`` entry below (plus,
when it needs a new fact, one field of ``state.Facts`` filled by the two loaders).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.bookings import rule_checks as checks
from domain.bookings.codes import BookingRule
from domain.bookings.rule_checks import closed_message
from domain.bookings.rules import Rejection
from domain.bookings.state import (
    HOLDING,
    Action,
    Facts,
    MonthKey,
    Occasion,
    OccurrenceKey,
    occasion,
    slot_is_full,
)

__all__ = [
    "HOLDING",
    "RULES",
    "Action",
    "Facts",
    "MonthKey",
    "Occasion",
    "OccurrenceKey",
    "Rule",
    "closed_message",
    "evaluate",
    "first_broken",
    "first_broken_each",
    "occasion",
    "would_wait_list",
]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its code, the actions it applies to, its check and its sentence.

    ``shown_as``: the planning's code when it differs from the request's (an absence on a
    slot that has started is DEADLINE_PASSED for the request, STARTED on the planning).
    ``at_decision``: judged again when staff accept a reservation date (the world may have
    changed since the parent asked: a strike day closed, a registration cancelled, another
    slot of the group or the month's last day taken). False for the deadlines (judged when
    the parent asked) and for the places, which ``capacity.take_place`` counts under the
    slot lock (waiting list, or SLOT_FULL). Only reservation dates are judged again: an
    absence's acceptance checks its reservation under the slot lock (``line_effects``).
    """

    code: BookingRule
    actions: frozenset[Action]
    breaks: Callable[[Facts, Occasion], bool]
    says: Callable[[Facts, Occasion], str]
    shown_as: str | None = None
    at_decision: bool = True


BOTH = frozenset(Action)
RESERVE = frozenset({Action.RESERVE})
ABSENCE = frozenset({Action.ABSENCE})

RULES: tuple[Rule, ...] = (
    Rule(BookingRule.NOT_REGISTERED, BOTH, checks.not_registered, checks.say_not_registered),
    Rule(
        BookingRule.OUTSIDE_REGISTRATION_PERIOD,
        BOTH,
        checks.outside_registration,
        checks.say_outside_registration,
    ),
    Rule(BookingRule.CLOSED_DAY, BOTH, checks.closed, checks.say_closed),
    Rule(BookingRule.NOT_ELIGIBLE, RESERVE, checks.not_eligible, checks.say_not_eligible),
    Rule(
        BookingRule.ALREADY_RESERVED,
        RESERVE,
        checks.already_reserved,
        checks.say_already_reserved,
    ),
    Rule(BookingRule.PENDING_REQUEST, BOTH, checks.pending_request, checks.say_pending_request),
    Rule(BookingRule.NOT_RESERVED, ABSENCE, checks.not_reserved, checks.say_not_reserved),
    Rule(
        BookingRule.DEADLINE_PASSED,
        RESERVE,
        checks.booking_deadline_passed,
        checks.say_booking_deadline_passed,
        at_decision=False,
    ),
    Rule(
        BookingRule.DEADLINE_PASSED,
        ABSENCE,
        checks.started,
        checks.say_started,
        "STARTED",
        at_decision=False,
    ),
    Rule(
        BookingRule.EXCLUSIVE_SLOT_TAKEN,
        RESERVE,
        checks.exclusive_taken,
        checks.say_exclusive_taken,
    ),
    Rule(
        BookingRule.MONTHLY_LIMIT_REACHED,
        RESERVE,
        checks.monthly_limit_reached,
        checks.say_monthly_limit_reached,
    ),
    Rule(
        BookingRule.SLOT_FULL,
        RESERVE,
        checks.slot_full,
        checks.say_slot_full,
        at_decision=False,
    ),
)
# The list in order, per action (the planning asks both for every occurrence), and the
# rules judged again when staff decide.
_BY_ACTION: dict[Action, tuple[Rule, ...]] = {
    action: tuple(rule for rule in RULES if action in rule.actions) for action in Action
}
_AT_DECISION: dict[Action, tuple[Rule, ...]] = {
    action: tuple(rule for rule in rules if rule.at_decision)
    for action, rules in _BY_ACTION.items()
}


def first_broken(facts: Facts, o: Occasion, *, at_decision: bool = False) -> Rule | None:
    """The first rule of ``RULES`` the occasion breaks (None: the date may go through);
    ``at_decision``: only the rules judged again when staff decide."""
    for rule in (_AT_DECISION if at_decision else _BY_ACTION)[o.action]:
        if rule.breaks(facts, o):
            return rule
    return None


# The whole list in order once, each rule with the actions it applies to: what
# ``first_broken_each`` walks.
_WALK: tuple[tuple[Rule, bool, bool], ...] = tuple(
    (rule, Action.RESERVE in rule.actions, Action.ABSENCE in rule.actions) for rule in RULES
)


def first_broken_each(
    facts: Facts, reserving: Occasion, cancelling: Occasion
) -> tuple[Rule | None, Rule | None]:
    """``first_broken`` of a reservation and of an absence on the same child × slot × date
    (what the planning shows for every occurrence), in one walk of ``RULES``: a rule that
    applies to both actions is judged once, with ``reserving`` — its check judges the
    date, not the action (``tests/domain/bookings`` holds every check to that)."""
    reserve: Rule | None = None
    cancel: Rule | None = None
    reserve_open = cancel_open = True
    for rule, for_reserve, for_absence in _WALK:
        if for_reserve and reserve_open:
            if for_absence and cancel_open:
                if rule.breaks(facts, reserving):
                    return (rule, rule)
            elif rule.breaks(facts, reserving):
                reserve, reserve_open = rule, False
                if not cancel_open:
                    break
        elif for_absence and cancel_open and rule.breaks(facts, cancelling):
            cancel, cancel_open = rule, False
            if not reserve_open:
                break
    return (reserve, cancel)


def evaluate(facts: Facts, o: Occasion, *, at_decision: bool = False) -> Rejection | None:
    """Why the occasion cannot be asked for now (``at_decision``: accepted by staff now),
    in French (None: it may go through)."""
    rule = first_broken(facts, o, at_decision=at_decision)
    return None if rule is None else Rejection(rule.code, rule.says(facts, o))


def would_wait_list(facts: Facts, o: Occasion) -> bool:
    """A reservation that passes would go to the waiting list (slot full, list kept) —
    at once when the activity auto-accepts, else when staff accept it."""
    return o.activity.waiting_list_enabled and slot_is_full(facts, o)
