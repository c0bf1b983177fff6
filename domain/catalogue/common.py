"""Helpers the catalogue's writes share: text checks, replayed creations, audit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change, snapshot
from domain.catalogue.codes import IDEMPOTENCY_KEY_REUSED, REQUIRED, TOO_LONG
from kernel.idempotency import clean_key
from kernel.results import DomainFailure, Problem, fail
from models import AuditEntry

KEY = "idempotencyKey"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who writes: the tenant and the administrator's account (None: a command line)."""

    tenant_id: int
    account_id: int | None


def required_text(value: str | None, limit: int, what: str, *field: str) -> str:
    """``value`` trimmed; REQUIRED when blank, TOO_LONG past ``limit`` characters."""
    text = (value or "").strip()
    if not text:
        raise fail(REQUIRED, f"{what} est obligatoire.", *field)
    if len(text) > limit:
        raise fail(TOO_LONG, f"{what} dépasse {limit} caractères.", *field)
    return text


def optional_text(value: str | None, limit: int, what: str, *field: str) -> str | None:
    """``value`` trimmed, None when blank; TOO_LONG past ``limit`` characters."""
    text = (value or "").strip()
    if len(text) > limit:
        raise fail(TOO_LONG, f"{what} dépasse {limit} caractères.", *field)
    return text or None


def raise_all(problems: Sequence[Problem]) -> None:
    """Raise every problem at once (nothing is written), or do nothing."""
    if problems:
        raise DomainFailure(problems)


async def replayed(
    session: AsyncSession, actor: Actor, raw_key: str | None, action: str, actions: Iterable[str]
) -> tuple[str | None, int | None]:
    """The cleaned key and the id of the row an earlier call with it created (or None).

    The key is kept in the creation's audit entry (``after["idempotencyKey"]``): the
    catalogue's tables have no key column, and creations are rare enough that reading the
    account's creation entries is cheap. A key the account used for another kind of
    creation is IDEMPOTENCY_KEY_REUSED.
    """
    key = clean_key(raw_key)
    if key is None:
        return None, None
    entries = await session.execute(
        select(AuditEntry.action, AuditEntry.object_id, AuditEntry.after).where(
            AuditEntry.tenant_id == actor.tenant_id,
            AuditEntry.actor_account_id.is_(None)
            if actor.account_id is None
            else AuditEntry.actor_account_id == actor.account_id,
            AuditEntry.action.in_(list(actions)),
        )
    )
    for entry_action, object_id, after in entries:
        if isinstance(after, dict) and after.get(KEY) == key:
            if entry_action != action:
                raise fail(
                    IDEMPOTENCY_KEY_REUSED,
                    "Cette clé d'idempotence a déjà servi pour une autre création.",
                    KEY,
                )
            return key, object_id
    return key, None


def audit(
    session: AsyncSession,
    actor: Actor,
    action: str,
    row: Any,
    fields: Iterable[str],
    *,
    before: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Record ``action`` on ``row`` with its ``fields`` as they are now (the ``after``);
    returns that snapshot."""
    after = snapshot(row, fields)
    if extra:
        after.update(extra)
    record_change(
        session,
        tenant_id=actor.tenant_id,
        actor_account_id=actor.account_id,
        action=action,
        object_type=type(row).__name__,
        object_id=row.id,
        before=before,
        after=after,
    )
    return after
