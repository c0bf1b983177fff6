"""Who receives a family's mails about a decision of the town, and the pieces every such
mail shows: the family's payer (else another guardian with an address, by rank), the
tenant's signature, a child's name as the mails print it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.dispatch import Notice, notify_many
from domain.notifications.recipients import PLANNING_LINK, guardian_recipients
from models import Activity, Child, Family, Guardian, Slot, Tenant
from models.base import utcnow
from models.notification import NotificationKind


@dataclass(frozen=True, slots=True)
class MailRows:
    """What a mail to each family concerned by some children's dates shows, loaded once."""

    tenant: Tenant
    children: dict[int, Child]
    activities: dict[int, Activity]
    slots: dict[int, Slot]
    families: dict[int, Family]
    recipients: dict[int, Guardian]


async def load_mail_rows(
    session: AsyncSession,
    tenant_id: int,
    *,
    child_ids: Iterable[int],
    activity_ids: Iterable[int],
    slot_ids: Iterable[int] = (),
) -> MailRows | None:
    """The tenant, children, activities, slots, families and recipients a batch of family
    mails needs — one statement per kind whatever the number of families; None when the
    tenant is gone."""
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None:
        return None

    async def by_id(model: Any, ids: Iterable[int]) -> dict[int, Any]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        return {
            row.id: row for row in await session.scalars(select(model).where(model.id.in_(wanted)))
        }

    children: dict[int, Child] = await by_id(Child, child_ids)
    family_ids = {child.family_id for child in children.values()}
    return MailRows(
        tenant=tenant,
        children=children,
        activities=await by_id(Activity, activity_ids),
        slots=await by_id(Slot, slot_ids),
        families=await by_id(Family, family_ids),
        recipients=await family_recipients(session, family_ids),
    )


async def family_recipients(
    session: AsyncSession, family_ids: Iterable[int]
) -> dict[int, Guardian]:
    """Per family, the guardian its mails go to: the payer when they have an address, else
    the first guardian (by rank) who has one; a family without any address is absent."""
    ids = sorted(set(family_ids))
    recipients: dict[int, Guardian] = {}
    if not ids:
        return recipients
    for guardian in await session.scalars(
        select(Guardian)
        .where(Guardian.family_id.in_(ids), Guardian.email.is_not(None))
        .order_by(Guardian.family_id, Guardian.is_payer.desc(), Guardian.rank, Guardian.id)
    ):
        recipients.setdefault(guardian.family_id, guardian)
    return recipients


def tenant_context(tenant: Tenant) -> dict[str, Any]:
    """The ``tenant`` variable of a mail (signature and time zone)."""
    return {"name": tenant.name, "service_name": tenant.service_name, "timezone": tenant.timezone}


def child_label(child: Child) -> str:
    """« Mathias BLMAN »: a child as the mails' tables print it."""
    return f"{child.first_name} {child.last_name.upper()}"


def guardian_label(guardian: Guardian) -> str:
    """The greeting's name of a guardian."""
    return f"{guardian.first_name} {guardian.last_name}"


async def mail_each_family(
    session: AsyncSession,
    rows: MailRows,
    *,
    template: str,
    tables: Mapping[int, Sequence[dict[str, Any]]],
    context: Callable[[Sequence[dict[str, Any]]], dict[str, Any]],
    now: dt.datetime | None = None,
) -> int:
    """Notify ``template`` once per family of ``tables`` (its lines, by family id) to the
    family's recipient, with the signature, greeting and family name every such mail has
    and what ``context`` adds from the lines: a ``TOWN_NOTICE`` (always by mail, and by
    SMS/push as the recipient chose), all in a constant number of statements; returns the
    number of families notified."""
    targets = [
        (family_id, table, rows.recipients[family_id])
        for family_id, table in sorted(tables.items())
        if family_id in rows.recipients and rows.recipients[family_id].email is not None
    ]
    reach = await guardian_recipients(session, [guardian for _, _, guardian in targets])
    notices = [
        Notice(
            family_id=family_id,
            recipient=reach[guardian.id],
            context={
                "tenant": tenant_context(rows.tenant),
                "recipient_name": guardian_label(guardian),
                "family_name": rows.families[family_id].name,
                **context(table),
            },
            link=PLANNING_LINK,
        )
        for family_id, table, guardian in targets
    ]
    await notify_many(
        session,
        tenant_id=rows.tenant.id,
        kind=NotificationKind.TOWN_NOTICE,
        topic=template,
        notices=notices,
        now=now or utcnow(),
    )
    return len(notices)
