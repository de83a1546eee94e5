"""The year in review on a seeded synthetic history: every number recomputed here with plain
pandas and loops from the frame, and a hand-made year for streaks, records and events."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from analytics.records import records_broken
from analytics.year_review import year_review
from bot.bench.synthetic import synthetic_workouts

EVENTS = pd.DataFrame(
    {
        "name": ["Choco arrives", "new job", "moved"],
        "event_date": [date(2018, 6, 1), date(2019, 3, 4), date(2018, 1, 1)],
        "kind": ["dog", None, "move"],
    }
)


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    frame = synthetic_workouts(5000, seed=7)
    frame["label"] = frame["truth"]
    return frame


def test_totals_months_and_best_month_match_pandas(history):
    review = year_review(history, year=2018, events=EVENTS)
    year = history[history["workout_date"].dt.year == 2018]
    counted = year[year["label"] != "outlier"]
    assert review.workouts == len(year)
    assert review.outliers == int((year["label"] == "outlier").sum())
    assert review.distance_m == pytest.approx(counted["distance_m"].sum())
    assert review.duration_s == pytest.approx(counted["duration_s"].sum())
    assert review.active_days == counted["workout_date"].nunique()
    expected = year.groupby("label").agg(n=("id", "size"), d=("distance_m", "sum"))
    assert {c.label for c in review.classes} == set(expected.index)
    for label, row in expected.iterrows():
        found = review.totals(label)
        assert (found.count, found.distance_m) == (row["n"], pytest.approx(row["d"]))
    assert review.totals("walk").name == "dog walk"
    monthly = counted.groupby(counted["workout_date"].dt.month)["distance_m"].sum()
    assert len(review.months) == 12
    for month in review.months:
        assert month.totals.distance_m == pytest.approx(monthly.get(month.month, 0.0))
    assert review.best_month.month == int(monthly.idxmax())
    assert [e.name for e in review.events] == ["moved", "Choco arrives"]
    assert review.events[1].kind == "dog" and review.complete


def test_records_and_consistency_are_the_shared_ones(history):
    review = year_review(history, year=2019)
    assert review.records == records_broken(history, start=date(2019, 1, 1), end=date(2019, 12, 31))
    assert 0 <= review.consistency <= 100 and "2019-01-01" in review.consistency_note


def test_streaks_inside_the_year_leave_outliers_out(history):
    review = year_review(history, year=2020)
    counted = history[(history["label"] != "outlier") & (history["workout_date"].dt.year == 2020)]
    days = sorted({d.date() for d in counted["workout_date"]})
    best, length = 0, 0
    for i, day in enumerate(days):
        length = length + 1 if i and day - days[i - 1] == timedelta(days=1) else 1
        best = max(best, length)
    assert review.longest_daily_streak.length == best


def _frame(rows) -> pd.DataFrame:
    """Rows of (day, label, miles)."""
    return pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "workout_date": pd.to_datetime([r[0] for r in rows]),
            "label": [r[1] for r in rows],
            "distance_m": [r[2] * 1609.344 for r in rows],
            "duration_s": [r[2] * 600.0 for r in rows],
            "avg_pace_s_per_km": 600.0 / 1.609344,
        }
    )


def test_hand_made_year():
    rows = [
        ("2023-12-29", "run", 3.0),
        ("2023-12-30", "run", 3.0),
        ("2023-12-31", "run", 3.0),
        ("2024-01-01", "run", 3.0),  # a streak from December counts from January 1: 2 days
        ("2024-01-02", "run", 3.5),  # a longer run than any before 2024: a record
        ("2024-03-10", "walk", 2.0),
        ("2024-03-11", "outlier", 50.0),  # no streak day, no distance
        ("2024-03-12", "walk", 2.0),
        ("2024-03-13", "walk", 2.0),
        ("2024-03-14", "walk", 2.0),  # Mar 12-14: 3 days
        ("2024-07-01", "run", 1.0),
        ("2025-01-05", "run", 9.0),  # after the year
    ]
    review = year_review(_frame(rows), year=2024, names={"walk": "walk"})
    assert review.workouts == 8 and review.outliers == 1
    assert review.distance_m == pytest.approx((3 + 3.5 + 8 + 1) * 1609.344)
    assert review.longest_daily_streak.length == 3
    assert review.longest_daily_streak.start == date(2024, 3, 12)
    assert [m.month for m in review.months if m.totals.count] == [1, 3, 7]
    assert review.best_month.month == 3  # 8 mi against January's 6.5
    assert review.months[2].by_label["outlier"].count == 1
    # the records' streak runs across January 1 (Dec 29 - Jan 2: 5 days beat 3), as
    # records_broken counts it; the year's own longest streak is counted inside the year
    names = ["longest_run", "longest_run_time", "longest_daily_streak"]
    assert [r.name for r in review.records] == names
    assert review.records[2].value == 5
    assert review.records[0].previous.value == pytest.approx(3 * 1609.344)
    assert review.totals("walk").name == "walk"
    assert review.events == ()


def test_a_year_still_running_ends_today():
    rows = [("2024-01-03", "run", 3.0), ("2024-05-01", "run", 4.0), ("2024-05-02", "run", 5.0)]
    review = year_review(_frame(rows), year=2024, today=date(2024, 5, 1))
    assert (review.end, review.complete, review.workouts) == (date(2024, 5, 1), False, 2)
    assert len(review.months) == 5
    empty = year_review(_frame(rows), year=2030)
    assert empty.workouts == 0 and empty.best_month is None and empty.consistency == 0
    with pytest.raises(ValueError, match="not begun"):
        year_review(_frame(rows), year=2024, today=date(2023, 12, 31))
