"""Administrators add, close and resize slots: slotCreate / slotClose /
slotCapacityChange (with the dates refused, and the bookings cancelled, moved or promoted)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay

from domain.catalogue.codes import (
    SlotCapacityChangeErrorCode,
    SlotCloseErrorCode,
    SlotCreateErrorCode,
)
from domain.catalogue.occupancy import AffectedDate, AffectedDatesFailure
from domain.catalogue.slots import SlotValues
from kernel.results import DomainFailure
from resolvers.administration import catalogue as actions
from schema.catalogue.types import Activity, Slot
from schema.enums import Weekday
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin
from schema.requests.lines import Booking


@strawberry.input(description="A new weekly slot (créneau) of an activity.")
class SlotCreateInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    weekday: Weekday = strawberry.field(description="Day of the week.")
    start_time: dt.time = strawberry.field(description="Start time.")
    end_time: dt.time = strawberry.field(description="End time (after the start).")
    valid_from: dt.date | None = strawberry.field(
        default=None, description="First date (default: the school year's first day)."
    )
    valid_to: dt.date | None = strawberry.field(
        default=None,
        description="Last date (default: the school year's last day, or 31 August for an "
        "activity that runs in the holidays).",
    )
    capacity: int | None = strawberry.field(
        default=None, description="The slot's own places (null: the activity's)."
    )


@strawberry.input(description="A slot closed from a date (never deleted once used).")
class SlotCloseInput:
    slot: relay.GlobalID = strawberry.field(description="The slot.")
    from_: dt.date = strawberry.field(
        name="from", description="First date without the slot (today or later)."
    )
    cancel_bookings: bool = strawberry.field(
        default=False,
        description="Refuse the dates asked for or waiting and cancel the reservations on or "
        "after that date (not billed; families mailed for the refused dates, plannings "
        "change); false: refuse if there are any.",
    )


@strawberry.input(description="A slot's number of places changed.")
class SlotCapacityChangeInput:
    slot: relay.GlobalID = strawberry.field(description="The slot.")
    capacity: int | None = strawberry.field(
        description="Places per occurrence (null: the activity's capacity applies)."
    )
    move_excess_to_waiting_list: bool = strawberry.field(
        default=False,
        description="On dates with more reservations than the new capacity, move the last "
        "children to have booked to the head of the waiting list; false: refuse.",
    )


@strawberry.type(description="A future date of a slot with children on it.")
class SlotDateOccupancy:
    date: dt.date = strawberry.field(description="The date.")
    reserved: int = strawberry.field(description="Places reserved.")
    waiting: int = strawberry.field(description="Children on the waiting list.")
    capacity: int | None = strawberry.field(
        description="Places there would be (null: unlimited, or not concerned)."
    )
    pending: int = strawberry.field(description="Children asked for, not decided yet.")

    @classmethod
    def of(cls, affected: AffectedDate) -> SlotDateOccupancy:
        """The API type of an affected date."""
        return cls(
            date=affected.date,
            reserved=affected.reserved,
            waiting=affected.waiting,
            capacity=affected.capacity,
            pending=affected.pending,
        )


def _affected(failure: DomainFailure) -> list[SlotDateOccupancy]:
    if isinstance(failure, AffectedDatesFailure):
        return [SlotDateOccupancy.of(d) for d in failure.dates]
    return []


error_code_enum(SlotCreateErrorCode, description="Why slotCreate was refused.")
error_code_enum(SlotCloseErrorCode, description="Why slotClose was refused.")
error_code_enum(SlotCapacityChangeErrorCode, description="Why slotCapacityChange was refused.")


@strawberry.type(description="A problem with slotCreate's input.")
class SlotCreateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SlotCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with slotClose's input.")
class SlotCloseError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SlotCloseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with slotCapacityChange's input.")
class SlotCapacityChangeError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SlotCapacityChangeErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of slotCreate.")
class SlotCreatePayload:
    slot: Slot | None = strawberry.field(description="The new slot; null when there are errors.")
    errors: list[SlotCreateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Result of slotClose.")
class SlotClosePayload:
    slot: Slot | None = strawberry.field(
        description="The slot with its new last date; null when there are errors, or when "
        "a slot never used was closed from its first day (it is then removed)."
    )
    cancelled_bookings: list[Booking] = strawberry.field(
        description="The bookings cancelled (cancelBookings)."
    )
    affected_dates: list[SlotDateOccupancy] = strawberry.field(
        description="BOOKINGS_EXIST: the dates with children on them."
    )
    errors: list[SlotCloseError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Result of slotCapacityChange.")
class SlotCapacityChangePayload:
    slot: Slot | None = strawberry.field(
        description="The slot with its new capacity; null when there are errors."
    )
    moved_to_waiting_list: list[Booking] = strawberry.field(
        description="Reservations moved to the head of the waiting list."
    )
    promoted: list[Booking] = strawberry.field(
        description="Waiting children given a new place (activities that promote automatically)."
    )
    affected_dates: list[SlotDateOccupancy] = strawberry.field(
        description="CAPACITY_BELOW_RESERVED: the dates with more reservations than places."
    )
    errors: list[SlotCapacityChangeError] = strawberry.field(description=ERRORS_DOC)


async def _slot(info: strawberry.Info, row: Any) -> Slot:
    activity = await info.context.loaders.activity.load(row.activity_id)
    return Slot.from_row(row, Activity.from_row(activity) if activity is not None else None)


@strawberry.type(description="Administrators' set-up of the slots.")
class SlotAdministrationMutations:
    @strawberry.mutation(
        description="Administrators: add a weekly slot to an activity, inside its school year.",
        permission_classes=[Admin],
    )
    async def slot_create(
        self,
        info: strawberry.Info,
        input: Annotated[SlotCreateInput, strawberry.argument(description="The slot.")],
    ) -> SlotCreatePayload:
        values = SlotValues(
            activity_id=input_pk(input.activity, "Activity"),
            weekday=int(input.weekday),
            start_time=input.start_time,
            end_time=input.end_time,
            valid_from=input.valid_from,
            valid_to=input.valid_to,
            capacity=input.capacity,
        )
        try:
            row = await actions.slot_create(info.context, values)
        except DomainFailure as failure:
            return SlotCreatePayload(
                slot=None, errors=payload_errors(failure, SlotCreateError, SlotCreateErrorCode)
            )
        return SlotCreatePayload(slot=await _slot(info, row), errors=[])

    @strawberry.mutation(
        description="Administrators: close a slot from a date. Refused with the dates when "
        "children hold, wait for or asked for a place then, unless cancelBookings: dates "
        "asked for or waiting are refused (the family is mailed), places held are "
        "cancelled (not billed), and the families' plannings change.",
        permission_classes=[Admin],
    )
    async def slot_close(
        self,
        info: strawberry.Info,
        input: Annotated[SlotCloseInput, strawberry.argument(description="The closure.")],
    ) -> SlotClosePayload:
        try:
            closure = await actions.slot_close(
                info.context, input_pk(input.slot, "Slot"), input.from_, input.cancel_bookings
            )
        except DomainFailure as failure:
            return SlotClosePayload(
                slot=None,
                cancelled_bookings=[],
                affected_dates=_affected(failure),
                errors=payload_errors(failure, SlotCloseError, SlotCloseErrorCode),
            )
        return SlotClosePayload(
            slot=None if closure.slot is None else await _slot(info, closure.slot),
            cancelled_bookings=[Booking.from_row(b) for b in closure.cancelled],
            affected_dates=[],
            errors=[],
        )

    @strawberry.mutation(
        description="Administrators: change a slot's number of places. Lowering it under "
        "the reservations of a future date is refused with those dates, unless "
        "moveExcessToWaitingList; raising it promotes waiting children when the activity "
        "promotes automatically.",
        permission_classes=[Admin],
    )
    async def slot_capacity_change(
        self,
        info: strawberry.Info,
        input: Annotated[SlotCapacityChangeInput, strawberry.argument(description="Change.")],
    ) -> SlotCapacityChangePayload:
        try:
            change = await actions.slot_capacity_change(
                info.context,
                input_pk(input.slot, "Slot"),
                input.capacity,
                input.move_excess_to_waiting_list,
            )
        except DomainFailure as failure:
            return SlotCapacityChangePayload(
                slot=None,
                moved_to_waiting_list=[],
                promoted=[],
                affected_dates=_affected(failure),
                errors=payload_errors(
                    failure, SlotCapacityChangeError, SlotCapacityChangeErrorCode
                ),
            )
        return SlotCapacityChangePayload(
            slot=await _slot(info, change.slot),
            moved_to_waiting_list=[Booking.from_row(b) for b in change.moved],
            promoted=[Booking.from_row(b) for b in change.promoted],
            affected_dates=[],
            errors=[],
        )
