"""Recorded routes: stored packed, one per workout, read back only for their owner."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.db.best_efforts import save_best_efforts
from etl.db.schema import owners, tracks, workouts
from etl.formats.base import Track
from etl.tracks import pack, unpack


@dataclass(frozen=True)
class StoredTrack:
    """A workout's route with what a map's title needs."""

    workout_id: int
    workout_date: date
    activity_type: str
    distance_m: float | None
    track: Track


def save_tracks(conn: sa.Connection, owner_id: int, items: Iterable[tuple[int, Track]]) -> int:
    """Store routes for workouts that have none yet, with their best efforts (see
    :mod:`etl.db.best_efforts`); returns how many routes were stored."""
    items = list(items)
    now = utc_now()
    rows = [
        {
            "workout_id": workout_id,
            "owner_id": owner_id,
            "points": len(track),
            "data": pack(track),
            "created_at": now,
        }
        for workout_id, track in items
    ]
    if rows:
        conn.execute(tracks.insert(), rows)
        save_best_efforts(conn, owner_id, items)
    return len(rows)


def tracked_ids(conn: sa.Connection, workout_ids: list[int]) -> set[int]:
    """Which of these workouts have a stored route."""
    if not workout_ids:
        return set()
    query = sa.select(tracks.c.workout_id).where(tracks.c.workout_id.in_(workout_ids))
    return set(conn.execute(query).scalars())


def track_of(engine: Engine, owner_key: str, workout_id: int) -> StoredTrack | None:
    """The owner's workout's route; None when there is none (or the workout is not theirs)."""
    found = _read(engine, owner_key, workouts.c.id == workout_id)
    return found[0] if found else None


def tracks_between(engine: Engine, owner_key: str, start: date, end: date) -> list[StoredTrack]:
    """The owner's routes of workouts dated from ``start`` to ``end`` (inclusive), oldest first."""
    return _read(engine, owner_key, workouts.c.workout_date.between(start, end))


def _read(engine: Engine, owner_key: str, condition) -> list[StoredTrack]:
    query = (
        sa.select(
            workouts.c.id,
            workouts.c.workout_date,
            workouts.c.activity_type,
            workouts.c.distance_m,
            tracks.c.data,
        )
        .join(tracks, tracks.c.workout_id == workouts.c.id)
        .join(owners, owners.c.id == workouts.c.owner_id)
        .where(owners.c.key == owner_key, condition)
        .order_by(workouts.c.workout_date, workouts.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        StoredTrack(r.id, r.workout_date, r.activity_type, r.distance_m, unpack(r.data))
        for r in rows
    ]
