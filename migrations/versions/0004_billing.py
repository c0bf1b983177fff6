"""Issue 6 (billing): schema changes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # --- invoicing ---
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credit_reason", sa.String(length=300), nullable=True))
    # --- end invoicing ---
    # --- payments ---
    op.create_table(
        "direct_debit_batch",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("collection_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PREPARED",
                "EXECUTED",
                name="directdebitbatchstatus",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("message_id", sa.String(length=35), nullable=False),
        sa.Column("transaction_count", sa.Integer(), nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("executed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "transaction_count >= 0", name=op.f("ck_direct_debit_batch_count_positive")
        ),
        sa.CheckConstraint("total_cents >= 0", name=op.f("ck_direct_debit_batch_total_positive")),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_direct_debit_batch_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_batch")),
        sa.UniqueConstraint(
            "tenant_id",
            "collection_date",
            name=op.f("uq_direct_debit_batch_tenant_id_collection_date"),
        ),
    )
    with op.batch_alter_table("direct_debit_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_direct_debit_batch_tenant_id"), ["tenant_id"], unique=False
        )
    op.create_table(
        "direct_debit_item",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("batch_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("mandate_reference", sa.String(length=35), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_direct_debit_item_amount_positive")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["direct_debit_batch.id"],
            name=op.f("fk_direct_debit_item_batch_id_direct_debit_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_direct_debit_item_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            name=op.f("fk_direct_debit_item_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_direct_debit_item_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_item")),
        sa.UniqueConstraint("invoice_id", name=op.f("uq_direct_debit_item_invoice_id")),
    )
    with op.batch_alter_table("direct_debit_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_direct_debit_item_batch_id"), ["batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_direct_debit_item_tenant_id"), ["tenant_id"], unique=False
        )
    # --- end payments ---


def downgrade() -> None:
    # --- payments ---
    op.drop_table("direct_debit_item")
    op.drop_table("direct_debit_batch")
    # --- end payments ---
    # --- invoicing ---
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_column("credit_reason")
    # --- end invoicing ---
