"""Progress toward a goal ("1,000 km of runs this year", "12 walks a month", "5 hours a week").

A goal has a ``kind`` (``distance`` in metres, ``count`` of workouts, ``duration`` in seconds),
a ``target`` in those SI units, a ``period`` (``week``: ISO Monday to Sunday, ``month``,
``year``) and the classes it counts (none: every class). What counts follows
:mod:`analytics.summary`: a count takes every matching workout, outliers included; distance and
duration leave outliers out. Workouts after ``today`` are not counted.

At ``today`` (counted as a day gone):

- **done**: the amount so far in the current period; **expected**: the target times the share
  of the period's days gone (an even pace).
- **projection** to the period's end: done plus the days left at a rate blending this period's
  rate so far and the owner's typical rate, weighted by the share of the period gone (early in
  a period, a few days say little; late in it, they say most). The typical rate is the mean
  daily amount over the ``baseline_days`` before the period (from the first workout ever on,
  when that is later).
- **range**: done plus the days left at the 10th and 90th percentiles of the owner's rate over
  every stretch of that many days in the baseline (widened to include the rate so far), so the
  range is how much the owner's own stretches of that length vary. Without a baseline (a new
  owner), half to one and a half times the rate so far.
- **status**: ``reached`` once done meets the target, ``on track`` when the projection does,
  else ``behind``; ``needed_per_day`` (and per week) is what the days after today must average
  to make it (today's own when today is the last day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.frame import OUTLIER, by_day, require

KINDS = {"distance": "distance_m", "count": None, "duration": "duration_s"}
PERIODS = ("week", "month", "year")
UNITS = {"distance": "m", "count": "workouts", "duration": "s"}
BASELINE_DAYS = 730
LOW_Q, HIGH_Q = 10, 90
NO_BASELINE = (0.5, 1.5)  # the range as shares of the rate so far, without a baseline


@dataclass(frozen=True)
class GoalProgress:
    """Where a goal stands at ``today``; amounts in ``unit`` (m, workouts or s)."""

    kind: str
    unit: str
    target: float
    period: str
    labels: tuple[str, ...]
    today: date
    period_start: date
    period_end: date
    days_total: int
    days_gone: int  # period_start..today
    days_left: int  # after today
    done: float
    expected: float  # by today, at an even pace
    rate_so_far: float  # per day
    typical_rate: float | None  # per day over the baseline; None without one
    baseline_days: int  # days the typical rate and range rest on
    projected: float
    projected_low: float
    projected_high: float
    status: str  # "reached", "on track" or "behind"
    needed_per_day: float  # what the days after today must average (0 once reached)
    needed_per_week: float
    note: str

    @property
    def ahead(self) -> float:
        """Done minus expected: positive ahead of an even pace, negative behind it."""
        return self.done - self.expected


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """The first and last day of the ``period`` holding ``today``."""
    if period == "week":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if period == "month":
        start = today.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    if period == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def goal_progress(
    frame: pd.DataFrame,
    *,
    kind: str,
    target: float,
    period: str,
    today: date,
    labels: tuple[str, ...] = (),
    baseline_days: int = BASELINE_DAYS,
) -> GoalProgress:
    """Progress toward ``target`` (SI units) of ``kind`` this ``period`` at ``today``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not target > 0:
        raise ValueError(f"target must be positive, not {target!r}")
    if baseline_days < 0:
        raise ValueError("baseline_days must be >= 0")
    start, end = period_bounds(period, today)
    require(frame, ("workout_date", "label") + ((KINDS[kind],) if KINDS[kind] else ()))
    first = start - timedelta(days=baseline_days)
    daily, first_day = _daily(frame, kind, tuple(labels), first, today)
    total = (end - start).days + 1
    gone = (today - start).days + 1
    left = total - gone
    done = float(daily[-gone:].sum())
    expected = target * gone / total
    rate = done / gone
    base_start = max(first, first_day) if first_day is not None else start
    baseline = daily[(base_start - first).days : (start - first).days]
    typical, low_rate, high_rate = _baseline_rates(baseline, left, rate)
    weight = gone / total
    central = rate if typical is None else weight * rate + (1 - weight) * typical
    projected = done + left * central
    low = done + left * min(low_rate, central)
    high = done + left * max(high_rate, central)
    short = max(target - done, 0.0)
    status = "reached" if short == 0 else "on track" if projected >= target else "behind"
    per_day = short / left if left else short
    note = _note(kind, status, done, target, expected, projected, low, high, per_day)
    return GoalProgress(
        kind,
        UNITS[kind],
        float(target),
        period,
        tuple(labels),
        today,
        start,
        end,
        total,
        gone,
        left,
        done,
        expected,
        rate,
        typical,
        int(baseline.size),
        projected,
        low,
        high,
        status,
        per_day,
        per_day * 7,
        note,
    )


def _daily(
    frame: pd.DataFrame, kind: str, labels: tuple[str, ...], first: date, today: date
) -> tuple[np.ndarray, date | None]:
    """The amount per day from ``first`` to ``today`` (zeros on empty days), and the first
    workout day ever of the goal's classes (None without one)."""
    day = by_day(frame)
    keep = day.notna()
    if labels:
        keep &= frame["label"].isin(labels)
    if kind != "count":
        keep &= frame["label"] != OUTLIER
    keep &= day <= pd.Timestamp(today)
    first_day = day[keep].min()
    first_day = None if pd.isna(first_day) else first_day.date()
    keep &= day >= pd.Timestamp(first)
    if kind == "count":
        amount = np.ones(int(keep.sum()))
    else:
        amount = pd.to_numeric(frame[KINDS[kind]][keep], errors="coerce").fillna(0.0).to_numpy()
    offset = (day[keep].to_numpy() - np.datetime64(first, "D")).astype("timedelta64[D]")
    days = (today - first).days + 1
    return np.bincount(offset.astype(np.int64), weights=amount, minlength=days), first_day


def _baseline_rates(baseline: np.ndarray, left: int, rate: float):
    """The typical daily rate and the 10th and 90th percentile daily rates over stretches of
    ``left`` days of ``baseline`` (the rate so far, halved and half again, without one)."""
    if baseline.size == 0:
        return None, rate * NO_BASELINE[0], rate * NO_BASELINE[1]
    typical = float(baseline.mean())
    span = min(max(left, 1), baseline.size)
    sums = np.concatenate([[0.0], np.cumsum(baseline)])
    stretches = (sums[span:] - sums[:-span]) / span
    low, high = np.percentile(stretches, [LOW_Q, HIGH_Q])
    return typical, float(min(low, rate)), float(max(high, rate))


def _note(kind, status, done, target, expected, projected, low, high, per_day) -> str:
    def amount(value: float) -> str:
        if kind == "distance":
            return f"{value / 1000:,.1f} km"
        if kind == "duration":
            return f"{value / 3600:,.1f} h"
        return f"{value:,.1f} workouts"

    text = f"{amount(done)} of {amount(target)} done, {amount(expected)} expected by now"
    if status == "reached":
        return f"{text}: reached."
    text += f"; projected {amount(projected)} ({amount(low)} to {amount(high)})"
    if status == "on track":
        return f"{text}: on track."
    return f"{text}: behind, needs {amount(per_day)} a day."
