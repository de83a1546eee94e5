"""Reading an owner's stored workouts back as DataFrames for the analytics."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np
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
    data = _columns(engine, query, len(ANALYTIC_COLUMNS), shared=_REPEATED, numeric=_NUMERIC)
    if len(data[0]):
        frame = pd.DataFrame(dict(zip(ANALYTIC_COLUMNS, data, strict=True)))
    else:  # no rows: untyped columns, as an empty result always gave
        frame = pd.DataFrame([], columns=list(ANALYTIC_COLUMNS))
    # The driver's own values (SQLite's ISO text, MySQL's date objects) parse to the resolution
    # pandas gives Python dates and datetimes, as rows through SQLAlchemy's types did.
    frame["workout_date"] = pd.to_datetime(frame["workout_date"]).astype(_date_dtype())
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    return frame


# Columns with a handful of distinct values: each repeated value kept once in memory, not once
# a row (a million workouts' activity types are ~55 MB as separate strings, 8 MB shared).
_REPEATED = frozenset(
    ANALYTIC_COLUMNS.index(name)
    for name in ("source", "activity_type", "category", "flags", "workout_date")
)
# Numbers: made arrays a chunk at a time, so their millions of Python values are freed as they
# come and the memory they took is used again by the next chunk's instead of growing.
_NUMERIC = frozenset(
    index
    for index, name in enumerate(ANALYTIC_COLUMNS)
    if isinstance(workouts.c[name].type, sa.Integer | sa.Float)
)
_CHUNK = 20_000


def _columns(
    engine: Engine, query, width: int, *, shared: frozenset[int], numeric: frozenset[int]
) -> list:
    """The query's result a column at a time (a list, or an array for ``numeric`` columns), read
    from the driver's cursor in chunks.

    SQLAlchemy's rows and type processors cost more than the query itself on a large history
    (a million workouts: ~5 s against ~2.5 s); pandas parses the few typed values (dates) in
    one vectorised pass instead. Each chunk is turned into columns as it comes, so the rows as
    tuples are never all in memory at once. Numbers get the dtype pandas would infer from the
    whole column (:func:`_numbers`).
    """
    data: list[list] = [[] for _ in range(width)]
    kept: list[dict] = [{} for _ in range(width)]
    with _quiet_gc(), engine.connect() as conn:
        # The driver's own cursor, never a streamed result's: SQLAlchemy's streaming strategy
        # reads a row ahead of it, which this loop would then miss.
        cursor = conn.execute(query).cursor
        while chunk := cursor.fetchmany(_CHUNK):
            for index, values in enumerate(zip(*chunk, strict=True)):
                if index in numeric:
                    data[index].append(_chunk_numbers(values))
                    continue
                if index in shared:
                    seen = kept[index]
                    values = [seen.setdefault(v, v) for v in values]
                data[index].extend(values)
    return [_numbers(data[i]) if i in numeric else data[i] for i in range(width)]


def _chunk_numbers(values: tuple) -> np.ndarray | int:
    """One chunk of a numeric column: an int64 or float64 array (missing values NaN), or just
    its length when every value is missing."""
    missing = values.count(None)
    if missing == len(values):
        return len(values)
    if missing:
        return np.array(values, dtype=float)
    return np.asarray(values)  # int64 for whole numbers, float64 when any has a fraction part


def _numbers(chunks: list) -> np.ndarray:
    """The chunks as one column, typed as pandas types a list of the same values: nothing but
    missing values stays objects (None); whole numbers with none missing are int64; anything
    else float64, missing values NaN."""
    if not chunks:
        return np.empty(0, dtype=object)
    if all(isinstance(c, int) for c in chunks):
        return np.full(sum(chunks), None, dtype=object)
    parts = [np.full(c, np.nan) if isinstance(c, int) else c for c in chunks]
    if all(p.dtype.kind == "i" for p in parts):
        return np.concatenate(parts)
    return np.concatenate([p.astype(float, copy=False) for p in parts])


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a large history is millions of new values (and no
    cycles), and the collector's repeated scans of them cost as much as the reading (3.5 s of
    9 s for a million workouts)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _date_dtype():
    """The datetime64 resolution pandas gives Python dates (seconds in pandas 3)."""
    return pd.to_datetime(pd.Series([date(2000, 1, 1)])).dtype


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
