"""Builders for MapMyRun exports in tests: a header and rows written the way the app writes them."""

from __future__ import annotations

import csv
import io

MILES_HEADER = [
    "Date Submitted",
    "Workout Date",
    "Activity Type",
    "Calories Burned (kcal)",
    "Distance (mi)",
    "Workout Time (seconds)",
    "Avg Pace (min/mi)",
    "Max Pace (min/mi)",
    "Avg Speed (mi/h)",
    "Max Speed (mi/h)",
    "Avg Heart Rate",
    "Steps",
    "Notes",
    "Source",
    "Link",
]
KM_HEADER = [
    h.replace("(mi)", "(km)").replace("min/mi", "min/km").replace("mi/h", "km/h")
    for h in MILES_HEADER
]


def row(
    workout_date: str = "Oct. 7, 2025",
    activity: str = "Run",
    *,
    submitted: str | None = None,
    calories: str = "300",
    distance: str = "3.1",
    seconds: str = "1800",
    pace: str = "9.67",
    max_pace: str = "7.5",
    speed: str = "6.2",
    max_speed: str = "8.0",
    heart: str = "",
    steps: str = "5000",
    notes: str = "",
    source: str = "",
    link: str | None = "http://www.mapmyfitness.com/workout/1001",
) -> list[str]:
    """One MapMyRun row (miles layout) with plausible defaults."""
    return [
        submitted if submitted is not None else workout_date,
        workout_date,
        activity,
        calories,
        distance,
        seconds,
        pace,
        max_pace,
        speed,
        max_speed,
        heart,
        steps,
        notes,
        source,
        link or "",
    ]


def export_text(rows: list[list[str]], header: list[str] = MILES_HEADER, newline="\n") -> str:
    """CSV text as MapMyRun writes it (dates quoted because of their comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def link(n: int) -> str:
    return f"http://www.mapmyfitness.com/workout/{n}"
