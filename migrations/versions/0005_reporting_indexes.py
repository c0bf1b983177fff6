"""Issue 7 (reporting): indexes for the aggregates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 23:45:00

- ``ix_booking_reporting`` (tenant, date, activity, slot, status, attendance, child): the
  occupancy, attendance and CAF reports read a date range of one tenant's bookings from
  this index alone (no table lookups), on SQLite and PostgreSQL.
- requests by creation time, invoices by billed month, payments by payment date.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOOKING_COLUMNS = [
    "tenant_id",
    "date",
    "activity_id",
    "slot_id",
    "status",
    "attendance",
    "child_id",
]


def upgrade() -> None:
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index("ix_booking_reporting", BOOKING_COLUMNS, unique=False)
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_tenant_id_created_at"), ["tenant_id", "created_at"], unique=False
        )
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_tenant_id_period_start"),
            ["tenant_id", "period_start"],
            unique=False,
        )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_tenant_id_paid_on"), ["tenant_id", "paid_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_tenant_id_paid_on"))
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_tenant_id_period_start"))
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_tenant_id_created_at"))
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index("ix_booking_reporting")
