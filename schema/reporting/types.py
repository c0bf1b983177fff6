"""GraphQL types of the reports: shared keys, filters and enums, one group type per report.

Shaped like Hasura / pg-aggregates: a report is ``{ groups { keys count sum {…} … }
suppressedGroups minGroupSize }``; ``keys`` holds the value of every dimension asked in
``groupBy`` (the others are null). Hot fields are plain attributes computed before
execution; only ``keys.activity`` / ``keys.establishment`` load their node (batched).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.labels import LABELS, label
from domain.reporting import AgeBand, Dimension, QfBracket, ReportGroup, ReportResult
from domain.reporting.query import ReportDimension
from models.billing import InvoiceStatus, PaymentMethod
from models.booking import BookingStatus
from models.child import Grade
from models.request import RequestStatus, RequestType
from schema.catalogue import Activity, Establishment

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
    establishment_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these establishments."
    )
    activity_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Only these activities."
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

    @strawberry.field(description="The activity (ACTIVITY).")
    async def activity(self, info: strawberry.Info) -> Activity | None:
        if self.activity_pk is None:
            return None
        row = await info.context.loaders.activity.load(self.activity_pk)
        return None if row is None else Activity.from_row(row)

    @strawberry.field(description="The establishment (ESTABLISHMENT).")
    async def establishment(self, info: strawberry.Info) -> Establishment | None:
        if self.establishment_pk is None:
            return None
        row = await info.context.loaders.establishment.load(self.establishment_pk)
        return None if row is None else Establishment.from_row(row)


def _label_of(enum_cls: type, value: str | None) -> str | None:
    if value is None:
        return None
    return LABELS.get(enum_cls, {}).get(value, value)


def keys_of(report: str, group: ReportGroup) -> ReportKeys:
    """The GraphQL keys of a domain group."""
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
    )


# --- occupancy -------------------------------------------------------------------------


@strawberry.type(description="Sums over a group's slot occurrences.")
class OccupancySum:
    reserved: int = strawberry.field(description="Places reserved.")
    capacity: int = strawberry.field(description="Places offered (capped occurrences only).")
    waiting_list: int = strawberry.field(description="Children on the waiting list.")


@strawberry.type(description="Peaks: the busiest occurrence of the group.")
class OccupancyMax:
    reserved: int = strawberry.field(description="Most places reserved on one occurrence.")
    waiting_list: int = strawberry.field(description="Longest waiting list of one occurrence.")
    occupancy_rate: float | None = strawberry.field(
        description="Highest reserved / capacity of one occurrence (null: no capacity)."
    )


@strawberry.type(description="Occupancy of a group of slot occurrences.")
class OccupancyGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Slot occurrences (with at least one booking).")
    sum: OccupancySum = strawberry.field(description="Sums over the occurrences.")
    max: OccupancyMax = strawberry.field(description="Peaks over the occurrences.")
    occupancy_rate: float | None = strawberry.field(
        description="Reserved / capacity over capped occurrences (null: no capacity)."
    )


@strawberry.type(description="The occupancy report.")
class OccupancyReport:
    groups: list[OccupancyGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer people than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def occupancy_report(result: ReportResult) -> OccupancyReport:
    """Map the domain result."""
    groups = []
    for g in result.groups:
        v = g.values
        groups.append(
            OccupancyGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                sum=OccupancySum(
                    reserved=v["reserved"], capacity=v["capacity"], waiting_list=v["waiting_list"]
                ),
                max=OccupancyMax(
                    reserved=v["max_reserved"],
                    waiting_list=v["max_waiting_list"],
                    occupancy_rate=v["max_occupancy_rate"],
                ),
                occupancy_rate=v["occupancy_rate"],
            )
        )
    return OccupancyReport(
        groups=groups,
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


# --- attendance ------------------------------------------------------------------------


@strawberry.type(description="Sums over a group's bookings.")
class AttendanceSum:
    present: int = strawberry.field(description="Marked present.")
    absent: int = strawberry.field(description="Absent (notified or marked).")
    absent_billed: int = strawberry.field(description="Absences billed.")
    present_without_booking: int = strawberry.field(description="Present without a booking.")


@strawberry.type(description="Attendance of a group of bookings.")
class AttendanceGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Booking rows.")
    children: int = strawberry.field(description="Distinct children.")
    sum: AttendanceSum = strawberry.field(description="Sums over the bookings.")
    attendance_rate: float | None = strawberry.field(
        description="present / (present + absent) (null: nothing recorded)."
    )


@strawberry.type(description="The attendance report.")
class AttendanceReport:
    groups: list[AttendanceGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer children than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def attendance_report(result: ReportResult) -> AttendanceReport:
    """Map the domain result."""
    return AttendanceReport(
        groups=[
            AttendanceGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                children=g.values["children"],
                sum=AttendanceSum(
                    present=g.values["present"],
                    absent=g.values["absent"],
                    absent_billed=g.values["absent_billed"],
                    present_without_booking=g.values["present_without_booking"],
                ),
                attendance_rate=g.values["attendance_rate"],
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


# --- requests --------------------------------------------------------------------------


@strawberry.type(description="Requests of a group by outcome.")
class RequestSum:
    in_progress: int = strawberry.field(description="Pending or transmitted.")
    accepted: int = strawberry.field(description="Accepted.")
    partially_accepted: int = strawberry.field(description="Partially accepted.")
    refused: int = strawberry.field(description="Refused.")
    cancelled: int = strawberry.field(description="Cancelled by the family.")
    decided: int = strawberry.field(description="Decided (accepted, partially, refused).")
    decided_within_48h: int = strawberry.field(description="Decided within 48 hours.")


@strawberry.type(description="Hours from creation to decision, over decided requests.")
class ProcessingTime:
    median: float | None = strawberry.field(description="Median, in hours.")
    p90: float | None = strawberry.field(description="90th percentile, in hours.")


@strawberry.type(description="Requests of a group.")
class RequestGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Requests.")
    families: int = strawberry.field(description="Distinct families.")
    sum: RequestSum = strawberry.field(description="Counts by outcome.")
    processing_hours: ProcessingTime = strawberry.field(
        description="Time from creation to decision."
    )
    decided_within_48h_share: float | None = strawberry.field(
        description="Share of decided requests decided within 48 hours."
    )


@strawberry.type(description="The requests report.")
class RequestReport:
    groups: list[RequestGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer families than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def request_report(result: ReportResult) -> RequestReport:
    """Map the domain result."""
    groups = []
    for g in result.groups:
        v = g.values
        groups.append(
            RequestGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                families=v["families"],
                sum=RequestSum(
                    in_progress=v["in_progress"],
                    accepted=v["accepted"],
                    partially_accepted=v["partially_accepted"],
                    refused=v["refused"],
                    cancelled=v["cancelled"],
                    decided=v["decided"],
                    decided_within_48h=v["decided_within_48h"],
                ),
                processing_hours=ProcessingTime(median=v["median_hours"], p90=v["p90_hours"]),
                decided_within_48h_share=v["decided_within_48h_share"],
            )
        )
    return RequestReport(
        groups=groups,
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


# --- billing and payments --------------------------------------------------------------


@strawberry.type(description="Amounts of a group of invoice lines, in cents.")
class BillingSum:
    invoiced_cents: int = strawberry.field(description="Invoiced.")
    paid_cents: int = strawberry.field(
        description="Paid (an invoice's payments spread over its lines pro rata)."
    )
    remaining_cents: int = strawberry.field(description="Invoiced − paid.")
    transmitted_cents: int = strawberry.field(
        description="Invoiced on invoices transmitted to the public treasury."
    )


@strawberry.type(description="Billing of a group (cancelled invoices excluded).")
class BillingGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Invoices.")
    families: int = strawberry.field(description="Distinct families invoiced.")
    sum: BillingSum = strawberry.field(description="Amounts.")


@strawberry.type(description="The billing report.")
class BillingReport:
    groups: list[BillingGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer families than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def billing_report(result: ReportResult) -> BillingReport:
    """Map the domain result."""
    return BillingReport(
        groups=[
            BillingGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                families=g.values["families"],
                sum=BillingSum(
                    invoiced_cents=g.values["invoiced_cents"],
                    paid_cents=g.values["paid_cents"],
                    remaining_cents=g.values["remaining_cents"],
                    transmitted_cents=g.values["transmitted_cents"],
                ),
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


@strawberry.type(description="Amounts of a group of payments, in cents.")
class PaymentSum:
    amount_cents: int = strawberry.field(description="Amount received.")


@strawberry.type(description="Payments of a group.")
class PaymentGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Payments.")
    families: int = strawberry.field(description="Distinct families.")
    sum: PaymentSum = strawberry.field(description="Amounts.")


@strawberry.type(description="The payments report.")
class PaymentReport:
    groups: list[PaymentGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer families than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def payment_report(result: ReportResult) -> PaymentReport:
    """Map the domain result."""
    return PaymentReport(
        groups=[
            PaymentGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                families=g.values["families"],
                sum=PaymentSum(amount_cents=g.values["amount_cents"]),
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


# --- children and families -------------------------------------------------------------


@strawberry.type(description="Children of validated families in a group.")
class ChildrenGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Children.")
    families: int = strawberry.field(description="Distinct families.")


@strawberry.type(description="The families-and-children report.")
class ChildrenReport:
    groups: list[ChildrenGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for holding fewer children than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def children_report(result: ReportResult) -> ChildrenReport:
    """Map the domain result."""
    return ChildrenReport(
        groups=[
            ChildrenGroup(
                keys=keys_of(result.name, g), count=g.count, families=g.values["families"]
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


# --- CAF -------------------------------------------------------------------------------


@strawberry.type(description="Attendance time of a group.")
class CafSum:
    hours: float = strawberry.field(description="Hours of attendance (two decimals).")
    minutes: int = strawberry.field(description="Minutes of attendance (exact).")


@strawberry.type(description="Childcare attendance of a group, for the CAF.")
class CafGroup:
    keys: ReportKeys = strawberry.field(description="The group's keys.")
    count: int = strawberry.field(description="Attendances (child present on a slot).")
    children: int = strawberry.field(description="Distinct children.")
    sum: CafSum = strawberry.field(description="Attendance time.")


@strawberry.type(description="The CAF yearly statistics.")
class CafReport:
    year: int = strawberry.field(description="Calendar year covered.")
    groups: list[CafGroup] = strawberry.field(description="Groups, by keys.")
    suppressed_groups: int = strawberry.field(
        description="Groups left out for describing fewer children than minGroupSize."
    )
    min_group_size: int = strawberry.field(description="The suppression threshold applied.")


def caf_report(result: ReportResult, year: int) -> CafReport:
    """Map the domain result."""
    return CafReport(
        year=year,
        groups=[
            CafGroup(
                keys=keys_of(result.name, g),
                count=g.count,
                children=g.values["children"],
                sum=CafSum(hours=g.values["hours"], minutes=g.values["minutes"]),
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )


__all__ = ["AgeBandEnum", "ReportDimensionEnum", "label"]
