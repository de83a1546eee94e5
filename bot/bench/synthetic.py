"""Large synthetic workouts frames for the analytics benchmark, made directly in memory.

A million-row CSV would measure the parser, not the analytics; this builds the frame the store
would return, with the demo story's mix of runs, dog walks, run-walks, rides and glitches.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MI = 1609.344
# label: share, pace range (min/mi), distance range (mi), category
_MIX = {
    "run": (0.40, (8, 11), (3, 7), "run"),
    "walk": (0.54, (18, 28), (1, 3), "walk"),
    "run_walk": (0.03, (12.5, 16), (1.5, 4), "run"),
    "cycle": (0.025, (3.3, 7.5), (5, 25), "cycle"),
    "outlier": (0.005, (0.8, 2.4), (3, 7), "run"),
}


def synthetic_workouts(rows: int, *, seed: int = 0, start: str = "2011-01-01") -> pd.DataFrame:
    """``rows`` workouts spread over 15 years (several a day when large), oldest first."""
    rng = np.random.default_rng(seed)
    labels = np.array(list(_MIX))
    shares = np.array([v[0] for v in _MIX.values()])
    drawn = rng.choice(len(labels), size=rows, p=shares / shares.sum())
    low = np.array([[v[1][0], v[2][0]] for v in _MIX.values()])[drawn]
    high = np.array([[v[1][1], v[2][1]] for v in _MIX.values()])[drawn]
    pace_min_mi, miles = (low + (high - low) * rng.random((rows, 2))).T
    pace = pace_min_mi * 60 / MI * 1000
    distance = miles * MI
    days = np.sort(rng.integers(0, 15 * 365, rows))
    return pd.DataFrame(
        {
            "id": np.arange(1, rows + 1),
            "source": "mapmyrun",
            "source_id": np.arange(1, rows + 1).astype(str),
            "workout_date": pd.Timestamp(start) + pd.to_timedelta(days, "D"),
            "started_at": pd.NaT,
            "activity_type": np.where(labels[drawn] == "cycle", "Bike Ride", "Run"),
            "category": np.array([v[3] for v in _MIX.values()])[drawn],
            "distance_m": distance,
            "duration_s": np.round(pace * distance / 1000),
            "avg_pace_s_per_km": pace,
            "max_pace_s_per_km": pace * 0.8,
            "avg_speed_mps": 1000 / pace,
            "max_speed_mps": 1250 / pace,
            "calories_kcal": miles * 100,
            "avg_heart_rate": np.nan,
            "steps": np.nan,
            "flags": None,
            "truth": labels[drawn],
        }
    )
