"""Who receives a family's mails about a decision of the town, and the pieces every such
mail shows: the family's payer (else another guardian with an address, by rank), the
tenant's signature, a child's name as the mails print it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mail import enqueue_mail
from models import Activity, Child, Family, Guardian, Slot, Tenant


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
) -> int:
    """Queue ``template`` once per family of ``tables`` (its lines, by family id) to the
    family's recipient, with the signature, greeting and family name every such mail has
    and what ``context`` adds from the lines; returns the number of mails queued."""
    sent = 0
    for family_id, table in sorted(tables.items()):
        recipient = rows.recipients.get(family_id)
        if recipient is None or recipient.email is None:
            continue
        await enqueue_mail(
            session,
            tenant_id=rows.tenant.id,
            to=recipient.email,
            template=template,
            context={
                "tenant": tenant_context(rows.tenant),
                "recipient_name": guardian_label(recipient),
                "family_name": rows.families[family_id].name,
                **context(table),
            },
        )
        sent += 1
    return sent
