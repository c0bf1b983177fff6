"""GraphQL types shared by the reports: keys, filters and enums (each report's group types
live in ``activity``, ``money`` and ``population``).

Shaped like Hasura / pg-aggregates: a report is ``{ groups { keys count sum {…} … }
suppressedGroups minGroupSize }``; ``keys`` holds the value of every dimension asked in
``groupBy`` (the others are null). Hot fields are plain attributes computed before
execution; only ``keys.activity`` / ``keys.establishment`` load their node (batched), and
each node is built once per report: the groups of a report share one ``NodeMemo`` (a year
of months × activities names the same few activities hundreds of times).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any

import strawberry
from strawberry import relay

from domain.labels import LABELS, label
from domain.reporting import AgeBand, Dimension, QfBracket, ReportGroup
from domain.reporting.query import ReportDimension
from models.billing import InvoiceStatus, PaymentMethod
from models.booking import BookingStatus
from models.child import Grade
from models.request import RequestStatus, RequestType
from schema.catalogue.types import Activity, Establishment
from schema.selections import names_below

ReportDimensionEnum = strawberry.enum(
    ReportDimension,
    description="What a report's groups are keyed by: day, ISO week, month, activity, "
    "establishment, grade, status, family-quotient bracket, request type, payment method, "
    "CAF age band (each report accepts those that make sense for it).",
)
AgeBandEnum = strawberry.enum(
    AgeBand, description="CAF age band: the child's age on 1 January of the year."
)


@strawberry.input(description="Which rows a report covers (every filter is optional).")
class ReportFilter:
    from_: dt.date | None = strawberry.field(
        default=None, name="from", description="First day included (tenant's calendar)."
    )
    to: dt.date | None = strawberry.field(default=None, description="Last day included.")
    establishments: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these establishments."
    )
    establishment_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Only these establishments.",
        deprecation_reason="Use `establishments`.",
    )
    activities: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these activities."
    )
    activity_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these activities.", deprecation_reason="Use `activities`."
    )
    grades: list[Grade] | None = strawberry.field(
        default=None, description="Only children of these grades."
    )


GroupByArg = Annotated[
    list[ReportDimension] | None,
    strawberry.argument(description="Dimensions to group by, in order (none: one total group)."),
]
WhereArg = Annotated[
    ReportFilter | None, strawberry.argument(description="Filters (date range, places, grades).")
]


@strawberry.type(description="A family-quotient bracket: minimum ≤ QF < maximum.")
class ReportQfBracket:
    minimum: int = strawberry.field(description="Lowest quotient of the bracket.")
    maximum: int | None = strawberry.field(
        description="First quotient above the bracket (null: no upper bound)."
    )
    label: str = strawberry.field(description="« 400 à 599 », « 1900 et plus ».")


_STATUS_ENUMS: dict[str, type] = {
    "attendance": BookingStatus,
    "requests": RequestStatus,
    "billing": InvoiceStatus,
}


NodeMemo = dict[tuple[str, int], "asyncio.Future[Any]"]


def _node_once(
    memo: NodeMemo,
    key: tuple[str, int],
    load: Callable[[], Awaitable[Any]],
    to_node: Callable[[Any], Any],
) -> Any:
    """The node ``key`` of a report, built by the first group that asks for it and shared
    with the others (one load and one API object per node and report, not per group).
    Built at once when its row is already loaded (see :func:`load_report_nodes`), so that
    the groups that show it complete without waiting."""
    found = memo.get(key)
    if found is None:
        loading = load()
        if isinstance(loading, asyncio.Future) and loading.done() and not loading.cancelled():
            found = asyncio.get_running_loop().create_future()
            error = loading.exception()
            if error is None:
                found.set_result(to_node(loading.result()))
            else:
                found.set_exception(error)
        else:

            async def build() -> Any:
                return to_node(await loading)

            found = asyncio.ensure_future(build())
        memo[key] = found
    return found


def _activity_node(row: Any) -> Activity | None:
    return None if row is None else Activity.from_row(row)


def _establishment_node(row: Any) -> Establishment | None:
    return None if row is None else Establishment.from_row(row)


async def load_report_nodes(info: strawberry.Info, groups: Sequence[ReportGroup]) -> None:
    """Load at once the activities and establishments the groups' selected keys show (one
    batch each, as the groups would have made), before the groups are completed."""
    selected = info.selected_fields[0].selections if info.selected_fields else ()
    shown = names_below(selected, "groups", "keys")
    loaders = info.context.loaders
    waits = []
    for name, dimension, loader in (
        ("activity", Dimension.ACTIVITY, loaders.activity),
        ("establishment", Dimension.ESTABLISHMENT, loaders.establishment),
    ):
        if name in shown:
            pks = sorted({pk for g in groups if (pk := g.keys.get(dimension)) is not None})
            if pks:
                waits.append(loader.load_many(pks))
    if waits:
        await asyncio.gather(*waits)


@strawberry.type(description="The keys of a group: one per dimension asked, others null.")
class ReportKeys:
    day: dt.date | None = strawberry.field(description="Day (DAY).")
    week: dt.date | None = strawberry.field(description="Monday of the ISO week (WEEK).")
    iso_week: str | None = strawberry.field(description="ISO week, « 2026-W03 » (WEEK).")
    month: dt.date | None = strawberry.field(description="First day of the month (MONTH).")
    activity_pk: strawberry.Private[int | None]
    establishment_pk: strawberry.Private[int | None]
    activity_name: str | None = strawberry.field(description="Name of the activity (ACTIVITY).")
    establishment_name: str | None = strawberry.field(
        description="Name of the establishment (ESTABLISHMENT)."
    )
    grade: Grade | None = strawberry.field(description="School grade (GRADE).")
    status: str | None = strawberry.field(
        description="Status (STATUS): of the booking (attendance), request (requests) or "
        "invoice (billing)."
    )
    status_label: str | None = strawberry.field(description="French label of the status.")
    qf_bracket: ReportQfBracket | None = strawberry.field(
        description="Family-quotient bracket (QF_BRACKET); null: no quotient known."
    )
    request_type: str | None = strawberry.field(description="Request type (REQUEST_TYPE).")
    request_type_label: str | None = strawberry.field(description="French label of the type.")
    payment_method: str | None = strawberry.field(description="Payment method (PAYMENT_METHOD).")
    payment_method_label: str | None = strawberry.field(
        description="French label of the payment method."
    )
    age_band: AgeBand | None = strawberry.field(description="CAF age band (AGE_BAND).")
    nodes: strawberry.Private[NodeMemo]

    @strawberry.field(description="The activity (ACTIVITY).")
    async def activity(self, info: strawberry.Info) -> Activity | None:
        pk = self.activity_pk
        if pk is None:
            return None
        loader = info.context.loaders.activity
        node = _node_once(self.nodes, ("Activity", pk), lambda: loader.load(pk), _activity_node)
        return await node  # type: ignore[no-any-return]

    @strawberry.field(description="The establishment (ESTABLISHMENT).")
    async def establishment(self, info: strawberry.Info) -> Establishment | None:
        pk = self.establishment_pk
        if pk is None:
            return None
        loader = info.context.loaders.establishment
        node = _node_once(
            self.nodes, ("Establishment", pk), lambda: loader.load(pk), _establishment_node
        )
        return await node  # type: ignore[no-any-return]


def _label_of(enum_cls: type, value: str | None) -> str | None:
    if value is None:
        return None
    return LABELS.get(enum_cls, {}).get(value, value)


def keys_of(report: str, group: ReportGroup, nodes: NodeMemo | None = None) -> ReportKeys:
    """The GraphQL keys of a domain group (``nodes``: shared by the groups of one report)."""
    k = group.keys
    week = k.get(Dimension.WEEK)
    status = k.get(Dimension.STATUS)
    bracket: QfBracket | None = k.get(Dimension.QF_BRACKET)
    request_type = k.get(Dimension.REQUEST_TYPE)
    method = k.get(Dimension.PAYMENT_METHOD)
    status_enum = _STATUS_ENUMS.get(report)
    return ReportKeys(
        day=k.get(Dimension.DAY),
        week=week,
        iso_week=None if week is None else f"{week.isocalendar()[0]}-W{week.isocalendar()[1]:02d}",
        month=k.get(Dimension.MONTH),
        activity_pk=k.get(Dimension.ACTIVITY),
        establishment_pk=k.get(Dimension.ESTABLISHMENT),
        activity_name=group.names.get(Dimension.ACTIVITY),
        establishment_name=group.names.get(Dimension.ESTABLISHMENT),
        grade=k.get(Dimension.GRADE),
        status=status,
        status_label=_label_of(status_enum, status) if status_enum else status,
        qf_bracket=None
        if bracket is None
        else ReportQfBracket(minimum=bracket.minimum, maximum=bracket.maximum, label=bracket.label),
        request_type=request_type,
        request_type_label=_label_of(RequestType, request_type),
        payment_method=method,
        payment_method_label=_label_of(PaymentMethod, method),
        age_band=k.get(Dimension.AGE_BAND),
        nodes={} if nodes is None else nodes,
    )


__all__ = ["AgeBandEnum", "ReportDimensionEnum", "label"]
