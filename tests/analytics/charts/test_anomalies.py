"""The anomalies chart: the metrics it can draw, and its alt text in order of severity."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
import pandas as pd
import pytest

from analytics.anomalies import find_anomalies
from analytics.charts import anomalies_chart
from tests.analytics.charts.test_style import figures_drawn, over_an_hour, tick_texts


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


def _broken(frame: pd.DataFrame) -> tuple[pd.DataFrame, date]:
    """The demo history with one run in Sept 2025 at 5000 s/km (a broken row)."""
    runs = frame.index[
        (frame["label"] == "run") & (frame["workout_date"].dt.strftime("%Y-%m") == "2025-09")
    ]
    frame.loc[runs[0], "avg_pace_s_per_km"] = 5000.0
    return frame, frame.loc[runs[0], "workout_date"].date()


def _drawn(monkeypatch, frame, report, **kwargs):
    with figures_drawn(monkeypatch) as figures:
        image = anomalies_chart(frame, report, **kwargs)
    return image, figures[0].axes[0]


def test_x_range_is_the_period_asked(demo_frame, monkeypatch):
    report = find_anomalies(demo_frame, start=date(2025, 9, 1), end=date(2025, 9, 30))
    _, ax = _drawn(monkeypatch, demo_frame, report)
    assert ax.get_xlim() == pytest.approx(
        (mdates.date2num(pd.Timestamp("2025-09-01")), mdates.date2num(pd.Timestamp("2025-10-01")))
    )


def test_one_broken_row_does_not_stretch_the_pace_axis(demo_frame, monkeypatch):
    frame, broken = _broken(demo_frame)
    report = find_anomalies(frame, start=date(2025, 9, 1), end=date(2025, 9, 30))
    image, ax = _drawn(monkeypatch, frame, report)
    slowest = max(ax.get_ylim())
    assert slowest < 45  # dog walks are 20-30 min/mi; the broken row is 134
    labels = tick_texts(ax)
    assert labels and not any(over_an_hour(t) for t in labels), labels
    edge = [t.get_text() for t in ax.texts if t.get_gid() == "outside"]
    assert edge == ["1 ↓"]  # slow is down: marked at the bottom edge with its count
    arrows = [line.get_xdata()[0] for line in ax.lines if line.get_gid() == "outside"]
    assert arrows == pytest.approx([mdates.date2num(pd.Timestamp(broken))])
    assert "1 value beyond the axis" in image.alt


def test_a_row_present_twice_is_drawn_once(demo_frame, monkeypatch):
    report = find_anomalies(demo_frame, start=date(2024, 1, 1), end=date(2024, 12, 31))
    flagged = report.items[0].workout_id
    twice = pd.concat([demo_frame, demo_frame[demo_frame["id"] == flagged]], ignore_index=True)
    again = find_anomalies(twice, start=date(2024, 1, 1), end=date(2024, 12, 31))
    _, ax = _drawn(monkeypatch, twice, again)
    rings = ax.collections[-1].get_offsets()
    assert len(rings) == len({a.workout_id for a in again.items})
    dots = sum(len(line.get_xdata()) for line in ax.lines if line.get_gid() != "outside")
    _, lone = _drawn(monkeypatch, demo_frame, report)
    assert dots == sum(len(line.get_xdata()) for line in lone.lines if line.get_gid() != "outside")
    dates = [t.get_text() for t in ax.texts if t.get_gid() != "outside"]
    assert len(dates) == len(set(dates))


def test_title_counts_what_the_reply_counts_one_mark_per_workout(demo_frame, monkeypatch):
    report = find_anomalies(demo_frame)  # outliers flagged on pace and on duration
    workouts = {a.workout_id for a in report.items}
    assert len(workouts) < len(report.items)  # some workout is listed twice
    with figures_drawn(monkeypatch) as figures:
        anomalies_chart(demo_frame, report)
    title = figures[0]._suptitle.get_text()
    assert title.startswith(f"{len(report.items)} unusual values in {len(workouts)} workouts")
    paced = demo_frame.loc[demo_frame["avg_pace_s_per_km"] > 0, "id"]
    rings = figures[0].axes[0].collections[-1].get_offsets()
    assert len(rings) == len(workouts & set(paced))  # one each, at its pace whatever flagged it
    assert "\n" not in title
