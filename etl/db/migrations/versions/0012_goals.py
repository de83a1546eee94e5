"""Goals: a target of distance, count or duration per week, month or year.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

Double = sa.Float().with_variant(mysql.DOUBLE(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", Double, nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("classes", sa.String(191), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "kind", "period", "classes", name="uq_goals_owner_goal"),
    )


def downgrade() -> None:
    op.drop_table("goals")
