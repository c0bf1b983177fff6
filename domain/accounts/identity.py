"""Who mails are about and from: the tenant, the portal's links, how people are greeted.

Also the checks of an email address and the lookup of an account by it, shared by
account creation, login and password reset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.results import fail
from models import Account
from models.account import Civility


class TenantIdentity(Protocol):
    """What mails need to know about the tenant."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def service_name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PortalLinks:
    """Where the family portal (the front end) lives, for links in mails."""

    portal_url: str

    def activation(self, token: str) -> str:
        """The link of an activation mail."""
        return f"{self.portal_url}/activation?token={token}"

    def password_reset(self, token: str) -> str:
        """The link of a password-reset mail."""
        return f"{self.portal_url}/mot-de-passe?token={token}"


def normalize_email(raw: str, *field: str) -> str:
    """A syntactically valid address, lower-cased; DomainFailure otherwise."""
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise fail(
            "INVALID_EMAIL", "L'adresse e-mail n'est pas valide.", *(field or ("email",))
        ) from exc


def _mail_context(
    tenant: TenantIdentity, recipient_name: str, **values: object
) -> dict[str, object]:
    return {
        "tenant": {"name": tenant.name, "service_name": tenant.service_name},
        "recipient_name": recipient_name,
        **values,
    }


def display_name(civility: Civility | None, first_name: str, last_name: str) -> str:
    """« M. Matthieu BLMAN », as the guide's mails greet people."""
    prefix = (
        {Civility.MONSIEUR: "M. ", Civility.MADAME: "Mme "}.get(civility, "") if civility else ""
    )
    return f"{prefix}{first_name} {last_name.upper()}"


async def _account_by_email(session: AsyncSession, tenant_id: int, email: str) -> Account | None:
    return await session.scalar(
        select(Account).where(Account.tenant_id == tenant_id, Account.email == email)
    )
