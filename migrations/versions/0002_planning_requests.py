"""Issue 4 (planning, requests): the per-occurrence history of actions, idempotent messages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_KINDS = (
    "RESERVATION_REQUESTED",
    "ABSENCE_DECLARED",
    "ACCEPTED",
    "ABSENCE_ACCEPTED",
    "REFUSED",
    "WAITING_LISTED",
    "PROMOTED",
    "REMOVED_FROM_WAITING_LIST",
    "CANCELLED",
    "MARKED_PRESENT",
    "MARKED_ABSENT",
    "JUSTIFICATION_SUBMITTED",
    "ABSENCE_JUSTIFIED",
    "JUSTIFICATION_REFUSED",
)


def upgrade() -> None:
    op.create_table(
        "occurrence_action",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("tenant_id", _ID, nullable=False),
        sa.Column("child_id", _ID, nullable=False),
        sa.Column("slot_id", _ID, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *_KINDS,
                name="occurrenceactionkind",
                native_enum=False,
                create_constraint=True,
                length=max(len(k) for k in _KINDS) + 8,
            ),
            nullable=False,
        ),
        sa.Column("request_id", _ID, nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_occurrence_action_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["request.id"],
            name=op.f("fk_occurrence_action_request_id_request"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["slot.id"],
            name=op.f("fk_occurrence_action_slot_id_slot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_occurrence_action_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_occurrence_action")),
    )
    with op.batch_alter_table("occurrence_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_occurrence_action_child_id_date"), ["child_id", "date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_occurrence_action_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_occurrence_action_tenant_id"), ["tenant_id"], unique=False
        )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=100), nullable=True))
        batch_op.create_index(
            "uq_message_idempotency_key",
            ["tenant_id", "author_account_id", "idempotency_key"],
            unique=True,
            sqlite_where=sa.text("idempotency_key IS NOT NULL"),
            postgresql_where=sa.text("idempotency_key IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("uq_message_idempotency_key")
        batch_op.drop_column("idempotency_key")
    op.drop_table("occurrence_action")
