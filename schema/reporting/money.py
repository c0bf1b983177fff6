"""The money reports: billing (invoice lines) and payments received, in cents."""

from __future__ import annotations

import strawberry

from domain.reporting import ReportResult
from schema.reporting.types import NodeMemo, ReportKeys, keys_of

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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    return BillingReport(
        groups=[
            BillingGroup(
                keys=keys_of(result.name, g, nodes),
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
    nodes: NodeMemo = {}  # one node object per activity or establishment of the report
    return PaymentReport(
        groups=[
            PaymentGroup(
                keys=keys_of(result.name, g, nodes),
                count=g.count,
                families=g.values["families"],
                sum=PaymentSum(amount_cents=g.values["amount_cents"]),
            )
            for g in result.groups
        ],
        suppressed_groups=result.suppressed_groups,
        min_group_size=result.min_group_size,
    )
