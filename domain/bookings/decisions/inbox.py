"""« Mes demandes » and the staff inbox: state groups, and which messages are unread.

A message is unread by an account when it was written by the other side (for a parent:
by the collectivity's staff; for staff: by a family) and that account has no read receipt
for it. « Marquer la sélection comme lue » and « Tout marquer comme lu » write receipts.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Final

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.codes import NOT_FOUND, TOO_MANY
from domain.labels import register_labels
from kernel.results import DomainFailure, Problem, fail
from models import Child, Family, Message, MessageReceipt, Request, RequestLine
from models.request import RequestStatus

MAX_REQUESTS: Final = 100


class RequestStateGroup(enum.StrEnum):
    """The list's « État » filter: En cours / Traité."""

    IN_PROGRESS = "IN_PROGRESS"
    PROCESSED = "PROCESSED"


class RequestOrder(enum.StrEnum):
    """Order of the list: newest first (« Mes demandes »), or oldest first (the staff
    inbox: first come, first served)."""

    NEWEST_FIRST = "NEWEST_FIRST"
    OLDEST_FIRST = "OLDEST_FIRST"


STATE_GROUPS: Final[dict[RequestStateGroup, tuple[RequestStatus, ...]]] = {
    RequestStateGroup.IN_PROGRESS: (RequestStatus.PENDING, RequestStatus.TRANSMITTED),
    RequestStateGroup.PROCESSED: (
        RequestStatus.ACCEPTED,
        RequestStatus.PARTIALLY_ACCEPTED,
        RequestStatus.REFUSED,
        RequestStatus.CANCELLED,
    ),
}


def unread_by(account_id: int, *, staff: bool) -> ColumnElement[bool]:
    """Messages from the other side that ``account_id`` has no read receipt for."""
    return and_(
        Message.from_staff.is_(not staff),
        ~exists().where(
            MessageReceipt.message_id == Message.id, MessageReceipt.account_id == account_id
        ),
    )


def about_child(child_id: int) -> ColumnElement[bool]:
    """Requests about a child: as their subject or on one of their dates."""
    return or_(
        Request.child_id == child_id,
        exists().where(RequestLine.request_id == Request.id, RequestLine.child_id == child_id),
    )


async def _add_receipts(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    staff: bool,
    scope: Sequence[ColumnElement[bool]],
    now: dt.datetime,
) -> int:
    ids = list(
        await session.scalars(
            select(Message.id)
            .join(Request, Request.id == Message.request_id, isouter=True)
            .where(Message.tenant_id == tenant_id, unread_by(account_id, staff=staff), *scope)
        )
    )
    session.add_all(
        MessageReceipt(message_id=i, account_id=account_id, tenant_id=tenant_id, read_at=now)
        for i in ids
    )
    await session.flush()
    return len(ids)


async def mark_read(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    staff: bool,
    own_family_id: int | None,
    request_ids: Sequence[int | None],
    now: dt.datetime,
) -> int:
    """Mark the messages of the chosen requests as read; returns how many were unread.

    A parent (``own_family_id`` set) may name only their family's requests: any other ID
    is « introuvable » and nothing is marked.
    """
    if len(request_ids) > MAX_REQUESTS:
        raise fail(TOO_MANY, f"{MAX_REQUESTS} demandes au plus à la fois.", "requests")
    stmt = select(Request.id).where(
        Request.tenant_id == tenant_id, Request.id.in_([i for i in request_ids if i is not None])
    )
    if not staff:
        stmt = stmt.where(Request.family_id == (own_family_id or -1))
    found = set(await session.scalars(stmt))
    problems = [
        Problem(NOT_FOUND, "Demande introuvable.", ("requests", str(index)))
        for index, request_id in enumerate(request_ids)
        if request_id not in found
    ]
    if problems:
        raise DomainFailure(problems)
    return await _add_receipts(
        session,
        tenant_id=tenant_id,
        account_id=account_id,
        staff=staff,
        scope=[Message.request_id.in_(found)],
        now=now,
    )


async def mark_all_read(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    staff: bool,
    own_family_id: int | None,
    family_id: int | None,
    child_id: int | None,
    now: dt.datetime,
) -> int:
    """Mark every unread message of the viewer's list as read (a parent: their family's;
    staff: the collectivity's, or one family's), optionally only those about one child.
    Returns how many were unread."""
    if not staff:
        if own_family_id is None or family_id not in (None, own_family_id):
            raise fail(NOT_FOUND, "Famille introuvable.", "family")
        family_id = own_family_id
    elif family_id is not None and not await session.scalar(
        select(Family.id).where(Family.tenant_id == tenant_id, Family.id == family_id)
    ):
        raise fail(NOT_FOUND, "Famille introuvable.", "family")
    scope: list[ColumnElement[bool]] = []
    if family_id is not None:
        scope.append(Message.family_id == family_id)
    if child_id is not None:
        child_family = await session.scalar(
            select(Child.family_id).where(Child.tenant_id == tenant_id, Child.id == child_id)
        )
        if child_family is None or (family_id is not None and child_family != family_id):
            raise fail(NOT_FOUND, "Enfant introuvable.", "child")
        scope.append(about_child(child_id))
    return await _add_receipts(
        session, tenant_id=tenant_id, account_id=account_id, staff=staff, scope=scope, now=now
    )


register_labels(RequestStateGroup, {"IN_PROGRESS": "En cours", "PROCESSED": "Traité"})
register_labels(
    RequestOrder,
    {"NEWEST_FIRST": "Plus récentes d'abord", "OLDEST_FIRST": "Plus anciennes d'abord"},
)
