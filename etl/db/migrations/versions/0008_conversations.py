"""Conversations: what each person last asked in each place, kept so a restart keeps it.

One row per (owner, place): a terminal session or a Slack thread. It holds the last query read
(the context of a follow-up), a write waiting for yes or no, the readings offered when a
question was ambiguous, how to undo the last write, and the choices the person made between
readings (remembered for the conversation).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LongText = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("owner_key", sa.String(191), primary_key=True),
        sa.Column("place", sa.String(191), primary_key=True),
        sa.Column("last_query", LongText, nullable=True),
        sa.Column("pending", LongText, nullable=True),
        sa.Column("pending_at", sa.DateTime, nullable=True),
        sa.Column("choices", LongText, nullable=True),
        sa.Column("undo", LongText, nullable=True),
        sa.Column("remembered", LongText, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conversations")
