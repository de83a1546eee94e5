"""Labels people set on their own workouts. One per workout; the newest replaces the older."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.owners import bump_data_version, find_owner
from etl.db.schema import label_corrections, owners, workouts
from etl.errors import WorkoutsError


class UnknownWorkout(WorkoutsError):
    """No workout with that id belongs to the owner."""


def set_label(engine: Engine, owner_key: str, workout_id: int, label: str, *, source: str) -> None:
    """Record the owner's label for one of *their* workouts (another owner's id is unknown)."""
    with write_transaction(engine) as conn:
        owner_id = find_owner(conn, owner_key, lock=True)
        found = conn.execute(
            sa.select(workouts.c.id).where(
                workouts.c.id == workout_id, workouts.c.owner_id == owner_id
            )
        ).scalar()
        if owner_id is None or found is None:
            raise UnknownWorkout(f"you have no workout with id {workout_id}.")
        conn.execute(label_corrections.delete().where(label_corrections.c.workout_id == workout_id))
        conn.execute(
            label_corrections.insert().values(
                owner_id=owner_id,
                workout_id=workout_id,
                label=label,
                source=source,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        bump_data_version(conn, owner_id)


def remove_label(engine: Engine, owner_key: str, workout_id: int) -> dict | None:
    """Forget the owner's label on one of their workouts, so the model decides again; returns
    what was removed ({"label", "source"}), or None when there was no label."""
    with write_transaction(engine) as conn:
        owner_id = find_owner(conn, owner_key, lock=True)
        if owner_id is None:
            return None
        where = (label_corrections.c.workout_id == workout_id) & (
            label_corrections.c.owner_id == owner_id
        )
        row = conn.execute(
            sa.select(label_corrections.c.label, label_corrections.c.source).where(where)
        ).first()
        if row is None:
            return None
        conn.execute(label_corrections.delete().where(where))
        bump_data_version(conn, owner_id)
        return {"label": row.label, "source": row.source}


def label_of(engine: Engine, owner_key: str, workout_id: int) -> dict | None:
    """The owner's own label on a workout ({"label", "source"}), or None when the model's
    stands: what a change must restore when it is undone."""
    query = (
        sa.select(label_corrections.c.label, label_corrections.c.source)
        .join(owners, owners.c.id == label_corrections.c.owner_id)
        .where(owners.c.key == owner_key, label_corrections.c.workout_id == workout_id)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else {"label": row.label, "source": row.source}


def corrections_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """The owner's corrections: workout_id, label, source, created_at."""
    query = (
        sa.select(
            label_corrections.c.workout_id,
            label_corrections.c.label,
            label_corrections.c.source,
            label_corrections.c.created_at,
        )
        .join(owners, owners.c.id == label_corrections.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(label_corrections.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["workout_id", "label", "source", "created_at"])
