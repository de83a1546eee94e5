"""The vectorised monthly consistency equals the per-month computation it replaced."""

import numpy as np
import pandas as pd
import pytest

from analytics.consistency import consistency_score, monthly_scores
from analytics.frame import by_day
from bot.bench.synthetic import synthetic_workouts

YEAR = pd.Timedelta(days=366)


def per_month_scores(frame: pd.DataFrame) -> pd.Series:
    """The old way (analytics.life_events before the vectorised pass): one consistency_score a
    month on the month's days, a year of baseline and the first workout."""
    rows = frame[frame["workout_date"].notna()]
    rows = rows.assign(_day=by_day(rows)).sort_values("_day", kind="stable")
    first, last = rows["_day"].iloc[0], rows["_day"].iloc[-1]
    months = pd.period_range(first, last, freq="M")
    scores = []
    for m in months:
        lo, hi = rows["_day"].searchsorted([m.start_time - YEAR, (m + 1).start_time])
        part = pd.concat([rows.iloc[:1], rows.iloc[max(lo, 1) : hi]])
        scores.append(
            consistency_score(part, end=m.end_time.date(), window_days=m.days_in_month).score
        )
    return pd.Series(scores, index=months)


def assert_same(frame: pd.DataFrame) -> None:
    new, old = monthly_scores(frame), per_month_scores(frame)
    assert list(new.index) == list(old.index)
    np.testing.assert_allclose(new.to_numpy(), old.to_numpy(), rtol=1e-9, atol=1e-9)


def test_equals_the_per_month_scores_on_the_demo(demo_frame):
    assert_same(demo_frame)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_equals_the_per_month_scores_on_synthetic_frames(seed):
    rng = np.random.default_rng(seed)
    frame = synthetic_workouts(int(rng.integers(200, 3000)), seed=seed)
    frame["label"] = frame.pop("truth")
    # Gaps of months, start hours on some workouts, glitched values, unknown labels.
    gap = (frame["workout_date"] > "2014-03-01") & (frame["workout_date"] < "2014-09-15")
    frame = frame[~gap | (rng.random(len(frame)) < 0.02)].reset_index(drop=True)
    hours = rng.integers(5, 22, len(frame))
    timed = rng.random(len(frame)) < 0.6
    frame["started_at"] = (frame["workout_date"] + pd.to_timedelta(hours, "h")).where(timed)
    frame.loc[rng.random(len(frame)) < 0.05, "avg_pace_s_per_km"] = np.nan
    frame.loc[rng.random(len(frame)) < 0.03, "distance_m"] = 0.0
    frame.loc[rng.random(len(frame)) < 0.01, "label"] = None
    assert_same(frame.sample(frac=1, random_state=seed))  # row order must not matter


def test_a_few_workouts_and_daily_streaks():
    days = pd.to_datetime(["2020-01-30", "2020-01-31", "2020-02-01", "2020-02-02", "2020-04-10"])
    frame = pd.DataFrame(
        {
            "workout_date": days,
            "label": ["run", "walk", "run", "run", "outlier"],
            "avg_pace_s_per_km": [300.0, 800.0, 310.0, 305.0, 50.0],
            "distance_m": [5000.0, 3000.0, 5100.0, 4900.0, 1.0],
        }
    )
    assert_same(frame)
    assert monthly_scores(frame.iloc[:0]).empty
