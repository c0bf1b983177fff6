"""Dry runs of parents' requests: ``reservationRequestPreview`` and ``absenceRequestPreview``.

Same input types as ``reservationRequestCreate`` / ``absenceRequestCreate``, same
evaluation (``domain.bookings.preview`` goes through the request's own path), nothing
written: per date, what the request would do (accepted, waiting for staff, waiting list,
refused with the rule's code and French message), the price the billing run would bill,
the booking and cancellation deadlines, and for an absence whether it would be billed —
« show the deadline and the price consequence before the parent confirms ».
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

import strawberry

from domain.bookings.asking import BookingAsk
from domain.bookings.codes import (
    AbsenceRequestCreateErrorCode,
    ReservationRequestCreateErrorCode,
)
from domain.bookings.preview import PreviewLine
from domain.labels import label
from kernel.results import DomainFailure
from models.request import RequestType
from resolvers.bookings import requests as actions
from schema.bookings.requests import (
    AbsenceRequestCreateError,
    AbsenceRequestCreateInput,
    RequestLineOutcome,
    ReservationRequestCreateError,
    ReservationRequestCreateInput,
    _ask,
)
from schema.errors import payload_errors
from schema.permissions import Parent


@strawberry.type(description="What one child × slot × date of a request would become.")
class RequestLinePreview(RequestLineOutcome):
    price_cents: int | None = strawberry.field(
        description="What the date would be billed, in cents (the billing run's price: "
        "price list of the day, family quotient, sibling reduction; for an absence, the "
        "billed-absence charge or 0). Null when the date would be refused."
    )
    booking_deadline: dt.datetime | None = strawberry.field(
        description="Until when this date can be reserved (null: no slot that day)."
    )
    cancellation_deadline: dt.datetime | None = strawberry.field(
        description="Until when an absence is free (null: no slot that day)."
    )
    absence_would_be_billed: bool = strawberry.field(
        description="Absence preview: declared now, this absence would be billed (unless "
        "justified later)."
    )

    @classmethod
    def from_preview(cls, line: PreviewLine) -> Self:
        """Map a domain preview line to the API type."""
        return cls(
            child_pk=line.child_id,
            activity_pk=line.activity_id,
            slot_pk=line.slot_id,
            date=line.date,
            outcome=line.outcome,
            outcome_label=label(line.outcome),
            code=line.rule,
            message=line.message,
            price_cents=line.price_cents,
            booking_deadline=line.booking_deadline,
            cancellation_deadline=line.cancellation_deadline,
            absence_would_be_billed=line.absence_billed,
        )


@strawberry.type(description="Result of reservationRequestPreview (nothing is recorded).")
class ReservationRequestPreviewPayload:
    lines: list[RequestLinePreview] = strawberry.field(
        description="Each child × slot × date asked, with what the request would do."
    )
    errors: list[ReservationRequestCreateError] = strawberry.field(
        description="Why the request could not be made at all (the same errors as "
        "reservationRequestCreate)."
    )


@strawberry.type(description="Result of absenceRequestPreview (nothing is recorded).")
class AbsenceRequestPreviewPayload:
    lines: list[RequestLinePreview] = strawberry.field(
        description="Each child × slot × date asked, with what the request would do."
    )
    errors: list[AbsenceRequestCreateError] = strawberry.field(
        description="Why the request could not be made at all (the same errors as "
        "absenceRequestCreate)."
    )


async def _preview(info: strawberry.Info, ask: BookingAsk) -> list[PreviewLine] | DomainFailure:
    try:
        return await actions.preview(info.context, ask)
    except DomainFailure as failure:
        return failure


@strawberry.type(description="Dry runs of parents' reservation and absence requests.")
class BookingPreviewMutations:
    @strawberry.mutation(
        description="What reservationRequestCreate would do with this input, date by date, "
        "and what each date would cost — nothing is recorded. Parents, for their own family.",
        permission_classes=[Parent],
    )
    async def reservation_request_preview(
        self,
        info: strawberry.Info,
        input: Annotated[
            ReservationRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> ReservationRequestPreviewPayload:
        outcome = await _preview(info, _ask(RequestType.RESERVATION, input, None))
        if isinstance(outcome, DomainFailure):
            return ReservationRequestPreviewPayload(
                lines=[],
                errors=payload_errors(
                    outcome, ReservationRequestCreateError, ReservationRequestCreateErrorCode
                ),
            )
        lines = [RequestLinePreview.from_preview(line) for line in outcome]
        return ReservationRequestPreviewPayload(lines=lines, errors=[])

    @strawberry.mutation(
        description="What absenceRequestCreate would do with this input, date by date: "
        "accepted or waiting for staff, free or billed (and at what price) — nothing is "
        "recorded. Parents, for their own family.",
        permission_classes=[Parent],
    )
    async def absence_request_preview(
        self,
        info: strawberry.Info,
        input: Annotated[
            AbsenceRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> AbsenceRequestPreviewPayload:
        outcome = await _preview(info, _ask(RequestType.ABSENCE, input, input.reason))
        if isinstance(outcome, DomainFailure):
            return AbsenceRequestPreviewPayload(
                lines=[],
                errors=payload_errors(
                    outcome, AbsenceRequestCreateError, AbsenceRequestCreateErrorCode
                ),
            )
        lines = [RequestLinePreview.from_preview(line) for line in outcome]
        return AbsenceRequestPreviewPayload(lines=lines, errors=[])
