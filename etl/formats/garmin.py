"""Garmin Connect's activity list export ``Activities.csv``.

Times are ``H:MM:SS`` (or ``MM:SS``, ``HH:MM:SS.s``), paces ``MM:SS`` per unit, missing values
``--`` and numbers may carry thousands separators. The distance unit is not in the header: it is
taken from the header when it says, else inferred from how plausible the speeds are.
"""

from __future__ import annotations

import re

import pandas as pd

from etl.formats.base import Detected, canonical_frame
from etl.formats.csv_table import CsvTable
from etl.formats.strava import METRES, fold, infer_unit, number, plain, positions

NAME = "garmin"
LABEL = "Garmin Connect Activities.csv"
ROWS_STAND_ALONE = False  # the unit may be inferred from all the rows: see etl.ingest.stream

REQUIRED = ("activity type", "date", "title", "distance", "time")
_UNIT_IN_NAME = re.compile(r"^(?:distance|avg pace|best pace) \((km|mi|min/km|min/mi)\)$")
_DATE = re.compile(
    r"^(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2}))"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
MISSING = "--"


def seconds(text: str) -> str:
    """``H:MM:SS``, ``MM:SS`` or ``HH:MM:SS.s`` as seconds (text); ``--`` blank; else unchanged."""
    value = text.strip()
    if value == MISSING:
        return ""
    m = _CLOCK.match(value)
    if not m:
        return value
    return plain(int(m[1] or 0) * 3600 + int(m[2]) * 60 + float(m[3]))


def minutes(text: str) -> str:
    """A pace ``MM:SS`` (or ``H:MM:SS``) as decimal minutes (text); ``--`` blank."""
    value = seconds(text)
    return plain(float(value) / 60.0) if number(value) is not None and ":" in text else value


def figure(text: str) -> str:
    """A numeric cell without thousands separators; ``--`` blank."""
    value = text.strip()
    return "" if value == MISSING else value.replace(",", "")


def parse_start(text: str) -> tuple[str, str]:
    """(ISO date, ISO start time) of "5/2/2025 16:42" (month first) or ISO; the text if unread."""
    m = _DATE.match(text.strip())
    if not m:
        return text, ""
    year, month, day = (m[3], m[1], m[2]) if m[1] else (m[4], m[5], m[6])
    iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if m[7] is None:
        return iso, ""
    return iso, f"{iso}T{int(m[7]):02d}:{m[8]}:{int(m[9] or 0):02d}"


def _header_unit(header: list[str]) -> str | None:
    for name in header:
        m = _UNIT_IN_NAME.match(fold(name))
        if m:
            return m[1].removeprefix("min/")
    return None


def _find(where: dict[str, list[int]], name: str) -> int | None:
    """First position of a column, with or without a unit in brackets after its name."""
    for key, found in where.items():
        if key == name or re.fullmatch(re.escape(name) + r" \((?:km|mi|min/km|min/mi)\)", key):
            return found[0]
    return None


def read(table: CsvTable) -> Detected | None:
    """The file as Garmin Connect's ``Activities.csv``, or None when its header is not Garmin's."""
    where = positions(table.header)
    places = {name: _find(where, name) for name in REQUIRED}
    if any(place is None for place in places.values()):
        return None
    cols = table.columns()

    def column(name: str, convert) -> list[str] | None:
        place = _find(where, name)
        return None if place is None else [convert(v) for v in cols[place]]

    kinds = column("activity type", str.strip)
    distance = column("distance", figure)
    duration = column("time", seconds)
    starts = column("date", parse_start)
    columns = {
        "workout_date": [d for d, _ in starts],
        "started_at": [s for _, s in starts],
        "activity_type": kinds,
        "distance": distance,
        "duration": duration,
        "notes": column("title", lambda v: "" if v.strip() == MISSING else v),
    }
    optional = {
        "calories": ("calories", figure),
        "avg_hr": ("avg hr", figure),
        "avg_pace": ("avg pace", minutes),
        "max_pace": ("best pace", minutes),
        "steps": ("steps", figure),
        "max_hr": ("max hr", figure),
        "avg_cadence": ("avg run cadence", figure),
        "moving_time": ("moving time", seconds),
        "elevation_gain": ("total ascent", figure),
    }
    for target, (name, convert) in optional.items():
        values = column(name, convert)
        if values is not None:
            columns[target] = values
    notes: list[str] = []
    unit = _header_unit(table.header)
    if unit is None:
        unit = _infer(kinds, distance, duration, columns.get("avg_pace"))
        if unit is None:
            unit = "km"
            notes.append("distance unit assumed km (no activity to infer it from)")
        else:
            notes.append(f"distance unit inferred as {unit} from pace and time")
    size = METRES[unit]
    factors = {
        "distance": size,
        "duration": 1.0,
        "avg_pace": 60.0 * 1000.0 / size,
        "max_pace": 60.0 * 1000.0 / size,
        # Garmin writes the climb in feet for athletes who see miles.
        "elevation_gain": 0.3048 if unit == "mi" else 1.0,
    }
    frame: pd.DataFrame = canonical_frame(columns, table.lines)
    return Detected(NAME, LABEL, unit, frame, factors, tuple(notes))


def _infer(kinds, distance, duration, pace) -> str | None:
    """The unit under which the rows' speeds are plausible for their activities.

    Each row's time is its ``Time``, or distance x average pace where ``Time`` is missing: the
    two agree for the file's own unit whichever it is, so plausibility of the speed decides.
    """
    times = []
    for i, d in enumerate(distance):
        t = number(duration[i])
        if t is None and pace is not None and number(pace[i]) and number(d):
            t = number(pace[i]) * 60.0 * number(d)
        times.append(t)
    return infer_unit(kinds, [number(d) for d in distance], times)
