"""The root ``Subscription`` type: live updates read from the event log.

Every event carries its ``cursor``; a client that reconnects passes the last one it
received as ``after`` and gets every event since, in order, then the live ones — no gap,
no duplicate. Each event is re-authorized for the connection's viewer when it is
delivered (``subscriptions.viewers``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncGenerator, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay

from kernel.viewer import Viewer
from models.event import EventKind
from models.request import HistoryStep, RequestStatus, RequestType
from resolvers import billing as invoice_reads
from resolvers import change_requests as request_reads
from resolvers.context import Context
from resolvers.family import reads as family_reads
from resolvers.requests import lines as line_reads
from schema.billing.types import Invoice
from schema.errors import PublicError
from schema.family import Child
from schema.ids import decode_pk
from schema.notifications.sent import SENT_KINDS, NotificationSentEvent
from schema.payments.arguments import renamed
from schema.permissions import Staff, Subscriber
from schema.requests.lines import Booking, RequestLine, RequestLineDecision
from schema.requests.types import Request
from schema.subscription_delivery import GROUPED, Grouping, per_event
from subscriptions.hub import Delivery, current_hub
from subscriptions.log import LoggedEvent, decode_cursor
from subscriptions.stream import SubscriptionEnded, deliveries

REQUEST_KINDS = frozenset({EventKind.REQUEST_CREATED, EventKind.REQUEST_STATUS_CHANGED})
PLANNING_KINDS = frozenset({EventKind.BOOKING_CHANGED, EventKind.REQUEST_LINE_DECIDED})
INVOICE_KINDS = frozenset({EventKind.INVOICE_ISSUED})
# What moves a request into or out of the staff's inbox.
INBOX_STEPS = frozenset(
    {HistoryStep.CREATED, HistoryStep.TRANSMITTED, HistoryStep.DECIDED, HistoryStep.CANCELLED}
)
MAX_CHILD_IDS = 100
T = TypeVar("T")

AfterCursor = Annotated[
    str | None,
    strawberry.argument(
        description="Resume after this event's cursor: every later event is delivered first, "
        "in order, then the live ones. Without it, only events from now on."
    ),
]


def _text(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    return "" if value is None else str(value)


@strawberry.type(
    description="A step in a request's life (created, transmitted, decided, cancelled…), "
    "as the family reads it in « Historique de la demande »."
)
class RequestStatusEvent:
    request_pk: strawberry.Private[int]
    cursor: str = strawberry.field(
        description="Opaque position in the event log: pass it as ``after`` to resume."
    )
    occurred_at: dt.datetime = strawberry.field(description="When the change was committed.")
    step: HistoryStep = strawberry.field(description="What happened.")
    step_label: str = strawberry.field(description="French label (« Création de demande »).")
    status: RequestStatus = strawberry.field(description="The request's status after it.")
    status_label: str = strawberry.field(description="French label (« Acceptée »).")
    reference_label: str = strawberry.field(
        description="The request's number as printed (« 17 378 981 »)."
    )
    type: RequestType = strawberry.field(description="Type demande.")
    type_label: str = strawberry.field(description="French label of the type.")
    note: str | None = strawberry.field(
        description="A precision (« Acceptation automatique », a line's outcome)."
    )
    lines: list[RequestLineDecision] = strawberry.field(
        description="The dates this step decided, each with what was decided on it (empty "
        "for a step that decides no date; the request's « status » is the whole request's)."
    )

    @classmethod
    def from_event(cls, event: LoggedEvent) -> RequestStatusEvent:
        """Map a logged request event to the API type."""
        payload = event.payload
        return cls(
            request_pk=event.subject_id,
            cursor=event.cursor,
            occurred_at=event.occurred_at,
            step=HistoryStep(payload["step"]),
            step_label=_text(payload, "stepLabel"),
            status=RequestStatus(payload["status"]),
            status_label=_text(payload, "statusLabel"),
            reference_label=_text(payload, "referenceLabel"),
            type=RequestType(payload["type"]),
            type_label=_text(payload, "typeLabel"),
            note=payload.get("note"),
            lines=[RequestLineDecision.from_payload(line) for line in payload.get("lines") or ()],
        )

    @strawberry.field(description="The request as it is now (null: no longer visible).")
    async def request(self, info: strawberry.Info) -> Request | None:
        (row,) = await request_reads.requests_by_id(info.context, [self.request_pk])
        return Request.from_row(row) if row is not None else None


@strawberry.type(
    description="A change on a child's planning: a booking's status changed (reserved, "
    "waiting list, absent…) or a date of a request was decided."
)
class PlanningChangeEvent:
    child_pk: strawberry.Private[int]
    booking_pk: strawberry.Private[int | None]
    line_pk: strawberry.Private[int | None]
    cursor: str = strawberry.field(
        description="Opaque position in the event log: pass it as ``after`` to resume."
    )
    occurred_at: dt.datetime = strawberry.field(description="When the change was committed.")
    date: dt.date | None = strawberry.field(description="The date that changed.")
    status_label: str = strawberry.field(
        description="French label of the new status (« Réservé », « Acceptée »)."
    )

    @classmethod
    def from_event(cls, event: LoggedEvent) -> PlanningChangeEvent:
        """Map a logged booking or request-line event to the API type."""
        payload = event.payload
        date = payload.get("date")
        booking = event.kind is EventKind.BOOKING_CHANGED
        return cls(
            child_pk=event.child_id or 0,
            booking_pk=event.subject_id if booking else None,
            line_pk=None if booking else event.subject_id,
            cursor=event.cursor,
            occurred_at=event.occurred_at,
            date=dt.date.fromisoformat(date) if isinstance(date, str) else None,
            status_label=_text(payload, "statusLabel"),
        )

    @strawberry.field(description="The child whose planning changed (null: no longer visible).")
    async def child(self, info: strawberry.Info) -> Child | None:
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None

    @strawberry.field(
        description="The booking as it is now (null: the change is a request's date)."
    )
    async def booking(self, info: strawberry.Info) -> Booking | None:
        if self.booking_pk is None:
            return None
        (row,) = await line_reads.bookings_by_id(info.context, [self.booking_pk])
        return Booking.from_row(row) if row is not None else None

    @strawberry.field(
        description="The request's date as it is now (null: the change is a booking's)."
    )
    async def request_line(self, info: strawberry.Info) -> RequestLine | None:
        if self.line_pk is None:
            return None
        (row,) = await line_reads.lines_by_id(info.context, [self.line_pk])
        return RequestLine.from_row(row) if row is not None else None


@strawberry.type(description="An invoice was issued to a family (« Nouvelle facture »).")
class InvoiceIssuedEvent:
    invoice_pk: strawberry.Private[int]
    cursor: str = strawberry.field(
        description="Opaque position in the event log: pass it as ``after`` to resume."
    )
    occurred_at: dt.datetime = strawberry.field(description="When the invoice was committed.")
    number: str = strawberry.field(description="Invoice number (« 2026-01-0042 »).")
    total_cents: int = strawberry.field(description="Amount of the invoice, in cents.")

    @classmethod
    def from_event(cls, event: LoggedEvent) -> InvoiceIssuedEvent:
        """Map a logged invoice event to the API type."""
        payload = event.payload
        return cls(
            invoice_pk=event.subject_id,
            cursor=event.cursor,
            occurred_at=event.occurred_at,
            number=_text(payload, "number"),
            total_cents=int(payload.get("totalCents") or 0),
        )

    @strawberry.field(description="The invoice as it is now (null: no longer visible).")
    async def invoice(self, info: strawberry.Info) -> Invoice | None:
        (row,) = await invoice_reads.invoices_by_id(info.context, [self.invoice_pk])
        return Invoice.from_row(row) if row is not None else None


def _after(after: str | None) -> int | None:
    if after is None:
        return None
    seq = decode_cursor(after)
    if seq is None:
        raise PublicError("« after » n'est pas un curseur valide.")
    return seq


async def _stream(
    info: strawberry.Info,
    viewer: Viewer,
    after: int | None,
    accepts: Any,
    build: Callable[[Delivery], T | None],
) -> AsyncGenerator[T, None]:
    """The subscription's events (``build``: None skips one), each executed for this
    subscriber; or, when the WebSocket handler groups the operation, nothing yielded: the
    payloads are computed once per group and sent (schema/subscription_delivery.py)."""
    context: Context = info.context
    hub = await current_hub(context.sessions)
    operation = GROUPED.get()
    grouping = None if operation is None else Grouping(info, operation, build, hub.payloads)
    prepare = None if grouping is None else grouping.prepare
    source = deliveries(hub, viewer, after=after, accepts=accepts, prepare=prepare)
    try:
        if grouping is not None:
            async with contextlib.aclosing(source):
                await grouping.send_all(source)
            return
        async for delivery in per_event(context, source):
            event = build(delivery)
            if event is not None:
                yield event
    except SubscriptionEnded as ended:
        raise PublicError(str(ended), "UNAUTHENTICATED") from ended


def _request_event(delivery: Delivery) -> RequestStatusEvent:
    return RequestStatusEvent.from_event(delivery.event)


def _inbox_event(delivery: Delivery) -> RequestStatusEvent | None:
    return RequestStatusEvent.from_event(delivery.event) if delivery.viewer.is_staff else None


def _planning_event(delivery: Delivery) -> PlanningChangeEvent:
    return PlanningChangeEvent.from_event(delivery.event)


def _invoice_event(delivery: Delivery) -> InvoiceIssuedEvent:
    return InvoiceIssuedEvent.from_event(delivery.event)


def _sent_event(delivery: Delivery) -> NotificationSentEvent:
    return NotificationSentEvent.from_event(delivery.event)


@strawberry.type(description="Live updates (GraphQL over WebSocket).")
class Subscription:
    @strawberry.subscription(
        description="Status changes of requests: a parent's family's requests, or every "
        "request of the collectivity for staff (creation included).",
        permission_classes=[Subscriber],
    )
    async def request_status_changed(
        self, info: strawberry.Info, after: AfterCursor = None
    ) -> AsyncGenerator[RequestStatusEvent, None]:
        context: Context = info.context
        viewer: Viewer = context.viewer
        seq = _after(after)

        def accepts(event: LoggedEvent) -> bool:
            return event.kind in REQUEST_KINDS

        async for event in _stream(info, viewer, seq, accepts, _request_event):
            yield event

    @strawberry.subscription(
        description="Changes on the planning of the given children (all the visible ones "
        "when omitted): bookings and decided request dates.",
        permission_classes=[Subscriber],
    )
    async def planning_changed(
        self,
        info: strawberry.Info,
        children: Annotated[
            list[relay.GlobalID] | None,
            strawberry.argument(description="Children to follow (Child IDs, 100 at most)."),
        ] = None,
        child_ids: Annotated[
            list[relay.GlobalID] | None,
            strawberry.argument(
                description="Children to follow (Child IDs, 100 at most).",
                deprecation_reason="Use `children`.",
            ),
        ] = None,
        after: AfterCursor = None,
    ) -> AsyncGenerator[PlanningChangeEvent, None]:
        context: Context = info.context
        viewer: Viewer = context.viewer
        seq = _after(after)
        # The new name first; the deprecated `childIds` still works (issue 15, item 7).
        arg_name = "children" if children is not None else "childIds"
        ids = renamed(children, child_ids, "children", "childIds")
        followed: frozenset[int] | None = None
        if ids is not None:
            if len(ids) > MAX_CHILD_IDS:
                raise PublicError(f"« {arg_name} » est limité à {MAX_CHILD_IDS} identifiants.")
            pks = [decode_pk(i, "Child", arg_name) for i in ids]
            wanted = [pk for pk in pks if pk is not None]
            try:
                rows = await family_reads.children_by_id(context, wanted)
            finally:
                await context.close()
                context.__dict__.pop("loaders", None)
            if any(row is None for row in rows):
                raise PublicError("Enfant introuvable.", "NOT_FOUND")
            followed = frozenset(wanted)

        def accepts(event: LoggedEvent) -> bool:
            return event.kind in PLANNING_KINDS and (followed is None or event.child_id in followed)

        async for event in _stream(info, viewer, seq, accepts, _planning_event):
            yield event

    @strawberry.subscription(
        description="The staff's inbox: requests arriving (created, transmitted) and leaving "
        "it (decided, cancelled). Staff only.",
        permission_classes=[Subscriber, Staff],
    )
    async def staff_inbox(
        self, info: strawberry.Info, after: AfterCursor = None
    ) -> AsyncGenerator[RequestStatusEvent, None]:
        context: Context = info.context
        viewer: Viewer = context.viewer
        seq = _after(after)

        def accepts(event: LoggedEvent) -> bool:
            return event.kind in REQUEST_KINDS and event.payload.get("step") in INBOX_STEPS

        async for event in _stream(info, viewer, seq, accepts, _inbox_event):
            yield event

    @strawberry.subscription(
        description="Invoices issued to the parent's family (every family's for staff), "
        "pushed when the monthly billing run commits.",
        permission_classes=[Subscriber],
    )
    async def invoice_issued(
        self, info: strawberry.Info, after: AfterCursor = None
    ) -> AsyncGenerator[InvoiceIssuedEvent, None]:
        context: Context = info.context
        viewer: Viewer = context.viewer
        seq = _after(after)

        def accepts(event: LoggedEvent) -> bool:
            return event.kind in INVOICE_KINDS

        async for event in _stream(info, viewer, seq, accepts, _invoice_event):
            yield event

    @strawberry.subscription(
        description="Notifications delivered to the parent's family, one event per channel "
        "(mail, SMS, Web Push) once the worker sent it; every family's for staff.",
        permission_classes=[Subscriber],
    )
    async def notification_sent(
        self, info: strawberry.Info, after: AfterCursor = None
    ) -> AsyncGenerator[NotificationSentEvent, None]:
        context: Context = info.context
        viewer: Viewer = context.viewer
        seq = _after(after)

        def accepts(event: LoggedEvent) -> bool:
            return event.kind in SENT_KINDS

        async for event in _stream(info, viewer, seq, accepts, _sent_event):
            yield event
