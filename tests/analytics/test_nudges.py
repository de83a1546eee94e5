"""Evening nudges on seeded synthetic histories whose truth is known by construction."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.frame import class_names
from analytics.nudges import GAP, RECORD, STREAK, due_nudge

MI = 1609.344
TODAY = date(2025, 6, 20)  # a Friday


def frame_of(rows: list[tuple]) -> pd.DataFrame:
    """``(day, label, miles, minutes per mile)`` rows as the analytics read them, ids 1, 2..."""
    frame = pd.DataFrame(rows, columns=["workout_date", "label", "miles", "pace"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    frame["distance_m"] = frame["miles"].astype(float) * MI
    frame["duration_s"] = frame["miles"] * frame["pace"] * 60.0
    frame["avg_pace_s_per_km"] = frame["duration_s"] / (frame["distance_m"] / 1000.0)
    return frame.drop(columns=["miles", "pace"])


def history(seed: int, *, end: date, days: int = 240) -> list[tuple]:
    """A random past up to ``end``: about half the days have a run or a walk, with a 7-day
    streak of long, fast runs first, so nothing later can be a record by accident."""
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=days)
    rows = [(start + timedelta(days=i), "run", 12.0, 7.0) for i in range(7)]  # Mon..Sun or not
    for i in range(9, days + 1):  # a rest day after the streak: it stays 7 long
        day = start + timedelta(days=i)
        if rng.random() < 0.5 and i % 6:  # every sixth day off: no streak reaches 7 again
            label = rng.choice(["run", "walk"])
            rows.append((day, str(label), float(rng.uniform(1, 5)), float(rng.uniform(9, 20))))
    return rows


def ordinary(day: date, label: str = "run") -> tuple:
    """A workout that beats nothing in :func:`history`."""
    return (day, label, 2.0, 12.0 if label == "run" else 20.0)


def days_before(n: int) -> date:
    return TODAY - timedelta(days=n)


def with_tail(seed: int, tail: list[tuple], *, quiet_from: int) -> pd.DataFrame:
    """:func:`history` ending ``quiet_from`` days before today (then nothing), plus ``tail``."""
    return frame_of(history(seed, end=days_before(quiet_from)) + tail)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("length", [3, 5])
def test_a_streak_through_yesterday_ends_tonight(seed, length):
    tail = [ordinary(days_before(n)) for n in range(1, length + 1)]
    nudge = due_nudge(with_tail(seed, tail, quiet_from=length + 2), today=TODAY)
    assert (nudge.kind, nudge.due, nudge.streak_days) == (STREAK, (STREAK,), length)
    assert nudge.last_workout == days_before(1) and nudge.days_since == 1


@pytest.mark.parametrize("seed", [1, 2])
def test_no_streak_nudge_when_short_broken_or_already_kept(seed):
    two = [ordinary(days_before(1)), ordinary(days_before(2))]
    assert due_nudge(with_tail(seed, two, quiet_from=4), today=TODAY) is None
    ended = [ordinary(days_before(n)) for n in range(2, 6)]  # up to the day before yesterday
    assert due_nudge(with_tail(seed, ended, quiet_from=7), today=TODAY) is None
    kept = [ordinary(days_before(n)) for n in range(0, 5)]  # a workout today already
    assert due_nudge(with_tail(seed, kept, quiet_from=6), today=TODAY) is None


@pytest.mark.parametrize("seed", [4, 5])
def test_a_record_yesterday_wins_over_a_streak(seed):
    tail = [ordinary(days_before(n)) for n in range(2, 6)] + [(days_before(1), "run", 13.1, 9.0)]
    nudge = due_nudge(with_tail(seed, tail, quiet_from=7), today=TODAY)
    assert (nudge.kind, nudge.due, nudge.streak_days) == (RECORD, (RECORD, STREAK), 5)
    assert [r.name for r in nudge.records] == ["longest_run", "longest_run_time"]
    assert nudge.records[0].value == pytest.approx(13.1 * MI)
    assert nudge.records[0].previous.value == pytest.approx(12.0 * MI)


def test_a_record_title_uses_the_owners_class_names():
    tail = [(days_before(1), "walk", 20.0, 20.0)]
    frame = with_tail(6, tail, quiet_from=3)
    dog = due_nudge(frame, today=TODAY, names=class_names(has_dog=True))
    plain = due_nudge(frame, today=TODAY, names=class_names(has_dog=False))
    assert {r.title for r in dog.records} >= {"longest dog walk"}
    assert {r.title for r in plain.records} >= {"longest walk"}
    assert dog.kind == RECORD and dog.streak_days == 1


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_a_gap_is_nudged_once_on_its_tenth_day(seed):
    frame = frame_of([*history(seed, end=date(2025, 5, 1)), ordinary(date(2025, 5, 1))])
    said = {}
    for offset in range(2, 40):  # day 1 may carry a record or streak; from day 2 only the gap
        nudge = due_nudge(frame, today=date(2025, 5, 1) + timedelta(days=offset))
        if nudge is not None:
            said[offset] = (nudge.kind, nudge.days_since, nudge.last_workout)
    assert said == {10: (GAP, 10, date(2025, 5, 1))}


def test_gap_days_and_min_streak_are_parameters():
    frame = with_tail(1, [ordinary(days_before(n)) for n in (1, 2)], quiet_from=4)
    assert due_nudge(frame, today=TODAY, min_streak=2).kind == STREAK
    gap = with_tail(1, [ordinary(days_before(5))], quiet_from=6)
    assert due_nudge(gap, today=TODAY, gap_days=5).kind == GAP
    with pytest.raises(ValueError, match="min_streak"):
        due_nudge(gap, today=TODAY, min_streak=1)


def test_later_workouts_are_ignored_and_row_order_does_not_matter():
    tail = [ordinary(days_before(n)) for n in range(1, 5)] + [ordinary(TODAY + timedelta(days=3))]
    frame = with_tail(2, tail, quiet_from=6)
    for seed in (0, 1, 2):
        nudge = due_nudge(frame.sample(frac=1.0, random_state=seed), today=TODAY)
        assert (nudge.kind, nudge.streak_days) == (STREAK, 4)


def test_nothing_to_say_without_workouts():
    assert due_nudge(frame_of([]), today=TODAY) is None
    assert due_nudge(frame_of([ordinary(TODAY + timedelta(days=1))]), today=TODAY) is None
