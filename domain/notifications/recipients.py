"""Who a notification is for, built from the rows the mails already use: the account that
made a request, or the guardian a family's mails go to (and the account they sign in with,
which carries the preferences, consents and push subscriptions)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.identity import display_name
from domain.notifications.dispatch import Recipient
from models import Account
from models.account import AccountStatus

# Routes of the family portal app (client-examples/web), the ``link`` of push notifications.
REQUESTS_LINK: Final = "#/demandes"
INVOICES_LINK: Final = "#/factures"
FAMILY_LINK: Final = "#/dossier"
PLANNING_LINK: Final = "#/planning"


class GuardianLike(Protocol):
    """A guardian row or a selected row with its columns (the billing run reads columns)."""

    @property
    def id(self) -> int: ...
    @property
    def email(self) -> str | None: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...


def account_recipient(account: Account) -> Recipient:
    """The account itself, greeted as the guide's mails greet people."""
    return Recipient(
        account_id=account.id,
        email=account.email,
        name=display_name(account.civility, account.first_name, account.last_name),
        guardian_id=account.guardian_id,
    )


async def guardian_recipients(
    session: AsyncSession, guardians: Iterable[GuardianLike]
) -> dict[int, Recipient]:
    """Per guardian id: the guardian's address and name, with the active account linked to
    them (one statement whatever their number) — a guardian without one gets mail only."""
    rows = {g.id: g for g in guardians}
    accounts: dict[int, int] = {}
    if rows:
        for account_id, guardian_id in await session.execute(
            select(Account.id, Account.guardian_id)
            .where(
                Account.guardian_id.in_(sorted(rows)),
                Account.status == AccountStatus.ACTIVE,
            )
            .order_by(Account.id)
        ):
            if guardian_id is not None:
                accounts.setdefault(guardian_id, account_id)
    return {
        guardian_id: Recipient(
            account_id=accounts.get(guardian_id),
            email=guardian.email,
            name=f"{guardian.first_name} {guardian.last_name}",
            guardian_id=guardian_id,
        )
        for guardian_id, guardian in rows.items()
    }
