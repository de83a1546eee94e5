"""What the classifier sees of a workout: whether it is a foot workout, whether its numbers can be
true at all, and its position in (log pace, log distance) space.

Duration is pace times distance, so in log space it is the sum of the other two and adds no
information: the two coordinates below encode pace, distance and duration together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.frame import FOOT_CATEGORIES, require

COLUMNS = ("id", "workout_date", "category", "distance_m", "duration_s", "avg_pace_s_per_km")


@dataclass(frozen=True)
class Plausibility:
    """Physical limits for a workout on foot; outside them the record cannot be true."""

    min_pace_s_per_km: float = 130.5  # 3:30 min/mi, faster than any human over a distance
    max_pace_s_per_km: float = 2237.0  # 60:00 min/mi, slower than a stroll
    max_distance_m: float = 160_934.0  # 100 miles in one workout


def foot_mask(frame: pd.DataFrame) -> np.ndarray:
    """Workouts on foot (run, walk, hike): the only ones the run/walk classifier labels."""
    require(frame, ["category"])
    return frame["category"].isin(FOOT_CATEGORIES).to_numpy()


def paces(frame: pd.DataFrame) -> np.ndarray:
    """Average pace in s/km: the stored pace, else duration over distance."""
    stored = frame["avg_pace_s_per_km"].to_numpy(dtype=float)
    distance_km = frame["distance_m"].to_numpy(dtype=float) / 1000.0
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = frame["duration_s"].to_numpy(dtype=float) / distance_km
    return np.where(np.isfinite(stored), stored, derived)


def implausibility(frame: pd.DataFrame, limits: Plausibility) -> np.ndarray:
    """Why each workout cannot be taken at face value ("" when it can).

    Reasons, first match wins: the export held impossible values (quality flags from the ETL), no
    duration, no distance, a pace faster or slower than a person moves, an absurd distance.
    """
    require(frame, COLUMNS[2:])
    n = len(frame)
    reasons = np.full(n, "", dtype=object)
    flags = frame["flags"] if "flags" in frame else pd.Series([None] * n, index=frame.index)
    distance = frame["distance_m"].to_numpy(dtype=float)
    duration = frame["duration_s"].to_numpy(dtype=float)
    pace = paces(frame)
    checks = (
        (flags.notna().to_numpy() & (flags.fillna("") != "").to_numpy(), "flags"),
        (~(duration > 0), "no_duration"),
        (~(distance > 0), "no_distance"),
        (pace < limits.min_pace_s_per_km, "too_fast"),
        (pace > limits.max_pace_s_per_km, "too_slow"),
        (distance > limits.max_distance_m, "too_far"),
    )
    for mask, reason in checks:
        reasons[(reasons == "") & mask] = reason
    return reasons


def feature_matrix(frame: pd.DataFrame) -> np.ndarray:
    """(log pace, log distance) per workout; rows that cannot be placed hold NaN."""
    pace = paces(frame)
    distance = frame["distance_m"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        features = np.column_stack([np.log(pace), np.log(distance)])
    features[~np.isfinite(features).all(axis=1)] = np.nan
    return features
