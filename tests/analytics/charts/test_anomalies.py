"""The anomalies chart: the metrics it can draw, and its alt text in order of severity."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.anomalies import find_anomalies
from analytics.charts import anomalies_chart


def test_unknown_anomaly_metric_is_refused(demo_frame):
    with pytest.raises(ValueError, match="metric"):
        anomalies_chart(demo_frame, find_anomalies(demo_frame), metric="heart_rate")


def test_anomalies_alt_lists_reasons_most_severe_first(demo_frame):
    report = find_anomalies(demo_frame, start=date(2023, 1, 1), end=date(2024, 12, 31))
    items = [a for a in report.items if a.metric == "avg_pace_s_per_km"]
    assert len(items) >= 2
    alt = anomalies_chart(demo_frame, report).alt
    positions = [alt.index(a.reason) for a in items]
    assert positions == sorted(positions)
