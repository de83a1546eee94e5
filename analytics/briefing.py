"""The morning briefing's content: what happened yesterday and what the numbers suggest today.

Everything is computed from one labelled workouts frame for one day; the recommendations are
derived from the figures in the briefing (each carries the numbers it rests on), never canned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.anomalies import Anomaly, find_anomalies
from analytics.consistency import ConsistencyScore, Streaks, consistency_score, streaks
from analytics.frame import (
    DISPLAY_NAMES,
    OUTLIER,
    RUN,
    by_day,
    count,
    display_name,
    distance_in,
    format_pace,
)
from analytics.frame import require as require_columns
from analytics.recommendations import Recommendation, recommend
from analytics.records import Record, records_broken
from analytics.trends import TrendResult, trend

TYPICAL_WEEKS = 12  # weeks of history that define "a typical week so far"
TREND_DAYS = 180


@dataclass(frozen=True)
class BriefWorkout:
    """One of yesterday's workouts, as the briefing lists it."""

    workout_id: int
    label: str
    activity_type: str
    distance_m: float
    duration_s: float
    pace_s_per_km: float
    confidence: float


@dataclass(frozen=True)
class WeekSoFar:
    """Workouts from Monday to yesterday, against the median of recent weeks at the same point."""

    count: int
    typical: float
    by_label: MappingProxyType
    weeks_compared: int
    distance_m: float = 0.0  # the same workouts' distance, and its median at the same point
    typical_distance_m: float = float("nan")


@dataclass(frozen=True)
class Briefing:
    """The briefing for the morning of ``day``; ``status`` is new_owner, quiet_day or active.
    ``names`` are the class names its texts use, for renderers to name classes the same way."""

    day: date
    status: str
    headline: str
    yesterday: tuple[BriefWorkout, ...]
    week: WeekSoFar
    streaks: Streaks | None
    consistency: ConsistencyScore | None
    anomalies: tuple[Anomaly, ...]
    trend: TrendResult | None
    records: tuple[Record, ...]
    recommendations: tuple[Recommendation, ...]
    names: Mapping[str, str] = field(default_factory=lambda: DISPLAY_NAMES)


def daily_briefing(
    frame: pd.DataFrame,
    *,
    day: date,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> Briefing:
    """Build the briefing for the morning of ``day`` (yesterday = the day before).

    Workouts after yesterday are ignored, so a briefing for a past day reads as it would have.
    A brand-new owner gets a welcome, not an empty report. ``names`` are the owner's class
    names for every text (default: the default display names).
    """
    names = names or DISPLAY_NAMES
    require_columns(frame, ["id", "workout_date", "label", "distance_m", "avg_pace_s_per_km"])
    yesterday = day - timedelta(days=1)
    history = frame[by_day(frame) <= pd.Timestamp(yesterday)]
    if history.empty:
        return _welcome(day, names)
    rows = history[by_day(history) == pd.Timestamp(yesterday)]
    listed = tuple(_brief(r) for r in rows.itertuples(index=False))
    week = week_so_far(history, yesterday=yesterday)
    current = streaks(history, end=yesterday)
    score = consistency_score(history, end=yesterday, names=names)
    unusual = find_anomalies(
        history, start=yesterday - timedelta(days=6), end=yesterday, unit=unit, names=names
    )
    pace = trend(
        history,
        metric="pace",
        label=RUN,
        start=yesterday - timedelta(TREND_DAYS),
        end=yesterday,
        unit=unit,
        names=names,
    )
    broken = records_broken(history, start=yesterday, end=yesterday, names=names)
    advice = recommend(
        history,
        yesterday=yesterday,
        week=week,
        streaks=current,
        consistency=score,
        anomalies=unusual.items,
        trend=pace,
        unit=unit,
        names=names,
    )
    status = "active" if listed else "quiet_day"
    return Briefing(
        day=day,
        status=status,
        headline=_headline(listed, week, current, unit, names),
        yesterday=listed,
        week=week,
        streaks=current,
        consistency=score,
        anomalies=unusual.items[:5],
        trend=pace,
        records=broken,
        recommendations=advice,
        names=names,
    )


def week_so_far(frame: pd.DataFrame, *, yesterday: date) -> WeekSoFar:
    """This ISO week's workouts (and their distance) up to ``yesterday`` against the same
    stretch of recent weeks (the median of each)."""
    days = by_day(frame)
    kept = (frame["label"] != OUTLIER).to_numpy()
    monday = yesterday - timedelta(days=yesterday.weekday())
    this_week = kept & (days >= pd.Timestamp(monday)).to_numpy()
    by_label = frame.loc[this_week, "label"].value_counts().to_dict()
    metres = pd.to_numeric(frame["distance_m"], errors="coerce").fillna(0.0).to_numpy()
    counts, distances = [], []
    for back in range(1, TYPICAL_WEEKS + 1):
        start = monday - timedelta(weeks=back)
        stop = start + timedelta(days=yesterday.weekday())
        inside = (days >= pd.Timestamp(start)) & (days <= pd.Timestamp(stop))
        if days.min() <= pd.Timestamp(start):
            counted = inside.to_numpy() & kept
            counts.append(int(counted.sum()))
            distances.append(float(metres[counted].sum()))
    typical = float(np.median(counts)) if counts else float("nan")
    typical_m = float(np.median(distances)) if distances else float("nan")
    return WeekSoFar(
        int(this_week.sum()),
        typical,
        MappingProxyType(by_label),
        len(counts),
        float(metres[this_week].sum()),
        typical_m,
    )


def _brief(row) -> BriefWorkout:
    return BriefWorkout(
        workout_id=int(row.id),
        label=str(row.label),
        activity_type=str(getattr(row, "activity_type", "")),
        distance_m=float(row.distance_m),
        duration_s=float(getattr(row, "duration_s", np.nan)),
        pace_s_per_km=float(row.avg_pace_s_per_km),
        confidence=float(getattr(row, "confidence", np.nan)),
    )


def _headline(listed, week: WeekSoFar, current: Streaks, unit: str, names) -> str:
    if listed:
        parts = [_describe(w, unit, names) for w in listed]
        first = f"Yesterday: {'; '.join(parts)}."
    else:
        first = "Yesterday was a rest day."
    typical = "" if np.isnan(week.typical) else f" (typically {week.typical:g} by now)"
    streak = current.current_daily.length
    through_yesterday = current.current_daily.end == current.as_of
    tail = f" Daily streak: {count(streak, 'day')}." if streak >= 2 and through_yesterday else ""
    return f"{first} This week: {count(week.count, 'workout')}{typical}.{tail}"


def _describe(workout: BriefWorkout, unit: str, names: Mapping[str, str]) -> str:
    name = display_name(workout.label, names)
    if np.isnan(workout.distance_m):
        return name
    text = f"{name} {distance_in(workout.distance_m, unit):.1f} {unit}"
    if not np.isnan(workout.pace_s_per_km):
        text += f" at {format_pace(workout.pace_s_per_km, unit)}"
    return text


def _welcome(day: date, names: Mapping[str, str]) -> Briefing:
    empty = WeekSoFar(0, float("nan"), MappingProxyType({}), 0)
    first = Recommendation(
        "Send your workout history (a MapMyRun CSV export) to get your first real briefing.",
        "no_data",
        MappingProxyType({"workouts": 0}),
    )
    return Briefing(
        day,
        "new_owner",
        "No workouts yet: nothing to brief.",
        (),
        empty,
        None,
        None,
        (),
        None,
        (),
        (first,),
        names,
    )
