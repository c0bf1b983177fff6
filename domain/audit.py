"""The audit trail of administrative and staff changes: one entry written with the change.

Every capability that changes the town's set-up (catalogue, calendar, staff accounts,
settings) or decides for a family calls ``record_change`` in the transaction of the change
itself, so the entry commits or rolls back with it. Values are JSON-ready snapshots taken
with ``snapshot``: the entry keeps what the row was, even after the row changes again.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditEntry

__all__ = ["diff", "record_change", "snapshot"]


def _json_value(value: Any) -> Any:
    """A value as JSON can hold it: dates and times in ISO 8601, enums by value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value


def snapshot(row: object, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``row`` as a JSON-ready dict, for the before/after of an entry."""
    return {name: _json_value(getattr(row, name)) for name in fields}


def diff(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value changed, so an entry shows what the change was."""
    changed = [key for key in after if before.get(key) != after.get(key)]
    return (
        {key: _json_value(before.get(key)) for key in changed},
        {key: _json_value(after.get(key)) for key in changed},
    )


def record_change(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    action: str,
    object_type: str,
    object_id: int | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to ``session``: it commits (or rolls back) with the change.

    ``action`` is a dotted verb (« slot.capacity_changed »); ``actor_account_id`` is None
    for a command-line operator. The caller flushes or commits as for the change itself.
    """
    entry = AuditEntry(
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=None if before is None else _json_value(dict(before)),
        after=None if after is None else _json_value(dict(after)),
    )
    session.add(entry)
    return entry
