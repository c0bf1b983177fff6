"""Idempotent writes: a retry with the same key gets the first answer and creates nothing.

A client (the parent's app on a flaky network) sends an ``idempotencyKey`` with a write.
The key is stored on the row it created, under a unique index; a later call with the same
key finds that row and answers with it, provided it is the same kind of thing asked by
the same account — a key reused for something else is refused. Every idempotent write
(requests of all kinds, messages) goes through these two functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.results import fail
from models import Request

MAX_IDEMPOTENCY_KEY = 100
FIELD = "idempotencyKey"
TOO_LONG = "TOO_LONG"
IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"

RowT = TypeVar("RowT")


def clean_key(raw: str | None) -> str | None:
    """The key as stored (trimmed), None when absent or blank; TOO_LONG past 100 characters."""
    key = (raw or "").strip() or None
    if key is not None and len(key) > MAX_IDEMPOTENCY_KEY:
        raise fail(
            TOO_LONG,
            f"La clé d'idempotence dépasse {MAX_IDEMPOTENCY_KEY} caractères.",
            FIELD,
        )
    return key


async def earlier(
    session: AsyncSession,
    lookup: Select[RowT],
    *,
    same: Callable[[RowT], bool],
    what: str,
) -> RowT | None:
    """The row an earlier call with this key created, None if there is none.

    ``lookup`` selects the row by tenant and key; ``same`` says whether it answers the
    same question (same account, same kind); if not, the key is refused with
    IDEMPOTENCY_KEY_REUSED (« … a déjà servi pour {what} »).
    """
    found = await session.scalar(lookup)
    if found is None:
        return None
    if not same(found):
        raise fail(
            IDEMPOTENCY_KEY_REUSED,
            f"Cette clé d'idempotence a déjà servi pour {what}.",
            FIELD,
        )
    return found


def request_with_key(tenant_id: int, key: str) -> Select[Request]:
    """The lookup of the request (of any kind) created with ``key`` in the tenant."""
    return select(Request).where(Request.tenant_id == tenant_id, Request.idempotency_key == key)
