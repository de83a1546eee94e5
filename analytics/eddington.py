"""The Eddington number: the largest E such that on E different days you covered at least E
(miles or km).

A day's distance is the sum of its workouts of the group asked: runs (``run``), walks
(``walk``) or every foot workout (``run``, ``walk`` and ``run_walk``). Outliers never count
(a GPS spike is no distance covered), nor do rides or swims. Each group is given in miles and
in km, with how many more days of at least E + 1 the next number needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.frame import METRES_PER, RUN, RUN_WALK, WALK, by_day, require

GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"run": (RUN,), "walk": (WALK,), "foot": (RUN, WALK, RUN_WALK)}
)
UNITS = ("mi", "km")


@dataclass(frozen=True)
class EddingtonNumber:
    """E for one group in one unit. ``days_at_next`` days already reach E + 1, so
    ``needed_for_next`` more such days make E + 1. ``days`` is how many days had any distance."""

    group: str
    labels: tuple[str, ...]
    unit: str
    number: int
    days_at_next: int
    needed_for_next: int
    days: int


@dataclass(frozen=True)
class Eddington:
    """Every group in both units, over the days ``start``..``end`` (None: open)."""

    start: date | None
    end: date | None
    numbers: tuple[EddingtonNumber, ...]

    def get(self, group: str, unit: str = "mi") -> EddingtonNumber:
        """The number of ``group`` ("run", "walk", "foot") in ``unit`` ("mi" or "km")."""
        return next(n for n in self.numbers if (n.group, n.unit) == (group, unit))


def eddington(
    frame: pd.DataFrame, *, start: date | None = None, end: date | None = None
) -> Eddington:
    """The Eddington numbers of the workouts dated ``start``..``end`` (inclusive)."""
    require(frame, ("workout_date", "label", "distance_m"))
    if start is not None and end is not None and start > end:
        raise ValueError(f"start {start} is after end {end}")
    day = by_day(frame)
    keep = day.notna()
    if start is not None:
        keep &= day >= pd.Timestamp(start)
    if end is not None:
        keep &= day <= pd.Timestamp(end)
    distance = pd.to_numeric(frame["distance_m"], errors="coerce")
    keep &= distance > 0
    rows = pd.DataFrame({"day": day[keep], "label": frame["label"][keep], "m": distance[keep]})
    numbers = []
    for group, labels in GROUPS.items():
        daily = rows[rows["label"].isin(labels)].groupby("day")["m"].sum().to_numpy(float)
        for unit in UNITS:
            numbers.append(_number(group, labels, unit, daily / METRES_PER[unit]))
    return Eddington(start, end, tuple(numbers))


def eddington_number(daily: np.ndarray) -> int:
    """E of day distances already in the unit: with the days sorted longest first, the last
    rank ``i`` (from 1) whose day reaches ``i``."""
    ordered = np.sort(np.asarray(daily, dtype=float))[::-1]
    reached = ordered >= np.arange(1, ordered.size + 1)
    return int(reached.sum())  # reaching is monotone: ranks 1..E reach, the rest do not


def _number(group: str, labels: tuple[str, ...], unit: str, daily: np.ndarray) -> EddingtonNumber:
    number = eddington_number(daily)
    at_next = int((daily >= number + 1).sum())
    return EddingtonNumber(
        group, labels, unit, number, at_next, number + 1 - at_next, int(daily.size)
    )
