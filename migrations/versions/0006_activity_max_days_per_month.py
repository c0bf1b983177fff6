"""Issue 11 (one booking rule engine): « at most N days a month » per activity

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 05:30:00

- ``activity.max_days_per_month`` (nullable integer): a child may hold at most that many
  dates of the activity in one calendar month (reserved, waiting list or asked for);
  NULL, the default, means no limit. A plain ``ADD COLUMN`` on both SQLite and PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_days_per_month", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("max_days_per_month")
