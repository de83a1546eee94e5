"""The trend chart: its line is the trend's own, its axis follows the unit, and a trend without
enough data still says so."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.charts import trend_chart
from analytics.trends import trend


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
