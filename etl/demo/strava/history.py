"""The honest person's history (:mod:`etl.demo.honest`) as Strava's bulk export writes
``activities.csv``, with its traps: repeated columns (the athlete's unit first, float32 metres
later), "Jul 14, 2020, 10:36:55 PM" dates, descriptions that need quoting.
"""

from __future__ import annotations

from datetime import datetime

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

STRAVA_TYPES = {"Run": "Run", "Walk": "Walk", "Ride": "Ride", "Workout": "Weight Training"}
STRAVA_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
    "Average Speed",
    "Elevation Gain",
    "Elevation Loss",
    "Elevation Low",
    "Elevation High",
    "Max Grade",
    "Average Cadence",
    "Max Heart Rate",
    "Average Heart Rate",
    "Calories",
    "Relative Effort",
    "Commute",
]
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Descriptions people write, by kind; commas and quotes make the csv module quote the cell.
NOTES = {"run": ("legs heavy, windy", 'new shoes, "fast" ones'), "walk": ("with Choco",)}


def strava_history(*, seed: int = 0, years: int = 6, unit: str = "km") -> SourceHistory:
    """A Strava ``activities.csv`` of ``years`` ending 2025-12-31, for an athlete in ``unit``."""
    size = METRES[check_unit(unit)]
    workouts = draw_workouts(np.random.default_rng(seed), years)
    rng = np.random.default_rng([seed, 1])  # the text's own draws never change the workouts
    workouts["activity_type"] = workouts["label"].map(STRAVA_TYPES)
    ids = 1_000_000_000 + np.cumsum(rng.integers(500_000, 5_000_000, len(workouts)))
    rows = [_strava_row(w, i, size, rng) for w, i in zip(workouts.to_dict("records"), ids)]
    return SourceHistory(csv_text(STRAVA_HEADER, rows), truth_of(workouts))


def _f32(value: float) -> str:
    """Strava's raw columns are float32 printed in full ("5020.10009765625")."""
    return repr(float(np.float32(value)))


def _strava_date(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "PM" if moment.hour >= 12 else "AM"
    return (
        f"{MONTHS[moment.month]} {moment.day}, {moment.year}, "
        f"{hour}:{moment.minute:02d}:{moment.second:02d} {half}"
    )


def _part_of_day(hour: int) -> str:
    return next(
        n
        for h, n in (
            (5, "Night"),
            (11, "Morning"),
            (14, "Lunch"),
            (17, "Afternoon"),
            (21, "Evening"),
            (24, "Night"),
        )
        if hour < h
    )


def _strava_row(w: dict, ident: int, size: float, rng) -> list[str]:
    """One activity in STRAVA_HEADER's layout: the athlete's distance first, raw values later."""
    moves = w["distance_m"] > 0
    hr, top = heart_rates(w, "{:.1f}", "")
    effort = str(int(w["duration_s"] / 60 * (w["avg_hr"] - 80) / 60)) if hr else ""
    speed = w["distance_m"] / w["duration_s"]
    low = float(rng.integers(5, 60))
    name = f"{_part_of_day(w['start'].hour)} {w['activity_type']}"
    return [
        str(ident),
        _strava_date(w["start"]),
        name,
        w["activity_type"],
        _note(w, rng),
        str(int(w["elapsed_s"])),
        f"{w['distance_m'] / size:.2f}",
        top,
        effort,
        "false",
        "",
        "",
        f"activities/{ident}.fit.gz" if moves else "",
        "",
        "",
        f"{w['elapsed_s']:.1f}",
        f"{w['duration_s']:.1f}",
        _f32(w["distance_m"]),
        _f32(speed * rng.uniform(1.2, 1.6)),
        _f32(speed),
        _f32(w["climb_m"]),
        _f32(w["climb_m"]),
        _f32(low),
        _f32(low + w["climb_m"] / 2),
        f"{rng.uniform(0, 12):.1f}" if moves else "",
        f"{w['cadence'] / 2:.1f}" if moves else "",
        top,
        hr,
        f"{w['calories']:.1f}",
        effort,
        "0.0",
    ]


def _note(w: dict, rng) -> str:
    notes = NOTES.get(w["kind"], ()) if w["honest"] else ()
    return str(rng.choice(notes)) if notes and rng.random() < 0.15 else ""
