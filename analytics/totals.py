"""Totals: how many workouts of each activity type, year by year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class TypeYearCounts:
    """Workout counts with one row per activity type and one column per year."""

    years: tuple[int, ...]
    types: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    total: int
    first_date: date | None
    last_date: date | None

    def type_total(self, activity_type: str) -> int:
        """All workouts of one type, over every year."""
        return sum(self.counts[self.types.index(activity_type)])

    def year_total(self, year: int) -> int:
        """All workouts of one year, over every type."""
        column = self.years.index(year)
        return sum(row[column] for row in self.counts)


def counts_by_type_and_year(
    workouts: pd.DataFrame, *, column: str = "activity_type"
) -> TypeYearCounts:
    """Count workouts per raw activity type (or another ``column``, such as the classifier's
    ``label``) and calendar year, most common first.

    ``workouts`` needs ``workout_date`` and that column; an empty frame gives an empty table,
    not an error.
    """
    if workouts.empty:
        return TypeYearCounts((), (), (), 0, None, None)
    dates = pd.to_datetime(workouts["workout_date"])
    table = pd.crosstab(workouts[column], dates.dt.year)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    return TypeYearCounts(
        years=tuple(int(y) for y in table.columns),
        types=tuple(str(t) for t in table.index),
        counts=tuple(tuple(int(v) for v in row) for row in table.to_numpy()),
        total=len(workouts),
        first_date=dates.min().date(),
        last_date=dates.max().date(),
    )
