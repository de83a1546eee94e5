"""More sources: extra workout fields, the other sources of merged workouts, recorded tracks.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

LongText = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
LongBlob = sa.LargeBinary().with_variant(mysql.MEDIUMBLOB(), "mysql", "mariadb")
NEW_COLUMNS = ("max_heart_rate", "avg_cadence_spm", "moving_time_s", "elevation_gain_m")

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_batches") as batch:
        batch.add_column(sa.Column("rows_merged", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("workouts") as batch:
        for name in NEW_COLUMNS:
            batch.add_column(sa.Column(name, sa.Float, nullable=True))
    op.create_table(
        "workout_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("raw", LongText, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "source", "source_id", name="uq_workout_sources_owner_id"),
    )
    op.create_index("ix_workout_sources_workout_id", "workout_sources", ["workout_id"])
    op.create_table(
        "tracks",
        sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), primary_key=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("data", LongBlob, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_tracks_owner_id", "tracks", ["owner_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes (MySQL will not drop one a foreign key uses first).
    op.drop_table("tracks")
    op.drop_table("workout_sources")
    with op.batch_alter_table("workouts") as batch:
        for name in NEW_COLUMNS:
            batch.drop_column(name)
    with op.batch_alter_table("ingest_batches") as batch:
        batch.drop_column("rows_merged")
