"""Values awaiting the collectivity's decision, shown beside the family file's own values."""

from __future__ import annotations

import strawberry

from domain import change_requests as domain
from resolvers import change_requests as actions
from schema.change_requests.types import FieldChange, field_changes


async def pending_changes(
    info: strawberry.Info,
    family_pk: int,
    *,
    guardian_pk: int | None = None,
    child_pk: int | None = None,
) -> list[FieldChange]:
    """Values awaiting the collectivity's decision for a guardian, a child, or (neither
    given) the family itself — one batched read for the whole family file."""
    if not info.context.viewer.can_read_family(family_pk):
        return []
    rows = await actions.open_changes_of_family(info.context, family_pk)
    selected = domain.pending_for(
        rows,
        guardian_id=guardian_pk,
        child_id=child_pk,
        family_level=guardian_pk is None and child_pk is None,
    )
    return await field_changes(info, selected)
