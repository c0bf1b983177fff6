"""Entry points to family files: the staff list of families and the viewer's own."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.family import FamilyStatus
from resolvers.family import reads
from resolvers.pagination import PaginationError
from schema.connections import edges, page_info
from schema.errors import PublicError
from schema.family.family import Family, FamilyConnection
from schema.inputs import choice
from schema.permissions import Staff


@strawberry.input(description="Match one family status or any of several.")
class FamilyStatusFilter:
    eq: FamilyStatus | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[FamilyStatus] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters on families.")
class FamilyFilter:
    status: FamilyStatusFilter | None = strawberry.field(default=None, description="By state.")
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive search in the name and subscriber code."
    )


@strawberry.type(description="Entry points to family files.")
class FamilyQueries:
    @strawberry.field(
        description="Staff: the families of the collectivity, by name. "
        "Relay pagination (≤ 100 per page).",
        permission_classes=[Staff],
    )
    async def families(
        self,
        info: strawberry.Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size, forwards.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Page size, backwards.")
        ] = None,
        before: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        where: Annotated[FamilyFilter | None, strawberry.argument(description="Filters.")] = None,
    ) -> FamilyConnection:
        where = where or FamilyFilter()
        status = where.status
        try:
            page = await reads.families_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                statuses=choice(status.eq, status.one_of) if status else None,
                search=where.search,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return FamilyConnection(
            edges=edges(page, Family.from_row), page_info=page_info(page), _count=page.total_count
        )


async def viewer_family(info: strawberry.Info) -> Family | None:
    """The viewer's own family (parents linked to a guardian), else null."""
    family_id = info.context.viewer.family_id
    if family_id is None:
        return None
    (row,) = await reads.families_by_id(info.context, [family_id])
    return Family.from_row(row) if row is not None else None
