"""Best efforts: the fastest standard distances inside each stored route.

Routes stored before this migration are searched lazily (etl.db.best_efforts).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

Double = sa.Float().with_variant(mysql.DOUBLE(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "best_efforts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False),
        sa.Column("distance_m", Double, nullable=False),
        sa.Column("seconds", Double, nullable=False),
        sa.Column("start_offset_s", Double, nullable=False),
        sa.UniqueConstraint("workout_id", "distance_m", name="uq_best_efforts_workout_distance"),
    )
    op.create_index("ix_best_efforts_owner_id", "best_efforts", ["owner_id"])


def downgrade() -> None:
    op.drop_table("best_efforts")
