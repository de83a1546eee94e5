"""What the classifier sees of a workout: whether it is on foot, whether its numbers can be true
at all, its pace (moving pace where the export has it) and the type the person recorded.

Pace is the evidence that tells a run from a walk. Moving pace (moving time over distance, or an
export's own average pace, which apps compute from moving time) leaves out the stops at
crossings and the dog's sniffing, which elapsed time includes: a run with three long stops has
the elapsed pace of a brisk walk, never its moving pace.

Long workouts are compared at an *adjusted* pace: people slow down over a long distance (an
ultra runner's 100 km at 11:46 min/km is a run, walking breaks and all), so beyond
``LONG_M`` the pace is divided by ``(distance / LONG_M) ** LONG_EXPONENT`` before it is placed
among the owner's clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.frame import FOOT_CATEGORIES, require

COLUMNS = ("id", "workout_date", "category", "distance_m", "duration_s", "avg_pace_s_per_km")
LONG_M = 10_000.0
LONG_EXPONENT = 0.2
# The 10 km world record (26:11) and Riegel's exponent: the fastest a person covers any distance.
_RECORD_10K_S, _RIEGEL = 1571.0, 1.06
# Where each pace came from, best first; ``why`` says which one decided.
PACE_SOURCES = ("moving", "recorded", "elapsed")  # Seen.pace_source indexes these


@dataclass(frozen=True)
class Plausibility:
    """What a foot workout's numbers must be to be judged at all. Outside these the record is
    broken or is not a walk or run (a GPS blip, a teleport, a ride logged as a run)."""

    max_pace_s_per_km: float = 2237.0  # 60:00 min/mi, slower than a stroll
    max_distance_m: float = 160_934.0  # 100 miles in one workout
    min_distance_m: float = 200.0  # shorter: too short to judge
    min_duration_s: float = 120.0  # 2 minutes
    record_margin: float = 0.97  # faster than the world record by this factor: impossible
    ride_speed_kmh: float = 16.0  # a moving speed at which a "run" may be a ride...
    ride_vs_runs: float = 1.5  # ...when it is this many times faster than the owner's runs
    ride_min_m: float = 2_000.0  # a ride covers some distance; a sprint does not


@dataclass(frozen=True)
class Seen:
    """Everything the classifier reads of a frame's workouts, computed once (arrays aligned
    with the frame's rows)."""

    foot: np.ndarray  # on foot: run, walk or hike
    distance_m: np.ndarray
    duration_s: np.ndarray
    pace_s_per_km: np.ndarray  # moving pace where known (see pace_and_source)
    pace_source: np.ndarray  # index into PACE_SOURCES
    flagged: np.ndarray  # the export held impossible values
    votes: np.ndarray  # what the recorded type says: +1 run, -1 walk or hike, 0 nothing

    @property
    def adjusted_log_pace(self) -> np.ndarray:
        """log pace, adjusted for long distances (see the module docstring); NaN if unknown."""
        with np.errstate(divide="ignore", invalid="ignore"):
            stretch = np.maximum(self.distance_m / LONG_M, 1.0) ** LONG_EXPONENT
            value = np.log(self.pace_s_per_km / stretch)
        value[~np.isfinite(value)] = np.nan
        return value

    def features(self) -> np.ndarray:
        """(adjusted log pace, log distance) per workout; rows that cannot be placed hold NaN."""
        with np.errstate(divide="ignore", invalid="ignore"):
            features = np.column_stack([self.adjusted_log_pace, np.log(self.distance_m)])
        features[~np.isfinite(features).all(axis=1)] = np.nan
        return features


def see(frame: pd.DataFrame) -> Seen:
    """What the classifier reads of ``frame``."""
    require(frame, COLUMNS[2:])
    distance = _column(frame, "distance_m")
    duration = _column(frame, "duration_s")
    with np.errstate(divide="ignore", invalid="ignore"):
        moving = _column(frame, "moving_time_s") / (distance / 1000.0)
        elapsed = duration / (distance / 1000.0)
    recorded = _column(frame, "avg_pace_s_per_km")
    has_moving = np.isfinite(moving) & (moving > 0)
    has_recorded = np.isfinite(recorded) & (recorded > 0)
    pace = np.where(has_moving, moving, np.where(has_recorded, recorded, elapsed))
    source = np.where(has_moving, 0, np.where(has_recorded, 1, 2)).astype(np.int8)
    category = frame["category"]
    flags = frame.get("flags")
    flagged = (
        np.zeros(len(frame), dtype=bool)
        if flags is None
        else (flags.notna() & (flags.astype(object).fillna("") != "")).to_numpy()
    )
    # A handful of categories over many rows: compare the few distinct ones, not every row.
    codes, kinds = pd.factorize(category)
    kinds = np.asarray(kinds, dtype=object)
    vote_of = np.array([1 if k == "run" else -1 if k in ("walk", "hike") else 0 for k in kinds])
    foot_of = np.array([k in FOOT_CATEGORIES for k in kinds], dtype=bool)
    known = codes >= 0
    votes = np.zeros(len(frame), dtype=np.int8)
    votes[known] = vote_of[codes[known]] if len(kinds) else 0
    foot = np.zeros(len(frame), dtype=bool)
    foot[known] = foot_of[codes[known]] if len(kinds) else False
    return Seen(
        foot=foot,
        distance_m=distance,
        duration_s=duration,
        pace_s_per_km=pace,
        pace_source=source,
        flagged=flagged,
        votes=votes,
    )


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def paces(frame: pd.DataFrame) -> np.ndarray:
    """Pace in s/km per workout: moving time over distance, else the export's own average
    pace, else elapsed time over distance."""
    return see(frame).pace_s_per_km


def record_pace(distance_m: np.ndarray) -> np.ndarray:
    """The world-record pace (s/km) for each distance: nobody moves faster on foot."""
    km = np.maximum(np.asarray(distance_m, dtype=float), 400.0) / 1000.0
    return _RECORD_10K_S * (km / 10.0) ** _RIEGEL / km


# Why a workout cannot be judged, as codes in the order checked (0: it can be).
REASONS = (
    "",
    "flags",
    "no_duration",
    "no_distance",
    "too_short",
    "ride_like",
    "too_fast",
    "too_slow",
    "too_far",
)


def implausibility(seen: Seen, limits: Plausibility) -> np.ndarray:
    """Why each workout cannot be judged as a run or a walk, as an index into REASONS (0 when
    it can). First match wins: the export held impossible values (quality flags from the ETL),
    no duration, no distance, too short to judge, faster than the world record for its distance
    (at cycling speed over a real distance: a ride; else a GPS glitch), too slow, too far.
    """
    distance, duration, pace = seen.distance_m, seen.duration_s, seen.pace_s_per_km
    with np.errstate(divide="ignore", invalid="ignore"):
        impossible = pace < limits.record_margin * record_pace(distance)
        speed_kmh = 3600.0 / pace
    ride = impossible & (speed_kmh <= 45) & (distance >= limits.ride_min_m)
    checks = (
        seen.flagged,
        ~(duration > 0),
        ~(distance > 0),
        (distance < limits.min_distance_m) | (duration < limits.min_duration_s),
        ride,
        impossible,
        pace > limits.max_pace_s_per_km,
        distance > limits.max_distance_m,
    )
    reasons = np.zeros(len(pace), dtype=np.int8)
    for code, mask in enumerate(checks, start=1):
        reasons[(reasons == 0) & mask] = code
    return reasons


def ride_like(seen: Seen, limits: Plausibility, ride_pace_s_per_km: float) -> np.ndarray:
    """Foot workouts moving like a ride for *this* owner: at cycling speed over a real distance
    and faster than ``ride_pace`` (their runs' pace over ``ride_vs_runs``: a ride typed "Run").
    Possible for an athlete, so only judged against the owner's own running."""
    pace = seen.pace_s_per_km
    fast = pace <= 3600.0 / limits.ride_speed_kmh
    return fast & (seen.distance_m >= limits.ride_min_m) & (pace < ride_pace_s_per_km)
