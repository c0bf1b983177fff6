"""Initial schema: the whole data model

Revision ID: 0001
Revises:
Create Date: 2026-11-28 21:20:31.009376
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "tenant",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("service_name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column(
            "school_zone",
            sa.Enum(
                "A",
                "B",
                "C",
                name="schoolzone",
                native_enum=False,
                create_constraint=True,
                length=9,
            ),
            nullable=False,
        ),
        sa.Column("mail_from", sa.String(length=254), nullable=False),
        sa.Column("postal_address", sa.String(length=400), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("slug <> ''", name=op.f("ck_tenant_slug_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenant")),
        sa.UniqueConstraint("slug", name=op.f("uq_tenant_slug")),
    )
    op.create_table(
        "billing_run",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "RUNNING",
                "COMPLETED",
                name="billingrunstatus",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("invoice_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_billing_run_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_billing_run")),
        sa.UniqueConstraint("tenant_id", "month", name=op.f("uq_billing_run_tenant_id_month")),
    )
    with op.batch_alter_table("billing_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_billing_run_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "establishment",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "NURSERY_SCHOOL",
                "ELEMENTARY_SCHOOL",
                "PRIMARY_SCHOOL",
                "LEISURE_CENTRE",
                "YOUTH_CENTRE",
                name="establishmentkind",
                native_enum=False,
                create_constraint=True,
                length=25,
            ),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=16), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_establishment_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_establishment")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_establishment_tenant_id_code")),
    )
    with op.batch_alter_table("establishment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_establishment_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "family",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("subscriber_code", sa.String(length=20), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SUBMITTED",
                "VALIDATED",
                "REJECTED",
                name="familystatus",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("rejection_reason", sa.String(length=1000), nullable=True),
        sa.Column("accepts_email", sa.Boolean(), nullable=False),
        sa.Column("accepts_sms", sa.Boolean(), nullable=False),
        sa.Column("accepts_post", sa.Boolean(), nullable=False),
        sa.Column("paper_invoice", sa.Boolean(), nullable=False),
        sa.Column("reminder_by_email", sa.Boolean(), nullable=False),
        sa.Column("reminder_by_sms", sa.Boolean(), nullable=False),
        sa.Column("reminder_by_post", sa.Boolean(), nullable=False),
        sa.Column("direct_debit", sa.Boolean(), nullable=False),
        sa.Column("resident", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("validated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status <> 'VALIDATED' OR subscriber_code IS NOT NULL",
            name=op.f("ck_family_validated_has_code"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_family_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family")),
        sa.UniqueConstraint(
            "tenant_id", "subscriber_code", name=op.f("uq_family_tenant_id_subscriber_code")
        ),
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "login_attempt",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("remote_address", sa.String(length=64), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_login_attempt_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_attempt_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_login_attempt_tenant_id_email_attempted_at"),
            ["tenant_id", "email", "attempted_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_login_attempt_tenant_id_remote_address_attempted_at"),
            ["tenant_id", "remote_address", "attempted_at"],
            unique=False,
        )

    op.create_table(
        "outbox_mail",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("template", sa.String(length=80), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "SENT",
                "FAILED",
                name="outboxstatus",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outbox_mail_attempts_positive")),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_outbox_mail_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_mail")),
    )
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_mail_status_next_attempt_at"),
            ["status", "next_attempt_at"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_outbox_mail_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "school_year",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.CheckConstraint("end_date > start_date", name=op.f("ck_school_year_ordered_dates")),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_school_year_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_year")),
        sa.UniqueConstraint("tenant_id", "label", name=op.f("uq_school_year_tenant_id_label")),
    )
    with op.batch_alter_table("school_year", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_year_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "tenant_counter",
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_tenant_counter_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "name", name=op.f("pk_tenant_counter")),
    )
    op.create_table(
        "activity",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "establishment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "school_year_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "MORNING_CARE",
                "MEAL",
                "EVENING_CARE",
                "STUDY",
                "WEDNESDAY",
                "HOLIDAY",
                "OTHER",
                name="activitycategory",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "operating_days",
            sa.Enum(
                "SCHOOL_DAYS",
                "SCHOOL_HOLIDAYS",
                "ALL_DAYS",
                name="operatingdays",
                native_enum=False,
                create_constraint=True,
                length=23,
            ),
            nullable=False,
        ),
        sa.Column("is_childcare", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "booking_deadline_kind",
            sa.Enum(
                "NONE",
                "CALENDAR_DAYS_BEFORE",
                "WORKING_DAYS_BEFORE",
                "HOURS_BEFORE",
                "WEEKLY_CUTOFF",
                name="deadlinekind_booking",
                native_enum=False,
                create_constraint=True,
                length=28,
            ),
            nullable=False,
        ),
        sa.Column("booking_deadline_offset", sa.Integer(), nullable=False),
        sa.Column("booking_deadline_time", sa.Time(), nullable=True),
        sa.Column("booking_deadline_weekday", sa.Integer(), nullable=True),
        sa.Column(
            "cancellation_deadline_kind",
            sa.Enum(
                "NONE",
                "CALENDAR_DAYS_BEFORE",
                "WORKING_DAYS_BEFORE",
                "HOURS_BEFORE",
                "WEEKLY_CUTOFF",
                name="deadlinekind_cancellation",
                native_enum=False,
                create_constraint=True,
                length=28,
            ),
            nullable=False,
        ),
        sa.Column("cancellation_deadline_offset", sa.Integer(), nullable=False),
        sa.Column("cancellation_deadline_time", sa.Time(), nullable=True),
        sa.Column("cancellation_deadline_weekday", sa.Integer(), nullable=True),
        sa.Column("late_absence_billed", sa.Boolean(), nullable=False),
        sa.Column("justification_accepted", sa.Boolean(), nullable=False),
        sa.Column("justification_delay_days", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("waiting_list_enabled", sa.Boolean(), nullable=False),
        sa.Column("auto_promote_waiting_list", sa.Boolean(), nullable=False),
        sa.Column("auto_accept", sa.Boolean(), nullable=False),
        sa.Column(
            "min_grade",
            sa.Enum(
                "TPS",
                "PS",
                "MS",
                "GS",
                "CP",
                "CE1",
                "CE2",
                "CM1",
                "CM2",
                name="grade_min",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=True,
        ),
        sa.Column(
            "max_grade",
            sa.Enum(
                "TPS",
                "PS",
                "MS",
                "GS",
                "CP",
                "CE1",
                "CE2",
                "CM1",
                "CM2",
                name="grade_max",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=True,
        ),
        sa.Column("born_on_or_after", sa.Date(), nullable=True),
        sa.Column("born_on_or_before", sa.Date(), nullable=True),
        sa.Column("exclusivity_group", sa.String(length=60), nullable=True),
        sa.CheckConstraint(
            "booking_deadline_kind <> 'WEEKLY_CUTOFF' OR booking_deadline_weekday IS NOT NULL",
            name=op.f("ck_activity_booking_deadline_weekly_has_weekday"),
        ),
        sa.CheckConstraint(
            "cancellation_deadline_kind <> 'WEEKLY_CUTOFF' OR cancellation_deadline_weekday IS NOT NULL",
            name=op.f("ck_activity_cancellation_deadline_weekly_has_weekday"),
        ),
        sa.CheckConstraint(
            "booking_deadline_offset >= 0",
            name=op.f("ck_activity_booking_deadline_offset_positive"),
        ),
        sa.CheckConstraint(
            "booking_deadline_weekday IS NULL OR booking_deadline_weekday BETWEEN 1 AND 7",
            name=op.f("ck_activity_booking_deadline_weekday_iso"),
        ),
        sa.CheckConstraint(
            "cancellation_deadline_offset >= 0",
            name=op.f("ck_activity_cancellation_deadline_offset_positive"),
        ),
        sa.CheckConstraint(
            "cancellation_deadline_weekday IS NULL OR cancellation_deadline_weekday BETWEEN 1 AND 7",
            name=op.f("ck_activity_cancellation_deadline_weekday_iso"),
        ),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0", name=op.f("ck_activity_capacity_positive")
        ),
        sa.CheckConstraint(
            "justification_delay_days >= 0", name=op.f("ck_activity_justification_delay_positive")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_activity_establishment_id_establishment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_year_id"],
            ["school_year.id"],
            name=op.f("fk_activity_school_year_id_school_year"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_activity_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_activity_tenant_id_code")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_school_year_id"), ["school_year_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_activity_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_activity_tenant_id_establishment_id_sort_order"),
            ["tenant_id", "establishment_id", "sort_order"],
            unique=False,
        )

    op.create_table(
        "calendar_period",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "school_year_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "establishment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "SCHOOL_HOLIDAY",
                "PUBLIC_HOLIDAY",
                "CLOSURE",
                "STRIKE",
                name="calendarperiodkind",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_calendar_period_ordered_dates")),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_calendar_period_establishment_id_establishment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_year_id"],
            ["school_year.id"],
            name=op.f("fk_calendar_period_school_year_id_school_year"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_calendar_period_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_period")),
    )
    with op.batch_alter_table("calendar_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_period_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_calendar_period_school_year_id"), ["school_year_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_calendar_period_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_calendar_period_tenant_id_start_date_end_date"),
            ["tenant_id", "start_date", "end_date"],
            unique=False,
        )

    op.create_table(
        "child",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("first_name", sa.String(length=120), nullable=False),
        sa.Column("last_name", sa.String(length=120), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column(
            "sex",
            sa.Enum("F", "M", name="sex", native_enum=False, create_constraint=True, length=9),
            nullable=False,
        ),
        sa.Column("school_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "grade",
            sa.Enum(
                "TPS",
                "PS",
                "MS",
                "GS",
                "CP",
                "CE1",
                "CE2",
                "CM1",
                "CM2",
                name="grade",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_child_family_id_family"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["establishment.id"],
            name=op.f("fk_child_school_id_establishment"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_child_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child")),
    )
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "family_quotient",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "CAF",
                "MSA",
                "MANUAL",
                name="quotientsource",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from",
            name=op.f("ck_family_quotient_ordered_dates"),
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_family_quotient_value_positive")),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_family_quotient_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_family_quotient_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_quotient")),
    )
    with op.batch_alter_table("family_quotient", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_family_quotient_family_id_valid_from"),
            ["family_id", "valid_from"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_family_quotient_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "guardian",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column(
            "civility",
            sa.Enum(
                "MONSIEUR",
                "MADAME",
                name="civility",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("first_name", sa.String(length=120), nullable=False),
        sa.Column("last_name", sa.String(length=120), nullable=False),
        sa.Column("birth_name", sa.String(length=120), nullable=True),
        sa.Column(
            "relationship",
            sa.Enum(
                "PERE",
                "MERE",
                "TUTEUR",
                "TUTRICE",
                "BEAU_PERE",
                "BELLE_MERE",
                "GRAND_PARENT",
                "FAMILLE_ACCUEIL",
                "AUTRE",
                name="relationship",
                native_enum=False,
                create_constraint=True,
                length=23,
            ),
            nullable=True,
        ),
        sa.Column(
            "marital_status",
            sa.Enum(
                "CELIBATAIRE",
                "MARIE",
                "PACSE",
                "CONCUBINAGE",
                "SEPARE",
                "DIVORCE",
                "VEUF",
                name="maritalstatus",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=True,
        ),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("mobile_phone", sa.String(length=32), nullable=True),
        sa.Column("work_phone", sa.String(length=32), nullable=True),
        sa.Column("address_line1", sa.String(length=200), nullable=True),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=16), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("profession", sa.String(length=120), nullable=True),
        sa.Column("employer", sa.String(length=200), nullable=True),
        sa.Column("is_payer", sa.Boolean(), nullable=False),
        sa.Column("is_allocataire", sa.Boolean(), nullable=False),
        sa.Column(
            "allowance_regime",
            sa.Enum(
                "CAF",
                "MSA",
                name="allowanceregime",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=True,
        ),
        sa.Column("allocataire_number", sa.String(length=20), nullable=True),
        sa.Column("consents_quotient_lookup", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "NOT is_allocataire OR (allowance_regime IS NOT NULL AND allocataire_number IS NOT NULL)",
            name=op.f("ck_guardian_allocataire_complete"),
        ),
        sa.CheckConstraint("rank >= 1", name=op.f("ck_guardian_rank_positive")),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_guardian_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_guardian_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardian")),
        sa.UniqueConstraint("family_id", "rank", name=op.f("uq_guardian_family_id_rank")),
    )
    with op.batch_alter_table("guardian", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guardian_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            "uq_guardian_one_allocataire",
            ["family_id"],
            unique=True,
            sqlite_where=sa.text("is_allocataire"),
            postgresql_where=sa.text("is_allocataire"),
        )
        batch_op.create_index(
            "uq_guardian_one_payer",
            ["family_id"],
            unique=True,
            sqlite_where=sa.text("is_payer"),
            postgresql_where=sa.text("is_payer"),
        )

    op.create_table(
        "account",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "civility",
            sa.Enum(
                "MONSIEUR",
                "MADAME",
                name="civility",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("first_name", sa.String(length=120), nullable=False),
        sa.Column("last_name", sa.String(length=120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "PARENT",
                "STAFF",
                "ADMIN",
                "REPORTING",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING_ACTIVATION",
                "ACTIVE",
                "DISABLED",
                name="accountstatus",
                native_enum=False,
                create_constraint=True,
                length=26,
            ),
            nullable=False,
        ),
        sa.Column(
            "guardian_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role = 'PARENT' OR guardian_id IS NULL", name=op.f("ck_account_only_parents_link")
        ),
        sa.CheckConstraint("email = lower(email)", name=op.f("ck_account_email_lowercase")),
        sa.ForeignKeyConstraint(
            ["guardian_id"],
            ["guardian.id"],
            name=op.f("fk_account_guardian_id_guardian"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_account_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("tenant_id", "email", name=op.f("uq_account_tenant_id_email")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_guardian_id"), ["guardian_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "authorized_person",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("first_name", sa.String(length=120), nullable=False),
        sa.Column("last_name", sa.String(length=120), nullable=False),
        sa.Column("relationship", sa.String(length=60), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("can_pick_up", sa.Boolean(), nullable=False),
        sa.Column("emergency_contact", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "can_pick_up OR emergency_contact", name=op.f("ck_authorized_person_has_a_role")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_authorized_person_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_authorized_person_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorized_person")),
    )
    with op.batch_alter_table("authorized_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_authorized_person_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_authorized_person_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "bank_account",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "holder_guardian_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("holder_name", sa.String(length=200), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("mandate_reference", sa.String(length=35), nullable=True),
        sa.Column("mandate_signed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_bank_account_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["holder_guardian_id"],
            ["guardian.id"],
            name=op.f("fk_bank_account_holder_guardian_id_guardian"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_bank_account_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_account")),
        sa.UniqueConstraint(
            "tenant_id",
            "mandate_reference",
            name=op.f("uq_bank_account_tenant_id_mandate_reference"),
        ),
    )
    with op.batch_alter_table("bank_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_account_family_id"), ["family_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bank_account_holder_guardian_id"), ["holder_guardian_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bank_account_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            "uq_bank_account_one_primary",
            ["family_id"],
            unique=True,
            sqlite_where=sa.text("is_primary"),
            postgresql_where=sa.text("is_primary"),
        )

    op.create_table(
        "child_authorizations",
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("photo", sa.Boolean(), nullable=False),
        sa.Column("leave_alone", sa.Boolean(), nullable=False),
        sa.Column("hospitalisation", sa.Boolean(), nullable=False),
        sa.Column("outings_with_staff", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_child_authorizations_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_child_authorizations_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("child_id", name=op.f("pk_child_authorizations")),
    )
    with op.batch_alter_table("child_authorizations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_child_authorizations_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "REQUEST_CREATED",
                "REQUEST_STATUS_CHANGED",
                "REQUEST_LINE_DECIDED",
                "BOOKING_CHANGED",
                "INVOICE_ISSUED",
                name="eventkind",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column(
            "subject_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_event_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_event_family_id_family"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_event_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_family_id_id"), ["family_id", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_tenant_id_id"), ["tenant_id", "id"], unique=False
        )

    op.create_table(
        "health_record",
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "diet",
            sa.Enum(
                "STANDARD",
                "SANS_PORC",
                "SANS_VIANDE",
                "VEGETARIEN",
                "PAI",
                name="diet",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("food_allergies", sa.Text(), nullable=True),
        sa.Column("other_allergies", sa.Text(), nullable=True),
        sa.Column("medical_notes", sa.Text(), nullable=True),
        sa.Column("has_pai", sa.Boolean(), nullable=False),
        sa.Column("pai_details", sa.Text(), nullable=True),
        sa.Column("doctor_name", sa.String(length=200), nullable=True),
        sa.Column("doctor_phone", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_health_record_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_health_record_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("child_id", name=op.f("pk_health_record")),
    )
    with op.batch_alter_table("health_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_health_record_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "invoice",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "payer_guardian_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "billing_run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "INVOICE",
                "CREDIT_NOTE",
                name="invoicekind",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column(
            "credited_invoice_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ISSUED",
                "PARTIALLY_PAID",
                "PAID",
                "TRANSMITTED_TO_TREASURY",
                "CANCELLED",
                name="invoicestatus",
                native_enum=False,
                create_constraint=True,
                length=31,
            ),
            nullable=False,
        ),
        sa.Column("transmitted_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind <> 'CREDIT_NOTE' OR credited_invoice_id IS NOT NULL",
            name=op.f("ck_invoice_credit_note_has_invoice"),
        ),
        sa.CheckConstraint("due_on >= issued_on", name=op.f("ck_invoice_due_after_issue")),
        sa.ForeignKeyConstraint(
            ["billing_run_id"],
            ["billing_run.id"],
            name=op.f("fk_invoice_billing_run_id_billing_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["credited_invoice_id"],
            ["invoice.id"],
            name=op.f("fk_invoice_credited_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_invoice_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["payer_guardian_id"],
            ["guardian.id"],
            name=op.f("fk_invoice_payer_guardian_id_guardian"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_invoice_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice")),
        sa.UniqueConstraint(
            "billing_run_id", "family_id", name=op.f("uq_invoice_billing_run_id_family_id")
        ),
        sa.UniqueConstraint("tenant_id", "number", name=op.f("uq_invoice_tenant_id_number")),
    )
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_family_id_issued_on"), ["family_id", "issued_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoice_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_invoice_tenant_id_status_due_on"),
            ["tenant_id", "status", "due_on"],
            unique=False,
        )

    op.create_table(
        "price_list",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column(
            "mode",
            sa.Enum(
                "FLAT",
                "QF_BRACKETS",
                "EFFORT_RATE",
                name="pricingmode",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("flat_price_cents", sa.Integer(), nullable=True),
        sa.Column("effort_rate_bp", sa.Integer(), nullable=True),
        sa.Column("effort_min_cents", sa.Integer(), nullable=True),
        sa.Column("effort_max_cents", sa.Integer(), nullable=True),
        sa.Column("non_resident_price_cents", sa.Integer(), nullable=True),
        sa.Column("pai_price_cents", sa.Integer(), nullable=True),
        sa.Column(
            "late_absence_charge",
            sa.Enum(
                "FULL_PRICE",
                "FIXED_FEE",
                "RATE",
                name="lateabsencecharge",
                native_enum=False,
                create_constraint=True,
                length=18,
            ),
            nullable=False,
        ),
        sa.Column("late_absence_fee_cents", sa.Integer(), nullable=False),
        sa.Column("late_absence_rate_bp", sa.Integer(), nullable=False),
        sa.Column(
            "unbooked_presence_charge",
            sa.Enum(
                "NONE",
                "FIXED_FEE",
                "SURCHARGE_RATE",
                name="unbookedpresencecharge",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=False,
        ),
        sa.Column("unbooked_presence_fee_cents", sa.Integer(), nullable=False),
        sa.Column("unbooked_presence_rate_bp", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "mode <> 'EFFORT_RATE' OR (effort_rate_bp IS NOT NULL AND effort_min_cents IS NOT NULL AND effort_max_cents IS NOT NULL AND effort_min_cents <= effort_max_cents)",
            name=op.f("ck_price_list_effort_rate_complete"),
        ),
        sa.CheckConstraint(
            "mode <> 'FLAT' OR flat_price_cents IS NOT NULL",
            name=op.f("ck_price_list_flat_has_price"),
        ),
        sa.CheckConstraint(
            "flat_price_cents IS NULL OR flat_price_cents >= 0",
            name=op.f("ck_price_list_flat_price_positive"),
        ),
        sa.CheckConstraint(
            "late_absence_fee_cents >= 0", name=op.f("ck_price_list_late_fee_positive")
        ),
        sa.CheckConstraint(
            "non_resident_price_cents IS NULL OR non_resident_price_cents >= 0",
            name=op.f("ck_price_list_non_resident_positive"),
        ),
        sa.CheckConstraint(
            "unbooked_presence_fee_cents >= 0", name=op.f("ck_price_list_unbooked_fee_positive")
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_price_list_ordered_dates")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_price_list_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_price_list_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_list")),
        sa.UniqueConstraint(
            "activity_id", "valid_from", name=op.f("uq_price_list_activity_id_valid_from")
        ),
    )
    with op.batch_alter_table("price_list", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_list_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "registration",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "REQUESTED",
                "ACTIVE",
                "REFUSED",
                "CANCELLED",
                name="registrationstatus",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_registration_ordered_dates")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_registration_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_registration_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_registration_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        sa.UniqueConstraint(
            "child_id",
            "activity_id",
            "start_date",
            name=op.f("uq_registration_child_id_activity_id_start_date"),
        ),
    )
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registration_activity_id_status"),
            ["activity_id", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_registration_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registration_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "slot",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0", name=op.f("ck_slot_capacity_positive")
        ),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_slot_ordered_times")),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_slot_ordered_dates")
        ),
        sa.CheckConstraint("weekday BETWEEN 1 AND 7", name=op.f("ck_slot_weekday_iso")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_slot_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_slot_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot")),
        sa.UniqueConstraint(
            "activity_id",
            "weekday",
            "start_time",
            "valid_from",
            name=op.f("uq_slot_activity_id_weekday_start_time_valid_from"),
        ),
    )
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slot_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "vaccination",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("vaccine", sa.String(length=120), nullable=False),
        sa.Column("injected_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_vaccination_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_vaccination_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vaccination")),
    )
    with op.batch_alter_table("vaccination", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vaccination_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vaccination_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "account_token",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "purpose",
            sa.Enum(
                "ACTIVATION",
                "PASSWORD_RESET",
                name="tokenpurpose",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_account_token_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_account_token_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_token_token_hash")),
    )
    with op.batch_alter_table("account_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_token_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_account_token_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "document",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "type",
            sa.Enum(
                "RIB",
                "CAF_CERTIFICATE",
                "VACCINATION_RECORD",
                "MEDICAL_CERTIFICATE",
                "PAI",
                "PROOF_OF_ADDRESS",
                "TAX_NOTICE",
                "CHILD_PHOTO",
                "OTHER",
                name="documenttype",
                native_enum=False,
                create_constraint=True,
                length=27,
            ),
            nullable=False,
        ),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SUBMITTED",
                "ACCEPTED",
                "REFUSED",
                name="documentstatus",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("refusal_reason", sa.String(length=1000), nullable=True),
        sa.Column(
            "uploaded_by_account_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_document_not_empty")),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_document_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_document_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_document_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_account_id"],
            ["account.id"],
            name=op.f("fk_document_uploaded_by_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_document_storage_key")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "invoice_line",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "ATTENDANCE",
                "BILLED_ABSENCE",
                "PENALTY",
                "REDUCTION",
                "ADJUSTMENT",
                name="invoicelinekind",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.BigInteger(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "amount_cents = quantity * unit_price_cents", name=op.f("ck_invoice_line_amount_exact")
        ),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_invoice_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_invoice_line_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_invoice_line_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            name=op.f("fk_invoice_line_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_invoice_line_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_line")),
    )
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_line_invoice_id"), ["invoice_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoice_line_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "payment",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "method",
            sa.Enum(
                "CARD",
                "DIRECT_DEBIT",
                "CHEQUE",
                "CASH",
                "CESU",
                "TRANSFER",
                name="paymentmethod",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("operation_number", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("provider_reference", sa.String(length=100), nullable=True),
        sa.Column(
            "recorded_by_account_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_payment_amount_positive")),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_payment_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            name=op.f("fk_payment_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_account_id"],
            ["account.id"],
            name=op.f("fk_payment_recorded_by_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_payment_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
        sa.UniqueConstraint(
            "tenant_id", "operation_number", name=op.f("uq_payment_tenant_id_operation_number")
        ),
        sa.UniqueConstraint(
            "tenant_id", "provider_reference", name=op.f("uq_payment_tenant_id_provider_reference")
        ),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "payment_intent",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "invoice_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("provider_reference", sa.String(length=100), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "CREATED",
                "SUCCEEDED",
                "FAILED",
                "EXPIRED",
                name="paymentintentstatus",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_payment_intent_amount_positive")),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            name=op.f("fk_payment_intent_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_payment_intent_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_intent")),
        sa.UniqueConstraint(
            "provider",
            "provider_reference",
            name=op.f("uq_payment_intent_provider_provider_reference"),
        ),
    )
    with op.batch_alter_table("payment_intent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_intent_invoice_id"), ["invoice_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_intent_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "price_bracket",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "price_list_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("qf_min", sa.Integer(), nullable=False),
        sa.Column("qf_max", sa.Integer(), nullable=True),
        sa.Column("unit_price_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "qf_max IS NULL OR qf_max > qf_min", name=op.f("ck_price_bracket_ordered_bounds")
        ),
        sa.CheckConstraint("qf_min >= 0", name=op.f("ck_price_bracket_qf_min_positive")),
        sa.CheckConstraint("unit_price_cents >= 0", name=op.f("ck_price_bracket_price_positive")),
        sa.ForeignKeyConstraint(
            ["price_list_id"],
            ["price_list.id"],
            name=op.f("fk_price_bracket_price_list_id_price_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_price_bracket_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_bracket")),
        sa.UniqueConstraint(
            "price_list_id", "qf_min", name=op.f("uq_price_bracket_price_list_id_qf_min")
        ),
    )
    with op.batch_alter_table("price_bracket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_bracket_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "request",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("reference", sa.BigInteger(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "RESERVATION",
                "ABSENCE",
                "FAMILY_REGISTRATION",
                "ACTIVITY_REGISTRATION",
                "GUARDIAN_CHANGE",
                "GUARDIAN_ADDRESS_CHANGE",
                "BANK_ACCOUNT_CHANGE",
                "CHILD_CHANGE",
                "CHILD_COMPLEMENT_CHANGE",
                "CHILD_AUTHORIZATIONS_CHANGE",
                "CHILD_PHOTO_CHANGE",
                "HEALTH_RECORD_CHANGE",
                "VACCINATION_CHANGE",
                "AUTHORIZED_PERSON_ADD",
                "AUTHORIZED_PERSON_CHANGE",
                "AUTHORIZED_PERSON_REMOVE",
                name="requesttype",
                native_enum=False,
                create_constraint=True,
                length=35,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "TRANSMITTED",
                "ACCEPTED",
                "PARTIALLY_ACCEPTED",
                "REFUSED",
                "CANCELLED",
                name="requeststatus",
                native_enum=False,
                create_constraint=True,
                length=26,
            ),
            nullable=False,
        ),
        sa.Column(
            "created_by_account_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "decided_by_account_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "guardian_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("transmitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
            name=op.f("ck_request_ordered_period"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_request_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_request_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_account_id"],
            ["account.id"],
            name=op.f("fk_request_created_by_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_account_id"],
            ["account.id"],
            name=op.f("fk_request_decided_by_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_request_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["guardian_id"],
            ["guardian.id"],
            name=op.f("fk_request_guardian_id_guardian"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_request_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request")),
        sa.UniqueConstraint("tenant_id", "reference", name=op.f("uq_request_tenant_id_reference")),
    )
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_request_family_id_created_at"), ["family_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_request_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_request_tenant_id_status_created_at"),
            ["tenant_id", "status", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "uq_request_idempotency_key",
            ["tenant_id", "idempotency_key"],
            unique=True,
            sqlite_where=sa.text("idempotency_key IS NOT NULL"),
            postgresql_where=sa.text("idempotency_key IS NOT NULL"),
        )

    op.create_table(
        "session",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_agent", sa.String(length=400), nullable=True),
        sa.Column("remote_address", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_session_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_session_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_session_token_hash")),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "sibling_reduction",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "price_list_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("from_child_rank", sa.Integer(), nullable=False),
        sa.Column("reduction_bp", sa.Integer(), nullable=False),
        sa.CheckConstraint("from_child_rank >= 2", name=op.f("ck_sibling_reduction_rank_from_two")),
        sa.CheckConstraint(
            "reduction_bp BETWEEN 0 AND 10000", name=op.f("ck_sibling_reduction_reduction_range")
        ),
        sa.ForeignKeyConstraint(
            ["price_list_id"],
            ["price_list.id"],
            name=op.f("fk_sibling_reduction_price_list_id_price_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_sibling_reduction_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sibling_reduction")),
        sa.UniqueConstraint(
            "price_list_id",
            "from_child_rank",
            name=op.f("uq_sibling_reduction_price_list_id_from_child_rank"),
        ),
    )
    with op.batch_alter_table("sibling_reduction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sibling_reduction_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "booking",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("slot_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "registration_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "RESERVED",
                "WAITING_LIST",
                "CANCELLED",
                "ABSENT",
                "ABSENT_BILLED",
                "UNBOOKED",
                name="bookingstatus",
                native_enum=False,
                create_constraint=True,
                length=21,
            ),
            nullable=False,
        ),
        sa.Column(
            "attendance",
            sa.Enum(
                "PRESENT",
                "ABSENT",
                name="attendance",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("absence_justified", sa.Boolean(), nullable=False),
        sa.Column(
            "justification_document_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "invoice_line_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status <> 'WAITING_LIST' OR waiting_since IS NOT NULL",
            name=op.f("ck_booking_waiting_has_rank"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_booking_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_booking_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invoice_line_id"],
            ["invoice_line.id"],
            name=op.f("fk_booking_invoice_line_id_invoice_line"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["justification_document_id"],
            ["document.id"],
            name=op.f("fk_booking_justification_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_booking_registration_id_registration"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["slot.id"], name=op.f("fk_booking_slot_id_slot"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_booking_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking")),
        sa.UniqueConstraint(
            "child_id", "slot_id", "date", name=op.f("uq_booking_child_id_slot_id_date")
        ),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_child_id_date"), ["child_id", "date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_booking_registration_id"), ["registration_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_booking_slot_id_date_status"),
            ["slot_id", "date", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_booking_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_booking_tenant_id_date"), ["tenant_id", "date"], unique=False
        )

    op.create_table(
        "message",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "family_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "author_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("from_staff", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["account.id"],
            name=op.f("fk_message_author_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
            name=op.f("fk_message_family_id_family"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["request.id"],
            name=op.f("fk_message_request_id_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_message_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_family_id_created_at"), ["family_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_message_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "request_history",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "step",
            sa.Enum(
                "CREATED",
                "TRANSMITTED",
                "DECIDED",
                "LINE_DECIDED",
                "PROMOTED",
                "CANCELLED",
                name="historystep",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "TRANSMITTED",
                "ACCEPTED",
                "PARTIALLY_ACCEPTED",
                "REFUSED",
                "CANCELLED",
                name="history_status",
                native_enum=False,
                create_constraint=True,
                length=26,
            ),
            nullable=False,
        ),
        sa.Column(
            "actor_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_account_id"],
            ["account.id"],
            name=op.f("fk_request_history_actor_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["request.id"],
            name=op.f("fk_request_history_request_id_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_request_history_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_history")),
    )
    with op.batch_alter_table("request_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_history_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_request_history_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "message_receipt",
        sa.Column(
            "message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_message_receipt_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_message_receipt_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_message_receipt_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("message_id", "account_id", name=op.f("pk_message_receipt")),
    )
    with op.batch_alter_table("message_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_receipt_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "request_line",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("child_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("slot_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "RESERVE",
                "ABSENCE",
                name="requestlineaction",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "WAITING_LIST",
                "ACCEPTED",
                "REFUSED",
                "CANCELLED",
                name="requestlinestatus",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("refusal_code", sa.String(length=60), nullable=True),
        sa.Column("message", sa.String(length=1000), nullable=True),
        sa.Column(
            "booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_request_line_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["booking.id"],
            name=op.f("fk_request_line_booking_id_booking"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_request_line_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["request.id"],
            name=op.f("fk_request_line_request_id_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["slot.id"], name=op.f("fk_request_line_slot_id_slot"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
            name=op.f("fk_request_line_tenant_id_tenant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_line")),
        sa.UniqueConstraint(
            "request_id",
            "child_id",
            "slot_id",
            "date",
            name=op.f("uq_request_line_request_id_child_id_slot_id_date"),
        ),
    )
    with op.batch_alter_table("request_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_line_booking_id"), ["booking_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_request_line_child_id_date"), ["child_id", "date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_request_line_slot_id_date_status"),
            ["slot_id", "date", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_request_line_tenant_id"), ["tenant_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("request_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_line_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_request_line_slot_id_date_status"))
        batch_op.drop_index(batch_op.f("ix_request_line_child_id_date"))
        batch_op.drop_index(batch_op.f("ix_request_line_booking_id"))

    op.drop_table("request_line")
    with op.batch_alter_table("message_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_receipt_tenant_id"))

    op.drop_table("message_receipt")
    with op.batch_alter_table("request_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_history_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_request_history_request_id"))

    op.drop_table("request_history")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_message_request_id"))
        batch_op.drop_index(batch_op.f("ix_message_family_id_created_at"))

    op.drop_table("message")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_tenant_id_date"))
        batch_op.drop_index(batch_op.f("ix_booking_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_booking_slot_id_date_status"))
        batch_op.drop_index(batch_op.f("ix_booking_registration_id"))
        batch_op.drop_index(batch_op.f("ix_booking_child_id_date"))

    op.drop_table("booking")
    with op.batch_alter_table("sibling_reduction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sibling_reduction_tenant_id"))

    op.drop_table("sibling_reduction")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_session_account_id"))

    op.drop_table("session")
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_request_idempotency_key",
            sqlite_where=sa.text("idempotency_key IS NOT NULL"),
            postgresql_where=sa.text("idempotency_key IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_request_tenant_id_status_created_at"))
        batch_op.drop_index(batch_op.f("ix_request_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_request_family_id_created_at"))
        batch_op.drop_index(batch_op.f("ix_request_child_id"))

    op.drop_table("request")
    with op.batch_alter_table("price_bracket", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_bracket_tenant_id"))

    op.drop_table("price_bracket")
    with op.batch_alter_table("payment_intent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_intent_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_payment_intent_invoice_id"))

    op.drop_table("payment_intent")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_payment_invoice_id"))

    op.drop_table("payment")
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_line_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_line_invoice_id"))

    op.drop_table("invoice_line")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_document_family_id"))
        batch_op.drop_index(batch_op.f("ix_document_child_id"))

    op.drop_table("document")
    with op.batch_alter_table("account_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_token_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_account_token_account_id"))

    op.drop_table("account_token")
    with op.batch_alter_table("vaccination", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vaccination_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_vaccination_child_id"))

    op.drop_table("vaccination")
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slot_tenant_id"))

    op.drop_table("slot")
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_registration_child_id"))
        batch_op.drop_index(batch_op.f("ix_registration_activity_id_status"))

    op.drop_table("registration")
    with op.batch_alter_table("price_list", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_list_tenant_id"))

    op.drop_table("price_list")
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_tenant_id_status_due_on"))
        batch_op.drop_index(batch_op.f("ix_invoice_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_family_id_issued_on"))

    op.drop_table("invoice")
    with op.batch_alter_table("health_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_health_record_tenant_id"))

    op.drop_table("health_record")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tenant_id_id"))
        batch_op.drop_index(batch_op.f("ix_event_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_event_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_event_family_id_id"))

    op.drop_table("event")
    with op.batch_alter_table("child_authorizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_authorizations_tenant_id"))

    op.drop_table("child_authorizations")
    with op.batch_alter_table("bank_account", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_bank_account_one_primary",
            sqlite_where=sa.text("is_primary"),
            postgresql_where=sa.text("is_primary"),
        )
        batch_op.drop_index(batch_op.f("ix_bank_account_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_bank_account_holder_guardian_id"))
        batch_op.drop_index(batch_op.f("ix_bank_account_family_id"))

    op.drop_table("bank_account")
    with op.batch_alter_table("authorized_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_authorized_person_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_authorized_person_child_id"))

    op.drop_table("authorized_person")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_account_guardian_id"))

    op.drop_table("account")
    with op.batch_alter_table("guardian", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_guardian_one_payer",
            sqlite_where=sa.text("is_payer"),
            postgresql_where=sa.text("is_payer"),
        )
        batch_op.drop_index(
            "uq_guardian_one_allocataire",
            sqlite_where=sa.text("is_allocataire"),
            postgresql_where=sa.text("is_allocataire"),
        )
        batch_op.drop_index(batch_op.f("ix_guardian_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_guardian_family_id"))

    op.drop_table("guardian")
    with op.batch_alter_table("family_quotient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_quotient_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_family_quotient_family_id_valid_from"))

    op.drop_table("family_quotient")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_child_school_id"))
        batch_op.drop_index(batch_op.f("ix_child_family_id"))

    op.drop_table("child")
    with op.batch_alter_table("calendar_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_period_tenant_id_start_date_end_date"))
        batch_op.drop_index(batch_op.f("ix_calendar_period_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_calendar_period_school_year_id"))
        batch_op.drop_index(batch_op.f("ix_calendar_period_establishment_id"))

    op.drop_table("calendar_period")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_tenant_id_establishment_id_sort_order"))
        batch_op.drop_index(batch_op.f("ix_activity_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_activity_school_year_id"))

    op.drop_table("activity")
    op.drop_table("tenant_counter")
    with op.batch_alter_table("school_year", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_year_tenant_id"))

    op.drop_table("school_year")
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_mail_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_mail_status_next_attempt_at"))

    op.drop_table("outbox_mail")
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempt_tenant_id_remote_address_attempted_at"))
        batch_op.drop_index(batch_op.f("ix_login_attempt_tenant_id_email_attempted_at"))
        batch_op.drop_index(batch_op.f("ix_login_attempt_tenant_id"))

    op.drop_table("login_attempt")
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_tenant_id"))

    op.drop_table("family")
    with op.batch_alter_table("establishment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_establishment_tenant_id"))

    op.drop_table("establishment")
    with op.batch_alter_table("billing_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_billing_run_tenant_id"))

    op.drop_table("billing_run")
    op.drop_table("tenant")
