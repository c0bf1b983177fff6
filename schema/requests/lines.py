"""The dates of reservation and absence requests (``RequestLine``) and the bookings they
give (``Booking``): the nodes staff decide on, promote and mark attendance on.

Both are visible to the child's family and the collectivity's staff only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from strawberry import relay

from domain.documents.absence_justification import justification_deadline
from domain.labels import label
from models import Activity as ActivityRow
from models import Booking as BookingRow
from models import RequestLine as RequestLineRow
from models import Slot as SlotRow
from models.booking import Attendance, BookingStatus
from models.request import RequestLineAction, RequestLineStatus
from resolvers import change_requests as request_reads
from resolvers.family import reads as family_reads
from resolvers.requests import lines as reads
from schema.catalogue.types import Activity, Slot
from schema.documents.types import Document
from schema.family import Child
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.documents.types import Document
    from schema.requests.types import Request

BookingStatusEnum = strawberry.enum(
    BookingStatus,
    description="State of a child's occurrence of a slot: reserved, waiting list, cancelled, "
    "absent (free or billed), present without booking.",
)
AttendanceEnum = strawberry.enum(Attendance, description="What staff marked on the day.")
RequestLineActionEnum = strawberry.enum(
    RequestLineAction, description="What a line of a request asks for its date."
)
RequestLineStatusEnum = strawberry.enum(
    RequestLineStatus, description="Outcome of one date of a request."
)


async def _child(info: strawberry.Info, child_pk: int) -> Child | None:
    (row,) = await family_reads.children_by_id(info.context, [child_pk])
    return Child.from_row(row) if row is not None else None


async def _activity(info: strawberry.Info, activity_pk: int) -> Activity:
    row: ActivityRow = await info.context.loaders.activity.load(activity_pk)
    return Activity.from_row(row)


async def _slot(info: strawberry.Info, slot_pk: int) -> Slot:
    row: SlotRow = await info.context.loaders.slot.load(slot_pk)
    activity: ActivityRow = await info.context.loaders.activity.load(row.activity_id)
    return Slot.from_row(row, Activity.from_row(activity))


@strawberry.type(
    description="A child's occurrence of a slot on a date once something happened on it "
    "(reservation, waiting list, absence, attendance)."
)
class Booking(ScopedNode):
    pk: relay.NodeID[int]
    child_pk: strawberry.Private[int]
    activity_pk: strawberry.Private[int]
    slot_pk: strawberry.Private[int]
    justification_pk: strawberry.Private[int | None]
    date: dt.date = strawberry.field(description="The date.")
    status: BookingStatus = strawberry.field(description="State of the occurrence.")
    status_label: str = strawberry.field(description="French label (« Activité réservée »).")
    attendance: Attendance | None = strawberry.field(
        description="What staff marked on the day (null: not marked yet)."
    )
    attendance_label: str | None = strawberry.field(description="French label of the attendance.")
    waiting_since: dt.datetime | None = strawberry.field(
        description="On the waiting list since (its rank: first come, first served)."
    )
    absence_justified: bool = strawberry.field(
        description="The absence is justified (e.g. medical certificate): not billed."
    )

    @classmethod
    def from_row(cls, row: BookingRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            child_pk=row.child_id,
            activity_pk=row.activity_id,
            slot_pk=row.slot_id,
            justification_pk=row.justification_document_id,
            date=row.date,
            status=row.status,
            status_label=label(row.status),
            attendance=row.attendance,
            attendance_label=label(row.attendance) if row.attendance is not None else None,
            waiting_since=row.waiting_since,
            absence_justified=row.absence_justified,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.bookings_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The child.")
    async def child(self, info: strawberry.Info) -> Child | None:
        return await _child(info, self.child_pk)

    @strawberry.field(description="The activity.")
    async def activity(self, info: strawberry.Info) -> Activity:
        return await _activity(info, self.activity_pk)

    @strawberry.field(description="The weekly slot.")
    async def slot(self, info: strawberry.Info) -> Slot:
        return await _slot(info, self.slot_pk)

    @strawberry.field(
        description="For a billed absence (ABSENT_BILLED) of an activity that accepts "
        "justifications: the last date a justification may be sent (null otherwise)."
    )
    async def justification_deadline(self, info: strawberry.Info) -> dt.date | None:
        if self.status is not BookingStatus.ABSENT_BILLED:
            return None
        row: ActivityRow = await info.context.loaders.activity.load(self.activity_pk)
        return justification_deadline(row, self.date)

    @strawberry.field(
        description="The justification sent for this absence (a document staff accept or "
        "refuse), if any; null again after a refusal."
    )
    async def justification(
        self, info: strawberry.Info
    ) -> Annotated[Document, strawberry.lazy("schema.documents.types")] | None:
        if self.justification_pk is None:
            return None
        from resolvers.documents import documents_by_id

        (row,) = await documents_by_id(info.context, [self.justification_pk])
        return Document.from_row(row) if row is not None else None


@strawberry.type(
    description="One date of a reservation or absence request (child × slot × date), with "
    "its own outcome: staff accept or refuse each line."
)
class RequestLine(ScopedNode):
    pk: relay.NodeID[int]
    request_pk: strawberry.Private[int]
    child_pk: strawberry.Private[int]
    activity_pk: strawberry.Private[int]
    slot_pk: strawberry.Private[int]
    booking_pk: strawberry.Private[int | None]
    date: dt.date = strawberry.field(description="The date.")
    action: RequestLineAction = strawberry.field(description="Reservation or absence.")
    action_label: str = strawberry.field(description="French label (« Réservation »).")
    status: RequestLineStatus = strawberry.field(description="Outcome of this date.")
    status_label: str = strawberry.field(description="French label of the outcome.")
    refusal_code: str | None = strawberry.field(
        description="Why the date was refused, as a stable code (null: not refused)."
    )
    message: str | None = strawberry.field(description="Explanation of the outcome, in French.")
    decided_at: dt.datetime | None = strawberry.field(
        description="When the date was decided (null: not yet)."
    )

    @classmethod
    def from_row(cls, row: RequestLineRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            request_pk=row.request_id,
            child_pk=row.child_id,
            activity_pk=row.activity_id,
            slot_pk=row.slot_id,
            booking_pk=row.booking_id,
            date=row.date,
            action=row.action,
            action_label=label(row.action),
            status=row.status,
            status_label=label(row.status),
            refusal_code=row.refusal_code,
            message=row.message,
            decided_at=row.decided_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.lines_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The child.")
    async def child(self, info: strawberry.Info) -> Child | None:
        return await _child(info, self.child_pk)

    @strawberry.field(description="The activity.")
    async def activity(self, info: strawberry.Info) -> Activity:
        return await _activity(info, self.activity_pk)

    @strawberry.field(description="The weekly slot (its times are the line's times).")
    async def slot(self, info: strawberry.Info) -> Slot:
        return await _slot(info, self.slot_pk)

    @strawberry.field(
        description="The booking this line created or changed (null: none, e.g. refused)."
    )
    async def booking(self, info: strawberry.Info) -> Booking | None:
        if self.booking_pk is None:
            return None
        (row,) = await reads.bookings_by_id(info.context, [self.booking_pk])
        return Booking.from_row(row) if row is not None else None

    @strawberry.field(description="The request this line belongs to.")
    async def request(
        self, info: strawberry.Info
    ) -> Annotated[Request, strawberry.lazy("schema.requests.types")] | None:
        request = upward("schema.requests.types", "Request")
        (row,) = await request_reads.requests_by_id(info.context, [self.request_pk])
        return request.from_row(row) if row is not None else None


@strawberry.type(
    description="What a step of a request decided on one of its dates, at that moment "
    "(« Acceptée », « En liste d'attente », « Refusée »…), while the request itself may "
    "still be « En cours d'instruction »."
)
class RequestLineDecision:
    line_pk: strawberry.Private[int]
    child_pk: strawberry.Private[int]
    date: dt.date = strawberry.field(description="The date decided.")
    status: RequestLineStatus = strawberry.field(description="What was decided on it.")
    status_label: str = strawberry.field(
        description="French label of what was decided (« Acceptée »)."
    )

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Self:
        """Map one decided date of a logged request event to the API type."""
        status = RequestLineStatus(str(data["status"]))
        return cls(
            line_pk=int(data["lineId"]),
            child_pk=int(data["childId"]),
            date=dt.date.fromisoformat(str(data["date"])),
            status=status,
            status_label=str(data.get("statusLabel") or label(status)),
        )

    @strawberry.field(description="The child (null: no longer visible).")
    async def child(self, info: strawberry.Info) -> Child | None:
        return await _child(info, self.child_pk)

    @strawberry.field(description="The request's date as it is now (null: no longer visible).")
    async def request_line(self, info: strawberry.Info) -> RequestLine | None:
        (row,) = await reads.lines_by_id(info.context, [self.line_pk])
        return RequestLine.from_row(row) if row is not None else None
