"""What a reservation or absence request answers, date by date — and how that answer is
kept, so that a retry with the same idempotency key gets exactly the first one back.

Each child × slot × date the request expanded to gets a report: created (waiting for
staff), accepted at once, put on the waiting list, or rejected with a rule code and a
French sentence. Rejected dates are not request lines (nothing to decide on them), so the
whole report is kept in the request's ``payload``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.bookings.codes import NO_DATE_RECORDED, BookingRule, LineOutcome
from kernel.results import DomainFailure, Problem
from models import Request


@dataclass(frozen=True, slots=True)
class LineReport:
    """The outcome of one child × slot × date (``slot_id`` None: no slot that day)."""

    child_id: int
    activity_id: int
    slot_id: int | None
    date: dt.date
    outcome: LineOutcome
    rule: BookingRule | None
    message: str

    def to_json(self) -> dict[str, Any]:
        """The report as stored in the request's payload."""
        return {
            "childId": self.child_id,
            "activityId": self.activity_id,
            "slotId": self.slot_id,
            "date": self.date.isoformat(),
            "outcome": self.outcome.value,
            "rule": self.rule.value if self.rule is not None else None,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LineReport:
        """A report read back from a request's payload."""
        rule = data.get("rule")
        return cls(
            child_id=int(data["childId"]),
            activity_id=int(data["activityId"]),
            slot_id=int(data["slotId"]) if data.get("slotId") is not None else None,
            date=dt.date.fromisoformat(str(data["date"])),
            outcome=LineOutcome(str(data["outcome"])),
            rule=BookingRule(str(rule)) if rule is not None else None,
            message=str(data.get("message") or ""),
        )


@dataclass(frozen=True, slots=True)
class BookingRequestResult:
    """A recorded request and its date-by-date report."""

    request: Request
    lines: list[LineReport]


class NothingRecorded(DomainFailure):
    """No date of the request went through: nothing is stored; the problems say why, one
    per rule broken, and ``lines`` keeps the date-by-date report for the payload."""

    def __init__(self, problems: Iterable[Problem], lines: Sequence[LineReport]) -> None:
        super().__init__(problems)
        self.lines = list(lines)

    def payload_problems(self) -> tuple[Problem, ...]:
        """What the mutation's ``errors`` say: the request as a whole failed.

        Each rejected date is data on its line (rule code and French reason), so when there
        are lines the errors hold one NO_DATE_RECORDED problem instead of repeating every
        reason a second time; with no line at all (no slot on the dates asked) the reasons
        have nowhere else to go and are the errors.
        """
        if not self.lines:
            return self.problems
        field = self.problems[0].field if self.problems else ()
        message = (
            "La date demandée n'a pas pu être retenue : le motif est indiqué sur sa ligne."
            if len(self.lines) == 1
            else "Aucune des dates demandées n'a pu être retenue : le motif est indiqué pour "
            "chaque date."
        )
        return (Problem(NO_DATE_RECORDED, message, field),)


def payload_of(lines: Sequence[LineReport]) -> dict[str, Any]:
    """The request payload that keeps the report."""
    return {"outcomes": [line.to_json() for line in lines]}


def reports_of(request: Request) -> list[LineReport]:
    """The report kept with a request (empty for a request made elsewhere)."""
    outcomes = (request.payload or {}).get("outcomes")
    if not isinstance(outcomes, list):
        return []
    return [LineReport.from_json(item) for item in outcomes if isinstance(item, Mapping)]


def nothing_recorded(lines: Sequence[LineReport], field: str) -> NothingRecorded:
    """The failure for a request none of whose dates went through: one problem per rule,
    with the first date's explanation and how many dates it concerns."""
    counts = Counter(line.rule for line in lines if line.rule is not None)
    problems: list[Problem] = []
    seen: set[BookingRule] = set()
    for line in lines:
        if line.rule is None or line.rule in seen:
            continue
        seen.add(line.rule)
        others = counts[line.rule] - 1
        suffix = f" (et {others} autre{'s' if others > 1 else ''} date{'s' if others > 1 else ''})"
        problems.append(
            Problem(line.rule.value, line.message + (suffix if others else ""), (field,))
        )
    if not problems:
        problems.append(
            Problem(
                BookingRule.CLOSED_DAY.value,
                "Aucun créneau de cette activité aux dates demandées.",
                (field,),
            )
        )
    return NothingRecorded(problems, lines)
