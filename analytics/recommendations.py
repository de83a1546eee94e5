"""One to three suggestions for today, each derived from the briefing's own numbers.

Every candidate carries the figures it rests on and a priority; the strongest three are kept.
Nothing is said that the numbers do not support: no streak advice without a streak, no pace
advice without a significant trend.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.frame import RUN, by_day, count, display_name

MAX_ADVICE = 3
WEAK_DIMENSION = 60.0  # a consistency dimension below this is worth a word
RUN_GAP_DAYS = 180  # history that defines the usual gap between runs


@dataclass(frozen=True)
class Recommendation:
    """A suggestion, what kind it is, and the numbers behind it."""

    text: str
    kind: str
    numbers: MappingProxyType


def recommend(
    history,
    *,
    yesterday: date,
    week,
    streaks,
    consistency,
    anomalies,
    trend,
    unit: str,
    names: Mapping[str, str] | None = None,
) -> tuple[Recommendation, ...]:
    """The most pressing suggestions (at most three, at least one) for the day after
    ``yesterday``; ``names`` are the owner's class names (default: the default names)."""
    candidates = [
        _behind_this_week(week, yesterday),
        _weekly_streak_at_risk(week, streaks),
        _daily_streak(streaks),
        _run_gap(history, yesterday, names),
        _weakest_dimension(consistency),
        _strange_workout(anomalies),
        _pace_trend(trend),
    ]
    found = sorted((c for c in candidates if c), key=lambda c: -c[0])
    chosen = tuple(c[1] for c in found[:MAX_ADVICE])
    return chosen or (_steady(consistency),)


def _advice(priority: float, text: str, kind: str, **numbers) -> tuple[float, Recommendation]:
    return priority, Recommendation(text, kind, MappingProxyType(numbers))


def _behind_this_week(week, yesterday: date):
    if np.isnan(week.typical) or week.count >= week.typical - 0.5:
        return None
    gap = week.typical - week.count
    text = (
        f"{count(week.count, 'workout')} so far this week; by "
        f"{yesterday:%A} you usually have {week.typical:g}. One today narrows the gap."
    )
    return _advice(3 + gap, text, "behind_week", count=week.count, typical=week.typical)


def _weekly_streak_at_risk(week, streaks):
    weeks = streaks.current_weekly.length
    if week.count or weeks < 3:
        return None
    text = f"Your {weeks}-week streak needs one workout by Sunday to stay alive."
    return _advice(4 + weeks / 10, text, "weekly_streak", weeks=weeks)


def _daily_streak(streaks):
    days, best = streaks.current_daily.length, streaks.longest_daily.length
    if days < 2 or streaks.current_daily.end != streaks.as_of:
        return None
    text = f"{days} days in a row through yesterday: a workout today makes it {days + 1}"
    if days + 1 > best:
        text += f", a new record (best so far {best})"
    elif best - days <= 2:
        text += f", close to your record of {best}"
    return _advice(
        2 + (1 if best - days <= 2 else 0), text + ".", "daily_streak", days=days, record=best
    )


def _run_gap(history: pd.DataFrame, yesterday: date, names: Mapping[str, str] | None):
    days = by_day(history[history["label"] == RUN]).drop_duplicates().sort_values()
    recent = days[days >= pd.Timestamp(yesterday) - pd.Timedelta(days=RUN_GAP_DAYS)]
    if len(recent) < 4:
        return None
    usual = float(np.median(np.diff(recent.to_numpy()) / np.timedelta64(1, "D")))
    since = (pd.Timestamp(yesterday) - days.iloc[-1]).days + 1
    if since < 7 or since < 2 * usual:
        return None
    every = "day" if round(usual) <= 1 else f"{usual:.0f} days"
    run = display_name(RUN, names)
    text = f"{since} days since your last {run}; you usually run every {every}."
    return _advice(
        2.5 + since / (7 * max(usual, 1)), text, "run_gap", days_since=since, usual_gap_days=usual
    )


def _weakest_dimension(consistency):
    if consistency is None or not consistency.workouts or consistency.weakest is None:
        return None
    weakest = consistency.dimension(consistency.weakest)
    if weakest.score is None or weakest.score >= WEAK_DIMENSION:
        return None
    text = (
        f"Consistency {consistency.score:.0f}/100; weakest is {weakest.name} "
        f"({weakest.score:.0f}): {weakest.note}."
    )
    return _advice(
        (WEAK_DIMENSION - weakest.score) / 20,
        text,
        "weak_dimension",
        score=consistency.score,
        dimension=weakest.name,
        dimension_score=weakest.score,
    )


def _strange_workout(anomalies):
    if not anomalies:
        return None
    worst = anomalies[0]
    text = (
        f"Check workout {worst.workout_id} on {worst.workout_date}: {worst.reason}. If it was a "
        f"glitch, label it: label {worst.workout_id} outlier."
    )
    return _advice(
        1 + min(worst.severity, 3),
        text,
        "anomaly",
        workout_id=worst.workout_id,
        severity=worst.severity,
    )


def _pace_trend(trend):
    if trend is None or not trend.enough_data or trend.direction == "flat":
        return None
    return _advice(
        1.5,
        trend.headline + ".",
        "trend",
        slope_per_month=trend.slope_per_month,
        p_value=trend.p_value,
    )


def _steady(consistency) -> Recommendation:
    score = 0.0 if consistency is None else consistency.score
    workouts = 0 if consistency is None else consistency.workouts
    text = (
        f"Steady: {count(workouts, 'workout')} in the last 30 days, consistency {score:.0f}/100. "
        "Keep the rhythm."
    )
    return Recommendation(text, "steady", MappingProxyType({"score": score, "workouts": workouts}))
