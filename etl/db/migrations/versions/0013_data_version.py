"""Each owner's data version: bumped by every write that changes what their answers read, so a
process keeping their classified history in memory knows when to read it again.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("owners") as batch:
        batch.add_column(sa.Column("data_version", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("owners") as batch:
        batch.drop_column("data_version")
