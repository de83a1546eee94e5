from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.consistency import WEIGHTS, consistency_score, streaks
from analytics.errors import MissingColumns

END = date(2024, 3, 31)  # a Sunday


def frame_of(days, *, label="run", pace=360.0, distance=8000.0, started=None):
    """A workouts frame with one row per day in ``days`` (scalars or per-row sequences)."""
    days = list(days)
    frame = pd.DataFrame(
        {
            "workout_date": pd.to_datetime(days),
            "label": label,
            "avg_pace_s_per_km": pace,
            "distance_m": distance,
        },
        index=range(len(days)),
    )
    if started is not None:
        frame["started_at"] = pd.to_datetime(started)
    return frame


def every(weekdays, *, start, end):
    """All days from ``start`` to ``end`` whose weekday (Monday = 0) is in ``weekdays``."""
    span = (end - start).days + 1
    return [
        start + timedelta(d) for d in range(span) if (start + timedelta(d)).weekday() in weekdays
    ]


def timing(result):
    return result.dimension("timing")


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_mon_wed_fri_is_more_regular_than_random_days(seed):
    start = END - timedelta(29)
    regular = every({0, 2, 4}, start=start, end=END)
    rng = np.random.default_rng(seed)
    offsets = rng.choice(30, size=len(regular), replace=False)
    scattered = [start + timedelta(int(d)) for d in offsets]
    fixed = consistency_score(frame_of(regular), end=END)
    loose = consistency_score(frame_of(scattered), end=END)
    assert timing(fixed).inputs["weekday_recurrence"] == 1.0, "every Mon/Wed/Fri was used"
    assert timing(fixed).score > timing(loose).score + 20


def test_even_gaps_beat_bunched_days_on_the_same_weekdays():
    start = END - timedelta(27)
    spread = consistency_score(
        frame_of(every({0, 3}, start=start, end=END)), end=END, window_days=28
    )
    bunched = consistency_score(
        frame_of(every({0, 1}, start=start, end=END)), end=END, window_days=28
    )
    assert (
        timing(spread).inputs["weekday_recurrence"] == timing(bunched).inputs["weekday_recurrence"]
    )
    assert timing(spread).inputs["gap_cv"] < 0.2 < 0.6 < timing(bunched).inputs["gap_cv"]
    assert timing(spread).score > timing(bunched).score


@pytest.mark.parametrize(("days_before_end", "current"), [(0, 10), (1, 10), (2, 0)])
def test_ten_day_streak_is_current_until_a_whole_day_is_missed(days_before_end, current):
    last = END - timedelta(days_before_end)
    result = streaks(frame_of(last - timedelta(d) for d in range(10)), end=END)
    assert result.current_daily.length == current
    assert result.longest_daily.length == 10
    assert (result.longest_daily.start, result.longest_daily.end) == (last - timedelta(9), last)
    if current:
        assert result.current_daily.start == last - timedelta(9)


def test_weekly_streak_survives_rest_days():
    # One workout a week on a different weekday each time: never two days in a row.
    monday = END - timedelta(6)
    days = [monday - timedelta(7 * week) + timedelta(week % 7) for week in range(8)]
    result = streaks(frame_of(days), end=END)
    assert result.current_weekly.length == 8
    assert result.current_daily.length <= 1
    assert result.current_weekly.start == min(days)


def test_iso_weeks_not_seven_day_gaps_decide_the_weekly_streak():
    # Monday of one week and Sunday of the next: 13 days apart, yet consecutive ISO weeks.
    result = streaks(frame_of([date(2024, 3, 18), date(2024, 3, 31)]), end=END)
    assert result.current_weekly.length == 2
    assert result.current_daily.length == 1


def test_a_week_without_workouts_breaks_the_weekly_streak():
    monday = END - timedelta(6)
    weeks = [0, 1, 2, 4, 5, 6, 7, 8]  # week 3 before END's week is empty
    days = [monday - timedelta(7 * w) + timedelta(2) for w in weeks]
    days = [d for d in days if d <= END]
    result = streaks(frame_of(days), end=END)
    assert result.current_weekly.length == 3
    assert result.longest_weekly.length == 5
    assert result.longest_weekly.end == monday - timedelta(7 * 4) + timedelta(2)


def test_longest_daily_streak_spans_the_whole_history():
    old = [date(2020, 5, 1) + timedelta(d) for d in range(15)]
    recent = [END - timedelta(d) for d in range(3)]
    result = streaks(frame_of(old + recent), end=END)
    assert result.current_daily.length == 3
    assert result.longest_daily.length == 15
    assert result.longest_daily.start == date(2020, 5, 1)


def test_workouts_after_end_are_ignored():
    days = [END - timedelta(d) for d in range(0, 40, 2)]
    future = [END + timedelta(d) for d in range(1, 6)]
    assert streaks(frame_of(days + future), end=END) == streaks(frame_of(days), end=END)
    assert consistency_score(frame_of(days + future), end=END) == consistency_score(
        frame_of(days), end=END
    )


def four_a_week_then(window_weekdays):
    """A year of Mon/Tue/Thu/Sat, then a 28-day window on ``window_weekdays``."""
    window_start = END - timedelta(27)
    baseline = every(
        {0, 1, 3, 5}, start=window_start - timedelta(364), end=window_start - timedelta(1)
    )
    return frame_of(baseline + every(window_weekdays, start=window_start, end=END))


def test_half_the_usual_frequency_scores_about_half():
    half = consistency_score(four_a_week_then({1, 3}), end=END, window_days=28)
    usual = consistency_score(four_a_week_then({0, 1, 3, 5}), end=END, window_days=28)
    frequency = half.dimension("frequency")
    assert frequency.inputs["norm_per_week"] == 4
    assert frequency.inputs["per_week"] == 2
    assert frequency.score == pytest.approx(50)
    assert usual.dimension("frequency").score == pytest.approx(100)
    assert half.score < usual.score


def test_without_history_the_norm_is_a_default_and_says_so():
    result = consistency_score(frame_of(every({0, 3}, start=END - timedelta(29), end=END)), end=END)
    assert result.dimension("frequency").inputs["norm_source"].startswith("default")


def test_the_weakest_dimension_is_the_one_that_lags():
    # Daily workouts for a year, then weekly ones: steady rhythm, far below the norm.
    window_start = END - timedelta(27)
    daily = [window_start - timedelta(d) for d in range(1, 366)]
    weekly = every({6}, start=window_start, end=END)
    result = consistency_score(frame_of(daily + weekly), end=END, window_days=28)
    assert result.weakest == "frequency"
    assert result.dimension("frequency").score < 20
    assert timing(result).score > 80


@pytest.mark.parametrize("history", ["old_only", "empty"])
def test_an_empty_window_scores_zero_with_a_note(history):
    days = [date(2020, 1, 1) + timedelta(d) for d in range(20)] if history == "old_only" else []
    result = consistency_score(frame_of(days), end=END)
    assert result.score == 0
    assert result.workouts == 0
    assert not result.enough_data
    assert "No workouts" in result.note


def test_one_workout_scores_frequency_and_streaks_but_not_performance():
    result = consistency_score(frame_of([END]), end=END)
    performance = result.dimension("performance")
    assert result.workouts == 1
    assert not result.enough_data
    assert performance.score is None
    assert "not measurable" in performance.note
    assert result.dimension("frequency").score > 0
    assert result.dimension("streaks").inputs["current_daily"] == 1
    kept = [result.dimension(n) for n in ("frequency", "streaks")]
    expected = sum(d.score * WEIGHTS[d.name] for d in kept) / sum(WEIGHTS[d.name] for d in kept)
    assert result.score == pytest.approx(expected)
    assert "performance" in result.note


def test_steady_efforts_score_higher_than_erratic_ones():
    days = every({0, 2, 4}, start=END - timedelta(29), end=END)
    rng = np.random.default_rng(7)
    steady = frame_of(
        days, pace=rng.normal(360, 5, len(days)), distance=rng.normal(8000, 200, len(days))
    )
    erratic = frame_of(
        days, pace=rng.uniform(250, 500, len(days)), distance=rng.uniform(2000, 15000, len(days))
    )
    calm = consistency_score(steady, end=END).dimension("performance")
    wild = consistency_score(erratic, end=END).dimension("performance")
    assert calm.score > wild.score + 30
    (stats,) = calm.inputs["labels"]
    assert stats.label == "run"
    assert stats.workouts == len(days)
    assert stats.pace_cv == pytest.approx(5 / 360, abs=0.01)


def test_outliers_and_small_classes_do_not_count_for_performance():
    days = every({0, 2, 4}, start=END - timedelta(29), end=END)
    base = frame_of(days, pace=np.linspace(350, 370, len(days)))
    noise = frame_of(days[:4], label="outlier", pace=[20.0, 2000.0, 5.0, 900.0])
    pair = frame_of(days[:2], label="walk", pace=[700.0, 1000.0])
    clean = consistency_score(base, end=END).dimension("performance")
    noisy = consistency_score(pd.concat([base, noise, pair]), end=END).dimension("performance")
    assert noisy.score == clean.score
    assert [s.label for s in noisy.inputs["labels"]] == ["run"]


def test_missing_paces_fall_back_to_distance():
    days = every({0, 2, 4}, start=END - timedelta(29), end=END)
    result = consistency_score(frame_of(days, pace=np.nan), end=END).dimension("performance")
    (stats,) = result.inputs["labels"]
    assert stats.pace_cv is None
    assert stats.distance_cv == 0
    assert result.score == 100


def test_regular_start_hours_beat_scattered_ones_and_unknown_hours_are_reported():
    days = every({0, 2, 4}, start=END - timedelta(29), end=END)
    rng = np.random.default_rng(3)
    at_seven = [
        datetime(d.year, d.month, d.day, 7, int(m))
        for d, m in zip(days, rng.integers(0, 20, len(days)))
    ]
    anytime = [
        datetime(d.year, d.month, d.day, int(h))
        for d, h in zip(days, rng.integers(0, 24, len(days)))
    ]
    regular = timing(consistency_score(frame_of(days, started=at_seven), end=END))
    scattered = timing(consistency_score(frame_of(days, started=anytime), end=END))
    unknown = timing(consistency_score(frame_of(days, started=[None] * len(days)), end=END))
    assert regular.inputs["hours_known"] and scattered.inputs["hours_known"]
    assert regular.inputs["hour_std_h"] < 0.5
    assert regular.score > scattered.score
    assert not unknown.inputs["hours_known"]
    assert "unknown" in unknown.note


def test_overall_score_is_the_documented_weighted_mean():
    days = every({0, 2, 4}, start=END - timedelta(400), end=END)
    result = consistency_score(frame_of(days, pace=np.linspace(340, 380, len(days))), end=END)
    assert all(d.score is not None for d in result.dimensions)
    assert sum(WEIGHTS.values()) == pytest.approx(1)
    assert result.score == pytest.approx(sum(d.score * WEIGHTS[d.name] for d in result.dimensions))
    assert result.weakest == min(result.dimensions, key=lambda d: d.score).name
    assert 0 <= result.score <= 100


@pytest.mark.parametrize("seed", [0, 1])
def test_row_order_does_not_change_the_result(demo_frame, seed):
    shuffled = demo_frame.sample(frac=1, random_state=seed)
    assert consistency_score(shuffled, end=date(2025, 12, 31)) == consistency_score(
        demo_frame, end=date(2025, 12, 31)
    )
    assert streaks(shuffled, end=date(2020, 1, 1)) == streaks(demo_frame, end=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("end", "low", "high"), [(date(2015, 12, 31), 0.5, 1.5), (date(2025, 12, 31), 3, 5)]
)
def test_demo_norm_follows_the_story(demo_frame, end, low, high):
    # About 4 runs a month before Choco, about 16 workouts a month after.
    result = consistency_score(demo_frame, end=end)
    assert low <= result.dimension("frequency").inputs["norm_per_week"] <= high
    assert result.enough_data
    assert 0 < result.score < 100


def test_missing_columns_raise():
    with pytest.raises(MissingColumns):
        consistency_score(frame_of([END]).drop(columns="label"), end=END)
    with pytest.raises(MissingColumns):
        streaks(pd.DataFrame({"day": [END]}), end=END)
