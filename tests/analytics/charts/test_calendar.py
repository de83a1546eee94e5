"""The calendar heatmap: the year it is asked for, in any integer type, and a year without
workouts."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.charts import calendar_heatmap


def test_numpy_year_is_accepted(demo_frame):
    assert calendar_heatmap(demo_frame, year=np.int64(2024)).filename == "calendar-2024.png"


def test_empty_year_says_no_workouts(demo_frame):
    image = calendar_heatmap(demo_frame, year=2030)
    assert "no workouts" in image.alt
    assert "2030" in image.alt


@pytest.mark.parametrize("year", [0, 10_000, 2024.0, True, "2024"])
def test_bad_year_is_refused(demo_frame, year):
    with pytest.raises(ValueError, match="year"):
        calendar_heatmap(demo_frame, year=year)
