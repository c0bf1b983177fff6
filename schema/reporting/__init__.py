"""Reporting in the graph: aggregates for dashboards, never people (issue 7).

``reports`` is reachable by reporting accounts, staff and admins (parents get FORBIDDEN,
visitors UNAUTHENTICATED). Each field runs one GROUP BY statement (plus one read of the
tenant's reporting settings); groups describing fewer people than ``minGroupSize`` are
left out and counted in ``suppressedGroups``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import strawberry

from domain.reporting import Dimension, ReportFilter, ReportingError, ReportResult
from resolvers import reporting as reads
from schema.errors import PublicError
from schema.ids import decode_pk
from schema.payments.arguments import renamed
from schema.permissions import Reporting
from schema.reporting.activity import (
    AttendanceReport,
    OccupancyReport,
    RequestReport,
    attendance_report,
    occupancy_report,
    request_report,
)
from schema.reporting.money import BillingReport, PaymentReport, billing_report, payment_report
from schema.reporting.population import CafReport, ChildrenReport, caf_report, children_report
from schema.reporting.types import GroupByArg, WhereArg, load_report_nodes
from schema.reporting.types import ReportFilter as ReportFilterInput

T = TypeVar("T")


def domain_filter(where: ReportFilterInput | None) -> ReportFilter:
    """The domain filter of a GraphQL ``where`` (global IDs decoded, checked by type)."""
    if where is None:
        return ReportFilter()

    def pks(
        ids: list[strawberry.relay.GlobalID] | None, type_name: str, field: str
    ) -> tuple[int, ...]:
        found = []
        for global_id in ids or []:
            pk = decode_pk(global_id, type_name, field)
            if pk is not None:
                found.append(pk)
        return tuple(found)

    def _renamed_pks(
        new: list[strawberry.relay.GlobalID] | None,
        old: list[strawberry.relay.GlobalID] | None,
        type_name: str,
        new_name: str,
        old_name: str,
    ) -> tuple[int, ...]:
        # The new name first; the deprecated one still works (issue 15, item 7).
        return pks(
            renamed(new, old, new_name, old_name),
            type_name,
            new_name if new is not None else old_name,
        )

    return ReportFilter(
        date_from=where.from_,
        date_to=where.to,
        establishment_ids=_renamed_pks(
            where.establishments,
            where.establishment_ids,
            "Establishment",
            "establishments",
            "establishmentIds",
        ),
        activity_ids=_renamed_pks(
            where.activities, where.activity_ids, "Activity", "activities", "activityIds"
        ),
        grades=tuple(where.grades or ()),
    )


async def _run(
    info: strawberry.Info,
    name: str,
    where: ReportFilterInput | None,
    group_by: list[Dimension] | None,
    shape: Callable[[ReportResult], T],
    year: int | None = None,
) -> T:
    try:
        result = await reads.report(
            info.context, name, group_by=group_by or [], where=domain_filter(where), year=year
        )
    except ReportingError as exc:
        raise PublicError(str(exc)) from exc
    await load_report_nodes(info, result.groups)
    return shape(result)


GROUPS_DOC = " Groups by: "


@strawberry.type(
    description="Aggregates for dashboards and statistics, computed in the database. "
    "Never a person: groups too small to be anonymous are suppressed."
)
class Reports:
    @strawberry.field(
        description="Reserved places, capacity and waiting list per slot occurrence, with "
        "peaks." + GROUPS_DOC + "DAY, WEEK, MONTH, ACTIVITY, ESTABLISHMENT."
    )
    async def occupancy(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> OccupancyReport:
        return await _run(info, "occupancy", where, group_by, occupancy_report)

    @strawberry.field(
        description="Present, absent, billed absences, present without booking, attendance "
        "rate." + GROUPS_DOC + "DAY, WEEK, MONTH, ACTIVITY, ESTABLISHMENT, GRADE, STATUS."
    )
    async def attendance(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> AttendanceReport:
        return await _run(info, "attendance", where, group_by, attendance_report)

    @strawberry.field(
        description="Requests by type and outcome, processing time (median, 90th percentile) "
        "and share decided within 48 h; dates are creation dates." + GROUPS_DOC + "DAY, "
        "WEEK, MONTH, ACTIVITY, ESTABLISHMENT, GRADE, STATUS, REQUEST_TYPE."
    )
    async def requests(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> RequestReport:
        return await _run(info, "requests", where, group_by, request_report)

    @strawberry.field(
        description="Invoiced, paid, remaining and transmitted to the treasury; dates select "
        "the billed month." + GROUPS_DOC + "MONTH, ACTIVITY, ESTABLISHMENT, GRADE, STATUS."
    )
    async def billing(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> BillingReport:
        return await _run(info, "billing", where, group_by, billing_report)

    @strawberry.field(
        description="Payments received; dates are payment dates (no other filter)."
        + GROUPS_DOC
        + "DAY, WEEK, MONTH, PAYMENT_METHOD."
    )
    async def payments(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> PaymentReport:
        return await _run(info, "payments", where, group_by, payment_report)

    @strawberry.field(
        description="Children and families of validated files, on the day `where.to` (else "
        "today); an activity filter keeps children registered to it that day."
        + GROUPS_DOC
        + "ESTABLISHMENT (school), GRADE, QF_BRACKET, AGE_BAND."
    )
    async def children(
        self, info: strawberry.Info, where: WhereArg = None, group_by: GroupByArg = None
    ) -> ChildrenReport:
        return await _run(info, "children", where, group_by, children_report)

    @strawberry.field(
        description="CAF yearly statistics: hours of attendance in childcare activities, per "
        "age band on 1 January; `where` dates are ignored (the year decides)."
        + GROUPS_DOC
        + "AGE_BAND, ACTIVITY, ESTABLISHMENT, MONTH, WEEK, DAY, GRADE."
    )
    async def caf(
        self,
        info: strawberry.Info,
        year: Annotated[int, strawberry.argument(description="Calendar year (« 2026 »).")],
        where: WhereArg = None,
        group_by: GroupByArg = None,
    ) -> CafReport:
        return await _run(
            info, "caf", where, group_by, lambda result: caf_report(result, year), year=year
        )


@strawberry.type(description="Entry points to reporting.")
class ReportingQueries:
    """The ``reports`` root."""

    @strawberry.field(
        description="Aggregates (reporting accounts, staff and administrators only).",
        # The only way to the Reports fields: their resolvers check no role again.
        permission_classes=[Reporting],
    )
    def reports(self) -> Reports:
        return Reports()


__all__ = ["ReportingQueries", "Reports", "domain_filter"]
