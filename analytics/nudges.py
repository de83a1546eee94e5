"""Evening nudges: at most one short message a day, chosen from what the numbers say tonight.

Three kinds, by priority (a record is news, a streak about to end is urgent, a long gap is a
gentle reminder):

- ``record``: yesterday's workouts broke a personal record (:func:`records_broken`);
- ``streak``: a daily streak of ``min_streak`` days or more reaching yesterday, and no workout
  yet today: it ends tonight unless the owner gets out;
- ``gap``: the last workout was exactly ``gap_days`` days ago. Only on that day, so one gap
  gets one nudge (day 11, 12... say nothing): the rule needs no memory of what was sent, and a
  gap that began before the owner opted in is not nagged about.

A workout day is any day with a workout, outliers included, as the briefing's streaks count
them (a workout with broken data was still a workout). Workouts after ``today`` are ignored.
Wording is the caller's; records carry their titles in the owner's class names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analytics.consistency import streaks
from analytics.frame import by_day, require
from analytics.records import RECORD_COLUMNS, Record, records_broken

RECORD, STREAK, GAP = "record", "streak", "gap"
PRIORITY = (RECORD, STREAK, GAP)
MIN_STREAK = 3
GAP_DAYS = 10


@dataclass(frozen=True)
class Nudge:
    """The nudge for the evening of ``day``: its ``kind`` and the numbers behind it.

    ``records`` are those broken yesterday (kind ``record``); ``streak_days`` the daily streak
    through yesterday; ``last_workout`` and ``days_since`` the latest workout day and how long
    ago it was. ``due`` lists every kind that was due, best first (``kind`` is its first).
    """

    kind: str
    day: date
    due: tuple[str, ...]
    records: tuple[Record, ...] = ()
    streak_days: int = 0
    last_workout: date | None = None
    days_since: int | None = None


def due_nudge(
    frame: pd.DataFrame,
    *,
    today: date,
    min_streak: int = MIN_STREAK,
    gap_days: int = GAP_DAYS,
    names: Mapping[str, str] | None = None,
) -> Nudge | None:
    """The most important nudge due on the evening of ``today``, or None when none is.

    ``frame`` holds the owner's classified workouts (``workout_date`` and ``label``, plus the
    record columns); ``names`` are the owner's class names for record titles.
    """
    if min_streak < 2 or gap_days < 1:
        raise ValueError("min_streak must be >= 2 and gap_days >= 1")
    require(frame, RECORD_COLUMNS)
    days = by_day(frame)
    history = frame[(days <= pd.Timestamp(today)).to_numpy()]
    dated = by_day(history).dropna()
    if dated.empty:
        return None
    last = dated.max().date()
    yesterday = today - timedelta(days=1)
    worked_today = last == today
    broken: tuple[Record, ...] = ()
    streak_days = 0
    if last >= yesterday:
        before_today = history[(by_day(history) <= pd.Timestamp(yesterday)).to_numpy()]
        broken = records_broken(before_today, start=yesterday, end=yesterday, names=names)
        current = streaks(before_today, end=yesterday).current_daily
        if current.end == yesterday:  # alive at yesterday: it ends tonight without a workout
            streak_days = current.length
    days_since = (today - last).days
    due = []
    if broken:
        due.append(RECORD)
    if streak_days >= min_streak and not worked_today:
        due.append(STREAK)
    if days_since == gap_days:
        due.append(GAP)
    if not due:
        return None
    return Nudge(
        kind=due[0],
        day=today,
        due=tuple(due),
        records=broken,
        streak_days=streak_days,
        last_workout=last,
        days_since=days_since,
    )
