"""Owners, ingest batches and workouts.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LongText = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "owners",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(191), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "ingest_batches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("unit", sa.String(8), nullable=True),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("rows_new", sa.Integer, nullable=False),
        sa.Column("rows_present", sa.Integer, nullable=False),
        sa.Column("rows_rejected", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("issues", LongText, nullable=False),
        sa.Column("first_date", sa.Date, nullable=True),
        sa.Column("last_date", sa.Date, nullable=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_ingest_batches_owner_id", "ingest_batches", ["owner_id"])
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("workout_date", sa.Date, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=True),
        sa.Column("submitted_date", sa.Date, nullable=True),
        sa.Column("activity_type", sa.String(80), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("distance_m", sa.Float, nullable=True),
        sa.Column("duration_s", sa.Float, nullable=True),
        sa.Column("avg_pace_s_per_km", sa.Float, nullable=True),
        sa.Column("max_pace_s_per_km", sa.Float, nullable=True),
        sa.Column("avg_speed_mps", sa.Float, nullable=True),
        sa.Column("max_speed_mps", sa.Float, nullable=True),
        sa.Column("calories_kcal", sa.Float, nullable=True),
        sa.Column("avg_heart_rate", sa.Float, nullable=True),
        sa.Column("steps", sa.BigInteger, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("source_app", sa.String(200), nullable=True),
        sa.Column("link", sa.String(300), nullable=True),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "source", "source_id", name="uq_workouts_owner_source_id"),
    )
    op.create_index("ix_workouts_owner_date", "workouts", ["owner_id", "workout_date"])


def downgrade() -> None:
    op.drop_table("workouts")
    op.drop_table("ingest_batches")
    op.drop_table("owners")
