"""Reading an owner's stored workouts back as DataFrames for the analytics."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.schema import ingest_batches, owners, workouts

# What the analytics read; raw rows and bookkeeping stay in the database.
ANALYTIC_COLUMNS = (
    "id",
    "source",
    "source_id",
    "workout_date",
    "started_at",
    "activity_type",
    "category",
    "distance_m",
    "duration_s",
    "moving_time_s",
    "avg_pace_s_per_km",
    "max_pace_s_per_km",
    "avg_speed_mps",
    "max_speed_mps",
    "calories_kcal",
    "avg_heart_rate",
    "steps",
    "flags",
    "notes",
)


def workouts_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """Every workout of one owner (and only that owner), oldest first, dates as datetime64."""
    columns = [workouts.c[name] for name in ANALYTIC_COLUMNS]
    query = (
        sa.select(*columns)
        .join(owners, owners.c.id == workouts.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(workouts.c.workout_date, workouts.c.id)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=list(ANALYTIC_COLUMNS))
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    return frame


def count_workouts(engine: Engine, owner_key: str) -> int:
    """How many workouts one owner has stored."""
    query = (
        sa.select(sa.func.count())
        .select_from(workouts.join(owners, owners.c.id == workouts.c.owner_id))
        .where(owners.c.key == owner_key)
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def batches_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """One owner's ingest batches, newest first."""
    query = (
        sa.select(ingest_batches)
        .join(owners, owners.c.id == ingest_batches.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(ingest_batches.c.id.desc())
    )
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def batch_workout_ids(engine: Engine, *batch_ids: int) -> list[int]:
    """Ids of the workouts ingest batches stored (an archive's files each have one)."""
    query = sa.select(workouts.c.id).where(workouts.c.batch_id.in_(batch_ids))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())
