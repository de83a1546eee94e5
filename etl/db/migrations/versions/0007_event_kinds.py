"""Life events get a kind (dog, injury, new_job, move, training_plan, other).

A dog event is what lets the bot say "dog walk"; everyone else's slow foot workouts are walks.
Events stored before kinds existed become "other", except those whose name says there is a dog
("dog", "puppy", "pup", plurals too, as whole words) and the demo's own "Choco arrives": those
are the events the dog story was told about, and their owners keep their dog walks.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Whole words only: "hotdog run" or "dogma" are no dog. Kept here, not imported, so the
# migration does what it did the day it was written.
DOG_NAME = re.compile(r"\b(dogs?|pupp(y|ies)|pups?)\b", re.IGNORECASE)
DEMO_DOG_EVENT = "Choco arrives"


def upgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.add_column(sa.Column("kind", sa.String(32), nullable=False, server_default="other"))
    events = sa.table(
        "life_events", sa.column("id", sa.Integer), sa.column("name"), sa.column("kind")
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(events.c.id, events.c.name)).all()
    # Matched in Python, not with LIKE: word boundaries mean the same on SQLite and MySQL.
    dogs = [id_ for id_, name in rows if name == DEMO_DOG_EVENT or DOG_NAME.search(name)]
    if dogs:
        bind.execute(events.update().where(events.c.id.in_(dogs)).values(kind="dog"))


def downgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.drop_column("kind")
