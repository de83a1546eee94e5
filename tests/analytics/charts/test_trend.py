"""The trend chart: its line is the trend's own, its axis follows the unit, and a trend without
enough data still says so."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.charts import style, trend_chart
from analytics.trends import trend
from tests.analytics.charts.test_style import figures_drawn, over_an_hour, tick_texts


def test_not_enough_data_trend_keeps_the_headline_as_title_and_alt(demo_frame):
    result = trend(demo_frame, metric="pace", label="run_walk", start=date(2025, 10, 1))
    assert not result.enough_data
    image = trend_chart(result)
    assert image.alt.startswith("Not enough data")
    assert f"{result.n} run-walks" in image.alt


def test_km_and_mi_draw_different_pace_axes(demo_frame):
    result = trend(demo_frame, metric="pace", label="run")
    assert trend_chart(result, unit="mi").png != trend_chart(result, unit="km").png


def test_drawn_line_is_the_trend_line(demo_frame):
    from analytics.charts.trend import _fit
    from analytics.trends import DAYS_PER_MONTH

    result = trend(demo_frame, metric="pace", label="run")
    days = pd.to_datetime([d for d, _ in result.points])
    x = np.asarray((days - days[0]).days, dtype=float)
    line, half = _fit(x, np.array([v for _, v in result.points]))
    slope = (line[-1] - line[0]) / (x[-1] - x[0]) * DAYS_PER_MONTH
    assert slope == pytest.approx(result.slope_per_month, rel=1e-9)
    assert half.min() > 0
    assert np.argmin(half) == np.argmin(np.abs(x - x.mean()))  # narrowest at the mean day


def _drawn(monkeypatch, result, **kwargs):
    with figures_drawn(monkeypatch) as figures:
        image = trend_chart(result, **kwargs)
    return image, figures[0]


def _with_broken_run(frame: pd.DataFrame) -> pd.DataFrame:
    """One run of 2025 at 5000 s/km (134 min/mi), as a broken row or a mislabel gives."""
    runs = frame.index[(frame["label"] == "run") & (frame["workout_date"].dt.year == 2025)]
    frame.loc[runs[len(runs) // 2], "avg_pace_s_per_km"] = 5000.0
    return frame


def test_one_broken_point_does_not_stretch_the_axis_and_is_marked(demo_frame, monkeypatch):
    result = trend(_with_broken_run(demo_frame), metric="pace", label="run", start=date(2025, 1, 1))
    image, fig = _drawn(monkeypatch, result)
    ax = fig.axes[0]
    assert max(ax.get_ylim()) < 30  # runs are 8-11 min/mi; the broken one is 134
    labels = tick_texts(ax)
    assert labels and not any(over_an_hour(t) for t in labels), labels
    assert [t.get_text() for t in ax.texts if t.get_gid() == "outside"] == ["1 ↓"]
    assert "1 run beyond the axis" in image.alt


def test_bands_are_clipped_to_the_axis(demo_frame, monkeypatch):
    result = trend(demo_frame, metric="pace", label="walk", start=date(2025, 10, 1))
    assert result.enough_data and result.forecast
    _, fig = _drawn(monkeypatch, result)
    ax = fig.axes[0]
    low, high = sorted(ax.get_ylim())
    for band in ax.collections:
        y = band.get_paths()[0].vertices[:, 1]
        assert low - 1e-9 <= y.min() and y.max() <= high + 1e-9


def test_x_range_is_the_period_asked_to_the_forecast(demo_frame, monkeypatch):
    result = trend(
        demo_frame, metric="pace", label="run", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    _, fig = _drawn(monkeypatch, result)
    assert fig.axes[0].get_xlim() == pytest.approx(
        style.period_bounds(date(2025, 1, 1), result.forecast[-1].date)
    )


@pytest.mark.parametrize("seconds_per_km", [0.3, 40.0])
def test_one_slope_format_and_a_one_line_title(demo_frame, monkeypatch, seconds_per_km):
    result = trend(demo_frame, metric="pace", label="run", start=date(2025, 1, 1))
    result = replace(result, slope_per_month=seconds_per_km)
    _, fig = _drawn(monkeypatch, result)
    title = fig._suptitle.get_text()
    assert re.search(r"[+-]\d+\.\d s/mi a month", title), title
    assert "min/mi per month" not in title
    assert "\n" not in title and len(title) <= style.TITLE_WRAP
