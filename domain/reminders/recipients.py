"""Who receives a family's reminders.

Preferences are per account, so a reminder goes to each guardian of the family who signs
in (an ACTIVE parent account): each gets it on the channels they chose, or none if they
turned reminders off. A family where nobody has an account yet is reached the way the
town's other mails reach it — its payer, else the first guardian with an address
(``domain.family_mails.family_recipients``) — by mail only, and only when the family file
accepts reminders by e-mail (``Family.reminder_by_email``, the form's consent).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family_mails import family_recipients, guardian_label
from domain.notifications.dispatch import Recipient
from models import Account, Family, Guardian
from models.account import AccountStatus, Role


def recipient_key(recipient: Recipient) -> str:
    """The recipient's part of a dedupe key: « account-5 », else « guardian-9 »."""
    if recipient.account_id is not None:
        return f"account-{recipient.account_id}"
    return f"guardian-{recipient.guardian_id}"


async def reminder_recipients(
    session: AsyncSession, tenant_id: int, family_ids: Iterable[int]
) -> dict[int, list[Recipient]]:
    """Per family, the recipients of its reminders (families reaching nobody are absent),
    in three statements whatever the number of families."""
    ids = sorted(set(family_ids))
    found: dict[int, list[Recipient]] = {}
    if not ids:
        return found
    for account, guardian in await session.execute(
        select(Account, Guardian)
        .join(Guardian, Guardian.id == Account.guardian_id)
        .where(
            Account.tenant_id == tenant_id,
            Account.role == Role.PARENT,
            Account.status == AccountStatus.ACTIVE,
            Guardian.family_id.in_(ids),
        )
        .order_by(Guardian.family_id, Guardian.rank, Account.id)
    ):
        found.setdefault(guardian.family_id, []).append(
            Recipient(
                account_id=account.id,
                email=guardian.email or account.email,
                name=guardian_label(guardian),
                guardian_id=guardian.id,
            )
        )
    without = [i for i in ids if i not in found]
    if without:
        consenting = set(
            await session.scalars(
                select(Family.id).where(Family.id.in_(without), Family.reminder_by_email.is_(True))
            )
        )
        for family_id, guardian in (await family_recipients(session, consenting)).items():
            found[family_id] = [
                Recipient(None, guardian.email, guardian_label(guardian), guardian.id)
            ]
    return found
