"""Strava's bulk export ``activities.csv``.

The header repeats names: the first ``Elapsed Time`` / ``Distance`` are what the athlete saw (the
distance in their unit, km or mi), the later ones are raw values (seconds, metres). Columns are
found by position of the occurrence needed; the athlete's unit is inferred, never assumed.
"""

from __future__ import annotations

import math
import re
import statistics

import pandas as pd

from etl.formats.base import Detected, canonical_frame
from etl.formats.csv_table import CsvTable

NAME = "strava"
LABEL = "Strava bulk export activities.csv"
ROWS_STAND_ALONE = False  # the unit is inferred from all the rows: see etl.ingest.stream

REQUIRED = ("activity id", "activity date", "activity type", "elapsed time", "distance")
METRES = {"km": 1000.0, "mi": 1609.344}

_DATE = re.compile(
    r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_LINK = "https://www.strava.com/activities/{}"

# Per kind of activity, the speed (m/s, as if the distance were km) above which a file's rows read
# as km rather than mi: about the middle between typical paces written in km and in miles.
_KM_ABOVE = (("run", 2.44), ("walk", 1.075), ("hik", 0.84), ("ride", 4.7), ("cycl", 4.7))


def fold(name: str) -> str:
    """A header name lower-cased with its spaces folded, for case-insensitive matching."""
    return " ".join(name.strip().lower().split())


def positions(header: list[str]) -> dict[str, list[int]]:
    """Every position of each (folded) header name, in order: repeated names keep them all."""
    found: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        found.setdefault(fold(name), []).append(index)
    return found


def number(text: str) -> float | None:
    """The value of a numeric cell, None when blank or not a finite number."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def plain(value: float) -> str:
    """A number as plain decimal text (no exponent)."""
    return format(value, ".6f").rstrip("0").rstrip(".")


def infer_unit(kinds: list[str], distances: list[float | None], seconds: list[float | None]):
    """km or mi from how plausible each row's speed is for its activity, or None without evidence.

    ``distances`` are in the unknown unit. Each usable row votes by how far its speed (read as km)
    lies above or below the km/mi boundary for its kind; the median vote decides.
    """
    votes = []
    for kind, distance, time in zip(kinds, distances, seconds):
        if not distance or not time or distance <= 0 or time <= 0:
            continue
        boundary = next((b for key, b in _KM_ABOVE if key in kind.lower()), None)
        if boundary is not None:
            votes.append(math.log(distance * 1000.0 / time / boundary))
    if not votes:
        return None
    return "km" if statistics.median(votes) > 0 else "mi"


def parse_start(text: str) -> tuple[str, str]:
    """(ISO date, ISO start time) of "Feb 26, 2020, 10:15:32 AM"; the text and "" if unreadable."""
    m = _DATE.match(text.strip())
    month = _MONTHS.get(m[1][:3].lower()) if m else None
    if not m or month is None:
        return text, ""
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if m[7]:
        if not 1 <= hour <= 12:
            return text, ""
        hour = hour % 12 + (12 if m[7].lower() == "pm" else 0)
    day = f"{int(m[3]):04d}-{month:02d}-{int(m[2]):02d}"
    return day, f"{day}T{hour:02d}:{minute:02d}:{second:02d}"


def _unit_from_ratio(shown: list[float | None], metres: list[float | None]) -> str | None:
    ratios = [m / s for s, m in zip(shown, metres) if s and m and s > 0 and m >= 100]
    if not ratios:
        return None
    ratio = statistics.median(ratios)
    for unit, size in METRES.items():
        if abs(ratio / size - 1) < 0.05:
            return unit
    return None


def read(table: CsvTable) -> Detected | None:
    """The file as Strava's ``activities.csv``, or None when its header is not Strava's."""
    where = positions(table.header)
    if any(name not in where for name in REQUIRED):
        return None
    cols = table.columns()

    def first(name: str) -> list[str] | None:
        return list(cols[where[name][0]]) if name in where else None

    def later(name: str) -> list[str] | None:
        return list(cols[where[name][1]]) if len(where.get(name, [])) > 1 else None

    notes: list[str] = []
    shown_text = first("distance")
    metres_text = later("distance")
    shown = [number(v) for v in shown_text]
    moving = first("moving time")
    elapsed = first("elapsed time")
    duration = [
        m if number(m) is not None else e for m, e in zip(moving or elapsed, elapsed, strict=True)
    ]
    kinds = first("activity type")
    factors = {"distance": 1.0, "duration": 1.0, "avg_speed": 1.0, "max_speed": 1.0}
    if metres_text is not None:
        metres = [number(v) for v in metres_text]
        unit = _unit_from_ratio(shown, metres)
        if unit is None:
            unit = infer_unit(kinds, shown, [number(v) for v in duration])
            if unit is not None:
                notes.append(f"athlete's distance unit inferred as {unit} from pace plausibility")
            else:
                notes.append("athlete's distance unit unknown (no activity with a distance)")
        # Rows without the metres value fall back to the athlete's distance when its unit is known.
        distance = [
            m if number(m) is not None or unit is None or s is None else plain(s * METRES[unit])
            for m, s in zip(metres_text, shown)
        ]
    else:
        notes.append("no distance in metres column: using the athlete's Distance column")
        unit = infer_unit(kinds, shown, [number(v) for v in duration])
        if unit is None:
            unit = "km"
            notes.append("distance unit assumed km (no activity to infer it from)")
        else:
            notes.append(f"distance unit inferred as {unit} from pace plausibility")
        distance = shown_text
        factors["distance"] = METRES[unit]
    starts = [parse_start(v) for v in first("activity date")]
    ids = first("activity id")
    columns = {
        "workout_date": [d for d, _ in starts],
        "started_at": [s for _, s in starts],
        "activity_type": kinds,
        "distance": distance,
        "duration": duration,
        "source_id": ids,
        "link": [
            f"https://www.strava.com/activities/{i.strip()}" if i.strip() else "" for i in ids
        ],
    }
    optional = {
        "notes": "activity description",
        "calories": "calories",
        "avg_hr": "average heart rate",
        "max_hr": "max heart rate",
        "max_speed": "max speed",
        "avg_speed": "average speed",
        "moving_time": "moving time",
        "elevation_gain": "elevation gain",
        "file_ref": "filename",  # the activity's own GPX/FIT/TCX in the export's folder
    }
    for column, name in optional.items():
        values = first(name)
        if values is not None:
            columns[column] = values
    frame: pd.DataFrame = canonical_frame(columns, table.lines)
    return Detected(NAME, LABEL, unit, frame, factors, tuple(notes))
