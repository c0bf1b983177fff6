"""The codes that name the booking rules elsewhere follow the one rule list.

The planning's blocker, and the error codes of the reservation and absence requests, are
enums of their own (they are published in the GraphQL schema), but their values are
``domain.bookings.engine.RULES``'s codes: a rule added to the list without its code in
those enums (or the other way round) fails here, not in front of a parent.
"""

from __future__ import annotations

from domain.bookings.codes import (
    AbsenceRequestCreateErrorCode,
    BookingRule,
    ReservationRequestCreateErrorCode,
)
from domain.bookings.engine import RULES
from domain.bookings.state import Action
from domain.planning import Blocker

# Refusals of the request as a whole (its input), before any date is judged.
INPUT_CODES = {
    "NOT_FOUND",
    "INVALID_PERIOD",
    "TOO_MANY_CHILDREN",
    "TOO_MANY_LINES",
    "TEXT_TOO_LONG",
    "IDEMPOTENCY_KEY_REUSED",
}
# The request as a whole once its dates are judged: none passed (each date's rule is on
# its line, not repeated in the errors).
JUDGED_CODES = {"NO_DATE_RECORDED"}


def _codes_for(action: Action) -> set[str]:
    return {rule.code.value for rule in RULES if action in rule.actions}


def test_every_rule_code_names_a_rule_of_the_list() -> None:
    assert {rule.code for rule in RULES} == set(BookingRule)


def test_the_planning_blocker_is_the_rule_codes_and_how_the_planning_shows_them() -> None:
    shown = {rule.shown_as for rule in RULES if rule.shown_as is not None}
    assert {b.value for b in Blocker} == {r.value for r in BookingRule} | shown


def test_reservation_error_codes_are_the_input_codes_and_the_reservation_rules() -> None:
    expected = INPUT_CODES | JUDGED_CODES | _codes_for(Action.RESERVE)
    assert {c.value for c in ReservationRequestCreateErrorCode} == expected


def test_absence_error_codes_are_the_input_codes_and_the_absence_rules() -> None:
    expected = INPUT_CODES | JUDGED_CODES | _codes_for(Action.ABSENCE)
    assert {c.value for c in AbsenceRequestCreateErrorCode} == expected
