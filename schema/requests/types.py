"""The shared ``Request`` node: every request of a family (reservation, absence, change to
the file), with its history, messages, dates and proposed changes; and its connection.

Used by « Mes demandes », the staff inbox, the booking and change-request mutations and
the subscriptions; it sits above the family, request lines and change types it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Self

import strawberry
from strawberry import relay

from domain import change_requests as domain
from domain.counters import format_reference
from domain.labels import label
from models import Message as MessageRow
from models import Request as RequestRow
from models import RequestHistory as RequestHistoryRow
from models.request import HistoryStep, RequestStatus, RequestType
from resolvers import change_requests as actions
from resolvers.family import reads as family_reads
from resolvers.pagination import Page
from resolvers.requests.lines import lines_of
from resolvers.requests.lists import unread_count_of
from resolvers.requests.prefetch import prefetch_requests
from schema.catalogue.types import Activity
from schema.change_requests.types import FieldChange, field_changes
from schema.connections import CountableConnection, edges, page_info
from schema.enums import HistoryStepEnum, RequestStatusEnum, RequestTypeEnum
from schema.family import Child, Family, Guardian
from schema.nodes import ScopedNode, nodes_of
from schema.requests.lines import RequestLine
from schema.selections import names_below

# Registered (with their descriptions) before the fields below use the model enums.
_REGISTERED_ENUMS = (RequestTypeEnum, RequestStatusEnum, HistoryStepEnum)


@strawberry.type(description="A line of « Historique de la demande », with its time.")
class RequestHistoryEntry:
    at: dt.datetime = strawberry.field(description="When it happened.")
    step: HistoryStep = strawberry.field(description="What happened.")
    status: RequestStatus = strawberry.field(description="The request's status after it.")
    status_label: str = strawberry.field(description="French label of the status.")
    label: str = strawberry.field(
        description="The line as shown (« Création de demande », « Statut : Acceptée »)."
    )
    note: str | None = strawberry.field(
        description="A precision (« Acceptation automatique », « Annulée par la famille »)."
    )

    @classmethod
    def from_row(cls, row: RequestHistoryRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            at=row.occurred_at,
            step=row.step,
            status=row.status,
            status_label=label(row.status),
            label=domain.history_label(row.step, row.status),
            note=row.note,
        )


@strawberry.type(description="A message about a request, from the collectivity or the family.")
class RequestMessage:
    subject: str = strawberry.field(description="Subject.")
    body: str = strawberry.field(description="Text of the message.")
    from_staff: bool = strawberry.field(description="Written by the collectivity's staff.")
    created_at: dt.datetime = strawberry.field(description="When it was written.")

    @classmethod
    def from_row(cls, row: MessageRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            subject=row.subject, body=row.body, from_staff=row.from_staff, created_at=row.created_at
        )


@strawberry.type(
    description="A request (demande) of a family: a reservation, an absence, or a change to "
    "the family file. Visible to the family and the collectivity's staff."
)
class Request(ScopedNode):
    pk: relay.NodeID[int]
    row: strawberry.Private[RequestRow]
    reference: int = strawberry.field(description="Number of the request (17378981).")
    reference_label: str = strawberry.field(
        description="The number as printed in « Mes demandes » and mails (« 17 378 981 »)."
    )
    type: RequestType = strawberry.field(description="Type demande.")
    type_label: str = strawberry.field(
        description="French label (« Modification du responsable »)."
    )
    status: RequestStatus = strawberry.field(description="Where the request stands.")
    status_label: str = strawberry.field(
        description="French label of the status (« En cours d'instruction »)."
    )
    created_at: dt.datetime = strawberry.field(description="When the family made it.")
    decided_at: dt.datetime | None = strawberry.field(
        description="When it was accepted or refused (null: not decided)."
    )
    comment: str | None = strawberry.field(description="The family's comment.")
    reason: str | None = strawberry.field(
        description="For an absence: the reason the family gave (« Raison », e.g. « malade »); "
        "null when none was given or for other requests."
    )
    period_start: dt.date | None = strawberry.field(
        description="For a reservation or absence: its first date (null: other requests)."
    )
    period_end: dt.date | None = strawberry.field(
        description="For a reservation or absence: its last date (null: other requests)."
    )

    @classmethod
    def from_row(cls, row: RequestRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            row=row,
            reference=row.reference,
            reference_label=format_reference(row.reference),
            type=row.type,
            type_label=label(row.type),
            status=row.status,
            status_label=label(row.status),
            created_at=row.created_at,
            decided_at=row.decided_at,
            comment=row.comment,
            reason=row.reason,
            period_start=row.period_start,
            period_end=row.period_end,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await actions.requests_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="« Historique de la demande », oldest first.")
    async def history(self, info: strawberry.Info) -> list[RequestHistoryEntry]:
        rows = await actions.history_of(info.context, self.pk)
        return [RequestHistoryEntry.from_row(r) for r in rows]

    @strawberry.field(
        description="Messages about this request, oldest first: the collectivity's and the "
        "family's replies (``fromStaff`` tells which)."
    )
    async def messages(self, info: strawberry.Info) -> list[RequestMessage]:
        return [
            RequestMessage.from_row(r) for r in await actions.messages_of(info.context, self.pk)
        ]

    @strawberry.field(
        description="For a change to the family file: each field touched, with the value "
        "on file and the proposed one (empty for other requests)."
    )
    async def changes(self, info: strawberry.Info) -> list[FieldChange]:
        return await field_changes(info, [self.row])

    @strawberry.field(
        description="For a reservation or absence: its dates (one line per child × slot × "
        "date), each with its own outcome; empty for other requests."
    )
    async def lines(self, info: strawberry.Info) -> list[RequestLine]:
        return [RequestLine.from_row(r) for r in await lines_of(info.context, self.pk)]

    @strawberry.field(
        description="Messages about this request the viewer has not read yet (« 1 nouveau(x) "
        "message(s) »): for a parent, those from the collectivity."
    )
    async def unread_message_count(self, info: strawberry.Info) -> int:
        return await unread_count_of(info.context, self.pk)

    @strawberry.field(
        description="The activity a reservation or absence is about (null: several, or a "
        "change to the file)."
    )
    async def activity(self, info: strawberry.Info) -> Activity | None:
        if self.row.activity_id is None:
            return None
        row = await info.context.loaders.activity.load(self.row.activity_id)
        return Activity.from_row(row) if row is not None else None

    @strawberry.field(description="The family that made the request.")
    async def family(self, info: strawberry.Info) -> Family | None:
        (row,) = await family_reads.families_by_id(info.context, [self.row.family_id])
        return Family.from_row(row) if row is not None else None

    @strawberry.field(description="The guardian the request is about (null: none).")
    async def guardian(self, info: strawberry.Info) -> Guardian | None:
        if self.row.guardian_id is None:
            return None
        (row,) = await family_reads.guardians_by_id(info.context, [self.row.guardian_id])
        return Guardian.from_row(row) if row is not None else None

    @strawberry.field(description="The child the request is about (null: none).")
    async def child(self, info: strawberry.Info) -> Child | None:
        if self.row.child_id is None:
            return None
        (row,) = await family_reads.children_by_id(info.context, [self.row.child_id])
        return Child.from_row(row) if row is not None else None


@strawberry.type(description="A page of requests, newest first.")
class RequestConnection(CountableConnection, relay.Connection[Request]):
    pass


async def request_connection(info: strawberry.Info, page: Page[RequestRow]) -> RequestConnection:
    """A page of requests, with what its selection shows of each loaded for the whole
    page at once (see ``resolvers.requests.prefetch``)."""
    selected = info.selected_fields[0].selections if info.selected_fields else ()
    await prefetch_requests(
        info.context,
        page.rows,
        names_below(selected, "edges", "node"),
        names_below(selected, "edges", "node", "lines"),
    )
    return RequestConnection(
        edges=edges(page, Request.from_row), page_info=page_info(page), _count=page.total_count
    )
