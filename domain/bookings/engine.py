"""The booking rule engine: ONE ordered list of rules, evaluated for a child × slot × date
and an action (reserve, or declare an absence), over one set of facts.

Request creation (``domain.bookings.requests``), its dry run (``domain.bookings.preview``)
and the planning's ``canReserve`` / ``canCancel`` (``domain.planning``) all evaluate
``RULES`` through ``first_broken``, so what the parent is shown is what the request does.
Each rule is its stable code (``BookingRule``), the actions it applies to, and a pure
check returning the French sentence a parent reads when the date breaks it. The order puts
the most useful explanation first: a date in the holidays is reported as such, not as
« délai dépassé ».

Adding a rule = one function and one ``Rule(...)`` entry below (plus, when it needs a new
fact, one field of ``Facts`` filled by the two loaders).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.billing.formatting import month_label
from domain.bookings.calendar_facts import CalendarFacts
from domain.bookings.codes import BookingRule
from domain.bookings.facts import ActivityRules, ChildFacts, SlotFacts, places_of
from domain.bookings.rules import Rejection, date_fr, instant_fr, is_eligible
from domain.deadlines import deadline_for, is_open
from domain.opening_days import runs_on
from domain.rule_descriptions import describe_eligibility
from models.activity import OperatingDays
from models.booking import BookingStatus
from models.request import RequestLineAction

# Bookings that hold (or wait for) the child's place on a slot.
HOLDING = (BookingStatus.RESERVED, BookingStatus.WAITING_LIST)

OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date
MonthKey = tuple[int, int, int, int]  # child, activity, year, month


class Action(enum.StrEnum):
    """What is asked of a date: a reservation, or an absence on a reserved date."""

    RESERVE = "RESERVE"
    ABSENCE = "ABSENCE"


@dataclass
class Facts:
    """The state the rules judge against, loaded by the request path (its transaction) or
    by the planning (Core rows), in a constant number of statements either way."""

    timezone: ZoneInfo
    calendar: CalendarFacts
    # (child, activity) → spans of its ACTIVE registrations.
    registrations: dict[tuple[int, int], list[tuple[dt.date, dt.date]]] = field(
        default_factory=dict
    )
    bookings: dict[OccurrenceKey, BookingStatus] = field(default_factory=dict)
    pending: dict[OccurrenceKey, RequestLineAction] = field(default_factory=dict)
    # (child, exclusivity group, date) → slots of the group held or asked for that day.
    group_taken: dict[tuple[int, str, dt.date], set[int]] = field(default_factory=dict)
    # (child, activity, year, month) → dates of the activity held or asked for that month.
    month_days: dict[MonthKey, set[dt.date]] = field(default_factory=dict)
    # (slot, date) → RESERVED bookings, for slots with a capacity.
    reserved: dict[tuple[int, dt.date], int] = field(default_factory=dict)

    def _holds(
        self, child_id: int, slot_id: int, activity_id: int, group: str | None, day: dt.date
    ) -> None:
        if group is not None:
            self.group_taken.setdefault((child_id, group, day), set()).add(slot_id)
        month = (child_id, activity_id, day.year, day.month)
        self.month_days.setdefault(month, set()).add(day)

    def add_booking(
        self,
        child_id: int,
        slot_id: int,
        activity_id: int,
        group: str | None,
        day: dt.date,
        status: BookingStatus,
    ) -> None:
        """Record a stored booking (``group``: its activity's exclusivity group)."""
        self.bookings[(child_id, slot_id, day)] = status
        if status in HOLDING:
            self._holds(child_id, slot_id, activity_id, group, day)

    def add_pending(
        self,
        child_id: int,
        slot_id: int,
        activity_id: int,
        group: str | None,
        day: dt.date,
        action: RequestLineAction,
    ) -> None:
        """Record an undecided request line (a pending reservation holds like a booking)."""
        self.pending[(child_id, slot_id, day)] = action
        if action is RequestLineAction.RESERVE:
            self._holds(child_id, slot_id, activity_id, group, day)

    def hold(self, occasion: Occasion) -> None:
        """A reservation date of a request passed: later dates of the same request are
        judged as if it were recorded (exclusivity group, monthly limit, and — when the
        activity auto-accepts, so the date takes a place at once — the places left)."""
        activity, slot, day = occasion.activity, occasion.slot, occasion.day
        self._holds(occasion.child.id, slot.id, activity.id, activity.exclusivity_group, day)
        limited = places_of(slot, activity) is not None
        if activity.auto_accept and limited and not slot_is_full(self, occasion):
            self.reserved[(slot.id, day)] = self.reserved.get((slot.id, day), 0) + 1


@dataclass(frozen=True, slots=True)
class Occasion:
    """One child × slot × date, the action asked, and when (with its two deadlines)."""

    action: Action
    child: ChildFacts
    activity: ActivityRules
    slot: SlotFacts
    day: dt.date
    now: dt.datetime
    booking_deadline: dt.datetime
    cancellation_deadline: dt.datetime


def occasion(
    facts: Facts,
    action: Action,
    child: ChildFacts,
    activity: ActivityRules,
    slot: SlotFacts,
    day: dt.date,
    now: dt.datetime,
) -> Occasion:
    """The occasion with its booking and cancellation deadlines computed (tenant's zone,
    working days skipping the calendar's public holidays)."""
    holidays = facts.calendar.holidays
    return Occasion(
        action,
        child,
        activity,
        slot,
        day,
        now,
        deadline_for(
            activity.booking, day, slot.start_time, timezone=facts.timezone, holidays=holidays
        ),
        deadline_for(
            activity.cancellation, day, slot.start_time, timezone=facts.timezone, holidays=holidays
        ),
    )


Check = Callable[[Facts, Occasion], str | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its code, the actions it applies to, its check (None: the date passes).

    ``shown_as``: the planning's code when it differs from the request's (an absence on a
    slot that has started is DEADLINE_PASSED for the request, STARTED on the planning).
    """

    code: BookingRule
    actions: frozenset[Action]
    check: Check
    shown_as: str | None = None


BOTH = frozenset(Action)
RESERVE = frozenset({Action.RESERVE})
ABSENCE = frozenset({Action.ABSENCE})


def closed_message(facts: Facts, activity: ActivityRules, day: dt.date) -> str | None:
    """None when the activity runs on ``day``; else why not, in French."""
    kinds = facts.calendar.day_kinds(day, activity.establishment_id)
    if runs_on(activity.operating_days, kinds):
        return None
    if activity.operating_days is OperatingDays.SCHOOL_HOLIDAYS and not kinds.closed:
        why = "elle n'a lieu que pendant les vacances scolaires"
    else:
        covering = facts.calendar.covering(day, activity.establishment_id)
        why = " ; ".join(dict.fromkeys(t for t in covering if t)) or "fermeture"
    return f"L'activité « {activity.name} » n'a pas lieu le {date_fr(day)} ({why})."


def _spans(facts: Facts, o: Occasion) -> list[tuple[dt.date, dt.date]]:
    return facts.registrations.get((o.child.id, o.activity.id), [])


def _not_registered(facts: Facts, o: Occasion) -> str | None:
    if _spans(facts, o):
        return None
    return f"{o.child.first_name} n'est pas inscrit(e) à l'activité « {o.activity.name} »."


def _outside_registration(facts: Facts, o: Occasion) -> str | None:
    spans = _spans(facts, o)
    if any(start <= o.day <= end for start, end in spans):
        return None
    bounds = ", ".join(f"du {date_fr(start)} au {date_fr(end)}" for start, end in spans)
    return f"Les dates doivent être comprises dans la période de l'inscription ({bounds})."


def _closed(facts: Facts, o: Occasion) -> str | None:
    return closed_message(facts, o.activity, o.day)


def _not_eligible(facts: Facts, o: Occasion) -> str | None:
    a = o.activity
    if is_eligible(o.child, a):
        return None
    rule = describe_eligibility(a.min_grade, a.max_grade, a.born_on_or_after, a.born_on_or_before)
    return f"L'activité « {a.name} » n'est pas ouverte à {o.child.first_name} ({rule})."


def _already_reserved(facts: Facts, o: Occasion) -> str | None:
    status = facts.bookings.get((o.child.id, o.slot.id, o.day))
    if status is None or status is BookingStatus.CANCELLED:
        return None
    what = {
        BookingStatus.RESERVED: "est déjà réservé",
        BookingStatus.WAITING_LIST: "est déjà demandé (liste d'attente)",
    }.get(status, "a déjà une absence ou une présence enregistrée")
    return f"Ce créneau du {date_fr(o.day)} {what} pour {o.child.first_name}."


def _pending_request(facts: Facts, o: Occasion) -> str | None:
    if (o.child.id, o.slot.id, o.day) not in facts.pending:
        return None
    return f"Une demande est déjà en cours pour ce créneau du {date_fr(o.day)}."


def _not_reserved(facts: Facts, o: Occasion) -> str | None:
    if facts.bookings.get((o.child.id, o.slot.id, o.day)) in HOLDING:
        return None
    return f"Aucune réservation à annuler le {date_fr(o.day)} pour {o.child.first_name}."


def _booking_deadline(facts: Facts, o: Occasion) -> str | None:
    if is_open(o.booking_deadline, o.now):
        return None
    return (
        "Le délai de réservation est dépassé : il fallait réserver avant le "
        f"{instant_fr(o.booking_deadline, facts.timezone)}."
    )


def _started(facts: Facts, o: Occasion) -> str | None:
    if is_open(dt.datetime.combine(o.day, o.slot.start_time, tzinfo=facts.timezone), o.now):
        return None
    return (
        f"Le créneau du {date_fr(o.day)} a déjà commencé : l'absence ne peut plus être "
        "déclarée en ligne."
    )


def _exclusive(facts: Facts, o: Occasion) -> str | None:
    group = o.activity.exclusivity_group
    if group is None or not facts.group_taken.get((o.child.id, group, o.day), set()) - {o.slot.id}:
        return None
    return (
        "ATTENTION DE BIEN CHOISIR 1 SEUL CRÉNEAU : "
        f"{o.child.first_name} a déjà un créneau de ce groupe le {date_fr(o.day)}."
    )


def _monthly_limit(facts: Facts, o: Occasion) -> str | None:
    limit = o.activity.max_days_per_month
    if limit is None:
        return None
    held = facts.month_days.get((o.child.id, o.activity.id, o.day.year, o.day.month), set())
    if o.day in held or len(held) < limit:
        return None
    days = f"{limit} jour{'s' if limit > 1 else ''}"
    return (
        f"Au plus {days} par mois pour l'activité « {o.activity.name} » : "
        f"{o.child.first_name} en a déjà {len(held)} en {month_label(o.day)}."
    )


def slot_is_full(facts: Facts, o: Occasion) -> bool:
    """Every place of the slot is taken on that date (RESERVED bookings ≥ capacity)."""
    places = places_of(o.slot, o.activity)
    return places is not None and facts.reserved.get((o.slot.id, o.day), 0) >= places


def _slot_full(facts: Facts, o: Occasion) -> str | None:
    if o.activity.waiting_list_enabled or not slot_is_full(facts, o):
        return None
    return f"Plus aucune place n'est disponible sur ce créneau le {date_fr(o.day)}."


RULES: tuple[Rule, ...] = (
    Rule(BookingRule.NOT_REGISTERED, BOTH, _not_registered),
    Rule(BookingRule.OUTSIDE_REGISTRATION_PERIOD, BOTH, _outside_registration),
    Rule(BookingRule.CLOSED_DAY, BOTH, _closed),
    Rule(BookingRule.NOT_ELIGIBLE, RESERVE, _not_eligible),
    Rule(BookingRule.ALREADY_RESERVED, RESERVE, _already_reserved),
    Rule(BookingRule.PENDING_REQUEST, BOTH, _pending_request),
    Rule(BookingRule.NOT_RESERVED, ABSENCE, _not_reserved),
    Rule(BookingRule.DEADLINE_PASSED, RESERVE, _booking_deadline),
    Rule(BookingRule.DEADLINE_PASSED, ABSENCE, _started, shown_as="STARTED"),
    Rule(BookingRule.EXCLUSIVE_SLOT_TAKEN, RESERVE, _exclusive),
    Rule(BookingRule.MONTHLY_LIMIT_REACHED, RESERVE, _monthly_limit),
    Rule(BookingRule.SLOT_FULL, RESERVE, _slot_full),
)


def first_broken(facts: Facts, o: Occasion) -> tuple[Rule, str] | None:
    """The first rule of ``RULES`` the occasion breaks, with its French sentence."""
    for rule in RULES:
        if o.action in rule.actions:
            message = rule.check(facts, o)
            if message is not None:
                return rule, message
    return None


def evaluate(facts: Facts, o: Occasion) -> Rejection | None:
    """Why the occasion cannot be asked for now (None: the date may go through)."""
    broken = first_broken(facts, o)
    return None if broken is None else Rejection(broken[0].code, broken[1])


def would_wait_list(facts: Facts, o: Occasion) -> bool:
    """A reservation that passes would go to the waiting list (slot full, list kept) —
    at once when the activity auto-accepts, else when staff accept it."""
    return o.activity.waiting_list_enabled and slot_is_full(facts, o)
