"""The honest person's history (:mod:`etl.demo.honest`) as Garmin Connect writes
``Activities.csv``, with its traps: clock times, ``--``, thousands separators, month-first dates,
repeated names and newest-first rows.
"""

from __future__ import annotations

import numpy as np

from etl.demo.honest import (
    METRES,
    SourceHistory,
    check_unit,
    csv_text,
    draw_workouts,
    heart_rates,
    truth_of,
)

FEET_PER_M = 3.28084
GARMIN_TYPES = {
    "Run": "Running",
    "Walk": "Walking",
    "Ride": "Cycling",
    "Workout": "Strength Training",
}
GARMIN_HEADER = [
    "Activity Type",
    "Date",
    "Favorite",
    "Title",
    "Distance",
    "Calories",
    "Time",
    "Avg HR",
    "Max HR",
    "Aerobic TE",
    "Avg Run Cadence",
    "Max Run Cadence",
    "Avg Pace",
    "Best Pace",
    "Total Ascent",
    "Total Descent",
    "Avg Cadence",
    "Training Stress Score®",
    "Number of Laps",
    "Moving Time",
    "Elapsed Time",
    "Avg Cadence",
    "Steps",
]
MISSING = "--"


def garmin_history(*, seed: int = 0, years: int = 6, unit: str = "km") -> SourceHistory:
    """A Garmin Connect ``Activities.csv`` of ``years`` ending 2025-12-31, newest first."""
    unit = check_unit(unit)
    workouts = draw_workouts(np.random.default_rng(seed), years)
    rng = np.random.default_rng([seed, 2])
    workouts["activity_type"] = workouts["label"].map(GARMIN_TYPES)
    treadmill = (workouts["kind"] == "run") & (rng.random(len(workouts)) < 0.06)
    workouts.loc[treadmill, "activity_type"] = "Treadmill Running"
    workouts = workouts.iloc[::-1].reset_index(drop=True)  # Garmin lists the newest first
    rows = [_garmin_row(w, unit, rng) for w in workouts.to_dict("records")]
    return SourceHistory(csv_text(GARMIN_HEADER, rows), truth_of(workouts))


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _pace(seconds_per_unit: float) -> str:
    whole = round(seconds_per_unit)
    return f"{whole // 60}:{whole % 60:02d}"


def _garmin_row(w: dict, unit: str, rng) -> list[str]:
    """One activity in GARMIN_HEADER's layout; distances, paces and climbs in the user's unit."""
    size, moves = METRES[unit], w["distance_m"] > 0
    pace = w["duration_s"] / (w["distance_m"] / size) if moves else 0.0
    outdoors = moves and w["activity_type"] != "Treadmill Running"
    climb = _maybe(outdoors, f"{round(w['climb_m'] * (FEET_PER_M if unit == 'mi' else 1)):,}")
    foot = w["kind"] in ("run", "walk")
    hr, top = heart_rates(w, "{:.0f}", MISSING)
    s = w["start"]
    return [
        w["activity_type"],
        f"{s.month}/{s.day}/{s.year} {s.hour}:{s.minute:02d}",
        "true" if rng.random() < 0.03 else "false",
        _title(w, rng),
        _maybe(moves, f"{w['distance_m'] / size:,.2f}"),
        f"{w['calories']:,}",
        _clock(w["duration_s"]),
        hr,
        top,
        _maybe(hr != MISSING, f"{rng.uniform(1, 4):.1f}"),
        _maybe(foot, f"{w['cadence']:.0f}"),
        _maybe(foot, f"{w['cadence'] + 12:.0f}"),
        _maybe(moves, _pace(pace)),
        _maybe(moves, _pace(pace * rng.uniform(0.7, 0.9))),
        climb,
        climb,
        _maybe(w["kind"] == "ride", f"{w['cadence'] / 2:.0f}"),
        "0.0",
        str(max(1, int(w["distance_m"] // size))),
        _clock(w["duration_s"]),
        _clock(w["elapsed_s"]),
        MISSING,
        _maybe(foot, f"{int(w['distance_m'] * 1.3):,}"),
    ]


def _maybe(present: bool, text: str) -> str:
    """``text``, or Garmin's ``--`` for a value the activity does not have."""
    return text if present else MISSING


def _title(w: dict, rng) -> str:
    if w["kind"] == "walk" and w["honest"] and rng.random() < 0.1:
        return "Choco, park loop"  # a comma: the title gets quoted
    return f"London {w['activity_type']}" if w["distance_m"] > 0 else w["activity_type"]
