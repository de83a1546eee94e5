"""Load: write the new workouts and the batch record on one connection, inside one transaction.

The caller owns the transaction, so a crash or database error anywhere leaves no part of the
batch. Workouts already stored for the owner (same source and id) are counted, not written again.
Rows go to the driver's ``executemany`` as tuples converted column by column with the dialect's
own bind processors: per-row ORM-style parameter handling would cost more than the parse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from etl.db.schema import ingest_batches, workouts
from etl.transform import Transformed, raw_json

CHUNK_ROWS = 5000
Progress = Callable[[int, int], None]

# Filled from the transformed frame; the rest are per-batch constants or database defaults.
_ROW_COLUMNS = tuple(
    c.name
    for c in workouts.columns
    if c.name not in {"id", "owner_id", "source", "batch_id", "created_at", "raw"}
)
_INSERT_COLUMNS = ("owner_id", "source", "batch_id", "created_at", "raw", *_ROW_COLUMNS)


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
    shaped: Transformed,
    *,
    owner_id: int,
    source: str,
    batch: dict,
    progress: Progress | None = None,
) -> Loaded:
    """Insert the batch record and the workouts not yet stored; returns the counts.

    ``batch`` holds the batch record's descriptive fields; the new and present counts are filled
    in here (rows repeating an id earlier in the same file count as present).
    """
    stored = shaped.frame["source_id"].isin(existing_ids(conn, owner_id=owner_id, source=source))
    fresh = ~stored.to_numpy()
    present = int(stored.sum()) + shaped.repeated_in_file
    now = datetime.now(UTC).replace(tzinfo=None)
    batch_id = conn.execute(
        ingest_batches.insert().values(
            owner_id=owner_id,
            rows_new=int(fresh.sum()),
            rows_present=present,
            finished_at=now,
            **batch,
        )
    ).inserted_primary_key[0]
    rows = shaped.frame[fresh].reset_index(drop=True)
    text = shaped.text[fresh].reset_index(drop=True)
    constants = {"owner_id": owner_id, "source": source, "batch_id": batch_id, "created_at": now}
    statement = _insert_statement(conn)
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows.iloc[start : start + CHUNK_ROWS]
        raw = raw_json(text.iloc[start : start + CHUNK_ROWS])
        conn.exec_driver_sql(statement, _tuples(conn.dialect, chunk, raw, constants))
        if progress:
            progress(start + len(chunk), len(rows))
    return Loaded(batch_id=batch_id, new=len(rows), already_present=present)


def _insert_statement(conn: sa.Connection) -> str:
    quote = conn.dialect.identifier_preparer.quote
    marker = "?" if conn.dialect.paramstyle in {"qmark", "numeric"} else "%s"
    names = ", ".join(quote(c) for c in _INSERT_COLUMNS)
    markers = ", ".join([marker] * len(_INSERT_COLUMNS))
    return f"INSERT INTO {quote(workouts.name)} ({names}) VALUES ({markers})"


def _tuples(dialect, chunk: pd.DataFrame, raw: list[str], constants: dict) -> list[tuple]:
    """Driver-ready rows: Python scalars, None for missing, values bound as SQLAlchemy would."""
    columns = []
    for name in _INSERT_COLUMNS:
        process = workouts.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if name in constants:
            value = constants[name]
            columns.append([process(value) if process else value] * len(chunk))
            continue
        if name == "raw":
            values = raw
        else:
            series = chunk[name].round().astype("Int64") if name == "steps" else chunk[name]
            values = series.astype(object).where(series.notna(), None).tolist()
        columns.append([process(v) for v in values] if process else values)
    return list(zip(*columns))
