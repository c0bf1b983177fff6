"""The activity reports: occupancy of slot occurrences, attendance of bookings, and
requests with their outcome and processing time (one group type and mapper each)."""

from __future__ import annotations

import strawberry

from domain.reporting import ReportResult
from schema.reporting.types import NodeMemo, ReportKeys, keys_of

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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    groups = []
    for g in result.groups:
        v = g.values
        groups.append(
            OccupancyGroup(
                keys=keys_of(result.name, g, nodes),
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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    return AttendanceReport(
        groups=[
            AttendanceGroup(
                keys=keys_of(result.name, g, nodes),
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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    groups = []
    for g in result.groups:
        v = g.values
        groups.append(
            RequestGroup(
                keys=keys_of(result.name, g, nodes),
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
