"""Summaries: a measure of some workouts over a period, aggregated one way and perhaps broken down.

One definition for every answer that counts or adds up workouts:

- **Counts** take every workout that matches, outliers included (an outlier is still a workout
  someone did); the summary says how many outliers it holds.
- **Sums and averages** of distance, duration and calories leave outliers out (their numbers
  are what made them outliers), unless outliers are what was asked for. A missing value adds
  nothing and is not averaged.
- **Pace** over several workouts is their total time over their total distance (a long run
  weighs more than a short one); a workout's own pace is its average pace.
- **Rates** per week or per month divide by the calendar weeks (7 days) or months (365.25 / 12
  days) the period spans, from its first day to its last (today at the latest), never by the
  span between the first and last workout.
- **Best and worst**: the longest distance or duration, the most calories, the fastest pace (a
  pace needs at least 1 km); with a breakdown, the week, month... with the largest total. A
  workout whose recorded type contradicts its class (unconfirmed by its owner) is passed over.
- **Today** ends every period: a workout dated after ``today`` (a clock set wrong, a time zone
  ahead) is not counted, so "my last run" is never one still to come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analytics import frame as wf
from analytics.errors import UnknownMetric

MEASURES = ("count", "distance", "duration", "pace", "calories", "frequency")
AGGREGATES = (
    "total",
    "average",
    "per_week",
    "per_month",
    "best",
    "worst",
    "latest",
    "first",
    "list",
)
BREAKDOWNS = ("week", "month", "year", "weekday", "hour", "class")
DAYS_PER_MONTH = 365.25 / 12
MIN_PACE_DISTANCE_M = 1000.0
_COLUMN = {"distance": "distance_m", "duration": "duration_s", "calories": "calories_kcal"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: its name, how many workouts, and the measure's value."""

    name: str
    count: int
    value: float


@dataclass(frozen=True)
class Summary:
    """The workouts counted and the measure's value (SI units: m, s, s/km, kcal)."""

    measure: str
    aggregate: str
    start: date | None
    end: date | None
    count: int  # workouts that matched
    outliers: int  # outliers among them (left out of sums and averages)
    value: float | None  # the aggregate of the measure (None: nothing to aggregate)
    rows: pd.DataFrame  # the matching workouts, oldest first
    groups: tuple[Group, ...] = ()  # the breakdown, in calendar or natural order
    best_group: Group | None = None
    workout: pd.Series | None = None  # the one workout a best/worst/latest/first names
    weeks: float = 0.0  # the period's length, for rates
    months: float = 0.0
    # Workouts a best or worst passed over: their recorded type contradicts their class.
    contradicted: int = 0


def summarize(
    frame: pd.DataFrame,
    *,
    measure: str = "count",
    aggregate: str = "total",
    by: str | None = None,
    start: date | None = None,
    end: date | None = None,
    labels: tuple[str, ...] = (),
    activity: str | None = None,
    min_distance_m: float | None = None,
    max_distance_m: float | None = None,
    today: date | None = None,
) -> Summary:
    """The summary of the workouts that match (see the module docstring for the rules)."""
    _check(measure, MEASURES, "measure")
    _check(aggregate, AGGREGATES, "aggregate")
    _check(by, (None, *BREAKDOWNS), "breakdown")
    wf.require(frame, ("id", "workout_date", "label", "distance_m", "duration_s"))
    if today is not None:
        end = min(end, today) if end is not None else today
    rows = _matching(frame, start, end, labels, activity, min_distance_m, max_distance_m)
    first = start or (rows["day"].min().date() if len(rows) else None)
    last = min(end or today or date.max, today or date.max) if (end or today) else None
    if last is None and len(rows):
        last = rows["day"].max().date()
    span_days = (last - first).days + 1 if first and last and last >= first else 0
    weeks, months = span_days / 7, span_days / DAYS_PER_MONTH
    outliers = int((rows["label"] == wf.OUTLIER).sum())
    counted = rows if wf.OUTLIER in labels else rows[rows["label"] != wf.OUTLIER]
    contradicted = 0
    if aggregate in ("best", "worst") and "type_conflict" in counted:
        conflict = counted["type_conflict"].fillna(False).astype(bool)
        contradicted = int(conflict.sum())
        counted = counted[~conflict]
    value, workout = _aggregate(rows, counted, measure, aggregate, weeks, months)
    groups, best = _breakdown(rows, counted, measure, aggregate, by)
    return Summary(
        measure,
        aggregate,
        first,
        last,
        len(rows),
        outliers,
        value,
        rows.drop(columns="day"),
        groups,
        best,
        workout,
        weeks,
        months,
        contradicted,
    )


def _matching(frame, start, end, labels, activity, min_distance_m, max_distance_m) -> pd.DataFrame:
    rows = frame.assign(day=wf.by_day(frame))
    keep = pd.Series(True, index=rows.index)
    if start is not None:
        keep &= rows["day"] >= pd.Timestamp(start)
    if end is not None:
        keep &= rows["day"] <= pd.Timestamp(end)
    if labels:
        keep &= rows["label"].isin(labels)
    if activity:
        keep &= rows["activity_type"].str.contains(activity, case=False, regex=False)
    if min_distance_m is not None:
        keep &= rows["distance_m"] >= min_distance_m
    if max_distance_m is not None:
        keep &= rows["distance_m"] <= max_distance_m
    return rows[keep].sort_values(["day", "id"], kind="stable")


def _aggregate(rows, counted, measure, aggregate, weeks, months):
    """The aggregate's value, and the workout it names when it names one."""
    if aggregate in ("latest", "first"):
        if rows.empty:
            return None, None
        workout = rows.iloc[-1] if aggregate == "latest" else rows.iloc[0]
        return _own_value(workout, measure), workout
    if aggregate in ("best", "worst"):
        workout = _extreme(counted, measure, aggregate == "best")
        return (None, None) if workout is None else (_own_value(workout, measure), workout)
    total = _total(rows, counted, measure)
    if aggregate == "average":
        if measure in ("count", "frequency"):
            return (len(rows) / weeks if weeks else None), None
        if measure == "pace":
            return total, None  # the pace of all the time over all the distance
        n = _with_value(counted, measure)
        return (total / n if n and total is not None else None), None
    if aggregate == "per_week":
        return (total / weeks if weeks and total is not None else None), None
    if aggregate == "per_month":
        return (total / months if months and total is not None else None), None
    return total, None


def _total(rows, counted, measure) -> float | None:
    if measure in ("count", "frequency"):
        return float(len(rows))
    if measure == "pace":
        return _pace(counted)
    values = pd.to_numeric(counted[_COLUMN[measure]], errors="coerce")
    return float(values.sum(min_count=1)) if values.notna().any() else None


def _pace(rows) -> float | None:
    """Total time over total distance, of the workouts that have both."""
    both = rows[(rows["distance_m"] > 0) & (rows["duration_s"] > 0)]
    if both.empty:
        return None
    return float(both["duration_s"].sum() / (both["distance_m"].sum() / 1000.0))


def _with_value(rows, measure) -> int:
    return int(pd.to_numeric(rows[_COLUMN[measure]], errors="coerce").notna().sum())


def _own_value(workout: pd.Series, measure: str) -> float | None:
    if measure in ("count", "frequency"):
        return 1.0
    column = "avg_pace_s_per_km" if measure == "pace" else _COLUMN[measure]
    value = workout.get(column)
    return None if value is None or pd.isna(value) else float(value)


def _extreme(rows: pd.DataFrame, measure: str, best: bool) -> pd.Series | None:
    if measure in ("count", "frequency"):
        measure = "distance"
    if measure == "pace":
        rows = rows[rows["distance_m"] >= MIN_PACE_DISTANCE_M]
        values = pd.to_numeric(rows["avg_pace_s_per_km"], errors="coerce")
        best = not best  # the best pace is the lowest
    else:
        values = pd.to_numeric(rows[_COLUMN[measure]], errors="coerce")
    values = values.dropna()
    if values.empty:
        return None
    index = values.idxmax() if best else values.idxmin()
    return rows.loc[index]


def _breakdown(rows, counted, measure, aggregate, by):
    if by is None or rows.empty:
        return (), None
    keys, order = _keys(rows, by)
    counts = keys.value_counts()
    values = _group_values(counted, keys.loc[counted.index], measure, counts)
    groups = []
    for key in order:
        value = values.get(key)
        value = None if value is None or pd.isna(value) else float(value)
        groups.append(Group(_name(key, by), int(counts.get(key, 0)), value))
    ranked = [g for g in groups if g.value is not None and not np.isnan(g.value)]
    best = None
    if aggregate in ("best", "worst") and ranked:
        lowest_wins = (measure == "pace") == (aggregate == "best")
        best = (
            min(ranked, key=lambda g: g.value)
            if lowest_wins
            else max(ranked, key=lambda g: g.value)
        )
    return tuple(groups), best


def _group_values(counted, keys, measure, counts) -> pd.Series:
    """Each group's value, in one pass: what :func:`_total` gives for the group's workouts
    (all of them for counts, the non-outliers for sums and pace)."""
    if measure in ("count", "frequency"):
        return counts.astype(float)
    if measure == "pace":
        both = (counted["distance_m"] > 0) & (counted["duration_s"] > 0)
        sums = counted[both].groupby(keys[both])[["duration_s", "distance_m"]].sum()
        return sums["duration_s"] / (sums["distance_m"] / 1000.0)
    values = pd.to_numeric(counted[_COLUMN[measure]], errors="coerce")
    return values.groupby(keys).sum(min_count=1)


def _keys(rows, by):
    day = rows["day"]
    if by == "week":
        keys = day.dt.to_period("W-SUN")
    elif by == "month":
        keys = day.dt.to_period("M")
    elif by == "year":
        keys = day.dt.year
    elif by == "weekday":
        keys = day.dt.day_of_week
        return keys, [d for d in range(7) if (keys == d).any()]
    elif by == "hour":
        started = pd.to_datetime(rows.get("started_at"), errors="coerce")
        keys = started.dt.hour.fillna(-1).astype(int)
    else:
        keys = rows["label"]
        # Classes in their natural order (run, walk, run-walk, outlier, ride...), not by code.
        rank = {label: i for i, label in enumerate(wf.LABELS)}
        present = pd.unique(keys)
        return keys, sorted(present, key=lambda k: (rank.get(k, len(rank)), str(k)))
    return keys, list(pd.unique(keys.sort_values(kind="stable")))


def _name(key, by) -> str:
    if by == "weekday":
        return _WEEKDAYS[int(key)]
    if by == "hour":
        return "unknown time" if int(key) < 0 else f"{int(key):02d}:00"
    if by == "week":
        return f"week of {key.start_time.date()}"
    return str(key)


def _check(value, allowed, what: str) -> None:
    if value not in allowed:
        raise UnknownMetric(f"unknown {what} {value!r}; use one of {', '.join(map(str, allowed))}")
