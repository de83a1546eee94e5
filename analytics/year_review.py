"""A year in review ("my 2024"): totals per class, the months, records set, the best month, the
longest streak, consistency over the year and the year's life events.

Counts take every workout (outliers too, as :mod:`analytics.summary` counts), while distances,
durations, the best month and streaks leave outliers out (a GPS spike is no distance and no
training day). A year still running ends at ``today``. The longest streaks are counted inside
the year (a streak from December carrying on into January counts from January 1). Records are
those of :func:`analytics.records.records_broken`: beaten during the year, against everything
before it. Consistency is :func:`analytics.consistency.consistency_score` with the year (up to
``today``) as its window and the year before as its baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.consistency import Streak, consistency_score, streaks
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK, by_day, display_name, require
from analytics.records import (
    RECORD_COLUMNS,
    UNLABELLED,
    Record,
    Totals,
    records_broken,
)

# Classes in the order analytics.records.period_totals lists them: foot classes, the rest by
# name, outliers last
_RANK = MappingProxyType({RUN: 0, WALK: 1, RUN_WALK: 2, OUTLIER: 4})
_COLUMNS = frozenset((*RECORD_COLUMNS, "type_conflict", "started_at"))  # what the parts read


@dataclass(frozen=True)
class ClassTotals:
    """One class's year: ``count`` workouts (outliers counted in their own class), distance
    (m) and duration (s) summed where known."""

    label: str
    name: str
    count: int
    distance_m: float
    duration_s: float


@dataclass(frozen=True)
class MonthTotals:
    """One month: ``totals`` leaves outliers out; ``by_label`` holds every class present."""

    month: int
    start: date
    totals: Totals
    by_label: Mapping[str, Totals]


@dataclass(frozen=True)
class LifeEvent:
    name: str
    date: date
    kind: str | None


@dataclass(frozen=True)
class YearReview:
    """The year ``year`` from ``start`` to ``end`` (``today`` when the year is still running:
    ``complete`` False). ``best_month`` is the month with the most distance (then the most
    workouts, then the earliest); None when no month has any workout."""

    year: int
    start: date
    end: date
    complete: bool
    workouts: int  # every workout, outliers included
    outliers: int
    distance_m: float  # outliers left out
    duration_s: float
    active_days: int  # days with a workout other than an outlier
    classes: tuple[ClassTotals, ...]
    months: tuple[MonthTotals, ...]
    best_month: MonthTotals | None
    records: tuple[Record, ...]
    longest_daily_streak: Streak
    longest_weekly_streak: Streak
    consistency: float
    consistency_note: str
    events: tuple[LifeEvent, ...]

    def totals(self, label: str) -> ClassTotals | None:
        """The year's totals of one class, or None when it has no workout."""
        return next((c for c in self.classes if c.label == label), None)


def year_review(
    frame: pd.DataFrame,
    *,
    year: int,
    today: date | None = None,
    events: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
) -> YearReview:
    """The review of ``year``. ``events`` are the owner's life events (columns ``name``,
    ``event_date`` and optionally ``kind``, as the store gives them); those dated in the year
    are kept. ``names`` are the owner's class names (default: the default display names)."""
    require(frame, RECORD_COLUMNS)
    start = date(year, 1, 1)
    end = date(year, 12, 31)
    if today is not None:
        if today < start:
            raise ValueError(f"{year} has not begun on {today}")
        end = min(end, today)
    day = by_day(frame)
    upto = (day <= pd.Timestamp(end)).to_numpy()
    past = frame.loc[upto, [c for c in frame.columns if c in _COLUMNS]]
    inside = past[(day[upto] >= pd.Timestamp(start)).to_numpy()]
    counted = inside[inside["label"] != OUTLIER]
    labels, cells = _month_cells(inside, end.month)
    month_rows = tuple(
        MonthTotals(
            month + 1,
            date(year, month + 1, 1),
            _sum(cells[month, [i for i, lab in enumerate(labels) if lab != OUTLIER]]),
            MappingProxyType(
                {
                    lab: _totals(cells[month, i])
                    for i, lab in enumerate(labels)
                    if cells[month, i, 0]
                }
            ),
        )
        for month in range(end.month)
    )
    by_label = cells.sum(axis=0)
    classes = tuple(
        ClassTotals(lab, display_name(lab, names), int(cell[0]), float(cell[1]), float(cell[2]))
        for lab, cell in zip(labels, by_label)
    )
    year_total = _sum(by_label[[i for i, lab in enumerate(labels) if lab != OUTLIER]])
    active = [m for m in month_rows if m.totals.count]
    best = min(
        active,
        key=lambda m: (-m.totals.distance_m, -m.totals.count, m.month),
        default=None,
    )
    runs = streaks(counted, end=end)
    consistency = consistency_score(
        past, end=end, window_days=(end - start).days + 1, baseline_days=365, names=names
    )
    return YearReview(
        year=year,
        start=start,
        end=end,
        complete=end == date(year, 12, 31),
        workouts=len(inside),
        outliers=int((inside["label"] == OUTLIER).sum()),
        distance_m=year_total.distance_m,
        duration_s=year_total.duration_s,
        active_days=int(by_day(counted).nunique()),
        classes=classes,
        months=month_rows,
        best_month=best,
        records=records_broken(past, start=start, end=end, names=names),
        longest_daily_streak=runs.longest_daily,
        longest_weekly_streak=runs.longest_weekly,
        consistency=consistency.score,
        consistency_note=consistency.note,
        events=_events(events, start, end),
    )


def _events(events: pd.DataFrame | None, start: date, end: date) -> tuple[LifeEvent, ...]:
    if events is None or events.empty:
        return ()
    require(events, ("name", "event_date"))
    day = pd.to_datetime(events["event_date"]).dt.normalize()
    inside = events[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]
    kinds = inside["kind"] if "kind" in inside else pd.Series(None, index=inside.index)
    found = [
        LifeEvent(str(name), pd.Timestamp(when).date(), None if pd.isna(kind) else str(kind))
        for name, when, kind in zip(inside["name"], inside["event_date"], kinds)
    ]
    return tuple(sorted(found, key=lambda e: (e.date, e.name)))


def _month_cells(rows: pd.DataFrame, months: int) -> tuple[list[str], np.ndarray]:
    """The classes present (in the order of :func:`analytics.records.period_totals`) and an
    array [month, class, (count, distance, duration, with distance, with duration)]."""
    label = rows["label"].fillna(UNLABELLED).astype(str).to_numpy()
    labels = sorted(set(label), key=lambda lab: (_RANK.get(lab, 3), lab))
    code = pd.Index(labels).get_indexer(label)
    key = (by_day(rows).dt.month.to_numpy() - 1) * len(labels) + code
    size = months * len(labels)
    cells = np.zeros((size, 5))
    cells[:, 0] = np.bincount(key, minlength=size)
    for column, (total, known) in (("distance_m", (1, 3)), ("duration_s", (2, 4))):
        values = pd.to_numeric(rows[column], errors="coerce").to_numpy(float)
        has = np.isfinite(values)
        cells[:, total] = np.bincount(key[has], weights=values[has], minlength=size)
        cells[:, known] = np.bincount(key[has], minlength=size)
    return labels, cells.reshape(months, len(labels), 5)


def _totals(cell: np.ndarray) -> Totals:
    count, distance, duration, with_distance, with_duration = cell
    return Totals(
        int(count), float(distance), float(duration), int(with_distance), int(with_duration)
    )


def _sum(cells: np.ndarray) -> Totals:
    return _totals(cells.sum(axis=0) if cells.size else np.zeros(5))
