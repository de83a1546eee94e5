"""The calendar heatmap: the year it is asked for, in any integer type, a year without
workouts, and a year in progress (days after today blank and never a gap, its month partial)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.charts import calendar_heatmap
from tests.analytics.charts.captured import Drawn, recording


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


# --- A year in progress: the days after today are blank, never a gap; the month is partial ---

TODAY = date(2025, 10, 7)


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    return recording(monkeypatch)


def _frame(days) -> pd.DataFrame:
    """One run on each of ``days``."""
    return pd.DataFrame({"workout_date": pd.to_datetime(list(days)), "label": "run"})


def _every_third_day_with_a_14_day_gap() -> pd.DataFrame:
    """Runs every 3rd day from Jan 1 to Oct 3, but none from June 2 to June 15 (14 days)."""
    days = pd.date_range("2025-01-01", "2025-10-03", freq="3D")
    gap = (days >= "2025-06-02") & (days <= "2025-06-15")
    days = days[~gap].append(pd.DatetimeIndex(["2025-06-01", "2025-06-16"])).sort_values()
    return _frame(days.unique())


def _known_cells(fig) -> int:
    """How many calendar cells are drawn (not masked blank)."""
    mesh = fig.axes[0].collections[0]
    return int((~np.ma.getmaskarray(mesh.get_array())).sum())


def test_days_after_today_are_blank_and_never_a_gap(drawn):
    frame = _every_third_day_with_a_14_day_gap()
    image = calendar_heatmap(frame, year=2025, today=TODAY)
    assert "Longest gap without a workout: 14 days." in image.alt
    assert "up to 2025-10-07 (later days are blank)" in image.alt
    # Only Jan 1 to Oct 7 are drawn: the 85 days after today are as blank as outside the year.
    assert _known_cells(drawn.last) == TODAY.timetuple().tm_yday == 280
    assert any("today (7 Oct)" in t for t in drawn.texts())


def test_the_month_in_progress_is_marked(drawn):
    image = calendar_heatmap(_every_third_day_with_a_14_day_gap(), year=2025, today=TODAY)
    assert "October is in progress: 7 of its 31 days so far." in image.alt
    texts = drawn.texts()
    assert "so far: 7 of 31 days" in texts
    assert "month in progress, at its pace so far" in texts
    assert any(t.startswith("2025: ") and "so far (to 7 October)" in t for t in texts)


def test_a_past_year_is_whole_and_its_end_can_be_a_gap(drawn):
    frame = _frame(["2024-01-01", "2024-12-01"])
    image = calendar_heatmap(frame, year=2024, today=TODAY)
    assert "Longest gap without a workout: 334 days." in image.alt
    assert "in progress" not in image.alt and "later days" not in image.alt
    assert _known_cells(drawn.last) == 366
    assert not any("so far" in t for t in drawn.texts())


def test_the_gap_up_to_today_counts(drawn):
    image = calendar_heatmap(_frame(["2025-01-01"]), year=2025, today=date(2025, 2, 10))
    assert "Longest gap without a workout: 40 days." in image.alt  # Jan 2 to Feb 10


def test_a_year_not_begun_is_blank(drawn):
    image = calendar_heatmap(_frame(["2025-01-01"]), year=2026, today=TODAY)
    assert "has not begun" in image.alt
    assert _known_cells(drawn.last) == 0


def test_without_today_the_whole_year_is_known(demo_frame, drawn):
    image = calendar_heatmap(demo_frame, year=2024)
    assert _known_cells(drawn.last) == 366
    assert "in progress" not in image.alt
