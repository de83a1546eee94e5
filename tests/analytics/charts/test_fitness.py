"""The fitness chart: a readable PNG with the curves of the period, events marked as dashed
lines with their names, the owner's class names and the numbers in the alt text."""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

from analytics.charts.fitness import fitness_chart
from analytics.frame import DOG_NAMES, WALK_NAMES
from analytics.load import load_curves
from tests.analytics.charts.captured import Drawn, recording
from tests.analytics.charts.checks import capturing, chart_problems
from tests.analytics.charts.conftest import assert_valid_chart

END = date(2025, 12, 31)
EVENTS = [
    (date(2025, 3, 1), "Choco arrives"),
    (date(2025, 3, 3), "Half marathon"),
    (date(2025, 10, 12), "Berlin Marathon"),
    (date(2023, 5, 1), "Before the period"),
]


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    return recording(monkeypatch)


@pytest.fixture(scope="module")
def curves():
    rng = np.random.default_rng(42)
    days = pd.date_range("2023-06-01", END, freq="D")
    days = days[rng.random(len(days)) < 0.6]
    labels = rng.choice(["run", "walk"], size=len(days), p=[0.6, 0.4])
    pace = np.where(labels == "walk", 700.0, rng.uniform(290, 380, len(days)))
    minutes = rng.uniform(25, 70, len(days))
    history = pd.DataFrame(
        {
            "workout_date": days,
            "label": labels,
            "duration_s": minutes * 60,
            "distance_m": minutes * 60 / pace * 1000,
            "avg_pace_s_per_km": pace,
        }
    )
    return load_curves(history, end=END)


def test_renders_the_last_12_months_with_events_marked(curves, drawn):
    with capturing() as shots:
        image = fitness_chart(curves, events=EVENTS, unit="km")
    assert_valid_chart(image)
    start = END - timedelta(days=364)
    assert chart_problems(shots[0], period=(start, END), subject=["fitness"]) == []
    fig = drawn.last
    for ax in fig.axes:
        dashed = {
            round(float(np.asarray(line.get_xdata())[0]))
            for line in ax.get_lines()
            if line.get_linestyle() == "--"
        }
        marked = {round(mdates.date2num(pd.Timestamp(d))) for d, _ in EVENTS[:3]}
        assert dashed == marked
    texts = drawn.texts()
    assert "Choco arrives; Half marathon" in texts  # two days apart: one label
    assert "Berlin Marathon" in texts
    assert not any("Before the period" in t for t in texts)
    now = curves.current
    assert (
        f"fitness {now.fitness:.1f}, fatigue {now.fatigue:.1f}, form {now.form:+.1f}" in image.alt
    )
    assert "Choco arrives (2025-03-01)" in image.alt and "Before the period" not in image.alt
    assert "min/km" in image.alt
    assert image.filename == "fitness-2025-01-01-2025-12-31.png"


@pytest.mark.parametrize(("names", "walks"), [(DOG_NAMES, "dog walks"), (WALK_NAMES, "walks")])
def test_load_mix_in_the_owner_s_class_names(curves, drawn, names, walks):
    image = fitness_chart(curves, names=names)
    note = next(t for t in drawn.texts() if t.startswith("Load in the period"))
    assert f" {walks} " in note and "runs" in note
    assert (" dog walks" in note) == (names is DOG_NAMES)
    assert note in image.alt or note.split(": ")[1] in image.alt


def test_a_period_asked_and_a_period_without_data(curves):
    with capturing() as shots:
        image = fitness_chart(curves, start=date(2024, 1, 1), end=date(2024, 6, 30))
    assert_valid_chart(image)
    assert chart_problems(shots[0], period=(date(2024, 1, 1), date(2024, 6, 30))) == []
    assert "2024-06-30: fitness" in image.alt
    empty = fitness_chart(curves, start=date(2020, 1, 1), end=date(2020, 12, 31))
    assert_valid_chart(empty)
    assert "no workouts" in empty.alt
    with pytest.raises(ValueError, match="unit"):
        fitness_chart(curves, unit="furlong")
