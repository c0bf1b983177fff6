"""Staff's side of reservations and absences: requestAccept, requestRefuse,
waitingListPromote and attendanceMark (agents and administrators of the collectivity)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.bookings.decisions.attendance import Mark
from domain.bookings.decisions.codes import (
    AttendanceMarkErrorCode,
    RequestAcceptErrorCode,
    RequestRefuseErrorCode,
    WaitingListPromoteErrorCode,
)
from domain.bookings.decisions.decide import Decision
from kernel.results import DomainFailure
from resolvers.bookings import decisions as actions
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Staff
from schema.requests.lines import Booking, RequestLine
from schema.requests.types import Request


def _line_pks(ids: list[relay.GlobalID] | None) -> list[int | None] | None:
    return None if ids is None else [input_pk(i, "RequestLine") for i in ids]


# --- requestAccept / requestRefuse ----------------------------------------------------


@strawberry.input(description="Staff accept a reservation or absence request.")
class RequestAcceptInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
    lines: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Only these dates (RequestLine IDs, ≤ 100); null: every pending date.",
    )
    message: str | None = strawberry.field(
        default=None, description="A message for the family, kept on the request and mailed."
    )


@strawberry.input(description="Staff refuse a reservation or absence request.")
class RequestRefuseInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
    lines: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Only these dates (RequestLine IDs, ≤ 100); null: every pending date and "
        "every date still on the waiting list. A waiting-listed date may be refused even once "
        "the request is decided: the child leaves the waiting list.",
    )
    message: str = strawberry.field(
        description="Why, for the family (required; kept on the request and mailed)."
    )


error_code_enum(RequestAcceptErrorCode, description="Why requestAccept was refused.")


@strawberry.type(description="A problem with requestAccept's input.")
class RequestAcceptError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RequestAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of requestAccept.")
class RequestAcceptPayload:
    request: Request | None = strawberry.field(
        description="The request (ACCEPTED or PARTIALLY_ACCEPTED once no date is pending); "
        "null when there are errors."
    )
    lines: list[RequestLine] = strawberry.field(
        description="The dates decided by this call: ACCEPTED, or WAITING_LIST when the slot "
        "was full."
    )
    errors: list[RequestAcceptError] = strawberry.field(description=ERRORS_DOC)


error_code_enum(RequestRefuseErrorCode, description="Why requestRefuse was refused.")


@strawberry.type(description="A problem with requestRefuse's input.")
class RequestRefuseError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RequestRefuseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of requestRefuse.")
class RequestRefusePayload:
    request: Request | None = strawberry.field(
        description="The request (REFUSED or PARTIALLY_ACCEPTED once no date is pending); "
        "null when there are errors."
    )
    lines: list[RequestLine] = strawberry.field(description="The dates refused by this call.")
    errors: list[RequestRefuseError] = strawberry.field(description=ERRORS_DOC)


# --- waitingListPromote ----------------------------------------------------------------


@strawberry.input(description="Staff give a freed place to a child of the waiting list.")
class WaitingListPromoteInput:
    booking: relay.GlobalID = strawberry.field(
        description="The waiting booking (the first in line: first come, first served)."
    )


error_code_enum(WaitingListPromoteErrorCode, description="Why waitingListPromote was refused.")


@strawberry.type(description="A problem with waitingListPromote's input.")
class WaitingListPromoteError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: WaitingListPromoteErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of waitingListPromote.")
class WaitingListPromotePayload:
    booking: Booking | None = strawberry.field(
        description="The booking, now RESERVED; null when there are errors."
    )
    errors: list[WaitingListPromoteError] = strawberry.field(description=ERRORS_DOC)


# --- attendanceMark --------------------------------------------------------------------


@strawberry.input(description="One child's presence.")
class AttendanceMarkEntryInput:
    child: relay.GlobalID = strawberry.field(description="The child.")
    present: bool = strawberry.field(description="Present (true) or absent (false).")


@strawberry.input(description="The attendance check (pointage) of one slot on one date.")
class AttendanceMarkInput:
    slot: relay.GlobalID = strawberry.field(description="The slot.")
    date: dt.date = strawberry.field(description="The date (today or earlier).")
    marks: list[AttendanceMarkEntryInput] = strawberry.field(
        description="Each child's presence (≤ 200); children not listed are left as they are."
    )


error_code_enum(AttendanceMarkErrorCode, description="Why attendanceMark was refused.")


@strawberry.type(description="A problem with attendanceMark's input.")
class AttendanceMarkError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: AttendanceMarkErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of attendanceMark.")
class AttendanceMarkPayload:
    bookings: list[Booking] = strawberry.field(
        description="The bookings marked or created (UNBOOKED: present without booking), in "
        "the order of the marks; a child marked absent without booking has none."
    )
    errors: list[AttendanceMarkError] = strawberry.field(description=ERRORS_DOC)


# --- mutations -------------------------------------------------------------------------


def _lines(decision: Decision) -> list[RequestLine]:
    return [RequestLine.from_row(line) for line in decision.lines]


@strawberry.type(description="Staff's processing of reservations, absences and attendance.")
class BookingDecisionMutations:
    @strawberry.mutation(
        description="Staff: accept a reservation or absence request, whole or some dates. A "
        "reservation takes a place (or a waiting-list rank when the slot is full); an "
        "absence frees it — billed when declared after the cancellation deadline, unless "
        "justified — and the waiting list moves up. Nothing changes if one date cannot be "
        "accepted. The family gets an « Accusé de traitement ».",
        permission_classes=[Staff],
    )
    async def request_accept(
        self,
        info: strawberry.Info,
        input: Annotated[RequestAcceptInput, strawberry.argument(description="The decision.")],
    ) -> RequestAcceptPayload:
        try:
            decision = await actions.accept(
                info.context,
                input_pk(input.request, "Request"),
                _line_pks(input.lines),
                input.message,
            )
        except DomainFailure as failure:
            return RequestAcceptPayload(
                request=None,
                lines=[],
                errors=payload_errors(failure, RequestAcceptError, RequestAcceptErrorCode),
            )
        return RequestAcceptPayload(
            request=Request.from_row(decision.request), lines=_lines(decision), errors=[]
        )

    @strawberry.mutation(
        description="Staff: refuse a reservation or absence request, whole or some dates, "
        "with a message for the family (kept on the request and mailed); bookings stay as "
        "they were.",
        permission_classes=[Staff],
    )
    async def request_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[RequestRefuseInput, strawberry.argument(description="The decision.")],
    ) -> RequestRefusePayload:
        try:
            decision = await actions.refuse(
                info.context,
                input_pk(input.request, "Request"),
                _line_pks(input.lines),
                input.message,
            )
        except DomainFailure as failure:
            return RequestRefusePayload(
                request=None,
                lines=[],
                errors=payload_errors(failure, RequestRefuseError, RequestRefuseErrorCode),
            )
        return RequestRefusePayload(
            request=Request.from_row(decision.request), lines=_lines(decision), errors=[]
        )

    @strawberry.mutation(
        description="Staff: give a freed place to the first child of a slot's waiting list "
        "(for activities that do not promote automatically); the family is mailed.",
        permission_classes=[Staff],
    )
    async def waiting_list_promote(
        self,
        info: strawberry.Info,
        input: Annotated[
            WaitingListPromoteInput, strawberry.argument(description="The waiting booking.")
        ],
    ) -> WaitingListPromotePayload:
        try:
            row = await actions.promote(info.context, input_pk(input.booking, "Booking"))
        except DomainFailure as failure:
            return WaitingListPromotePayload(
                booking=None,
                errors=payload_errors(
                    failure, WaitingListPromoteError, WaitingListPromoteErrorCode
                ),
            )
        return WaitingListPromotePayload(booking=Booking.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: record who was present on a slot and date (pointage), which "
        "billing uses: present or absent on a reservation, or present without booking.",
        permission_classes=[Staff],
    )
    async def attendance_mark(
        self,
        info: strawberry.Info,
        input: Annotated[AttendanceMarkInput, strawberry.argument(description="The check.")],
    ) -> AttendanceMarkPayload:
        marks = [Mark(input_pk(m.child, "Child"), m.present) for m in input.marks]
        try:
            rows = await actions.attendance(
                info.context, input_pk(input.slot, "Slot"), input.date, marks
            )
        except DomainFailure as failure:
            return AttendanceMarkPayload(
                bookings=[],
                errors=payload_errors(failure, AttendanceMarkError, AttendanceMarkErrorCode),
            )
        return AttendanceMarkPayload(bookings=[Booking.from_row(r) for r in rows], errors=[])
