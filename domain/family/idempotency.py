"""Idempotent submission: a retry with the same key returns the first result and
creates nothing; a key already used for another request is refused."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family.messages import TOO_LONG, _Label
from domain.family.outcomes import Submission
from kernel import idempotency
from kernel.results import fail
from models import Family, Guardian
from models.request import RequestType

_IDEMPOTENCY_KEY = _Label("La clé d'idempotence", feminine=True)


async def _replay(
    session: AsyncSession, tenant_id: int, account_id: int, key: str
) -> Submission | None:
    earlier = await idempotency.earlier(
        session,
        idempotency.request_with_key(tenant_id, key),
        same=lambda r: (
            r.type is RequestType.FAMILY_REGISTRATION and r.created_by_account_id == account_id
        ),
        what="une autre demande",
    )
    if earlier is None:
        return None
    family = await session.get_one(Family, earlier.family_id)
    guardian = await session.scalar(
        select(Guardian).where(Guardian.family_id == family.id).order_by(Guardian.rank).limit(1)
    )
    if guardian is None:  # pragma: no cover - a submitted family always has guardian 1
        raise fail("NOT_FOUND", "Ce dossier famille est introuvable.")
    return Submission(family=family, request=earlier, guardian=guardian, replayed=True)


def clean_idempotency_key(key: str | None) -> str | None:
    """The key as stored (trimmed), None when absent; DomainFailure when too long."""
    if key is None or not key.strip():
        return None
    cleaned = key.strip()
    if len(cleaned) > 100:
        raise fail(TOO_LONG, _IDEMPOTENCY_KEY.too_long(100), "idempotencyKey")
    return cleaned


async def find_replay(
    session: AsyncSession, *, tenant_id: int, account_id: int, idempotency_key: str | None
) -> Submission | None:
    """The earlier submission made with this key by this account, if any.

    Used after a unique-key violation: two concurrent retries raced, the other one won.
    """
    key = clean_idempotency_key(idempotency_key)
    return None if key is None else await _replay(session, tenant_id, account_id, key)
