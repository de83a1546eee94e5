"""The MapMyRun / MapMyFitness workout history CSV (miles and kilometre variants).

Header spelling varies between exports ("Calories Burned (kcal)" / "(kCal)"), so columns are
found by case-insensitive patterns, and the unit of each measured column is read from its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from etl.formats.base import Detected, canonical_frame
from etl.formats.csv_table import CsvTable

NAME = "mapmyrun"
LABEL = "MapMyRun workout history CSV"
ROWS_STAND_ALONE = True  # every unit is in the header: see etl.ingest.stream

# canonical column -> header pattern (matched against the lower-cased, space-folded header)
_PATTERNS = {
    "submitted": r"date submitted",
    "workout_date": r"workout date",
    "activity_type": r"activity type",
    "calories": r"calories(?: burned)?(?: \(kcal\))?",
    "distance": r"distance \((mi|km)\)",
    "duration": r"workout time \(seconds?\)",
    "avg_pace": r"avg\.? pace \(min/(mi|km)\)",
    "max_pace": r"max\.? pace \(min/(mi|km)\)",
    "avg_speed": r"avg\.? speed \((mi|km)/h\)",
    "max_speed": r"max\.? speed \((mi|km)/h\)",
    "avg_hr": r"avg\.? heart rate",
    "steps": r"steps",
    "notes": r"notes",
    "source_app": r"source",
    "link": r"link",
}
REQUIRED = ("workout_date", "activity_type", "distance", "duration")
# How each header names a column, for messages.
DISPLAY = {
    "workout_date": "Workout Date",
    "activity_type": "Activity Type",
    "distance": "Distance (mi) or Distance (km)",
    "duration": "Workout Time (seconds)",
}
COLUMNS = tuple(_PATTERNS)

_METRES = {"mi": 1609.344, "km": 1000.0}


@dataclass(frozen=True)
class Layout:
    """Where each known column sits in a file's header, and the unit each measure is in."""

    positions: dict[str, int]
    units: dict[str, str]

    @property
    def unit(self) -> str:
        """The file's distance unit, "mi" or "km"."""
        return self.units["distance"]

    def si_factors(self) -> dict[str, float]:
        """Multipliers taking each measured column to SI (m, s, s/km, m/s)."""
        factors = {"distance": _METRES[self.units["distance"]], "duration": 1.0}
        for column in ("avg_pace", "max_pace"):
            if column in self.units:  # min per unit -> s per km
                factors[column] = 60.0 * 1000.0 / _METRES[self.units[column]]
        for column in ("avg_speed", "max_speed"):
            if column in self.units:  # unit per hour -> m/s
                factors[column] = _METRES[self.units[column]] / 3600.0
        return factors


def match_header(header: list[str]) -> tuple[Layout | None, list[str]]:
    """Find the known columns in ``header``.

    Returns the layout (None when a required column is missing) and the display names of the
    missing required columns.
    """
    positions: dict[str, int] = {}
    units: dict[str, str] = {}
    for index, name in enumerate(header):
        folded = " ".join(name.strip().lower().split())
        for column, pattern in _PATTERNS.items():
            m = re.fullmatch(pattern, folded)
            if m and column not in positions:
                positions[column] = index
                if m.groups():
                    units[column] = m.group(1)
                break
    missing = [DISPLAY[c] for c in REQUIRED if c not in positions]
    return (None if missing else Layout(positions=positions, units=units)), missing


def to_frame(table: CsvTable, layout: Layout) -> pd.DataFrame:
    """The rows as canonical text columns (see ``formats.base``), plus each row's ``line``."""
    by_position = table.columns()
    columns = {column: by_position[index] for column, index in layout.positions.items()}
    return canonical_frame(columns, table.lines)


def read(table: CsvTable) -> Detected | None:
    """The file as MapMyRun's export, or None when its header is not MapMyRun's."""
    layout, _ = match_header(table.header)
    if layout is None:
        return None
    return Detected(NAME, LABEL, layout.unit, to_frame(table, layout), layout.si_factors())
