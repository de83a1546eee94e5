"""The workouts frame every analytic takes, and the small helpers they share.

A workouts frame has one row per workout with the columns of ``etl.db.queries.workouts_frame``
(SI units: ``distance_m``, ``duration_s``, ``avg_pace_s_per_km``...; ``workout_date`` as
datetime64 at day precision; ``category`` from ``etl.activities``) plus, once classified, a
``label`` column: ``real_run``, ``pup_walk``, ``mixed`` or ``outlier`` for foot workouts, and the
category itself (``cycle``, ``swim``, ``workout``, ``other``) for everything else.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analytics.errors import MissingColumns

REAL_RUN, PUP_WALK, MIXED, OUTLIER = "real_run", "pup_walk", "mixed", "outlier"
FOOT_LABELS = (REAL_RUN, PUP_WALK, MIXED, OUTLIER)
FOOT_CATEGORIES = frozenset({"run", "walk", "hike"})
DISPLAY_NAMES = {
    REAL_RUN: "run",
    PUP_WALK: "dog walk",
    MIXED: "run-walk",
    OUTLIER: "outlier",
    "cycle": "ride",
    "swim": "swim",
    "workout": "gym workout",
    "other": "other",
}
METRES_PER = {"mi": 1609.344, "km": 1000.0}


def require(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise :class:`MissingColumns` naming every column ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumns(f"the workouts frame lacks column(s): {', '.join(missing)}")


def display_name(label: str, names: dict[str, str] | None = None) -> str:
    """The name a person reads for a label ("pup_walk" -> "dog walk")."""
    return (names or DISPLAY_NAMES).get(label, label.replace("_", " "))


def pace_per_unit(pace_s_per_km: float, unit: str) -> float:
    """Seconds per km to minutes per ``unit`` ("mi" or "km")."""
    return pace_s_per_km * METRES_PER[unit] / 1000.0 / 60.0


def distance_in(distance_m: float, unit: str) -> float:
    """Metres to ``unit``."""
    return distance_m / METRES_PER[unit]


def format_pace(pace_s_per_km: float, unit: str) -> str:
    """ "9:41 min/mi" style text for a pace."""
    minutes = pace_per_unit(pace_s_per_km, unit)
    whole = int(minutes)
    seconds = round((minutes - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return f"{whole}:{seconds:02d} min/{unit}"


def by_day(frame: pd.DataFrame) -> pd.Series:
    """Workout dates normalised to midnight (datetime64), whatever the input dtype."""
    return pd.to_datetime(frame["workout_date"]).dt.normalize()
