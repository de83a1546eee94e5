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


def monthly_scores(frame: pd.DataFrame, baseline_days: int = 365) -> pd.Series:
    """The score of every calendar month from the first workout's to the last's, each month its
    own window: ``consistency_score(frame, end=<month end>, window_days=<days in month>)`` for
    all months in one vectorised pass (the same numbers to floating error; a Series indexed by
    monthly Periods). A month's score needs only its days, the baseline before it and, for
    streaks, the runs of days and weeks reaching its end."""
    require(frame, ("workout_date", "label", "avg_pace_s_per_km", "distance_m"))
    rows = frame[frame["workout_date"].notna()]
    day = _days(rows)
    if day.size == 0:
        return pd.Series([], index=pd.PeriodIndex([], freq="M"), dtype=float)
    order = np.argsort(day, kind="stable")
    rows, day = rows.iloc[order], day[order]
    months = pd.period_range(_date(day[0]), _date(day[-1]), freq="M")
    first = months.start_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    last = months.end_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    span = last - first + 1
    n = len(months)
    # Month of each workout (index into ``months``), window counts and the frequency dimension.
    where = np.searchsorted(first, day, side="right") - 1
    count = np.bincount(where, minlength=n)
    per_week = count * 7 / span
    norm = _norms(day, first, baseline_days)
    frequency = 100.0 * np.minimum(1.0, per_week / norm)
    timing = _monthly_timing(rows, day, where, first, last, n)
    performance = _monthly_performance(rows, where, n)
    streak = _monthly_streaks(day, first, last, span)
    parts = [(frequency, "frequency"), (timing, "timing"), (performance, "performance")]
    parts.append((streak, "streaks"))
    total = np.zeros(n)
    weight = np.zeros(n)
    for values, name in parts:
        known = ~np.isnan(values)
        total += np.where(known, WEIGHTS[name] * np.nan_to_num(values), 0.0)
        weight += np.where(known, WEIGHTS[name], 0.0)
    score = np.where(count > 0, total / weight, 0.0)
    return pd.Series(score, index=months)


def _norms(day: np.ndarray, first: np.ndarray, baseline_days: int) -> np.ndarray:
    """:func:`_norm` of each month's window starting on day ``first``."""
    since = np.where(day[0] < first, np.maximum(first - baseline_days, day[0]), first)
    weeks = (first - since) // 7
    most = int(weeks.max()) if weeks.size else 0
    cumulative = np.searchsorted(day, np.arange(day[0], day[-1] + 2)) if most else None
    norm = np.full(first.shape, DEFAULT_NORM_PER_WEEK)
    if not most:
        return norm
    # Workouts in the k-th 7-day block before the window: days [first - 7(k+1), first - 7k).
    k = np.arange(most)
    hi = np.clip(first[:, None] - 7 * k - day[0], 0, cumulative.size - 1)
    lo = np.clip(first[:, None] - 7 * (k + 1) - day[0], 0, cumulative.size - 1)
    blocks = (cumulative[hi] - cumulative[lo]).astype(float)
    blocks[k[None, :] >= weeks[:, None]] = np.nan
    enough = weeks >= MIN_BASELINE_WEEKS
    if not enough.any():
        return norm
    median = np.nanmedian(blocks[enough], axis=1)
    mean = np.nanmean(blocks[enough], axis=1)
    chosen = np.where(median > 0, median, np.where(mean > 0, mean, DEFAULT_NORM_PER_WEEK))
    norm[enough] = chosen
    return norm


def _monthly_timing(rows, day, where, first, last, n) -> np.ndarray:
    """:func:`_timing` of each month (NaN where under 3 workout days)."""
    unique, at = np.unique(day, return_index=True)
    month = where[at]
    days_in = np.bincount(month, minlength=n)
    same = month[1:] == month[:-1]
    gaps, gap_month = np.diff(unique)[same].astype(float), month[1:][same]
    gap_count = np.bincount(gap_month, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(gap_month, gaps, minlength=n) / gap_count
        var = np.bincount(gap_month, (gaps - mean[gap_month]) ** 2, minlength=n) / gap_count
        gap_cv = np.sqrt(var) / mean
    weekday = (unique + 3) % 7
    used = np.bincount(month * 7 + weekday, minlength=n * 7).reshape(n, 7).astype(float)
    calendar = np.arange(first[0], last[-1] + 1)
    calendar_month = np.searchsorted(first, calendar, side="right") - 1
    occurrences = np.bincount(calendar_month * 7 + (calendar + 3) % 7, minlength=n * 7).reshape(
        n, 7
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        recurrence = (used**2 / occurrences).sum(axis=1) / days_in
    day_score = (100.0 * np.clip(1 - gap_cv, 0.0, 1.0) + 100.0 * recurrence) / 2
    timing = np.where(days_in >= MIN_WORKOUTS, day_score, np.nan)
    hours = _monthly_hour_scores(rows, where, n)
    return np.where(np.isnan(hours), timing, (2 * timing + hours) / 3)


def _monthly_hour_scores(rows: pd.DataFrame, where: np.ndarray, n: int) -> np.ndarray:
    """The start-hour part of :func:`_timing` of each month (NaN where under 3 are known)."""
    if "started_at" not in rows.columns:
        return np.full(n, np.nan)
    starts = pd.to_datetime(rows["started_at"], errors="coerce")
    known = starts.notna().to_numpy()
    if not known.any():
        return np.full(n, np.nan)
    starts, month = starts[known], where[known]
    angle = 2 * np.pi * (starts.dt.hour + starts.dt.minute / 60).to_numpy(float) / 24
    counts = np.bincount(month, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.bincount(month, np.cos(angle), minlength=n) / counts
        sin = np.bincount(month, np.sin(angle), minlength=n) / counts
        length = np.maximum(np.hypot(cos, sin), 1e-12)
        spread = np.minimum(np.sqrt(-2 * np.log(np.minimum(length, 1.0))) * 24 / (2 * np.pi), 24)
    score = 100.0 * np.clip(1 - spread / HOUR_STD_ZERO, 0.0, 1.0)
    return np.where(counts >= MIN_WORKOUTS, score, np.nan)


def _monthly_performance(rows: pd.DataFrame, where: np.ndarray, n: int) -> np.ndarray:
    """:func:`_performance` of each month (NaN where no class is measurable)."""
    labels = rows["label"]
    keep = (labels.notna() & (labels != OUTLIER)).to_numpy()
    codes, names = pd.factorize(labels[keep].astype(str), sort=True)
    if not len(names):
        return np.full(n, np.nan)
    groups = where[keep] * len(names) + codes
    size = np.bincount(groups, minlength=n * len(names))
    parts = []
    for column, zero in (("avg_pace_s_per_km", PACE_CV_ZERO), ("distance_m", DISTANCE_CV_ZERO)):
        values = pd.to_numeric(rows[column][keep], errors="coerce").to_numpy(float)
        ok = np.isfinite(values) & (values > 0)
        g, v = groups[ok], values[ok]
        known = np.bincount(g, minlength=size.size)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.bincount(g, v, minlength=size.size) / known
            var = np.bincount(g, (v - mean[g]) ** 2, minlength=size.size) / known
            cv = np.sqrt(var) / mean
        parts.append(np.where(known >= MIN_WORKOUTS, 100.0 * np.clip(1 - cv / zero, 0, 1), np.nan))
    parts = np.vstack(parts)
    measured = (~np.isnan(parts)).sum(axis=0)
    stable = (size >= MIN_WORKOUTS) & (measured > 0)
    score = np.where(stable, np.nansum(parts, axis=0) / np.maximum(measured, 1), 0.0)
    weight = np.where(stable, size, 0).reshape(n, len(names))
    total = (score.reshape(n, len(names)) * weight).sum(axis=1)
    weights = weight.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weights > 0, total / weights, np.nan)


def _monthly_streaks(day, first, last, span) -> np.ndarray:
    """:func:`_streak_dimension` of each month, from the runs of days and weeks up to its end."""
    unique = np.unique(day)
    # Length of the run of consecutive days (weeks) ending at each workout day (its week).
    run_day = _run_lengths(unique)
    week_keys = np.unique(_week(unique))
    run_week = _run_lengths(week_keys)
    j = np.searchsorted(unique, last, side="right") - 1  # last workout day up to the month end
    has = j >= 0
    jj = np.maximum(j, 0)
    current_daily = np.where(has & (unique[jj] >= last - 1), run_day[jj], 0)
    k = np.searchsorted(week_keys, _week(unique[jj]))
    alive = has & (_week(unique[jj]) >= _week(last) - 1)
    current_weekly = np.where(alive, run_week[k], 0)
    # Longest run of days inside each month (a run is cut at the month's first day).
    month = np.searchsorted(first, unique, side="right") - 1
    inside = np.minimum(run_day, unique - first[month] + 1)
    longest = np.zeros(first.size, dtype=np.int64)
    np.maximum.at(longest, month, inside)
    weeks = np.ceil(span / 7)
    daily = np.maximum(current_daily, longest)
    weekly_part = np.minimum(current_weekly, weeks) / weeks
    daily_part = np.minimum(daily, DAILY_STREAK_FULL) / DAILY_STREAK_FULL
    return 100.0 * (WEEKLY_SHARE * weekly_part + (1 - WEEKLY_SHARE) * daily_part)


def _run_lengths(keys: np.ndarray) -> np.ndarray:
    """For sorted unique ``keys``, how many consecutive keys end at each one."""
    starts = np.r_[True, np.diff(keys) != 1]
    index = np.arange(keys.size)
    return index - np.maximum.accumulate(np.where(starts, index, 0)) + 1
