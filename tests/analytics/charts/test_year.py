"""The year-in-review chart: a valid 1200x700 PNG that passes the automatic checks, whose alt
text carries every month's value (recomputed here from the frame) and the key numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.charts import year_chart
from analytics.charts.style import PALETTE
from analytics.year_review import year_review
from bot.bench.synthetic import synthetic_workouts
from tests.analytics.charts.checks import capturing, chart_problems
from tests.analytics.charts.conftest import assert_valid_chart, near

EVENTS = pd.DataFrame({"name": ["Choco arrives"], "event_date": [date(2018, 6, 1)]})
MI = 1609.344


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    frame = synthetic_workouts(3000, seed=3)
    frame["label"] = frame["truth"]
    return frame


@pytest.mark.parametrize(("unit", "per"), [("mi", MI), ("km", 1000.0)])
def test_alt_carries_each_month_and_the_key_numbers(history, unit, per):
    review = year_review(history, year=2018, events=EVENTS)
    with capturing() as shots:
        image = year_chart(review, unit=unit)
    rgb = assert_valid_chart(image)
    assert chart_problems(shots[0], subject=["2018"]) == []
    assert image.filename == "year-2018-distance.png"
    year = history[(history["workout_date"].dt.year == 2018) & (history["label"] != "outlier")]
    monthly = year.groupby(year["workout_date"].dt.month)["distance_m"].sum() / per
    for month, value in monthly.items():
        name = date(2018, month, 1).strftime("%b")
        assert f"{name} {value:,.0f}" in image.alt
    assert f"{len(history[history['workout_date'].dt.year == 2018]):,} workouts" in image.alt
    assert f"{year['distance_m'].sum() / per:,.0f} {unit}" in image.alt
    assert f"consistency: {review.consistency:.0f}/100" in image.alt
    assert f"records set: {len(review.records)}" in image.alt
    assert "Choco arrives" in image.alt
    assert near(rgb, PALETTE["run"]) > 1000 and near(rgb, PALETTE["walk"]) > 1000


def test_counts_a_running_year_and_an_empty_one(history):
    review = year_review(history, year=2025, today=date(2025, 4, 15))
    with capturing() as shots:
        image = year_chart(review, measure="count")
    assert_valid_chart(image)
    assert chart_problems(shots[0], subject=["2025"]) == []
    assert "workouts per month" in image.alt and "May" not in image.alt.split(".")[0]
    empty = year_chart(year_review(history, year=2040))
    assert_valid_chart(empty)
    assert "no workouts" in empty.alt
    with pytest.raises(ValueError, match="unit"):
        year_chart(review, unit="furlong")
