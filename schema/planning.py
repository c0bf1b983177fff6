"""The planning (« Planning des activités »): slot occurrences of the chosen children.

Occurrences are made of plain attributes computed before execution (the hot path of the
portal); links to the child and the activity go through the request's loaders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Self

import strawberry
from strawberry import relay

from domain.counters import format_reference
from domain.labels import label
from domain.planning import (
    MAX_PLANNING_DAYS,
    Blocker,
    HistoryFacts,
    Occurrence,
    OccurrenceStatus,
)
from models.occurrence_log import OccurrenceActionKind
from resolvers import planning as reads
from schema.catalogue.types import Activity
from schema.errors import PublicError
from schema.family import Child
from schema.ids import decode_pk
from schema.inputs import DateRangeInput
from schema.permissions import Authenticated

OccurrenceStatusEnum = strawberry.enum(
    OccurrenceStatus, description="Status of a slot occurrence (the planning's legend)."
)
BlockerEnum = strawberry.enum(
    Blocker, description="Why an occurrence cannot be reserved or cancelled right now."
)
OccurrenceActionKindEnum = strawberry.enum(
    OccurrenceActionKind,
    description="An action on a planning occurrence (requested, accepted, marked present…).",
)


@strawberry.type(description="One action taken on a planning occurrence, with its time.")
class OccurrenceHistoryEntry:
    kind: OccurrenceActionKind = strawberry.field(description="What happened.")
    kind_label: str = strawberry.field(description="French label of what happened.")
    occurred_at: dt.datetime = strawberry.field(description="When it happened.")
    request: relay.GlobalID | None = strawberry.field(
        description="The request behind it (Request node), if any."
    )
    request_reference: str | None = strawberry.field(
        description="That request's number as printed (« 17 378 981 »), if any."
    )

    @classmethod
    def from_facts(cls, facts: HistoryFacts) -> Self:
        """Map one computed history entry to the API type."""
        return cls(
            kind=facts.kind,
            kind_label=label(facts.kind),
            occurred_at=facts.occurred_at,
            request=None
            if facts.request_id is None
            else relay.GlobalID("Request", str(facts.request_id)),
            request_reference=None
            if facts.request_reference is None
            else format_reference(facts.request_reference),
        )


def _label(blocker: Blocker | None) -> str | None:
    """A blocker's French label, from the one mapping the rules' messages come from."""
    return None if blocker is None else label(blocker)


@dataclass(frozen=True, slots=True)
class Linked:
    """The API objects an occurrence links to, one per id for the whole planning."""

    children: dict[int, Child]
    activities: dict[int, Activity]


def _linked(read: reads.PlanningRead, *, children: bool, activities: bool) -> Linked | None:
    """The children and activities of the occurrences as API objects, built once each
    from the rows the planning read them from (no statement of their own), when the query
    selects them."""
    occurrences = read.occurrences
    if not (children or activities) or not occurrences:
        return None
    by_child: dict[int, Child] = {}
    by_activity: dict[int, Activity] = {}
    if children:
        for pk in dict.fromkeys(o.child_id for o in occurrences):
            by_child[pk] = Child.from_row(read.children[pk])
    if activities:
        for pk in dict.fromkeys(o.activity_id for o in occurrences):
            by_activity[pk] = Activity.from_row(read.activities[pk])
    return Linked(by_child, by_activity)


@strawberry.type(description="One slot occurrence of a child on a date.")
class PlanningOccurrence:
    child_pk: strawberry.Private[int]
    activity_pk: strawberry.Private[int]
    slot_id: relay.GlobalID = strawberry.field(description="The weekly slot (Slot node).")
    date: dt.date = strawberry.field(description="The date.")
    start_time: dt.time = strawberry.field(description="Start time.")
    end_time: dt.time = strawberry.field(description="End time.")
    status: OccurrenceStatus = strawberry.field(description="Status on the planning.")
    status_label: str = strawberry.field(description="French label (the tooltip's status).")
    booking_deadline: dt.datetime = strawberry.field(
        description="Until when this date can be reserved."
    )
    cancellation_deadline: dt.datetime = strawberry.field(
        description="Until when an absence is free (after it, it may be billed)."
    )
    can_reserve: bool = strawberry.field(description="A reservation may be requested now.")
    reserve_blocker: Blocker | None = strawberry.field(
        description="Why not, when not: the code the reservation request would be refused "
        "with (the same booking rules)."
    )
    reserve_would_wait_list: bool = strawberry.field(
        description="Reservable, but every place is taken: the date would go to the waiting "
        "list (at once when the activity auto-accepts, else when staff accept it)."
    )
    reserve_blocker_label: str | None = strawberry.field(
        description="French label of reserveBlocker (the wording of the booking rules' "
        "messages), null when reservable."
    )
    can_cancel: bool = strawberry.field(description="An absence may be declared now.")
    cancel_blocker: Blocker | None = strawberry.field(description="Why not, when not.")
    cancel_blocker_label: str | None = strawberry.field(
        description="French label of cancelBlocker, null when an absence may be declared."
    )
    absence_would_be_billed: bool = strawberry.field(
        description="Declaring an absence now would be billed (cancellation deadline passed), "
        "unless justified — shown before the parent confirms."
    )
    booking: relay.GlobalID | None = strawberry.field(
        description="The stored booking of this occurrence (Booking node), if any: e.g. to "
        "send the justification of a billed absence."
    )
    history: list[OccurrenceHistoryEntry] = strawberry.field(
        description="Every action on this child's slot and date, oldest first (requests, "
        "decisions, waiting list, attendance, justification)."
    )
    pending_request: relay.GlobalID | None = strawberry.field(
        description="When the status is PENDING: the request (Request node) whose date awaits "
        "a decision, to follow or cancel it; null otherwise."
    )
    pending_request_reference: str | None = strawberry.field(
        description="That request's number as printed (« 17 378 981 »), if any."
    )

    @classmethod
    def from_occurrence(cls, occurrence: Occurrence, linked: Linked | None = None) -> Self:
        """Map a computed occurrence to the API type."""
        pending = occurrence.pending_request
        return cls(
            linked=linked,
            child_pk=occurrence.child_id,
            activity_pk=occurrence.activity_id,
            slot_id=relay.GlobalID("Slot", str(occurrence.slot_id)),
            date=occurrence.date,
            start_time=occurrence.start_time,
            end_time=occurrence.end_time,
            status=occurrence.status,
            status_label=label(occurrence.status),
            booking_deadline=occurrence.booking_deadline,
            cancellation_deadline=occurrence.cancellation_deadline,
            can_reserve=occurrence.can_reserve,
            reserve_blocker=occurrence.reserve_blocker,
            reserve_blocker_label=_label(occurrence.reserve_blocker),
            reserve_would_wait_list=occurrence.reserve_would_wait_list,
            can_cancel=occurrence.can_cancel,
            cancel_blocker=occurrence.cancel_blocker,
            cancel_blocker_label=_label(occurrence.cancel_blocker),
            absence_would_be_billed=occurrence.absence_would_be_billed,
            booking=None
            if occurrence.booking_id is None
            else relay.GlobalID("Booking", str(occurrence.booking_id)),
            history=[OccurrenceHistoryEntry.from_facts(h) for h in occurrence.history],
            pending_request=None
            if pending is None
            else relay.GlobalID("Request", str(pending.request_id)),
            pending_request_reference=None
            if pending is None
            else format_reference(pending.reference),
        )

    # The child and the activity, loaded once per request by the ``planning`` resolver
    # when selected (one object per id, shared by every occurrence).
    linked: strawberry.Private[Linked | None] = None

    @strawberry.field(description="The child.")
    def child(self) -> Child:
        assert self.linked is not None, "planning: child selected but not loaded"
        return self.linked.children[self.child_pk]

    @strawberry.field(description="The activity.")
    def activity(self) -> Activity:
        assert self.linked is not None, "planning: activity selected but not loaded"
        return self.linked.activities[self.activity_pk]


@strawberry.type(description="The planning between two dates.")
class Planning:
    start_date: dt.date = strawberry.field(description="First date.")
    end_date: dt.date = strawberry.field(description="Last date.")
    occurrences: list[PlanningOccurrence] = strawberry.field(
        description="Occurrences by date, time and child (clients build month, week, "
        "5-day, day and list views from them)."
    )


def _selects(selections: Any, name: str) -> bool:
    """Whether a field called ``name`` is selected anywhere below (fragments included)."""
    for selection in selections or ():
        if getattr(selection, "name", None) == name:
            return True
        if _selects(getattr(selection, "selections", None), name):
            return True
    return False


def _pks(ids: list[relay.GlobalID] | None, type_name: str, field: str) -> list[int] | None:
    if ids is None:
        return None
    if len(ids) > 100:
        raise PublicError(f"« {field} » est limité à 100 identifiants.")
    return [pk for pk in (decode_pk(i, type_name, field) for i in ids) if pk is not None]


@strawberry.type(description="Entry points to the planning.")
class PlanningQueries:
    @strawberry.field(
        description="The planning of the viewer's children (staff: of the children named), "
        f"for at most {MAX_PLANNING_DAYS} days: each slot occurrence of the activities they "
        "are registered to, with its status and what can still be done.",
        # Any account: which children it reaches (none for reporting) is the loader's call.
        permission_classes=[Authenticated],
    )
    async def planning(
        self,
        info: strawberry.Info,
        range: Annotated[
            DateRangeInput, strawberry.argument(description="Dates (at most three months).")
        ],
        children: Annotated[
            list[relay.GlobalID] | None,
            strawberry.argument(description="Only these children (default: all of the family)."),
        ] = None,
        activities: Annotated[
            list[relay.GlobalID] | None,
            strawberry.argument(description="Only these activities (default: all)."),
        ] = None,
    ) -> Planning:
        if range.lte < range.gte:
            raise PublicError("La date de fin précède la date de début.")
        if (range.lte - range.gte).days >= MAX_PLANNING_DAYS:
            raise PublicError(f"La période demandée est limitée à {MAX_PLANNING_DAYS} jours.")
        read = await reads.planning_read(
            info.context,
            range.gte,
            range.lte,
            _pks(children, "Child", "children"),
            _pks(activities, "Activity", "activities"),
            with_history=_selects(info.selected_fields, "history"),
        )
        selected = info.selected_fields
        linked = _linked(
            read,
            children=_selects(selected, "child"),
            activities=_selects(selected, "activity"),
        )
        return Planning(
            start_date=range.gte,
            end_date=range.lte,
            occurrences=[PlanningOccurrence.from_occurrence(o, linked) for o in read.occurrences],
        )
