"""Briefing schedules, consents, the once-per-day post record, and APScheduler's job table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

JobTime = sa.Float(25).with_variant(mysql.DOUBLE(), "mysql", "mariadb")

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "briefing_schedules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("owner_key", sa.String(191), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("time_of_day", sa.String(5), nullable=False),
        sa.Column("days", sa.String(32), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_key", "target", name="uq_briefing_schedules_owner_target"),
    )
    op.create_table(
        "briefing_consents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("team_id", "user_id", "channel_id", name="uq_briefing_consents"),
    )
    op.create_table(
        "briefing_posts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("schedule_id", sa.Integer, nullable=False),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("ts", sa.String(32), nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("schedule_id", "local_date", name="uq_briefing_posts_day"),
    )
    # APScheduler's SQLAlchemyJobStore table, made here so that migrations own the schema.
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(191), primary_key=True),
        sa.Column("next_run_time", JobTime, index=True),
        sa.Column("job_state", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("apscheduler_jobs")
    op.drop_table("briefing_posts")
    op.drop_table("briefing_consents")
    op.drop_table("briefing_schedules")
