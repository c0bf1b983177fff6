"""Parents' reservation and absence requests: ``reservationRequestCreate``,
``absenceRequestCreate`` and ``requestCancel``, with their date-by-date report.

One day from the planning (``date``, optionally ``slots``) or a period from the form
(``dates`` with ``weekdays``), for one child or several at once: one request, one line per
child × slot × date, and for each date what became of it — created (waiting for staff),
accepted at once, on the waiting list, or rejected with a rule code and a French message.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

import strawberry
from strawberry import relay

from domain.bookings.asking import BookingAsk
from domain.bookings.codes import (
    AbsenceRequestCreateErrorCode,
    BookingRule,
    LineOutcome,
    RequestCancelErrorCode,
    ReservationRequestCreateErrorCode,
)
from domain.bookings.reports import BookingRequestResult, LineReport, NothingRecorded
from domain.labels import label
from kernel.results import DomainFailure
from models import Activity as ActivityRow
from models import Slot as SlotRow
from models.request import RequestType
from resolvers.bookings import requests as actions
from resolvers.family import reads as family_reads
from schema.catalogue.types import Activity, Slot
from schema.enums import Weekday
from schema.errors import error_code_enum, payload_errors
from schema.family import Child
from schema.ids import input_pk
from schema.inputs import DateRangeInput
from schema.permissions import Parent
from schema.requests.types import Request

BookingRuleEnum = strawberry.enum(
    BookingRule,
    description="A rule a date of a reservation or absence request must pass (the "
    "activity's and the calendar's data).",
)
LineOutcomeEnum = strawberry.enum(
    LineOutcome,
    description="What became of one child × slot × date of a request when it was made.",
)


error_code_enum(
    ReservationRequestCreateErrorCode,
    description="Why reservationRequestCreate recorded nothing.",
)


error_code_enum(
    AbsenceRequestCreateErrorCode,
    description="Why absenceRequestCreate recorded nothing.",
)


error_code_enum(RequestCancelErrorCode, description="Why requestCancel did not cancel the request.")


_ERROR_FIELD = "Path of the input field at fault (« children », « 0 »; « dates »)."


@strawberry.type(description="A problem that kept reservationRequestCreate from recording.")
class ReservationRequestCreateError:
    field: list[str] = strawberry.field(description=_ERROR_FIELD)
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ReservationRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem that kept absenceRequestCreate from recording.")
class AbsenceRequestCreateError:
    field: list[str] = strawberry.field(description=_ERROR_FIELD)
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AbsenceRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem that kept requestCancel from cancelling.")
class RequestCancelError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: RequestCancelErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(
    description="A reservation: one day from the planning (« date ») or a period from the "
    "form (« dates », « weekdays »), for one child or several."
)
class ReservationRequestCreateInput:
    children: list[relay.GlobalID] = strawberry.field(
        description="The children (at most 100), of the viewer's family."
    )
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    date: dt.date | None = strawberry.field(
        default=None, description="One day (from the planning); or give « dates »."
    )
    dates: DateRangeInput | None = strawberry.field(
        default=None, description="A period « Du … Au … » (at most one school year)."
    )
    weekdays: list[Weekday] | None = strawberry.field(
        default=None,
        description="With « dates »: only these days of the week (« lundi, mardi … »); "
        "default: every day the activity has a slot.",
    )
    slots: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Only these slots of the activity (the planning's occurrence, or a "
        "time of the form); default: all its slots on the days asked.",
    )
    comment: str | None = strawberry.field(default=None, description="A comment for staff.")
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


@strawberry.input(
    description="An absence on reserved dates: one day from the planning or a period from "
    "the form, for one child or several. Free before the cancellation deadline, billed after "
    "it unless justified."
)
class AbsenceRequestCreateInput:
    children: list[relay.GlobalID] = strawberry.field(
        description="The children (at most 100), of the viewer's family."
    )
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    date: dt.date | None = strawberry.field(
        default=None, description="One day (from the planning); or give « dates »."
    )
    dates: DateRangeInput | None = strawberry.field(
        default=None, description="A period « Du … Au … » (at most one school year)."
    )
    weekdays: list[Weekday] | None = strawberry.field(
        default=None, description="With « dates »: only these days of the week."
    )
    slots: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these slots of the activity (default: all)."
    )
    reason: str | None = strawberry.field(
        default=None, description="Raison de l'absence (« malade »), shown to staff."
    )
    comment: str | None = strawberry.field(default=None, description="A comment for staff.")
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


@strawberry.input(description="The request to cancel.")
class RequestCancelInput:
    request: relay.GlobalID = strawberry.field(
        description="A reservation or absence request of the viewer's family, not decided."
    )


@strawberry.type(description="What became of one child × slot × date of a request.")
class RequestLineOutcome:
    child_pk: strawberry.Private[int]
    activity_pk: strawberry.Private[int]
    slot_pk: strawberry.Private[int | None]
    date: dt.date = strawberry.field(description="The date.")
    outcome: LineOutcome = strawberry.field(
        description="CREATED (waiting for staff), ACCEPTED, WAITING_LIST or REJECTED."
    )
    outcome_label: str = strawberry.field(description="French label of the outcome.")
    code: BookingRule | None = strawberry.field(
        description="The rule the date breaks (REJECTED only)."
    )
    message: str = strawberry.field(
        description="Explanation in French (the deadline passed, the absence billed…)."
    )

    @classmethod
    def from_report(cls, report: LineReport) -> Self:
        """Map a domain report to the API type."""
        return cls(
            child_pk=report.child_id,
            activity_pk=report.activity_id,
            slot_pk=report.slot_id,
            date=report.date,
            outcome=report.outcome,
            outcome_label=label(report.outcome),
            code=report.rule,
            message=report.message,
        )

    @strawberry.field(description="The child.")
    async def child(self, info: strawberry.Info) -> Child | None:
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None

    @strawberry.field(description="The activity.")
    async def activity(self, info: strawberry.Info) -> Activity:
        row: ActivityRow = await info.context.loaders.activity.load(self.activity_pk)
        return Activity.from_row(row)

    @strawberry.field(description="The slot (null: the activity has no slot that day).")
    async def slot(self, info: strawberry.Info) -> Slot | None:
        if self.slot_pk is None:
            return None
        row: SlotRow = await info.context.loaders.slot.load(self.slot_pk)
        activity: ActivityRow = await info.context.loaders.activity.load(row.activity_id)
        return Slot.from_row(row, Activity.from_row(activity))


@strawberry.type(description="Result of reservationRequestCreate.")
class ReservationRequestCreatePayload:
    request: Request | None = strawberry.field(
        description="The request recorded (null when nothing was)."
    )
    lines: list[RequestLineOutcome] = strawberry.field(
        description="Each child × slot × date asked, with what became of it."
    )
    errors: list[ReservationRequestCreateError] = strawberry.field(
        description="Why nothing was recorded (empty when the request was). When the dates "
        "were judged and none passed: one NO_DATE_RECORDED error, each date's reason being "
        "on its line (« lines »)."
    )


@strawberry.type(description="Result of absenceRequestCreate.")
class AbsenceRequestCreatePayload:
    request: Request | None = strawberry.field(
        description="The request recorded (null when nothing was)."
    )
    lines: list[RequestLineOutcome] = strawberry.field(
        description="Each child × slot × date asked, with what became of it."
    )
    errors: list[AbsenceRequestCreateError] = strawberry.field(
        description="Why nothing was recorded (empty when the request was). When the dates "
        "were judged and none passed: one NO_DATE_RECORDED error, each date's reason being "
        "on its line (« lines »)."
    )


@strawberry.type(description="Result of requestCancel.")
class RequestCancelPayload:
    request: Request | None = strawberry.field(description="The cancelled request.")
    errors: list[RequestCancelError] = strawberry.field(description="Problems, if any.")


def _ask(
    request_type: RequestType,
    input: ReservationRequestCreateInput | AbsenceRequestCreateInput,
    reason: str | None,
) -> BookingAsk:
    return BookingAsk(
        request_type=request_type,
        child_ids=[input_pk(c, "Child") for c in input.children],
        activity_id=input_pk(input.activity, "Activity"),
        date=input.date,
        period=(input.dates.gte, input.dates.lte) if input.dates is not None else None,
        weekdays=[int(w.value) for w in input.weekdays] if input.weekdays else None,
        slot_ids=[input_pk(s, "Slot") for s in input.slots] if input.slots is not None else None,
        comment=input.comment,
        reason=reason,
        idempotency_key=input.idempotency_key,
    )


async def _run(info: strawberry.Info, ask: BookingAsk) -> BookingRequestResult | DomainFailure:
    try:
        return await actions.create(info.context, ask)
    except DomainFailure as failure:
        return failure


def _lines(outcome: BookingRequestResult | DomainFailure) -> list[RequestLineOutcome]:
    if isinstance(outcome, BookingRequestResult):
        reports = outcome.lines
    else:
        reports = outcome.lines if isinstance(outcome, NothingRecorded) else []
    return [RequestLineOutcome.from_report(r) for r in reports]


def _failure(outcome: DomainFailure) -> DomainFailure:
    """The request-level failure: when dates were judged and none went through, their
    reasons are on ``lines`` and ``errors`` says only that nothing was recorded."""
    if isinstance(outcome, NothingRecorded):
        return DomainFailure(outcome.payload_problems())
    return outcome


@strawberry.type(description="Parents' reservation and absence requests.")
class BookingRequestMutations:
    @strawberry.mutation(
        description="« Ajout de réservation »: one request for the days and children asked. "
        "Each date is checked (registration, opening days, deadline, eligibility, one slot "
        "per exclusivity group, places); the dates that pass are recorded — waiting for "
        "staff, or reserved at once (waiting list when full) when the activity "
        "auto-accepts — the others are reported with their reason. Nothing is recorded "
        "when no date passes (then one NO_DATE_RECORDED error). Parents, for their own family.",
        permission_classes=[Parent],
    )
    async def reservation_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ReservationRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> ReservationRequestCreatePayload:
        outcome = await _run(info, _ask(RequestType.RESERVATION, input, None))
        if isinstance(outcome, DomainFailure):
            return ReservationRequestCreatePayload(
                request=None,
                lines=_lines(outcome),
                errors=payload_errors(
                    _failure(outcome),
                    ReservationRequestCreateError,
                    ReservationRequestCreateErrorCode,
                ),
            )
        return ReservationRequestCreatePayload(
            request=Request.from_row(outcome.request), lines=_lines(outcome), errors=[]
        )

    @strawberry.mutation(
        description="« Déclaration d'absence » on reserved dates: one request for the days "
        "and children asked. Free before the activity's cancellation deadline; after it the "
        "absence is billed unless justified (each line says which). Applied at once when "
        "the activity auto-accepts, else waiting for staff. Parents, for their own family.",
        permission_classes=[Parent],
    )
    async def absence_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AbsenceRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> AbsenceRequestCreatePayload:
        outcome = await _run(info, _ask(RequestType.ABSENCE, input, input.reason))
        if isinstance(outcome, DomainFailure):
            return AbsenceRequestCreatePayload(
                request=None,
                lines=_lines(outcome),
                errors=payload_errors(
                    _failure(outcome), AbsenceRequestCreateError, AbsenceRequestCreateErrorCode
                ),
            )
        return AbsenceRequestCreatePayload(
            request=Request.from_row(outcome.request), lines=_lines(outcome), errors=[]
        )

    @strawberry.mutation(
        description="Cancel a reservation or absence request of the family while it is not "
        "decided (pending or transmitted, no date accepted yet): its dates are withdrawn, "
        "waiting-list places given up. An accepted date is cancelled by declaring an "
        "absence. Parents, for their own family.",
        permission_classes=[Parent],
    )
    async def request_cancel(
        self,
        info: strawberry.Info,
        input: Annotated[RequestCancelInput, strawberry.argument(description="The request.")],
    ) -> RequestCancelPayload:
        try:
            row = await actions.cancel(info.context, input_pk(input.request, "Request"))
        except DomainFailure as failure:
            return RequestCancelPayload(
                request=None,
                errors=payload_errors(failure, RequestCancelError, RequestCancelErrorCode),
            )
        return RequestCancelPayload(request=Request.from_row(row), errors=[])
