"""Personal records (longest, fastest, busiest week, longest streak) and totals per period.

Run records are over ``run`` workouts, walk records per foot label; ``outlier`` rows never
count, so a GPS spike never becomes a "longest run". Each record carries the best it beat, for
"new longest run: 7.4 mi, previous 7.1 mi on 2019-05-03". Ties: the first occurrence wins (the
earliest ``workout_date``, then the lowest ``id``), whatever the row order; a record must
strictly beat the previous best.

A record's ``name`` is an identifier ("longest_walk"); its ``title`` is what a person reads
("longest dog walk", or "longest walk" with the names of an owner without a dog).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.errors import UnknownMetric
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK, by_day, display_name, require

MILE_M = 1609.344
RECORD_COLUMNS = ("id", "workout_date", "label", "distance_m", "duration_s", "avg_pace_s_per_km")
TOTAL_COLUMNS = ("workout_date", "label", "distance_m", "duration_s")
WALK_LABELS = (WALK, RUN_WALK)
PERIODS = MappingProxyType({"year": "Y", "month": "M"})
UNLABELLED = "unlabelled"
# Totals list foot labels first, as the classifier orders them, then the rest by name, outlier last
_LABEL_RANK = MappingProxyType({RUN: 0, WALK: 1, RUN_WALK: 2, OUTLIER: 4})
_SPAN = ("value", "id", "date", "start", "end")
_TITLES = MappingProxyType(
    {
        "longest_run": "longest {run}",
        "longest_run_time": "longest {run} time",
        "fastest_run_pace": "fastest {run} pace",
        "most_workouts_in_week": "most workouts in a week",
        "longest_daily_streak": "longest daily streak",
    }
)


def record_title(name: str, names: Mapping[str, str] | None = None) -> str:
    """What a person reads for the record called ``name``, in the owner's class ``names``
    ("longest_walk" -> "longest dog walk"; default names when None)."""
    if name in _TITLES:
        return _TITLES[name].format(run=display_name(RUN, names))
    if name.startswith("longest_"):
        return f"longest {display_name(name.removeprefix('longest_'), names)}"
    return name.replace("_", " ")


@dataclass(frozen=True)
class Record:
    """A personal record: ``value`` in SI ``unit``, set by ``workout_id`` (None for a week or a
    streak) on ``date``; ``previous`` is the best it beat (its own ``previous`` left None), or
    None when there was nothing before it.

    ``date`` is the workout's day, or the last workout day of a week or streak; ``start``/``end``
    are that day for one workout, Monday and Sunday for an ISO week, a streak's first/last day.
    ``title`` is the name a person reads (:func:`record_title`, default names when not given).
    """

    name: str
    unit: str
    value: float
    workout_id: int | None
    date: date
    start: date
    end: date
    previous: Record | None = None
    title: str = ""

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", record_title(self.name))


@dataclass(frozen=True)
class Records:
    """Every personal record (None where no workout qualifies) and the counts they come from."""

    longest_run: Record | None
    longest_run_time: Record | None
    fastest_run_pace: Record | None
    most_workouts_in_week: Record | None
    longest_daily_streak: Record | None
    longest_walk: Mapping[str, Record | None]  # keyed by foot label: walk, run_walk
    min_pace_distance_m: float
    runs: int  # run workouts looked at
    workouts: int  # non-outlier workouts, for the week and streak records
    outliers_excluded: int
    contradicted_excluded: int = 0  # their recorded type says another class: see _contradicted

    @property
    def all(self) -> tuple[Record, ...]:
        """The records that exist, in a fixed order."""
        found = [getattr(self, kind.name) for kind in KINDS[:5]] + [*self.longest_walk.values()]
        return tuple(r for r in found if r is not None)


@dataclass(frozen=True)
class _Kind:
    name: str
    unit: str
    higher_is_better: bool
    candidates: Callable[[pd.DataFrame, np.ndarray, float], pd.DataFrame]


def personal_records(
    frame: pd.DataFrame,
    *,
    min_pace_distance_m: float = MILE_M,
    names: Mapping[str, str] | None = None,
) -> Records:
    """All-time records of ``frame``, each with the best it beat when it was set.

    Pace counts only runs of at least ``min_pace_distance_m``, since a fast 200 m is no pace
    record. NaN and non-positive values are ignored (no distance is not a 0 m record).
    Titles use the owner's class ``names`` (default: the default display names).
    """
    require(frame, RECORD_COLUMNS)
    found = {}
    for kind, marks in _all_candidates(frame, min_pace_distance_m).items():
        best = _best(kind, marks, names)
        if best is not None:
            earlier = marks[marks["end"] < np.datetime64(best.start)]
            best = replace(best, previous=_best(kind, earlier, names))
        found[kind.name] = best
    labels = frame["label"]
    return Records(
        **{k.name: found[k.name] for k in KINDS[:5]},
        longest_walk=MappingProxyType({lab: found[f"longest_{lab}"] for lab in WALK_LABELS}),
        min_pace_distance_m=min_pace_distance_m,
        runs=int((labels == RUN).sum()),
        workouts=int((labels != OUTLIER).sum()),
        outliers_excluded=int((labels == OUTLIER).sum()),
        contradicted_excluded=int((_contradicted(frame) & (labels != OUTLIER).to_numpy()).sum()),
    )


def records_broken(
    frame: pd.DataFrame,
    *,
    start: date,
    end: date,
    min_pace_distance_m: float = MILE_M,
    names: Mapping[str, str] | None = None,
) -> tuple[Record, ...]:
    """Records set by workouts dated ``start``..``end`` (inclusive) that beat all before ``start``.

    For the daily briefing. The previous best is the best as it stood the day before ``start``;
    a record with nothing before ``start`` to beat (a first-ever workout) is not "broken". A week
    or streak running across ``start`` counts with its days before ``start`` as the old best.
    Titles use the owner's class ``names``.
    """
    require(frame, RECORD_COLUMNS)
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    day = by_day(frame)
    before = _all_candidates(frame[day < pd.Timestamp(start)], min_pace_distance_m)
    upto = _all_candidates(frame[day <= pd.Timestamp(end)], min_pace_distance_m)
    broken = []
    for kind in KINDS:
        old, new = _best(kind, before[kind], names), _best(kind, upto[kind], names)
        # ``upto`` holds all of ``before``, so its best is never worse: any change is a record
        if old is not None and new is not None and new.value != old.value:
            broken.append(replace(new, previous=old))
    return tuple(broken)


def _best(kind: _Kind, marks: pd.DataFrame, names: Mapping[str, str] | None) -> Record | None:
    """The best candidate mark; among equals the first by date, then id."""
    if marks.empty:
        return None
    values = marks["value"].to_numpy()
    target = values.max() if kind.higher_is_better else values.min()
    first = marks[values == target].sort_values(["date", "id"]).iloc[0]
    workout_id = None if pd.isna(first["id"]) else int(first["id"])
    days = (pd.Timestamp(first[column]).date() for column in ("date", "start", "end"))
    title = record_title(kind.name, names)
    return Record(kind.name, kind.unit, float(first["value"]), workout_id, *days, title=title)


def _all_candidates(frame: pd.DataFrame, min_pace_distance_m: float) -> dict:
    day = by_day(frame).to_numpy().astype("datetime64[D]")
    return {kind: kind.candidates(frame, day, min_pace_distance_m) for kind in KINDS}


def _contradicted(frame: pd.DataFrame) -> np.ndarray:
    """Workouts whose recorded type contradicts their class (a "Walk" at a runner's pace) and
    whose owner has not confirmed them: no record stands on one."""
    if "type_conflict" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["type_conflict"].fillna(False).to_numpy(dtype=bool)


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _marks(values, ids, last, start, end) -> pd.DataFrame:
    """Candidate marks as columns ``value, id, date, start, end`` (dates as numpy days)."""
    return pd.DataFrame(dict(zip(_SPAN, (values.astype(float), ids, last, start, end))))


def _per_workout(label: str, column: str, *, min_distance: bool = False) -> Callable:
    """Candidates: each workout of ``label`` with a positive ``column`` value."""

    def candidates(frame: pd.DataFrame, day: np.ndarray, min_pace_distance_m: float):
        values = _numbers(frame, column)
        with np.errstate(invalid="ignore"):  # NaN compares False, which is what drops it
            keep = (frame["label"] == label).to_numpy() & (values > 0) & ~_contradicted(frame)
            if min_distance:
                keep &= _numbers(frame, "distance_m") >= min_pace_distance_m
        ids = frame["id"].to_numpy()[keep]
        return _marks(values[keep], ids, day[keep], day[keep], day[keep])

    return candidates


def _weeks(frame: pd.DataFrame, day: np.ndarray, _: float) -> pd.DataFrame:
    """Candidates: each ISO week (Monday to Sunday) valued by its count of workouts."""
    days = np.sort(day[(frame["label"] != OUTLIER).to_numpy()])
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01, day 0, was a Thursday
    monday = days - weekday.astype("timedelta64[D]")
    start, first, count = np.unique(monday, return_index=True, return_counts=True)
    week = np.timedelta64(6, "D")
    return _marks(count, np.full(count.size, np.nan), days[first + count - 1], start, start + week)


def _streaks(frame: pd.DataFrame, day: np.ndarray, _: float) -> pd.DataFrame:
    """Candidates: each run of consecutive workout days, valued by its length in days."""
    days = np.unique(day[(frame["label"] != OUTLIER).to_numpy()])
    breaks = np.flatnonzero(np.diff(days) != np.timedelta64(1, "D"))
    start = np.concatenate([days[:1], days[breaks + 1]])
    end = np.concatenate([days[breaks], days[-1:]])
    length = (end - start).astype(np.int64) + 1
    return _marks(length, np.full(length.size, np.nan), end, start, end)


_PACE = _per_workout(RUN, "avg_pace_s_per_km", min_distance=True)
KINDS = (
    _Kind("longest_run", "m", True, _per_workout(RUN, "distance_m")),
    _Kind("longest_run_time", "s", True, _per_workout(RUN, "duration_s")),
    _Kind("fastest_run_pace", "s/km", False, _PACE),
    _Kind("most_workouts_in_week", "workouts", True, _weeks),
    _Kind("longest_daily_streak", "days", True, _streaks),
    *(_Kind(f"longest_{lab}", "m", True, _per_workout(lab, "distance_m")) for lab in WALK_LABELS),
)


@dataclass(frozen=True)
class Totals:
    """Count and NaN-safe sums; ``with_*`` say how many workouts had the value at all."""

    count: int
    distance_m: float
    duration_s: float
    with_distance: int
    with_duration: int


@dataclass(frozen=True)
class PeriodTotals:
    """Totals per period (every period from first to last, empty ones included) and label.

    ``cells[i][j]`` is period ``starts[i]`` and label ``labels[j]``. ``by_period`` and ``total``
    leave out ``outlier`` rows (a GPS spike is no distance covered); ``by_label`` has them all.
    """

    period: str
    starts: tuple[date, ...]
    names: tuple[str, ...]
    labels: tuple[str, ...]
    cells: tuple[tuple[Totals, ...], ...]
    by_period: tuple[Totals, ...]
    by_label: tuple[Totals, ...]
    total: Totals
    start: date | None
    end: date | None

    def cell(self, name: str, label: str) -> Totals:
        """The totals of one period (by name, "2024" or "2024-03") and label."""
        return self.cells[self.names.index(name)][self.labels.index(label)]


def period_totals(
    frame: pd.DataFrame, *, period: str = "year", start: date | None = None, end: date | None = None
) -> PeriodTotals:
    """Workouts, distance and time per calendar ``period`` ("year" or "month") and label.

    Only workouts dated ``start``..``end`` (inclusive; open when None) count. Missing distances
    and durations add nothing rather than making a total NaN.
    """
    if period not in PERIODS:
        raise UnknownMetric(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    require(frame, TOTAL_COLUMNS)
    if start is not None and end is not None and start > end:
        raise ValueError(f"start {start} is after end {end}")
    rows = _dated_rows(frame, start, end)
    first = start if start is not None or rows.empty else rows["day"].min().date()
    last = end if end is not None or rows.empty else rows["day"].max().date()
    if first is None or last is None:
        return PeriodTotals(period, (), (), (), (), (), (), Totals(0, 0.0, 0.0, 0, 0), first, last)
    periods = pd.period_range(first, last, freq=PERIODS[period])
    rows["period"] = rows["day"].dt.to_period(PERIODS[period])
    labels = tuple(sorted(rows["label"].unique(), key=lambda lab: (_LABEL_RANK.get(lab, 3), lab)))
    flat = _totals(rows, ["period", "label"], pd.MultiIndex.from_product([periods, labels]))
    counted = rows[rows["label"] != OUTLIER]
    return PeriodTotals(
        period=period,
        starts=tuple(p.start_time.date() for p in periods),
        names=tuple(str(p) for p in periods),
        labels=labels,
        cells=tuple(flat[i * len(labels) : (i + 1) * len(labels)] for i in range(len(periods))),
        by_period=_totals(counted, ["period"], periods),
        by_label=_totals(rows, ["label"], labels),
        total=_totals(counted.assign(all=0), ["all"], [0])[0],
        start=first,
        end=last,
    )


def _dated_rows(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """The columns the totals read, for workouts dated ``start``..``end``."""
    rows = pd.DataFrame({"day": by_day(frame), "label": frame["label"].fillna(UNLABELLED)})
    rows["label"] = rows["label"].astype(str)
    for column in ("distance_m", "duration_s"):
        rows[column] = _numbers(frame, column)
    low = pd.Timestamp.min if start is None else pd.Timestamp(start)
    high = pd.Timestamp.max if end is None else pd.Timestamp(end)
    return rows[(rows["day"] >= low) & (rows["day"] <= high)].copy()


def _totals(rows: pd.DataFrame, keys: list[str], index) -> tuple[Totals, ...]:
    """Totals of ``rows`` grouped by ``keys``, one per entry of ``index`` (zero when absent)."""
    table = rows.groupby(keys, observed=True).agg(
        count=("label", "size"),
        distance_m=("distance_m", "sum"),
        duration_s=("duration_s", "sum"),
        with_distance=("distance_m", "count"),
        with_duration=("duration_s", "count"),
    )
    return tuple(
        Totals(int(c), float(d), float(t), int(wd), int(wt))
        for c, d, t, wd, wt in table.reindex(index, fill_value=0).itertuples(index=False)
    )
