"""What every export format hands to the rest of the ETL: canonical text columns and units.

A table format module has ``NAME`` (stored as the workouts' source), ``LABEL`` (for people) and
``read(table) -> Detected | None`` (None: not this format). Document formats (GPX, TCX, FIT,
Apple Health) read their own bytes and may hand over each workout's recorded route as a
:class:`Track`. Validation, transformation and loading are the same for every format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

# Canonical text columns (blank when a format lacks them), plus each row's ``line``.
COLUMNS = (
    "submitted",
    "workout_date",
    "started_at",
    "activity_type",
    "calories",
    "distance",
    "duration",
    "avg_pace",
    "max_pace",
    "avg_speed",
    "max_speed",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "moving_time",
    "elevation_gain",
    "steps",
    "notes",
    "source_app",
    "link",
    "source_id",
    "type_assumed",  # "1" when the file named no activity type and the reader assumed one
    "file_ref",  # the path of the workout's own track file inside an export (Strava's Filename)
)


@dataclass(frozen=True, eq=False)
class Track:
    """A recorded route, one entry per point: latitude and longitude in degrees, elevation in
    metres (NaN where unknown) and seconds since the workout's start (NaN where unknown)."""

    lat: np.ndarray
    lon: np.ndarray
    ele: np.ndarray
    seconds: np.ndarray

    def __len__(self) -> int:
        return len(self.lat)

    @classmethod
    def of(cls, lat, lon, ele=None, seconds=None) -> Track:
        """A track from sequences; missing elevations or times become NaN."""
        n = len(lat)
        blank = np.full(n, np.nan)
        return cls(
            np.asarray(lat, dtype=float),
            np.asarray(lon, dtype=float),
            blank if ele is None else np.asarray(ele, dtype=float),
            blank.copy() if seconds is None else np.asarray(seconds, dtype=float),
        )


@dataclass(frozen=True)
class Detected:
    """A recognised file: its format, distance unit, canonical frame and factors to SI."""

    name: str
    label: str
    unit: str | None
    frame: pd.DataFrame
    factors: dict[str, float]
    notes: tuple[str, ...] = field(default=())
    # Recorded routes by the ``line`` of the row they belong to (rows without one are absent).
    tracks: Mapping[int, Track] = field(default_factory=lambda: MappingProxyType({}))


def canonical_frame(columns: dict[str, list[str]], lines: list[int]) -> pd.DataFrame:
    """A frame with every canonical column (stripped text; missing ones blank) and ``line``."""
    n = len(lines)
    frame = pd.DataFrame(
        {
            name: list(map(str.strip, columns[name])) if name in columns else [""] * n
            for name in COLUMNS
        },
        dtype=object,
    )
    frame["line"] = lines
    return frame
