"""The acknowledgement mails of a change request, to the account that made it: the receipt
(a mail, as every acknowledgement of a parent's own action) and the decision (a
``REQUEST_DECIDED`` notification: mail, and SMS/push as the parent chose)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import display_name
from domain.labels import label
from domain.mail import enqueue_mail
from domain.notifications.dispatch import notify
from domain.notifications.recipients import REQUESTS_LINK, account_recipient
from models import Account, Request, Tenant
from models.notification import NotificationKind


def _tenant_context(tenant: Tenant) -> dict[str, str]:
    return {"name": tenant.name, "service_name": tenant.service_name, "timezone": tenant.timezone}


async def _mail(
    session: AsyncSession,
    request: Request,
    template: str,
    *,
    notified_at: dt.datetime | None = None,
    **values: object,
) -> None:
    """Mail ``template`` about ``request`` to its author; with ``notified_at`` (a decision)
    as a REQUEST_DECIDED notification, once per request and template."""
    if request.created_by_account_id is None:
        return
    account = await session.get(Account, request.created_by_account_id)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    context = {
        "tenant": _tenant_context(tenant),
        "recipient_name": display_name(account.civility, account.first_name, account.last_name),
        "request_label": label(request.type),
        "reference": request.reference,
        **values,
    }
    if notified_at is not None:
        await notify(
            session,
            tenant_id=request.tenant_id,
            family_id=request.family_id,
            recipient=account_recipient(account),
            kind=NotificationKind.REQUEST_DECIDED,
            topic=template,
            context=context,
            now=notified_at,
            dedupe_key=f"{template}:{request.id}",
            link=REQUESTS_LINK,
        )
        return
    await enqueue_mail(
        session, tenant_id=request.tenant_id, to=account.email, template=template, context=context
    )
