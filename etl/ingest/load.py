"""Load: write the new workouts and the batch record on one connection, inside one transaction.

The caller owns the transaction, so a crash or database error anywhere leaves no part of the
batch. Workouts already stored for the owner (same source and id) are counted, not written again;
workouts stored from another app are merged with them (see :mod:`etl.ingest.dedupe`).
Rows go to the driver's ``executemany`` as tuples converted column by column with the dialect's
own bind processors: per-row ORM-style parameter handling would cost more than the parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from etl.dates import utc_now
from etl.db.schema import ingest_batches, workout_sources, workouts
from etl.db.tracks import save_tracks
from etl.formats.base import Track
from etl.ingest import dedupe, infile
from etl.ingest.seen import FirstLines, hashes
from etl.ingest.transform import Transformed, raw_json
from etl.tracks import clean

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
    merged: int = 0
    tracks: int = 0

    def __add__(self, other: Loaded) -> Loaded:
        return Loaded(
            self.batch_id,
            self.new + other.new,
            self.already_present + other.already_present,
            self.merged + other.merged,
            self.tracks + other.tracks,
        )


@dataclass(frozen=True)
class Target:
    """Where a file's rows go: its owner, its source and its batch."""

    owner_id: int
    source: str
    batch_id: int
    now: datetime


class StoredIds:
    """The source ids an owner has stored from one source (merged copies included), held as
    sorted 64-bit hashes (:class:`etl.ingest.seen.FirstLines`): a million of them take 16 MB
    where a set of strings takes ~90 MB."""

    _PART = 100_000  # ids fetched and hashed at a time

    def __init__(self, conn: sa.Connection, *, owner_id: int, source: str) -> None:
        self._keys = FirstLines()
        for table in (workouts, workout_sources):
            query = sa.select(table.c.source_id).where(
                table.c.owner_id == owner_id, table.c.source == source
            )
            result = conn.execution_options(yield_per=self._PART).execute(query).scalars()
            for part in result.partitions():
                self._keys.add(hashes(part), np.ones(len(part), dtype=np.int64))

    def contains(self, ids) -> np.ndarray:
        """Whether each id is stored."""
        return self._keys.lines_of(hashes(ids)) > 0


def open_batch(conn: sa.Connection, *, owner_id: int, batch: dict, now: datetime) -> int:
    """Insert a file's batch record, nothing counted yet (:func:`close_batch` counts), and
    return its id: the workouts written point at it."""
    return conn.execute(
        ingest_batches.insert().values(
            owner_id=owner_id,
            rows_new=0,
            rows_present=0,
            rows_merged=0,
            finished_at=now,
            **batch,
        )
    ).inserted_primary_key[0]


def close_batch(conn: sa.Connection, loaded: Loaded, **fields) -> None:
    """Record what a batch wrote (and any descriptive ``fields`` known only at its end)."""
    conn.execute(
        ingest_batches.update()
        .where(ingest_batches.c.id == loaded.batch_id)
        .values(
            rows_new=loaded.new,
            rows_present=loaded.already_present,
            rows_merged=loaded.merged,
            finished_at=utc_now(),
            **fields,
        )
    )


def load(
    conn: sa.Connection,
    shaped: Transformed,
    *,
    owner_id: int,
    source: str,
    batch: dict,
    tracks: Mapping[int, Track] | None = None,
    progress: Progress | None = None,
    links: Mapping[str, int] | None = None,
) -> Loaded:
    """Insert the batch record and the workouts not yet stored; returns the counts.

    ``batch`` holds the batch record's descriptive fields; the new, present and merged counts are
    filled in here (rows repeating an id earlier in the same file count as present). ``tracks``
    are the file's routes by line; each is stored with its workout. ``links`` maps source ids
    of rows known to be a stored workout (a Strava activity's own GPX file) to that workout.
    """
    now = utc_now()
    batch_id = open_batch(conn, owner_id=owner_id, batch=batch, now=now)
    target = Target(owner_id, source, batch_id, now)
    stored = StoredIds(conn, owner_id=owner_id, source=source)
    loaded = load_rows(
        conn, shaped, target, stored=stored, tracks=tracks, links=links, progress=progress
    )
    close_batch(conn, loaded)
    return loaded


def load_rows(
    conn: sa.Connection,
    shaped: Transformed,
    target: Target,
    *,
    stored: StoredIds | None,
    tracks: Mapping[int, Track] | None = None,
    links: Mapping[str, int] | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Write the rows of ``shaped`` not yet ``stored`` into the target batch, merging those
    another app stored already; returns the counts. ``stored`` is None when the rows are
    known not to be stored (a streamed chunk's were set aside before they were validated)."""
    frame = shaped.frame
    present_mask = (
        stored.contains(frame["source_id"]) if stored else np.zeros(len(frame), dtype=bool)
    )
    present = int(present_mask.sum()) + shaped.repeated_in_file
    fresh_frame = shaped.frame[~present_mask].reset_index(drop=True)
    fresh_text = shaped.text[~present_mask].reset_index(drop=True)
    known, matches = dedupe.find_matches(
        conn, fresh_frame, owner_id=target.owner_id, source=target.source, links=links
    )
    merged = np.zeros(len(fresh_frame), dtype=bool)
    merged[[m.position for m in matches]] = True
    rows = fresh_frame[~merged].reset_index(drop=True)
    text = fresh_text[~merged].reset_index(drop=True)
    insert_rows(conn, target, rows, text, progress=progress)
    routes = {line: t for line, t in ((k, clean(v)) for k, v in (tracks or {}).items()) if t}
    context = _Merge(target.owner_id, target.source, target.batch_id, target.now, routes)
    stored_routes = _merge_all(conn, context, fresh_frame, fresh_text, known, matches)
    stored_routes += _store_new_routes(conn, context, rows)
    return Loaded(target.batch_id, len(rows), present, len(matches), stored_routes)


def insert_rows(
    conn: sa.Connection,
    target: Target,
    rows: pd.DataFrame,
    text: pd.DataFrame,
    *,
    progress: Progress | None = None,
) -> None:
    """Insert new workouts (``text``: the rows as the file wrote them, kept as each one's raw
    record) :data:`CHUNK_ROWS` at a time."""
    constants = {
        "owner_id": target.owner_id,
        "source": target.source,
        "batch_id": target.batch_id,
        "created_at": target.now,
    }
    # Columns empty in every new row are left to their NULL default: binding a hundred thousand
    # Nones per column costs time and says nothing.
    names = [c for c in _INSERT_COLUMNS if c in constants or c == "raw" or rows[c].notna().any()]
    if len(rows) and infile.can_load(conn):
        said = {**constants, "raw": raw_json(text)}
        columns = {name: said[name] if name in said else _column(rows, name) for name in names}
        infile.load_rows(conn, columns, len(rows))
        if progress:
            progress(len(rows), len(rows))
        return
    statement = _insert_statement(conn, names)
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows.iloc[start : start + CHUNK_ROWS]
        raw = raw_json(text.iloc[start : start + CHUNK_ROWS])
        conn.exec_driver_sql(statement, _tuples(conn.dialect, chunk, raw, constants, names))
        if progress:
            progress(start + len(chunk), len(rows))


@dataclass(frozen=True)
class _Merge:
    owner_id: int
    source: str
    batch_id: int
    now: datetime
    routes: Mapping[int, Track]


def _merge_all(conn, context: _Merge, frame, text, known: pd.DataFrame, matches) -> int:
    """Fold each matched row into its stored workout and record the row's source."""
    if not matches:
        return 0
    sources, routes = [], []
    raw = raw_json(text.iloc[[m.position for m in matches]])
    for match, raw_row in zip(matches, raw):
        incoming = frame.iloc[match.position].to_dict()
        incoming["type_assumed"] = text.iloc[match.position].get("type_assumed") == "1"
        incoming["source"] = context.source
        route = context.routes.get(int(incoming["line"]))
        stored = known.loc[match.workout_id].to_dict()
        values = dedupe.merged_values(
            stored, incoming, stored_track=bool(stored["has_track"]), incoming_track=bool(route)
        )
        conn.execute(workouts.update().where(workouts.c.id == match.workout_id).values(**values))
        sources.append(
            {
                "owner_id": context.owner_id,
                "workout_id": match.workout_id,
                "source": context.source,
                "source_id": incoming["source_id"],
                "batch_id": context.batch_id,
                "raw": raw_row,
                "created_at": context.now,
            }
        )
        if route is not None and not stored["has_track"]:
            routes.append((match.workout_id, route))
    conn.execute(workout_sources.insert(), sources)
    return save_tracks(conn, context.owner_id, routes)


def _store_new_routes(conn, context: _Merge, rows: pd.DataFrame) -> int:
    """Store the routes of the rows just inserted, found again by their source ids."""
    if not context.routes:
        return 0
    lines = rows["line"].astype(int)
    wanted = {
        sid: context.routes[line]
        for sid, line in zip(rows["source_id"], lines)
        if line in context.routes
    }
    if not wanted:
        return 0
    query = sa.select(workouts.c.source_id, workouts.c.id).where(
        workouts.c.batch_id == context.batch_id
    )
    ids = dict(conn.execute(query).all())
    return save_tracks(conn, context.owner_id, [(ids[s], t) for s, t in wanted.items()])


def _column(rows: pd.DataFrame, name: str) -> pd.Series:
    """A column as stored: steps are whole numbers."""
    return rows[name].round().astype("Int64") if name == "steps" else rows[name]


def _insert_statement(conn: sa.Connection, columns: list[str]) -> str:
    quote = conn.dialect.identifier_preparer.quote
    marker = "?" if conn.dialect.paramstyle in {"qmark", "numeric"} else "%s"
    names = ", ".join(quote(c) for c in columns)
    markers = ", ".join([marker] * len(columns))
    return f"INSERT INTO {quote(workouts.name)} ({names}) VALUES ({markers})"


def _tuples(dialect, chunk: pd.DataFrame, raw: list[str], constants: dict, names) -> list[tuple]:
    """Driver-ready rows: Python scalars, None for missing, values bound as SQLAlchemy would."""
    columns = []
    for name in names:
        process = workouts.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if name in constants:
            value = constants[name]
            columns.append([process(value) if process else value] * len(chunk))
            continue
        if name == "raw":
            values = raw
        else:
            series = _column(chunk, name)
            values = series.to_numpy(dtype=object, copy=True)
            values[series.isna().to_numpy()] = None
            values = values.tolist()
        columns.append(_bound(process, values) if process else values)
    return list(zip(*columns))


def _bound(process: Callable, values: list) -> list:
    """``process`` applied to each value, once per distinct value: a file repeats a few thousand
    dates over its rows, and converting each row's date again costs more than the insert."""
    try:
        converted = {value: process(value) for value in set(values)}
    except TypeError:  # a value that cannot be a key: convert each one
        return [process(v) for v in values]
    return [converted[v] for v in values]
