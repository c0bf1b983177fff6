"""The population reports: children of validated families, and the CAF yearly
statistics of childcare attendance by age band."""

from __future__ import annotations

import strawberry

from domain.reporting import ReportResult
from schema.reporting.types import NodeMemo, ReportKeys, keys_of

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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    return ChildrenReport(
        groups=[
            ChildrenGroup(
                keys=keys_of(result.name, g, nodes), count=g.count, families=g.values["families"]
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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    return CafReport(
        year=year,
        groups=[
            CafGroup(
                keys=keys_of(result.name, g, nodes),
                count=g.count,
                children=g.values["children"],
                sum=CafSum(hours=g.values["hours"], minutes=g.values["minutes"]),
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )
