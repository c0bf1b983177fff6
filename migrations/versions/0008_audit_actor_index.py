"""Audit entries read by account and action (idempotency keys of creations)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:45:00

The creations whose tables have no idempotency-key column (establishments, activities,
price lists, school years, rollovers, registration wishes) keep the key in their audit
entry and read it back among the account's entries of those actions: an index on
``(tenant_id, actor_account_id, action)`` keeps that read small as the trail grows.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_entry_tenant_id_actor_account_id_action"),
            ["tenant_id", "actor_account_id", "action"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_tenant_id_actor_account_id_action"))
