"""The catalogue's administration (administrators only): establishmentCreate /
establishmentUpdate, activityCreate / activityUpdate / activityClose (every rule column of
an activity), slotCreate / slotClose and slotCapacityChange."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay

from domain.catalogue.activities import ActivityValues
from domain.catalogue.codes import (
    ActivityCloseErrorCode,
    ActivityCreateErrorCode,
    ActivityUpdateErrorCode,
    EstablishmentCreateErrorCode,
    EstablishmentUpdateErrorCode,
    SlotCapacityChangeErrorCode,
    SlotCloseErrorCode,
    SlotCreateErrorCode,
)
from domain.catalogue.establishments import EstablishmentValues
from domain.catalogue.occupancy import AffectedDate, AffectedDatesFailure
from domain.catalogue.slots import SlotValues
from kernel.results import DomainFailure
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.child import Grade
from models.establishment import EstablishmentKind
from resolvers.administration import catalogue as actions
from schema.catalogue import Activity, Establishment, Slot
from schema.enums import Weekday
from schema.errors import error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin
from schema.requests.lines import Booking

_FIELD_DOC = "Path of the input field at fault."
_MESSAGE_DOC = "What is wrong, in French."
_ERRORS_DOC = "Problems, if any (then nothing was changed)."
_KEY_DOC = (
    "A key of the client's choosing: a retry with the same key returns the first result "
    "and creates nothing."
)
_UNSET_DOC = " (absent: unchanged)"


def given(**fields: Any) -> dict[str, Any]:
    """The fields the client sent (``strawberry.UNSET`` marks those it left out)."""
    return {name: value for name, value in fields.items() if value is not strawberry.UNSET}


# --- establishments --------------------------------------------------------------------


@strawberry.input(description="A new establishment (school, centre).")
class EstablishmentCreateInput:
    code: str = strawberry.field(description="Short code used by staff, unique (≤ 40).")
    name: str = strawberry.field(description="Name shown to families (≤ 200).")
    kind: EstablishmentKind = strawberry.field(description="Kind of establishment.")
    address: str | None = strawberry.field(default=None, description="Street address.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    city: str | None = strawberry.field(default=None, description="City.")
    phone: str | None = strawberry.field(default=None, description="Phone number.")
    email: str | None = strawberry.field(default=None, description="Email address.")
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY_DOC)


@strawberry.input(description="Corrections to an establishment: only the fields given change.")
class EstablishmentUpdateInput:
    establishment: relay.GlobalID = strawberry.field(description="The establishment.")
    code: str | None = strawberry.field(default=strawberry.UNSET, description="Code" + _UNSET_DOC)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name" + _UNSET_DOC)
    kind: EstablishmentKind | None = strawberry.field(
        default=strawberry.UNSET, description="Kind" + _UNSET_DOC
    )
    address: str | None = strawberry.field(
        default=strawberry.UNSET, description="Address; null clears it" + _UNSET_DOC
    )
    postal_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Postal code; null clears it" + _UNSET_DOC
    )
    city: str | None = strawberry.field(
        default=strawberry.UNSET, description="City; null clears it" + _UNSET_DOC
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="Phone; null clears it" + _UNSET_DOC
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="Email; null clears it" + _UNSET_DOC
    )


error_code_enum(EstablishmentCreateErrorCode, description="Why establishmentCreate was refused.")
error_code_enum(EstablishmentUpdateErrorCode, description="Why establishmentUpdate was refused.")


@strawberry.type(description="A problem with establishmentCreate's input.")
class EstablishmentCreateError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: EstablishmentCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with establishmentUpdate's input.")
class EstablishmentUpdateError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: EstablishmentUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of establishmentCreate.")
class EstablishmentCreatePayload:
    establishment: Establishment | None = strawberry.field(
        description="The new establishment; null when there are errors."
    )
    errors: list[EstablishmentCreateError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.type(description="Result of establishmentUpdate.")
class EstablishmentUpdatePayload:
    establishment: Establishment | None = strawberry.field(
        description="The establishment as it now is; null when there are errors."
    )
    errors: list[EstablishmentUpdateError] = strawberry.field(description=_ERRORS_DOC)


# --- activities ------------------------------------------------------------------------


@strawberry.input(description="A booking or cancellation deadline (délai de prévenance).")
class DeadlineRuleInput:
    kind: DeadlineKind = strawberry.field(description="How the deadline is computed.")
    offset: int = strawberry.field(
        default=0,
        description="Days (calendar or working) or hours before (HOURS_BEFORE: at least 1).",
    )
    time: dt.time | None = strawberry.field(
        default=None,
        description="Time of day (required for WEEKLY_CUTOFF; none for NONE and HOURS_BEFORE).",
    )
    weekday: Weekday | None = strawberry.field(
        default=None, description="WEEKLY_CUTOFF only: the day of the previous week."
    )


@strawberry.input(description="Who may attend (every bound optional).")
class EligibilityInput:
    min_grade: Grade | None = strawberry.field(default=None, description="Lowest grade.")
    max_grade: Grade | None = strawberry.field(default=None, description="Highest grade.")
    born_on_or_after: dt.date | None = strawberry.field(
        default=None, description="Birth-date lower bound."
    )
    born_on_or_before: dt.date | None = strawberry.field(
        default=None, description="Birth-date upper bound."
    )


@strawberry.input(
    description="An activity's rules. On creation, absent rules take their defaults; on "
    "update, only the rules given change (they apply from now on)."
)
class ActivityRulesInput:
    booking_deadline: DeadlineRuleInput | None = strawberry.field(
        default=strawberry.UNSET, description="Latest time to book (null: no deadline)."
    )
    cancellation_deadline: DeadlineRuleInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Latest time to cancel without billing (null: no deadline).",
    )
    late_absence_billed: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Bill an absence notified after the deadline."
    )
    justification_accepted: bool | None = strawberry.field(
        default=strawberry.UNSET, description="A justification cancels the billing."
    )
    justification_delay_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="Days allowed to justify (≥ 0)."
    )
    capacity: int | None = strawberry.field(
        default=strawberry.UNSET, description="Places per slot occurrence (null: unlimited)."
    )
    waiting_list_enabled: bool | None = strawberry.field(
        default=strawberry.UNSET, description="A full slot puts requests on a waiting list."
    )
    auto_promote_waiting_list: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Promote the waiting list automatically."
    )
    auto_accept: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Accept requests at once (no staff validation)."
    )
    eligibility: EligibilityInput | None = strawberry.field(
        default=strawberry.UNSET, description="Who may attend (null: everyone)."
    )
    exclusivity_group: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="At most one slot of this group per child and day (null: none).",
    )
    max_days_per_month: int | None = strawberry.field(
        default=strawberry.UNSET, description="At most this many dates a month (null: no limit)."
    )


def _deadline_columns(prefix: str, rule: DeadlineRuleInput | None) -> dict[str, Any]:
    if rule is None:
        return {
            f"{prefix}_kind": DeadlineKind.NONE,
            f"{prefix}_offset": 0,
            f"{prefix}_time": None,
            f"{prefix}_weekday": None,
        }
    return {
        f"{prefix}_kind": rule.kind,
        f"{prefix}_offset": rule.offset,
        f"{prefix}_time": rule.time,
        f"{prefix}_weekday": None if rule.weekday is None else int(rule.weekday),
    }


def rule_columns(rules: ActivityRulesInput | None) -> dict[str, Any]:
    """The rule columns the input sets (a deadline or the eligibility: all its columns)."""
    if rules is None:
        return {}
    columns: dict[str, Any] = given(
        late_absence_billed=rules.late_absence_billed,
        justification_accepted=rules.justification_accepted,
        justification_delay_days=rules.justification_delay_days,
        capacity=rules.capacity,
        waiting_list_enabled=rules.waiting_list_enabled,
        auto_promote_waiting_list=rules.auto_promote_waiting_list,
        auto_accept=rules.auto_accept,
        exclusivity_group=rules.exclusivity_group,
        max_days_per_month=rules.max_days_per_month,
    )
    if rules.booking_deadline is not strawberry.UNSET:
        columns.update(_deadline_columns("booking_deadline", rules.booking_deadline))
    if rules.cancellation_deadline is not strawberry.UNSET:
        columns.update(_deadline_columns("cancellation_deadline", rules.cancellation_deadline))
    if rules.eligibility is not strawberry.UNSET:
        bounds = rules.eligibility or EligibilityInput()
        columns.update(
            min_grade=bounds.min_grade,
            max_grade=bounds.max_grade,
            born_on_or_after=bounds.born_on_or_after,
            born_on_or_before=bounds.born_on_or_before,
        )
    return columns


@strawberry.input(description="A new activity of an establishment for a school year.")
class ActivityCreateInput:
    establishment: relay.GlobalID = strawberry.field(description="Where it takes place.")
    school_year: relay.GlobalID = strawberry.field(description="The school year it belongs to.")
    code: str = strawberry.field(description="Code, unique in the collectivity (≤ 60).")
    name: str = strawberry.field(description="Name shown on the planning (≤ 200).")
    category: ActivityCategory = strawberry.field(description="Family of activity.")
    description: str | None = strawberry.field(default=None, description="Text for families.")
    operating_days: OperatingDays = strawberry.field(
        default=OperatingDays.SCHOOL_DAYS, description="Days the activity runs."
    )
    is_childcare: bool = strawberry.field(
        default=True, description="Counts towards the childcare certificate (meals do not)."
    )
    sort_order: int = strawberry.field(default=0, description="Display order.")
    rules: ActivityRulesInput | None = strawberry.field(
        default=None, description="Its rules (absent ones take their defaults)."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY_DOC)


@strawberry.input(description="Changes to an activity: only the fields given change.")
class ActivityUpdateInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    code: str | None = strawberry.field(default=strawberry.UNSET, description="Code" + _UNSET_DOC)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name" + _UNSET_DOC)
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Text for families" + _UNSET_DOC
    )
    category: ActivityCategory | None = strawberry.field(
        default=strawberry.UNSET, description="Family" + _UNSET_DOC
    )
    operating_days: OperatingDays | None = strawberry.field(
        default=strawberry.UNSET, description="Days it runs" + _UNSET_DOC
    )
    is_childcare: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Childcare" + _UNSET_DOC
    )
    sort_order: int | None = strawberry.field(
        default=strawberry.UNSET, description="Display order" + _UNSET_DOC
    )
    rules: ActivityRulesInput | None = strawberry.field(
        default=None, description="The rules that change (they apply from now on)."
    )


@strawberry.input(description="An activity leaves the catalogue (it is never deleted).")
class ActivityCloseInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")


error_code_enum(ActivityCreateErrorCode, description="Why activityCreate was refused.")
error_code_enum(ActivityUpdateErrorCode, description="Why activityUpdate was refused.")
error_code_enum(ActivityCloseErrorCode, description="Why activityClose was refused.")


@strawberry.type(description="A problem with activityCreate's input.")
class ActivityCreateError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: ActivityCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with activityUpdate's input.")
class ActivityUpdateError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: ActivityUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with activityClose's input.")
class ActivityCloseError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: ActivityCloseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of activityCreate.")
class ActivityCreatePayload:
    activity: Activity | None = strawberry.field(
        description="The new activity; null when there are errors."
    )
    errors: list[ActivityCreateError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.type(description="Result of activityUpdate.")
class ActivityUpdatePayload:
    activity: Activity | None = strawberry.field(
        description="The activity as it now is; null when there are errors."
    )
    errors: list[ActivityUpdateError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.type(description="Result of activityClose.")
class ActivityClosePayload:
    activity: Activity | None = strawberry.field(
        description="The activity, now inactive; null when there are errors."
    )
    errors: list[ActivityCloseError] = strawberry.field(description=_ERRORS_DOC)


# --- slots -----------------------------------------------------------------------------


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
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: SlotCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with slotClose's input.")
class SlotCloseError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: SlotCloseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with slotCapacityChange's input.")
class SlotCapacityChangeError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: SlotCapacityChangeErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of slotCreate.")
class SlotCreatePayload:
    slot: Slot | None = strawberry.field(description="The new slot; null when there are errors.")
    errors: list[SlotCreateError] = strawberry.field(description=_ERRORS_DOC)


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
    errors: list[SlotCloseError] = strawberry.field(description=_ERRORS_DOC)


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
    errors: list[SlotCapacityChangeError] = strawberry.field(description=_ERRORS_DOC)


async def _slot(info: strawberry.Info, row: Any) -> Slot:
    activity = await info.context.loaders.activity.load(row.activity_id)
    return Slot.from_row(row, Activity.from_row(activity) if activity is not None else None)


# --- mutations -------------------------------------------------------------------------


@strawberry.type(description="Administrators' set-up of the catalogue.")
class CatalogueAdministrationMutations:
    @strawberry.mutation(
        description="Administrators: create an establishment (school, centre).",
        permission_classes=[Admin],
    )
    async def establishment_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            EstablishmentCreateInput, strawberry.argument(description="The establishment.")
        ],
    ) -> EstablishmentCreatePayload:
        values = EstablishmentValues(
            code=input.code,
            name=input.name,
            kind=input.kind,
            address=input.address,
            postal_code=input.postal_code,
            city=input.city,
            phone=input.phone,
            email=input.email,
        )
        try:
            row = await actions.establishment_create(info.context, values, input.idempotency_key)
        except DomainFailure as failure:
            return EstablishmentCreatePayload(
                establishment=None,
                errors=payload_errors(
                    failure, EstablishmentCreateError, EstablishmentCreateErrorCode
                ),
            )
        return EstablishmentCreatePayload(establishment=Establishment.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: correct an establishment (only the fields given).",
        permission_classes=[Admin],
    )
    async def establishment_update(
        self,
        info: strawberry.Info,
        input: Annotated[EstablishmentUpdateInput, strawberry.argument(description="Changes.")],
    ) -> EstablishmentUpdatePayload:
        changes = given(
            code=input.code,
            name=input.name,
            kind=input.kind,
            address=input.address,
            postal_code=input.postal_code,
            city=input.city,
            phone=input.phone,
            email=input.email,
        )
        try:
            row = await actions.establishment_update(
                info.context, input_pk(input.establishment, "Establishment"), changes
            )
        except DomainFailure as failure:
            return EstablishmentUpdatePayload(
                establishment=None,
                errors=payload_errors(
                    failure, EstablishmentUpdateError, EstablishmentUpdateErrorCode
                ),
            )
        return EstablishmentUpdatePayload(establishment=Establishment.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: create an activity with its rules (deadlines, "
        "capacity, waiting list, eligibility, exclusivity, monthly limit).",
        permission_classes=[Admin],
    )
    async def activity_create(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityCreateInput, strawberry.argument(description="The activity.")],
    ) -> ActivityCreatePayload:
        values = ActivityValues(
            establishment_id=input_pk(input.establishment, "Establishment"),
            school_year_id=input_pk(input.school_year, "SchoolYear"),
            code=input.code,
            name=input.name,
            category=input.category,
            description=input.description,
            operating_days=input.operating_days,
            is_childcare=input.is_childcare,
            sort_order=input.sort_order,
            rules=rule_columns(input.rules),
        )
        try:
            row = await actions.activity_create(info.context, values, input.idempotency_key)
        except DomainFailure as failure:
            return ActivityCreatePayload(
                activity=None,
                errors=payload_errors(failure, ActivityCreateError, ActivityCreateErrorCode),
            )
        return ActivityCreatePayload(activity=Activity.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: change an activity or its rules (only the fields "
        "given); the rules apply from now on, and the change is audited.",
        permission_classes=[Admin],
    )
    async def activity_update(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityUpdateInput, strawberry.argument(description="Changes.")],
    ) -> ActivityUpdatePayload:
        changes = given(
            code=input.code,
            name=input.name,
            description=input.description,
            category=input.category,
            operating_days=input.operating_days,
            is_childcare=input.is_childcare,
            sort_order=input.sort_order,
        )
        try:
            row = await actions.activity_update(
                info.context,
                input_pk(input.activity, "Activity"),
                changes,
                rule_columns(input.rules),
            )
        except DomainFailure as failure:
            return ActivityUpdatePayload(
                activity=None,
                errors=payload_errors(failure, ActivityUpdateError, ActivityUpdateErrorCode),
            )
        return ActivityUpdatePayload(activity=Activity.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: close an activity (no longer offered; never deleted).",
        permission_classes=[Admin],
    )
    async def activity_close(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityCloseInput, strawberry.argument(description="The activity.")],
    ) -> ActivityClosePayload:
        try:
            row = await actions.activity_close(info.context, input_pk(input.activity, "Activity"))
        except DomainFailure as failure:
            return ActivityClosePayload(
                activity=None,
                errors=payload_errors(failure, ActivityCloseError, ActivityCloseErrorCode),
            )
        return ActivityClosePayload(activity=Activity.from_row(row), errors=[])

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
