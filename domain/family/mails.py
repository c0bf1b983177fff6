"""The context every family-file mail shares (acknowledgement, validation, rejection):
the tenant's names and the greeted recipient."""

from __future__ import annotations

from domain.accounts import TenantIdentity


def _mail_context(
    tenant: TenantIdentity, recipient_name: str, **values: object
) -> dict[str, object]:
    return {
        "tenant": {"name": tenant.name, "service_name": tenant.service_name},
        "recipient_name": recipient_name,
        **values,
    }
