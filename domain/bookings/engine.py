"""The booking rule engine: ONE ordered list of rules, evaluated for a child × slot × date
and an action (reserve, or declare an absence), over one set of facts.

Request creation (``domain.bookings.requests``), its dry run (``domain.bookings.preview``)
and the planning's ``canReserve`` / ``canCancel`` (``domain.planning``) all evaluate
``RULES`` through ``first_broken``, so what the parent is shown is what the request does.
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
    "occasion",
    "would_wait_list",
]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its code, the actions it applies to, its check and its sentence.

    ``shown_as``: the planning's code when it differs from the request's (an absence on a
    slot that has started is DEADLINE_PASSED for the request, STARTED on the planning).
    """

    code: BookingRule
    actions: frozenset[Action]
    breaks: Callable[[Facts, Occasion], bool]
    says: Callable[[Facts, Occasion], str]
    shown_as: str | None = None


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
    ),
    Rule(BookingRule.DEADLINE_PASSED, ABSENCE, checks.started, checks.say_started, "STARTED"),
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
    Rule(BookingRule.SLOT_FULL, RESERVE, checks.slot_full, checks.say_slot_full),
)
# The list in order, per action (the planning asks both for every occurrence).
_BY_ACTION: dict[Action, tuple[Rule, ...]] = {
    action: tuple(rule for rule in RULES if action in rule.actions) for action in Action
}


def first_broken(facts: Facts, o: Occasion) -> Rule | None:
    """The first rule of ``RULES`` the occasion breaks (None: the date may go through)."""
    for rule in _BY_ACTION[o.action]:
        if rule.breaks(facts, o):
            return rule
    return None


def evaluate(facts: Facts, o: Occasion) -> Rejection | None:
    """Why the occasion cannot be asked for now, in French (None: it may go through)."""
    rule = first_broken(facts, o)
    return None if rule is None else Rejection(rule.code, rule.says(facts, o))


def would_wait_list(facts: Facts, o: Occasion) -> bool:
    """A reservation that passes would go to the waiting list (slot full, list kept) —
    at once when the activity auto-accepts, else when staff accept it."""
    return o.activity.waiting_list_enabled and slot_is_full(facts, o)
