"""Consistency: how steadily someone trains, as a 0-100 score with the numbers behind it.

Four dimensions, each 0-100 with its inputs: frequency (workouts a week against the owner's own
norm), timing (regular days and, when known, hours), performance (stable pace and distance per
class) and streaks (weeks and days in a row). The score is their mean weighted by
:data:`WEIGHTS`: showing up (frequency, streaks) counts most, rhythm next, stability least, as
people vary efforts on purpose. A dimension too few workouts cannot measure is left out and the
other weights rescaled.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.frame import OUTLIER, by_day, count, display_name, require

WEIGHTS = MappingProxyType({"frequency": 0.35, "timing": 0.2, "performance": 0.15, "streaks": 0.3})
MIN_WORKOUTS = 3  # two gaps or three efforts are the least that have a spread
DEFAULT_NORM_PER_WEEK = 3.0  # a common fitness guideline, for owners with no history to compare
MIN_BASELINE_WEEKS = 4
PACE_CV_ZERO = 0.30  # pace varying by 30% of its mean is as unstable as it gets
DISTANCE_CV_ZERO = 0.60  # distances vary more than paces even in a steady routine
HOUR_STD_ZERO = 6.0  # start hours spread by 6 h or more (circular) score 0
DAILY_STREAK_FULL = 7  # a week of daily workouts is a full daily-streak score
WEEKLY_SHARE = 0.75  # weeks in a row matter more than days in a row: rest days are healthy
EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Streak:
    """Consecutive days (or ISO weeks) with a workout; start/end are its first and last workout."""

    length: int
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Streaks:
    """Current and longest daily and weekly streaks as of a day."""

    as_of: date
    current_daily: Streak
    longest_daily: Streak
    current_weekly: Streak
    longest_weekly: Streak


@dataclass(frozen=True)
class LabelStability:
    """One class's variation in the window; a CV is None when fewer than 3 values are known."""

    label: str
    workouts: int
    pace_cv: float | None
    distance_cv: float | None
    score: float


@dataclass(frozen=True)
class Dimension:
    """One part of the score; ``score`` is None when it cannot be measured, ``note`` says why."""

    name: str
    score: float | None
    weight: float
    inputs: Mapping[str, object]
    note: str


@dataclass(frozen=True)
class ConsistencyScore:
    """A window's 0-100 score; ``enough_data`` once 3 workout days make timing measurable."""

    score: float
    dimensions: tuple[Dimension, ...]
    weakest: str | None
    window_start: date
    window_end: date
    workouts: int
    enough_data: bool
    note: str

    def dimension(self, name: str) -> Dimension:
        """The dimension called ``name`` ("frequency", "timing", "performance", "streaks")."""
        return next(d for d in self.dimensions if d.name == name)


def streaks(frame: pd.DataFrame, *, end: date) -> Streaks:
    """Days and ISO weeks in a row with a workout, as of ``end`` (later workouts are ignored).

    A current streak is alive if it reaches ``end``'s day (week) or the one before: the day
    (week) in progress may not have had its workout yet. Weeks break only on a whole Monday to
    Sunday without a workout, never on rest days. Ties for longest go to the latest streak.
    """
    require(frame, ["workout_date"])
    today = end.toordinal() - EPOCH
    days = np.unique(_days(frame))
    days = days[days <= today]
    daily, weekly = _runs(days, days), _runs(days, _week(days))
    current = _streak(daily, today), _streak(weekly, _week(today))
    return Streaks(end, current[0], _streak(daily), current[1], _streak(weekly))


def consistency_score(
    frame: pd.DataFrame,
    *,
    end: date,
    window_days: int = 30,
    baseline_days: int = 365,
    names: Mapping[str, str] | None = None,
) -> ConsistencyScore:
    """Score how consistently the owner trained in the ``window_days`` ending at ``end``.

    Frequency is judged against the owner's median week in the ``baseline_days`` before the
    window, so the score asks "as steady as you usually are?", not "as much as an athlete?".
    ``names`` are the owner's class names for the notes (default: the default names).
    """
    require(frame, ("workout_date", "label", "avg_pace_s_per_km", "distance_m"))
    if window_days < 1 or baseline_days < 0:
        raise ValueError("window_days must be >= 1 and baseline_days >= 0")
    last = end.toordinal() - EPOCH
    first = last - window_days + 1
    rows = frame[frame["workout_date"].notna()]
    rows = rows.assign(_day=_days(rows)).sort_values("_day", kind="stable")
    rows = rows[rows["_day"] <= last]
    window = rows[rows["_day"] >= first]
    dimensions = (
        _frequency(rows["_day"].to_numpy(), first, window_days, baseline_days),
        _timing(window, first, last),
        _performance(window, names),
        _streak_dimension(streaks(rows, end=end), window["_day"].to_numpy(), window_days),
    )
    return _combine(dimensions, first, last, len(window))


def _dimension(name: str, score: float | None, note: str, **inputs: object) -> Dimension:
    return Dimension(name, score, WEIGHTS[name], MappingProxyType(inputs), note)


def _frequency(days: np.ndarray, first: int, window_days: int, baseline_days: int) -> Dimension:
    count = int((days >= first).sum())
    per_week = count * 7 / window_days
    norm, source, weeks = _norm(days[days < first], first, baseline_days)
    note = f"{per_week:.1f} workouts a week against a norm of {norm:.1f} ({source})"
    inputs = {"workouts": count, "per_week": per_week, "norm_per_week": norm}
    inputs |= {"norm_source": source, "baseline_weeks": weeks}
    return _dimension("frequency", 100.0 * min(1.0, per_week / norm), note, **inputs)


def _norm(past: np.ndarray, first: int, baseline_days: int) -> tuple[float, str, int]:
    """The owner's usual workouts a week before the window, in 7-day blocks. Blocks before the
    first workout ever are left out (the owner was not tracking); a median of zero (workouts
    every other week) falls back to the mean, else a single workout would meet the norm."""
    since = max(first - baseline_days, int(past.min())) if past.size else first
    weeks = (first - since) // 7
    if weeks < MIN_BASELINE_WEEKS:
        return DEFAULT_NORM_PER_WEEK, "default: under 4 weeks of history before", weeks
    recent = past[past >= first - 7 * weeks]
    counts = np.bincount((first - 1 - recent) // 7, minlength=weeks)
    if (median := float(np.median(counts))) > 0:
        return median, "median week", weeks
    if (mean := float(counts.mean())) > 0:
        return mean, "mean week; the median week had none", weeks
    return DEFAULT_NORM_PER_WEEK, "default: no workouts in the baseline", weeks


def _timing(window: pd.DataFrame, first: int, last: int) -> Dimension:
    """Half gap regularity (1 - CV of gaps between workout days), half weekday recurrence (how
    often a weekday the owner trains on comes round with a workout: 1 for "every Monday");
    start hours, when known, weigh a third."""
    days = np.unique(window["_day"].to_numpy())
    if days.size < MIN_WORKOUTS:
        note = "fewer than 3 workout days: timing is not measurable"
        return _dimension("timing", None, note, workout_days=int(days.size))
    gaps = np.diff(days)
    mean_gap, gap_cv = float(gaps.mean()), float(gaps.std() / gaps.mean())
    weekday = (days + 3) % 7  # Monday = 0; 1970-01-01 was a Thursday
    used = np.bincount(weekday, minlength=7)
    occurrences = np.bincount((np.arange(first, last + 1) + 3) % 7, minlength=7)
    recurrence = float(np.mean(used[weekday] / occurrences[weekday]))
    day_score = (100.0 * _clip(1 - gap_cv) + 100.0 * recurrence) / 2
    inputs = {"workout_days": int(days.size), "gap_mean_days": mean_gap, "gap_cv": gap_cv}
    inputs |= {"weekday_counts": tuple(int(u) for u in used), "weekday_recurrence": recurrence}
    inputs |= {"day_score": day_score, "hours_known": False}
    if (hour_std := _hour_spread(window)) is None:
        note = f"gaps vary by {gap_cv:.0%}; start times unknown, so days only"
        return _dimension("timing", day_score, note, **inputs)
    hour_score = 100.0 * _clip(1 - hour_std / HOUR_STD_ZERO)
    inputs |= {"hours_known": True, "hour_std_h": hour_std, "hour_score": hour_score}
    note = f"gaps vary by {gap_cv:.0%}, start hours by {hour_std:.1f} h"
    return _dimension("timing", (2 * day_score + hour_score) / 3, note, **inputs)


def _hour_spread(window: pd.DataFrame) -> float | None:
    """Circular standard deviation of start hours, in hours; None when under 3 are known."""
    starts = pd.to_datetime(window.get("started_at", pd.Series()), errors="coerce").dropna()
    if len(starts) < MIN_WORKOUTS:
        return None
    angle = np.sort(2 * np.pi * (starts.dt.hour + starts.dt.minute / 60).to_numpy(float) / 24)
    length = max(float(np.hypot(np.cos(angle).mean(), np.sin(angle).mean())), 1e-12)
    return min(math.sqrt(-2 * math.log(min(length, 1.0))) * 24 / (2 * np.pi), 24.0)


def _performance(window: pd.DataFrame, names: Mapping[str, str] | None) -> Dimension:
    """Per class with 3+ workouts (outliers aside): 1 - CV / CV_ZERO for pace and distance,
    averaged; classes weigh their workouts."""
    stable = []
    for label, group in window[window["label"] != OUTLIER].groupby("label", sort=True):
        pace, distance = _cv(group["avg_pace_s_per_km"]), _cv(group["distance_m"])
        cvs = ((pace, PACE_CV_ZERO), (distance, DISTANCE_CV_ZERO))
        parts = [100.0 * _clip(1 - cv / zero) for cv, zero in cvs if cv is not None]
        if len(group) >= MIN_WORKOUTS and parts:
            score = float(np.mean(parts))
            stable.append(LabelStability(str(label), len(group), pace, distance, score))
    if not stable:
        note = "no class has 3 workouts with pace or distance: not measurable"
        return _dimension("performance", None, note, labels=())
    score = sum(s.score * s.workouts for s in stable) / sum(s.workouts for s in stable)
    note = "stability by class: " + ", ".join(
        f"{display_name(s.label, names)} {s.score:.0f}" for s in stable
    )
    return _dimension("performance", score, note, labels=tuple(stable))


def _streak_dimension(current: Streaks, days: np.ndarray, window_days: int) -> Dimension:
    """Weeks in a row against the window's weeks, plus a little for days in a row."""
    weeks, runs = math.ceil(window_days / 7), _runs(np.unique(days), np.unique(days))[0]
    longest = int(runs.max()) if runs.size else 0
    daily = max(current.current_daily.length, longest)
    weekly_part = min(current.current_weekly.length, weeks) / weeks
    daily_part = min(daily, DAILY_STREAK_FULL) / DAILY_STREAK_FULL
    score = 100.0 * (WEEKLY_SHARE * weekly_part + (1 - WEEKLY_SHARE) * daily_part)
    in_a_row = count(current.current_weekly.length, "week")
    note = f"{in_a_row} in a row; best daily streak {count(daily, 'day')}"
    inputs = {"current_weekly": current.current_weekly.length, "window_weeks": weeks}
    inputs |= {"current_daily": current.current_daily.length, "longest_daily_in_window": longest}
    return _dimension("streaks", score, note, **inputs)


def _combine(dims: tuple[Dimension, ...], first: int, last: int, count: int) -> ConsistencyScore:
    measured = [d for d in dims if d.score is not None]  # frequency and streaks always are
    weakest = min(measured, key=lambda d: d.score).name
    total = sum(d.weight * d.score for d in measured) / sum(d.weight for d in measured)
    start, end = _date(first), _date(last)
    note = f"{total:.0f}/100 over {start} to {end}, workouts: {count}; weakest: {weakest}."
    if missing := [d.name for d in dims if d.score is None]:
        note += f" Not measurable with this data: {', '.join(missing)}."
    if not count:
        total, note = 0.0, f"No workouts from {start} to {end}: nothing to score."
    enough = dims[1].score is not None  # timing needs 3 workout days, the most any part needs
    return ConsistencyScore(total, dims, weakest, start, end, count, enough, note)


def _runs(days: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, ...]:
    """Runs of consecutive ``keys`` (days or weeks of sorted ``days``): lengths, first and last
    workout day, and last key of each run."""
    if days.size == 0:
        return (np.zeros(0, dtype=np.int64),) * 4
    unique = np.unique(keys)
    cut = np.flatnonzero(np.diff(unique) != 1)
    first, last = unique[np.r_[0, cut + 1]], unique[np.r_[cut, unique.size - 1]]
    first_day = days[np.searchsorted(keys, first)]
    last_day = days[np.searchsorted(keys, last, side="right") - 1]
    return last - first + 1, first_day, last_day, last


def _streak(runs: tuple[np.ndarray, ...], now: int | None = None) -> Streak:
    """The run alive at key ``now`` (it reaches ``now`` or the key before) or, without ``now``,
    the longest run (the latest of ties); a zero streak when there is none."""
    lengths, first_day, last_day, last_key = runs
    if now is None and lengths.size:
        i = lengths.size - 1 - int(np.argmax(lengths[::-1]))
    elif now is not None and last_key.size and last_key[-1] >= now - 1:
        i = lengths.size - 1
    else:
        return Streak(0, None, None)
    return Streak(int(lengths[i]), _date(first_day[i]), _date(last_day[i]))


def _days(frame: pd.DataFrame) -> np.ndarray:
    """Workout dates as day numbers since 1970-01-01 (NaT dropped)."""
    return by_day(frame).dropna().to_numpy().astype("datetime64[D]").astype(np.int64)


def _date(day_number: int) -> date:
    return date.fromordinal(int(day_number) + EPOCH)


def _week(days):
    """Monday-based week numbers, so consecutive numbers are consecutive ISO weeks."""
    return (days + 3) // 7


def _cv(values: pd.Series) -> float | None:
    known = pd.to_numeric(values, errors="coerce").to_numpy(float)
    known = np.sort(known[np.isfinite(known) & (known > 0)])  # row order must not matter
    return float(known.std() / known.mean()) if known.size >= MIN_WORKOUTS else None


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))
