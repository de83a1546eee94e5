"""Goal progress on hand-made histories whose rates are known, so done, expected, projection,
range and the rate needed are computed here by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.goals import goal_progress, period_bounds
from analytics.summary import summarize
from bot.bench.synthetic import synthetic_workouts


def daily(first: date, last: date, label: str, metres: float, seconds: float = 1800.0):
    days = pd.date_range(first, last, freq="D")
    return pd.DataFrame(
        {
            "workout_date": days,
            "label": label,
            "distance_m": metres,
            "duration_s": seconds,
        }
    )


def history(*parts) -> pd.DataFrame:
    frame = pd.concat(parts, ignore_index=True)
    return frame.assign(id=range(1, len(frame) + 1))


def test_year_distance_on_track_with_known_rates():
    frame = history(
        daily(date(2022, 1, 1), date(2023, 12, 31), "run", 5000.0),  # baseline: 5 km a day
        daily(date(2024, 1, 1), date(2024, 3, 31), "run", 10000.0),  # this year: 10 km a day
        daily(date(2024, 1, 1), date(2024, 3, 31), "walk", 2000.0),  # not a run
        daily(date(2024, 4, 1), date(2024, 4, 30), "run", 50000.0),  # after today
    )
    today = date(2024, 3, 31)
    g = goal_progress(
        frame, kind="distance", target=2_500_000, period="year", today=today, labels=("run",)
    )
    gone, left, total = 91, 275, 366  # 2024 is a leap year
    assert (g.period_start, g.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (g.days_gone, g.days_left, g.days_total) == (gone, left, total)
    assert g.done == pytest.approx(910_000)
    assert g.expected == pytest.approx(2_500_000 * gone / total)
    assert g.rate_so_far == pytest.approx(10_000)
    assert g.typical_rate == pytest.approx(5_000)
    central = gone / total * 10_000 + (1 - gone / total) * 5_000
    assert g.projected == pytest.approx(910_000 + left * central)
    # every stretch of the baseline is 5 km a day; the range reaches up to the rate so far
    assert g.projected_low == pytest.approx(910_000 + left * 5_000)
    assert g.projected_high == pytest.approx(910_000 + left * 10_000)
    assert g.projected >= 2_500_000 and g.status == "on track"
    assert g.needed_per_day == pytest.approx((2_500_000 - 910_000) / left)
    assert g.needed_per_week == pytest.approx(7 * g.needed_per_day)
    assert g.ahead == pytest.approx(910_000 - g.expected)
    summary = summarize(
        frame, measure="distance", start=date(2024, 1, 1), end=today, labels=("run",)
    )
    assert g.done == pytest.approx(summary.value)


def test_week_count_behind_and_what_is_needed():
    frame = history(
        daily(date(2024, 1, 1), date(2024, 5, 31), "run", 5000.0),  # one a day before
        daily(date(2024, 6, 3), date(2024, 6, 4), "run", 5000.0),  # Mon, Tue of this week
    )
    today = date(2024, 6, 5)  # a Wednesday, nothing yet today
    g = goal_progress(frame, kind="count", target=6, period="week", today=today)
    assert (g.period_start, g.period_end) == (date(2024, 6, 3), date(2024, 6, 9))
    assert (g.done, g.days_gone, g.days_left) == (2, 3, 4)
    assert g.expected == pytest.approx(6 * 3 / 7)
    # typical: the baseline from the first workout (Jan 1) to the period's start (Jun 2)
    baseline = (date(2024, 6, 3) - date(2024, 1, 1)).days
    typical = 152 / baseline  # Jan 1 - May 31 is 152 days, one workout each
    assert g.typical_rate == pytest.approx(typical)
    assert g.baseline_days == baseline
    central = 3 / 7 * (2 / 3) + 4 / 7 * typical
    assert g.projected == pytest.approx(2 + 4 * central)
    assert g.status == "behind"
    assert g.needed_per_day == pytest.approx(1.0)  # 4 more in the 4 days after today
    assert "behind" in g.note


def test_reached_outliers_and_last_day():
    frame = history(
        daily(date(2024, 2, 1), date(2024, 2, 29), "run", 4000.0),
        daily(date(2024, 2, 10), date(2024, 2, 10), "outlier", 900_000.0),
    )
    today = date(2024, 2, 29)
    g = goal_progress(frame, kind="distance", target=100_000, period="month", today=today)
    assert g.done == pytest.approx(29 * 4000)  # the outlier's distance is left out
    assert (g.days_left, g.status, g.needed_per_day) == (0, "reached", 0.0)
    assert g.projected == g.projected_low == g.projected_high == g.done
    counted = goal_progress(frame, kind="count", target=40, period="month", today=today)
    assert counted.done == 30  # a count takes the outlier, as summaries count
    assert counted.status == "behind" and counted.needed_per_day == 10  # all of it today


def test_new_owner_has_a_range_from_the_rate_so_far():
    frame = history(daily(date(2024, 6, 1), date(2024, 6, 10), "run", 3000.0, 1200.0))
    g = goal_progress(
        frame, kind="duration", target=36_000, period="month", today=date(2024, 6, 10)
    )
    assert g.typical_rate is None and g.baseline_days == 0
    assert g.rate_so_far == pytest.approx(1200.0)
    assert g.projected == pytest.approx(12_000 + 20 * 1200)
    assert g.projected_low == pytest.approx(12_000 + 20 * 600)
    assert g.projected_high == pytest.approx(12_000 + 20 * 1800)
    assert g.status == "on track"


def test_period_bounds_and_bad_input():
    assert period_bounds("month", date(2023, 2, 14)) == (date(2023, 2, 1), date(2023, 2, 28))
    assert period_bounds("week", date(2024, 12, 31)) == (date(2024, 12, 30), date(2025, 1, 5))
    frame = history(daily(date(2024, 1, 1), date(2024, 1, 2), "run", 1.0))
    for bad in ({"kind": "pace"}, {"period": "day"}, {"target": 0}):
        args = {"kind": "count", "target": 1, "period": "week", "today": date(2024, 1, 2)}
        with pytest.raises(ValueError, match="must be"):
            goal_progress(frame, **(args | bad))


def test_range_contains_projection_on_a_real_history():
    frame = synthetic_workouts(5000)
    frame["label"] = frame["truth"]
    for today in (date(2020, 1, 1), date(2022, 7, 15), date(2025, 12, 30)):
        for period in ("week", "month", "year"):
            g = goal_progress(frame, kind="count", target=50, period=period, today=today)
            assert g.projected_low <= g.projected <= g.projected_high
            start, _ = period_bounds(period, today)
            day = frame["workout_date"]
            assert g.done == ((day >= pd.Timestamp(start)) & (day <= pd.Timestamp(today))).sum()
            assert g.days_gone == (today - start).days + 1 and g.days_left >= 0
