"""What every export format hands to the rest of the ETL: canonical text columns and units.

A format module has ``NAME`` (stored as the workouts' source), ``LABEL`` (for people) and
``read(table) -> Detected | None`` (None: not this format). Validation, transformation and
loading are the same for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    "steps",
    "notes",
    "source_app",
    "link",
    "source_id",
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
