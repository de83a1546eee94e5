"""Quality flags on workouts; classifier model runs, label corrections and life events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LongText = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")


def upgrade() -> None:
    with op.batch_alter_table("workouts") as batch:
        batch.add_column(sa.Column("flags", sa.String(400), nullable=True))
    op.create_table(
        "model_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("algorithm", sa.String(64), nullable=False),
        sa.Column("model", LongText, nullable=False),
        sa.Column("metrics", sa.Text, nullable=False),
        sa.Column("training_size", sa.Integer, nullable=False),
        sa.Column("history_workouts", sa.Integer, nullable=False),
        sa.Column("history_corrections", sa.Integer, nullable=False),
        sa.Column("trained_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "version", name="uq_model_runs_owner_version"),
    )
    op.create_table(
        "label_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workout_id", name="uq_label_corrections_workout"),
    )
    op.create_index("ix_label_corrections_owner", "label_corrections", ["owner_id"])
    op.create_table(
        "life_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "name", name="uq_life_events_owner_name"),
    )


def downgrade() -> None:
    op.drop_table("life_events")
    op.drop_table("label_corrections")
    op.drop_table("model_runs")
    with op.batch_alter_table("workouts") as batch:
        batch.drop_column("flags")
