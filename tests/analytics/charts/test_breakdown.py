"""The breakdown bar chart: one bar per group, tallest for the biggest value (fastest for pace),
the best bar marked, values in the alt text, refusal of what cannot be drawn."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from analytics.charts.breakdown import MAX_BARS, Bar, breakdown_chart
from analytics.charts.style import HIGHLIGHT, PALETTE
from tests.analytics.charts.captured import Drawn, recording
from tests.analytics.charts.conftest import assert_valid_chart, near

MONTHS = [Bar(f"2024-{m:02d}", float(m * 10), f"{m * 10}") for m in range(1, 13)]


def _bar_columns(rgb: np.ndarray, colour: str) -> np.ndarray:
    """Per image column, how many pixels have the bar colour."""
    hex_rgb = tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return (np.abs(rgb.astype(int) - np.array(hex_rgb)) <= 12).all(axis=2).sum(axis=0)


def test_one_bar_per_group_growing_with_the_value():
    chart = breakdown_chart(MONTHS, title="Distance in 2024 by month", axis="distance (km)")
    rgb = assert_valid_chart(chart)
    columns = _bar_columns(rgb, PALETTE["run"])
    runs = np.flatnonzero(np.diff(np.concatenate([[0], (columns > 0).astype(int), [0]])))
    heights = [columns[a:b].max() for a, b in zip(runs[::2], runs[1::2])]
    assert len(heights) == 12
    assert heights == sorted(heights) and heights[-1] > 5 * heights[0]
    assert "2024-01: 10, 2024-02: 20" in chart.alt and "2024-12: 120." in chart.alt
    assert chart.filename.startswith("distance-in-2024-by-month")


def test_the_best_bar_is_marked():
    chart = breakdown_chart(MONTHS, title="Best month", axis="workouts", highlight="2024-07")
    rgb = assert_valid_chart(chart)
    assert near(rgb, HIGHLIGHT) > 1000
    unmarked = breakdown_chart(MONTHS, title="Best month", axis="workouts")
    assert near(assert_valid_chart(unmarked), HIGHLIGHT) < 50


def test_pace_bars_are_taller_when_faster():
    paces = [Bar("2019", 10.0, "10:00"), Bar("2020", 5.0, "5:00")]
    chart = breakdown_chart(paces, title="Pace by year", axis="pace", pace_unit="km")
    columns = _bar_columns(assert_valid_chart(chart), PALETTE["run"])
    middle = len(columns) // 2
    assert columns[middle:].max() > 1.8 * columns[:middle].max()


def test_a_missing_value_draws_no_bar_but_keeps_its_place():
    bars = [Bar("2019", 3.0, "3"), Bar("2020", None, "-"), Bar("2021", 3.0, "3")]
    chart = breakdown_chart(bars, title="With a gap", axis="workouts")
    columns = _bar_columns(assert_valid_chart(chart), PALETTE["run"])
    filled = np.flatnonzero(columns > 0)
    assert len(np.flatnonzero(np.diff(filled) > 1)) == 1  # two bars, one gap between


@pytest.mark.parametrize("count", [0, MAX_BARS + 1])
def test_too_few_or_too_many_bars_are_refused(count):
    bars = [Bar(str(i), 1.0, "1") for i in range(count)]
    with pytest.raises(ValueError, match="breakdown chart draws"):
        breakdown_chart(bars, title="t", axis="workouts")


def test_an_unknown_pace_unit_is_refused():
    with pytest.raises(ValueError, match="unit must be one of"):
        breakdown_chart(MONTHS, title="t", axis="pace", pace_unit="furlongs")


# --- One tall bar does not flatten the rest; bar labels never overlap ---


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    return recording(monkeypatch)


def test_one_absurd_bar_does_not_stretch_the_axis(drawn):
    values = [20, 22, 25, 300, 21, 19, 18, 24, 23, 22, 20, 5]
    bars = [Bar(f"2024-{m:02d}", float(v), f"{v:.1f}") for m, v in zip(range(1, 13), values)]
    image = breakdown_chart(bars, title="Runs in 2024", axis="distance (mi)", highlight="2024-04")
    ax = drawn.last.axes[0]
    assert 25 < ax.get_ylim()[1] < 40  # set by the ordinary months, not the 300
    texts = drawn.texts()
    assert "300.0 ↑" in texts  # the cut bar still says its value
    assert "1 bar cut at the top: too tall for the scale of the rest" in texts
    assert "1 bar (2024-04) cut at the top of the axis" in image.alt
    assert "2024-04: 300.0" in image.alt


def test_close_values_are_drawn_whole(drawn):
    breakdown_chart(MONTHS, title="Distance in 2024 by month", axis="distance (km)")
    assert drawn.last.axes[0].get_ylim()[1] >= 120
    assert not any("cut" in t for t in drawn.texts())


@pytest.mark.parametrize("count", [12, 18, 24])
def test_bar_labels_never_overlap(drawn, count):
    bars = [Bar(f"week {i}", 3600.0 + i, f"1:0{i % 10}:{i:02d}") for i in range(count)]
    breakdown_chart(bars, title="Time by week", axis="hours")
    ax = drawn.last.axes[0]
    shown = {b.shown for b in bars}
    boxes = [box for text, box in drawn.extents() if text.strip() in shown]
    assert len(boxes) == count
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    top = ax.transAxes.transform((0, 1))[1]
    assert all(box.y1 <= top + 1 for box in boxes)  # not clipped by the axes top
