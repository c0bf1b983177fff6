"""Issue 5 (live updates): the event log's cursor

The cursor (``event.seq``) is given to a transaction's events just before it commits,
in commit order within a tenant (see ``domain.events``); on PostgreSQL it comes from its
own sequence.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True)
        )
        batch_op.create_unique_constraint(batch_op.f("uq_event_seq"), ["seq"])
        batch_op.create_index(
            batch_op.f("ix_event_tenant_id_seq"), ["tenant_id", "seq"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE IF NOT EXISTS event_cursor_seq")
    # Events written before this migration are all committed: number them in id order.
    op.execute("UPDATE event SET seq = id WHERE seq IS NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "SELECT setval('event_cursor_seq', GREATEST((SELECT COALESCE(MAX(seq), 0) "
            "FROM event), 1))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS event_cursor_seq")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tenant_id_seq"))
        batch_op.drop_constraint(batch_op.f("uq_event_seq"), type_="unique")
        batch_op.drop_column("seq")
