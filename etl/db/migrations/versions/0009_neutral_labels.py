"""Neutral class codes: run, walk, run_walk (were real_run, pup_walk, mixed).

The old codes assumed a dog. Every stored label moves: the owners' corrections, the classes in
a conversation's remembered query or waiting change, and the labels inside stored models (a
model of an older algorithm is retrained on first use anyway; its labels move so the model
history reads the same).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RENAMES = (("real_run", "run"), ("pup_walk", "walk"), ("mixed", "run_walk"))
# Columns holding JSON text in which a code appears quoted.
JSON_COLUMNS = {
    "model_runs": ("model", "metrics"),
    "conversations": ("last_query", "pending", "choices", "undo"),
}


def upgrade() -> None:
    _move(RENAMES)


def downgrade() -> None:
    # Only the corrections go back: a model or query of the new codes is not the old code's to
    # read, and "run" inside JSON is also an activity, which must not become "real_run".
    for old, new in RENAMES:
        _relabel(new, old)


def _move(renames) -> None:
    for old, new in renames:
        _relabel(old, new)
        for name, columns in JSON_COLUMNS.items():
            for column in columns:
                # Quoted by SQLAlchemy: "undo" is a reserved word in MariaDB.
                table = sa.table(name, sa.column(column))
                value = table.c[column]
                op.execute(
                    sa.update(table)
                    .values({column: sa.func.replace(value, f'"{old}"', f'"{new}"')})
                    .where(value.like(f'%"{old}"%'))
                )


def _relabel(old: str, new: str) -> None:
    statement = "UPDATE label_corrections SET label = :new WHERE label = :old"
    op.execute(sa.text(statement).bindparams(old=old, new=new))
