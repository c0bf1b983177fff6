"""School years: the frame of registrations, activities and the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from models import SchoolYear as SchoolYearRow
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.administration.school_years import RegistrationCampaign


@strawberry.type(description="A school year (« 2025-2026 »): first and last day of classes.")
class SchoolYear(ScopedNode):
    pk: relay.NodeID[int]
    label: str = strawberry.field(description="« 2025-2026 ».")
    start_date: dt.date = strawberry.field(description="First day of classes.")
    end_date: dt.date = strawberry.field(description="Last day of classes.")

    @classmethod
    def from_row(cls, row: SchoolYearRow) -> Self:
        """Map a database row to the API type."""
        return cls(pk=row.id, label=row.label, start_date=row.start_date, end_date=row.end_date)

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await info.context.loaders.school_year.load_many(keys), cls.from_row)

    @strawberry.field(
        description="Its registration campaign (« Inscriptions »): the days families may "
        "wish registrations, and whether that is today; null when none was opened."
    )
    async def registration_campaign(
        self, info: strawberry.Info
    ) -> (
        Annotated[RegistrationCampaign, strawberry.lazy("schema.administration.school_years")]
        | None
    ):
        campaign_of = upward("schema.administration.school_years", "registration_campaign_of")
        return await campaign_of(info, self.pk)  # type: ignore[no-any-return]
