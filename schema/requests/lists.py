"""« Mes demandes » (a parent's requests) and the staff inbox: one ``requests`` list of every
request type, and marking messages read (« Marquer la sélection comme lue », « Tout marquer
comme lu »)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from domain.bookings.decisions.codes import MessagesMarkAllReadErrorCode, MessagesMarkReadErrorCode
from domain.bookings.decisions.inbox import RequestOrder, RequestStateGroup
from domain.messages import RequestMessagePostErrorCode
from kernel.results import DomainFailure
from resolvers.pagination import PaginationError
from resolvers.requests import lists as actions
from schema.accounts import Viewer, viewer_of
from schema.change_requests.queries import RequestStatusFilter, RequestTypeFilter
from schema.errors import PublicError, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.inputs import After, Before, DateRangeInput, First, Last, choice
from schema.permissions import ParentOrStaff
from schema.requests.types import Request, RequestConnection, RequestMessage, request_connection

RequestStateGroupEnum = strawberry.enum(
    RequestStateGroup,
    description="The list's « État » filter: IN_PROGRESS (En cours: pending or transmitted), "
    "PROCESSED (Traité: accepted, partially accepted, refused or cancelled).",
)


RequestOrderEnum = strawberry.enum(
    RequestOrder,
    description="Order of the requests list: NEWEST_FIRST (« Mes demandes ») or OLDEST_FIRST "
    "(the staff inbox, first come first served).",
)


@strawberry.input(description="Filters of « Mes demandes » and of the staff inbox.")
class RequestFilter:
    state_group: RequestStateGroup | None = strawberry.field(
        default=None, description="En cours or Traité (null: all, « Tous »)."
    )
    status: RequestStatusFilter | None = strawberry.field(default=None, description="By status.")
    type: RequestTypeFilter | None = strawberry.field(default=None, description="By type.")
    child: relay.GlobalID | None = strawberry.field(
        default=None, description="Only requests about this child."
    )
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's requests."
    )
    reference: str | None = strawberry.field(
        default=None, description="The request with this number (« 17 378 981 » or 17378981)."
    )
    activity: relay.GlobalID | None = strawberry.field(
        default=None, description="Only requests about this activity (subject or dates)."
    )
    establishment: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Only requests about an activity of this establishment (subject or dates).",
    )
    dates: DateRangeInput | None = strawberry.field(
        default=None,
        description="Only requests with a date in this range (a reservation or absence date, "
        "or a period overlapping it).",
    )


@strawberry.type(description="Entry points to the requests of every type.")
class RequestListQueries:
    @strawberry.field(
        description="Requests of every type (reservations, absences, changes to the file…), "
        "newest first (or oldest first): a parent's own family's (« Mes demandes »), or the "
        "collectivity's for staff — their inbox is `where: {stateGroup: IN_PROGRESS}, order: "
        "OLDEST_FIRST`, filtered by activity, establishment or dates. Relay pagination (≤ 100 "
        "per page).",
        permission_classes=[ParentOrStaff],
    )
    async def requests(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[RequestFilter | None, strawberry.argument(description="Filters.")] = None,
        order: Annotated[
            RequestOrder,
            strawberry.argument(
                description="NEWEST_FIRST (default) or OLDEST_FIRST (staff inbox: first come, "
                "first served)."
            ),
        ] = RequestOrder.NEWEST_FIRST,
    ) -> RequestConnection:
        where = where or RequestFilter()
        family_pk = None if where.family is None else (input_pk(where.family, "Family") or -1)
        child_pk = None if where.child is None else (input_pk(where.child, "Child") or -1)
        activity_pk = (
            None if where.activity is None else (input_pk(where.activity, "Activity") or -1)
        )
        establishment_pk = (
            None
            if where.establishment is None
            else (input_pk(where.establishment, "Establishment") or -1)
        )
        dates = None
        if where.dates is not None:
            if where.dates.lte < where.dates.gte:
                raise PublicError("La date de fin précède la date de début.")
            dates = (where.dates.gte, where.dates.lte)
        try:
            page = await actions.requests_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                state_group=where.state_group,
                statuses=choice(where.status.eq, where.status.one_of) if where.status else None,
                types=choice(where.type.eq, where.type.one_of) if where.type else None,
                family_id=family_pk,
                child_id=child_pk,
                reference=where.reference,
                activity_id=activity_pk,
                establishment_id=establishment_pk,
                dates=dates,
                order=order,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return await request_connection(info, page)


# --- messagesMarkRead / messagesMarkAllRead ---------------------------------------------


@strawberry.input(description="« Marquer la sélection comme lue ».")
class MessagesMarkReadInput:
    requests: list[relay.GlobalID] = strawberry.field(
        description="The requests whose messages were read (≤ 100)."
    )


@strawberry.input(description="« Tout marquer comme lu ».")
class MessagesMarkAllReadInput:
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's messages (parents: their own)."
    )
    child: relay.GlobalID | None = strawberry.field(
        default=None, description="Only the messages of requests about this child."
    )


error_code_enum(MessagesMarkReadErrorCode, description="Why messagesMarkRead was refused.")


@strawberry.type(description="A problem with messagesMarkRead's input.")
class MessagesMarkReadError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: MessagesMarkReadErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of messagesMarkRead.")
class MessagesMarkReadPayload:
    marked_count: int = strawberry.field(description="How many messages were unread.")
    requests: list[Request] = strawberry.field(
        description="The requests, now without unread messages."
    )
    viewer: Viewer = strawberry.field(description="The viewer, for its new unread count.")
    errors: list[MessagesMarkReadError] = strawberry.field(
        description="Problems, if any (then nothing was marked)."
    )


error_code_enum(MessagesMarkAllReadErrorCode, description="Why messagesMarkAllRead was refused.")


@strawberry.type(description="A problem with messagesMarkAllRead's input.")
class MessagesMarkAllReadError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: MessagesMarkAllReadErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of messagesMarkAllRead.")
class MessagesMarkAllReadPayload:
    marked_count: int = strawberry.field(description="How many messages were unread.")
    viewer: Viewer = strawberry.field(description="The viewer, for its new unread count.")
    errors: list[MessagesMarkAllReadError] = strawberry.field(
        description="Problems, if any (then nothing was marked)."
    )


@strawberry.input(description="A message on a request: staff to the family, or a reply.")
class RequestMessagePostInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
    body: str = strawberry.field(description="The text (≤ 5,000 characters).")
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Optional key (≤ 100 characters): a retry with the same key returns the "
        "first message instead of writing it twice.",
    )


error_code_enum(RequestMessagePostErrorCode, description="Why requestMessagePost was refused.")


@strawberry.type(description="A problem with requestMessagePost's input.")
class RequestMessagePostError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: RequestMessagePostErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of requestMessagePost.")
class RequestMessagePostPayload:
    message: RequestMessage | None = strawberry.field(
        description="The message written (or found again on a retry); null on errors."
    )
    request: Request | None = strawberry.field(
        description="The request, with its messages; null on errors."
    )
    errors: list[RequestMessagePostError] = strawberry.field(
        description="Problems, if any (then nothing was written)."
    )


@strawberry.type(description="Messages of « Mes demandes »: writing, and their read state.")
class MessageMutations:
    @strawberry.mutation(
        description="Write a message on a request: staff to the family (who gets a mail « "
        "Nouveau message »), or a parent's reply on their own family's request. It counts "
        "as unread for the other side until they mark it read.",
        permission_classes=[ParentOrStaff],
    )
    async def request_message_post(
        self,
        info: strawberry.Info,
        input: Annotated[RequestMessagePostInput, strawberry.argument(description="The message.")],
    ) -> RequestMessagePostPayload:
        try:
            posted = await actions.post_message(
                info.context, input_pk(input.request, "Request"), input.body, input.idempotency_key
            )
        except DomainFailure as failure:
            return RequestMessagePostPayload(
                message=None,
                request=None,
                errors=payload_errors(
                    failure, RequestMessagePostError, RequestMessagePostErrorCode
                ),
            )
        return RequestMessagePostPayload(
            message=RequestMessage.from_row(posted.message),
            request=Request.from_row(posted.request),
            errors=[],
        )

    @strawberry.mutation(
        description="Mark the messages of the chosen requests as read (« Marquer la "
        "sélection comme lue »).",
        permission_classes=[ParentOrStaff],
    )
    async def messages_mark_read(
        self,
        info: strawberry.Info,
        input: Annotated[MessagesMarkReadInput, strawberry.argument(description="The requests.")],
    ) -> MessagesMarkReadPayload:
        pks = [input_pk(i, "Request") for i in input.requests]
        try:
            count = await actions.mark_read(info.context, pks)
        except DomainFailure as failure:
            return MessagesMarkReadPayload(
                marked_count=0,
                requests=[],
                viewer=viewer_of(info),
                errors=payload_errors(failure, MessagesMarkReadError, MessagesMarkReadErrorCode),
            )
        rows = await actions.requests_by_pk(info.context, [pk for pk in pks if pk is not None])
        return MessagesMarkReadPayload(
            marked_count=count,
            requests=[Request.from_row(r) for r in rows],
            viewer=viewer_of(info),
            errors=[],
        )

    @strawberry.mutation(
        description="Mark every message of the viewer's requests as read (« Tout marquer "
        "comme lu »), or only those about one child.",
        permission_classes=[ParentOrStaff],
    )
    async def messages_mark_all_read(
        self,
        info: strawberry.Info,
        input: Annotated[
            MessagesMarkAllReadInput | None,
            strawberry.argument(description="What to mark (null: everything)."),
        ] = None,
    ) -> MessagesMarkAllReadPayload:
        input = input or MessagesMarkAllReadInput()
        family_pk = None if input.family is None else (input_pk(input.family, "Family") or -1)
        child_pk = None if input.child is None else (input_pk(input.child, "Child") or -1)
        try:
            count = await actions.mark_all_read(info.context, family_pk, child_pk)
        except DomainFailure as failure:
            return MessagesMarkAllReadPayload(
                marked_count=0,
                viewer=viewer_of(info),
                errors=payload_errors(
                    failure, MessagesMarkAllReadError, MessagesMarkAllReadErrorCode
                ),
            )
        return MessagesMarkAllReadPayload(marked_count=count, viewer=viewer_of(info), errors=[])
