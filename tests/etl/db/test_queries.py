"""Reading an owner's workouts back: the driver's values read in chunks give the same frame as
SQLAlchemy's typed rows did, on SQLite and MySQL, with every kind of missing value."""

from datetime import datetime

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from etl.db import queries
from etl.db.queries import ANALYTIC_COLUMNS, workouts_frame
from etl.db.schema import owners, workouts
from etl.demo.mapmyrun import generate_export
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

ALICE, BOB = "local:alice", "local:bob"


def _typed_frame(engine, owner_key):
    """The reference: rows through SQLAlchemy's types, one DataFrame row a Row."""
    query = (
        sa.select(*[workouts.c[name] for name in ANALYTIC_COLUMNS])
        .join(owners, owners.c.id == workouts.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(workouts.c.workout_date, workouts.c.id)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=list(ANALYTIC_COLUMNS))
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    return frame


def _seeded_store(engine, rows=1500):
    for owner, seed in ((ALICE, 1), (BOB, 2)):
        raw = RawFile(f"{seed}.csv", generate_export(rows, seed=seed).encode())
        ingest_file(engine, raw, owner_key=owner, max_bytes=len(raw.data))
    # Values the MapMyRun export leaves empty, on a seeded third of Alice's rows.
    rng = np.random.default_rng(3)
    with engine.begin() as conn:
        ids = conn.execute(sa.select(workouts.c.id).order_by(workouts.c.id)).scalars().all()
        for workout_id in rng.choice(ids, size=len(ids) // 3, replace=False):
            conn.execute(
                workouts.update()
                .where(workouts.c.id == int(workout_id))
                .values(
                    started_at=datetime(2019, 5, 3, int(workout_id) % 24, 7, 30),
                    moving_time_s=float(workout_id % 3000),
                    notes=f"note {workout_id} ☕",
                    steps=int(workout_id) * 7,
                    avg_heart_rate=None,
                )
            )


@pytest.mark.parametrize("chunk", [20_000, 7])
def test_the_frame_is_the_typed_rows_frame(store, monkeypatch, chunk):
    monkeypatch.setattr(queries, "_CHUNK", chunk)  # 7: chunks of every kind meet in a column
    _seeded_store(store)
    for owner in (ALICE, BOB):
        frame = workouts_frame(store, owner)
        pd.testing.assert_frame_equal(frame, _typed_frame(store, owner), check_exact=True)
        assert len(frame) == 1500
    assert set(workouts_frame(store, ALICE)["id"]).isdisjoint(workouts_frame(store, BOB)["id"])


def test_an_empty_history_has_every_column(store):
    _seeded_store(store, rows=10)
    frame = workouts_frame(store, "local:nobody")
    assert frame.empty and list(frame.columns) == list(ANALYTIC_COLUMNS)
    pd.testing.assert_frame_equal(frame, _typed_frame(store, "local:nobody"), check_exact=True)


def test_repeated_values_are_kept_once(store):
    _seeded_store(store, rows=300)
    frame = workouts_frame(store, ALICE)
    for name in ("source", "activity_type", "category"):
        values = frame[name].to_numpy(dtype=object)
        assert len({id(v) for v in values}) == len(set(values)), name


@pytest.mark.parametrize(
    "chunks",
    [
        [(None, None), (None,)],
        [(1, 2), (3,)],
        [(1, None), (3,)],
        [(None, None), (2, 3)],
        [(1, 2), (2.5, None)],
        [(1.5, 2.0), (None, None)],
        [(1, 2**40), (7,)],
    ],
)
def test_number_columns_are_typed_as_pandas_types_the_whole_list(chunks):
    from etl.db.queries import _chunk_numbers, _numbers

    values = [v for chunk in chunks for v in chunk]
    column = pd.Series(_numbers([_chunk_numbers(chunk) for chunk in chunks]))
    pd.testing.assert_series_equal(column, pd.Series(values), check_exact=True)
