"""Trends on seeded synthetic series with a planted slope, and on the demo story."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from analytics.errors import MissingColumns, UnknownMetric
from analytics.trends import DAYS_PER_MONTH, trend

PACE, DIST, DUR = "avg_pace_s_per_km", "distance_m", "duration_s"
START = date(2020, 1, 1)


def series(n=120, *, slope=0.0, noise=10.0, seed=1, label="run", column=PACE, base=360.0):
    """Workouts 1-5 days apart; ``column`` = base + slope per month + normal noise."""
    rng = np.random.default_rng(seed)
    days = np.cumsum(rng.integers(1, 6, n))
    values = base + slope * days / DAYS_PER_MONTH + rng.normal(0, noise, n)
    frame = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "label": label,
            PACE: 360.0,
            DIST: 8000.0,
            DUR: 2880.0,
            "workout_date": pd.to_datetime([START + timedelta(days=int(d)) for d in days]),
        }
    )
    frame[column] = values
    return frame


def truth_at(frame, day: date, slope, base=360.0):
    """The planted line's value on ``day``."""
    return base + slope * (pd.Timestamp(day) - pd.Timestamp(START)).days / DAYS_PER_MONTH


@pytest.mark.parametrize(
    ("metric", "column", "slope", "base", "noise", "direction"),
    [
        ("pace", PACE, -5.0, 360.0, 10.0, "improving"),  # faster is better
        ("pace", PACE, 5.0, 360.0, 10.0, "worsening"),
        ("distance", DIST, 150.0, 8000.0, 400.0, "improving"),
        ("duration", DUR, -40.0, 2880.0, 90.0, "worsening"),
    ],
)
def test_a_planted_slope_is_recovered(metric, column, slope, base, noise, direction):
    frame = series(slope=slope, base=base, noise=noise, column=column)
    result = trend(frame, metric=metric, label="run")
    assert result.enough_data and result.n == 120
    assert result.ci_low <= slope <= result.ci_high
    assert result.theil_sen_low <= slope <= result.theil_sen_high
    width = (result.theil_sen_high - result.theil_sen_low) / (result.ci_high - result.ci_low)
    assert 0.7 < width < 1.5, "both are 95% intervals; normal noise makes them alike"
    assert result.slope_per_month == pytest.approx(slope, rel=0.2)
    assert result.p_value < 0.001 and result.mk_p < 0.001
    assert np.sign(result.mk_tau) == np.sign(slope)
    assert result.direction == direction


def test_the_headline_says_it_in_words():
    result = trend(series(slope=-5.0), metric="pace", label="run")
    # 5 s/km per month is 8 s/mi per month: seconds, the one pace-change format everywhere
    said = re.match(
        r"Your run pace is improving by (\d+\.\d) s/mi per month \(95% CI", result.headline
    )
    assert said and float(said[1]) == pytest.approx(5 * 1.609344, abs=0.5)
    assert result.headline.endswith("p<0.001)")
    km = trend(series(slope=-5.0), metric="pace", label="run", unit="km")
    said = re.match(r"Your run pace is improving by (\d+\.\d) s/km per month", km.headline)
    assert said and float(said[1]) == pytest.approx(5.0, abs=0.3)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_flat_series_is_flat(seed):
    result = trend(series(seed=seed), metric="pace", label="run")
    assert result.direction == "flat"
    assert result.ci_low <= 0 <= result.ci_high
    assert "shows no clear trend" in result.headline


def test_a_few_glitches_at_the_end_do_not_make_a_trend():
    frame = series(60, noise=5.0)
    frame.loc[frame.index[-2:], PACE] = 1500.0
    result = trend(frame, metric="pace", label="run")
    assert result.p_value < 0.05, "least squares alone would call it"
    assert result.mk_p >= 0.05
    assert result.direction == "flat"


def test_the_forecast_band_holds_the_line_and_widens():
    frame = series(slope=-5.0)
    result = trend(frame, metric="pace", label="run", forecast_weeks=12)
    assert len(result.forecast) == 12
    assert [p.date for p in result.forecast] == [
        result.last + timedelta(weeks=k) for k in range(1, 13)
    ]
    for point in result.forecast:
        assert point.low <= truth_at(frame, point.date, -5.0) <= point.high
        assert point.low < point.value < point.high
    widths = [p.high - p.low for p in result.forecast]
    assert all(b > a for a, b in pairwise(widths))


def test_the_band_is_for_a_new_workout_not_for_the_mean():
    result = trend(series(noise=10.0), metric="pace", label="run")
    half = (result.forecast[0].high - result.forecast[0].low) / 2
    assert half > 1.9 * 9.0, "about 1.96 noise sds, not sd / sqrt(n)"


def test_counts_and_distances_never_forecast_below_zero():
    frame = series(60, slope=-3000.0, base=20000.0, noise=100.0, column=DIST)
    result = trend(frame, metric="distance", label="run", forecast_weeks=30)
    assert all(p.low >= 0 and p.value >= 0 for p in result.forecast)
    assert result.forecast[-1].value == 0.0


def dated(*days: str, label="run") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(1, len(days) + 1),
            "workout_date": pd.to_datetime(list(days)),
            "label": label,
            PACE: 360.0,
        }
    )


def test_workouts_per_week_fills_empty_weeks_with_zero():
    frame = dated("2024-01-01", "2024-01-03", "2024-01-09", "2024-01-31", "2024-02-05")
    result = trend(frame, metric="workouts_per_week", min_points=3)
    assert result.points == (
        (date(2024, 1, 1), 2.0),
        (date(2024, 1, 8), 1.0),
        (date(2024, 1, 15), 0.0),
        (date(2024, 1, 22), 0.0),
        (date(2024, 1, 29), 1.0),
        (date(2024, 2, 5), 1.0),
    )


@pytest.mark.parametrize(
    ("start", "end", "first", "last"),
    [
        (date(2024, 1, 3), date(2024, 2, 11), date(2024, 1, 8), date(2024, 2, 5)),  # Wed..Sun
        (date(2024, 1, 1), date(2024, 2, 7), date(2024, 1, 1), date(2024, 1, 29)),  # Mon..Wed
    ],
)
def test_a_bounded_range_counts_whole_weeks_only(start, end, first, last):
    frame = dated(*[str(date(2024, 1, 1) + timedelta(days=d)) for d in range(0, 45, 2)])
    result = trend(frame, metric="workouts_per_week", start=start, end=end, min_points=3)
    assert (result.points[0][0], result.points[-1][0]) == (first, last)
    assert all(value >= 3 for _, value in result.points), "no cut weeks"


def test_no_label_means_foot_workouts_or_everything_for_counts():
    frame = pd.concat(
        [
            series(20, seed=1),
            series(20, seed=2, label="walk", base=800.0),
            series(20, seed=3, label="outlier", base=50.0),
            series(20, seed=4, label="cycle"),
        ],
        ignore_index=True,
    )
    assert trend(frame, metric="pace").n == 40
    weekly = trend(frame, metric="workouts_per_week")
    assert sum(value for _, value in weekly.points) == 80


@pytest.mark.parametrize("rows", [0, 1, 3])
def test_too_few_points_say_so(rows):
    frame = series(10).head(rows)
    result = trend(frame, metric="pace", label="run", start=START, end=date(2020, 12, 31))
    assert not result.enough_data and result.forecast == ()
    assert result.note == f"need at least 8 runs between 2020-01-01 and 2020-12-31, found {rows}"
    assert result.headline == f"Not enough data: {result.note}."


def test_one_day_is_not_a_trend():
    frame = series(10).assign(workout_date=pd.Timestamp("2020-03-01"))
    result = trend(frame, metric="pace", label="run")
    assert not result.enough_data and "2 different days" in result.note


def test_missing_values_are_ignored():
    frame = series(80, slope=-5.0)
    gaps = series(30, seed=9).assign(**{PACE: np.nan})
    with_gaps = trend(pd.concat([frame, gaps]), metric="pace", label="run")
    assert with_gaps.n == 80
    assert with_gaps == trend(frame, metric="pace", label="run")


@pytest.mark.parametrize("metric", ["pace", "workouts_per_week"])
def test_row_order_does_not_matter(metric):
    frame = series(slope=-5.0)
    shuffled = frame.sample(frac=1, random_state=3).reset_index(drop=True)
    assert trend(shuffled, metric=metric) == trend(frame, metric=metric)


def test_the_date_range_filters_points():
    frame = series(slope=-5.0)
    result = trend(frame, metric="pace", start=date(2020, 3, 1), end=date(2020, 6, 30))
    inside = frame["workout_date"].between("2020-03-01", "2020-06-30")
    assert result.n == int(inside.sum())
    assert result.first >= date(2020, 3, 1) and result.last <= date(2020, 6, 30)


def test_many_points_thin_the_theil_sen_slope_only():
    result = trend(series(5000, slope=-5.0, noise=20.0), metric="pace", label="run")
    assert result.n == 5000 and "Theil-Sen" in result.note
    assert result.theil_sen_low <= -5.0 <= result.theil_sen_high


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"metric": "speed"}, UnknownMetric),
        ({"metric": "pace", "label": "dogwalk"}, UnknownMetric),
        ({"metric": "pace", "unit": "furlong"}, ValueError),
    ],
)
def test_wrong_arguments_raise(change, error):
    with pytest.raises(error):
        trend(series(), **change)


def test_missing_columns_raise():
    with pytest.raises(MissingColumns, match="avg_pace_s_per_km"):
        trend(series().drop(columns=PACE), metric="pace")


def test_demo_run_pace_since_2020_is_flat(demo_frame):
    """The demo draws every run's pace from the same 8-11 min/mi range."""
    result = trend(demo_frame, metric="pace", label="run", start=date(2020, 1, 1))
    assert result.enough_data and result.n > 200
    assert result.direction == "flat"
    assert 8 * 60 < result.forecast[0].value * 1.609344 < 11 * 60


def test_demo_puppy_raises_the_weekly_count(demo_frame):
    result = trend(demo_frame, metric="workouts_per_week")
    assert result.direction == "improving" and result.slope_per_month > 0
    walks = trend(demo_frame, metric="workouts_per_week", label="walk", start=date(2018, 6, 4))
    assert walks.direction == "flat", "about 11 walks a month ever since"
