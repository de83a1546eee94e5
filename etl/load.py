"""Load: write the new workouts and the batch record on one connection, inside one transaction.

The caller owns the transaction, so a crash or database error anywhere leaves no part of the
batch. Workouts already stored for the owner (same source and id) are counted, not written again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from etl.db.schema import ingest_batches, workouts

CHUNK_ROWS = 5000
Progress = Callable[[int, int], None]

_WORKOUT_COLUMNS = [
    c.name
    for c in workouts.columns
    if c.name not in {"id", "owner_id", "source", "batch_id", "created_at"}
]


@dataclass(frozen=True)
class Loaded:
    """What the load wrote."""

    batch_id: int
    new: int
    already_present: int


def existing_ids(conn: sa.Connection, *, owner_id: int, source: str) -> set[str]:
    """Source ids of the owner's stored workouts from ``source``."""
    query = sa.select(workouts.c.source_id).where(
        workouts.c.owner_id == owner_id, workouts.c.source == source
    )
    return set(conn.execute(query).scalars())


def load(
    conn: sa.Connection,
    rows: pd.DataFrame,
    *,
    owner_id: int,
    source: str,
    batch: dict,
    repeated_in_file: int = 0,
    progress: Progress | None = None,
) -> Loaded:
    """Insert the batch record and the rows not yet stored; returns the counts.

    ``batch`` holds the batch record's descriptive fields; the new and present counts are filled
    in here (rows repeating an id earlier in the same file count as present).
    """
    present = rows["source_id"].isin(existing_ids(conn, owner_id=owner_id, source=source))
    fresh = rows[~present.to_numpy()]
    now = datetime.now(UTC).replace(tzinfo=None)
    batch_id = conn.execute(
        ingest_batches.insert().values(
            owner_id=owner_id,
            rows_new=len(fresh),
            rows_present=repeated_in_file + int(present.sum()),
            finished_at=now,
            **batch,
        )
    ).inserted_primary_key[0]
    records = _records(fresh, owner_id=owner_id, source=source, batch_id=batch_id, created_at=now)
    for start in range(0, len(records), CHUNK_ROWS):
        conn.execute(workouts.insert(), records[start : start + CHUNK_ROWS])
        if progress:
            progress(min(start + CHUNK_ROWS, len(records)), len(records))
    return Loaded(
        batch_id=batch_id, new=len(fresh), already_present=int(present.sum()) + repeated_in_file
    )


def _records(frame: pd.DataFrame, **constant) -> list[dict]:
    """Plain Python rows for the driver: None for missing, int steps, no numpy scalars."""
    if frame.empty:
        return []
    table = frame.reindex(columns=_WORKOUT_COLUMNS)
    table["steps"] = table["steps"].round().astype("Int64")
    table = table.astype(object).where(table.notna(), None)
    columns = list(table.columns)
    return [
        {**dict(zip(columns, (_plain(v) for v in row))), **constant}
        for row in table.itertuples(index=False, name=None)
    ]


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value
