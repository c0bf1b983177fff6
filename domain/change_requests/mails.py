"""The acknowledgement mails of a change request, to the account that made it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import display_name
from domain.labels import label
from domain.mail import enqueue_mail
from models import Account, Request, Tenant


def _tenant_context(tenant: Tenant) -> dict[str, str]:
    return {"name": tenant.name, "service_name": tenant.service_name, "timezone": tenant.timezone}


async def _mail(session: AsyncSession, request: Request, template: str, **values: object) -> None:
    if request.created_by_account_id is None:
        return
    account = await session.get(Account, request.created_by_account_id)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    await enqueue_mail(
        session,
        tenant_id=request.tenant_id,
        to=account.email,
        template=template,
        context={
            "tenant": _tenant_context(tenant),
            "recipient_name": display_name(account.civility, account.first_name, account.last_name),
            "request_label": label(request.type),
            "reference": request.reference,
            **values,
        },
    )
