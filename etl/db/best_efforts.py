"""Best efforts stored: the fastest standard distances inside each stored route.

They are searched (:mod:`etl.best_efforts`) when a route is stored, in the ingest's own
transaction, for every workout with a track whatever it turns out to be (walks and rides
included: the analytics filter by class). Routes stored before the table existed (migration
0011) are searched lazily: :func:`best_efforts_frame` first searches the owner's tracked
workouts that have no best efforts yet (:func:`compute_missing_best_efforts`), under the
owner's lock, so the first read after an upgrade pays once and later reads find nothing to do.
A route too short for a kilometre leaves no row; to keep such routes from being unpacked on
every read, only workouts of at least :data:`SEARCHED_FROM_M` (or of unknown distance) are
searched again.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.best_efforts import STANDARD_DISTANCES, best_efforts_of_track
from etl.db.engine import write_transaction
from etl.db.owners import find_owner
from etl.db.schema import best_efforts, owners, tracks, workouts
from etl.formats.base import Track
from etl.tracks import unpack

COLUMNS = ["workout_id", "workout_date", "distance_m", "seconds", "start_offset_s"]
# Routes of shorter workouts are not searched again once stored (see the module docstring).
SEARCHED_FROM_M = 0.9 * min(STANDARD_DISTANCES.values())


def save_best_efforts(conn: sa.Connection, owner_id: int, items: Iterable[tuple[int, Track]]):
    """Search and store the best efforts of routes just stored (``(workout_id, track)``);
    returns how many rows were written."""
    rows = [
        {
            "owner_id": owner_id,
            "workout_id": workout_id,
            "distance_m": effort.distance_m,
            "seconds": effort.seconds,
            "start_offset_s": effort.start_offset_s,
        }
        for workout_id, track in items
        for effort in best_efforts_of_track(track)
    ]
    if rows:
        conn.execute(best_efforts.insert(), rows)
    return len(rows)


def best_efforts_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """The owner's best efforts, one row per workout and standard distance it covered:
    workout_id, workout_date, distance_m (the standard distance), seconds, start_offset_s
    (seconds from the workout's start), ordered by distance then time."""
    if _missing(engine, owner_key, limit=1):
        compute_missing_best_efforts(engine, owner_key)
    query = (
        sa.select(
            best_efforts.c.workout_id,
            workouts.c.workout_date,
            best_efforts.c.distance_m,
            best_efforts.c.seconds,
            best_efforts.c.start_offset_s,
        )
        .join(workouts, workouts.c.id == best_efforts.c.workout_id)
        .join(owners, owners.c.id == best_efforts.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(best_efforts.c.distance_m, best_efforts.c.seconds, best_efforts.c.workout_id)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)
    frame["distance_m"] = frame["distance_m"].astype(float).round(3)
    frame["seconds"] = frame["seconds"].astype(float)
    frame["start_offset_s"] = frame["start_offset_s"].astype(float)
    return frame


def compute_missing_best_efforts(engine: Engine, owner_key: str | None = None) -> int:
    """Search the stored routes that have no best efforts yet (of one owner, or of everyone);
    returns how many routes were searched. Each owner's are written in one transaction under
    the owner's lock, so it is safe beside imports and other readers doing the same."""
    keys = [owner_key] if owner_key is not None else _owners_missing(engine)
    searched = 0
    for key in keys:
        with write_transaction(engine) as conn:
            owner_id = find_owner(conn, key, lock=True)
            if owner_id is None:
                continue
            rows = conn.execute(_missing_query(owner_id)).all()
            save_best_efforts(conn, owner_id, ((r.workout_id, unpack(r.data)) for r in rows))
            searched += len(rows)
    return searched


def _missing_query(owner_id: int | None = None, *, columns=None):
    """Tracked workouts without best efforts that may cover a kilometre."""
    have = sa.select(best_efforts.c.workout_id).where(
        best_efforts.c.workout_id == tracks.c.workout_id
    )
    query = (
        sa.select(*(columns or (tracks.c.workout_id, tracks.c.data)))
        .select_from(
            tracks.join(workouts, workouts.c.id == tracks.c.workout_id).join(
                owners, owners.c.id == tracks.c.owner_id
            )
        )
        .where(
            ~have.exists(),
            tracks.c.points >= 2,
            sa.or_(workouts.c.distance_m.is_(None), workouts.c.distance_m >= SEARCHED_FROM_M),
        )
    )
    return query if owner_id is None else query.where(tracks.c.owner_id == owner_id)


def _missing(engine: Engine, owner_key: str, *, limit: int) -> list[int]:
    query = _missing_query(columns=(tracks.c.workout_id,)).where(owners.c.key == owner_key)
    with engine.connect() as conn:
        return list(conn.execute(query.limit(limit)).scalars())


def _owners_missing(engine: Engine) -> list[str]:
    query = _missing_query(columns=(owners.c.key,)).distinct()
    with engine.connect() as conn:
        return sorted(conn.execute(query).scalars())
