"""Every chart on the demo history and on edge cases: a valid, non-blank 1200x700 PNG whose alt
text carries the key numbers (counted here independently of the chart code)."""

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
    ("trend-run-pace", "demo", _trend("pace", "real_run", date(2023, 1, 1))),
    ("trend-weekly", "demo", _trend("workouts_per_week")),
    ("trend-duration", "demo", _trend("duration", "pup_walk")),
    ("trend-not-enough", "demo", _trend("pace", "mixed", date(2025, 10, 1))),
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


def test_numpy_year_is_accepted(demo_frame):
    assert calendar_heatmap(demo_frame, year=np.int64(2024)).filename == "calendar-2024.png"


def test_empty_year_says_no_workouts(demo_frame):
    image = calendar_heatmap(demo_frame, year=2030)
    assert "no workouts" in image.alt
    assert "2030" in image.alt


def test_not_enough_data_trend_keeps_the_headline_as_title_and_alt(demo_frame):
    result = trend(demo_frame, metric="pace", label="mixed", start=date(2025, 10, 1))
    assert not result.enough_data
    image = trend_chart(result)
    assert image.alt.startswith("Not enough data")
    assert f"{result.n} run-walks" in image.alt


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


def test_km_and_mi_draw_different_pace_axes(demo_frame):
    result = trend(demo_frame, metric="pace", label="real_run")
    assert trend_chart(result, unit="mi").png != trend_chart(result, unit="km").png


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


def test_unknown_anomaly_metric_is_refused(demo_frame):
    with pytest.raises(ValueError, match="metric"):
        anomalies_chart(demo_frame, find_anomalies(demo_frame), metric="heart_rate")


@pytest.mark.parametrize("year", [0, 10_000, 2024.0, True, "2024"])
def test_bad_year_is_refused(demo_frame, year):
    with pytest.raises(ValueError, match="year"):
        calendar_heatmap(demo_frame, year=year)


def test_event_name_becomes_a_safe_filename(demo_frame):
    image = choco_timeline(demo_frame, event_date=EVENT, event_name="Chöco arrives!")
    assert image.filename == "timeline-choco-arrives-2018-06-01.png"
    assert "Chöco arrives!" in image.alt


def test_anomalies_alt_lists_reasons_most_severe_first(demo_frame):
    report = find_anomalies(demo_frame, start=date(2023, 1, 1), end=date(2024, 12, 31))
    items = [a for a in report.items if a.metric == "avg_pace_s_per_km"]
    assert len(items) >= 2
    alt = anomalies_chart(demo_frame, report).alt
    positions = [alt.index(a.reason) for a in items]
    assert positions == sorted(positions)


def test_consistency_alt_marks_the_weakest(demo_frame):
    score = consistency_score(demo_frame, end=date(2025, 12, 31))
    alt = consistency_chart(score).alt
    assert f"{score.weakest}: {score.dimension(score.weakest).score:.0f}, the weakest" in alt
    assert alt.count("the weakest") == 1


def test_scatter_alt_names_every_centre(demo_frame, demo_model):
    alt = classification_scatter(demo_frame, demo_model).alt
    for c in demo_model.components:
        assert wf.format_pace(c.pace_s_per_km, "mi") in alt
        assert f"{wf.distance_in(c.distance_m, 'mi'):.1f} mi" in alt


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


def test_drawn_line_is_the_trend_line(demo_frame):
    from analytics.charts.trend import _fit
    from analytics.trends import DAYS_PER_MONTH

    result = trend(demo_frame, metric="pace", label="real_run")
    days = pd.to_datetime([d for d, _ in result.points])
    x = np.asarray((days - days[0]).days, dtype=float)
    line, half = _fit(x, np.array([v for _, v in result.points]))
    slope = (line[-1] - line[0]) / (x[-1] - x[0]) * DAYS_PER_MONTH
    assert slope == pytest.approx(result.slope_per_month, rel=1e-9)
    assert half.min() > 0
    assert np.argmin(half) == np.argmin(np.abs(x - x.mean()))  # narrowest at the mean day
