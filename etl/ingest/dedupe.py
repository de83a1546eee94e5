"""Cross-source dedupe: the same workout imported from two apps is kept once.

Two records are the same workout when they come from different sources and started within
:data:`START_TOLERANCE` of each other with distances within :data:`DISTANCE_TOLERANCE` (no one
does two workouts at once). Records with only a date (MapMyRun has no start time), or with a
local start time (Garmin's CSV) facing another app's UTC, match on the day, the distance and
the duration, and only when the pairing is unambiguous: a person who walks the dog twice a day
on the same route must keep both walks.

The merged record keeps the stored workout's id (labels and corrections point at it); its fields
come from the richer of the two records, the other filling what the richer one lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from etl.activities import category_of
from etl.db.schema import tracks, workouts

START_TOLERANCE = timedelta(minutes=2)
DISTANCE_TOLERANCE = 0.03
DURATION_TOLERANCE = 0.03
# Sources whose start times are the athlete's local clock, not UTC.
LOCAL_TIME_SOURCES = frozenset({"garmin"})
# The measured fields a merge may take from either record; the richer record has more of them.
FIELDS = (
    "started_at",
    "distance_m",
    "duration_s",
    "avg_pace_s_per_km",
    "max_pace_s_per_km",
    "avg_speed_mps",
    "max_speed_mps",
    "calories_kcal",
    "avg_heart_rate",
    "max_heart_rate",
    "avg_cadence_spm",
    "moving_time_s",
    "elevation_gain_m",
    "steps",
    "notes",
)
TRACK_WEIGHT = 3  # a recorded route says more than any one number
_STORED = ("id", "source", "workout_date", "activity_type", "flags", *FIELDS)
# Formats whose activity type is the person's own label; a track file's type is a device's guess.
_LABELLED_SOURCES = frozenset({"mapmyrun", "strava", "garmin", "apple_health"})


@dataclass(frozen=True)
class Match:
    """A fresh row (by position in the fresh frame) that is a stored workout already."""

    position: int
    workout_id: int


def find_matches(
    conn: sa.Connection,
    fresh: pd.DataFrame,
    *,
    owner_id: int,
    source: str,
    links: Mapping[str, int] | None = None,
):
    """The stored workouts that rows of ``fresh`` duplicate, as a frame of stored records
    indexed by workout id, and the matches. ``links`` (source id -> workout id) names rows
    known to be a stored workout (a Strava activity's own GPX file), whatever the times say;
    the other rows are matched with workouts of other sources by time and distance."""
    if fresh.empty:
        return pd.DataFrame(), []
    if links:
        linked = fresh["source_id"].map(links)
        pairs = [(int(p), int(w)) for p, w in enumerate(linked) if pd.notna(w)]
    else:
        linked, pairs = pd.Series(np.nan, index=fresh.index), []
    known = [_records(conn, workouts.c.id.in_(sorted({w for _, w in pairs})))] if pairs else []
    unlinked = linked.isna().to_numpy()
    rest = fresh[unlinked]
    stored = _candidates(conn, rest, owner_id=owner_id, source=source) if len(rest) else None
    if stored is not None and not stored.empty:
        positions = np.flatnonzero(unlinked)
        mine, theirs = _utc_only(rest, source), _utc_only(stored, stored["source"])
        found = _timed_pairs(mine, theirs) + _dated_pairs(mine, theirs)
        pairs += [(int(positions[p]), w) for p, w in found]
        known.append(stored)
    taken: set[int] = set()
    matches = []
    for position, workout_id in sorted(pairs):
        if workout_id not in taken:
            taken.add(workout_id)
            matches.append(Match(position, workout_id))
    frame = pd.concat(known).drop_duplicates("id") if known else pd.DataFrame(columns=["id"])
    return frame.set_index("id", drop=False), matches


def richness(record: dict, *, has_track: bool) -> int:
    """How much a record says: its known fields, a track counting :data:`TRACK_WEIGHT`."""
    known = sum(1 for name in FIELDS if _known(record.get(name)))
    return known + (TRACK_WEIGHT if has_track else 0)


def merged_values(stored: dict, incoming: dict, *, stored_track: bool, incoming_track: bool):
    """The stored workout's new field values: the richer record's, gaps filled from the other.

    The activity type is the person's label where one record has it (an app's own export), not
    a track file's guess; an assumed or unknown type never replaces a named one.
    """
    incoming_richer = richness(incoming, has_track=incoming_track) > richness(
        stored, has_track=stored_track
    )
    first, second = (incoming, stored) if incoming_richer else (stored, incoming)
    values = {n: first[n] if _known(first.get(n)) else second.get(n) for n in FIELDS}
    values["workout_date"] = first["workout_date"]
    kind = first["activity_type"]
    guessed = first.get("source") not in _LABELLED_SOURCES
    person_label = second.get("source") in _LABELLED_SOURCES
    if (guessed and person_label) or first.get("type_assumed") or kind == "Unknown":
        kind = second["activity_type"]
    values["activity_type"] = kind
    values["category"] = category_of(kind)
    values["flags"] = first.get("flags")
    return {k: _plain(v) for k, v in values.items()}


def _candidates(conn, fresh: pd.DataFrame, *, owner_id: int, source: str) -> pd.DataFrame:
    days = pd.to_datetime(fresh["workout_date"])
    low, high = (days.min() - timedelta(days=1)).date(), (days.max() + timedelta(days=1)).date()
    return _records(
        conn,
        workouts.c.owner_id == owner_id,
        workouts.c.source != source,
        workouts.c.workout_date.between(low, high),
    )


def _records(conn, *conditions) -> pd.DataFrame:
    """Stored workouts with the fields a merge needs, and whether each has a route."""
    rows = conn.execute(sa.select(*(workouts.c[n] for n in _STORED)).where(*conditions)).all()
    stored = pd.DataFrame(rows, columns=list(_STORED))
    if stored.empty:
        return stored
    tracked = sa.select(tracks.c.workout_id).where(tracks.c.workout_id.in_(stored["id"].tolist()))
    stored["has_track"] = stored["id"].isin(set(conn.execute(tracked).scalars()))
    return stored


def _utc_only(frame: pd.DataFrame, source) -> pd.DataFrame:
    """The rows with the start times of local-time sources blanked: a Garmin CSV's 07:00 is
    the athlete's clock, so it is compared by day, never by minute, with another app's UTC."""
    local = pd.Series(source, index=frame.index).isin(LOCAL_TIME_SOURCES)
    if not local.any():
        return frame
    return frame.assign(started_at=frame["started_at"].where(~local, None))


def _timed_pairs(fresh: pd.DataFrame, stored: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs whose starts are within the tolerance, nearest first, distances agreeing."""
    timed = stored[stored["started_at"].notna()].sort_values("started_at")
    if timed.empty:
        return []
    starts = pd.to_datetime(timed["started_at"]).to_numpy()
    tolerance = np.timedelta64(START_TOLERANCE)
    pairs = []
    mine = pd.to_datetime(fresh["started_at"])
    for position, start in enumerate(mine.to_numpy()):
        if np.isnat(start):
            continue
        lo, hi = np.searchsorted(starts, [start - tolerance, start + tolerance], side="left")
        near = sorted(range(lo, hi), key=lambda i: abs(starts[i] - start))
        row = fresh.iloc[position]
        for i in near:
            if _same_effort(row, timed.iloc[i], need_both=False):
                pairs.append((position, int(timed.iloc[i]["id"])))
                break
    return pairs


def _dated_pairs(fresh: pd.DataFrame, stored: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs where one side has no start time: same day, distance and duration, unambiguous."""
    found: list[tuple[int, int]] = []
    by_day = dict(list(stored.groupby(pd.to_datetime(stored["workout_date"]))))
    fresh_days = pd.to_datetime(fresh["workout_date"])
    for position, day in enumerate(fresh_days):
        row = fresh.iloc[position]
        group = by_day.get(day)
        if group is None:
            continue
        if pd.notna(row["started_at"]):
            group = group[group["started_at"].isna()]
        hits = [int(s["id"]) for _, s in group.iterrows() if _same_effort(row, s, need_both=True)]
        if len(hits) == 1:
            found.append((position, hits[0]))
    # A stored workout two fresh rows could be is ambiguous too: neither is merged.
    counts = pd.Series([w for _, w in found]).value_counts()
    return [(p, w) for p, w in found if counts[w] == 1]


def _same_effort(a, b, *, need_both: bool) -> bool:
    """Distances within tolerance; without both distances, durations must agree instead."""
    if _close(a["distance_m"], b["distance_m"], DISTANCE_TOLERANCE):
        return not need_both or _close(a["duration_s"], b["duration_s"], DURATION_TOLERANCE)
    if _known(a["distance_m"]) and _known(b["distance_m"]):
        return False
    return not need_both and _close(a["duration_s"], b["duration_s"], DURATION_TOLERANCE)


def _close(x, y, tolerance: float) -> bool:
    if not (_known(x) and _known(y)):
        return False
    x, y = float(x), float(y)
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _known(value) -> bool:
    if value is None or value is pd.NaT:
        return False
    if isinstance(value, float) and np.isnan(value):
        return False
    return value != ""


def _plain(value):
    """A value the database driver takes: numpy scalars and NaN become Python values/None."""
    if not _known(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value
