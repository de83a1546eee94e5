"""Every chart on the demo history and on edge cases: a valid, non-blank 1200x700 PNG whose alt
text carries the key numbers (counted here independently of the chart code), in either unit,
the same bytes for the same input, and the caller's frame left alone. What one chart alone
promises is in that chart's own test module."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics import frame as wf
from analytics.anomalies import find_anomalies
from analytics.charts import (
    anomalies_chart,
    calendar_heatmap,
    choco_timeline,
    classification_scatter,
    consistency_chart,
    trend_chart,
)
from analytics.classifier.training import train
from analytics.consistency import consistency_score
from analytics.trends import trend
from tests.analytics.charts.conftest import assert_valid_chart

EVENT = date(2018, 6, 1)


def _choco(frame, _model):
    image = choco_timeline(frame, event_date=EVENT, event_name="Choco")
    before = int((frame["workout_date"] < pd.Timestamp(EVENT)).sum())
    after = len(frame) - before
    counts = [f"{n} workout" if n else "no workouts" for n in (before, after)]
    return image, ["Choco", "2018-06-01", *counts], "timeline-choco-2018-06-01.png"


def _calendar(year):
    def build(frame, _model):
        n = int((frame["workout_date"].dt.year == year).sum())
        words = [f"{n} workout"] if n else ["no workouts"]
        return calendar_heatmap(frame, year=year), [str(year), *words], f"calendar-{year}.png"

    return build


def _trend(metric, label=None, start=None):
    def build(frame, _model):
        result = trend(frame, metric=metric, label=label, start=start)
        expected = [result.headline.rstrip("."), f"{result.n} "]
        if result.forecast:
            expected.append(result.forecast[-1].date.isoformat())
        name = f"trend-{metric.replace('_', '-')}-{(label or 'all').replace('_', '-')}.png"
        return trend_chart(result), expected, name

    return build


def _anomalies(start, end, metric="pace"):
    def build(frame, _model):
        report = find_anomalies(frame, start=start, end=end)
        column = {"pace": "avg_pace_s_per_km", "duration": "duration_s"}[metric]
        dates = [a.workout_date.isoformat() for a in report.items if a.metric == column][:5]
        image = anomalies_chart(frame, report, metric=metric)
        expected = [*dates, f"{start} to {end}"] if dates else ["No unusual", f"{start} to {end}"]
        return image, expected, f"anomalies-{metric}-{start}-to-{end}.png"

    return build


def _scatter(model_from_frame: bool):
    def build(frame, model):
        model = train(frame) if model_from_frame else model
        foot = frame["label"].isin(wf.FOOT_LABELS)
        foot &= (frame["avg_pace_s_per_km"] > 0) & (frame["distance_m"] > 0)
        centres = (
            [f"{len(model.components)} cluster centres"]
            if model.components
            else ["No cluster centres", model.algorithm.replace("_", " ")]
        )
        image = classification_scatter(frame, model)
        return image, [f"{int(foot.sum())} foot workout", *centres], "classification-scatter.png"

    return build


def _consistency(end):
    def build(frame, _model):
        score = consistency_score(frame, end=end)
        expected = [f"{score.score:.0f}/100", f"{score.workouts} workout", end.isoformat()]
        if score.workouts:
            expected.append(f"{score.weakest}: {score.dimension(score.weakest).score:.0f}")
        if any(d.score is None for d in score.dimensions):
            expected.append("not measurable")
        return consistency_chart(score), expected, f"consistency-{end}.png"

    return build


FRAMES = {
    "demo": lambda f: f,
    "empty": lambda f: f.iloc[:0],
    "one": lambda f: f.iloc[:1],
}


CASES = [
    ("choco", "demo", _choco),
    ("choco", "empty", _choco),
    ("choco", "one", _choco),
    ("calendar-2024", "demo", _calendar(2024)),
    ("calendar-empty-year", "demo", _calendar(2030)),
    ("calendar", "empty", _calendar(2024)),
    ("calendar", "one", _calendar(2011)),
    ("trend-run-pace", "demo", _trend("pace", "run", date(2023, 1, 1))),
    ("trend-weekly", "demo", _trend("workouts_per_week")),
    ("trend-duration", "demo", _trend("duration", "walk")),
    ("trend-not-enough", "demo", _trend("pace", "run_walk", date(2025, 10, 1))),
    ("trend", "empty", _trend("pace")),
    ("trend", "one", _trend("distance")),
    ("anomalies-pace", "demo", _anomalies(date(2023, 1, 1), date(2024, 12, 31))),
    ("anomalies-duration", "demo", _anomalies(date(2024, 1, 1), date(2024, 12, 31), "duration")),
    ("anomalies-none", "demo", _anomalies(date(2019, 1, 1), date(2019, 1, 31))),
    ("anomalies", "empty", _anomalies(date(2024, 1, 1), date(2024, 12, 31))),
    ("anomalies", "one", _anomalies(date(2011, 1, 1), date(2011, 12, 31))),
    ("scatter", "demo", _scatter(False)),
    ("scatter-fallback-model", "one", _scatter(True)),
    ("scatter", "empty", _scatter(True)),
    ("consistency", "demo", _consistency(date(2025, 12, 31))),
    ("consistency-unmeasurable", "one", _consistency(date(2011, 1, 31))),
    ("consistency", "empty", _consistency(date(2024, 6, 30))),
]


@pytest.mark.parametrize(
    ("frame_name", "build"),
    [pytest.param(frame, build, id=f"{chart}-{frame}") for chart, frame, build in CASES],
)
def test_chart_is_a_readable_png_with_key_numbers(demo_frame, demo_model, frame_name, build):
    image, expected_alt, filename = build(FRAMES[frame_name](demo_frame), demo_model)
    assert_valid_chart(image)
    for text in expected_alt:
        assert text in image.alt, f"{text!r} missing from alt text: {image.alt}"
    assert image.filename == filename


def test_demo_alt_texts_carry_the_story(demo_frame):
    """Spot checks against numbers known from the demo history's generator."""
    choco = choco_timeline(demo_frame, event_date=EVENT, event_name="Choco")
    assert "4.2 a month" in choco.alt
    assert "16.3 a month" in choco.alt
    assert "dog walk 68%" in choco.alt
    calendar = calendar_heatmap(demo_frame, year=2024)
    assert "185 workouts on 153 days" in calendar.alt


@pytest.mark.parametrize("unit", ["mi", "km"])
def test_units_reach_the_alt_text(demo_frame, demo_model, unit):
    other = "km" if unit == "mi" else "mi"
    texts = [
        choco_timeline(demo_frame, event_date=EVENT, event_name="Choco", unit=unit).alt,
        classification_scatter(demo_frame, demo_model, unit=unit).alt,
    ]
    for alt in texts:
        assert f"min/{unit}" in alt
        assert f"min/{other}" not in alt


@pytest.mark.parametrize(
    "draw",
    [
        lambda f, m: choco_timeline(f, event_date=EVENT, event_name="x", unit="furlong"),
        lambda f, m: trend_chart(trend(f, metric="pace"), unit="furlong"),
        lambda f, m: anomalies_chart(f, find_anomalies(f), unit="furlong"),
        lambda f, m: classification_scatter(f, m, unit="furlong"),
    ],
    ids=["choco", "trend", "anomalies", "scatter"],
)
def test_unknown_unit_is_refused(demo_frame, demo_model, draw):
    with pytest.raises(ValueError, match="unit"):
        draw(demo_frame, demo_model)


def test_charts_do_not_change_the_caller_frame(demo_frame, demo_model):
    before = demo_frame.copy()
    choco_timeline(demo_frame, event_date=EVENT, event_name="Choco")
    calendar_heatmap(demo_frame, year=2024)
    classification_scatter(demo_frame, demo_model)
    anomalies_chart(demo_frame, find_anomalies(demo_frame))
    pd.testing.assert_frame_equal(demo_frame, before)


def test_missing_columns_are_reported(demo_frame):
    from analytics.errors import MissingColumns

    with pytest.raises(MissingColumns, match="label"):
        choco_timeline(demo_frame.drop(columns="label"), event_date=EVENT, event_name="Choco")


def test_same_input_same_bytes(demo_frame):
    first = calendar_heatmap(demo_frame, year=2024)
    second = calendar_heatmap(demo_frame, year=2024)
    assert first == second
    assert np.frombuffer(first.png, np.uint8).size > 10_000
