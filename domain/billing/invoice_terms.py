"""The tenant's invoicing terms: the billed month's bounds, the issuer and the due delay.

Shared by the monthly run, its mails and the credit notes, so that they cannot disagree.
"""

from __future__ import annotations

import datetime as dt

from models import Tenant

DEFAULT_DUE_DAYS = 30


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``month``'s month."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def issuer_of(tenant: Tenant) -> str:
    """Who issues invoices: the tenant setting ``invoice_issuer`` or « Régie Enfance – … »."""
    configured = (tenant.settings or {}).get("invoice_issuer")
    return str(configured) if configured else f"Régie Enfance – {tenant.name}"


def due_days_of(tenant: Tenant) -> int:
    """Days between issue and due date: tenant setting ``invoice_due_days`` (default 30)."""
    value = (tenant.settings or {}).get("invoice_due_days", DEFAULT_DUE_DAYS)
    return int(value) if isinstance(value, int) and value >= 0 else DEFAULT_DUE_DAYS
